import { columnNotes, nonFiniteCounts } from '@vigil/core/dataquality';
import { MAX_EXAMPLES, ProfileBuilder, type RowValue } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

function profileOf(column: readonly RowValue[]) {
  const builder = new ProfileBuilder(['f']);
  for (const value of column) builder.addRow([value]);
  return builder.build();
}

describe('columnNotes', () => {
  it('names the texts that made a column of numbers String, with their count', () => {
    const values = [...Array.from({ length: 997 }, (_, i) => String(i)), 'abc', 'n/a', 'n/a'];
    expect(columnNotes(profileOf(values))).toEqual([
      "f: inferred String because of 'abc', 'n/a' (3 of 1000 values)",
    ]);
  });

  it('counts booleans mixed with numbers among the texts that did it', () => {
    expect(columnNotes(profileOf(['1', '2', '3', 'true']))).toEqual([
      "f: inferred String because of 'true' (1 of 4 values)",
    ]);
  });

  it("explains whole numbers in a Fractional column, which fail SageMaker's data_type_check", () => {
    // `%.6g` prints 1.0000001 as "1": Deequ counts it Integral, so 2 of 5 values are not Fractional.
    expect(columnNotes(profileOf(['0.5', '1', '-2.25', '3.5e-05', '-2']))).toEqual([
      "f: 2 of 5 values are written as whole numbers without a decimal point, which SageMaker's " +
        'data_type_check counts as Integral, not Fractional: write floats with a decimal point or lower ' +
        'monitoring_config.datatype_check_threshold in constraints.json',
    ]);
    expect(columnNotes(profileOf(['1', '2', '3']))).toEqual([]);
  });

  it('gives one note for every Fractional column with whole numbers, each with its count', () => {
    const builder = new ProfileBuilder(['a', 'b', 'c']);
    for (const row of [
      ['0.5', '1', 'x'],
      ['2', '1.5', 'y'],
      ['3', '2.5', 'z'],
      ['0.25', '3', 'w'],
    ])
      builder.addRow(row);
    expect(columnNotes(builder.build())).toEqual([
      "a (2 of 4), b (2 of 4): values written as whole numbers without a decimal point, which SageMaker's " +
        'data_type_check counts as Integral, not Fractional: write floats with a decimal point or lower ' +
        'monitoring_config.datatype_check_threshold in constraints.json',
    ]);
  });

  it('says nothing of a column that is mostly text', () => {
    expect(columnNotes(profileOf(['a', 'b', 'c', '1']))).toEqual([]);
  });

  it('keeps a bounded number of short examples, merged across profiles', () => {
    const many = profileOf([
      ...Array.from({ length: 50 }, (_, i) => String(i)),
      ...'vwxyz'.split(''),
      'q'.repeat(500),
    ]);
    const column = many.columns[0];
    expect(column?.nonNumericExamples).toEqual(['v', 'w', 'x', 'y', 'z']);
    expect(column?.nonNumericExamples).toHaveLength(MAX_EXAMPLES);
    const long = profileOf(['1', '2', 'q'.repeat(500)]).columns[0];
    expect(long?.nonNumericExamples).toEqual(['q'.repeat(40)]);
    const merged = long && column ? long.merge(column) : undefined;
    expect(merged?.nonNumericExamples).toEqual(['q'.repeat(40), 'v', 'w', 'x', 'y']);
  });

  it('counts non-finite values per feature', () => {
    const profile = profileOf(['1', 'NaN', '-inf', '2', null]);
    expect(nonFiniteCounts(profile)).toEqual({ f: 2 });
    expect(columnNotes(profile)).toEqual([
      'f: 2 of 5 values are non-finite (NaN, ±Infinity or too large for a double): counted as missing and left out of the statistics',
    ]);
  });
});
