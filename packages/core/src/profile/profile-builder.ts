import { ColumnProfile } from './column-profile.ts';
import type { Profile } from './profile.ts';
import {
  FRACTIONAL,
  INTEGRAL,
  scanCsvField,
  scanCsvFieldAscii,
  scannedEnd,
  scannedValue,
  UNSCANNED,
} from './value-type.ts';

/**
 * Numbers a column holds back before adding them together (see `ProfileBuilder.addCsvFieldsAscii`):
 * 2 KB per column, enough for the loops over them to pay.
 */
const PENDING_NUMBERS = 256;

/** One value of a row: text (CSV), or a JSON scalar. */
export type RowValue = string | number | boolean | null;

/**
 * Builds a profile row by row, in one pass and constant memory per column (the KLL sketch and
 * the frequency table are bounded).
 *
 * @example
 * ```ts
 * const builder = new ProfileBuilder(['age', 'city']);
 * builder.addRow(['31', 'Lyon']);
 * builder.addRow(['27.5', null]);
 * const profile = builder.build();
 * profile.columns[0]?.inferredType; // 'Fractional'
 * ```
 */
export class ProfileBuilder {
  private readonly names: readonly string[];
  private readonly columns: ColumnProfile[] = [];
  private rows = 0;
  /** Rows per width, counted in an array while widths stay small (no map lookup per row). */
  private readonly widthCounts: number[] = [];
  /** Values streamed so far into the current row (`addCsvFields`). */
  private field = 0;
  /**
   * Finite numbers scanned by `addCsvFieldsAscii` and not yet added to their column: column i's
   * are `pending[i * PENDING_NUMBERS …]`, `pendingCounts[i]` of them, of which
   * `pendingFractional[i]` Fractional (the rest Integral). Columns take them in runs, so the
   * moments, sketch and HyperLogLog loops stay tight. A column holds numbers back only once it has
   * no frequency table (`holding[i]`, which needs each value's text): from then on no other path
   * adds numbers to it before `addPending`, which `build` and every other way in call first, so
   * each column still sees its numbers in row order.
   */
  private pending = new Float64Array(0);
  private pendingCounts = new Int32Array(0);
  private pendingFractional = new Int32Array(0);
  private holding = new Uint8Array(0);
  private anyPending = false;

  /** `names` name the columns by position; columns beyond them are `_c<i>`, as Spark names them. */
  constructor(names: readonly string[] = []) {
    this.names = names;
  }

  /** Rows added so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Profiles one row. A row longer than any before adds columns (missing in earlier rows). */
  addRow(values: readonly RowValue[]): void {
    if (this.anyPending) this.addPending();
    const n = values.length;
    this.countWidth(n);
    const columns = this.columns;
    while (columns.length < n) this.addColumn();
    for (let i = 0; i < n; i++) (columns[i] as ColumnProfile).add(values[i] as RowValue);
    for (let i = n; i < columns.length; i++) (columns[i] as ColumnProfile).missing++;
    this.rows++;
  }

  /**
   * Streams the comma-separated fields of `text.slice(start, end)` (no quoting: `split(',')`) into
   * the current row, read in place (no string per value). A row streamed by one or more calls and
   * closed by `endRow` profiles exactly as `addRow` of its field texts.
   *
   * @example
   * ```ts
   * builder.addCsvFields('31,Lyon', 0, 7);
   * builder.endRow(); // same as builder.addRow(['31', 'Lyon'])
   * ```
   */
  addCsvFields(text: string, from: number, end: number): void {
    if (this.anyPending) this.addPending();
    let start = from;
    for (;;) {
      const column = this.nextStreamedColumn();
      const type = scanCsvField(text, start, end);
      const stop = scannedEnd;
      column.addScanned(type, text, start, stop);
      if (stop >= end) return;
      start = stop + 1;
    }
  }

  /**
   * `addCsvFields(text, from - offset, end - offset)` when that text is also the ASCII bytes
   * `ascii` from `offset` on (`ascii[offset + i]` is `text.charCodeAt(i)`): plain numbers are read
   * from the bytes, other fields from the text; the row profiles exactly the same.
   *
   * @example
   * ```ts
   * const line = '31,Lyon';
   * builder.addCsvFieldsAscii(new TextEncoder().encode(line), 0, 7, line, 0);
   * builder.endRow(); // same as builder.addRow(['31', 'Lyon'])
   * ```
   */
  addCsvFieldsAscii(ascii: Uint8Array, from: number, end: number, text: string, offset: number): void {
    let start = from;
    for (;;) {
      const index = this.field;
      if (index >= this.holding.length) this.widenHolding(index + 1);
      let type = scanCsvFieldAscii(ascii, start, end);
      let stop = scannedEnd;
      if (type === UNSCANNED) {
        type = scanCsvField(text, start - offset, end - offset);
        stop = scannedEnd + offset;
      }
      const x = scannedValue[0] as number;
      // A finite number of a column past its frequency table: held back, its type counted later.
      if (this.holding[index] === 1 && (type === FRACTIONAL || type === INTEGRAL) && !Number.isNaN(x)) {
        this.field = index + 1;
        this.holdNumber(index, x, type === FRACTIONAL ? 1 : 0);
      } else {
        const column = this.nextStreamedColumn();
        column.addScanned(type, text, start - offset, stop - offset);
        if (column.frequencies === undefined) this.holding[index] = 1;
      }
      if (stop >= end) return;
      start = stop + 1;
    }
  }

  /** Closes the row streamed by `addCsvFields` (see there). */
  endRow(): void {
    const n = this.field;
    this.field = 0;
    this.countWidth(n);
    const columns = this.columns;
    for (let i = n; i < columns.length; i++) (columns[i] as ColumnProfile).missing++;
    this.rows++;
  }

  /** The profile of the rows added so far (the builder keeps its state; do not add rows after). */
  build(): Profile {
    if (this.anyPending) this.addPending();
    const rowWidths = new Map<number, number>();
    this.widthCounts.forEach((rows, width) => {
      if (rows > 0) rowWidths.set(width, rows);
    });
    return { itemCount: this.rows, columns: this.columns, rowWidths };
  }

  /**
   * Counts a row of `n` values in the width histogram; what width is right is the baseline's to
   * say, which profiling does not know.
   */
  private countWidth(n: number): void {
    const counts = this.widthCounts;
    while (counts.length <= n) counts.push(0);
    counts[n] = (counts[n] as number) + 1;
  }

  /** A new last column, missing in the rows profiled before it appeared. */
  /** The column of the next field streamed into the current row, added if the row is the widest yet. */
  private nextStreamedColumn(): ColumnProfile {
    const i = this.field++;
    return i < this.columns.length ? (this.columns[i] as ColumnProfile) : this.addColumn();
  }

  /** Holds `x` back for column `index`, adding the column's run when it is full. */
  private holdNumber(index: number, x: number, fractional: number): void {
    const count = this.pendingCounts[index] as number;
    this.pending[index * PENDING_NUMBERS + count] = x;
    this.pendingFractional[index] = (this.pendingFractional[index] as number) + fractional;
    this.anyPending = true;
    if (count + 1 < PENDING_NUMBERS) this.pendingCounts[index] = count + 1;
    else {
      this.pendingCounts[index] = PENDING_NUMBERS;
      this.addPendingOf(index);
    }
  }

  /** Adds every column's held-back numbers to it. */
  private addPending(): void {
    for (let i = 0; i < this.pendingCounts.length; i++) this.addPendingOf(i);
    this.anyPending = false;
  }

  /** Adds column `index`'s held-back numbers to it, and counts their types. */
  private addPendingOf(index: number): void {
    const count = this.pendingCounts[index] as number;
    if (count === 0) return;
    const column = this.columns[index] as ColumnProfile;
    const fractional = this.pendingFractional[index] as number;
    column.fractional += fractional;
    column.integral += count - fractional;
    const at = index * PENDING_NUMBERS;
    column.addFiniteNumbers(this.pending.subarray(at, at + count), count);
    this.pendingCounts[index] = 0;
    this.pendingFractional[index] = 0;
  }

  /**
   * Room to hold numbers back for at least `width` columns, what is held kept: doubling, since a
   * wide first row brings its columns one at a time.
   */
  private widenHolding(width: number): void {
    const columns = Math.max(width, 2 * this.holding.length, 8);
    const pending = new Float64Array(columns * PENDING_NUMBERS);
    pending.set(this.pending);
    this.pending = pending;
    const counts = new Int32Array(columns);
    counts.set(this.pendingCounts);
    this.pendingCounts = counts;
    const fractional = new Int32Array(columns);
    fractional.set(this.pendingFractional);
    this.pendingFractional = fractional;
    const holding = new Uint8Array(columns);
    holding.set(this.holding);
    this.holding = holding;
  }

  private addColumn(): ColumnProfile {
    const i = this.columns.length;
    const column = new ColumnProfile(this.names[i] ?? `_c${i}`);
    column.addMissing(this.rows);
    this.columns.push(column);
    return column;
  }
}
