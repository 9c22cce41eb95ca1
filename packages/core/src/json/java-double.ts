/**
 * Formats a number as Java's `Double.toString` does (JDK 19 and later: shortest digits that
 * round-trip), which is what SageMaker's analyzer writes through Jackson.
 *
 * @example
 * ```ts
 * javaDouble(1); // '1.0'
 * javaDouble(23191); // '23191.0'
 * javaDouble(1.4402689218907343e10); // '1.4402689218907343E10'
 * javaDouble(0.00012); // '1.2E-4'
 * ```
 */
export function javaDouble(value: number): string {
  const magnitude = Math.abs(value);
  // In this range JavaScript writes the same shortest digits in plain notation too, less only the
  // ".0" of a whole number; a statistics.json holds some 100,000 such numbers.
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  const special = specialText(value);
  if (special !== undefined) return special;
  const { sign, digits, exponent } = decompose(value);
  const fraction = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${fraction}E${exponent}`;
}

/**
 * Formats a float as Python's `repr` does (shortest round-trip digits), which is what Clarify
 * writes through `json.dump`.
 *
 * @example
 * ```ts
 * pythonFloat(1); // '1.0'
 * pythonFloat(1e-5); // '1e-05'
 * pythonFloat(1.5e16); // '1.5e+16'
 * ```
 */
export function pythonFloat(value: number): string {
  const special = specialText(value);
  if (special !== undefined) return special;
  const { sign, digits, exponent } = decompose(value);
  if (exponent >= -4 && exponent < 16) return sign + plainNotation(digits, exponent);
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exp = Math.abs(exponent).toString().padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${exp}`;
}

/** Shortest round-trip significant digits (no trailing zeros) and the decimal exponent of the first. */
function decompose(value: number): { sign: string; digits: string; exponent: number } {
  const [mantissa = '', exp = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { sign: value < 0 ? '-' : '', digits, exponent: Number(exp) };
}

function plainNotation(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intLength = exponent + 1;
  if (digits.length <= intLength) return `${digits}${'0'.repeat(intLength - digits.length)}.0`;
  return `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
}

/** The text Java and Python agree on for NaN, the infinities and the zeros; undefined for others. */
function specialText(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return undefined;
}
