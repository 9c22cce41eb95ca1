import { sha256Hex } from '../hashing/sha256.ts';
import { MAX_NAME_CHARACTERS } from './limits.ts';

/**
 * The name of the model card of one model package version: `{group}-v{version}`, shortened
 * with a hash of the group name when that would pass SageMaker's 63 characters, so every
 * version of every group gets a distinct, valid name.
 *
 * @example
 * ```ts
 * modelCardNameFor('churn', 3); // 'churn-v3'
 * ```
 */
export function modelCardNameFor(groupName: string, version: number): string {
  const suffix = `-v${version}`;
  const plain = `${groupName}${suffix}`;
  if (plain.length <= MAX_NAME_CHARACTERS) return plain;
  const hash = sha256Hex(groupName).slice(0, 8);
  const room = MAX_NAME_CHARACTERS - suffix.length - hash.length - 1;
  return `${groupName.slice(0, room).replace(/-+$/, '')}-${hash}${suffix}`;
}

/**
 * IAM resource-name patterns that match every card `modelCardNameFor` can give a group's versions
 * (`churn-v*`, and for long group names the shortened, hashed form), so a function may be allowed
 * the configured groups' cards and no others.
 *
 * @example
 * ```ts
 * modelCardNamePatterns('churn'); // ['churn-v*']
 * ```
 */
export function modelCardNamePatterns(groupName: string): string[] {
  const patterns = [`${groupName}-v*`];
  // Versions with enough digits push the plain name past 63 characters: then the hashed form is used.
  if (groupName.length + '-v'.length + 10 > MAX_NAME_CHARACTERS) {
    const hash = sha256Hex(groupName).slice(0, 8);
    patterns.push(`${groupName.slice(0, 30)}*-${hash}-v*`);
  }
  return patterns;
}
