import { sortDoubles } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

describe('sortDoubles', () => {
  it('sorts like the built-in typed-array sort (Java order, -0 before 0) on many shapes', () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const shapes: ((i: number, n: number) => number)[] = [
      () => next() * 200 - 100,
      () => Math.floor(next() * 4),
      (i) => i,
      (i, n) => n - i,
      (i) => (i % 2 ? -0 : 0),
      (i) => (i % 7) - 3 + (next() < 0.1 ? -0 : 0),
      () => 5,
      // Keys that share their top bits, differ only in the low word, or span every exponent:
      // each makes the radix passes read a different window of the high word.
      () => 1000 + next() * 1e-3,
      () => -(1000 + next() * 1e-3),
      () => 1 + next() * 1e-9,
      () => (next() < 0.5 ? -1 : 1) * 10 ** (next() * 600 - 300),
      () => Number((next() * 4 - 2).toPrecision(6)),
    ];
    for (const shape of shapes) {
      for (const n of [0, 1, 2, 3, 15, 16, 17, 100, 2050, 5000]) {
        const values = Float64Array.from({ length: n }, (_, i) => shape(i, n));
        const expected = values.slice().sort();
        const actual = sortDoubles(values.slice());
        expect(
          Array.from(actual).every((v, i) => Object.is(v, expected[i])),
          `${shape} n=${n}`,
        ).toBe(true);
      }
    }
  });
});
