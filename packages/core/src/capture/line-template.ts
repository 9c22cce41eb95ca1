/**
 * The parts of a plain CSV capture line that change from one line to the next: the payload data
 * and the event's identity and time. Everything else (content types, encodings, modes, keys, the
 * event version) is the same on every line a given endpoint writes.
 */
const SLOT_PATHS = [
  ['captureData', 'endpointInput', 'data'],
  ['captureData', 'endpointOutput', 'data'],
  ['eventMetadata', 'eventId'],
  ['eventMetadata', 'inferenceId'],
  ['eventMetadata', 'inferenceTime'],
] as const;

type SlotName = 'input' | 'output' | 'eventId' | 'inferenceId' | 'inferenceTime';
const SLOT_NAMES: readonly SlotName[] = ['input', 'output', 'eventId', 'inferenceId', 'inferenceTime'];

/** Templates kept at once: an endpoint writes one or two line shapes (with and without output). */
const MAX_TEMPLATES = 4;
/**
 * After a line gives no template (not canonical JSON: spaces after colons, escaped non-ASCII),
 * the next lines are likely the same, so learning waits for twice as many lines as the last
 * time, up to this many: a file of such lines pays for `JSON.stringify` on few of them.
 */
const MAX_LEARNING_PAUSE = 4096;

/** Where `CaptureLineTemplates.match` found the payload texts of a line. */
export interface TemplateMatch {
  inputStart: number;
  inputEnd: number;
  /** -1 when the template has no output. */
  outputStart: number;
  outputEnd: number;
}

/**
 * A capture line with its varying string values cut out: `literals[i]` precedes slot `i`, and
 * `tail` follows the last slot (each literal ends and begins with the slot's quotes).
 */
interface Template {
  literals: string[];
  slots: SlotName[];
  tail: string;
  /** Matches exactly the lines of this template (see `patternOf`). */
  pattern: RegExp;
}

/**
 * Recognises capture lines that are the same JSON text as a line already parsed, but for the
 * string values of their payload data and event metadata, and finds those values in place without
 * `JSON.parse`. A line matches only when every character outside the varying values is the
 * template's and each varying value is a JSON string without escapes or control characters, whose
 * text is then its value; such a line is valid JSON and parses to the template's object with those
 * values, so the result is exactly what parsing it would give. Templates are learned only from
 * lines that are their own `JSON.stringify` (canonical: no spaces, no duplicate or reordered keys).
 * Any other line, an escape in its data, or a changed content type falls back to parsing.
 *
 * @example
 * ```ts
 * const templates = new CaptureLineTemplates();
 * templates.learn(first, JSON.parse(first));
 * const at: TemplateMatch = { inputStart: 0, inputEnd: 0, outputStart: -1, outputEnd: 0 };
 * if (templates.match(next, at)) next.slice(at.inputStart, at.inputEnd); // the input CSV record
 * ```
 */
export class CaptureLineTemplates {
  private templates: Template[] = [];
  /** Lines to let pass before trying to learn again, and the length of the last such pause. */
  private pauseLeft = 0;
  private pause = 0;

  /**
   * Learns the shape of `line`, already parsed into `json` and found to be a plain CSV capture
   * line and not matched by a known template, unless it is not canonical JSON.
   */
  learn(line: string, json: unknown): void {
    if (this.pauseLeft > 0) {
      this.pauseLeft--;
      return;
    }
    const template = JSON.stringify(json) === line ? templateOf(json) : undefined;
    // The line itself must match what was learned from it, or the template is not used.
    const at: TemplateMatch = { inputStart: 0, inputEnd: 0, outputStart: -1, outputEnd: 0 };
    if (template === undefined || !matchTemplate(template, line, at)) {
      this.pause = Math.min(MAX_LEARNING_PAUSE, Math.max(1, 2 * this.pause));
      this.pauseLeft = this.pause;
      return;
    }
    this.pause = 0;
    this.templates.unshift(template);
    if (this.templates.length > MAX_TEMPLATES) this.templates.pop();
  }

  /**
   * Whether `line` matches a learned template with a non-empty input and eventId; if so the
   * positions of its input and output data are in `into`.
   */
  match(line: string, into: TemplateMatch): boolean {
    const templates = this.templates;
    for (let t = 0; t < templates.length; t++) {
      if (matchTemplate(templates[t] as Template, line, into)) return true;
    }
    return false;
  }
}

function matchTemplate(template: Template, line: string, into: TemplateMatch): boolean {
  if (!template.pattern.test(line)) return false;
  // The pattern has checked the whole line; each slot ends at the first quote after its start.
  const { literals, slots } = template;
  let pos = 0;
  into.outputStart = -1;
  into.outputEnd = 0;
  for (let k = 0; k < literals.length; k++) {
    const start = pos + (literals[k] as string).length;
    const end = line.indexOf('"', start);
    const slot = slots[k];
    if (slot === 'input') {
      into.inputStart = start;
      into.inputEnd = end;
    } else if (slot === 'output') {
      into.outputStart = start;
      into.outputEnd = end;
    }
    pos = end;
  }
  return true;
}

/** Regular-expression text matching `text` literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text of a JSON string with no escape and no control character, whose value it is: empty
 * allowed or not.
 */
const PLAIN_STRING_TEXT = '[^"\\\\\\x00-\\x1f]';

/** The whole-line pattern of a template: its literals, and plain string texts in its slots. */
function patternOf(literals: readonly string[], slots: readonly SlotName[], tail: string): RegExp {
  const parts = literals.map((literal, k) => {
    // A capture without input or eventId is not a plain line; an empty output is not a record.
    const required = slots[k] === 'input' || slots[k] === 'output' || slots[k] === 'eventId';
    return `${escapeRegExp(literal)}${PLAIN_STRING_TEXT}${required ? '+' : '*'}`;
  });
  return new RegExp(`^${parts.join('')}${escapeRegExp(tail)}$`);
}

/** The template of a canonical plain CSV line's parsed object, or undefined if it has no input slot. */
function templateOf(json: unknown): Template | undefined {
  const copy = structuredClone(json) as Record<string, unknown>;
  const markers = new Map<string, SlotName>();
  SLOT_PATHS.forEach((path, i) => {
    let node: unknown = copy;
    for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
    const last = path[path.length - 1] as string;
    if (
      node === null ||
      typeof node !== 'object' ||
      typeof (node as Record<string, unknown>)[last] !== 'string'
    )
      return;
    // A control character cannot occur unescaped in JSON text, so the marker never collides.
    const marker = `\u0000slot${i}\u0000`;
    (node as Record<string, unknown>)[last] = marker;
    markers.set(JSON.stringify(marker).slice(1, -1), SLOT_NAMES[i] as SlotName);
  });
  const text = JSON.stringify(copy);
  const found = [...markers].map(([marker, slot]) => ({ slot, marker, at: text.indexOf(marker) }));
  const once = (f: { marker: string; at: number }) => f.at !== -1 && text.indexOf(f.marker, f.at + 1) === -1;
  if (!found.some((f) => f.slot === 'input') || !found.every(once)) return undefined;
  found.sort((a, b) => a.at - b.at);
  const literals: string[] = [];
  let pos = 0;
  for (const { marker, at } of found) {
    literals.push(text.slice(pos, at));
    pos = at + marker.length;
  }
  const slots = found.map((f) => f.slot);
  const tail = text.slice(pos);
  return { literals, slots, tail, pattern: patternOf(literals, slots, tail) };
}
