import { ConfigError, endpointByName, parseConfig, parseConfigText, scheduledMonitor } from '@vigil/core';
import { describe, expect, it } from 'vitest';

const minimal = {
  version: 1,
  endpoints: [{ name: 'churn-ep', monitors: { dataQuality: { baseline: 'baselines/churn/data-quality' } } }],
};

describe('parseConfig', () => {
  it('fills SageMaker-like defaults', () => {
    const config = parseConfig(minimal);
    const endpoint = endpointByName(config, 'churn-ep');
    expect(endpoint.variant).toBe('AllTraffic');
    expect(endpoint.monitors.dataQuality?.schedule).toBe('rate(1 hour)');
    expect(endpoint.monitors.dataQuality?.window).toEqual({ startOffset: '-PT1H', endOffset: 'PT0H' });
    expect(config.metricsNamespacePrefix).toBe('aws/sagemaker');
    expect(endpoint.rollback.policy).toBe('notify');
  });

  it('names the path of a bad field', () => {
    const bad = structuredClone(minimal) as {
      endpoints: { monitors: { dataQuality: { schedule?: string } } }[];
    };
    bad.endpoints[0]!.monitors.dataQuality.schedule = 'every hour';
    try {
      parseConfig(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).path).toBe('endpoints[0].monitors.dataQuality.schedule');
      expect((error as Error).message).toMatch(/rate\(1 hour\)/);
    }
  });

  it('rejects unknown fields, duplicate endpoints and undefined channels', () => {
    expect(() => parseConfig({ ...minimal, extra: true })).toThrow(ConfigError);
    const duplicate = { version: 1, endpoints: [{ name: 'a' }, { name: 'a' }] };
    expect(() => parseConfig(duplicate)).toThrow(/endpoints\[1\]\.name: duplicate endpoint "a"/);
    const channel = { version: 1, endpoints: [{ name: 'a', alerts: { channels: ['team'] } }] };
    expect(() => parseConfig(channel)).toThrow(
      /endpoints\[0\]\.alerts\.channels\[0\]: unknown channel "team"/,
    );
  });

  it('reports invalid JSON and unknown endpoints clearly', () => {
    expect(() => parseConfigText('{"version": 1,', 'vigil.config.json')).toThrow(
      /vigil.config.json is not valid JSON/,
    );
    expect(() => endpointByName(parseConfig(minimal), 'other')).toThrow(
      /"other" is not configured \(configured: churn-ep\)/,
    );
  });

  it('finds a scheduled monitor, and says what to add when the endpoint or the monitor is missing', () => {
    const config = parseConfig(minimal);
    const { endpoint, monitor } = scheduledMonitor(config, 'churn-ep', 'dataQuality');
    expect(endpoint.name).toBe('churn-ep');
    expect(monitor.baseline).toBe('baselines/churn/data-quality');
    expect(() => scheduledMonitor(config, 'churn-ep', 'biasDrift')).toThrow(
      /^Endpoint "churn-ep" has no biasDrift monitor in the configuration: add one or remove its schedule$/,
    );
    expect(() => scheduledMonitor(config, 'other', 'modelQuality')).toThrow(
      /"other" has no modelQuality monitor in the configuration \(the endpoint is not configured; configured: churn-ep\)/,
    );
  });

  it('rejects an endpoint name SageMaker would reject', () => {
    expect(() => parseConfig({ version: 1, endpoints: [{ name: 'bad_name' }] })).toThrow(
      /endpoints\[0\]\.name/,
    );
  });

  it('rejects group and variant names that would escape an S3 key or an ARN', () => {
    for (const modelPackageGroup of ['../../x', 'a/b', 'g:1', '-g', 'x'.repeat(64)]) {
      expect(() => parseConfig({ version: 1, endpoints: [{ name: 'ep', modelPackageGroup }] })).toThrow(
        /endpoints\[0\]\.modelPackageGroup: must be a SageMaker model package group name/,
      );
    }
    expect(() => parseConfig({ version: 1, endpoints: [{ name: 'ep', variant: '../AllTraffic' }] })).toThrow(
      /endpoints\[0\]\.variant/,
    );
    const config = parseConfig({
      version: 1,
      endpoints: [{ name: 'ep', modelPackageGroup: 'churn-models-2' }],
    });
    expect(config.endpoints[0]?.modelPackageGroup).toBe('churn-models-2');
  });
});
