import { InputError } from '../errors/vigil-error.ts';
import type { JsonOut } from './jackson.ts';

/** Options of {@link parseJson}. */
export interface ParseJsonOptions {
  /** Integer literals (no fraction, no exponent) become `bigint`, so a round trip keeps `0` apart from `0.0`. */
  integersAsBigInt?: boolean;
}

/**
 * Parses JSON as SageMaker and Clarify write it, which is more than `JSON.parse` accepts: Python's
 * `json` writes bare `NaN`, `Infinity` and `-Infinity`. With `integersAsBigInt`, integer literals
 * come back as `bigint` so that {@link toJacksonJson} / {@link toPythonJson} reproduce the input.
 *
 * @example
 * ```ts
 * parseJson('{"value": Infinity, "n": 3}', { integersAsBigInt: true }); // { value: Infinity, n: 3n }
 * ```
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): JsonOut {
  const parser = new Parser(text, options.integersAsBigInt ?? false);
  const value = parser.value();
  parser.end();
  return value;
}

class Parser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly bigInts: boolean,
  ) {}

  value(): JsonOut {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === 'N') return this.literal('NaN', Number.NaN);
    if (c === 'I') return this.literal('Infinity', Number.POSITIVE_INFINITY);
    if (c === '-' && this.text.startsWith('-Infinity', this.at))
      return this.literal('-Infinity', Number.NEGATIVE_INFINITY);
    return this.number();
  }

  end(): void {
    this.space();
    if (this.at < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private object(): JsonOut {
    const result: Record<string, JsonOut> = {};
    this.items('}', () => {
      this.space();
      if (this.text[this.at] !== '"') this.fail('expected a quoted key');
      const key = this.string();
      this.space();
      this.expect(':');
      result[key] = this.value();
    });
    return result;
  }

  private array(): JsonOut {
    const result: JsonOut[] = [];
    this.items(']', () => result.push(this.value()));
    return result;
  }

  /** Reads the comma-separated items of the object or array that opens at `at`, through `close`. */
  private items(close: '}' | ']', item: () => void): void {
    this.at++;
    this.space();
    if (this.text[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      item();
      this.space();
      if (this.text[this.at] !== ',') break;
      this.at++;
    }
    this.expect(close);
  }

  private string(): string {
    const start = this.at;
    this.at++;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '\\') this.at += 2;
      else if (c === '"') {
        this.at++;
        return JSON.parse(this.text.slice(start, this.at)) as string;
      } else this.at++;
    }
    return this.fail('unterminated string');
  }

  private number(): JsonOut {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match) return this.fail('expected a value');
    this.at += match[0].length;
    const isInteger = match[2] === undefined && match[3] === undefined;
    return this.bigInts && isInteger ? BigInt(match[0]) : Number(match[0]);
  }

  private literal(word: string, value: JsonOut): JsonOut {
    if (!this.text.startsWith(word, this.at)) this.fail(`expected ${word}`);
    this.at += word.length;
    return value;
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) this.fail(`expected "${c}"`);
    this.at++;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private fail(message: string): never {
    const line = this.text.slice(0, this.at).split('\n').length;
    throw new InputError(
      `Invalid JSON at line ${line}: ${message}. Check that the file is complete and not hand-edited.`,
    );
  }
}
