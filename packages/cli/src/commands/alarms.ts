import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SlackWebhookNotifier } from '@vigil/aws';
import { parseConfigText, silentLog, systemClock, type VigilConfig } from '@vigil/core';
import {
  DEAD_LETTER_PREFIX,
  type DeadLetter,
  deploymentConfigFor,
  type GuardrailAlarm,
  guardrailAlarms,
  isResolved,
  readDeadLetter,
  replayDeadLetters,
  routeAlert,
} from '@vigil/core/alerting';
import { ObjectStoreAuditLog } from '@vigil/core/audit';
import {
  evaluateLocalAlarms,
  LocalEndpointController,
  LocalEventBus,
  LocalMetricStore,
  localNotifiers,
} from '@vigil/local';
import { homePath, openHome } from '../adapters.ts';
import { flag, optionalName, optionalString, requiredName, requiredString } from '../args.ts';
import { type Command, type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { readUserJson } from '../user-files.ts';
import { checkModelMetricConstraints } from './model-metric-constraints.ts';

const OPERATOR: Record<GuardrailAlarm['comparisonOperator'], string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const listCommand = defineCommand({
  name: 'alarms',
  usage: 'alarms --config FILE --endpoint NAME [--constraints FILE] [--json]',
  options: { config: 'string', endpoint: 'string', constraints: 'string', json: 'boolean' },
  details: helpText`
    --constraints FILE  The model-quality baseline constraints.json: the model metric alarm takes its threshold
                        from it when the configuration gives none.
    --json              Print { alarms, deploymentConfig, omitted } as JSON (what infra/ creates).
    Put the DeploymentConfig into UpdateEndpoint (or CreateEndpoint) so that SageMaker rolls a deployment back
    when a guardrail fires while it bakes; heartbeat alarms only alert, they never roll back.
  `,
  async run(args, io) {
    const config = await loadConfig(args, io.cwd);
    const endpoint = requiredName(args, 'endpoint');
    const constraintsPath = optionalString(args, 'constraints');
    const modelQualityConstraints = constraintsPath
      ? await readUserJson(
          '--constraints',
          constraintsPath,
          io.cwd,
          "give the model-quality baseline's constraints.json (from `vigil baseline model-quality`)",
        )
      : undefined;
    if (constraintsPath)
      checkModelMetricConstraints(
        config,
        endpoint,
        `--constraints ${constraintsPath}`,
        modelQualityConstraints,
      );
    const alarms = guardrailAlarms(config, endpoint, { modelQualityConstraints });
    const { DeploymentConfig, omitted } = deploymentConfigFor(alarms);
    if (flag(args, 'json')) {
      io.stdout(JSON.stringify({ alarms, deploymentConfig: DeploymentConfig, omitted }, null, 2));
      return 0;
    }
    if (!alarms.length) {
      io.stdout(`Endpoint ${endpoint} has no monitors configured, so no guardrail alarms.`);
      return 0;
    }
    const width = Math.max(...alarms.map((a) => a.name.length));
    io.stdout(`Guardrail alarms of ${endpoint} (${alarms.length}):`);
    for (const a of alarms) {
      const rule = `${a.metricName} ${a.statistic} ${OPERATOR[a.comparisonOperator]} ${a.threshold}`;
      const window = `${a.datapointsToAlarm} of ${a.evaluationPeriods} × ${a.period}s, missing data ${a.treatMissingData}`;
      io.stdout(`  ${a.name.padEnd(width)}  ${rule} (${window})${a.guardsDeployments ? '  [rollback]' : ''}`);
    }
    io.stdout('');
    io.stdout('DeploymentConfig for UpdateEndpoint (aws sagemaker update-endpoint --deployment-config ...):');
    io.stdout(JSON.stringify(DeploymentConfig, null, 2));
    if (omitted.length) {
      io.stdout(`SageMaker takes at most 10 alarms; not in AutoRollbackConfiguration: ${omitted.join(', ')}`);
    }
    return 0;
  },
});

const evaluateCommand = defineCommand({
  name: 'alarms evaluate',
  usage: 'alarms evaluate --config FILE [--endpoint NAME] [--home DIR] [--at ISO-TIME]',
  options: { config: 'string', endpoint: 'string', home: 'string', at: 'string' },
  details: helpText`
    Evaluates with CloudWatch semantics, writes the "CloudWatch Alarm State Change" events to the local bus
    journal and hands them to alarm-router: alerts go to <home>/outbox/ and stdout, and to a real Slack webhook
    when the environment variable named by the channel's webhookSecret is set. With rollback policy "rollback"
    the local endpoint record (<home>/local/endpoints/) is rolled back and the audit log gets the decision.
    --at ISO-TIME  Evaluate as of this time (default now).
  `,
  async run(args, io) {
    const config = await loadConfig(args, io.cwd);
    const atText = optionalString(args, 'at');
    const at = atText ? new Date(atText) : undefined;
    if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO time, got "${atText}"`);
    const clock = at ? { now: () => new Date(at) } : systemClock;
    const home = homePath(optionalString(args, 'home'), io.cwd);
    const store = openHome(optionalString(args, 'home'), io.cwd);
    const endpoint = optionalName(args, 'endpoint');
    const results = await evaluateLocalAlarms(
      { config, metrics: new LocalMetricStore(home), store, clock },
      endpoint ? { endpoints: [endpoint] } : {},
    );
    const events = results.flatMap((r) => (r.event ? [r.event] : []));
    const bus = new LocalEventBus(home);
    await bus.put(events);
    for (const r of results) {
      const changed = r.event ? `  (was ${r.event.detail.previousState.value})` : '';
      io.stdout(`${r.state.value.padEnd(17)} ${r.alarm.name}${changed}`);
    }
    const ports = {
      config,
      store,
      notifiers: localNotifiers(config, {
        store,
        env: io.env,
        print: io.stdout,
        slack: (o) => new SlackWebhookNotifier(o),
      }),
      clock,
      log: silentLog,
      rollback: {
        controller: new LocalEndpointController(store),
        audit: new ObjectStoreAuditLog(store, { clock, events: bus }),
      },
    };
    let failed = 0;
    for (const event of events) {
      try {
        await routeAlert(ports, event);
      } catch (error) {
        failed++;
        io.stderr(`alarm-router: ${(error as Error).message}`);
      }
    }
    io.stdout(`${results.length} alarm(s) evaluated, ${events.length} state change(s) routed.`);
    return failed ? 1 : 0;
  },
});

const deadLettersCommand = defineCommand({
  name: 'alarms dead-letters',
  usage: 'alarms dead-letters [--home DIR] [--replay --config FILE]',
  options: { home: 'string', replay: 'boolean', config: 'string' },
  details: helpText`
    --replay  Send every dead letter not yet delivered to its channel again (outbox, and Slack when the
              webhook secret is in the environment); a letter that goes through is marked delivered. Letters
              already delivered (by a replay or by the Lambda's retry of the event) are never sent again.
  `,
  async run(args, io) {
    const store = openHome(optionalString(args, 'home'), io.cwd);
    const replay = flag(args, 'replay');
    if (!replay) {
      let count = 0;
      for await (const info of store.list(`${DEAD_LETTER_PREFIX}/`)) {
        const letter = await readDeadLetter(store, info.key);
        if (!letter) continue;
        count++;
        io.stdout(describeLetter(letter));
      }
      io.stdout(count ? `${count} dead letter(s).` : 'No dead letters.');
      return 0;
    }
    const notifiers = localNotifiers(await loadConfig(args, io.cwd), {
      store,
      env: io.env,
      slack: (o) => new SlackWebhookNotifier(o),
    });
    let count = 0;
    let failed = 0;
    for await (const result of replayDeadLetters({ store, clock: systemClock }, notifiers)) {
      count++;
      io.stdout(describeLetter(result.letter));
      if (result.outcome === 'delivered') io.stdout('    replayed: delivered');
      if (result.outcome === 'failed') {
        failed++;
        io.stderr(`    replay failed: ${result.error}`);
      }
    }
    io.stdout(count ? `${count} dead letter(s).` : 'No dead letters.');
    return failed ? 1 : 0;
  },
});

/** One dead letter in two lines: when, channel and title, then the error and whether it was delivered since. */
function describeLetter(letter: DeadLetter): string {
  const resolvedAt = letter.resolvedAt ?? letter.replayedAt;
  const status = isResolved(letter)
    ? `delivered by ${letter.resolvedBy ?? 'replay'} ${resolvedAt}`
    : `${letter.attempts} attempts`;
  return `${letter.at}  ${letter.channel}  ${letter.alert.title}\n    ${letter.error} (${status})`;
}

async function loadConfig(args: CommandArgs, cwd: string): Promise<VigilConfig> {
  const path = resolve(cwd, requiredString(args, 'config'));
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read --config ${path}: ${error.code ?? error.message}`);
  });
  return parseConfigText(text, path);
}

/** `vigil alarms`, `vigil alarms evaluate` and `vigil alarms dead-letters`. */
export const alarmsCommands: Command[] = [listCommand, evaluateCommand, deadLettersCommand];
