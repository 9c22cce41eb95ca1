import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MONITOR_CONFIG_KEY,
  MONITOR_FOLDER,
  MONITOR_SPECS,
  metricsNamespace,
  monitorSpec,
  parseConfig,
} from '@vigil/core';
import { guardrailAlarms, monitorHealthMetrics } from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** SageMaker's namespaces for real-time endpoints, as its documentation lists them per MonitoringType. */
const SAGEMAKER_NAMESPACES = {
  DataQuality: 'aws/sagemaker/Endpoints/data-metrics',
  ModelQuality: 'aws/sagemaker/Endpoints/model-metrics',
  ModelBias: 'aws/sagemaker/Endpoints/bias-metrics',
  ModelExplainability: 'aws/sagemaker/Endpoints/explainability-metrics',
};

/** A valid configuration of each monitor, by config key (what the endpoint's `monitors` takes). */
const MONITOR_EXAMPLES: Record<string, Record<string, unknown>> = {
  dataQuality: { baseline: 'b/dq/' },
  modelQuality: { baseline: 'b/mq/', problemType: 'BinaryClassification' },
  biasDrift: { baseline: 'b/bias/', analysisConfig: 'b/bias/analysis_config.json' },
  featureAttribution: {
    baseline: 'b/shap/',
    analysisConfig: 'b/shap/analysis_config.json',
    schedule: 'rate(6 hours)',
  },
};

const endpointWith = (configKey: string, prefix?: string) =>
  parseConfig({
    version: 1,
    ...(prefix ? { metricsNamespacePrefix: prefix } : {}),
    endpoints: [{ name: 'ep', monitors: { [configKey]: MONITOR_EXAMPLES[configKey] } }],
  });

describe('the monitor table', () => {
  it("names SageMaker's four MonitoringTypes with SageMaker's metric namespaces", () => {
    expect(MONITOR_SPECS.map((s) => s.type).sort()).toEqual(Object.keys(SAGEMAKER_NAMESPACES).sort());
    for (const [type, namespace] of Object.entries(SAGEMAKER_NAMESPACES)) {
      const folder = MONITOR_FOLDER[type as keyof typeof MONITOR_FOLDER];
      expect(metricsNamespace('aws/sagemaker', folder)).toBe(namespace);
      expect(metricsNamespace(undefined, folder)).toBe(namespace);
      expect(metricsNamespace('acme/ml', folder)).toBe(namespace.replace('aws/sagemaker', 'acme/ml'));
    }
  });

  it('has unique folders, types, config keys, metric suffixes and function names', () => {
    for (const field of ['folder', 'type', 'configKey', 'metricsSuffix'] as const) {
      const values = MONITOR_SPECS.map((s) => s[field]);
      expect(new Set(values).size).toBe(values.length);
    }
    const functions = MONITOR_SPECS.map((s) => s.function.name);
    expect(new Set(functions).size).toBe(functions.length);
  });

  it.each(MONITOR_SPECS.map((s) => [s.folder, s] as const))(
    'gives %s its configuration key, roll-up and heartbeat alarms in its namespace',
    (folder, spec) => {
      expect(MONITOR_EXAMPLES[spec.configKey]).toBeDefined();
      expect(MONITOR_CONFIG_KEY[folder]).toBe(spec.configKey);
      expect(monitorSpec(folder)).toBe(spec);
      const config = endpointWith(spec.configKey, 'acme/ml');
      expect(Object.keys(config.endpoints[0]?.monitors ?? {})).toEqual([spec.configKey]);
      const alarms = guardrailAlarms(config, 'ep');
      expect(alarms.map((a) => a.name)).toEqual([
        `vigil-ep-${folder}-violations`,
        `vigil-ep-${folder}-heartbeat`,
      ]);
      for (const alarm of alarms) {
        expect(alarm).toMatchObject({
          monitor: folder,
          namespace: `acme/ml/Endpoints/${spec.metricsSuffix}`,
          dimensions: { Endpoint: 'ep', MonitoringSchedule: `ep-${folder}` },
        });
      }
      expect(alarms[0]?.severity).toBe(spec.violationSeverity);
      expect(alarms[0]?.description).toContain(spec.violationMeaning);
      const health = monitorHealthMetrics(
        {
          monitoringType: spec.type,
          endpointName: 'ep',
          monitoringScheduleName: `ep-${folder}`,
          status: 'CompletedWithViolations',
          violationCount: 3,
        } as Parameters<typeof monitorHealthMetrics>[0],
        'acme/ml',
        new Date('2024-05-01T13:00:00Z'),
      );
      // The metrics alarm-router publishes are the ones the alarms watch.
      expect(health.map((m) => [m.namespace, m.name])).toEqual(
        [...alarms].reverse().map((a) => [a.namespace, a.metricName]),
      );
    },
  );

  it('is the only place that assembles a metric namespace', () => {
    const offenders: string[] = [];
    const roots = [
      'packages/core/src',
      'packages/aws/src',
      'packages/local/src',
      'packages/cli/src',
      'functions/src',
      'infra',
    ];
    for (const root of roots) {
      for (const file of sourceFiles(join(repo, root))) {
        // The table and metricsNamespace() themselves.
        if (file.includes(join('core', 'src', 'monitors'))) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.replace(/^\s*(\/\*\*|\*|\/\/).*$/, '');
            if (/\/Endpoints\/|-metrics['`]|METRICS_SUFFIX\s*[:=]/.test(code)) {
              offenders.push(`${file.slice(repo.length)}:${i + 1}`);
            }
          });
      }
    }
    expect(offenders).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
