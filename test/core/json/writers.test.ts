import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type JsonOut, parseJson, toJacksonJson, toPythonJson } from '@vigil/core';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../shared/fixtures/${path}`, import.meta.url)), 'utf8');

describe('toJacksonJson', () => {
  it('writes the real PACKT violations file byte for byte', () => {
    const text = fixture('sagemaker/dq-violations-packt/constraint_violations.json');
    expect(toJacksonJson(JSON.parse(text) as JsonOut)).toBe(text);
  });

  it.each([
    'sagemaker/dq-baseline-aai540/statistics.json',
    'sagemaker/dq-baseline-aai540/constraints.json',
    'sagemaker/dq-sdk-pipeline/statistics.json',
    'sagemaker/mq-regression-sdk-pipeline/constraints.json',
  ])('rewrites the real %s byte for byte after a typed parse', (path) => {
    const text = fixture(path);
    expect(toJacksonJson(parseJson(text, { integersAsBigInt: true }))).toBe(text);
  });

  it('writes Longs as integers and Doubles with a fraction, with Jackson spacing', () => {
    const out = toJacksonJson({
      version: 0,
      dataset: { item_count: 100n },
      data: [[1, 2.5]],
      empty: [],
      none: {},
    });
    expect(out).toBe(
      '{\n  "version" : 0.0,\n  "dataset" : {\n    "item_count" : 100\n  },\n  "data" : [ [ 1.0, 2.5 ] ],\n  "empty" : [ ],\n  "none" : { }\n}',
    );
  });

  it('writes non-finite doubles as strings, as Jackson does by default', () => {
    expect(toJacksonJson({ standard_deviation: Number.NaN })).toBe('{\n  "standard_deviation" : "NaN"\n}');
  });

  it('rewrites the real model-quality statistics (NaN strings, Long item_count) byte for byte', () => {
    const text = fixture('sagemaker/mq-regression-sdk-pipeline/statistics.json');
    expect(toJacksonJson(parseJson(text, { integersAsBigInt: true }))).toBe(text);
  });
});

describe('toPythonJson', () => {
  it('writes the real Clarify analysis.json byte for byte', () => {
    const text = fixture('sagemaker/clarify-bias/analysis.json');
    expect(toPythonJson(parseJson(text, { integersAsBigInt: true }))).toBe(text.replace(/\n$/, ''));
  });

  it('reads bare NaN and Infinity, which Python writes and JSON.parse rejects', () => {
    expect(parseJson('{"a": NaN, "b": -Infinity, "c": [1, 2.0]}', { integersAsBigInt: true })).toEqual({
      a: Number.NaN,
      b: Number.NEGATIVE_INFINITY,
      c: [1n, 2],
    });
    expect(() => parseJson('{"a": 1,}')).toThrow(/line 1: expected a quoted key/);
  });

  it('writes infinities bare and escapes non-ASCII as Python does', () => {
    expect(toPythonJson({ value: Number.POSITIVE_INFINITY, name: 'é' })).toBe(
      '{\n    "value": Infinity,\n    "name": "\\u00e9"\n}',
    );
  });
});
