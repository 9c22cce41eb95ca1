import { InputError } from '../errors/vigil-error.ts';

type Step = string | number;

const cache = new Map<string, Step[]>();

/**
 * Reads a value from parsed JSON by path, as SageMaker's inference_attribute / probability_attribute
 * address JSON outputs: `score`, `$.score`, `predictions[0].score`, `$['predicted label']`,
 * `probabilities[1]`. Returns undefined when the path leads nowhere.
 *
 * @throws InputError when the path itself cannot be read (a configuration mistake, not bad data).
 * @example
 * ```ts
 * jsonPathValue({ predictions: [{ score: 0.9 }] }, 'predictions[0].score'); // 0.9
 * ```
 */
export function jsonPathValue(value: unknown, path: string): unknown {
  let current = value;
  for (const step of jsonPathSteps(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/** The steps of a JSON path, parsed once per distinct path. */
export function jsonPathSteps(path: string): readonly Step[] {
  let steps = cache.get(path);
  if (!steps) {
    steps = parsePath(path);
    cache.set(path, steps);
  }
  return steps;
}

function parsePath(path: string): Step[] {
  const fail = (why: string) =>
    new InputError(
      `JSON path "${path}" ${why}: write it as score, $.score, predictions[0].score or $['a key']`,
    );
  const steps: Step[] = [];
  let i = 0;
  if (path.startsWith('$')) i = 1;
  else if (path.length > 0 && path[0] !== '[') i = -1; // a bare first name, as in `score`
  while (i < path.length) {
    if (i === -1 || path[i] === '.') {
      const start = i + 1;
      let end = start;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      if (end === start) throw fail('has an empty name');
      steps.push(path.slice(start, end));
      i = end;
    } else if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close === -1) throw fail('has an unclosed [');
      const inside = path.slice(i + 1, close).trim();
      if (/^\d+$/.test(inside)) steps.push(Number(inside));
      else if (/^'[^']*'$|^"[^"]*"$/.test(inside)) steps.push(inside.slice(1, -1));
      else throw fail(`has [${inside}], which is neither an index nor a quoted name`);
      i = close + 1;
    } else {
      throw fail(`has an unexpected "${path[i]}"`);
    }
  }
  return steps;
}
