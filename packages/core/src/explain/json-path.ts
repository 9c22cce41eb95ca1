/**
 * Evaluates the subset of JMESPath that Clarify configs use to address model outputs and dataset
 * fields: dotted names (`a.b`), indexes (`a[0]`, negative from the end), and projections
 * (`predictions[*].score`, `[*]`). A missing step yields undefined.
 *
 * @example
 * ```ts
 * evaluatePath({ predictions: [{ score: 0.3 }, { score: 0.8 }] }, 'predictions[*].score'); // [0.3, 0.8]
 * ```
 */
export function evaluatePath(value: unknown, path: string): unknown {
  return apply(value, tokenize(path));
}

type Token = { name: string } | { index: number } | { project: true };

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /([^.[\]]+)|\[(-?\d+|\*)\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push({ name: match[1].replace(/^"|"$/g, '') });
    else if (match[2] === '*') tokens.push({ project: true });
    else tokens.push({ index: Number(match[2]) });
  }
  return tokens;
}

function apply(value: unknown, tokens: Token[]): unknown {
  let current = value;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (current === undefined || current === null) return undefined;
    if ('project' in token) {
      if (!Array.isArray(current)) return undefined;
      const rest = tokens.slice(t + 1);
      return current.map((item) => apply(item, rest)).filter((item) => item !== undefined);
    }
    if ('index' in token) {
      if (!Array.isArray(current)) return undefined;
      current = current[token.index < 0 ? current.length + token.index : token.index];
    } else {
      if (typeof current !== 'object' || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[token.name];
    }
  }
  return current;
}
