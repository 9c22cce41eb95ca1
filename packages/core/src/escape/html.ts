const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Untrusted text as HTML text or a quoted attribute value: `& < > " '` become entities, so a
 * name like `<img src=x onerror=alert(1)>` is shown, never parsed. The one HTML escaper every
 * Vigil page (reports, model cards, emails, SVG labels) uses.
 *
 * @example
 * ```ts
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * A URL for an `href`, escaped, when it is http(s); undefined otherwise, so `javascript:` and
 * other schemes never become links.
 *
 * @example
 * ```ts
 * safeHref('https://runbooks.example.com/a?b=1&c=2'); // 'https://runbooks.example.com/a?b=1&amp;c=2'
 * safeHref('javascript:alert(1)'); // undefined
 * ```
 */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s<>"']+$/i.test(url) ? escapeHtml(url) : undefined;
}
