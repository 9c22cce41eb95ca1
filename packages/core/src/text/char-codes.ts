/**
 * UTF-16 code units of the characters the hand-written scanners (JSON, CSV, Deequ's value types)
 * compare against `charCodeAt`, named once so that no scanner spells a bare number.
 */
export const LF = '\n'.charCodeAt(0);
export const CR = '\r'.charCodeAt(0);
export const SPACE = ' '.charCodeAt(0);
export const QUOTE = '"'.charCodeAt(0);
export const PLUS = '+'.charCodeAt(0);
export const COMMA = ','.charCodeAt(0);
export const MINUS = '-'.charCodeAt(0);
export const DOT = '.'.charCodeAt(0);
export const ZERO = '0'.charCodeAt(0);
export const NINE = '9'.charCodeAt(0);
export const UPPER_E = 'E'.charCodeAt(0);
export const BACKSLASH = '\\'.charCodeAt(0);
export const LOWER_E = 'e'.charCodeAt(0);
