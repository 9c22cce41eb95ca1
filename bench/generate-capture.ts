import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { seededRandom } from '@vigil/core/random';

/** A small deterministic PRNG (core's mulberry32), so every run profiles the same bytes. */
export { seededRandom } from '@vigil/core/random';

const CATEGORIES = [
  ['red', 'green', 'blue', 'yellow'],
  ['CA', 'NY', 'TX', 'WA', 'FL', 'IL', 'OH', 'GA'],
  ['basic', 'plus', 'premium'],
  ['web', 'ios', 'android', 'partner', 'store'],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
];

/** Column count of the generated capture: 20 numeric then 5 categorical. */
export const BENCH_COLUMNS = 25;

/** Writes lines produced by `line(i)` for i < count, in batches, unless the file already has `minBytes`. */
export async function writeLines(path: string, count: number, minBytes: number, line: (i: number) => string) {
  const existing = await stat(path).catch(() => undefined);
  if (existing && existing.size >= minBytes) return existing.size;
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(line(i));
    if (batch.length === 10_000) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
  }
  if (batch.length) out.write(`${batch.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/**
 * Writes `records` SageMaker data-capture lines (text/csv input of 20 numeric and 5 categorical
 * columns, text/csv output) to `path`, unless a file of that size already exists.
 */
export function generateCaptureFile(path: string, records: number): Promise<number> {
  const random = seededRandom(42);
  return writeLines(path, records, records * 100 + 1, (i) => {
    const fields: string[] = [];
    for (let c = 0; c < 20; c++) {
      const value = c % 3 === 0 ? Math.floor(random() * 1000) : (random() * 100 - 20).toFixed(4);
      fields.push(String(value));
    }
    for (const options of CATEGORIES) fields.push(options[Math.floor(random() * options.length)] ?? '');
    const second = String(i % 60).padStart(2, '0');
    return JSON.stringify({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: fields.join(','),
          encoding: 'CSV',
        },
        endpointOutput: {
          observedContentType: 'text/csv; charset=utf-8',
          mode: 'OUTPUT',
          data: random().toFixed(6),
          encoding: 'CSV',
        },
      },
      eventMetadata: {
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        inferenceTime: `2024-05-01T13:00:${second}Z`,
      },
      eventVersion: '0',
    });
  });
}
