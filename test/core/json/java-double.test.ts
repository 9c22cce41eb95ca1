import { javaDouble, pythonFloat } from '@vigil/core';
import { describe, expect, it } from 'vitest';

describe('javaDouble', () => {
  it.each([
    [1, '1.0'],
    [0.64, '0.64'],
    [2048, '2048.0'],
    [23191, '23191.0'],
    [1.4402689218907343e10, '1.4402689218907343E10'],
    [3.8e7, '3.8E7'],
    [1.14e7, '1.14E7'],
    [1e7, '1.0E7'],
    [9999999, '9999999.0'],
    [0.001, '0.001'],
    [0.00099, '9.9E-4'],
    [0.8330066026148891, '0.8330066026148891'],
    [-2.5e-5, '-2.5E-5'],
    [0, '0.0'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('formats %d as Java does: %s', (value, expected) => {
    expect(javaDouble(value)).toBe(expected);
  });
});

describe('pythonFloat', () => {
  it.each([
    [1, '1.0'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e16, '1.5e+16'],
    [1e16, '1e+16'],
    [123456789012345.6, '123456789012345.6'],
    [-0.017711586081682884, '-0.017711586081682884'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('formats %d as Python repr does: %s', (value, expected) => {
    expect(pythonFloat(value)).toBe(expected);
  });
});
