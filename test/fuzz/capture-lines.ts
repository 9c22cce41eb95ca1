import fc from 'fast-check';

/**
 * Generators of SageMaker capture lines with a known verdict: a valid line (CSV, JSON or JSON Lines
 * payloads, as text or base64, one or several records per request, with or without the response)
 * says how many rows it holds; a corrupted line (truncated, not UTF-8, garbage bytes, too deeply
 * nested, wrongly shaped) must be counted as skipped.
 */
export interface GeneratedLine {
  bytes: Uint8Array;
  /** Rows the line holds when valid; undefined when it must be skipped; 0 for a blank line. */
  rows: number | undefined;
}

const encoder = new TextEncoder();

const csvText = fc.stringMatching(/^[a-z]{1,6}$/);
const jsonString = fc.string({ maxLength: 12, unit: 'binary' }).map((s) => JSON.stringify(s));
/** Number texts valid in JSON and CSV alike, huge and tiny ones included. */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom(
    '50010.0',
    '50010',
    '-0.5',
    '0',
    '9'.repeat(400),
    `-${'9'.repeat(400)}`,
    '1e400',
    '1e-400',
    '2.5E-3',
  ),
);

/** One record's columns as CSV fields and as JSON values. */
const recordValues = (width: number) =>
  fc.array(
    fc.oneof(
      numberText.map((n) => ({ csv: n, json: n })),
      csvText.map((t) => ({ csv: t, json: JSON.stringify(t) })),
      jsonString.map((s) => ({ csv: 'text', json: s })),
      fc.boolean().map((b) => ({ csv: String(b), json: String(b) })),
    ),
    { minLength: width, maxLength: width },
  );

type PayloadKind = 'csv' | 'json' | 'jsonlines';

const CONTENT_TYPES: Record<PayloadKind, string[]> = {
  csv: ['text/csv', 'text/csv; charset=utf-8', 'TEXT/CSV'],
  json: ['application/json', 'application/json; charset=utf-8'],
  jsonlines: ['application/jsonlines', 'application/x-jsonlines', 'APPLICATION/JSONLINES; charset=utf-8'],
};

function payloadText(
  kind: PayloadKind,
  records: { csv: string; json: string }[][],
  objects: boolean,
): string {
  if (kind === 'csv') return records.map((r) => r.map((v) => v.csv).join(',')).join('\n');
  const rows = records.map((r) =>
    objects
      ? `{${r.map((v, i) => `"c${(i * 7) % 10}${i}":${v.json}`).join(',')}}`
      : `[${r.map((v) => v.json).join(',')}]`,
  );
  if (kind === 'json') return `{"instances":[${rows.join(',')}]}`;
  return rows.map((row) => (objects ? row : `{"features":${row}}`)).join('\n');
}

const eventData = (kind: PayloadKind, text: string, base64: boolean, mode: string) =>
  fc.constantFrom(...CONTENT_TYPES[kind]).map((observedContentType) => ({
    observedContentType,
    mode,
    data: base64 ? Buffer.from(text, 'utf8').toString('base64') : text,
    encoding: base64 ? 'BASE64' : kind === 'csv' ? 'CSV' : 'JSON',
  }));

function captureLine(input: unknown, output: unknown, eventId: string): string {
  return JSON.stringify({
    captureData:
      output === undefined ? { endpointInput: input } : { endpointInput: input, endpointOutput: output },
    eventMetadata: { eventId, inferenceTime: '2024-05-01T12:00:00Z' },
    eventVersion: '0',
  });
}

/** A valid capture line and its row count. */
export const validLine: fc.Arbitrary<{ text: string; rows: number }> = fc
  .record({
    kind: fc.constantFrom<PayloadKind>('csv', 'json', 'jsonlines'),
    outputKind: fc.constantFrom<PayloadKind | 'none'>('csv', 'json', 'jsonlines', 'none'),
    base64: fc.boolean(),
    objects: fc.boolean(),
    count: fc.integer({ min: 1, max: 4 }),
    width: fc.integer({ min: 1, max: 5 }),
    eventId: fc.uuid(),
  })
  .chain(({ kind, outputKind, base64, objects, count, width, eventId }) =>
    fc
      .tuple(
        fc.array(recordValues(width), { minLength: count, maxLength: count }),
        fc.array(recordValues(1), { minLength: count, maxLength: count }),
      )
      .chain(([inputs, outputs]) =>
        fc
          .tuple(
            eventData(kind, payloadText(kind, inputs, objects), base64, 'INPUT'),
            outputKind === 'none'
              ? fc.constant(undefined)
              : eventData(outputKind, payloadText(outputKind, outputs, objects), base64, 'OUTPUT'),
          )
          .map(([input, output]) => ({ text: captureLine(input, output, eventId), rows: count })),
      ),
  );

/** Nesting deep enough (past `MAX_JSON_DEPTH`) that the payload must be refused, not overflow the stack. */
const deeplyNested = fc.integer({ min: 600, max: 5_000 }).map((depth) => {
  const data = `{"features":[${'['.repeat(depth)}1${']'.repeat(depth)}]}`;
  return captureLine(
    { observedContentType: 'application/json', mode: 'INPUT', data, encoding: 'JSON' },
    undefined,
    'deep',
  );
});

/** Lines that are JSON but not usable capture records. */
const wronglyShaped = fc.oneof(
  fc.constant('{"captureData":{"endpointInput":{"observedContentType":"text/csv","data":"1"}}}'),
  fc.constant('{"eventMetadata":{"eventId":"e"}}'),
  fc.constant('[1,2,3]'),
  fc.constant('"just a string"'),
  fc.constant(
    '{"captureData":{"endpointInput":{"observedContentType":"image/png","data":"AAAA","encoding":"BASE64"}},"eventMetadata":{"eventId":"e"}}',
  ),
  fc.constant(
    '{"captureData":{"endpointInput":{"observedContentType":"text/csv","data":42,"encoding":"CSV"}},"eventMetadata":{"eventId":"e"}}',
  ),
  fc.constant(
    '{"captureData":{"endpointInput":{"observedContentType":"text/csv","data":"1,2","encoding":"GZIP"}},"eventMetadata":{"eventId":"e"}}',
  ),
  fc.constant(
    '{"captureData":{"endpointInput":{"observedContentType":"text/csv","data":"%%%","encoding":"BASE64"}},"eventMetadata":{"eventId":"e"}}',
  ),
  // Two records in, three out: input line i cannot pair with output line i.
  fc.constant(
    '{"captureData":{"endpointInput":{"observedContentType":"text/csv","data":"1,2\\n3,4","encoding":"CSV"},"endpointOutput":{"observedContentType":"application/jsonlines","data":"{\\"s\\":1}\\n{\\"s\\":2}\\n{\\"s\\":3}","encoding":"JSON"}},"eventMetadata":{"eventId":"e"}}',
  ),
  fc.constant(
    '{"captureData":{"endpointInput":{"observedContentType":"application/json","data":"{\\"a\\":01}","encoding":"JSON"}},"eventMetadata":{"eventId":"e"}}',
  ),
);

/** Any line, valid or corrupted, with its verdict. */
export const anyLine: fc.Arbitrary<GeneratedLine> = fc.oneof(
  { weight: 6, arbitrary: validLine.map(({ text, rows }) => ({ bytes: encoder.encode(text), rows })) },
  // Cut anywhere before its end: a proper prefix of a JSON object is never one (and may cut a UTF-8 sequence).
  {
    weight: 2,
    arbitrary: fc.tuple(validLine, fc.double({ min: 0, max: 1, noNaN: true })).map(([{ text }, at]) => {
      const bytes = encoder.encode(text);
      return { bytes: bytes.subarray(0, 1 + Math.floor(at * (bytes.length - 2))), rows: undefined };
    }),
  },
  // A byte that never occurs in UTF-8, put anywhere in a valid line.
  {
    weight: 2,
    arbitrary: fc
      .tuple(validLine, fc.nat(), fc.constantFrom(0xff, 0xfe, 0xc0, 0xc1, 0xf8))
      .map(([{ text }, at, byte]) => {
        const bytes = encoder.encode(text);
        const i = at % (bytes.length + 1);
        const out = new Uint8Array(bytes.length + 1);
        out.set(bytes.subarray(0, i));
        out[i] = byte;
        out.set(bytes.subarray(i), i + 1);
        return { bytes: out, rows: undefined };
      }),
  },
  // Garbage: any bytes but a newline, after a character that keeps the line from being blank.
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 200 }).map((garbage) => ({
      bytes: Uint8Array.from([0x23, ...garbage.filter((b) => b !== 10)]),
      rows: undefined,
    })),
  },
  { weight: 1, arbitrary: deeplyNested.map((text) => ({ bytes: encoder.encode(text), rows: undefined })) },
  { weight: 1, arbitrary: wronglyShaped.map((text) => ({ bytes: encoder.encode(text), rows: undefined })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\t', '\r').map((text) => ({ bytes: encoder.encode(text), rows: 0 })),
  },
);

/** A capture file: lines joined by `\n` or `\r\n`, with or without a final newline. */
export const captureFile = fc
  .tuple(fc.array(anyLine, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([lines, crlf, finalNewline]) => {
    const end = crlf ? [13, 10] : [10];
    const size = lines.reduce((n, line) => n + line.bytes.length + end.length, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    lines.forEach((line, i) => {
      bytes.set(line.bytes, at);
      at += line.bytes.length;
      if (i < lines.length - 1 || finalNewline) {
        bytes.set(end, at);
        at += end.length;
      }
    });
    return { bytes: bytes.subarray(0, at), lines };
  });

/** The file's bytes in chunks of `size` (0: one chunk), as a store streams them. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  if (size === 0) {
    yield bytes;
    return;
  }
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
