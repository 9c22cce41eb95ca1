import { type CaptureIssueReason, decodePayload, parseCaptureLine } from '@vigil/core/capture';
import { parseGroundTruthLine } from '@vigil/core/groundtruth';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, withinTimeBound } from './capture-fuzz-runs.ts';

const REASONS: CaptureIssueReason[] = [
  'malformed-line',
  'not-utf8',
  'undecodable-payload',
  'unsupported-content-type',
  'record-count-mismatch',
  'missing-capture-data',
];

/** Payload texts people send: CSV, JSON of any shape, JSON Lines, and anything else. */
const dataText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.json(),
  fc.array(fc.json({ maxDepth: 2 }), { maxLength: 4 }).map((lines) => lines.join('\n')),
  fc
    .array(
      fc.array(fc.oneof(fc.double().map(String), fc.stringMatching(/^[a-z",]{0,4}$/)), { maxLength: 5 }),
      {
        maxLength: 4,
      },
    )
    .map((rows) => rows.map((r) => r.join(',')).join('\n')),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes).toString('base64')),
);

/** A SageMaker EventData object, well-formed or not. */
const eventData = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        observedContentType: fc.oneof(
          fc.constantFrom(
            'text/csv',
            'text/csv; charset=utf-8',
            'application/json',
            'application/jsonlines',
            'application/x-npy',
            'image/png',
            '',
          ),
          fc.string({ maxLength: 20 }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        mode: fc.constantFrom('INPUT', 'OUTPUT'),
        data: fc.oneof(
          { weight: 9, arbitrary: dataText },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        ),
        encoding: fc.oneof(
          fc.constantFrom('CSV', 'JSON', 'BASE64', 'base64', 'GZIP', ''),
          fc.jsonValue({ maxDepth: 1 }),
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

describe('payload decoding on any EventData', () => {
  it(
    'never throws: gives rows, or a problem with a known reason that quotes no data',
    () => {
      fc.assert(
        fc.property(eventData, (event) => {
          const result = withinTimeBound(() => decodePayload(event, 'captureData.endpointInput'));
          if (result.problem) {
            expect(REASONS).toContain(result.problem.reason);
            const data = (event as { data?: unknown } | null)?.data;
            if (typeof data === 'string' && data.length >= 12)
              expect(result.problem.message).not.toContain(data);
            return;
          }
          const { payload } = result;
          for (const row of payload.rows) {
            for (const value of row)
              expect(['string', 'boolean'].includes(typeof value) || value === null).toBe(true);
          }
          if (payload.format !== 'csv') expect(payload.json).toHaveLength(payload.rows.length);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'whole capture and ground-truth lines built from them are a record or a counted issue',
    () => {
      fc.assert(
        fc.property(
          fc.option(eventData, { nil: undefined }),
          fc.option(eventData, { nil: undefined }),
          fc.option(fc.oneof(fc.uuid(), fc.jsonValue({ maxDepth: 1 })), { nil: undefined }),
          (input, output, eventId) => {
            const line = JSON.stringify({
              captureData: { endpointInput: input, endpointOutput: output },
              eventMetadata: { eventId },
              eventVersion: '0',
            });
            const parsed = withinTimeBound(() => parseCaptureLine(line, { key: 'k', line: 1 }));
            if (parsed.issue) expect(REASONS).toContain(parsed.issue.reason);
            else {
              expect(parsed.record.inputs.length).toBeGreaterThan(0);
              if (parsed.record.outputs.length > 0)
                expect(parsed.record.outputs).toHaveLength(parsed.record.inputs.length);
            }
            const label = JSON.stringify({
              groundTruthData: input,
              eventMetadata: { eventId },
              eventVersion: '0',
            });
            const labels = withinTimeBound(() => parseGroundTruthLine(label, { key: 'g', line: 1 }));
            expect(labels.labels !== undefined || labels.issue !== undefined).toBe(true);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
