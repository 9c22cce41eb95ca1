import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { SageMakerModelCardStore, SageMakerModelRegistry } from '@vigil/aws';
import {
  type ApprovalPolicyConfig,
  type AuditLog,
  configWarnings,
  InputError,
  type MetricsSourceRef,
  type ModelCardStore,
  type ModelRegistry,
  type ObjectStore,
  parseConfigText,
  systemClock,
} from '@vigil/core';
import { ObjectStoreAuditLog, sha256Hex } from '@vigil/core/audit';
import {
  authorizeManualDecision,
  type GatePorts,
  type GateResult,
  runRegistryGate,
} from '@vigil/core/governance';
import { LocalEventBus, LocalModelCardStore, LocalModelRegistry } from '@vigil/local';
import { homePath, openHome, openLocation } from '../adapters.ts';
import { flag, optionalNumber, optionalString, requiredName, requiredString, stringList } from '../args.ts';
import {
  type CliIO,
  type Command,
  type CommandArgs,
  type CommandSpec,
  defineCommand,
  helpText,
  type OptionType,
  UsageError,
} from '../command.ts';
import { DeploymentAuditLog, deploymentAuditStore } from '../deployment-audit-log.ts';
import { readUserBytes } from '../user-files.ts';

/** Options every governance command shares. */
export const governanceOptions: Record<string, OptionType> = {
  home: 'string',
  aws: 'boolean',
  config: 'string',
};

const GOVERNANCE_DETAILS = [
  "--home DIR    Vigil's folder (default .vigil): registry/, cards/, governance/ and audit/ live there;",
  "              or s3://bucket for Vigil's bucket in AWS.",
  '--aws         Use SageMaker Model Registry and Model Cards instead of the local ones.',
  '--config FILE The Vigil configuration with approvalPolicies (default vigil.config.json if present).',
].join('\n');

/** Registry, cards, store and audit log of a governance command: local by default, SageMaker with --aws. */
export interface GovernanceContext {
  registry: ModelRegistry;
  localRegistry?: LocalModelRegistry;
  cards: ModelCardStore;
  store: ObjectStore;
  audit: AuditLog;
  /** The store the audit log is in: the deployment's audit bucket for `--home s3://…`. */
  auditStore: () => Promise<ObjectStore>;
  identity: string;
  policies: ApprovalPolicyConfig[];
  /** The configured endpoints' report folders, where `challengerBeatChampion` finds comparisons. */
  endpoints: { name: string; reports: string }[];
  gatePorts: GatePorts;
}

/**
 * Builds the governance adapters of a command from `--home`, `--aws` and `--config`.
 *
 * @example
 * ```ts
 * const ctx = governanceContext(args, io);
 * const pkg = await ctx.registry.describe(arn);
 * ```
 */
export function governanceContext(args: CommandArgs, io: CliIO): GovernanceContext {
  const home = optionalString(args, 'home');
  let store: ObjectStore;
  // Locally each append's head goes to the events journal, where `vigil audit verify` reads it.
  let headJournal: LocalEventBus | undefined;
  if (home && /^s3:\/\//i.test(home)) {
    const location = openLocation(home, io.cwd);
    if (location.key.replace(/\/+$/, '') !== '') {
      throw new UsageError(
        '--home s3://… must name the bucket only (Vigil keeps its keys at the bucket root)',
      );
    }
    store = location.store;
  } else {
    store = openHome(home, io.cwd);
    headJournal = new LocalEventBus(homePath(home, io.cwd));
  }
  const identity = io.env.USER ?? safeUserName();
  const aws = flag(args, 'aws');
  const localRegistry = aws ? undefined : new LocalModelRegistry(store, { identity });
  const registry: ModelRegistry = localRegistry ?? new SageMakerModelRegistry();
  const cards: ModelCardStore = aws ? new SageMakerModelCardStore() : new LocalModelCardStore(store);
  // In AWS the log is in the deployment's audit bucket, where the Lambdas append too.
  const audit: AuditLog = headJournal
    ? new ObjectStoreAuditLog(store, { events: headJournal })
    : new DeploymentAuditLog(store, io.cwd);
  const { policies, endpoints } = readGovernanceConfig(optionalString(args, 'config'), io);
  return {
    registry,
    localRegistry,
    cards,
    store,
    audit,
    auditStore: headJournal ? async () => store : () => deploymentAuditStore(store, io.cwd),
    identity,
    policies,
    // A report folder that is a key prefix lies in the home, as Vigil's bucket holds it in AWS.
    endpoints: endpoints.map((e) => ({
      name: e.name,
      reports: /^s3:\/\//i.test(e.reports) ? e.reports : `${store.location}/${e.reports}`,
    })),
    gatePorts: {
      registry,
      cards,
      store,
      audit,
      locate: (uri) => openLocation(uri, io.cwd),
      clock: systemClock,
      log: {
        debug() {},
        info() {},
        warn: (m) => io.stderr(`warning: ${m}`),
        error: (m) => io.stderr(`error: ${m}`),
      },
    },
  };
}

/** A governance command as its module declares it: its own options, and a run given the context. */
export interface GovernanceCommandSpec extends Omit<CommandSpec, 'options' | 'run'> {
  /** The command's own options, listed after `--home`, `--aws` and `--config`. */
  options: Record<string, OptionType>;
  run(args: CommandArgs, io: CliIO, ctx: GovernanceContext): Promise<number>;
}

/**
 * A command of the governance family (registry, audit): it takes `--home`, `--aws` and `--config`
 * before its own options, and its run gets the registry, cards and audit log they choose.
 *
 * @example
 * ```ts
 * const listCommand = governanceCommand({ name: 'registry list', usage, options: { group: 'string' },
 *   async run(args, io, ctx) { … await ctx.registry.list(requiredName(args, 'group')) … } });
 * ```
 */
export function governanceCommand(spec: GovernanceCommandSpec): Command {
  const { options, run, ...described } = spec;
  return defineCommand({
    ...described,
    options: { ...governanceOptions, ...options },
    run: (args, io) => run(args, io, governanceContext(args, io)),
  });
}

/** The ARN of `--arn`, or of `--group` + `--version` in the registry. */
export async function packageArnFrom(args: CommandArgs, ctx: GovernanceContext): Promise<string> {
  const arn = optionalString(args, 'arn');
  if (arn) return arn;
  const group = requiredName(args, 'group');
  const version = optionalNumber(args, 'version');
  const versions = await ctx.registry.list(group);
  const match = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (!match) {
    throw new UsageError(
      version === undefined
        ? `Group "${group}" has no version: register one with \`vigil registry register --group ${group}\``
        : `Group "${group}" has no version ${version} (it has ${versions.map((v) => v.version).join(', ') || 'none'})`,
    );
  }
  return match.arn;
}

/** Prints what the gate did. */
export function printGateResult(result: GateResult, io: CliIO): void {
  io.stdout(`Gate: ${result.action}${result.outcome ? ` → ${result.outcome}` : ''} (${result.reason})`);
  for (const rule of result.rules ?? [])
    io.stdout(`  ${rule.passed ? 'PASS' : 'FAIL'} ${rule.rule}: ${rule.detail}`);
  if (result.decisionKey) io.stdout(`Decision record: ${result.decisionKey}`);
}

const registerCommand = governanceCommand({
  name: 'registry register',
  usage: 'registry register --group NAME [--model-quality FILE] [--bias FILE] [--card FILE] [...]',
  options: {
    group: 'string',
    description: 'string',
    'model-quality': 'string',
    'model-quality-constraints': 'string',
    'data-quality-statistics': 'string',
    'data-quality-constraints': 'string',
    bias: 'string',
    'bias-pre-training': 'string',
    'bias-post-training': 'string',
    explainability: 'string',
    card: 'string',
    image: 'string[]',
    'model-data': 'string[]',
    'no-gate': 'boolean',
  },
  details: helpText`
    Reports are paths or s3:// URIs in the formats Model Monitor and Clarify write: --model-quality statistics.json,
    --data-quality-statistics / --data-quality-constraints, --bias / --bias-pre-training / --bias-post-training
    analysis.json, --explainability analysis.json. Each is registered with its SHA-256 (ContentDigest), so the gate
    notices a report changed after registration. --card FILE: model-card content JSON (intended_uses, owner, ...).
    The gate then runs as SageMaker's "Model Package State Change" event would run it (--no-gate to skip).
    ${GOVERNANCE_DETAILS}
  `,
  async run(args, io, ctx) {
    if (!ctx.localRegistry)
      throw new UsageError(
        'registry register works on the local registry; in AWS register with CreateModelPackage',
      );
    const source = async (name: string): Promise<MetricsSourceRef | undefined> => {
      const path = optionalString(args, name);
      if (!path) return undefined;
      const bytes = await readUserBytes(`--${name}`, path, io.cwd);
      const uri = /^s3:\/\//i.test(path) ? path : resolve(io.cwd, path);
      return { uri, contentType: 'application/json', contentDigest: `sha256:${sha256Hex(bytes)}` };
    };
    const cardPath = optionalString(args, 'card');
    const modelCardContent = cardPath ? readCardFile(resolve(io.cwd, cardPath)) : undefined;
    const prune = <T extends object>(o: T): T | undefined =>
      Object.values(o).some((v) => v !== undefined) ? (JSON.parse(JSON.stringify(o)) as T) : undefined;
    const pkg = await ctx.localRegistry.register({
      groupName: requiredName(args, 'group'),
      description: optionalString(args, 'description'),
      modelMetrics: JSON.parse(
        JSON.stringify({
          modelQuality: prune({
            statistics: await source('model-quality'),
            constraints: await source('model-quality-constraints'),
          }),
          dataQuality: prune({
            statistics: await source('data-quality-statistics'),
            constraints: await source('data-quality-constraints'),
          }),
          bias: prune({
            report: await source('bias'),
            preTrainingReport: await source('bias-pre-training'),
            postTrainingReport: await source('bias-post-training'),
          }),
          explainability: prune({ report: await source('explainability') }),
        }),
      ),
      images: stringList(args, 'image'),
      modelDataUrls: stringList(args, 'model-data'),
      ...(modelCardContent ? { modelCardContent } : {}),
    });
    io.stdout(`Registered ${pkg.groupName} version ${pkg.version}: ${pkg.arn}`);
    if (!flag(args, 'no-gate')) {
      printGateResult(
        await runRegistryGate(
          { ...ctx.gatePorts, auditStore: await ctx.auditStore() },
          { modelPackageArn: pkg.arn },
          { policies: ctx.policies, endpoints: ctx.endpoints, actor: 'vigil-cli gate' },
        ),
        io,
      );
    }
    return 0;
  },
});

const listCommand = governanceCommand({
  name: 'registry list',
  usage: 'registry list --group NAME',
  options: { group: 'string' },
  details: GOVERNANCE_DETAILS,
  async run(args, io, ctx) {
    const group = requiredName(args, 'group');
    const versions = await ctx.registry.list(group);
    if (versions.length === 0) io.stdout(`Group "${group}" has no versions.`);
    for (const v of versions) {
      const pkg = await ctx.registry.describe(v.arn);
      io.stdout(
        `v${v.version}  ${v.approvalStatus.padEnd(21)}  ${v.creationTime}  ${pkg.approvalDescription?.slice(0, 100) ?? ''}`,
      );
    }
    return 0;
  },
});

function manualDecisionCommand(decision: 'approve' | 'reject'): Command {
  const status = decision === 'approve' ? 'Approved' : 'Rejected';
  return governanceCommand({
    name: `registry ${decision}`,
    usage: `registry ${decision} (--arn ARN | --group NAME --version N) --reason TEXT [--as IDENTITY]`,
    options: {
      arn: 'string',
      group: 'string',
      version: 'string',
      reason: 'string',
      as: 'string',
      by: 'string',
    },
    details: helpText`
      --reason  Why (becomes the ApprovalDescription, at most 1024 characters).
      --as      Who decides (default: the OS user; --by is an older name for it). When the group's policy
                names approvers, anyone else is refused and the refusal is recorded in the audit log.
      ${GOVERNANCE_DETAILS}
    `,
    async run(args, io, ctx) {
      const arn = await packageArnFrom(args, ctx);
      const reason = requiredString(args, 'reason');
      if (reason.length > 1024)
        throw new UsageError(
          "--reason must be at most 1024 characters (SageMaker's ApprovalDescription limit)",
        );
      const principal = optionalString(args, 'as') ?? optionalString(args, 'by') ?? ctx.identity;
      await authorizeManualDecision(ctx, ctx.policies, await ctx.registry.describe(arn), {
        principal,
        status,
        source:
          optionalString(args, 'as') || optionalString(args, 'by') ? 'vigil-cli --as' : 'vigil-cli OS user',
      });
      await ctx.registry.updateApproval({
        arn,
        approvalStatus: status,
        approvalDescription: reason,
        customerMetadata: {},
        changedBy: principal,
      });
      io.stdout(`${arn} is now ${status}.`);
      // As SageMaker's state-change event would, let the gate see (and record) the person's decision.
      printGateResult(
        await runRegistryGate(
          { ...ctx.gatePorts, auditStore: await ctx.auditStore() },
          { modelPackageArn: arn, updatedFields: ['ModelApprovalStatus', 'ApprovalDescription'] },
          { policies: ctx.policies, endpoints: ctx.endpoints },
        ),
        io,
      );
      return 0;
    },
  });
}

const gateCommand = governanceCommand({
  name: 'registry gate',
  usage: 'registry gate (--arn ARN | --group NAME [--version N]) [--reevaluate]',
  options: {
    arn: 'string',
    group: 'string',
    version: 'string',
    reevaluate: 'boolean',
  },
  details: helpText`
    --reevaluate  Decide again on a version still pending after an earlier decision.
    ${GOVERNANCE_DETAILS}
  `,
  async run(args, io, ctx) {
    const arn = await packageArnFrom(args, ctx);
    const result = await runRegistryGate(
      { ...ctx.gatePorts, auditStore: await ctx.auditStore() },
      { modelPackageArn: arn, ...(flag(args, 'reevaluate') ? { reevaluate: true } : {}) },
      { policies: ctx.policies, endpoints: ctx.endpoints, actor: 'vigil-cli gate' },
    );
    printGateResult(result, io);
    return 0;
  },
});

/** `vigil registry register|list|approve|reject|gate`. */
export const registryCommands: Command[] = [
  registerCommand,
  listCommand,
  manualDecisionCommand('approve'),
  manualDecisionCommand('reject'),
  gateCommand,
];

function readGovernanceConfig(
  path: string | undefined,
  io: CliIO,
): { policies: ApprovalPolicyConfig[]; endpoints: { name: string; reports: string }[] } {
  const file = path ? resolve(io.cwd, path) : resolve(io.cwd, 'vigil.config.json');
  if (!path && !existsSync(file)) return { policies: [], endpoints: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`--config ${file}: cannot be read (${code}): check the path`, { cause: error });
  }
  const config = parseConfigText(text, file);
  for (const warning of configWarnings(config)) io.stderr(`warning: ${file}: ${warning}`);
  return { policies: config.approvalPolicies, endpoints: config.endpoints };
}

function readCardFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      `--card ${path} is not readable JSON (${(error as Error).message}): fix the file or check the path`,
      {
        cause: error,
      },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(
      `--card ${path} must hold a JSON object of model-card sections (intended_uses, ...)`,
    );
  }
  return parsed as Record<string, unknown>;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown-user';
  }
}
