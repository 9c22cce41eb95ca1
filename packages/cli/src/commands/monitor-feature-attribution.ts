import { hourOf } from '@vigil/core';
import { modelFormatFor, parseAnalysisConfig, runFeatureAttributionMonitor } from '@vigil/core/explain';
import { openLocation } from '../adapters.ts';
import { optionalName, optionalNumber, optionalString, requiredString } from '../args.ts';
import { type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { readUserText } from '../user-files.ts';
import { modelInvokerFor } from './explain.ts';
import { CLARIFY_MONITOR_INPUTS, outFolder, REPORT_OPTIONS, requiredPaths, runPorts } from './run-options.ts';

/** `vigil monitor feature-attribution`: one run of the feature-attribution drift monitor. */
export const monitorFeatureAttributionCommand = defineCommand({
  name: 'monitor feature-attribution',
  usage:
    'monitor feature-attribution --baseline analysis.json --analysis-config FILE --capture PATH... [--model URL | --endpoint NAME] --out DIR [--cloudwatch] [--home DIR]',
  options: {
    ...CLARIFY_MONITOR_INPUTS,
    model: 'string',
    endpoint: 'string',
    ...REPORT_OPTIONS,
    name: 'string',
    'schedule-name': 'string',
    threshold: 'string',
    'max-invocations': 'string',
    'sample-size': 'string',
    seed: 'string',
  },
  details: helpText`
    --baseline         analysis.json of the baseline explanation (explanations.kernel_shap).
    --analysis-config  Clarify analysis_config.json (methods.shap, predictor, headers).
    --capture          Capture files or folders (repeatable); local paths or s3:// URIs.
    --model / --endpoint  The model to call: an HTTP server with POST /invocations, or a SageMaker endpoint.
    --out              Report folder: analysis.json, constraint_violations.json and report.html.
    --name             Endpoint name for metrics and events (default --endpoint, else "local").
    --threshold        nDCG below which a violation is reported (default 0.9).
    --max-invocations  Budget of records × coalitions (default 100000); over it, fewer records are sampled.
    --sample-size      Records sampled from the capture (default 100).
    Metrics go to the local store under --home (default .vigil) or CloudWatch with --cloudwatch.
  `,
  async run(args, io) {
    const captures = requiredPaths(args, 'capture', 'a file or folder; repeatable');
    const baselinePath = requiredString(args, 'baseline');
    const configPath = requiredString(args, 'analysis-config');
    const out = outFolder(args, io);
    const config = parseAnalysisConfig(
      await readUserText('--analysis-config', configPath, io.cwd),
      configPath,
    );
    const invoker = modelInvokerFor(
      args,
      modelFormatFor(config.predictor, config.dataset_type),
      config.predictor.endpoint_name,
    );
    const threshold = optionalNumber(args, 'threshold');
    if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) {
      throw new UsageError('--threshold must be in (0, 1]');
    }
    const name = optionalName(args, 'name') ?? optionalName(args, 'endpoint') ?? 'local';
    const now = new Date();
    const result = await runFeatureAttributionMonitor(
      { ...runPorts(args, io, (m) => io.stderr(m)), invoker },
      {
        endpoint: name,
        scheduleName: optionalString(args, 'schedule-name'),
        scheduledTime: hourOf(now),
        capture: captures.map((path) => openLocation(path, io.cwd)),
        baseline: openLocation(baselinePath, io.cwd),
        analysisConfig: openLocation(configPath, io.cwd),
        output: out,
        readText: (location) => readUserText('the analysis config names', location, io.cwd),
        ndcgThreshold: threshold,
        maxInvocations: positiveInteger(args, 'max-invocations'),
        sampleSize: positiveInteger(args, 'sample-size'),
        seed: optionalNumber(args, 'seed'),
        onPlan: (_plan, summary) => io.stdout(summary),
      },
    );
    const { detail } = result;
    for (const skipped of detail.skipped) io.stderr(`Skipped ${skipped.count}: ${skipped.reason}`);
    for (const [label, score] of Object.entries(result.ndcgByLabel)) {
      io.stdout(`${label}: nDCG ${score.toFixed(4)} (threshold ${threshold ?? 0.9})`);
    }
    for (const violation of result.violations)
      io.stdout(`Violation: ${violation.label}: ${violation.description}`);
    if (detail.status === 'Failed') {
      io.stderr(`Failed: ${detail.failureReason}`);
      return 1;
    }
    io.stdout(`${detail.status}: report in ${detail.reportUri}`);
    return 0;
  },
});

function positiveInteger(args: CommandArgs, name: string): number | undefined {
  const value = optionalNumber(args, name);
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new UsageError(`--${name} must be a positive integer`);
  }
  return value;
}
