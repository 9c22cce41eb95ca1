import { escapeMrkdwn } from '../escape/mrkdwn.ts';
import type { Alert } from '../ports/notifier.ts';
import { alertWindow, signalLine } from './alert-format.ts';

/** Slack's limits (Block Kit reference): header text, section text, field text, fields, blocks. */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  blocks: 50,
  contextElements: 10,
  /** Slack rejects long messages (`msg_blocks_too_long`) well before 50 full blocks; stay under it. */
  totalChars: 12_000,
} as const;

/** The most signals shown one by one; the rest are counted. */
const MAX_SIGNAL_BLOCKS = 10;
/** Per-signal and per-note text caps, so ten signals and the notes fit in the total size. */
const MAX_SIGNAL_TEXT = 1000;
const MAX_NOTE_TEXT = 300;

/** An incoming-webhook message: fallback text plus Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * A mrkdwn text object. `verbatim: true` stops Slack from turning bare URLs, channel names and
 * mentions in it into links or pings; Vigil's own links use the explicit `<url|label>` form.
 */
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}

/** The Block Kit blocks Vigil uses. */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text?: MrkdwnText; fields?: MrkdwnText[] }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' };

const STATUS_ICON = { firing: ':red_circle:', resolved: ':large_green_circle:' } as const;

/**
 * An alert as a Slack incoming-webhook payload (Block Kit), within Slack's limits: header ≤150
 * characters, ≤10 fields of ≤2000, sections ≤3000, ≤50 blocks, and about 12 000 characters in
 * all. Untrusted text goes through `escapeMrkdwn` and every text object is `verbatim`, so a
 * feature named `<!channel>`, `*bold*` or `http://x` pings, formats and links nothing.
 *
 * @example
 * ```ts
 * await fetch(webhookUrl, { method: 'POST', body: JSON.stringify(renderSlackMessage(alert)) });
 * ```
 */
export function renderSlackMessage(alert: Alert): SlackMessage {
  let shown = Math.min(alert.signals.length, MAX_SIGNAL_BLOCKS);
  let message = buildMessage(alert, shown);
  // Long summaries can still exceed Slack's total size: show fewer signals, count the rest.
  while (shown > 1 && JSON.stringify(message.blocks).length > SLACK_LIMITS.totalChars) {
    shown--;
    message = buildMessage(alert, shown);
  }
  return message;
}

function buildMessage(alert: Alert, shownSignals: number): SlackMessage {
  const window = alertWindow(alert);
  const fields = [
    field('Endpoint / variant', `${alert.endpoint}${alert.variant ? ` / ${alert.variant}` : ''}`),
    field('Model package', alert.modelPackageArn ?? 'unknown'),
    field('Severity', alert.severity),
    field('State', `${alert.transition.from} → ${alert.transition.to}`),
    ...(window ? [field('Window', window)] : []),
    field('Action taken', alert.actionTaken),
  ].slice(0, SLACK_LIMITS.fields);
  const signalBlocks: SlackBlock[] = alert.signals.slice(0, shownSignals).map((s) => ({
    type: 'section',
    text: mrkdwn(
      clip(
        `*${escapeMrkdwn(s.source)}* (${escapeMrkdwn(s.state)})\n\`${escapeMrkdwn(signalLine(s))}\`\n${escapeMrkdwn(s.summary)}`,
        MAX_SIGNAL_TEXT,
      ),
    ),
  }));
  const hidden = alert.signals.length - shownSignals;
  const links = [
    ...(alert.reportUri ? [link(alert.reportUri, 'Report')] : []),
    ...(alert.runbookUrl ? [link(alert.runbookUrl, 'Runbook')] : []),
  ];
  const context = [
    ...alert.notes
      .slice(0, SLACK_LIMITS.contextElements - 2)
      .map((n) => clip(escapeMrkdwn(n), MAX_NOTE_TEXT)),
    ...(hidden > 0 ? [`${hidden} more signal${hidden === 1 ? '' : 's'} in the report`] : []),
    clip(
      escapeMrkdwn(
        `incident ${alert.incidentId} · alert ${alert.id}${alert.eventId ? ` · event ${alert.eventId}` : ''} · ${alert.at}`,
      ),
      MAX_NOTE_TEXT,
    ),
  ].map(mrkdwn);
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clip(`${STATUS_ICON[alert.status]} ${alert.title}`, SLACK_LIMITS.headerText),
        emoji: true,
      },
    },
    { type: 'section', fields },
    { type: 'divider' },
    ...signalBlocks,
    ...(links.length ? [{ type: 'section' as const, text: mrkdwn(links.join(' · ')) }] : []),
    { type: 'context', elements: context },
  ];
  return { text: clip(escapeMrkdwn(alert.title), SLACK_LIMITS.sectionText), blocks };
}

function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text, verbatim: true };
}

function field(label: string, value: string): MrkdwnText {
  return mrkdwn(clip(`*${label}*\n${escapeMrkdwn(value)}`, SLACK_LIMITS.fieldText));
}

/**
 * A mrkdwn link; `|` and `>` would end it early, so URLs with them are shown as text. Slack reads
 * `&` in a link as the start of an entity, so it is written `&amp;`.
 */
function link(url: string, label: string): string {
  return /^https?:\/\/[^\s|<>]+$/.test(url)
    ? `<${url.replace(/&/g, '&amp;')}|${label}>`
    : `${label}: ${escapeMrkdwn(url)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
