/** One condition of an EventBridge pattern array. */
export type PatternCondition =
  | string
  | number
  | boolean
  | null
  | { prefix: string }
  | { suffix: string }
  | { 'equals-ignore-case': string }
  | { exists: boolean }
  | { 'anything-but': string | number | (string | number)[] | { prefix: string } | { suffix: string } }
  | { numeric: (string | number)[] };

/** An EventBridge event pattern: fields map to condition arrays or to nested patterns. */
export interface EventPattern {
  [field: string]: PatternCondition[] | EventPattern;
}

/**
 * Whether `event` matches an EventBridge event pattern, with EventBridge's rules: every field of
 * the pattern must match; an array lists alternatives; an array in the event matches when any of
 * its elements does; nested objects match nested fields. Supported conditions: exact values,
 * `prefix`, `suffix`, `equals-ignore-case`, `exists`, `anything-but` and `numeric`.
 *
 * @example
 * ```ts
 * matchesPattern({ source: ['aws.s3'], detail: { object: { key: [{ prefix: 'capture/' }] } } }, event); // true
 * ```
 */
export function matchesPattern(
  pattern: EventPattern | Readonly<Record<string, unknown>>,
  event: unknown,
): boolean {
  if (!isObject(event)) return false;
  for (const [field, expected] of Object.entries(pattern)) {
    const present = Object.hasOwn(event, field);
    const actual = present ? event[field] : undefined;
    if (Array.isArray(expected)) {
      if (!matchesConditions(expected as PatternCondition[], present, actual)) return false;
    } else if (!isObject(expected) || !present || !matchesPattern(expected, actual)) {
      return false;
    }
  }
  return true;
}

function matchesConditions(conditions: PatternCondition[], present: boolean, actual: unknown): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return conditions.some((condition) => {
    if (isObject(condition) && 'exists' in condition)
      return condition.exists === (present && actual !== null);
    if (!present) return false;
    return values.some((value) => matchesCondition(condition, value));
  });
}

function matchesCondition(condition: PatternCondition, value: unknown): boolean {
  if (!isObject(condition)) return condition === value;
  if ('prefix' in condition) return typeof value === 'string' && value.startsWith(condition.prefix);
  if ('suffix' in condition) return typeof value === 'string' && value.endsWith(condition.suffix);
  if ('equals-ignore-case' in condition) {
    return typeof value === 'string' && value.toLowerCase() === condition['equals-ignore-case'].toLowerCase();
  }
  if ('anything-but' in condition) {
    const excluded = condition['anything-but'];
    if (Array.isArray(excluded)) return !excluded.includes(value as string | number);
    if (isObject(excluded)) return !matchesCondition(excluded as PatternCondition, value);
    return value !== excluded;
  }
  if ('numeric' in condition) return typeof value === 'number' && matchesNumeric(condition.numeric, value);
  return false;
}

function matchesNumeric(spec: (string | number)[], value: number): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const operator = spec[i];
    const bound = Number(spec[i + 1]);
    const ok =
      operator === '<'
        ? value < bound
        : operator === '<='
          ? value <= bound
          : operator === '>'
            ? value > bound
            : operator === '>='
              ? value >= bound
              : operator === '='
                ? value === bound
                : false;
    if (!ok) return false;
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
