import { planPartitions } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';

const spans = (parts: { start: number; end: number }[]) => parts.map((p) => [p.start, p.end]);

describe('planPartitions', () => {
  it('cuts full partitions, then halves of what remains, down to a quarter', () => {
    // Hand-worked: 100 bytes in partitions of 32 (smallest 8). Remaining 100 and 68 take 32 each;
    // then half of 36 (18), of 18 (9); of the last 9, the smallest (8) would leave 1 byte, so all 9.
    expect(spans(planPartitions([{ key: 'a', size: 100 }], 32))).toEqual([
      [0, 32],
      [32, 64],
      [64, 82],
      [82, 91],
      [91, 100],
    ]);
  });

  it('tapers over the whole input: only the last object gets the small partitions', () => {
    const parts = planPartitions(
      [
        { key: 'a', size: 100 },
        { key: 'b', size: 0 },
        { key: 'c', size: 40 },
      ],
      32,
    );
    expect(parts.map((p) => `${p.key}:${p.start}-${p.end}`)).toEqual([
      'a:0-32',
      'a:32-64',
      'a:64-96',
      'a:96-100',
      'b:0-0',
      'c:0-20',
      'c:20-30',
      'c:30-40',
    ]);
  });

  it('covers every object exactly, in order, with partitions no larger than asked', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 200; trial++) {
      const objects = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => ({
        key: `k${i}`,
        size: Math.floor(next() * 5000),
      }));
      const partitionBytes = 1 + Math.floor(next() * 700);
      const parts = planPartitions(objects, partitionBytes);
      for (const object of objects) {
        const own = parts.filter((p) => p.key === object.key);
        expect(own[0]?.start).toBe(0);
        expect(own.at(-1)?.end).toBe(object.size);
        own.forEach((p, i) => {
          if (i > 0) expect(p.start).toBe(own[i - 1]?.end);
          expect(p.end - p.start).toBeLessThanOrEqual(partitionBytes);
        });
      }
      expect(parts.map((p) => p.key)).toEqual(
        objects.flatMap((o) => parts.filter((p) => p.key === o.key).map(() => o.key)),
      );
    }
  });

  it('refuses a partition size that is not positive', () => {
    expect(() => planPartitions([{ key: 'a', size: 10 }], 0)).toThrow(/partitionBytes must be positive/);
  });
});
