import { capturePartitions, partitionChunks, readStart } from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const next = (() => {
  let seed = 17;
  return () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
})();

/** Lines of many lengths (empty, short, longer than a partition), CRLF or LF, maybe no final newline. */
function text(): string {
  const lines = Array.from({ length: 1 + Math.floor(next() * 30) }, () => {
    const length = next() < 0.1 ? 0 : next() < 0.1 ? 40 + Math.floor(next() * 60) : Math.floor(next() * 12);
    return 'x'.repeat(length);
  });
  const eol = next() < 0.3 ? '\r\n' : '\n';
  return lines.join(eol) + (next() < 0.5 ? eol : '');
}

/** By hand: the text of the lines of `whole` whose first byte is in [start, end) (ASCII text). */
function linesStartingIn(whole: string, start: number, end: number): string {
  const starts = [0];
  for (let i = 0; i < whole.length; i++) if (whole[i] === '\n' && i + 1 < whole.length) starts.push(i + 1);
  const inside = starts.filter((s) => s >= start && s < end);
  if (inside.length === 0) return '';
  const first = inside[0] as number;
  const after = starts.find((s) => s > (inside[inside.length - 1] as number)) ?? whole.length;
  return whole.slice(first, after);
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += new TextDecoder().decode(chunk);
  return out;
}

describe('capturePartitions', () => {
  it('cuts an object into consecutive ranges of the given size, one for an empty object', () => {
    expect(capturePartitions('a', 250, 100)).toEqual([
      { key: 'a', start: 0, end: 100 },
      { key: 'a', start: 100, end: 200 },
      { key: 'a', start: 200, end: 250 },
    ]);
    expect(capturePartitions('a', 200, 100)).toHaveLength(2);
    expect(capturePartitions('a', 0, 100)).toEqual([{ key: 'a', start: 0, end: 0 }]);
    expect(() => capturePartitions('a', 10, 0)).toThrow(RangeError);
  });
});

describe('partitionChunks', () => {
  it('gives every line to exactly one partition, the one its first byte is in, at any chunk size', async () => {
    for (let trial = 0; trial < 300; trial++) {
      const whole = text();
      const bytes = new TextEncoder().encode(whole);
      const partitionBytes = 1 + Math.floor(next() * 50);
      const chunking = 1 + Math.floor(next() * 20);
      const store = new MemoryStore('memory://test', { chunking });
      await store.put('k', bytes);
      const parts: string[] = [];
      for (const partition of capturePartitions('k', bytes.length, partitionBytes)) {
        const part = await bytesOf(partitionChunks(store.stream('k', readStart(partition)), partition));
        expect(part).toBe(linesStartingIn(whole, partition.start, partition.end));
        parts.push(part);
      }
      expect(parts.join(''), JSON.stringify({ whole, partitionBytes, chunking })).toBe(whole);
    }
  });

  it('stops reading once its last line has ended', async () => {
    let chunksRead = 0;
    async function* counted(): AsyncIterable<Uint8Array> {
      for (const line of ['aaaa\n', 'bbbb\n', 'cccc\n', 'dddd\n']) {
        chunksRead++;
        yield new TextEncoder().encode(line);
      }
    }
    const part = await bytesOf(partitionChunks(counted(), { key: 'k', start: 0, end: 6 }));
    expect(part).toBe('aaaa\nbbbb\n');
    expect(chunksRead).toBe(2);
  });
});
