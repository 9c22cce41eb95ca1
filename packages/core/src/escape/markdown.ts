import { printable } from './text.ts';
import { replaceEmphasisUnderscores } from './word-underscore.ts';

/** Characters with inline meaning in CommonMark/GFM wherever they stand. */
const ALWAYS = /[\\`*[\]<>|~&]/g;
/**
 * What makes a line a heading, a bullet or ordered list item, or a setext underline or thematic
 * break (`>`, `*` and `_` are escaped wherever they stand). A number like `0.88` starts nothing.
 */
const LINE_START = /^(\s*)(?:(#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=](?=[-=\s]*$))|(\d{1,9})([.)])(?=\s|$))/;

/**
 * Untrusted text as one line of inline Markdown: the characters that would start emphasis, code,
 * links, images, autolinks, raw HTML (`<script>`), table cells or strikethrough are
 * backslash-escaped, a leading block marker (`#`, `-`, `1.`) too, line breaks become spaces so
 * the text cannot start a block of its own, and control characters are shown as codes. The one Markdown escaper every Vigil document uses.
 *
 * @example
 * ```ts
 * escapeMarkdown('[click](javascript:x) <img onerror=y>'); // '\\[click\\](javascript:x) \\<img onerror=y\\>'
 * ```
 */
export function escapeMarkdown(text: string): string {
  // Control characters first, so the backslashes of their visible codes are escaped in turn.
  const oneLine = printable(text);
  const inline = replaceEmphasisUnderscores(
    oneLine.replace(ALWAYS, (c) => `\\${c}`),
    '\\_',
  );
  // A backslash escapes punctuation only: `1.` becomes `1\.`, `#` becomes `\#`.
  return inline.replace(
    LINE_START,
    (_, space: string, mark: string | undefined, digits: string | undefined, dot: string | undefined) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
  );
}
