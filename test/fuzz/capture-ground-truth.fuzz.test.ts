import { readWindowLabels } from '@vigil/core/groundtruth';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../support/memory-store.ts';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, MAX_MS_PER_INPUT } from './capture-fuzz-runs.ts';

const encoder = new TextEncoder();

/** A valid ground-truth line and how many labels it holds (one per line of its data). */
const validLabel = fc
  .record({
    json: fc.boolean(),
    labels: fc.array(
      fc.oneof(fc.integer({ min: 0, max: 1 }).map(String), fc.constantFrom('1.0', '0.0', 'yes')),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    eventId: fc.uuid(),
  })
  .map(({ json, labels, eventId }) => {
    const data = json
      ? labels.map((l) => `{"label":${/^[0-9.]+$/.test(l) ? l : JSON.stringify(l)}}`).join('\n')
      : labels.join('\n');
    const text = JSON.stringify({
      groundTruthData: { data, encoding: json ? 'JSON' : 'CSV' },
      eventMetadata: { eventId },
      eventVersion: '0',
    });
    return { bytes: encoder.encode(text), labels: labels.length as number | undefined };
  });

/** A valid line cut short or given a byte that is never UTF-8: it must be counted as an issue. */
const badLabel = fc.tuple(validLabel, fc.nat(), fc.boolean()).map(([{ bytes }, at, cut]) => {
  if (cut) return { bytes: bytes.subarray(0, 1 + (at % (bytes.length - 1))), labels: undefined };
  const i = at % bytes.length;
  return { bytes: Uint8Array.from([...bytes.subarray(0, i), 0xff, ...bytes.subarray(i)]), labels: undefined };
});

describe('ground-truth files, valid and corrupted', () => {
  it(
    'never crash or hang, and every line gives its labels or one counted issue',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof({ weight: 3, arbitrary: validLabel }, { weight: 2, arbitrary: badLabel }), {
            minLength: 1,
            maxLength: 5,
          }),
          fc.constantFrom<'whole' | number>('whole', 7, 64),
          async (lines, chunking) => {
            const store = new MemoryStore('memory://gt', { chunking });
            const parts = lines.flatMap((l) => [...l.bytes, 10]);
            store.objects.set('gt/ep/2024/05/01/13/0000.jsonl', Uint8Array.from(parts));
            const window = { start: new Date('2024-05-01T13:00:00Z'), end: new Date('2024-05-01T14:00:00Z') };
            const start = performance.now();
            const { labels, issues } = await readWindowLabels(store, { prefix: 'gt/ep', window });
            expect(performance.now() - start).toBeLessThan(MAX_MS_PER_INPUT);
            const good = lines.filter((l) => l.labels !== undefined);
            expect(labels).toHaveLength(good.reduce((n, l) => n + (l.labels ?? 0), 0));
            expect(issues).toHaveLength(lines.length - good.length);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
