/**
 * UTF-16 code units of the characters more than one hand-written scanner (JSON, CSV, lines,
 * Deequ's value types) compares against `charCodeAt`, named once.
 */
export const LF = '\n'.charCodeAt(0);
export const CR = '\r'.charCodeAt(0);
export const QUOTE = '"'.charCodeAt(0);
export const COMMA = ','.charCodeAt(0);
export const MINUS = '-'.charCodeAt(0);
export const DOT = '.'.charCodeAt(0);
export const ZERO = '0'.charCodeAt(0);
export const NINE = '9'.charCodeAt(0);
