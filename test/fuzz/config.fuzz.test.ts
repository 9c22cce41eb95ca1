import { ConfigError, parseConfig, parseConfigText, type VigilConfig } from '@vigil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TWO_ENDPOINTS_CONFIG } from '../support/two-endpoints-config.ts';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, withinTimeBound } from './capture-fuzz-runs.ts';

const seed = TWO_ENDPOINTS_CONFIG;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in `value` (objects by key, arrays by index). */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths.push(...pathsOf(v, [...prefix, i]));
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}
const seedPaths = pathsOf(seed as unknown as Json).filter((p) => p.length > 0);

/** `seed` with the value at `path` replaced (or deleted when `value` is undefined). */
function mutated(path: (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(seed) as unknown as Json;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** parseConfig's verdict: the configuration, or its ConfigError (anything else fails the test). */
function verdict(run: () => VigilConfig): VigilConfig | ConfigError {
  return withinTimeBound(() => {
    try {
      return run();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
  });
}

describe('vigil.config.json validation on any input', () => {
  it('accepts the seed configuration', () => {
    expect(verdict(() => parseConfig(seed))).not.toBeInstanceOf(ConfigError);
  });

  it(
    'gives a configuration or a ConfigError naming a path, for the seed with any one field changed or removed',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...seedPaths),
          fc.option(
            fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.constantFrom(
                '',
                -1,
                0,
                Number.POSITIVE_INFINITY,
                Number.NaN,
                '../../x',
                '*',
                'rate(0 hours)',
              ),
            ),
            {
              nil: undefined,
            },
          ),
          (path, value) => {
            const result = verdict(() => parseConfig(mutated(path, value as Json | undefined)));
            if (result instanceof ConfigError) {
              expect(typeof result.path).toBe('string');
              expect(result.message).toMatch(/^Invalid Vigil configuration at /);
              return;
            }
            // A valid configuration parses to itself: defaults are filled once and for all.
            expect(parseConfig(result)).toEqual(result);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'gives a configuration or a ConfigError for any file text',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.json(),
            fc.string({ unit: 'binary' }),
            fc.jsonValue().map((v) => JSON.stringify({ version: 1, endpoints: [v] })),
          ),
          (text) => {
            verdict(() => parseConfigText(text, 'vigil.config.json'));
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
