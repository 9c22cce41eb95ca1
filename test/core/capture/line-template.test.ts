import {
  type CaptureRecord,
  emptyPlainCsvCapture,
  parseCaptureLine,
  parseCaptureLineOrPlainCsv,
} from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';

const next = (() => {
  let seed = 101;
  return () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
})();
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** Canonical capture lines (their own JSON.stringify), as SageMaker writes them. */
function canonicalLine(data: string, eventId: string, output?: string): string {
  const captureData: Record<string, unknown> = {
    endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' },
  };
  if (output !== undefined) {
    captureData.endpointOutput = {
      observedContentType: 'text/csv; charset=utf-8',
      mode: 'OUTPUT',
      data: output,
      encoding: 'CSV',
    };
  }
  return JSON.stringify({
    captureData,
    eventMetadata: { eventId, inferenceTime: '2024-05-01T13:05:00Z' },
    eventVersion: '0',
  });
}

/** Raw JSON string texts a writer may put in a slot: plain, escaped, invalid or empty. */
const SLOT_TEXTS = [
  '1.5,2,red',
  '3,4,5',
  '',
  '-6.42071e-05,NaN,x',
  'québec,🎉,1',
  '\uD800,1',
  '1,2\\r',
  '1,2\\n3,4',
  'a\\"b,1',
  '\\u0031,2',
  '1\\/2,3',
  '1,\\\\,3',
  '1\t2,3',
  '1,2\u0001',
  'x\u2028y,1',
];

/** Literal edits that leave a line valid or not, but never the template's text. */
const LITERAL_EDITS: ((line: string) => string)[] = [
  (line) => line.replace('"mode":"INPUT"', '"mode": "INPUT"'),
  (line) => line.replace('text/csv"', 'application/json"'),
  (line) => line.replace('"encoding":"CSV"', '"encoding":"BASE64"'),
  (line) => line.replace('"eventVersion":"0"}', '"eventVersion":"0"} '),
  (line) => line.replace('"eventVersion":"0"}', '"eventVersion":"0"'),
  (line) => line.replace('{"captureData"', '{"extra":1,"captureData"'),
  (line) => line.replace('"eventId":', '"eventId":"dup","eventId":'),
  (line) => line.slice(0, -5),
  (line) => line.replace('"inferenceTime":"2024-05-01T13:05:00Z"', '"inferenceTime":12'),
];

/** A line of a learned shape with raw texts put into its data and eventId slots, maybe edited. */
function variant(output: boolean): string {
  const withSlots = canonicalLine('<in>', '<id>', output ? '<out>' : undefined);
  let line = withSlots
    .replace('<in>', () => pick(SLOT_TEXTS))
    .replace('<id>', () => (next() < 0.9 ? `e${Math.floor(next() * 1e6)}` : pick(SLOT_TEXTS)))
    .replace('<out>', () => (next() < 0.8 ? (next() * 10).toFixed(4) : pick(SLOT_TEXTS)));
  if (next() < 0.15) line = pick(LITERAL_EDITS)(line);
  return line;
}

describe('parseCaptureLineOrPlainCsv on lines of a known shape', () => {
  it('gives what parsing gives, for valid and invalid slot texts and edited literals', () => {
    const plain = emptyPlainCsvCapture();
    // Teach both shapes (with and without output).
    for (const line of [canonicalLine('1,2,3', 'e0'), canonicalLine('1,2,3', 'e1', '0.5')]) {
      expect(parseCaptureLineOrPlainCsv(line, 'k', 1, plain)).toBeUndefined();
    }
    let inPlace = 0;
    let plainLines = 0;
    let issues = 0;
    for (let i = 0; i < 4000; i++) {
      const line = variant(next() < 0.5);
      const expected = parseCaptureLine(line, { key: 'k', line: i + 2 });
      const parsed = parseCaptureLineOrPlainCsv(line, 'k', i + 2, plain);
      if (parsed !== undefined) {
        expect(parsed, line).toEqual(expected);
        if (parsed.issue) issues++;
        continue;
      }
      plainLines++;
      // Read in place (no JSON.parse) when the line itself holds the data.
      if (plain.input === line) inPlace++;
      const record = expected.record as CaptureRecord;
      expect(record, line).toBeDefined();
      expect([plain.input.slice(plain.inputStart, plain.inputEnd).split(',')], line).toEqual(record.inputs);
      const outputs =
        plain.output === undefined ? [] : [plain.output.slice(plain.outputStart, plain.outputEnd).split(',')];
      expect(outputs, line).toEqual(record.outputs);
    }
    // Every kind of line occurs: read in place, parsed although plain, and skipped.
    expect(inPlace).toBeGreaterThan(1000);
    expect(plainLines - inPlace).toBeGreaterThan(50);
    expect(issues).toBeGreaterThan(50);
  });

  it('does not learn from a line that is not its own JSON.stringify', () => {
    const plain = emptyPlainCsvCapture();
    const spaced = (id: string) => canonicalLine('7,8', id).replaceAll('":"', '": "');
    for (let i = 0; i < 50; i++)
      expect(parseCaptureLineOrPlainCsv(spaced(`s${i}`), 'k', i, plain)).toBeUndefined();
    expect(plain.input).toBe('7,8');
    expect(plain.inputEnd).toBe(3);
  });
});
