import { type JsonOut, plainJson, toJacksonJson } from '@vigil/core';
import { statisticsFromProfile } from '@vigil/core/dataquality';
import { ProfileBuilder } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

describe('plainJson', () => {
  it('gives what JSON.parse of the Jackson text gives, bigints as numbers and undefined keys left out', () => {
    const document: JsonOut = {
      item_count: 3n,
      mean: 2.5,
      missing: undefined,
      nested: [{ count: 4n, values: [1, 2] }, 'x', null, true],
    };
    expect(plainJson(document)).toEqual(JSON.parse(toJacksonJson(document)));
    expect(plainJson(document)).toEqual({
      item_count: 3,
      mean: 2.5,
      nested: [{ count: 4, values: [1, 2] }, 'x', null, true],
    });
  });

  it('returns arrays of number arrays themselves, so a sketch read back is the one already ranked', () => {
    const builder = new ProfileBuilder(['x']);
    for (let i = 0; i < 5000; i++) builder.addRow([String((i * 7919) % 1000)]);
    const document = statisticsFromProfile(builder.build(), ['x']);
    type Sketch = { data: number[][] };
    const sketchOf = (doc: unknown) =>
      (doc as { features: { numerical_statistics: { distribution: { kll: { sketch: Sketch } } } }[] })
        .features[0]?.numerical_statistics.distribution.kll.sketch as Sketch;
    const data = sketchOf(document).data;
    expect(data.length).toBeGreaterThan(1);
    expect(sketchOf(plainJson(document)).data).toBe(data);
    // An array with a bigint in it is a new array, as before.
    const counts: JsonOut = [[1n, 2n], [3]];
    expect(plainJson(counts)).not.toBe(counts);
    expect(plainJson(counts)).toEqual([[1, 2], [3]]);
  });
});
