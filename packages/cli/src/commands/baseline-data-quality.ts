import { joinKey } from '@vigil/core';
import { createDataQualityBaseline } from '@vigil/core/dataquality';
import { openLocation } from '../adapters.ts';
import { flag, optionalChoice, requiredString } from '../args.ts';
import { defineCommand, helpText } from '../command.ts';

/** `vigil baseline data-quality`: SageMaker's suggest_baseline, on a laptop or from S3. */
export const baselineDataQualityCommand = defineCommand({
  name: 'baseline data-quality',
  usage: 'baseline data-quality --dataset FILE [--format csv|jsonl] [--no-header] --out DIR',
  options: { dataset: 'string', format: 'string', 'no-header': 'boolean', out: 'string' },
  details: helpText`
    --dataset    The baseline dataset (usually the training set): a local file or an s3:// URI.
    --format     csv (default, or by the .jsonl/.json extension: jsonl).
    --no-header  The CSV has no header row: columns are named _c0, _c1, … as SageMaker names them.
    --out        Folder (or s3:// prefix) that receives statistics.json and constraints.json.
    CSV rows are counted against the header (without one, the width most rows have): absent values
    count as missing, extra values are left out. That, non-finite values (NaN, inf, 1e400: counted as
    missing) and columns inferred String because of a few texts are printed as "warning: …" lines.
    Example: vigil baseline data-quality --dataset train.csv --out baseline/
  `,
  async run(args, io) {
    const datasetPath = requiredString(args, 'dataset');
    const outPath = requiredString(args, 'out');
    const format = optionalChoice(args, 'format', ['csv', 'jsonl']) ?? formatOfPath(datasetPath);
    const dataset = openLocation(datasetPath, io.cwd);
    const out = openLocation(outPath, io.cwd);
    const files = await createDataQualityBaseline(
      dataset.store.stream(dataset.key),
      { format, header: !flag(args, 'no-header') },
      datasetPath,
    );
    await out.store.put(joinKey(out.key, 'statistics.json'), files.statistics, 'application/json');
    await out.store.put(joinKey(out.key, 'constraints.json'), files.constraints, 'application/json');
    const skipped = files.skipped.reduce((n, s) => n + s.count, 0);
    io.stderr(
      `Baselined ${files.profile.itemCount} rows, ${files.names.length} features` +
        `${skipped > 0 ? ` (${skipped} lines skipped: ${files.skipped.map((s) => s.reason).join(', ')})` : ''}` +
        ` → ${outPath.replace(/\/$/, '')}/statistics.json, constraints.json`,
    );
    for (const note of files.notes) io.stderr(`warning: ${note}`);
    return 0;
  },
});

/** The format a dataset's name implies when --format does not say: jsonl for .jsonl or .json, else csv. */
function formatOfPath(path: string): 'csv' | 'jsonl' {
  return /\.jsonl?$/i.test(path) ? 'jsonl' : 'csv';
}
