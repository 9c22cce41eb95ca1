import {
  BOOLEAN,
  classifyText,
  FRACTIONAL,
  INTEGRAL,
  inferType,
  MISSING,
  STRING,
  scannedNumber,
  scanText,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

describe('classifyText (Deequ StatefulDataType regexes)', () => {
  it.each([
    ['3.0', FRACTIONAL],
    ['-0.5', FRACTIONAL],
    ['+ 2.5', FRACTIONAL],
    ['.5', FRACTIONAL],
    ['5.', FRACTIONAL],
    ['0', INTEGRAL],
    ['1', INTEGRAL],
    ['-12', INTEGRAL],
    [' 7', INTEGRAL],
    ['true', BOOLEAN],
    ['false', BOOLEAN],
    ['True', STRING],
    ['1e5', STRING],
    ['1.2.3', STRING],
    ['NaN', STRING],
    ['abc', STRING],
    ['12a', STRING],
    ['', MISSING],
  ])('%j → %i', (text, expected) => {
    expect(classifyText(text)).toBe(expected);
  });

  it('agrees with the regular expressions on generated strings', () => {
    const fractional = /^(-|\+)? ?\d*\.\d*$/;
    const integral = /^(-|\+)? ?\d*$/;
    const alphabet = ['1', '0', '.', '-', '+', ' ', 'e', 'a'];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = 1 + (i % 6);
      for (let j = 0; j < len; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      const expected = fractional.test(s) ? FRACTIONAL : integral.test(s) ? INTEGRAL : STRING;
      expect(classifyText(s), JSON.stringify(s)).toBe(expected);
    }
  });
});

describe('scanText', () => {
  it('parses numeric text to the same double as Number()', () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const texts = [
      '0',
      '-0',
      '5.',
      '.5',
      '+7',
      '-12.50',
      '000123.4500',
      '9007199254740993',
      '0.1',
      '123456789012345.6',
    ];
    for (let i = 0; i < 20_000; i++) {
      const digits = (next() * 1e6).toFixed(Math.floor(next() * 12));
      texts.push(next() < 0.3 ? `-${digits}` : digits);
    }
    for (const text of texts) {
      expect([INTEGRAL, FRACTIONAL]).toContain(scanText(text));
      expect(Object.is(scannedNumber, Number(text)), text).toBe(true);
    }
  });

  it('gives NaN for numeric-looking text Spark would not cast', () => {
    expect(scanText('-')).toBe(INTEGRAL);
    expect(scannedNumber).toBeNaN();
    expect(scanText('.')).toBe(FRACTIONAL);
    expect(scannedNumber).toBeNaN();
  });
});

describe('inferType (Deequ DataTypeHistogram.determineType)', () => {
  const counts = (
    c: Partial<Record<'missing' | 'fractional' | 'integral' | 'boolean' | 'string', number>>,
  ) => ({
    missing: 0,
    fractional: 0,
    integral: 0,
    boolean: 0,
    string: 0,
    ...c,
  });
  it('is Unknown when every value is missing', () =>
    expect(inferType(counts({ missing: 3 }))).toBe('Unknown'));
  it('is String on any string', () => expect(inferType(counts({ integral: 99, string: 1 }))).toBe('String'));
  it('is String when booleans mix with numbers', () =>
    expect(inferType(counts({ integral: 5, boolean: 1 }))).toBe('String'));
  it('is Boolean for booleans only', () =>
    expect(inferType(counts({ boolean: 4, missing: 1 }))).toBe('Boolean'));
  it('is Fractional on one fractional value', () =>
    expect(inferType(counts({ integral: 99, fractional: 1 }))).toBe('Fractional'));
  it('is Integral for whole numbers only', () =>
    expect(inferType(counts({ integral: 2, missing: 9 }))).toBe('Integral'));
});
