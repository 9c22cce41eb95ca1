import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfigText, type VigilConfig } from '@vigil/core';
import { verifyAuditLog } from '@vigil/core/audit';
import type { DashboardSources } from '@vigil/core/dashboard';
import {
  LocalModelCardStore,
  LocalModelRegistry,
  LocalObjectStore,
  readJournaledAuditHeads,
} from '@vigil/local';

/**
 * What the dashboard reads in a local home folder: the home as Vigil's store, its
 * `vigil.config.json` (endpoints and model package groups; none when absent), the local registry
 * and card store, and the audit log verified against the heads in the events journal.
 *
 * @example
 * ```ts
 * const sources = await localDashboardSources('/home/me/project/.vigil');
 * ```
 */
export async function localDashboardSources(home: string): Promise<DashboardSources> {
  const store = new LocalObjectStore(home);
  const configPath = join(home, 'vigil.config.json');
  const config: Pick<VigilConfig, 'endpoints'> = existsSync(configPath)
    ? parseConfigText(await readFile(configPath, 'utf8'), configPath)
    : { endpoints: [] };
  return {
    store,
    config,
    registry: new LocalModelRegistry(store),
    cards: new LocalModelCardStore(store),
    verifyAudit: async () =>
      verifyAuditLog(store, 'audit', {
        publishedHeads: await readJournaledAuditHeads(home, `${store.location}/audit`),
      }),
  };
}
