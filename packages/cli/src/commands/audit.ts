import { joinKey, type ObjectStore } from '@vigil/core';
import {
  type AuditHead,
  copyCitedFiles,
  copyCitedReports,
  exportComplianceBundle,
  readAuditLocation,
  readPublishedHeads,
  renderComplianceBundleMarkdown,
  verifyAuditLog,
} from '@vigil/core/audit';
import { renderCardHtml, renderCardMarkdown } from '@vigil/core/cards';
import { readJournaledAuditHeads } from '@vigil/local';
import { homePath, openLocation } from '../adapters.ts';
import { optionalString, requiredName } from '../args.ts';
import { type Command, helpText, UsageError } from '../command.ts';
import { governanceCommand } from './registry.ts';

const verifyCommand = governanceCommand({
  name: 'audit verify',
  usage: 'audit verify [--heads s3://HEADS-BUCKET] [--expect-head SEQUENCE:HASH] [--prefix audit]',
  options: { prefix: 'string', 'expect-head': 'string', heads: 'string' },
  details: helpText`
    Exit code 0 when the log verifies, 1 when it does not (each problem is printed with its record number).
    Checks head.json and every head the writers published ("Vigil Audit Head" events): records cut off
    the end, an emptied log and reused sequence numbers are reported.
    --home DIR / s3://bucket: the home (default .vigil), or in AWS Vigil's bucket, whose
               config/audit-location.json names the audit bucket and the heads bucket.
    --heads s3://bucket  The heads bucket, when --home names the audit bucket itself.
               Locally the heads are read from the events journal of --home.
    --expect-head N:HASH  A head noted elsewhere (a ticket, a report): checked as well.
  `,
  async run(args, io, ctx) {
    const prefix = optionalString(args, 'prefix') ?? 'audit';
    const head = optionalString(args, 'expect-head');
    let expectedHead: { sequence: number; hash: string } | undefined;
    if (head) {
      const match = /^(\d+):([0-9a-f]{64})$/.exec(head);
      if (!match)
        throw new UsageError('--expect-head must be SEQUENCE:HASH, as `vigil audit verify` prints it');
      expectedHead = { sequence: Number(match[1]), hash: match[2]! };
    }
    const published = await auditSources(args, io, ctx.store, prefix);
    if (!published.heads) io.stderr(published.note);
    if (published.store !== ctx.store) io.stdout(`Audit log at ${published.store.location}/${prefix}`);
    const result = await verifyAuditLog(published.store, prefix, {
      expectedHead,
      ...(published.heads ? { publishedHeads: published.heads } : {}),
    });
    for (const problem of result.problems) io.stderr(problem.message);
    if (result.ok) {
      const anchor = result.publishedHead
        ? ` Matches the last published head ${result.publishedHead.sequence}:${result.publishedHead.hash} (${'source' in published ? published.source : ''}).`
        : '';
      io.stdout(
        `Audit log verified: ${result.recordCount} records, chain intact.` +
          (result.head ? ` Head ${result.head.sequence}:${result.head.hash}` : '') +
          anchor,
      );
      return 0;
    }
    io.stdout(
      `Audit log NOT verified: ${result.problems.length} problem(s) in ${result.recordCount} records.`,
    );
    return 1;
  },
});

/**
 * Where the log is and the heads its writers published. `--heads s3://bucket` names the heads
 * bucket; locally they are read from the events journal of the home; with `--home s3://<Vigil's
 * bucket>` the deployment's `config/audit-location.json` names both the audit bucket and the heads
 * bucket. Without any of them the note says how to pass the heads.
 */
async function auditSources(
  args: Parameters<Command['run']>[0],
  io: Parameters<Command['run']>[1],
  store: ObjectStore,
  prefix: string,
): Promise<
  | { store: ObjectStore; heads: AuditHead[]; source: string }
  | { store: ObjectStore; heads?: undefined; note: string }
> {
  const heads = optionalString(args, 'heads');
  if (heads) {
    const where = openLocation(heads.endsWith('/') ? heads : `${heads}/`, io.cwd);
    return { store, heads: await readPublishedHeads(where.store, prefix), source: `heads in ${heads}` };
  }
  const home = optionalString(args, 'home');
  if (home && /^s3:\/\//i.test(home)) {
    const location = await readAuditLocation(store);
    if (location) {
      const headsStore = openLocation(`s3://${location.auditHeadsBucket}/`, io.cwd).store;
      return {
        store: openLocation(`s3://${location.auditBucket}/`, io.cwd).store,
        heads: await readPublishedHeads(headsStore, prefix),
        source: `heads bucket ${location.auditHeadsBucket}`,
      };
    }
    return {
      store,
      note:
        'Published heads not checked: pass --heads s3://<auditHeadsBucket> (an output of `sst deploy`), or ' +
        "--home s3://<Vigil's bucket> of a deployment that names its audit buckets.",
    };
  }
  return {
    store,
    heads: await readJournaledAuditHeads(homePath(home, io.cwd), `${store.location}/${prefix}`),
    source: 'events journal',
  };
}

const exportCommand = governanceCommand({
  name: 'audit export',
  usage: 'audit export --group NAME [--out DIR]',
  options: { group: 'string', out: 'string' },
  details: helpText`
    --out DIR  Folder to write to (local or s3://; default compliance-<group>/): bundle.json (everything,
               machine-readable), bundle.md (checklist, decisions, runs), cards/<card>.md and .html per version,
               reports/<endpoint>/<monitor>/yyyy/mm/dd/hh/ with every report the bundle cites (linked relatively).
    --home DIR / s3://bucket, --aws, --config: as for \`vigil registry\`.
  `,
  async run(args, io, ctx) {
    const group = requiredName(args, 'group');
    // The log and the heads it is verified against are found as `vigil audit verify` finds them.
    const published = await auditSources(args, io, ctx.store, 'audit');
    if (!published.heads) io.stderr(published.note);
    const bundle = await exportComplianceBundle(
      {
        registry: ctx.registry,
        cards: ctx.cards,
        store: ctx.store,
        auditStore: published.store,
        ...(published.heads ? { publishedHeads: published.heads } : {}),
        clock: ctx.gatePorts.clock,
      },
      group,
    );
    if (bundle.versions.length === 0)
      throw new UsageError(`Group "${group}" has no versions in the registry`);
    const outPath = optionalString(args, 'out') ?? `compliance-${group}/`;
    const out = openLocation(outPath.endsWith('/') ? outPath : `${outPath}/`, io.cwd);
    await out.store.put(
      joinKey(out.key, 'bundle.json'),
      `${JSON.stringify(bundle, null, 2)}\n`,
      'application/json',
    );
    // The bundle carries the reports it cites, linked relatively, so it reads anywhere it is copied.
    const cited = await copyCitedReports(
      bundle.versions.flatMap((v) => v.monitoringHistory.map((r) => r.reportUri)),
      (uri) => openLocation(uri, io.cwd),
      out,
    );
    for (const m of cited.missing)
      io.stderr(`warning: report ${m.uri} not copied into the bundle: ${m.reason}`);
    const evidence = await copyCitedFiles(
      bundle.versions.flatMap((v) => cardDatasets(v.card?.content)),
      (uri) => openLocation(uri, io.cwd),
      out,
    );
    for (const m of evidence.missing)
      io.stderr(`warning: evidence ${m.uri} not copied into the bundle: ${m.reason}`);
    await out.store.put(
      joinKey(out.key, 'bundle.md'),
      renderComplianceBundleMarkdown(bundle, { reportLink: (uri) => cited.folders.get(uri) }),
      'text/markdown; charset=utf-8',
    );
    for (const version of bundle.versions) {
      if (!version.card) continue;
      const history = {
        auditRecords: version.auditRecords,
        approvalStatus: version.package.approvalStatus,
        ...(version.package.approvalDescription
          ? { approvalDescription: version.package.approvalDescription }
          : {}),
        reportLink: (uri: string) => {
          const folder = cited.folders.get(uri);
          return folder ? `../${folder}` : undefined;
        },
        datasetLink: (uri: string) => {
          const path = evidence.files.get(uri);
          return path ? `../${path}` : undefined;
        },
      };
      await out.store.put(
        joinKey(out.key, 'cards', `${version.card.name}.md`),
        renderCardMarkdown(version.card, history),
      );
      await out.store.put(
        joinKey(out.key, 'cards', `${version.card.name}.html`),
        renderCardHtml(version.card, history),
      );
    }
    const missing = bundle.checklist.filter((i) => i.status === 'missing');
    io.stdout(
      `Compliance bundle of "${group}": ${bundle.versions.length} version(s), ` +
        `${bundle.checklist.length - missing.length}/${bundle.checklist.length} checklist items present, ` +
        `audit log ${bundle.auditVerification.ok ? 'verified' : 'NOT verified'}.`,
    );
    for (const item of missing) io.stdout(`  missing  ${item.framework} ${item.reference}: ${item.item}`);
    io.stdout(`Wrote ${out.store.location.replace(/\/$/, '')}/${out.key}`);
    return 0;
  },
});

/** `vigil audit verify|export`. */
export const auditCommands: Command[] = [verifyCommand, exportCommand];

/** The evaluation datasets a card cites (the evidence files its evaluations were computed from). */
function cardDatasets(content: Record<string, unknown> | undefined): string[] {
  const details = (content as { evaluation_details?: { datasets?: unknown }[] } | undefined)
    ?.evaluation_details;
  if (!Array.isArray(details)) return [];
  return details.flatMap((d) =>
    Array.isArray(d?.datasets) ? d.datasets.filter((x): x is string => typeof x === 'string') : [],
  );
}
