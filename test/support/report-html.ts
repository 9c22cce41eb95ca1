// Reading a rendered report.html back in tests: its charts, bars, table rows, links and tags.

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Text from HTML text or an attribute value, entities decoded. */
export const unescapeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/** Every inline SVG chart. */
export const chartsOf = (html: string): string[] => html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];

/** One bar of a chart, as its data attributes say. */
export interface Bar {
  series: string;
  lo?: number;
  hi?: number;
  share?: number;
  category?: string;
  value?: number;
}

/** The bars of one chart. */
export function barsOf(svg: string): Bar[] {
  return [...svg.matchAll(/<rect class="bar"([^>]*)>/g)].map((m) => {
    const attr = (name: string) => m[1]?.match(new RegExp(`data-${name}="([^"]*)"`))?.[1];
    const number = (name: string) => (attr(name) === undefined ? undefined : Number(attr(name)));
    const category = attr('category');
    return {
      series: attr('series') ?? '',
      lo: number('lo'),
      hi: number('hi'),
      share: number('share'),
      value: number('value'),
      category: category === undefined ? undefined : unescapeHtml(category),
    };
  });
}

/** The edges a numeric chart says it binned on. */
export const edgesOf = (svg: string): number[] =>
  (svg.match(/data-edges="([^"]*)"/)?.[1] ?? '').split(' ').filter(Boolean).map(Number);

/** Texts of the chart's elements of one class (x-tick, y-tick, x-title, y-title). */
export const textsOf = (svg: string, cls: string): string[] =>
  [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) =>
    unescapeHtml(m[1] ?? ''),
  );

/** Table rows by name → verdict (`ok`, `drift`, `violation`, `not checked`). */
export function verdictsOf(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<tr class="[^"]*" data-name="([^"]*)" data-verdict="([^"]*)">/g)].map((m) => [
      unescapeHtml(m[1] ?? ''),
      m[2] ?? '',
    ]),
  );
}

/** The hrefs of every link. */
export const hrefsOf = (html: string): string[] =>
  [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => unescapeHtml(m[1] ?? ''));

/** Every HTML tag the text holds, by name. */
export const tagNames = (html: string): string[] =>
  [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]?.toLowerCase() ?? '');

/** The plain-words violations list items, as text. */
export const violationItemsOf = (html: string): string[] =>
  [...html.matchAll(/<ul class="violations">([\s\S]*?)<\/ul>/g)]
    .flatMap((m) => [...(m[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)])
    .map((m) => unescapeHtml((m[1] ?? '').replace(/<[^>]+>/g, '')));
