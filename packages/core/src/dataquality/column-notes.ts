import type { ColumnProfile } from '../profile/column-profile.ts';
import type { Profile } from '../profile/profile.ts';

const quoted = (texts: readonly string[]): string => texts.map((t) => `'${t}'`).join(', ');

/**
 * Notes on a profile's columns that a user needs to trust its types: non-finite numbers per
 * column (counted as missing, left out of the statistics), and columns inferred String although
 * most of their values are numbers, with the texts that did it. The notes quote captured values:
 * they go to the run's report and the CLI, never to logs or events.
 *
 * @example
 * ```ts
 * columnNotes(profile, ['x']);
 * // ["x: inferred String because of 'abc', 'n/a' (3 of 1000 values)", 'x: 2 non-finite values …']
 * ```
 */
export function columnNotes(profile: Profile, names: readonly string[] = []): string[] {
  const notes: string[] = [];
  const wholeNumbers: { name: string; column: ColumnProfile }[] = [];
  profile.columns.forEach((column, i) => {
    const name = names[i] ?? column.name;
    const stringNote = numbersInferredString(column);
    if (stringNote) notes.push(`${name}: ${stringNote}`);
    if (hasWholeNumbersInFractional(column)) wholeNumbers.push({ name, column });
    if (column.nonFinite > 0) {
      const total = column.present + column.absent;
      notes.push(
        `${name}: ${column.nonFinite} of ${total} values are non-finite (NaN, ±Infinity or too large for a double): ` +
          'counted as missing and left out of the statistics',
      );
    }
  });
  // One note for every such column: a float format (`%.6g`) does it to all of them alike.
  if (wholeNumbers.length > 0) notes.push(wholeNumbersNote(wholeNumbers));
  return notes;
}

/** Why a column of mostly numbers is String, or undefined when it is not such a column. */
function numbersInferredString(column: ColumnProfile): string | undefined {
  if (column.inferredType !== 'String') return undefined;
  const numbers = column.fractional + column.integral + column.nonFinite;
  const others = column.string + column.boolean;
  if (others === 0 || numbers <= others) return undefined;
  return (
    `inferred String because of ${quoted(column.nonNumericExamples)} ` +
    `(${others} of ${column.present + column.nonFinite} values)`
  );
}

/**
 * Whether a Fractional column may fail SageMaker's data_type_check: Deequ counts a value written
 * without a decimal point (`1`, as `%g` or `%.6g` prints 1.0000001) as Integral, never Fractional,
 * so a handful of them in a million values miss a 100% threshold.
 */
function hasWholeNumbersInFractional(column: ColumnProfile): boolean {
  return column.inferredType === 'Fractional' && column.integral > 0;
}

/** The note on whole numbers in Fractional columns: "f: 2 of 5 values are …" for one, a list for several. */
function wholeNumbersNote(columns: readonly { name: string; column: ColumnProfile }[]): string {
  const count = ({ column }: { column: ColumnProfile }) => `${column.integral} of ${column.present}`;
  const [only] = columns;
  const which =
    columns.length === 1 && only
      ? `${only.name}: ${count(only)} values are`
      : `${columns.map((c) => `${c.name} (${count(c)})`).join(', ')}: values`;
  return (
    `${which} written as whole numbers without a decimal point, ` +
    "which SageMaker's data_type_check counts as Integral, not Fractional: write floats with a decimal point " +
    'or lower monitoring_config.datatype_check_threshold in constraints.json'
  );
}

/**
 * Non-finite counts per feature, for the run's notes file (features without any are left out).
 *
 * @example
 * ```ts
 * nonFiniteCounts(profile, ['x', 'y']); // { x: 12 }
 * ```
 */
export function nonFiniteCounts(profile: Profile, names: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  profile.columns.forEach((column, i) => {
    if (column.nonFinite > 0) out[names[i] ?? column.name] = column.nonFinite;
  });
  return out;
}
