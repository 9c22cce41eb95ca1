import { decodeIfAscii } from '../decoding/ascii.ts';

const CR = 13;

/**
 * Splits text into lines, carrying an unfinished last line over to the next call. A line ends at
 * `\n`; a `\r` right before it is dropped. Returns the unfinished rest.
 */
export function splitLines(text: string, onLine: (line: string) => void): string {
  let start = 0;
  let newline = text.indexOf('\n');
  while (newline !== -1) {
    const end = newline > start && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
    onLine(text.slice(start, end));
    start = newline + 1;
    newline = text.indexOf('\n', start);
  }
  return start === 0 ? text : text.slice(start);
}

/** The last line of a stream, which has no final newline; undefined when the stream ended with one. */
export function lastLine(rest: string): string | undefined {
  if (rest.length === 0) return undefined;
  return rest.charCodeAt(rest.length - 1) === CR ? rest.slice(0, -1) : rest;
}

/**
 * Splits a byte stream into lines: handles `\n` and `\r\n`, lines cut across chunk boundaries, a
 * missing final newline, UTF-8 characters cut across chunks, and a leading byte-order mark.
 *
 * @example
 * ```ts
 * for await (const line of captureLines(store.stream(key))) console.log(line.length);
 * ```
 */
export async function* captureLines(chunks: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  let rest = '';
  const ready: string[] = [];
  const push = (line: string) => {
    ready.push(line);
  };
  for await (const block of lineBlocks(chunks)) {
    rest = splitLines(rest + block, push);
    for (const line of ready) yield line;
    ready.length = 0;
  }
  const last = lastLine(rest);
  if (last !== undefined) yield last;
}

const LF = 10;
const BOM = 0xfeff;

/**
 * What `lineBlocks` puts in place of a line whose bytes are not valid UTF-8. A lone surrogate can
 * never come out of decoding valid UTF-8, so no real line is mistaken for it; test with `isNotUtf8Line`.
 */
const NOT_UTF8_LINE = '\udc00';

/**
 * Whether a line from `lineBlocks` / `captureLines` stands for bytes that were not valid UTF-8 (for
 * example Latin-1 text). Such a line is to be counted as skipped: decoding it would silently turn
 * its characters into U+FFFD.
 *
 * @example
 * ```ts
 * for await (const line of captureLines(chunks)) if (isNotUtf8Line(line)) tally.add('not-utf8');
 * ```
 */
export function isNotUtf8Line(line: string): boolean {
  return line === NOT_UTF8_LINE;
}

/** The message of a skipped non-UTF-8 line (it names no payload text). */
export const NOT_UTF8_MESSAGE =
  "the line's bytes are not valid UTF-8 (Latin-1 text, for example): write the file as UTF-8";

/**
 * Decodes a UTF-8 byte stream into texts of whole lines: every text but the last ends with `\n`,
 * the last holds what follows the final newline (and is left out when empty). Concatenated, the
 * texts are the stream decoded as one, without a leading byte-order mark, except that a line whose
 * bytes are not valid UTF-8 is replaced by a marker (`isNotUtf8Line`), so that the rest of the
 * file still reads and the bad line can be counted.
 *
 * Each chunk is cut after its last newline and decoded in one call, because a newline byte never
 * occurs inside a UTF-8 sequence; this keeps the decoder on its fast, non-streaming path, which
 * matters on a file of hundreds of megabytes. Only an unfinished line's bytes are carried over.
 * Only a block that fails to decode is decoded again line by line.
 *
 * @example
 * ```ts
 * let rest = '';
 * for await (const block of lineBlocks(store.stream(key))) rest = splitLines(rest + block, onLine);
 * const last = lastLine(rest);
 * ```
 */
export async function* lineBlocks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  for await (const block of lineByteBlocks(chunks)) yield block.text;
}

/**
 * A block of whole lines from `lineByteBlocks`: its text and, when that text is the block's bytes
 * read as ASCII (character `i` is byte `i`), those bytes.
 */
export interface LineByteBlock {
  text: string;
  /** The block's bytes when every one is ASCII; valid only until the next block is asked for. */
  ascii: Uint8Array | undefined;
}

/**
 * `lineBlocks` with each text's bytes when they are ASCII, so that a caller can read numbers
 * straight from the bytes (an indexed load is cheaper than a string's `charCodeAt`). The texts are
 * those of `lineBlocks` (a block ending in a line cut across chunks is yielded in two parts, each
 * of whole lines).
 *
 * @example
 * ```ts
 * for await (const { text, ascii } of lineByteBlocks(store.stream(key))) if (ascii) ascii[0] === text.charCodeAt(0);
 * ```
 */
export async function* lineByteBlocks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<LineByteBlock> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  let atStart = true;
  const block: LineByteBlock = { text: '', ascii: undefined };
  /** `block` holding the decoding of `bytes`. */
  const decode = (bytes: Uint8Array): LineByteBlock => {
    let text = decodeIfAscii(bytes);
    block.ascii = text === undefined ? undefined : bytes;
    if (text === undefined) {
      try {
        text = decoder.decode(bytes);
      } catch {
        text = decodeByLine(decoder, bytes);
      }
    }
    block.text = text;
    if (!atStart || text.length === 0) return block;
    atStart = false;
    // A byte-order mark is not ASCII, so a block that drops one has no `ascii` bytes to shift.
    if (text.charCodeAt(0) === BOM) block.text = text.slice(1);
    return block;
  };
  let carried: Uint8Array[] = [];
  for await (const chunk of chunks) {
    const last = chunk.lastIndexOf(LF);
    if (last === -1) {
      if (chunk.length > 0) carried.push(copyOf(chunk));
      continue;
    }
    if (carried.length === 0) yield decode(chunk.subarray(0, last + 1));
    else {
      const first = chunk.indexOf(LF);
      carried.push(chunk.subarray(0, first + 1));
      yield decode(concatBytes(carried));
      if (first < last) yield decode(chunk.subarray(first + 1, last + 1));
    }
    carried = last + 1 < chunk.length ? [copyOf(chunk.subarray(last + 1))] : [];
  }
  const rest = decode(concatBytes(carried));
  if (rest.text.length > 0) yield rest;
}

/**
 * A whole file of lines decoded from UTF-8 as `lineBlocks` decodes a stream: each line whose bytes
 * are not valid UTF-8 becomes the marker `isNotUtf8Line` recognises, the rest decodes as usual
 * (a leading byte-order mark is kept, as `parseCaptureText` and `parseGroundTruthText` drop it).
 *
 * @example
 * ```ts
 * const labels = parseGroundTruthText(decodeLinesText(await store.get(key)), key, onIssue);
 * ```
 */
export function decodeLinesText(bytes: Uint8Array): string {
  const ascii = decodeIfAscii(bytes);
  if (ascii !== undefined) return ascii;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    return decodeByLine(decoder, bytes);
  }
}

/**
 * `bytes` decoded line by line, each line that is not valid UTF-8 replaced by `NOT_UTF8_LINE`; the
 * same text as decoding `bytes` whole when every line is valid.
 */
function decodeByLine(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): string {
  let text = '';
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(LF, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      text += decoder.decode(bytes.subarray(start, end));
    } catch {
      text += NOT_UTF8_LINE;
    }
    if (newline !== -1) text += '\n';
    start = end + 1;
  }
  return text;
}

/**
 * A copy of bytes carried to the next chunk: a source may reuse a chunk's memory once the next
 * one is asked for (and a Node Buffer's `slice` is a view, not a copy).
 */
function copyOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
