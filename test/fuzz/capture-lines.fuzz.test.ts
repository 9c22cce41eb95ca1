import { IssueTally, profileCaptureChunks } from '@vigil/core/dataquality';
import { ProfileBuilder } from '@vigil/core/profile';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, MAX_MS_PER_INPUT } from './capture-fuzz-runs.ts';
import { captureFile, chunked } from './capture-lines.ts';

describe('capture files, valid and corrupted, through the profiler', () => {
  it(
    'never crash or hang, and count every line: records in = profiled + skipped',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          captureFile,
          // Byte-sized chunks cut every UTF-8 sequence and line but cost a promise a byte: rarely.
          fc.oneof(
            { weight: 1, arbitrary: fc.constant(1) },
            { weight: 19, arbitrary: fc.constantFrom(0, 5, 17, 64, 4096) },
          ),
          fc.boolean(),
          async ({ bytes, lines }, chunkSize, keepRecords) => {
            const tally = new IssueTally();
            const builder = new ProfileBuilder([]);
            const start = performance.now();
            const counts = await profileCaptureChunks(chunked(bytes, chunkSize), 'capture/k.jsonl', builder, {
              outputColumns: 'START',
              tally,
              keep: keepRecords ? [] : undefined,
            });
            const profile = builder.build();
            expect(performance.now() - start).toBeLessThan(MAX_MS_PER_INPUT);

            const valid = lines.filter((l) => l.rows !== undefined && l.rows > 0);
            const bad = lines.filter((l) => l.rows === undefined);
            const skipped = tally.toSkipped().reduce((n, s) => n + s.count, 0);
            expect(counts.records).toBe(valid.length);
            expect(skipped).toBe(bad.length);
            expect(counts.issues).toHaveLength(bad.length);
            const rows = valid.reduce((n, l) => n + (l.rows ?? 0), 0);
            expect(counts.rows).toBe(rows);
            expect(profile.itemCount).toBe(rows);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
