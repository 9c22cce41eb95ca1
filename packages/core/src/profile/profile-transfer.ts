import { ColumnProfile } from './column-profile.ts';
import { sortedEntries } from './frequencies.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { KllSketch, type TransferredKll } from './kll.ts';
import type { Profile } from './profile.ts';

/** One column of a `TransferredProfile`. */
export interface TransferredColumn {
  name: string;
  missing: number;
  fractional: number;
  integral: number;
  boolean: number;
  string: number;
  nonFinite: number;
  examples: string[];
  /** The moments state (count, sum, avg, m2, min, max). */
  moments: Float64Array;
  kll: TransferredKll;
  hll: Uint8Array;
  frequencies: [string, number][] | null;
}

/**
 * A profile as a worker thread posts it to another: plain values and typed arrays, which
 * structured cloning copies (or transfers) as memory. Profile JSON would write and parse every
 * sketch item as text, a visible share of a partition's time.
 */
export interface TransferredProfile {
  itemCount: number;
  rowWidths: [number, number][];
  columns: TransferredColumn[];
}

/**
 * `profile` as a `TransferredProfile` of copies (the profile stays usable), with their buffers,
 * for `postMessage` to move rather than copy a second time.
 *
 * @example
 * ```ts
 * const { data, buffers } = profileToTransfer(profile);
 * parentPort.postMessage(data, buffers);
 * ```
 */
export function profileToTransfer(profile: Profile): { data: TransferredProfile; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const columns = profile.columns.map((column): TransferredColumn => {
    const kll = column.kll.toTransfer();
    const moments = column.momentState.slice();
    const hll = column.hll.registers.slice();
    buffers.push(moments.buffer, hll.buffer, ...kll.levels.map((level) => level.items.buffer as ArrayBuffer));
    return {
      name: column.name,
      missing: column.missing,
      fractional: column.fractional,
      integral: column.integral,
      boolean: column.boolean,
      string: column.string,
      nonFinite: column.nonFinite,
      examples: [...column.nonNumericExamples],
      moments,
      kll,
      hll,
      // In the order profile JSON keeps them, so a profile reads back the same either way.
      frequencies: column.frequencies ? sortedEntries(column.frequencies) : null,
    };
  });
  return { data: { itemCount: profile.itemCount, rowWidths: [...profile.rowWidths], columns }, buffers };
}

/**
 * The profile a `TransferredProfile` stands for: the same as `parseOwnProfile` of the profile's
 * JSON.
 *
 * @example
 * ```ts
 * worker.on('message', (data: TransferredProfile) => merge(profileFromTransfer(data)));
 * ```
 */
export function profileFromTransfer(data: TransferredProfile): Profile {
  const columns = data.columns.map((c) => {
    const column = new ColumnProfile(c.name);
    column.missing = c.missing;
    column.fractional = c.fractional;
    column.integral = c.integral;
    column.boolean = c.boolean;
    column.string = c.string;
    column.nonFinite = c.nonFinite;
    column.nonNumericExamples = [...c.examples];
    column.momentState = c.moments;
    column.kll = KllSketch.fromJSON(c.kll);
    column.hll = new HyperLogLog(c.hll);
    column.frequencies = c.frequencies ? new Map(c.frequencies) : undefined;
    return column;
  });
  return { itemCount: data.itemCount, columns, rowWidths: new Map(data.rowWidths) };
}
