import {
  BOOLEAN,
  classifyText,
  FRACTIONAL,
  INTEGRAL,
  inferType,
  MISSING,
  NON_FINITE,
  STRING,
  scannedValue,
  scanText,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

describe('classifyText (current Deequ StatefulDataType regexes)', () => {
  it.each([
    ['3.0', FRACTIONAL],
    ['-0.5', FRACTIONAL],
    ['+ 2.5', FRACTIONAL],
    ['1e5', FRACTIONAL],
    ['1E5', FRACTIONAL],
    ['-6.42071e-05', FRACTIONAL],
    ['+1.5E+10', FRACTIONAL],
    ['- 2e3', FRACTIONAL],
    ['007e1', FRACTIONAL],
    ['1.0E-300', FRACTIONAL],
    ['0', INTEGRAL],
    ['1', INTEGRAL],
    ['-12', INTEGRAL],
    [' 7', INTEGRAL],
    ['+ 7', INTEGRAL],
    ['00012', INTEGRAL],
    ['true', BOOLEAN],
    ['false', BOOLEAN],
    // Current Deequ wants a digit on both sides of the dot and in the exponent.
    ['.5', STRING],
    ['5.', STRING],
    ['.', STRING],
    ['-', STRING],
    ['+', STRING],
    [' ', STRING],
    ['1.e5', STRING],
    ['.5e3', STRING],
    ['1e', STRING],
    ['1e+', STRING],
    ['e5', STRING],
    ['1e5.0', STRING],
    ['1e5e5', STRING],
    ['1 ', STRING],
    ['\t1', STRING],
    ['1,5', STRING],
    ['0x1A', STRING],
    ['１', STRING],
    ['True', STRING],
    ['1.2.3', STRING],
    ['abc', STRING],
    ['12a', STRING],
    ['nana', STRING],
    ['infinit', STRING],
    ['- inf', STRING],
    ['NA', STRING],
    ['', MISSING],
  ])('%j → %i', (text, expected) => {
    expect(classifyText(text)).toBe(expected);
  });

  it('agrees with the regular expressions on generated strings', () => {
    const fractional = /^(-|\+)? ?\d+((\.\d+)|((?:\.\d+)?[Ee][-+]?\d+))$/;
    const integral = /^(-|\+)? ?\d+$/;
    const alphabet = ['1', '0', '.', '-', '+', ' ', 'e', 'E', 'a'];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = 1 + (i % 6);
      for (let j = 0; j < len; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      const expected = fractional.test(s) ? FRACTIONAL : integral.test(s) ? INTEGRAL : STRING;
      if (expected === FRACTIONAL && !Number.isFinite(Number(s.replace(' ', '')))) continue;
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
    const texts = ['0', '-0', '+7', '-12.50', '000123.4500', '9007199254740993', '0.1', '123456789012345.6'];
    for (let i = 0; i < 20_000; i++) {
      const digits = (next() * 1e6).toFixed(Math.floor(next() * 12));
      texts.push(next() < 0.3 ? `-${digits}` : digits);
    }
    for (const text of texts) {
      expect([INTEGRAL, FRACTIONAL]).toContain(scanText(text));
      expect(Object.is(scannedValue[0], Number(text)), text).toBe(true);
    }
  });

  it('gives NaN for numeric text Spark would not cast (a space after the sign)', () => {
    expect(scanText('- 3')).toBe(INTEGRAL);
    expect(scannedValue[0]).toBeNaN();
    expect(scanText('+ 2.5')).toBe(FRACTIONAL);
    expect(scannedValue[0]).toBeNaN();
  });

  it('parses exponent notation to the same double as Number()', () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const texts = ['1e5', '1E5', '-6.42071e-05', '2.5e+3', '9.999999999999999e22', '1e22', '1e23', '1e-22'];
    for (let i = 0; i < 20_000; i++) {
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 60 - 30);
      texts.push(next() < 0.5 ? x.toExponential(Math.floor(next() * 16)) : x.toPrecision(6));
    }
    for (const text of texts) {
      const type = scanText(text);
      expect([INTEGRAL, FRACTIONAL], text).toContain(type);
      expect(Object.is(scannedValue[0], Number(text)), text).toBe(true);
    }
  });
});

describe('non-finite numbers', () => {
  it.each([
    ['NaN', Number.NaN],
    ['nan', Number.NaN],
    ['NAN', Number.NaN],
    ['-nan', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['+Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['inf', Number.POSITIVE_INFINITY],
    ['-inf', Number.NEGATIVE_INFINITY],
    ['+inf', Number.POSITIVE_INFINITY],
    ['Inf', Number.POSITIVE_INFINITY],
    ['-Inf', Number.NEGATIVE_INFINITY],
    ['INFINITY', Number.POSITIVE_INFINITY],
    ['1e400', Number.POSITIVE_INFINITY],
    ['-1.5E999', Number.NEGATIVE_INFINITY],
    ['9'.repeat(400), Number.POSITIVE_INFINITY],
    [`-${'9'.repeat(400)}.5`, Number.NEGATIVE_INFINITY],
  ])('%j is a non-finite number', (text, value) => {
    expect(scanText(text)).toBe(NON_FINITE);
    expect(Object.is(scannedValue[0], value)).toBe(true);
  });

  it('leaves numbers that underflow to zero finite', () => {
    expect(scanText('1e-400')).toBe(FRACTIONAL);
    expect(scannedValue[0]).toBe(0);
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
