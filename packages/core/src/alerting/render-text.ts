import type { Alert } from '../ports/notifier.ts';
import { alertWindow, signalLine } from './alert-format.ts';

/**
 * An alert as plain text: SNS messages, the local outbox, stdout and the text part of emails.
 *
 * @example
 * ```ts
 * console.log(renderAlertText(alert));
 * ```
 */
export function renderAlertText(alert: Alert): string {
  const window = alertWindow(alert);
  const lines = [
    alert.title,
    '',
    `Endpoint:       ${alert.endpoint}${alert.variant ? ` / ${alert.variant}` : ''}`,
    `Model package:  ${alert.modelPackageArn ?? 'unknown'}`,
    `Severity:       ${alert.severity}`,
    `State:          ${alert.transition.from} → ${alert.transition.to}`,
    ...(window ? [`Window:         ${window}`] : []),
    `Action taken:   ${alert.actionTaken}`,
    '',
    'Signals:',
    ...alert.signals.map((s) => `  - [${s.state}] ${s.source}: ${signalLine(s)}\n    ${s.summary}`),
    '',
    ...(alert.reportUri ? [`Report:  ${alert.reportUri}`] : []),
    ...(alert.runbookUrl ? [`Runbook: ${alert.runbookUrl}`] : []),
    ...alert.notes.map((n) => `Note: ${n}`),
    `Incident ${alert.incidentId} · alert ${alert.id}${alert.eventId ? ` · event ${alert.eventId}` : ''} · ${alert.at}`,
  ];
  return lines.join('\n');
}

/**
 * A one-line, ASCII subject for email and SNS (SNS takes fewer than 100 characters, no line breaks).
 *
 * @example
 * ```ts
 * alertSubject(alert, 99); // '[FIRING] churn-prod: feature_baseline_drift_age = 0.31 > 0.1'
 * ```
 */
export function alertSubject(alert: Alert, maxLength = 200): string {
  const ascii = alert.title
    .replace(/→/g, '->')
    .replace(/—/g, '-')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= maxLength ? ascii : `${ascii.slice(0, maxLength - 3)}...`;
}
