import { VigilError } from '../errors/vigil-error.ts';
import type { Sha256 } from '../ports/sha256.ts';

// A port rather than a hand-written hash: the audit chain's integrity rests on this function, so
// it is node:crypto's (OpenSSL). WebCrypto's digest would need no installing but is asynchronous,
// and the hash sits inside synchronous code (canonical records, keys, card names) all over core.
let installed: Sha256 | undefined;

/** `sha256Hex` was called before any SHA-256 implementation was installed. */
export class Sha256UnavailableError extends VigilError {
  constructor(options?: ErrorOptions) {
    super(
      'No SHA-256 implementation is installed: call provideSha256(sha256FromCreateHash(createHash)) with ' +
        "node:crypto's createHash at start-up, as the Lambda runtime and the CLI do",
      { ...options, code: 'SHA256_UNAVAILABLE' },
    );
  }
}

/** The slice of `node:crypto`'s `createHash` that {@link sha256FromCreateHash} uses. */
export type CreateHash = (algorithm: 'sha256') => {
  update(data: string | Uint8Array): { digest(encoding: 'hex'): string };
};

/**
 * The SHA-256 port over a `createHash` function, in practice `node:crypto`'s, handed in by the
 * caller so that core itself imports nothing from `node:`. Strings are hashed as UTF-8.
 *
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * provideSha256(sha256FromCreateHash(createHash));
 * ```
 */
export function sha256FromCreateHash(createHash: CreateHash): Sha256 {
  return { hex: (input) => createHash('sha256').update(input).digest('hex') };
}

/**
 * Installs the SHA-256 that {@link sha256Hex} uses from now on (`sha256FromCreateHash(createHash)` over `node:crypto`).
 *
 * @example
 * ```ts
 * provideSha256(sha256FromCreateHash(createHash)); // createHash from node:crypto
 * ```
 */
export function provideSha256(implementation: Sha256): void {
  installed = implementation;
}

/**
 * The SHA-256 digest of a string (hashed as UTF-8) or of bytes, as 64 lowercase hex digits, by
 * the installed implementation; throws `Sha256UnavailableError` when none is.
 *
 * @example
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(input: string | Uint8Array): string {
  if (!installed) throw new Sha256UnavailableError();
  return installed.hex(input);
}
