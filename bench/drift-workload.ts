// The standard drift workload of issue 10: 20 standard-normal columns; in the current window
// f0 mean +0.2σ, f1 +0.5σ, f2 spread ×1.5, f3 +0.02σ (negligible), f4 = exp(x/2), f5–f19 unchanged.
// Shared by `npm run bench` and the drift tests (scaled down there).

/** Columns of the workload, f0 … f19. */
export const WORKLOAD_COLUMNS = Array.from({ length: 20 }, (_, i) => `f${i}`);

/** The columns a sound drift method flags: the material drifts, not f3's 0.02σ. */
export const WORKLOAD_DRIFTED = ['f0', 'f1', 'f2', 'f4'];

/**
 * Standard-normal draws from a uniform source (Box–Muller, both values of a pair used).
 *
 * @example
 * ```ts
 * const normal = gaussian(seededRandom(1));
 * normal(); // ≈ N(0, 1)
 * ```
 */
export function gaussian(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * One row of the workload: the reference's (`drifted` false) or the current window's.
 *
 * @example
 * ```ts
 * workloadRow(normal, true)[4]; // exp(x / 2)
 * ```
 */
export function workloadRow(normal: () => number, drifted: boolean): number[] {
  const row = WORKLOAD_COLUMNS.map(() => normal());
  if (drifted) {
    row[0] = (row[0] as number) + 0.2;
    row[1] = (row[1] as number) + 0.5;
    row[2] = (row[2] as number) * 1.5;
    row[3] = (row[3] as number) + 0.02;
    row[4] = Math.exp((row[4] as number) / 2);
  }
  return row;
}

/**
 * A number as C's `%.6g` prints it (and so pandas' `float_format="%.6g"`): six significant
 * digits, trailing zeros dropped, exponent form below 1e-4 or from 1e6 (`-6.42071e-05`).
 *
 * @example
 * ```ts
 * formatG6(-0.0000642071234); // '-6.42071e-05'
 * formatG6(0.25); // '0.25'
 * ```
 */
export function formatG6(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const abs = Math.abs(x);
  // Most values: fixed notation, which toPrecision also picks from 1e-4 up to 1e6.
  if (abs >= 1e-4 && abs < 999_999.5) {
    const text = x.toPrecision(6);
    if (text.indexOf('e') === -1) return withoutTrailingZeros(text);
  }
  const [mantissa = '', exponentText = '0'] = x.toExponential(5).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${withoutTrailingZeros(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return withoutTrailingZeros(x.toFixed(5 - exponent));
}

/** `1.50000` → `1.5`, `2.00000` → `2`; text without a decimal point is left alone. */
function withoutTrailingZeros(text: string): string {
  if (text.indexOf('.') === -1) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}
