import type { Command } from '../command.ts';

/**
 * One row of the command table: what `vigil --help` prints, and how to load the command.
 * The command's modules (and the libraries behind them: arquero, zod, the AWS SDK) are
 * imported only by `load`, so `vigil --help` starts without them.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

/** Every `vigil` sub-command, in the order `vigil --help` lists them. */
export const commands: CommandEntry[] = [
  {
    name: 'demo',
    summary: 'Play a full monitoring scenario on real public data, locally (no AWS account needed)',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  {
    name: 'ui',
    summary:
      'Open the dashboard: endpoints, metrics over time, incidents, registry and audit of a home folder',
    load: async () => (await import('./ui.ts')).uiCommand,
  },
  {
    name: 'dev',
    summary:
      'Run Vigil locally: capture files in → profiles → monitors → metrics → alarms → alerts → rollback',
    load: async () => (await import('./dev.ts')).devCommand,
  },
  {
    name: 'backfill',
    summary: 'Re-profile a range of capture and re-run its monitor windows, locally or on Step Functions',
    load: async () => (await import('./backfill.ts')).backfillCommand,
  },
  {
    name: 'baseline data-quality',
    summary: 'Profile a dataset into SageMaker statistics.json and suggested constraints.json',
    load: async () => (await import('./baseline-data-quality.ts')).baselineDataQualityCommand,
  },
  {
    name: 'monitor data-quality',
    summary:
      'Check captured traffic against a data-quality baseline: statistics.json + constraint_violations.json',
    load: async () => (await import('./monitor-data-quality.ts')).monitorDataQualityCommand,
  },
  {
    name: 'baseline model-quality',
    summary:
      'Baseline model quality from a labeled dataset: statistics.json, constraints.json (+ calibration.json)',
    load: async () => (await import('./baseline-model-quality.ts')).baselineModelQualityCommand,
  },
  {
    name: 'monitor model-quality',
    summary: 'Join captured predictions to ground truth and check them against a model-quality baseline',
    load: async () => (await import('./monitor-model-quality.ts')).monitorModelQualityCommand,
  },
  {
    name: 'compare variants',
    summary: 'Compare challenger and shadow variants with the champion: differences, p-values, a decision',
    load: async () => (await import('./compare-variants.ts')).compareVariantsCommand,
  },
  {
    name: 'bandit simulate',
    summary:
      'Simulate Thompson-sampling traffic shifting under guardrails: cumulative regret vs the best fixed split',
    load: async () => (await import('./bandit-simulate.ts')).banditSimulateCommand,
  },
  {
    name: 'explain',
    summary: 'Explain a data set with KernelSHAP as SageMaker Clarify does (analysis.json, local values)',
    load: async () => (await import('./explain.ts')).explainCommand,
  },
  {
    name: 'monitor feature-attribution',
    summary: 'Check feature-attribution drift (KernelSHAP + nDCG) of captured traffic against a baseline',
    load: async () => (await import('./monitor-feature-attribution.ts')).monitorFeatureAttributionCommand,
  },
  {
    name: 'bias',
    summary: "Compute Clarify's pre- and post-training bias metrics of a dataset into analysis.json",
    load: async () => (await import('./bias.ts')).biasCommand,
  },
  {
    name: 'monitor bias-drift',
    summary: 'Check bias drift of captured, labelled traffic against a Clarify baseline analysis.json',
    load: async () => (await import('./monitor-bias-drift.ts')).monitorBiasDriftCommand,
  },
  ...[
    [
      'registry register',
      'Register a model version with its reports in the local registry, then run the approval gate',
    ],
    ['registry list', 'List the versions of a model package group, newest first'],
    [
      'registry approve',
      'Approve a model version by hand (recorded in the audit log; the gate never overrides it)',
    ],
    [
      'registry reject',
      'Reject a model version by hand (recorded in the audit log; the gate never overrides it)',
    ],
    ['registry gate', 'Run the approval gate on a model version (as its registration event would)'],
  ].map(([name, summary]) =>
    group(name!, summary!, () => import('./registry.ts').then((m) => m.registryCommands)),
  ),
  ...[
    ['card show', 'Print the model card of a model version as Markdown'],
    [
      'card export',
      'Write the model card as Markdown or a self-contained HTML page for auditors (print it to PDF)',
    ],
  ].map(([name, summary]) => group(name!, summary!, () => import('./card.ts').then((m) => m.cardCommands))),
  ...[
    [
      'audit verify',
      'Check the audit log: every record present, in order, unedited and chained to the previous one',
    ],
    [
      'audit export',
      'Write the compliance bundle of a model package group: cards, decisions, monitoring, EU AI Act / SR 11-7 checklist',
    ],
  ].map(([name, summary]) => group(name!, summary!, () => import('./audit.ts').then((m) => m.auditCommands))),
  ...[
    [
      'alarms',
      'Print the guardrail alarms of an endpoint and the DeploymentConfig to paste into UpdateEndpoint',
    ],
    [
      'alarms evaluate',
      'Evaluate the guardrail alarms on the local metrics store and route the alerts (outbox, Slack)',
    ],
    [
      'alarms dead-letters',
      'List alerts that could not be delivered (alerting/dead-letters/), or send them again',
    ],
  ].map(([name, summary]) =>
    group(name!, summary!, () => import('./alarms.ts').then((m) => m.alarmsCommands)),
  ),
];

/** An entry for the command named `name` in a module that exports a group of commands. */
function group(name: string, summary: string, loadGroup: () => Promise<Command[]>): CommandEntry {
  return {
    name,
    summary,
    load: async () => {
      const command = (await loadGroup()).find((c) => c.name === name);
      if (!command) throw new Error(`The command table lists "${name}" but its module does not export it`);
      return command;
    },
  };
}
