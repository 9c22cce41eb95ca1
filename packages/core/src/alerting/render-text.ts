import { printable } from '../escape/text.ts';
import type { Alert } from '../ports/notifier.ts';
import { alertWindow, signalLine } from './alert-format.ts';

/**
 * An alert as plain text: SNS messages, the local outbox, stdout and the text part of emails.
 * Untrusted values go through `printable`, so a name cannot carry terminal escape sequences or
 * line breaks that forge lines of the message.
 *
 * @example
 * ```ts
 * console.log(renderAlertText(alert));
 * ```
 */
export function renderAlertText(alert: Alert): string {
  const window = alertWindow(alert);
  const p = printable;
  const lines = [
    p(alert.title),
    '',
    `Endpoint:       ${p(alert.endpoint)}${alert.variant ? ` / ${p(alert.variant)}` : ''}`,
    `Model package:  ${p(alert.modelPackageArn ?? 'unknown')}`,
    `Severity:       ${p(alert.severity)}`,
    `State:          ${p(alert.transition.from)} → ${p(alert.transition.to)}`,
    ...(window ? [`Window:         ${p(window)}`] : []),
    `Action taken:   ${p(alert.actionTaken)}`,
    '',
    'Signals:',
    ...alert.signals.map(
      (s) => `  - [${p(s.state)}] ${p(s.source)}: ${p(signalLine(s))}\n    ${p(s.summary)}`,
    ),
    '',
    ...(alert.reportUri ? [`Report:  ${p(alert.reportUri)}`] : []),
    ...(alert.runbookUrl ? [`Runbook: ${p(alert.runbookUrl)}`] : []),
    ...alert.notes.map((n) => `Note: ${p(n)}`),
    p(
      `Incident ${alert.incidentId} · alert ${alert.id}${alert.eventId ? ` · event ${alert.eventId}` : ''} · ${alert.at}`,
    ),
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
