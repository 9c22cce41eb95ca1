/**
 * UTF-16 code units of the characters the hand-written scanners (JSON, CSV, Deequ's value types)
 * compare against `charCodeAt`, named once so that no scanner spells a bare number.
 */
export const LF = 10; // \n
export const CR = 13; // \r
export const SPACE = 32;
export const QUOTE = 34; // "
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const UPPER_E = 69;
export const BACKSLASH = 92;
export const LOWER_E = 101;
