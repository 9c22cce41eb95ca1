export { escapeHtml, safeHref } from './html.ts';
export { escapeMarkdown } from './markdown.ts';
export { escapeMrkdwn } from './mrkdwn.ts';
export { printable } from './text.ts';
