import { createDataQualityBaseline, parseStatisticsFile, safeHeader } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe('CSV header names, made safe as Spark makes them', () => {
  it('appends the column index to repeated names (ignoring case) and names empty ones _c<i>', () => {
    expect(safeHeader(['a', 'a', '', 'b'])).toEqual(['a0', 'a1', '_c2', 'b']);
    expect(safeHeader(['Age', 'age', 'city'])).toEqual(['Age0', 'age1', 'city']);
    expect(safeHeader(['x', 'y'])).toEqual(['x', 'y']);
  });

  it('gives a baseline of a header that repeats a name one feature per column', async () => {
    const files = await createDataQualityBaseline(once('a,a,b\n1,2,x\n3,4,y\n'), {
      format: 'csv',
      header: true,
    });
    const names = parseStatisticsFile(files.statistics).features.map((f) => f.name);
    expect(names).toEqual(['a0', 'a1', 'b']);
  });
});
