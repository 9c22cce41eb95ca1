import type { ObjectStore } from '@vigil/core';
import { type GroundTruthIssue, type GroundTruthLabel, parseGroundTruthText } from '@vigil/core/groundtruth';
import { openLocation } from './adapters.ts';

/** One object a command-line path names: the store it lives in and its key. */
export interface StoredObject {
  store: ObjectStore;
  key: string;
}

/**
 * The .jsonl objects a path names: the file itself, or every .jsonl below a folder or prefix.
 * None is not an error here: labels may not have arrived yet, and the run reports what it lacked.
 *
 * @example
 * ```ts
 * for (const { store, key } of await jsonlObjects(openLocation('capture/', io.cwd))) console.log(key);
 * ```
 */
export async function jsonlObjects(location: StoredObject): Promise<StoredObject[]> {
  const found: StoredObject[] = [];
  const folder = location.key === '' || location.key.endsWith('/') ? location.key : `${location.key}/`;
  for await (const info of location.store.list(location.key)) {
    if (info.key === location.key) return [{ store: location.store, key: info.key }];
    if (info.key.startsWith(folder) && info.key.endsWith('.jsonl'))
      found.push({ store: location.store, key: info.key });
  }
  return found;
}

/**
 * Every ground-truth label in the .jsonl files the paths name (files, folders or s3:// prefixes),
 * in path order; each unreadable line goes to `onIssue` and is left out.
 *
 * @example
 * ```ts
 * const labels = await readGroundTruthLabels(stringList(args, 'ground-truth'), io.cwd, () => skipped++);
 * ```
 */
export async function readGroundTruthLabels(
  paths: readonly string[],
  cwd: string,
  onIssue: (issue: GroundTruthIssue) => void,
): Promise<GroundTruthLabel[]> {
  const labels: GroundTruthLabel[] = [];
  for (const path of paths) {
    for (const location of await jsonlObjects(openLocation(path, cwd))) {
      const text = new TextDecoder().decode(await location.store.get(location.key));
      labels.push(...parseGroundTruthText(text, location.key, onIssue));
    }
  }
  return labels;
}
