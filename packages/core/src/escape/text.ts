/**
 * Untrusted text for a terminal or a plain-text message: control characters (ANSI escape
 * sequences, carriage returns, bells) become visible `\u001b`-style codes, so a hostile name
 * cannot rewrite what the reader sees. Line breaks become spaces: the renderer owns the layout.
 *
 * @example
 * ```ts
 * printable('age\u001b[2Kfake'); // 'age\\u001b[2Kfake'
 * ```
 */
export function printable(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) =>
    // A tab lays nothing out of place; every other control character is shown as its code.
    c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
