import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AuditRecord, Sha256UnavailableError, sha256FromCreateHash } from '@vigil/core';
import { auditRecordHash, GENESIS_HASH, sha256Hex } from '@vigil/core/audit';
import { describe, expect, it } from 'vitest';

// FIPS 180-4 / NIST CAVP example vectors (SHA-256 "short" and one-million-'a' messages).
const NIST_VECTORS: [string, string | Uint8Array, string][] = [
  ['empty', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    '448-bit message',
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    '896-bit message',
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  [
    'one million "a"',
    new Uint8Array(1_000_000).fill(0x61),
    'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
  ],
];

describe('sha256Hex (node:crypto behind the SHA-256 port)', () => {
  it.each(NIST_VECTORS)('matches the NIST vector: %s', (_name, message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
    expect(sha256FromCreateHash(createHash).hex(message)).toBe(digest);
  });

  it('hashes strings as UTF-8', () => {
    const text = 'Prüfung — 模型卡 🚀';
    expect(sha256Hex(text)).toBe(sha256Hex(new TextEncoder().encode(text)));
    expect(sha256Hex(text)).toBe('26280032a831ae9b294437a4e45ec434283ef512d580e8ce198a9859a6022a1b');
  });

  it('says how to install an implementation when none is', () => {
    const error = new Sha256UnavailableError();
    expect(error.code).toBe('SHA256_UNAVAILABLE');
    expect(error.message).toContain('provideSha256(sha256FromCreateHash(createHash))');
  });
});

describe('audit logs written with the former hand-written SHA-256', () => {
  it('still verify record by record and link by link', () => {
    const dir = fileURLToPath(new URL('./fixtures/hand-written-sha256-log/', import.meta.url));
    const records = readdirSync(dir)
      .sort()
      .map((file) => JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as AuditRecord);
    expect(records.map((r) => r.sequence)).toEqual([1, 2, 3]);
    expect(records[0]!.previousHash).toBe(GENESIS_HASH);
    for (const [i, record] of records.entries()) {
      expect(auditRecordHash(record)).toBe(record.hash);
      if (i > 0) expect(record.previousHash).toBe(records[i - 1]!.hash);
    }
  });

  it('fails on a record changed after the fact', () => {
    const dir = fileURLToPath(new URL('./fixtures/hand-written-sha256-log/', import.meta.url));
    const record = JSON.parse(readFileSync(`${dir}000000000002.json`, 'utf8')) as AuditRecord;
    expect(auditRecordHash({ ...record, summary: 'Rolled back to config churn-config-1' })).not.toBe(
      record.hash,
    );
  });
});
