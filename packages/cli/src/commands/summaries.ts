/**
 * The one-line summary of every `vigil` sub-command, by name, in the order `vigil --help` lists them:
 * the one place a summary is written. The command table (`index.ts`) prints them without loading
 * any command module; each module's `Command` takes its summary from here by its name (a key, so a
 * misspelt name does not compile). This file imports nothing, so `vigil --help` stays free of the
 * libraries behind the commands.
 */
export const COMMAND_SUMMARIES = {
  demo: 'Play a full monitoring scenario on real public data, locally (no AWS account needed)',
  ui: 'Open the dashboard: endpoints, metrics over time, incidents, registry and audit of a home folder',
  dev: 'Run Vigil locally: capture files in → profiles → monitors → metrics → alarms → alerts → rollback',
  backfill: 'Re-profile a range of capture and re-run its monitor windows, locally or on Step Functions',
  'baseline data-quality': 'Profile a dataset into SageMaker statistics.json and suggested constraints.json',
  'monitor data-quality':
    'Check captured traffic against a data-quality baseline: statistics.json + constraint_violations.json',
  'baseline model-quality':
    'Baseline model quality from a labeled dataset: statistics.json, constraints.json (+ calibration.json)',
  'monitor model-quality':
    'Join captured predictions to ground truth and check them against a model-quality baseline',
  'compare variants':
    'Compare challenger and shadow variants with the champion: differences, p-values, a decision',
  'bandit simulate':
    'Simulate Thompson-sampling traffic shifting under guardrails: cumulative regret vs the best fixed split',
  explain: 'Explain a data set with KernelSHAP as SageMaker Clarify does (analysis.json, local values)',
  'monitor feature-attribution':
    'Check feature-attribution drift (KernelSHAP + nDCG) of captured traffic against a baseline',
  bias: "Compute Clarify's pre- and post-training bias metrics of a dataset into analysis.json",
  'monitor bias-drift':
    'Check bias drift of captured, labelled traffic against a Clarify baseline analysis.json',
  'registry register':
    'Register a model version with its reports in the local registry, then run the approval gate',
  'registry list': 'List the versions of a model package group, newest first',
  'registry approve':
    'Approve a model version by hand (recorded in the audit log; the gate never overrides it)',
  'registry reject':
    'Reject a model version by hand (recorded in the audit log; the gate never overrides it)',
  'registry gate': 'Run the approval gate on a model version (as its registration event would)',
  'card show': 'Print the model card of a model version as Markdown',
  'card export':
    'Write the model card as Markdown or a self-contained HTML page for auditors (print it to PDF)',
  'audit verify':
    'Check the audit log: every record present, in order, unedited and chained to the previous one',
  'audit export':
    'Write the compliance bundle of a model package group: cards, decisions, monitoring, EU AI Act / SR 11-7 checklist',
  alarms: 'Print the guardrail alarms of an endpoint and the DeploymentConfig to paste into UpdateEndpoint',
  'alarms evaluate':
    'Evaluate the guardrail alarms on the local metrics store and route the alerts (outbox, Slack)',
  'alarms dead-letters':
    'List alerts that could not be delivered (alerting/dead-letters/), or send them again',
} as const;

/** The name of a `vigil` sub-command; one or two words (`baseline data-quality`). */
export type CommandName = keyof typeof COMMAND_SUMMARIES;
