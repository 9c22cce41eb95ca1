/**
 * A fast path for decoding bytes that are pure ASCII, which capture files almost always are.
 * `TextDecoder` validates and decodes UTF-8 at about 1.2 GB/s; Node's `isAscii` plus a Latin-1
 * slice does the same for ASCII bytes about four times faster, and an ASCII text decodes to the
 * same string either way. Core may not import `node:buffer`, so entry points install it.
 */
export interface AsciiDecoder {
  /** True when every byte is below 0x80. */
  isAscii(bytes: Uint8Array): boolean;
  /** The bytes as a string, one character per byte (only called on ASCII bytes). */
  decode(bytes: Uint8Array): string;
}
