/**
 * A text made safe as part of an alarm name (alarm names allow most characters, but people paste
 * them into JSON and shells: keep them plain): characters other than letters, digits, `_`, `.`
 * and `-` become `_`.
 *
 * @example
 * ```ts
 * alarmNamePart('plan type'); // 'plan_type'
 * ```
 */
export function alarmNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * An alarm description cut to CloudWatch's 1024 characters.
 *
 * @example
 * ```ts
 * clip('x'.repeat(2000)).length; // 1024
 * ```
 */
export function clip(text: string): string {
  return text.length <= 1024 ? text : `${text.slice(0, 1021)}...`;
}
