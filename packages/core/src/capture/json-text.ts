import { Char, Letter } from '../decoding/char-codes.ts';
import { type JsonNode, JsonNumber, JsonObject } from './json-node.ts';

/** Why a text is not one JSON value; the message gives the offset, never the text. */
export class JsonTextError extends SyntaxError {}

/** Deeper nesting than this is refused: no payload needs it, and it would exhaust the stack. */
export const MAX_JSON_DEPTH = 512;

/** Options of `parseJsonText`. */
export interface JsonTextOptions {
  /**
   * Also accept `NaN`, `Infinity`, `+Infinity` and `-Infinity` as numbers (their text kept), as
   * Python's `json.dumps` writes them and Spark's JSON reader (`allowNonNumericNumbers`) reads them.
   */
  nonFiniteNumbers?: boolean;
}

/** The non-finite number words a payload may hold, with `nonFiniteNumbers`. */
const NON_FINITE_WORDS = ['NaN', 'Infinity', '+Infinity', '-Infinity'];

/** Above this many keys an object finds repeated keys through a Map rather than a scan. */
const SCAN_KEYS = 16;

/**
 * Parses `text` as exactly one JSON value (RFC 8259, as strictly as `JSON.parse`: same texts
 * accepted and refused), keeping each number's lexeme and each object's key order, which
 * `JSON.parse` loses (`50010.0` becomes `50010`; integer-like keys move first). Throws
 * `JsonTextError` on anything else, including nesting deeper than `MAX_JSON_DEPTH`. With
 * `nonFiniteNumbers`, `NaN` and `±Infinity` are numbers too (payloads written by Python).
 *
 * @example
 * ```ts
 * const node = parseJsonText('{"zip":"02139","10":50010.0}');
 * (node as JsonObject).keys; // ['zip', '10']
 * ((node as JsonObject).values[1] as JsonNumber).text; // '50010.0'
 * ```
 */
export function parseJsonText(text: string, options: JsonTextOptions = {}): JsonNode {
  const parser = new Parser(text, options.nonFiniteNumbers === true);
  parser.skipSpace();
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.at < text.length) parser.fail('unexpected text after the JSON value');
  return value;
}

class Parser {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly nonFiniteNumbers: boolean,
  ) {}

  fail(what: string): never {
    throw new JsonTextError(`Invalid JSON at offset ${this.at}: ${what}`);
  }

  skipSpace(): void {
    const text = this.text;
    let at = this.at;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 10 || c === 13 || c === 9) at++;
      else break;
    }
    this.at = at;
  }

  value(depth: number): JsonNode {
    const c = this.text.charCodeAt(this.at);
    if (c === Char.quote) return this.string();
    if (c === 123) return this.object(depth + 1);
    if (c === 91) return this.array(depth + 1);
    // N, I, + or -I: only these can start a non-finite word, so numbers pay nothing for the option.
    if (
      this.nonFiniteNumbers &&
      (c === 78 ||
        c === 73 ||
        c === Char.plus ||
        (c === Char.minus && this.text.charCodeAt(this.at + 1) === 73))
    ) {
      const word = NON_FINITE_WORDS.find((w) => this.text.startsWith(w, this.at));
      if (word !== undefined) {
        this.at += word.length;
        return new JsonNumber(word);
      }
    }
    if (c === Char.minus || (c >= Char.zero && c <= Char.nine)) return this.number();
    if (this.text.startsWith('true', this.at)) {
      this.at += 4;
      return true;
    }
    if (this.text.startsWith('false', this.at)) {
      this.at += 5;
      return false;
    }
    if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      return null;
    }
    return this.fail(Number.isNaN(c) ? 'the text ends where a value is expected' : 'a value is expected');
  }

  private object(depth: number): JsonObject {
    if (depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    this.at++;
    const keys: string[] = [];
    const values: JsonNode[] = [];
    let index: Map<string, number> | undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === 125) {
      this.at++;
      return new JsonObject(keys, values);
    }
    for (;;) {
      if (this.text.charCodeAt(this.at) !== Char.quote) this.fail('a quoted key is expected');
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.at) !== 58) this.fail("':' is expected after a key");
      this.at++;
      this.skipSpace();
      const value = this.value(depth);
      let seen: number;
      if (index !== undefined) seen = index.get(key) ?? -1;
      else {
        seen = keys.indexOf(key);
        if (keys.length >= SCAN_KEYS) index = new Map(keys.map((k, i) => [k, i]));
      }
      if (seen === -1) {
        index?.set(key, keys.length);
        keys.push(key);
        values.push(value);
      } else values[seen] = value;
      this.skipSpace();
      const c = this.text.charCodeAt(this.at++);
      if (c === 125) return new JsonObject(keys, values);
      if (c !== 44) {
        this.at--;
        this.fail("',' or '}' is expected");
      }
      this.skipSpace();
    }
  }

  private array(depth: number): JsonNode[] {
    if (depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    this.at++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === 93) {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const c = this.text.charCodeAt(this.at++);
      if (c === 93) return items;
      if (c !== 44) {
        this.at--;
        this.fail("',' or ']' is expected");
      }
      this.skipSpace();
    }
  }

  private number(): JsonNumber {
    const text = this.text;
    const start = this.at;
    let at = start;
    if (text.charCodeAt(at) === Char.minus) at++;
    const first = text.charCodeAt(at);
    if (first === Char.zero) at++;
    else if (first > Char.zero && first <= Char.nine) at = digitsFrom(text, at);
    else this.fail('a digit is expected');
    if (text.charCodeAt(at) === Char.dot) {
      const end = digitsFrom(text, at + 1);
      if (end === at + 1) this.fail('a digit is expected after the decimal point');
      at = end;
    }
    const e = text.charCodeAt(at);
    if (e === 101 || e === 69) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === Char.plus || sign === Char.minus) at++;
      const end = digitsFrom(text, at);
      if (end === at) this.fail('a digit is expected in the exponent');
      at = end;
    }
    this.at = at;
    return new JsonNumber(text.slice(start, at));
  }

  string(): string {
    const text = this.text;
    const start = this.at + 1;
    let at = start;
    // Fast path: no escapes, the common case, is one slice.
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === Char.quote) {
        this.at = at + 1;
        return text.slice(start, at);
      }
      if (c === Letter.backslash || c < 32 || Number.isNaN(c)) break;
      at++;
    }
    let out = text.slice(start, at);
    for (;;) {
      const c = text.charCodeAt(at);
      if (Number.isNaN(c)) {
        this.at = at;
        this.fail('a string is not closed');
      }
      if (c === Char.quote) {
        this.at = at + 1;
        return out;
      }
      if (c < 32) {
        this.at = at;
        this.fail('a control character must be escaped in a string');
      }
      if (c !== Letter.backslash) {
        out += text[at];
        at++;
        continue;
      }
      const escaped = text.charCodeAt(at + 1);
      at += 2;
      switch (escaped) {
        case Char.quote:
          out += '"';
          break;
        case Letter.backslash:
          out += '\\';
          break;
        case 47:
          out += '/';
          break;
        case 98:
          out += '\b';
          break;
        case 102:
          out += '\f';
          break;
        case 110:
          out += '\n';
          break;
        case 114:
          out += '\r';
          break;
        case 116:
          out += '\t';
          break;
        case 117: {
          const hex = text.slice(at, at + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.at = at;
            this.fail('\\u must be followed by four hex digits');
          }
          out += String.fromCharCode(Number.parseInt(hex, 16));
          at += 4;
          break;
        }
        default:
          this.at = at - 1;
          this.fail('an unknown escape in a string');
      }
    }
  }
}

function digitsFrom(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c >= Char.zero && c <= Char.nine) i++;
    else return i;
  }
}
