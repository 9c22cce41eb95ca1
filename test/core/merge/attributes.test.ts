import { attributeValue, jsonPathValue, toLabelValue, toProbability } from '@vigil/core/merge';
import { describe, expect, it } from 'vitest';

describe('jsonPathValue', () => {
  const output = {
    predicted_label: 1,
    score: 0.98,
    predictions: [{ score: 0.1 }, { score: 0.9 }],
    'a key': 'x',
  };

  it('follows names, indexes and quoted names, with or without $', () => {
    expect(jsonPathValue(output, 'score')).toBe(0.98);
    expect(jsonPathValue(output, '$.score')).toBe(0.98);
    expect(jsonPathValue(output, 'predictions[1].score')).toBe(0.9);
    expect(jsonPathValue(output, "$['a key']")).toBe('x');
    expect(jsonPathValue([[5, 6]], '[0][1]')).toBe(6);
    expect(jsonPathValue(output, '$')).toBe(output);
  });

  it('gives undefined where the path leads nowhere', () => {
    expect(jsonPathValue(output, 'missing')).toBeUndefined();
    expect(jsonPathValue(output, 'predictions[5].score')).toBeUndefined();
    expect(jsonPathValue(output, 'score.deeper')).toBeUndefined();
    expect(jsonPathValue(output, 'toString')).toBeUndefined();
  });

  it('rejects a path it cannot read, saying how to write one', () => {
    expect(() => jsonPathValue(output, 'predictions[*]')).toThrow(/neither an index nor a quoted name/);
    expect(() => jsonPathValue(output, 'a..b')).toThrow(/empty name/);
    expect(() => jsonPathValue(output, 'a[0')).toThrow(/unclosed/);
  });
});

describe('attributeValue', () => {
  it('takes a column index for CSV records and a JSON path for JSON records', () => {
    expect(attributeValue(['0.3', '1'], undefined, '1')).toBe('1');
    expect(attributeValue(['0.3', '1'], undefined, undefined)).toBe('0.3');
    expect(attributeValue(['0.3'], undefined, 'score')).toBeUndefined();
    expect(attributeValue([1, 0.98], { predicted_label: 1, score: 0.98 }, 'score')).toBe(0.98);
    expect(attributeValue([1, 0.98], { predicted_label: 1, score: 0.98 }, '1')).toBe(0.98);
  });
});

describe('toLabelValue and toProbability', () => {
  it('normalises labels so that "1" and 1 agree', () => {
    expect([' 1.0 ', '1', 1, true, false, 'cat', '', null, Number.NaN, { a: 1 }].map(toLabelValue)).toEqual([
      1,
      1,
      1,
      1,
      0,
      'cat',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(['0.25', 1.5, -0.1, 'x'].map(toProbability)).toEqual([0.25, undefined, undefined, undefined]);
  });
});
