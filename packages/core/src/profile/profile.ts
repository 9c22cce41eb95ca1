import { InputError } from '../errors/vigil-error.ts';
import { ColumnProfile } from './column-profile.ts';
import { sortedEntries } from './frequencies.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { KllSketch } from './kll.ts';
import type { Moments } from './moments.ts';
import { type ProfileV1Json, type ProfileV2Json, storedProfileSchema } from './profile-schema.ts';

/** The mergeable profile of a set of rows: what profile-capture writes per capture file. */
export interface Profile {
  /** Rows profiled (SageMaker's dataset.item_count). */
  itemCount: number;
  /** Columns by position; a row shorter than the profile counts its absent columns as missing. */
  columns: ColumnProfile[];
  /**
   * Rows per number of values (width → rows), so that a monitor can count rows that are short
   * or long against the baseline's columns, which profiling does not know. Bounded by the
   * column count. Empty for a version-1 profile, which did not record it.
   */
  rowWidths: Map<number, number>;
}

/** The JSON form of one column (numbers round-trip exactly through JSON). */
export type ColumnProfileJson = ProfileV2Json['columns'][number];

/** The JSON form of a profile, as stored under `profiles/…`. */
export type ProfileJson = ProfileV2Json;

/**
 * A profile of no rows.
 *
 * @example
 * ```ts
 * mergeProfiles(emptyProfile(), profile); // same counts as profile
 * ```
 */
export function emptyProfile(): Profile {
  return { itemCount: 0, columns: [], rowWidths: new Map() };
}

/**
 * Merges two profiles column by column (by position). Counts and moments combine exactly (Chan's
 * formula for the variance), KLL sketches as Deequ merges them, HyperLogLogs by register max,
 * frequency tables by sum. A column one profile lacks counts as missing for that profile's rows.
 * Associative and commutative up to the sketches' error bounds; inputs are unchanged.
 *
 * @example
 * ```ts
 * const whole = mergeProfiles(profileOf(firstHalf), profileOf(secondHalf));
 * ```
 */
export function mergeProfiles(a: Profile, b: Profile): Profile {
  const width = Math.max(a.columns.length, b.columns.length);
  const columns: ColumnProfile[] = [];
  for (let i = 0; i < width; i++) {
    const left = a.columns[i] ?? absentColumn(b.columns[i] as ColumnProfile, a.itemCount);
    const right = b.columns[i] ?? absentColumn(left, b.itemCount);
    columns.push(left.merge(right));
  }
  const rowWidths = new Map(a.rowWidths);
  for (const [width, rows] of b.rowWidths) rowWidths.set(width, (rowWidths.get(width) ?? 0) + rows);
  return { itemCount: a.itemCount + b.itemCount, columns, rowWidths };
}

function absentColumn(like: ColumnProfile, rows: number): ColumnProfile {
  const column = new ColumnProfile(like.name);
  column.addMissing(rows);
  return column;
}

/**
 * The profile as JSON-ready data (version 2). Doubles JSON has no number for are written as the
 * texts `"NaN"`, `"Infinity"`, `"-Infinity"`, so that a stored profile reads back exactly.
 *
 * @example
 * ```ts
 * JSON.stringify(profileToJson(builder.build()));
 * ```
 */
export function profileToJson(profile: Profile): ProfileJson {
  return {
    format: 'vigil-profile',
    version: 2,
    itemCount: profile.itemCount,
    rowWidths: [...profile.rowWidths].sort((a, b) => a[0] - b[0]),
    columns: profile.columns.map((c) => ({
      name: c.name,
      types: { ...c.typeCounts, nonFinite: c.nonFinite },
      moments: {
        count: c.moments.count,
        sum: storeDouble(c.moments.sum),
        avg: storeDouble(c.moments.avg),
        m2: storeDouble(c.moments.m2),
        min: c.moments.count > 0 ? storeDouble(c.moments.min) : null,
        max: c.moments.count > 0 ? storeDouble(c.moments.max) : null,
      },
      kll: c.kll.toJSON(),
      hll: c.hll.toJSON(),
      frequencies: c.frequencies ? sortedEntries(c.frequencies) : null,
      examples: [...c.nonNumericExamples],
    })),
  };
}

type StoredDouble = number | 'NaN' | 'Infinity' | '-Infinity';

function storeDouble(x: number): StoredDouble {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

function readDouble(x: StoredDouble): number {
  return typeof x === 'number' ? x : Number(x);
}

/**
 * Reads a stored profile (parsed JSON) of version 1 or 2, validated field by field. Throws
 * InputError naming the path of the first bad field (`columns[2].moments.sum: …`) when the data
 * is not a Vigil profile, so that a caller can count and skip it and say why.
 *
 * @example
 * ```ts
 * const profile = profileFromJson(JSON.parse(text));
 * ```
 */
export function profileFromJson(data: unknown): Profile {
  const header = data as { format?: unknown; version?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.format !== 'vigil-profile') {
    throw new InputError(
      'Not a Vigil profile: format: expected "vigil-profile". Re-run profile-capture on its source to rewrite it',
    );
  }
  const parsed = storedProfileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? formatPath(issue.path) : '';
    throw new InputError(
      `Not a Vigil profile (format "vigil-profile", version 1 or 2): ${path || '(root)'}: ` +
        `${issue?.message ?? 'invalid'}. Re-run profile-capture on its source to rewrite it`,
    );
  }
  return profileOfValidJson(parsed.data);
}

/**
 * Parses profile text that `serializeProfile` wrote in this very run (a worker thread's reply),
 * without the field-by-field check `parseProfile` makes of a stored file: the schema only checks
 * (it transforms nothing), and checking a partition's hundred thousand sketch items costs more
 * than parsing them. The profile is the one `parseProfile` gives.
 *
 * @example
 * ```ts
 * const profile = parseOwnProfile(serializeProfile(partitionProfile));
 * ```
 */
export function parseOwnProfile(text: string): Profile {
  return profileOfValidJson(JSON.parse(text) as ProfileV2Json);
}

/** The profile of stored profile JSON known to be valid. */
function profileOfValidJson(json: ProfileV1Json | ProfileV2Json): Profile {
  const columns = json.columns.map((c, i) => {
    const column = new ColumnProfile(c.name);
    column.missing = c.types.missing;
    column.fractional = c.types.fractional;
    column.integral = c.types.integral;
    column.boolean = c.types.boolean;
    column.string = c.types.string;
    if ('nonFinite' in c.types) column.nonFinite = c.types.nonFinite;
    if ('examples' in c) column.nonNumericExamples = [...c.examples];
    const m = c.moments;
    const moments: Moments = {
      count: m.count,
      sum: readDouble(m.sum),
      avg: readDouble(m.avg),
      m2: readDouble(m.m2),
      min: m.min === null ? Number.POSITIVE_INFINITY : readDouble(m.min),
      max: m.max === null ? Number.NEGATIVE_INFINITY : readDouble(m.max),
    };
    column.moments = moments;
    column.kll = KllSketch.fromJSON(c.kll);
    const hll = HyperLogLog.fromJSON(c.hll);
    if (!hll) {
      throw new InputError(
        `Not a Vigil profile: columns[${i}].hll (column ${c.name}) is a corrupt distinct-count sketch. ` +
          'Re-run profile-capture on its source to rewrite it',
      );
    }
    column.hll = hll;
    column.frequencies = c.frequencies ? new Map(c.frequencies) : undefined;
    return column;
  });
  const rowWidths = new Map<number, number>();
  if (json.version === 2) for (const [width, rows] of json.rowWidths) rowWidths.set(width, rows);
  return { itemCount: json.itemCount, columns, rowWidths };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

/**
 * Serializes a profile to compact JSON text.
 *
 * @example
 * ```ts
 * await store.put(profileKeyFor(key), serializeProfile(profile));
 * ```
 */
export function serializeProfile(profile: Profile): string {
  return JSON.stringify(profileToJson(profile));
}

/**
 * Parses profile text; throws InputError when it is not JSON or not a profile.
 *
 * @example
 * ```ts
 * const profile = parseProfile(new TextDecoder().decode(await store.get(key)));
 * ```
 */
export function parseProfile(text: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'Profile is not valid JSON, perhaps a truncated write: re-run profile-capture on its source',
      { cause: error },
    );
  }
  return profileFromJson(data);
}
