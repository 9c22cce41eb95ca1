import { joinKey, systemClock } from '@vigil/core';
import { type CaptureRecord, parseCaptureStream } from '@vigil/core/capture';
import { REPORT_FILE, renderVariantReport } from '@vigil/core/report';
import {
  COMPARED_METRICS,
  COMPARISON_FILE,
  compareCapturedVariants,
  comparisonJson,
  readCalibration,
  type VariantComparisonResult,
  variantMetricDatums,
  variantOfCaptureKey,
} from '@vigil/core/variants';
import { cliMetricSink, homePath, openLocation } from '../adapters.ts';
import { flag, optionalNumber, optionalString, requiredName, stringList } from '../args.ts';
import { type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { jsonlObjects, readGroundTruthLabels } from '../jsonl-inputs.ts';
import { problemTypeOption, thresholdOption } from './baseline-model-quality.ts';
import { PREDICTION_OPTIONS, predictionAttributes } from './prediction-options.ts';
import { optionalTime, outFolder, REPORT_OPTIONS, requiredPaths, WINDOW_OPTIONS } from './run-options.ts';

/** `vigil compare variants`: is the challenger better than the champion, with statistics. */
export const compareVariantsCommand = defineCommand({
  name: 'compare variants',
  usage:
    'compare variants --endpoint E --champion A --challenger B... [--shadow S...] --capture PATH... ' +
    '[--ground-truth PATH...] --problem-type TYPE [--start T --end T] [--inference-attribute A] ' +
    '[--probability-attribute A] [--probability-threshold X] [--ground-truth-attribute A] [--significance 0.05] ' +
    '[--minimum-effect 0.01] [--power 0.8] [--metric M] [--baseline DIR] --out DIR [--cloudwatch] [--home DIR]',
  options: {
    endpoint: 'string',
    champion: 'string',
    challenger: 'string[]',
    shadow: 'string[]',
    capture: 'string[]',
    'ground-truth': 'string[]',
    'problem-type': 'string',
    ...WINDOW_OPTIONS,
    ...PREDICTION_OPTIONS,
    significance: 'string',
    'minimum-effect': 'string',
    power: 'string',
    metric: 'string',
    baseline: 'string',
    'namespace-prefix': 'string',
    ...REPORT_OPTIONS,
  },
  details: helpText`
    --capture          Capture files, folders or s3:// prefixes laid out as SageMaker writes them,
                       {capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/*.jsonl: the variant is the path segment.
    --ground-truth     Ground-truth .jsonl files or folders, joined on inferenceId, else eventId.
    --start, --end     ISO-8601 times: only records whose inferenceTime lies in [start, end).
    --significance     α (default 0.05). --minimum-effect: the smallest difference that matters (default 0.01).
    --power            1 − β of the sample size still needed when inconclusive (default 0.8).
    --metric           The decision metric: auc, accuracy, precision, recall, f1 (binary), accuracy
                       (multiclass), mae, mse (regression). Default: the first of these for the problem type.
    --baseline         A model-quality baseline folder with calibration.json: estimates before labels.
    --out              Folder for comparison.json and report.html. Metrics variant_<metric>_delta, variant_decision, … go to
                       the local store under --home (default .vigil), or to CloudWatch with --cloudwatch.
    Exit 0 whatever the decision; 1 when the comparison could not be made.
  `,
  async run(args, io) {
    const endpoint = requiredName(args, 'endpoint');
    const champion = requiredName(args, 'champion');
    const challengers = names(args, 'challenger');
    const shadows = names(args, 'shadow');
    if (challengers.length + shadows.length === 0) {
      throw new UsageError(
        '--challenger (or --shadow) is required: name the variants to compare with the champion',
      );
    }
    const problemType = problemTypeOption(args);
    const metric = optionalString(args, 'metric');
    if (metric !== undefined && !COMPARED_METRICS[problemType].includes(metric)) {
      throw new UsageError(
        `--metric must be one of ${COMPARED_METRICS[problemType].join(', ')} for ${problemType}`,
      );
    }
    const significance = optionalNumber(args, 'significance') ?? 0.05;
    const minimumEffect = optionalNumber(args, 'minimum-effect') ?? 0.01;
    const power = optionalNumber(args, 'power') ?? 0.8;
    if (!(significance > 0 && significance < 0.5))
      throw new UsageError('--significance must lie in (0, 0.5)');
    if (!(power > 0 && power < 1)) throw new UsageError('--power must lie in (0, 1)');
    if (!(minimumEffect >= 0)) throw new UsageError('--minimum-effect must be 0 or more');
    const captures = requiredPaths(args, 'capture', 'a file, folder or s3:// URI; repeatable');
    const window = { start: optionalTime(args, 'start'), end: optionalTime(args, 'end') };
    const wanted = new Set([champion, ...challengers, ...shadows]);

    const byVariant = new Map<string, CaptureRecord[]>([...wanted].map((n) => [n, []]));
    let skippedLines = 0;
    let outsideLayout = 0;
    let outsideWindow = 0;
    for (const path of captures) {
      for (const location of await jsonlObjects(openLocation(path, io.cwd))) {
        const place = variantOfCaptureKey(location.key);
        if (!place) {
          outsideLayout++;
          continue;
        }
        if (place.endpoint !== endpoint || !wanted.has(place.variant)) continue;
        const records = byVariant.get(place.variant)!;
        for await (const record of parseCaptureStream(
          location.store.stream(location.key),
          location.key,
          () => {
            skippedLines++;
          },
        )) {
          if (inWindow(record, window)) records.push(record);
          else outsideWindow++;
        }
      }
    }
    const labels = await readGroundTruthLabels(
      stringList(args, 'ground-truth'),
      io.cwd,
      () => skippedLines++,
    );
    if ((byVariant.get(champion) ?? []).length === 0) {
      io.stderr(
        `No captured record of the champion "${champion}" under ${endpoint}/${champion}/yyyy/mm/dd/hh/ in --capture` +
          (outsideLayout ? ` (${outsideLayout} files were not in SageMaker's capture layout)` : ''),
      );
      return 1;
    }
    const baselinePath = optionalString(args, 'baseline');
    const baseline = baselinePath ? openLocation(baselinePath, io.cwd) : undefined;
    const probabilityThreshold = thresholdOption(args);
    const result = compareCapturedVariants(
      [...byVariant].map(([name, records]) => ({ name, records })),
      labels,
      { champion, challengers, shadows },
      {
        problemType,
        attributes: { ...predictionAttributes(args), probabilityThreshold },
        calibration: baseline ? await readCalibration(baseline.store, baseline.key) : undefined,
        significance,
        minimumEffect,
        power,
        metric,
      },
    );
    const { merged, ...comparison } = result;
    const now = systemClock.now();
    const out = outFolder(args, io);
    const key = joinKey(out.key, COMPARISON_FILE);
    const times = comparisonWindow(window, byVariant);
    await out.store.put(
      key,
      comparisonJson(comparison, { endpoint, window: times, generatedAt: now }),
      'application/json',
    );
    await out.store.put(
      joinKey(out.key, REPORT_FILE),
      renderVariantReport({ endpoint, window: times, result: comparison, files: [COMPARISON_FILE] }),
      'text/html; charset=utf-8',
    );
    await cliMetricSink({
      cloudwatch: flag(args, 'cloudwatch'),
      home: homePath(optionalString(args, 'home'), io.cwd),
    }).publish(
      variantMetricDatums(comparison, {
        endpoint,
        timestamp: now,
        namespacePrefix: optionalString(args, 'namespace-prefix'),
      }),
    );
    for (const line of verdictLines(comparison)) io.stdout(line);
    const counts = Object.entries(merged)
      .map(([name, m]) => `${name} ${m.predictions} predictions, ${m.matched} labeled`)
      .join('; ');
    const left = [
      skippedLines ? `${skippedLines} unreadable lines skipped` : '',
      outsideWindow ? `${outsideWindow} records outside --start/--end` : '',
      outsideLayout ? `${outsideLayout} files outside the capture layout` : '',
    ].filter(Boolean);
    io.stderr(
      `${counts}${left.length ? `; ${left.join(', ')}` : ''}; comparison in ${out.store.location.replace(/\/+$/, '')}/${key}`,
    );
    return 0;
  },
});

/**
 * One line per challenger or shadow: its decision on the decision metric, the difference with its
 * interval and p-value, and the sample size still needed when inconclusive.
 *
 * @example
 * ```ts
 * verdictLines(result); // ['B\tchallenger\tchallenger_better\tauc +0.0312 [0.0118, 0.0506] p=0.00161']
 * ```
 */
export function verdictLines(result: VariantComparisonResult): string[] {
  return result.verdicts.map((v) => {
    const m = v.metrics.find((x) => x.metric === v.decisionMetric);
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
    const detail = m
      ? `${m.metric} ${m.difference >= 0 ? '+' : ''}${f(m.difference)} [${f(m.confidenceInterval[0])}, ${f(m.confidenceInterval[1])}] p=${m.pValue.toPrecision(3)}`
      : v.reason;
    const more =
      v.decision === 'inconclusive' && typeof v.sampleSizeNeeded === 'number'
        ? `\tneeds ${v.sampleSizeNeeded} labeled per variant`
        : '';
    const agreement = v.agreement ? `\tagreement ${f(v.agreement.agreementRate)}` : '';
    return `${v.variant}\t${v.role}\t${v.decision}\t${detail}${more}${agreement}`;
  });
}

function names(args: CommandArgs, name: string): string[] {
  const values = stringList(args, name);
  for (const value of values) requiredName({ values: { [name]: value }, positionals: [] }, name);
  return values;
}

function inWindow(record: CaptureRecord, window: { start?: Date; end?: Date }): boolean {
  if (!window.start && !window.end) return true;
  const at = record.inferenceTime ? Date.parse(record.inferenceTime) : Number.NaN;
  if (Number.isNaN(at)) return true;
  return (!window.start || at >= window.start.getTime()) && (!window.end || at < window.end.getTime());
}

/** The window comparison.json states: the options, else the span of the records' inference times. */
function comparisonWindow(window: { start?: Date; end?: Date }, byVariant: Map<string, CaptureRecord[]>) {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const records of byVariant.values()) {
    for (const r of records) {
      const at = r.inferenceTime ? Date.parse(r.inferenceTime) : Number.NaN;
      if (!Number.isNaN(at)) {
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
    }
  }
  const fallback = systemClock.now().getTime();
  return {
    start: window.start ?? new Date(Number.isFinite(first) ? first : fallback),
    end: window.end ?? new Date(Number.isFinite(last) ? last + 1000 : fallback),
  };
}
