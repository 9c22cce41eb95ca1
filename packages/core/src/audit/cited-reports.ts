import { joinKey } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** Where the bundle keeps the reports it cites, beside bundle.json. */
export const BUNDLE_REPORTS_FOLDER = 'reports';

/** Where cited evidence files (evaluation datasets, registration reports) go inside a bundle. */
export const BUNDLE_EVIDENCE_FOLDER = 'evidence';

/** What copying the cited reports did. */
export interface CitedReports {
  /** Report URI → its folder inside the bundle (`reports/<endpoint>/<monitor>/yyyy/mm/dd/hh/`). */
  folders: Map<string, string>;
  /** Reports that could not be read (moved, deleted, no access), with why. */
  missing: { uri: string; reason: string }[];
}

/**
 * Copies every report folder the bundle cites into it, so the bundle stands alone: each report
 * lands under `reports/` by its last six path segments (endpoint, monitor, hour), the layout
 * Vigil writes reports in. A report that cannot be read is listed, not fatal.
 *
 * @example
 * ```ts
 * const cited = await copyCitedReports(uris, (uri) => openLocation(uri, cwd), out);
 * cited.folders.get(run.reportUri); // 'reports/churn-prod/data-quality/2026/03/02/10/'
 * ```
 */
export async function copyCitedReports(
  uris: Iterable<string>,
  locate: (uri: string) => { store: ObjectStore; key: string },
  out: { store: ObjectStore; key: string },
): Promise<CitedReports> {
  const folders = new Map<string, string>();
  const missing: CitedReports['missing'] = [];
  for (const uri of new Set(uris)) {
    if (!uri || folders.has(uri)) continue;
    const folder = `${joinKey(BUNDLE_REPORTS_FOLDER, ...bundlePath(uri))}/`;
    try {
      const source = locate(uri.endsWith('/') ? uri : `${uri}/`);
      const prefix = source.key.replace(/\/*$/, '/').replace(/^\/$/, '');
      let copied = 0;
      for await (const info of source.store.list(prefix)) {
        const name = info.key.slice(prefix.length);
        if (!name || name.includes('/')) continue;
        await out.store.put(joinKey(out.key, folder, name), await source.store.get(info.key));
        copied++;
      }
      if (copied === 0) missing.push({ uri, reason: 'no report files there' });
      else folders.set(uri, folder);
    } catch (error) {
      missing.push({ uri, reason: (error as Error).message });
    }
  }
  return { folders, missing };
}

/**
 * Copies each cited evidence file (a card's evaluation datasets: the registration reports the gate
 * read) into the bundle under `evidence/…` (its last path segments), so that the bundle contains
 * what it cites. Returns each copied URI's path inside the bundle; files that could not be read are
 * listed with why (the card then names them instead of linking them).
 *
 * @example
 * ```ts
 * const cited = await copyCitedFiles(datasets, (uri) => openLocation(uri), { store, key: 'bundle/' });
 * cited.files.get('/home/me/.vigil/registry/v3/model-quality/statistics.json');
 * // 'evidence/registry/v3/model-quality/statistics.json'
 * ```
 */
export async function copyCitedFiles(
  uris: Iterable<string>,
  locate: (uri: string) => { store: ObjectStore; key: string },
  out: { store: ObjectStore; key: string },
): Promise<{ files: Map<string, string>; missing: { uri: string; reason: string }[] }> {
  const files = new Map<string, string>();
  const missing: { uri: string; reason: string }[] = [];
  for (const uri of new Set(uris)) {
    if (!uri || uri.endsWith('/') || files.has(uri)) continue;
    const path = joinKey(BUNDLE_EVIDENCE_FOLDER, ...bundlePath(uri).slice(-4));
    try {
      const source = locate(uri);
      await out.store.put(joinKey(out.key, path), await source.store.get(source.key));
      files.set(uri, path);
    } catch (error) {
      missing.push({ uri, reason: (error as Error).message });
    }
  }
  return { files, missing };
}

function bundlePath(uri: string): string[] {
  const segments = uri
    .replace(/^[a-z0-9]+:\/\//i, '')
    .split('/')
    .filter((s) => s && s !== '.' && s !== '..');
  return segments.slice(-6);
}
