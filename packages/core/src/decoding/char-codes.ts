/**
 * Codes of the characters Vigil's hand-written scanners compare with (JSON texts, CSV values), so
 * that a test reads as what it tests.
 *
 * @example
 * ```ts
 * if (text.charCodeAt(i) === Char.minus) negative = true;
 * ```
 */
export const Char = {
  space: 32,
  quote: 34,
  plus: 43,
  comma: 44,
  minus: 45,
  dot: 46,
  zero: 48,
  nine: 57,
} as const;

/** Codes of the letters and escapes the scanners look for; `caseBit` OR-ed into a letter's code lowers it. */
export const Letter = { upperE: 69, backslash: 92, lowerE: 101, caseBit: 32 } as const;
