import { base64ToBytes, bytesToBase64 } from './base64.ts';

/** log2 of the register count: 4096 registers, a standard error of about 1.6 %. */
const PRECISION = 12;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
/** 2^-r for every rank a register can hold (1 + 32 at most), so an estimate sums without powers. */
const INVERSE_POWERS = Float64Array.from({ length: 256 }, (_, r) => 2 ** -r);

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
/** Index of a double's low 32-bit word in a Uint32Array view of its bytes (platform endianness). */
const LOW_WORD = new Uint32Array(Float64Array.of(1).buffer)[0] === 0 ? 0 : 1;

function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A HyperLogLog distinct-count sketch, mergeable by register-wise max. Each value gets two
 * independent 32-bit hashes: one picks the register, the other gives the rank, so estimates stay
 * unbiased far beyond 2^32 / 4096. Numbers hash by their double value (`3` and `3.0` are the
 * same value); other values by their text.
 *
 * SageMaker's `distinct_count` / `approximate_num_distinct_values` come from Spark's HLL++ with
 * other hashing, so the two agree within the sketches' errors, not to the unit.
 *
 * @example
 * ```ts
 * const hll = new HyperLogLog();
 * for (let i = 0; i < 1000; i++) hll.addNumber(i);
 * hll.estimate(); // ≈ 1000
 * ```
 */
export class HyperLogLog {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(REGISTERS);
  }

  /** Adds a numeric value. */
  addNumber(x: number): void {
    float[0] = x === 0 ? 0 : x;
    this.addBits(words[LOW_WORD] as number, words[1 - LOW_WORD] as number);
  }

  /**
   * `addNumber` of `values[0]` … `values[count - 1]` (any order gives the same registers).
   *
   * @example
   * ```ts
   * hll.addNumbers(Float64Array.of(1, 2, 2), 3); // as addNumber(1), addNumber(2), addNumber(2)
   * ```
   */
  addNumbers(values: Float64Array, count: number): void {
    const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * count);
    for (let i = 0; i < count; i++) {
      // -0 hashes as 0 (the same value), as in `addNumber`.
      if (values[i] === 0) this.addBits(0, 0);
      else this.addBits(bits[2 * i + LOW_WORD] as number, bits[2 * i + 1 - LOW_WORD] as number);
    }
  }

  /** Adds a text value. */
  addText(text: string): void {
    this.addTextRange(text, 0, text.length);
  }

  /** Adds the text value `text.slice(start, end)` (same hash), without making that string. */
  addTextRange(text: string, start: number, end: number): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x1b873593;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    const length = end - start;
    this.addHashes(fmix(h1 ^ length), fmix(h2 + length));
  }

  /** Merges `other` into this sketch (register-wise max). Returns this. */
  merge(other: HyperLogLog): HyperLogLog {
    const a = this.registers;
    const b = other.registers;
    for (let i = 0; i < REGISTERS; i++) if ((b[i] as number) > (a[i] as number)) a[i] = b[i] as number;
    return this;
  }

  /** The estimated number of distinct values (linear counting for small cardinalities). */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i++) {
      const r = this.registers[i] as number;
      sum += INVERSE_POWERS[r] as number;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }

  /** Registers as base64, for profile JSON. */
  toJSON(): string {
    return bytesToBase64(this.registers);
  }

  /** Reads registers written by `toJSON`; undefined when the text is not a valid sketch. */
  static fromJSON(text: string): HyperLogLog | undefined {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(text);
    } catch {
      return undefined;
    }
    return bytes.length === REGISTERS ? new HyperLogLog(bytes) : undefined;
  }

  /** Adds the double whose low and high 32-bit words are `lo` and `hi`. */
  private addBits(lo: number, hi: number): void {
    this.addHashes(fmix(lo ^ Math.imul(hi, 0x9e3779b1)), fmix(hi ^ Math.imul(lo, 0x85ebca77) ^ 0x27d4eb2f));
  }

  private addHashes(h1: number, h2: number): void {
    const index = h1 >>> (32 - PRECISION);
    const rank = Math.clz32(h2) + 1;
    if (rank > (this.registers[index] as number)) this.registers[index] = rank;
  }
}
