import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AUDIT_HEAD_DETAIL_TYPE, type AuditHead, headOf } from '@vigil/core/audit';

/**
 * The audit heads published in local mode: every "Vigil Audit Head" event in the events journal
 * (`<home>/events/*.jsonl`, written by the LocalEventBus) for the log at `log`
 * (`<home>/audit`), oldest first. Lines that are not such events are skipped. The journal travels
 * with its home, so a head journaled for the same prefix under another local path (the home was
 * moved, renamed or copied for an auditor) counts too: matching only the old path would silently
 * drop the anchor.
 *
 * @example
 * ```ts
 * const heads = await readJournaledAuditHeads('.vigil', `${store.location}/audit`);
 * ```
 */
export async function readJournaledAuditHeads(home: string, log: string): Promise<AuditHead[]> {
  const folder = join(resolve(home), 'events');
  let files: string[];
  try {
    files = (await readdir(folder)).filter((f) => f.endsWith('.jsonl') && f !== 'dead-letter.jsonl').sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const heads: AuditHead[] = [];
  for (const file of files) {
    for (const line of (await readFile(join(folder, file), 'utf8')).split('\n')) {
      if (!line.includes(AUDIT_HEAD_DETAIL_TYPE)) continue;
      let event: { source?: unknown; 'detail-type'?: unknown; detail?: unknown };
      try {
        event = JSON.parse(line) as typeof event;
      } catch {
        continue;
      }
      if (event.source !== 'vigil' || event['detail-type'] !== AUDIT_HEAD_DETAIL_TYPE) continue;
      const head = headOf(event.detail);
      if (head && isSameLog(head, log))
        heads.push({ sequence: head.sequence, hash: head.hash, ...(head.at ? { at: head.at } : {}) });
    }
  }
  return heads.sort((a, b) => a.sequence - b.sequence);
}

function isSameLog(head: { log?: string; prefix?: string }, log: string): boolean {
  if (head.log === log) return true;
  const local = (path: string) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(path);
  return (
    head.log !== undefined &&
    head.prefix !== undefined &&
    local(head.log) &&
    local(log) &&
    head.log.endsWith(`/${head.prefix}`) &&
    log.endsWith(`/${head.prefix}`)
  );
}
