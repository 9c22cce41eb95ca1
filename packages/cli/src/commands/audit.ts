import { joinKey } from '@vigil/core';
import {
  exportComplianceBundle,
  readAuditLog,
  renderComplianceBundleMarkdown,
  verifyAuditLog,
} from '@vigil/core/audit';
import { renderCardHtml, renderCardMarkdown } from '@vigil/core/cards';
import { openLocation } from '../adapters.ts';
import { type Command, optionalString, requiredName, UsageError } from '../command.ts';
import { governanceContext, governanceOptions } from './registry.ts';

const verifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check the audit log: every record present, in order, unedited and chained to the previous one',
  usage: 'audit verify [--expect-head SEQUENCE:HASH] [--prefix audit]',
  options: { ...governanceOptions, prefix: { type: 'string' }, 'expect-head': { type: 'string' } },
  details: [
    'Exit code 0 when the log verifies, 1 when it does not (each problem is printed with its record number).',
    '--expect-head N:HASH  A head printed by an earlier run: also detects deletion of the newest records.',
    '--home DIR / s3://bucket: where the log is (default .vigil).',
  ].join('\n'),
  async run(args, io) {
    const ctx = governanceContext(args, io);
    const prefix = optionalString(args, 'prefix') ?? 'audit';
    const head = optionalString(args, 'expect-head');
    let expectedHead: { sequence: number; hash: string } | undefined;
    if (head) {
      const match = /^(\d+):([0-9a-f]{64})$/.exec(head);
      if (!match)
        throw new UsageError('--expect-head must be SEQUENCE:HASH, as `vigil audit verify` prints it');
      expectedHead = { sequence: Number(match[1]), hash: match[2]! };
    }
    const result = await verifyAuditLog(ctx.store, prefix, { expectedHead });
    for (const problem of result.problems) io.stderr(problem.message);
    if (result.ok) {
      io.stdout(
        `Audit log verified: ${result.recordCount} records, chain intact.` +
          (result.head ? ` Head ${result.head.sequence}:${result.head.hash}` : ''),
      );
      return 0;
    }
    io.stdout(
      `Audit log NOT verified: ${result.problems.length} problem(s) in ${result.recordCount} records.`,
    );
    return 1;
  },
};

const exportCommand: Command = {
  name: 'audit export',
  summary:
    'Write the compliance bundle of a model package group: cards, decisions, monitoring, EU AI Act / SR 11-7 checklist',
  usage: 'audit export --group NAME [--out DIR]',
  options: { ...governanceOptions, group: { type: 'string' }, out: { type: 'string' } },
  details: [
    '--out DIR  Folder to write to (local or s3://; default compliance-<group>/): bundle.json (everything,',
    '           machine-readable), bundle.md (checklist and decisions), cards/<card>.md and .html per version.',
    '--home DIR / s3://bucket, --aws, --config: as for `vigil registry`.',
  ].join('\n'),
  async run(args, io) {
    const ctx = governanceContext(args, io);
    const group = requiredName(args, 'group');
    const bundle = await exportComplianceBundle(
      { registry: ctx.registry, cards: ctx.cards, store: ctx.store, clock: ctx.gatePorts.clock },
      group,
    );
    if (bundle.versions.length === 0)
      throw new UsageError(`Group "${group}" has no versions in the registry`);
    const outPath = optionalString(args, 'out') ?? `compliance-${group}/`;
    const out = openLocation(outPath.endsWith('/') ? outPath : `${outPath}/`, io.cwd);
    const records = await readAuditLog(ctx.store, 'audit');
    await out.store.put(
      joinKey(out.key, 'bundle.json'),
      `${JSON.stringify(bundle, null, 2)}\n`,
      'application/json',
    );
    await out.store.put(
      joinKey(out.key, 'bundle.md'),
      renderComplianceBundleMarkdown(bundle),
      'text/markdown; charset=utf-8',
    );
    for (const version of bundle.versions) {
      if (!version.card) continue;
      const history = { auditRecords: records.filter((r) => r.subject === version.package.arn) };
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
};

/** `vigil audit verify|export`. */
export const auditCommands: Command[] = [verifyCommand, exportCommand];
