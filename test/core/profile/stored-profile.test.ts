import { InputError } from '@vigil/core';
import { statisticsFromProfile } from '@vigil/core/dataquality';
import { toJacksonJson } from '@vigil/core/json';
import {
  ProfileBuilder,
  parseProfile,
  profileFromJson,
  profileToJson,
  serializeProfile,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

function sample() {
  const builder = new ProfileBuilder(['x', 'c']);
  for (let i = 0; i < 50; i++) builder.addRow([String(i * 1.5), i % 3 ? 'a' : 'b']);
  builder.addRow(['NaN', 'zz']);
  builder.addRow(['7']);
  return builder.build();
}

/** The same profile as version 1 wrote it: no non-finite counts, examples or row widths. */
function asVersion1(json: ReturnType<typeof profileToJson>) {
  return {
    format: 'vigil-profile',
    version: 1,
    itemCount: json.itemCount,
    widthMismatchRows: 1,
    columns: json.columns.map(({ examples: _examples, types, ...c }) => {
      const { nonFinite: _nonFinite, ...v1Types } = types;
      return { ...c, types: v1Types };
    }),
  };
}

describe('stored profiles', () => {
  it('write version 2 and read it back exactly, row widths and examples included', () => {
    const profile = sample();
    const back = parseProfile(serializeProfile(profile));
    expect(back.rowWidths).toEqual(
      new Map([
        [1, 1],
        [2, 51],
      ]),
    );
    expect(back.columns.map((c) => [c.nonFinite, c.nonNumericExamples])).toEqual([
      [1, []],
      [0, ['b', 'a', 'zz']],
    ]);
    expect(toJacksonJson(statisticsFromProfile(back))).toBe(toJacksonJson(statisticsFromProfile(profile)));
  });

  it('still read version 1', () => {
    const v2 = profileToJson(sample());
    const v1 = profileFromJson(JSON.parse(JSON.stringify(asVersion1(v2))));
    expect(v1.rowWidths.size).toBe(0);
    expect(v1.columns.map((c) => c.nonFinite)).toEqual([0, 0]);
    expect(v1.columns.map((c) => c.moments)).toEqual(profileFromJson(v2).columns.map((c) => c.moments));
  });

  /** Sets (or, with undefined, deletes) the field at `path` of parsed JSON. */
  function edit(json: unknown, path: readonly (string | number)[], value: unknown): void {
    let node = json as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }

  it.each([
    [['columns', 0, 'moments', 'sum'], 'lots', /columns\[0\]\.moments\.sum: /],
    [['columns', 1, 'types', 'string'], -1, /columns\[1\]\.types\.string: /],
    [['columns', 0, 'kll'], undefined, /columns\[0\]\.kll: /],
    [['columns', 0, 'kll', 'levels', 0, 'items', 0], 'NaN', /columns\[0\]\.kll\.levels\[0\]\.items\[0\]: /],
    [['rowWidths'], [[2]], /rowWidths\[0\]: /],
    [['version'], 3, /version: /],
    [['columns', 0, 'hll'], 'AAAA', /columns\[0\]\.hll \(column x\) is a corrupt distinct-count sketch/],
  ] as const)('name the path of a bad field: %j', (path, value, message) => {
    const json: unknown = JSON.parse(serializeProfile(sample()));
    edit(json, path, value);
    expect(() => profileFromJson(json)).toThrow(InputError);
    expect(() => profileFromJson(json)).toThrow(message);
  });

  it('say a truncated text is not valid JSON, without quoting it', () => {
    const text = serializeProfile(sample());
    expect(() => parseProfile(text.slice(0, text.length / 2))).toThrow(
      'Profile is not valid JSON, perhaps a truncated write: re-run profile-capture on its source',
    );
  });
});
