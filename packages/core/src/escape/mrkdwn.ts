import { replaceEmphasisUnderscores } from './word-underscore.ts';

/**
 * Slack mrkdwn has no escape for its formatting characters, so untrusted ones are replaced by
 * look-alikes Slack does not parse: `*` ∗, `~` ∼, `` ` `` ˋ, and `_` ＿ where it could open or
 * close italics (not inside a word, so `total_charges` is unchanged).
 */
const LOOK_ALIKES: Record<string, string> = { '*': '\u2217', '~': '\u223c', '`': '\u02cb' };

/**
 * Untrusted text for a Slack mrkdwn text object: `& < >` become the entities Slack asks for, so
 * `<!channel>`, `<@U123>` and `<http://x|y>` are shown and never ping or link; formatting
 * characters become look-alikes, so `*bold*` stays literal. Bare URLs are not linked when the
 * text object has `verbatim: true`, which every Vigil Slack block sets. The one mrkdwn escaper
 * every Slack message uses.
 *
 * @example
 * ```ts
 * escapeMrkdwn('<!channel> *now* & co'); // '&lt;!channel&gt; ∗now∗ &amp; co'
 * ```
 */
export function escapeMrkdwn(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*~`]/g, (c) => LOOK_ALIKES[c] ?? c);
  return replaceEmphasisUnderscores(escaped, '\uff3f');
}
