import * as nodeBuffer from 'node:buffer';
import { asciiDecoderFromNodeBuffer, provideAsciiDecoder } from '@vigil/core';
import { captureLines, decodeLinesText, isNotUtf8Line } from '@vigil/core/capture';
import { afterEach, describe, expect, it } from 'vitest';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function linesOf(bytes: Uint8Array, size: number): Promise<string[]> {
  const out: string[] = [];
  for await (const line of captureLines(chunksOf(bytes, size))) out.push(line);
  return out;
}

/** The node:buffer fast path, counting the bytes it was asked about and the bytes it decoded. */
function countingDecoder() {
  const inner = asciiDecoderFromNodeBuffer(nodeBuffer);
  const counts = { asked: 0, decoded: 0 };
  provideAsciiDecoder({
    isAscii: (bytes) => {
      counts.asked += bytes.length;
      return inner.isAscii(bytes);
    },
    decode: (bytes) => {
      counts.decoded += bytes.length;
      return inner.decode(bytes);
    },
  });
  return counts;
}

// test/setup.ts installs the node:buffer fast path for every test; put it back after each.
afterEach(() => provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer)));

describe('the ASCII decoding fast path', () => {
  const ascii = utf8('{"a":1}\r\n{"b":"x,y"}\n\nlast');
  const mixed = utf8('{"a":"québec"}\n{"b":"🎉"}\n\uFEFF{"c":3}\n');
  const latin1Line = Uint8Array.from('{"city":"montréal"}\n', (c) => c.charCodeAt(0));
  const cases: [string, Uint8Array][] = [
    ['ASCII', ascii],
    ['UTF-8 beyond ASCII', mixed],
    ['a leading byte-order mark', utf8('\uFEFF{"a":1}\n{"b":2}\n')],
    [
      'a Latin-1 line among ASCII ones',
      new Uint8Array([...utf8('{"a":1}\n'), ...latin1Line, ...utf8('{"b":2}\n')]),
    ],
  ];

  it.each(cases)('gives the same lines as TextDecoder alone, at every chunk size (%s)', async (_, bytes) => {
    for (const size of [1, 2, 3, 5, 8, 64]) {
      provideAsciiDecoder(undefined);
      const plain = await linesOf(bytes, size);
      provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
      expect(await linesOf(bytes, size)).toEqual(plain);
    }
  });

  it('decodes ASCII blocks through the fast path and everything else through TextDecoder', async () => {
    const counts = countingDecoder();
    expect(await linesOf(ascii, 1 << 16)).toEqual(['{"a":1}', '{"b":"x,y"}', '', 'last']);
    expect(counts.decoded).toBe(ascii.length);
    expect(counts.asked).toBe(ascii.length);

    const before = counts.decoded;
    expect(await linesOf(mixed, 1 << 16)).toEqual(['{"a":"québec"}', '{"b":"🎉"}', '\uFEFF{"c":3}']);
    expect(counts.decoded).toBe(before);
  });

  it('still marks a line that is not UTF-8, with or without the fast path', async () => {
    const bytes = new Uint8Array([...utf8('{"a":1}\n'), ...latin1Line]);
    for (const decoder of [undefined, asciiDecoderFromNodeBuffer(nodeBuffer)]) {
      provideAsciiDecoder(decoder);
      const lines = await linesOf(bytes, 1 << 16);
      expect(lines[0]).toBe('{"a":1}');
      expect(isNotUtf8Line(lines[1] ?? '')).toBe(true);
    }
  });

  it('decodeLinesText gives the same text with and without it', () => {
    for (const [, bytes] of cases) {
      provideAsciiDecoder(undefined);
      const plain = decodeLinesText(bytes);
      provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
      expect(decodeLinesText(bytes)).toBe(plain);
    }
  });
});
