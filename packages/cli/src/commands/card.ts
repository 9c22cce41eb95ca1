import { joinKey } from '@vigil/core';
import { auditRecordsAbout, readAuditLog } from '@vigil/core/audit';
import { modelCardNameFor, renderCardHtml, renderCardMarkdown } from '@vigil/core/cards';
import { openLocation } from '../adapters.ts';
import { optionalChoice, optionalNumber, requiredString } from '../args.ts';
import {
  type CliIO,
  type Command,
  type CommandArgs,
  defineCommand,
  helpText,
  type OptionType,
  UsageError,
} from '../command.ts';
import { governanceContext, governanceOptions, packageArnFrom } from './registry.ts';

const cardOptions: Record<string, OptionType> = {
  ...governanceOptions,
  arn: 'string',
  group: 'string',
  version: 'string',
  'card-version': 'string',
};

const CARD_DETAILS = [
  'The card of a model version: --arn ARN, or --group NAME [--version N] (default: the newest version).',
  '--card-version N  A specific card version (default: the latest).',
  'The rendering adds the approval history and the monitoring runs recorded in the audit log.',
  '--home DIR / s3://bucket, --aws, --config: as for `vigil registry`.',
].join('\n');

async function renderCard(
  args: CommandArgs,
  io: CliIO,
  format: 'md' | 'html',
): Promise<{ name: string; text: string }> {
  const ctx = governanceContext(args, io);
  const arn = await packageArnFrom(args, ctx);
  const pkg = await ctx.registry.describe(arn);
  const name = modelCardNameFor(pkg.groupName, pkg.version);
  const card = await ctx.cards.get(name, optionalNumber(args, 'card-version'));
  if (!card) {
    throw new UsageError(
      `Version ${pkg.version} of "${pkg.groupName}" has no model card "${name}" yet: run \`vigil registry gate\` to create it`,
    );
  }
  const auditRecords = auditRecordsAbout(await readAuditLog(await ctx.auditStore(), 'audit'), arn);
  const text =
    format === 'html'
      ? renderCardHtml(card, {
          auditRecords,
          approvalStatus: pkg.approvalStatus,
          ...(pkg.approvalDescription ? { approvalDescription: pkg.approvalDescription } : {}),
        })
      : renderCardMarkdown(card, {
          auditRecords,
          approvalStatus: pkg.approvalStatus,
          ...(pkg.approvalDescription ? { approvalDescription: pkg.approvalDescription } : {}),
        });
  return { name, text };
}

const showCommand = defineCommand({
  name: 'card show',
  usage: 'card show (--arn ARN | --group NAME [--version N])',
  options: cardOptions,
  details: CARD_DETAILS,
  async run(args, io) {
    io.stdout((await renderCard(args, io, 'md')).text.trimEnd());
    return 0;
  },
});

const exportCommand = defineCommand({
  name: 'card export',
  usage: 'card export (--arn ARN | --group NAME [--version N]) --format md|html --out PATH',
  options: { ...cardOptions, format: 'string', out: 'string' },
  details: helpText`
    --format md|html  default html
    --out PATH         a file, or a folder ending in / to name the file after the card
    ${CARD_DETAILS}
  `,
  async run(args, io) {
    const format = optionalChoice(args, 'format', ['md', 'html']) ?? 'html';
    const { name, text } = await renderCard(args, io, format);
    const outPath = requiredString(args, 'out');
    const out = openLocation(outPath, io.cwd);
    const key = outPath.endsWith('/') ? joinKey(out.key, `${name}.${format}`) : out.key;
    await out.store.put(
      key,
      text,
      format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
    );
    io.stdout(`Wrote ${out.store.location.replace(/\/$/, '')}/${key}`);
    return 0;
  },
});

/** `vigil card show|export`. */
export const cardCommands: Command[] = [showCommand, exportCommand];
