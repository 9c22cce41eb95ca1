const WORD = /[\p{L}\p{N}]/u;

/**
 * Replaces each `_` that is not between two letters or digits: only those can open or close
 * emphasis in Markdown and Slack mrkdwn, so `total_charges` keeps its underscores.
 *
 * @example
 * ```ts
 * replaceEmphasisUnderscores('_x_ total_charges', '\\_'); // '\\_x\\_ total_charges'
 * ```
 */
export function replaceEmphasisUnderscores(text: string, replacement: string): string {
  return text.replace(/_/g, (underscore, offset: number, whole: string) =>
    WORD.test(whole[offset - 1] ?? '') && WORD.test(whole[offset + 1] ?? '') ? underscore : replacement,
  );
}
