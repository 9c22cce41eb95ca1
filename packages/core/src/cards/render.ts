import { escapeHtml } from '../escape/html.ts';
import { escapeMarkdown } from '../escape/markdown.ts';
import type { StoredModelCard } from '../ports/model-card-store.ts';
import {
  type CardDocument,
  type CardDocumentHistory,
  cardDocument,
  type DocumentBlock,
  type DocumentCell,
} from './document.ts';

/**
 * The card as Markdown, with its approval history and monitoring results.
 *
 * @example
 * ```ts
 * await writeFile('churn-v3.md', renderCardMarkdown(card, { auditRecords }));
 * ```
 */
export function renderCardMarkdown(card: StoredModelCard, history: CardDocumentHistory = {}): string {
  return documentMarkdown(cardDocument(card, history));
}

/**
 * The card as one self-contained HTML page (inline CSS, no scripts, no external resources),
 * laid out to print to PDF from a browser.
 *
 * @example
 * ```ts
 * await writeFile('churn-v3.html', renderCardHtml(card, { auditRecords }));
 * ```
 */
export function renderCardHtml(card: StoredModelCard, history: CardDocumentHistory = {}): string {
  return documentHtml(cardDocument(card, history));
}

/**
 * Prints any card-style document as Markdown. Every value goes through `escapeMarkdown`, so card
 * fields written by anyone with access to the registry cannot inject HTML, links or structure.
 */
export function documentMarkdown(doc: CardDocument): string {
  const md = escapeMarkdown;
  const out: string[] = [`# ${md(doc.title)}`, '', `_${md(doc.subtitle)}_`, ''];
  for (const section of doc.sections) {
    out.push(`## ${md(section.heading)}`, '');
    for (const block of section.blocks) out.push(...markdownBlock(block));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Prints any card-style document as self-contained HTML; every value goes through `escapeHtml`. */
export function documentHtml(doc: CardDocument): string {
  const body = doc.sections
    .map(
      (s) =>
        `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(htmlBlock).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(doc.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #333;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin-top:1.2rem}.subtitle{color:#555;font-style:italic}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.85rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}
td{overflow-wrap:break-word}th{background:#eee;word-break:normal;overflow-wrap:normal;hyphens:none}dl{display:grid;grid-template-columns:minmax(10rem,max-content) minmax(0,1fr);gap:.2rem .8rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0;word-break:break-word}
.empty{color:#777}
@media print{body{margin:0;max-width:none}section{break-inside:avoid-page}h2{break-after:avoid}}
</style>
</head>
<body>
<h1>${escapeHtml(doc.title)}</h1>
<p class="subtitle">${escapeHtml(doc.subtitle)}</p>
${body}
</body>
</html>
`;
}

function markdownBlock(block: DocumentBlock): string[] {
  switch (block.kind) {
    case 'subheading':
      return [`### ${escapeMarkdown(block.text)}`, ''];
    case 'text':
      return [escapeMarkdown(block.text), ''];
    case 'fields':
      return block.rows.length
        ? [...block.rows.map(([k, v]) => `- **${escapeMarkdown(k)}:** ${escapeMarkdown(v)}`), '']
        : ['_Not provided._', ''];
    case 'table':
      return [
        `| ${block.header.map(escapeMarkdown).join(' | ')} |`,
        `| ${block.header.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(mdTableCell).join(' | ')} |`),
        '',
      ];
  }
}

function htmlBlock(block: DocumentBlock): string {
  switch (block.kind) {
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'text':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'fields':
      return block.rows.length
        ? `<dl>${block.rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`
        : '<p class="empty">Not provided.</p>';
    case 'table':
      return `<table><thead><tr>${block.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

/** A link's target is Vigil's own (a path inside the export bundle), so only its text is untrusted. */
function mdTableCell(cell: DocumentCell): string {
  if (typeof cell === 'string') return escapeMarkdown(cell);
  return `[${escapeMarkdown(cell.text)}](${encodeURI(cell.href).replace(/\)/g, '%29')})`;
}

function htmlCell(cell: DocumentCell): string {
  if (typeof cell === 'string') return escapeHtml(cell);
  return `<a href="${escapeHtml(encodeURI(cell.href))}">${escapeHtml(cell.text)}</a>`;
}
