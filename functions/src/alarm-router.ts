import { SageMakerEndpointController, transportNotifier } from '@vigil/aws';
import {
  type EndpointController,
  MONITORING_EXECUTION_DETAIL_TYPE,
  type Notifier,
  type VigilConfig,
} from '@vigil/core';
import {
  ALARM_STATE_CHANGE_DETAIL_TYPE,
  channelTransport,
  type RouteOutcome,
  routeAlert,
} from '@vigil/core/alerting';
import { auditLogOf } from './shared/audit-log.ts';
import { AlarmStateChangeDetailSchema } from './shared/event-schemas.ts';
import { assertEventBridge } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { operationalMetrics } from './shared/operational-metrics.ts';
import { loadRuntime, logger, type Runtime } from './shared/runtime.ts';
import { secretValue } from './shared/secrets.ts';

/** What alarm-router needs beyond the runtime: the endpoint controller and the channels' notifiers. */
export interface AlarmRouterDependencies {
  controller: EndpointController;
  notifiers: (config: VigilConfig) => Promise<Record<string, Notifier>> | Record<string, Notifier>;
  loadRuntime: () => Promise<Runtime>;
}

/** What the function returns: the outcome, never the alert's content. */
export interface AlarmRouterResult {
  outcome: RouteOutcome['outcome'];
  alertId?: string;
  delivered?: number;
  /** The guardrail alarm that will announce a run's violations. */
  awaiting?: string;
}

/**
 * alarm-router: on "CloudWatch Alarm State Change" (aws.cloudwatch) and "Vigil Monitoring
 * Execution" (vigil) events, applies the endpoint's rollback policy to guardrail alarms and sends
 * one grouped alert per incident to its channels (Slack, SES email, SNS). Monitoring executions
 * also publish the roll-up and heartbeat metrics the guardrails watch. An undeliverable alert is
 * kept as a dead letter in Vigil's bucket and the error is rethrown, so Lambda retries the event
 * and finally sends it to the function's DLQ. `vigil dev` builds it on local adapters.
 *
 * @example
 * ```ts
 * const route = createAlarmRouterHandler({ controller: localEndpoints, notifiers: () => outbox, loadRuntime });
 * await route(alarmEvent);
 * ```
 */
export function createAlarmRouterHandler(
  deps: AlarmRouterDependencies,
): (event: unknown) => Promise<AlarmRouterResult> {
  let notifiers: { config: VigilConfig; byChannel: Record<string, Notifier> } | undefined;
  return async (event) => {
    const envelope = assertEventBridge(event, {
      source: ['aws.cloudwatch', 'vigil'],
      detailType: [ALARM_STATE_CHANGE_DETAIL_TYPE, MONITORING_EXECUTION_DETAIL_TYPE],
      // Alarms are checked here; Vigil's own run events are read by the router itself.
      ...((event as { 'detail-type'?: unknown })['detail-type'] === ALARM_STATE_CHANGE_DETAIL_TYPE
        ? {
            detail: (detail: unknown) =>
              AlarmStateChangeDetailSchema.parse(detail) as Record<string, unknown>,
          }
        : {}),
    });
    const runtime = await deps.loadRuntime();
    runtime.log.appendKeys({ eventId: envelope.id });
    if (notifiers?.config !== runtime.config) {
      notifiers = { config: runtime.config, byChannel: await deps.notifiers(runtime.config) };
    }
    const result = await routeAlert(
      {
        config: runtime.config,
        store: runtime.store,
        notifiers: notifiers.byChannel,
        clock: runtime.clock,
        log: runtime.log,
        metrics: runtime.metrics,
        rollback: {
          controller: deps.controller,
          audit: auditLogOf(runtime),
        },
      },
      envelope,
    );
    const summary: AlarmRouterResult = {
      outcome: result.outcome,
      ...(result.outcome === 'sent'
        ? { alertId: result.alert.id, delivered: result.deliveries.filter((d) => d.delivered).length }
        : {}),
      ...(result.outcome === 'recorded' && result.awaiting ? { awaiting: result.awaiting } : {}),
    };
    if (summary.delivered) operationalMetrics.alertsSent(summary.delivered);
    runtime.log.info('Alarm routed', { ...summary, detailType: envelope['detail-type'] });
    return summary;
  };
}

/** The Lambda: SageMaker's endpoints, and Slack / SES / SNS notifiers built once per container. */
export const handler = lambdaHandler(
  createAlarmRouterHandler({
    controller: new SageMakerEndpointController(),
    notifiers: (config) => channelNotifiers(config, process.env),
    loadRuntime,
  }),
);

/**
 * The notifier of every configured channel, from its descriptor's transport. A Slack channel's
 * webhook URL comes from the secret its `webhookSecret` names (see `secretValue`); an SNS channel
 * without `topicArn` uses Vigil's topic (`VIGIL_ALERT_TOPIC_ARN`). A channel that cannot deliver
 * (its secret is missing) gets no notifier and a warning, so its alerts are dead-lettered with a
 * message saying so.
 *
 * @example
 * ```ts
 * const notifiers = channelNotifiers(runtime.config, process.env); // { 'oncall-slack': SlackWebhookNotifier, … }
 * ```
 */
export function channelNotifiers(
  config: VigilConfig,
  env: Record<string, string | undefined>,
): Record<string, Notifier> {
  const sources = {
    secret: (name: string) => secretValue(name, env),
    alertTopicArn: env.VIGIL_ALERT_TOPIC_ARN,
  };
  const byChannel: Record<string, Notifier> = {};
  for (const [channel, channelConfig] of Object.entries(config.channels)) {
    const transport = channelTransport(channel, channelConfig, sources);
    if ('unavailable' in transport) logger.warn(transport.unavailable.message, transport.unavailable.fields);
    else byChannel[channel] = transportNotifier(channel, transport);
  }
  return byChannel;
}
