import type { Profile } from '../profile/profile.ts';

/** Rows whose number of values differs from the columns they are checked against. */
export interface RaggedRows {
  /** The number of columns rows are counted against (the baseline's features, or the header's). */
  width: number;
  /** Rows with fewer values: their absent columns count as missing. */
  short: number;
  /** Rows with more values. */
  long: number;
  /** True when the values past `width` were left out (the long rows were a minority). */
  trimmed: boolean;
}

/**
 * The row whose width most rows have; ties go to the narrower. Undefined when the profile did not
 * record widths (a version-1 stored profile).
 *
 * @example
 * ```ts
 * commonWidth(new Map([[3, 98], [4, 2]])); // 3
 * ```
 */
export function commonWidth(rowWidths: ReadonlyMap<number, number>): number | undefined {
  let best: number | undefined;
  let bestRows = -1;
  for (const [width, rows] of rowWidths) {
    if (rows > bestRows || (rows === bestRows && width < (best as number))) {
      best = width;
      bestRows = rows;
    }
  }
  return best;
}

/**
 * Counts a profile's rows against `width` columns and, unless most rows are wider (then the
 * extra columns are real and SageMaker's extra_column_check reports them), leaves out the
 * columns past `width`, which only the long rows have: a ragged row must not invent a feature
 * (`_c3`). Short rows already count their absent columns as missing. `alwaysTrim` leaves the
 * extra columns out even when most rows have them (a CSV header names the columns, and Spark's
 * reader drops the extra values). The input is unchanged.
 *
 * @example
 * ```ts
 * const { profile: fitted, ragged } = fitProfileToWidth(profile, 3);
 * ragged; // { width: 3, short: 2, long: 1, trimmed: true }
 * ```
 */
export function fitProfileToWidth(
  profile: Profile,
  width: number,
  options: { alwaysTrim?: boolean } = {},
): { profile: Profile; ragged: RaggedRows } {
  let short = 0;
  let long = 0;
  if (width <= 0) return { profile, ragged: { width, short, long, trimmed: false } };
  for (const [w, rows] of profile.rowWidths) {
    if (w < width) short += rows;
    else if (w > width) long += rows;
  }
  const common = commonWidth(profile.rowWidths);
  const trim =
    profile.columns.length > width &&
    (options.alwaysTrim === true || (common !== undefined && common <= width));
  return {
    profile: trim ? { ...profile, columns: profile.columns.slice(0, width) } : profile,
    ragged: { width, short, long, trimmed: trim },
  };
}

/**
 * A sentence on ragged rows for a run's notes and the CLI, or undefined when there were none.
 *
 * @example
 * ```ts
 * describeRaggedRows({ width: 3, short: 2, long: 1, trimmed: true }, 40, "the baseline's 3 columns");
 * // "3 of 40 rows do not have the baseline's 3 columns: 2 have fewer (their absent values count
 * // as missing), 1 has more (the values past column 3 were left out)"
 * ```
 */
export function describeRaggedRows(ragged: RaggedRows, rows: number, columns: string): string | undefined {
  const { width, short, long } = ragged;
  if (short + long === 0) return undefined;
  const parts: string[] = [];
  if (short > 0)
    parts.push(`${short} ${short === 1 ? 'has' : 'have'} fewer (their absent values count as missing)`);
  if (long > 0)
    parts.push(
      `${long} ${long === 1 ? 'has' : 'have'} more ${
        ragged.trimmed
          ? `(the values past column ${width} were left out)`
          : '(most rows are wider, so the extra columns are checked as extra columns)'
      }`,
    );
  return `${short + long} of ${rows} rows do not have ${columns}: ${parts.join(', ')}`;
}
