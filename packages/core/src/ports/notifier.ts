/** Whether an alert announces a problem or its end. */
export type AlertStatus = 'firing' | 'resolved';

/** How urgent an alert is: `critical` pages, `warning` waits for working hours. */
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** One thing that crossed (or stopped crossing) a threshold: an alarm, or a monitor run. */
export interface AlertSignal {
  /** The alarm name, or `<monitor> run` for a monitoring execution. */
  source: string;
  /** The metric or check, e.g. `feature_baseline_drift_age`, `recall`, `vigil_violations`. */
  metric: string;
  /** The observed value, when there is one. */
  value?: number;
  threshold?: number;
  /** CloudWatch's comparison operator, e.g. `GreaterThanThreshold`. */
  comparison?: string;
  /** The baseline value the threshold derives from, when known. */
  baseline?: number;
  /** `ALARM`, `OK`, `INSUFFICIENT_DATA`, or a monitoring execution status. */
  state: string;
  previousState?: string;
  /** One sentence: what happened, in the source's words. */
  summary: string;
  /** The evaluated window or period, ISO UTC. */
  window?: { start: string; end: string };
  /** Where the run's report is, when the signal comes from a monitor run. */
  reportUri?: string;
}

/**
 * One message a person can act on: what, where, how much, since when, and what Vigil already
 * did about it. Channels render it (Slack Block Kit, email text + HTML, SNS text).
 */
export interface Alert {
  /** Unique per message; deliveries and dead letters are keyed by it. */
  id: string;
  /** The incident this message belongs to: the alarms of one endpoint and run. */
  incidentId: string;
  status: AlertStatus;
  severity: AlertSeverity;
  /** One line, e.g. `Model drift on churn-prod: 2 guardrails in ALARM`. */
  title: string;
  endpoint: string;
  variant?: string;
  modelPackageArn?: string;
  /** Every signal of the incident, the newest first. */
  signals: AlertSignal[];
  /** The state change that caused this message, e.g. `OK → ALARM`. */
  transition: { from: string; to: string };
  reportUri?: string;
  runbookUrl?: string;
  /** What Vigil did: `none`, `rolled back to config X`, `SageMaker guardrails are rolling back`. */
  actionTaken: string;
  /** Extra lines: repeats suppressed, flapping, where a dead letter is. */
  notes: string[];
  /** When the message was built, ISO UTC. */
  at: string;
  /** The EventBridge event id that caused it, for correlation. */
  eventId?: string;
}

/**
 * Delivers alerts to one channel (a Slack webhook, an email list, an SNS topic, the local
 * outbox). Throws `AlertDeliveryError` when the channel refused or could not be reached.
 *
 * @example
 * ```ts
 * await notifier.send(alert);
 * ```
 */
export interface Notifier {
  /** The channel's name in the configuration, e.g. `oncall-slack`. */
  readonly channel: string;
  send(alert: Alert): Promise<void>;
}
