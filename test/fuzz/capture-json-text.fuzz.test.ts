import { JsonTextError, jsonTextOf, MAX_JSON_DEPTH, parseJsonText, plainJson } from '@vigil/core/capture';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, withinTimeBound } from './capture-fuzz-runs.ts';

/** What JSON.parse says of a text: its value, or that it refuses it. */
function native(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Ours, under the time bound: its plain value, or that it refuses it (any other error fails). */
function ours(text: string): { ok: true; value: unknown; text: string } | { ok: false } {
  return withinTimeBound(() => {
    try {
      const node = parseJsonText(text);
      return { ok: true as const, value: plainJson(node), text: jsonTextOf(node) };
    } catch (error) {
      if (error instanceof JsonTextError) return { ok: false as const };
      throw error;
    }
  });
}

/** A JSON text with a few characters inserted, deleted or replaced by JSON's own punctuation. */
const mutatedJson = fc
  .tuple(
    fc.json(),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom(...'{}[],:"\\-+.eE0 1\n\t\u0000\u00e9nulltruefalse'.split('')),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, cut, insert] of edits) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out = out.slice(0, i) + insert + out.slice(i + cut);
    }
    return out;
  });

/** Numbers as people write them, valid or not: leading zeros, bare dots, exponents, huge digits. */
const numberLike = fc
  .tuple(
    fc.constantFrom('', '-', '+', '--'),
    fc.stringMatching(/^[0-9]{0,400}$/),
    fc.constantFrom('', '.', '.0', '.5', '.05', '.'),
    fc.constantFrom('', 'e', 'E5', 'e-05', 'e+400', 'e+', '1'),
  )
  .map((parts) => parts.join(''));

describe('parseJsonText against JSON.parse', () => {
  it(
    'accepts exactly the texts JSON.parse accepts, with the same value',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.json(), mutatedJson, fc.string(), numberLike), (text) => {
          const expected = native(text);
          const actual = ours(text);
          expect(actual.ok).toBe(expected.ok);
          if (actual.ok && expected.ok) expect(actual.value).toEqual(expected.value);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'gives back the compact text it read: numbers as written, keys in document order',
    () => {
      // JSON.stringify writes compact JSON; keys may be integer-like, numbers any double.
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const text = JSON.stringify(value);
          const actual = ours(text);
          expect(actual.ok).toBe(true);
          if (actual.ok) expect(actual.text).toBe(text);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('refuses nesting deeper than its limit with JsonTextError, never a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('[]', '{"a":}'), (depth, pair) => {
        const [open, close] = pair === '[]' ? ['[', ']'] : ['{"a":', '}'];
        const inner = pair === '[]' ? '' : '1';
        const text = open.repeat(depth) + inner + close.repeat(depth);
        const actual = ours(text);
        expect(actual.ok).toBe(depth <= MAX_JSON_DEPTH);
      }),
      { numRuns: 200 },
    );
  });
});
