import { InputError, ObjectNotFoundError } from '@vigil/core';
import { openLocation } from './adapters.ts';

/**
 * A file the user named, as text: a local path or an s3:// URI. Every way it can fail (missing, a
 * folder, unreadable) becomes one `InputError` line naming where the name came from (`label`, e.g.
 * `--constraints`), the file and what to do.
 *
 * @example
 * ```ts
 * const text = await readUserText('--constraints', 'baseline/constraints.json', io.cwd);
 * ```
 */
export async function readUserText(label: string, pathOrUri: string, cwd: string): Promise<string> {
  return new TextDecoder().decode(await readUserBytes(label, pathOrUri, cwd));
}

/**
 * A file the user named, as bytes (for digests, which must cover the file as it is); fails as
 * `readUserText` does.
 *
 * @example
 * ```ts
 * const digest = sha256Hex(await readUserBytes('--bias', path, io.cwd));
 * ```
 */
export async function readUserBytes(label: string, pathOrUri: string, cwd: string): Promise<Uint8Array> {
  const { store, key } = openLocation(pathOrUri, cwd);
  try {
    return await store.get(key);
  } catch (error) {
    throw new InputError(`${label} ${pathOrUri}: ${readFailure(error)}`, { cause: error });
  }
}

/**
 * A JSON file the user named, parsed. A file that is not JSON fails with one line naming where the
 * name came from, the file, where the JSON breaks and `fix` (what the file should be).
 *
 * @example
 * ```ts
 * const constraints = await readUserJson('--constraints', path, io.cwd, "give the model-quality baseline's constraints.json");
 * ```
 */
export async function readUserJson(
  label: string,
  pathOrUri: string,
  cwd: string,
  fix: string,
): Promise<unknown> {
  const text = await readUserText(label, pathOrUri, cwd);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${label} ${pathOrUri} is not valid JSON (${(error as Error).message}): ${fix}`, {
      cause: error,
    });
  }
}

/** Why a file could not be read, in words, with what to do. */
function readFailure(error: unknown): string {
  if (error instanceof ObjectNotFoundError) return 'no such file: check the path';
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: make the file readable';
  const message = error instanceof Error ? error.message : String(error);
  return `cannot be read (${code ?? message.split('\n')[0]}): check the path and its permissions`;
}
