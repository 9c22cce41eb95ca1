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

/** Prints any card-style document as Markdown. */
export function documentMarkdown(doc: CardDocument): string {
  const out: string[] = [`# ${doc.title}`, '', `_${doc.subtitle}_`, ''];
  for (const section of doc.sections) {
    out.push(`## ${section.heading}`, '');
    for (const block of section.blocks) out.push(...markdownBlock(block));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Prints any card-style document as self-contained HTML. */
export function documentHtml(doc: CardDocument): string {
  const body = doc.sections
    .map((s) => `<section>\n<h2>${esc(s.heading)}</h2>\n${s.blocks.map(htmlBlock).join('\n')}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(doc.title)}</title>
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
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(doc.subtitle)}</p>
${body}
</body>
</html>
`;
}

function markdownBlock(block: DocumentBlock): string[] {
  switch (block.kind) {
    case 'subheading':
      return [`### ${block.text}`, ''];
    case 'text':
      return [block.text, ''];
    case 'fields':
      return block.rows.length
        ? [...block.rows.map(([k, v]) => `- **${k}:** ${mdCell(v)}`), '']
        : ['_Not provided._', ''];
    case 'table':
      return [
        `| ${block.header.map(mdCell).join(' | ')} |`,
        `| ${block.header.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(mdTableCell).join(' | ')} |`),
        '',
      ];
  }
}

function htmlBlock(block: DocumentBlock): string {
  switch (block.kind) {
    case 'subheading':
      return `<h3>${esc(block.text)}</h3>`;
    case 'text':
      return `<p>${esc(block.text)}</p>`;
    case 'fields':
      return block.rows.length
        ? `<dl>${block.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`
        : '<p class="empty">Not provided.</p>';
    case 'table':
      return `<table><thead><tr>${block.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

function mdTableCell(cell: DocumentCell): string {
  if (typeof cell === 'string') return mdCell(cell);
  return `[${mdCell(cell.text)}](${encodeURI(cell.href).replace(/\)/g, '%29')})`;
}

function htmlCell(cell: DocumentCell): string {
  if (typeof cell === 'string') return esc(cell);
  return `<a href="${esc(encodeURI(cell.href))}">${esc(cell.text)}</a>`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
