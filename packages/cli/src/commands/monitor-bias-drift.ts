import { hourOf } from '@vigil/core';
import { runBiasDriftMonitor } from '@vigil/core/bias';
import { openLocation } from '../adapters.ts';
import { flag, optionalNumber, optionalString, requiredString } from '../args.ts';
import { defineCommand, helpText } from '../command.ts';
import { BOOTSTRAP_OPTIONS, bootstrapOptions } from './bootstrap-options.ts';
import { PREDICTION_OPTIONS, predictionAttributes } from './prediction-options.ts';
import {
  CLARIFY_MONITOR_INPUTS,
  endpointOption,
  outFolder,
  REPORT_OPTIONS,
  requiredPaths,
  runPorts,
} from './run-options.ts';

/** `vigil monitor bias-drift`: one run of the bias-drift monitor on capture and ground truth. */
export const monitorBiasDriftCommand = defineCommand({
  name: 'monitor bias-drift',
  usage:
    'monitor bias-drift --baseline analysis.json --analysis-config FILE --capture PATH... --ground-truth PATH... --out DIR [--cloudwatch] [--home DIR]',
  options: {
    ...CLARIFY_MONITOR_INPUTS,
    'ground-truth': 'string[]',
    ...REPORT_OPTIONS,
    endpoint: 'string',
    'schedule-name': 'string',
    ...PREDICTION_OPTIONS,
    ...BOOTSTRAP_OPTIONS,
    'interval-policy': 'boolean',
  },
  details: helpText`
    --baseline          The baseline analysis.json (its metric values are the constraints).
    --analysis-config   Clarify analysis_config.json (label, label_values_or_threshold, facet, headers).
    --capture           Data-capture files or folders (repeatable); local paths or s3:// URIs.
    --ground-truth      Ground-truth files or folders (repeatable); joined on inferenceId, else eventId.
    --out               Report folder: analysis.json, constraint_violations.json and report.html.
    --endpoint          Endpoint name for metrics and events (default "local").
    --inference-attribute / --probability-attribute  Where the prediction is in the output (index or path);
                        a score greater than --probability-threshold (default 0.5) is label 1.
    --bootstrap         Beyond Clarify: a bootstrap interval and group sizes next to each metric
                        (--resamples 500, --confidence 0.95, --seed 1).
    --interval-policy   Report a violation only when the whole interval is worse than the baseline.
    Metrics go to the local store under --home (default .vigil) or CloudWatch with --cloudwatch.
  `,
  async run(args, io) {
    const captures = requiredPaths(args, 'capture', 'a file or folder; repeatable');
    const labels = requiredPaths(args, 'ground-truth', 'a file or folder; repeatable');
    const baseline = openLocation(requiredString(args, 'baseline'), io.cwd);
    const analysisConfig = openLocation(requiredString(args, 'analysis-config'), io.cwd);
    const out = outFolder(args, io);
    const bootstrap = bootstrapOptions(args, flag(args, 'bootstrap') || flag(args, 'interval-policy'));
    const now = new Date();
    const result = await runBiasDriftMonitor(
      runPorts(args, io, (m) => io.stderr(m)),
      {
        endpoint: endpointOption(args),
        scheduleName: optionalString(args, 'schedule-name'),
        scheduledTime: hourOf(now),
        capture: captures.map((path) => openLocation(path, io.cwd)),
        groundTruth: labels.map((path) => openLocation(path, io.cwd)),
        baseline,
        analysisConfig,
        output: out,
        attributes: {
          ...predictionAttributes(args),
          probabilityThreshold: optionalNumber(args, 'probability-threshold'),
        },
        bootstrap,
        policy: flag(args, 'interval-policy') ? 'interval' : 'point',
      },
    );
    const { detail } = result;
    for (const skipped of detail.skipped) io.stderr(`Skipped ${skipped.count}: ${skipped.reason}`);
    for (const v of result.violations)
      io.stdout(`Violation: ${v.metric_name} (${v.facet}=${v.facet_value}): ${v.description}`);
    if (detail.status === 'Failed') {
      io.stderr(`Failed: ${detail.failureReason}`);
      return 1;
    }
    io.stdout(`${detail.status}: ${detail.recordCount} joined rows, report in ${detail.reportUri}`);
    return 0;
  },
});
