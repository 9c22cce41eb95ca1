import { escapeHtml, safeHref } from '../escape/html.ts';
import type { Alert } from '../ports/notifier.ts';
import { alertWindow, signalLine } from './alert-format.ts';
import { alertSubject, renderAlertText } from './render-text.ts';

/** An email: ASCII subject, text and HTML bodies. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/**
 * An alert as an email (SES v2 Simple content): the subject is ASCII and one line, the text
 * part is `renderAlertText`, the HTML part a small table with every untrusted value escaped.
 *
 * @example
 * ```ts
 * const { subject, text, html } = renderEmail(alert);
 * ```
 */
export function renderEmail(alert: Alert): EmailMessage {
  const window = alertWindow(alert);
  const color =
    alert.status === 'resolved' ? '#2e7d32' : alert.severity === 'critical' ? '#c62828' : '#ef6c00';
  const rows: [string, string][] = [
    ['Endpoint', `${alert.endpoint}${alert.variant ? ` / ${alert.variant}` : ''}`],
    ['Model package', alert.modelPackageArn ?? 'unknown'],
    ['Severity', alert.severity],
    ['State', `${alert.transition.from} → ${alert.transition.to}`],
    ...(window ? [['Window', window] as [string, string]] : []),
    ['Action taken', alert.actionTaken],
  ];
  const links = [
    ...(alert.reportUri ? [linkHtml(alert.reportUri, 'Report')] : []),
    ...(alert.runbookUrl ? [linkHtml(alert.runbookUrl, 'Runbook')] : []),
  ];
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2 style="color:${color}">${escapeHtml(alert.title)}</h2>`,
    '<table cellpadding="4">',
    ...rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    '<h3>Signals</h3><ul>',
    ...alert.signals.map(
      (s) =>
        `<li><b>${escapeHtml(s.source)}</b> (${escapeHtml(s.state)}): <code>${escapeHtml(signalLine(s))}</code><br>${escapeHtml(s.summary)}</li>`,
    ),
    '</ul>',
    ...(links.length ? [`<p>${links.join(' · ')}</p>`] : []),
    ...alert.notes.map((n) => `<p><i>${escapeHtml(n)}</i></p>`),
    `<p style="color:#777;font-size:small">Incident ${escapeHtml(alert.incidentId)} · alert ${escapeHtml(alert.id)}${
      alert.eventId ? ` · event ${escapeHtml(alert.eventId)}` : ''
    } · ${escapeHtml(alert.at)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: alertSubject(alert), text: renderAlertText(alert), html };
}

function linkHtml(url: string, label: string): string {
  const href = safeHref(url);
  return href ? `<a href="${href}">${label}</a>` : `${label}: ${escapeHtml(url)}`;
}
