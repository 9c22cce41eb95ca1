/**
 * A vetted SHA-256 (FIPS 180-4). Core hashes audit records, content digests and idempotency keys
 * synchronously but may not import `node:crypto` itself; entry points install node:crypto's with
 * `provideSha256(sha256FromCreateHash(createHash))` at start-up.
 */
export interface Sha256 {
  /** The digest of a string (hashed as UTF-8) or of bytes, as 64 lowercase hex digits. */
  hex(input: string | Uint8Array): string;
}
