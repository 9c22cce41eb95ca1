import { InputError } from '../errors/vigil-error.ts';
import { ColumnProfile } from './column-profile.ts';
import { sortedEntries } from './frequencies.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { KllSketch, type KllSketchJson } from './kll.ts';
import type { Moments } from './moments.ts';

/** The mergeable profile of a set of rows: what profile-capture writes per capture file. */
export interface Profile {
  /** Rows profiled (SageMaker's dataset.item_count). */
  itemCount: number;
  /** Columns by position; a row shorter than the profile counts its absent columns as missing. */
  columns: ColumnProfile[];
  /** Rows whose column count differed from the first row's (profiled anyway, and reported). */
  widthMismatchRows: number;
}

/** The JSON form of one column (numbers round-trip exactly through JSON). */
export interface ColumnProfileJson {
  name: string;
  types: { missing: number; fractional: number; integral: number; boolean: number; string: number };
  moments: { count: number; sum: number; avg: number; m2: number; min: number | null; max: number | null };
  kll: KllSketchJson;
  hll: string;
  /** Value counts, or null once the column had more than 120 distinct values. */
  frequencies: [string, number][] | null;
}

/** The JSON form of a profile, as stored under `profiles/…`. */
export interface ProfileJson {
  format: 'vigil-profile';
  version: 1;
  itemCount: number;
  widthMismatchRows: number;
  columns: ColumnProfileJson[];
}

/**
 * A profile of no rows.
 *
 * @example
 * ```ts
 * mergeProfiles(emptyProfile(), profile); // same counts as profile
 * ```
 */
export function emptyProfile(): Profile {
  return { itemCount: 0, columns: [], widthMismatchRows: 0 };
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
  return {
    itemCount: a.itemCount + b.itemCount,
    columns,
    widthMismatchRows: a.widthMismatchRows + b.widthMismatchRows,
  };
}

function absentColumn(like: ColumnProfile, rows: number): ColumnProfile {
  const column = new ColumnProfile(like.name);
  column.addMissing(rows);
  return column;
}

/**
 * The profile as JSON-ready data.
 *
 * @example
 * ```ts
 * JSON.stringify(profileToJson(builder.build()));
 * ```
 */
export function profileToJson(profile: Profile): ProfileJson {
  return {
    format: 'vigil-profile',
    version: 1,
    itemCount: profile.itemCount,
    widthMismatchRows: profile.widthMismatchRows,
    columns: profile.columns.map((c) => ({
      name: c.name,
      types: c.typeCounts,
      moments: {
        count: c.moments.count,
        sum: c.moments.sum,
        avg: c.moments.avg,
        m2: c.moments.m2,
        min: c.moments.count > 0 ? c.moments.min : null,
        max: c.moments.count > 0 ? c.moments.max : null,
      },
      kll: c.kll.toJSON(),
      hll: c.hll.toJSON(),
      frequencies: c.frequencies ? sortedEntries(c.frequencies) : null,
    })),
  };
}

/**
 * Reads a profile written by `profileToJson` (parsed JSON). Throws InputError naming the problem
 * when the data is not a Vigil profile, so a caller can count and skip it.
 *
 * @example
 * ```ts
 * const profile = profileFromJson(JSON.parse(text));
 * ```
 */
export function profileFromJson(data: unknown): Profile {
  const json = data as Partial<ProfileJson> | null;
  if (json?.format !== 'vigil-profile' || json.version !== 1 || !Array.isArray(json.columns)) {
    throw new InputError('Not a Vigil profile (format "vigil-profile", version 1): re-run profile-capture');
  }
  const columns = json.columns.map((c, i) => {
    if (!c || typeof c.name !== 'string' || !c.types || !c.moments || !c.kll || typeof c.hll !== 'string') {
      throw new InputError(`Profile column ${i} is incomplete: re-run profile-capture on its source`);
    }
    const column = new ColumnProfile(c.name);
    column.missing = c.types.missing;
    column.fractional = c.types.fractional;
    column.integral = c.types.integral;
    column.boolean = c.types.boolean;
    column.string = c.types.string;
    const m = c.moments;
    const moments: Moments = {
      count: m.count,
      sum: m.sum,
      avg: m.avg,
      m2: m.m2,
      min: m.min ?? Number.POSITIVE_INFINITY,
      max: m.max ?? Number.NEGATIVE_INFINITY,
    };
    column.moments = moments;
    column.kll = KllSketch.fromJSON(c.kll);
    const hll = HyperLogLog.fromJSON(c.hll);
    if (!hll) throw new InputError(`Profile column ${c.name} has a corrupt distinct-count sketch`);
    column.hll = hll;
    column.frequencies = c.frequencies ? new Map(c.frequencies) : undefined;
    return column;
  });
  return { itemCount: json.itemCount ?? 0, columns, widthMismatchRows: json.widthMismatchRows ?? 0 };
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
    throw new InputError('Profile is not valid JSON: re-run profile-capture on its source', { cause: error });
  }
  return profileFromJson(data);
}
