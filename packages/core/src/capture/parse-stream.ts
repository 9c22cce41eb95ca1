import { lastLine, lineBlocks, lineByteBlocks, splitLines } from './lines.ts';

const CR = 13;

import { parseCaptureLine } from './parse-line.ts';
import type { CaptureIssue, CaptureRecord } from './types.ts';

/**
 * Parses a whole capture object as a stream of chunks: yields the records in file order and hands
 * every line that cannot be used to `onIssue` (it is counted, never fatal). Blank lines carry no
 * record and are skipped; line numbers count them, so they match an editor's.
 *
 * Records are handed out from a per-chunk buffer by a hand-written iterator: an async generator
 * would cost several promise turns per record, which shows on a million-line file.
 *
 * @example
 * ```ts
 * const issues: CaptureIssue[] = [];
 * for await (const record of parseCaptureStream(store.stream(key), key, (i) => issues.push(i))) {
 *   profile.add(record);
 * }
 * ```
 */
export function parseCaptureStream(
  chunks: AsyncIterable<Uint8Array>,
  key: string,
  onIssue: (issue: CaptureIssue) => void,
): AsyncIterable<CaptureRecord> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<CaptureRecord> {
      const batches = parseCaptureBatches(chunks, key, onIssue)[Symbol.asyncIterator]();
      let buffer: CaptureRecord[] = [];
      let index = 0;
      return {
        async next(): Promise<IteratorResult<CaptureRecord>> {
          while (index >= buffer.length) {
            const batch = await batches.next();
            if (batch.done) return { value: undefined, done: true };
            buffer = batch.value;
            index = 0;
          }
          return { value: buffer[index++]!, done: false };
        },
        async return(): Promise<IteratorResult<CaptureRecord>> {
          await batches.return?.();
          return { value: undefined, done: true };
        },
      };
    },
  };
}

/**
 * The records of a capture stream, one array per chunk read: the fastest way through a large file,
 * since the caller loops synchronously over each batch. Same parsing and issues as
 * `parseCaptureStream`; empty batches are not yielded.
 *
 * @example
 * ```ts
 * for await (const batch of parseCaptureBatches(store.stream(key), key, onIssue)) {
 *   for (const record of batch) profile.add(record);
 * }
 * ```
 */
export async function* parseCaptureBatches(
  chunks: AsyncIterable<Uint8Array>,
  key: string,
  onIssue: (issue: CaptureIssue) => void,
): AsyncIterable<CaptureRecord[]> {
  const parser = new CaptureTextParser(key, onIssue);
  let rest = '';
  for await (const block of lineBlocks(chunks)) {
    rest = splitLines(rest + block, parser.onLine);
    const batch = parser.take();
    if (batch.length > 0) yield batch;
  }
  const last = lastLine(rest);
  if (last !== undefined) parser.onLine(last);
  const batch = parser.take();
  if (batch.length > 0) yield batch;
}

/**
 * Hands every non-blank line of a capture stream to `onLine` with its 1-based line number (blank
 * lines are counted, so numbers match an editor's), synchronously within each chunk: the lowest-cost
 * walk through a large file, for callers that parse lines themselves (`parseCaptureLineOrPlainCsv`).
 * Lines are split and decoded exactly as `parseCaptureBatches` splits them. When the line's bytes
 * are ASCII, `onLine` also gets them: `ascii[at + i]` is `line.charCodeAt(i)`, valid during the
 * call only. Returns the number of lines, blank ones included.
 *
 * @example
 * ```ts
 * await forEachCaptureLine(store.stream(key), (line, lineNumber) => {
 *   const parsed = parseCaptureLine(line, { key, line: lineNumber });
 * });
 * ```
 */
export async function forEachCaptureLine(
  chunks: AsyncIterable<Uint8Array>,
  onLine: (line: string, lineNumber: number, ascii: Uint8Array | undefined, at: number) => void,
): Promise<number> {
  let lineNumber = 0;
  for await (const { text, ascii } of lineByteBlocks(chunks)) {
    // Every block but the last ends with a newline; each line is split as `splitLines` splits it.
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const stop = newline === -1 ? text.length : newline;
      const end = stop > start && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      lineNumber++;
      if (end > start) {
        const line = text.slice(start, end);
        if (!isBlank(line)) onLine(line, lineNumber, ascii, start);
      }
      start = stop + 1;
    }
  }
  return lineNumber;
}

/**
 * Parses a whole capture file held in memory. The synchronous twin of `parseCaptureStream`, for
 * small objects and benchmarks.
 *
 * @example
 * ```ts
 * const records = parseCaptureText(new TextDecoder().decode(await store.get(key)), key, onIssue);
 * ```
 */
export function parseCaptureText(
  text: string,
  key: string,
  onIssue: (issue: CaptureIssue) => void,
): CaptureRecord[] {
  const parser = new CaptureTextParser(key, onIssue);
  const rest = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, parser.onLine);
  const last = lastLine(rest);
  if (last !== undefined) parser.onLine(last);
  return parser.take();
}

/** Numbers lines and collects parsed records between yields. */
class CaptureTextParser {
  private lineNumber = 0;
  private records: CaptureRecord[] = [];

  constructor(
    private readonly key: string,
    private readonly onIssue: (issue: CaptureIssue) => void,
  ) {}

  readonly onLine = (line: string): void => {
    this.lineNumber++;
    if (line.length === 0 || isBlank(line)) return;
    const parsed = parseCaptureLine(line, { key: this.key, line: this.lineNumber });
    if (parsed.record) this.records.push(parsed.record);
    else this.onIssue(parsed.issue);
  };

  take(): CaptureRecord[] {
    const taken = this.records;
    this.records = [];
    return taken;
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
