import { hourOf, SkippedInputTally, systemClock } from '@vigil/core';
import { type CaptureRecord, parseCaptureStream } from '@vigil/core/capture';
import { reportModelQuality } from '@vigil/core/modelquality';
import { openLocation } from '../adapters.ts';
import { flag, optionalString, requiredString } from '../args.ts';
import { defineCommand, helpText } from '../command.ts';
import { jsonlObjects, readGroundTruthLabels } from '../jsonl-inputs.ts';
import { problemTypeOption, thresholdOption } from './baseline-model-quality.ts';
import { PREDICTION_OPTIONS, predictionAttributes } from './prediction-options.ts';
import { endpointOption, outFolder, REPORT_OPTIONS, requiredPaths, runPorts } from './run-options.ts';

/** `vigil monitor model-quality`: one model-quality execution over capture files and ground-truth files. */
export const monitorModelQualityCommand = defineCommand({
  name: 'monitor model-quality',
  usage:
    'monitor model-quality --baseline DIR --capture PATH... --ground-truth PATH... --problem-type TYPE ' +
    '[--inference-attribute A] [--probability-attribute A] [--probability-threshold X] [--ground-truth-attribute A] ' +
    '--out DIR [--endpoint NAME] [--no-estimate] [--cloudwatch] [--home DIR]',
  options: {
    baseline: 'string',
    capture: 'string[]',
    'ground-truth': 'string[]',
    'problem-type': 'string',
    ...PREDICTION_OPTIONS,
    endpoint: 'string',
    'schedule-name': 'string',
    'namespace-prefix': 'string',
    'no-estimate': 'boolean',
    ...REPORT_OPTIONS,
  },
  details: helpText`
    --baseline               Folder (or s3:// prefix) with constraints.json (SageMaker- or Vigil-made) and, for
                             the estimate before labels, calibration.json.
    --capture                A capture .jsonl file, or a folder / s3:// prefix walked for .jsonl files (repeatable).
    --ground-truth           A ground-truth .jsonl file or folder / s3:// prefix (repeatable). Joined on the
                             capture's inferenceId, else its eventId.
    --inference-attribute    CSV output: 0-based column index; JSON output: JSON path (predicted_label, $.score).
    --probability-attribute  Same, for the positive-class probability (binary).
    --ground-truth-attribute Where the label is in the ground-truth data (default: its first column).
    --out                    Report folder: statistics.json, constraint_violations.json, estimated_quality.json, report.html.
    Metrics (SageMaker names, plus estimated_accuracy/precision/recall/f1/auc) go to the local store under --home
    (default .vigil), or to CloudWatch with --cloudwatch. Exit 0 with or without violations; 1 when the run failed.
  `,
  async run(args, io) {
    const problemType = problemTypeOption(args);
    const captures = requiredPaths(args, 'capture', 'a file, folder or s3:// URI; repeatable');
    const groundTruths = requiredPaths(args, 'ground-truth', 'a file, folder or s3:// URI');
    const probabilityThreshold = thresholdOption(args);
    const baseline = openLocation(requiredString(args, 'baseline'), io.cwd);
    const output = outFolder(args, io);
    const endpoint = endpointOption(args);

    const skipped = new SkippedInputTally();
    const records: CaptureRecord[] = [];
    let captureFiles = 0;
    for (const path of captures) {
      for (const location of await jsonlObjects(openLocation(path, io.cwd))) {
        captureFiles++;
        for await (const record of parseCaptureStream(
          location.store.stream(location.key),
          location.key,
          (issue) => skipped.add(`capture-${issue.reason}`, `${issue.key}:${issue.line}`),
        )) {
          records.push(record);
        }
      }
    }
    const labels = await readGroundTruthLabels(groundTruths, io.cwd, (issue) =>
      skipped.add(`ground-truth-${issue.reason}`, `${issue.key}:${issue.line}`),
    );
    const now = systemClock.now();
    const result = await reportModelQuality(
      runPorts(args, io),
      { records, labels, skipped: skipped.toSkipped() },
      {
        endpoint,
        scheduleName: optionalString(args, 'schedule-name'),
        scheduledTime: hourOf(now),
        baseline,
        output,
        problemType,
        attributes: { ...predictionAttributes(args), probabilityThreshold },
        namespacePrefix: optionalString(args, 'namespace-prefix'),
        estimate: !flag(args, 'no-estimate'),
      },
    );
    const { detail } = result;
    for (const v of detail.violations) io.stdout(`${v.subject}\t${v.checkType}\t${v.description}`);
    const skips = detail.skipped.map((s) => `${s.count} ${s.reason}`).join(', ');
    const estimated = result.evaluation?.estimate ? '; estimate before labels in estimated_quality.json' : '';
    io.stderr(
      `${detail.status}: ${detail.violationCount} violations; ${result.merge?.matched ?? 0} of ${detail.recordCount} ` +
        `predictions from ${captureFiles} capture files matched ${labels.length} labels${skips ? `; ${skips}` : ''}` +
        `${estimated}; report in ${detail.reportUri}` +
        `${detail.failureReason ? `\n${detail.failureReason}` : ''}`,
    );
    return detail.status === 'Failed' ? 1 : 0;
  },
});
