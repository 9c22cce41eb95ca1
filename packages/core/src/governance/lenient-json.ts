const decoder = new TextDecoder();

/**
 * Parses report JSON as SageMaker and Clarify write it: standard JSON, or Python's `json` output
 * with bare `NaN`, `Infinity` and `-Infinity` tokens (which `JSON.parse` refuses). Those tokens
 * become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`, as Model Monitor itself writes them.
 *
 * @example
 * ```ts
 * parseLenientJson('{"value": NaN}'); // { value: 'NaN' }
 * ```
 */
export function parseLenientJson(input: string | Uint8Array): unknown {
  const text = typeof input === 'string' ? input : decoder.decode(input);
  try {
    return JSON.parse(text);
  } catch (error) {
    const quoted = quoteNonFiniteTokens(text);
    if (quoted === text) throw error;
    return JSON.parse(quoted);
  }
}

/** A JSON number, or a numeric string such as `"NaN"` or `"Infinity"`, as a number; otherwise undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) && value !== 'NaN' ? undefined : n;
  }
  return undefined;
}

function quoteNonFiniteTokens(text: string): string {
  // Walk the text so that tokens inside strings stay untouched.
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const token = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (token) {
      out += `"${token[1]}"`;
      i += token[1]!.length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}
