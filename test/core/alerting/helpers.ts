import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Alert, Clock, MetricDatum, MetricSink, MonitoringExecutionDetail, Notifier } from '@vigil/core';
import { AlertDeliveryError } from '@vigil/core/alerting';

const alarmFixture = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../../../shared/fixtures/events/cloudwatch-alarm-state-change.json', import.meta.url),
    ),
    'utf8',
  ),
);

/** The fixture alarm event, renamed and moved: `state` at `at`, its datapoint window starting at `windowStart`. */
export function alarmEvent(
  name: string,
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
  previous: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
  at: string,
  options: { value?: number; threshold?: number; windowStart?: string; id?: string } = {},
) {
  const event = structuredClone(alarmFixture);
  event.id = options.id ?? `${name}-${state}-${at}`;
  event.time = at;
  event.resources = [`arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`];
  event.detail.alarmName = name;
  event.detail.previousState.value = previous;
  event.detail.state.value = state;
  event.detail.state.timestamp = at.replace('Z', '+0000');
  event.detail.state.reason = `Threshold Crossed: test ${state}`;
  event.detail.state.reasonData = JSON.stringify({
    version: '1.0',
    startDate: (options.windowStart ?? `${at.slice(0, 13)}:00:00.000Z`).replace('Z', '+0000'),
    recentDatapoints: [options.value ?? 0.31],
    threshold: options.threshold ?? 0.1,
  });
  return event;
}

/** A "Vigil Monitoring Execution" EventBridge event for the churn-prod data-quality monitor. */
export function executionEvent(
  scheduledTime: string,
  status: MonitoringExecutionDetail['status'],
  overrides: Partial<MonitoringExecutionDetail> = {},
) {
  const hour = new Date(scheduledTime);
  const detail: MonitoringExecutionDetail = {
    endpointName: 'churn-prod',
    variantName: 'AllTraffic',
    monitoringScheduleName: 'churn-prod-data-quality',
    monitoringType: 'DataQuality',
    status,
    scheduledTime,
    windowStart: new Date(hour.getTime() - 3_600_000).toISOString(),
    windowEnd: scheduledTime,
    reportUri: `s3://vigil-bucket/reports/churn-prod/data-quality/${scheduledTime.slice(0, 4)}/${scheduledTime.slice(5, 7)}/${scheduledTime.slice(8, 10)}/${scheduledTime.slice(11, 13)}/`,
    violationCount: status === 'CompletedWithViolations' ? 2 : 0,
    violations:
      status === 'CompletedWithViolations'
        ? [
            {
              subject: 'age',
              checkType: 'baseline_drift_check',
              description: 'Baseline drift distance 0.31 exceeds threshold 0.1',
            },
            { subject: 'plan', checkType: 'data_type_check', description: 'Data type match 0.9 below 1.0' },
          ]
        : [],
    metrics: {},
    skipped: [],
    recordCount: 500,
    ...(status === 'Failed' ? { failureReason: 'Baseline statistics.json does not parse' } : {}),
    ...overrides,
  };
  return {
    version: '0',
    id: `run-${scheduledTime}-${status}`,
    'detail-type': 'Vigil Monitoring Execution',
    source: 'vigil',
    // EventBridge fills these in on every event it delivers.
    account: '123456789012',
    time: scheduledTime,
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

/** A notifier that keeps what it was sent and can be told to fail. */
export class RecordingNotifier implements Notifier {
  readonly sent: Alert[] = [];
  failuresLeft = 0;

  constructor(readonly channel: string) {}

  async send(alert: Alert): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new AlertDeliveryError(`${this.channel} answered 503`, {
        channel: this.channel,
        retryable: true,
      });
    }
    this.sent.push(alert);
  }
}

/** A clock the test moves. */
export class MovingClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

/** A metric sink that keeps what it was given. */
export class RecordingSink implements MetricSink {
  readonly data: MetricDatum[] = [];
  async publish(metrics: readonly MetricDatum[]): Promise<void> {
    this.data.push(...metrics);
  }
}
