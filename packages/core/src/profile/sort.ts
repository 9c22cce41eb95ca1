/**
 * Java's Double ordering for the values a sketch holds: numeric, with -0.0 before 0.0.
 *
 * @example
 * ```ts
 * before(-0, 0); // true
 * ```
 */
export function before(a: number, b: number): boolean {
  return a < b || (a === b && 1 / a < 1 / b);
}

const INSERTION_CUTOFF = 16;
const MAX_DEPTH = 64;

/** Below this length a quicksort beats the radix passes' fixed cost. */
const RADIX_MIN_LENGTH = 512;
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
/** Index of a double's high 32-bit word in a Uint32Array view of its bytes (platform endianness). */
const HIGH_WORD = new Uint32Array(Float64Array.of(1).buffer)[1] === 0x3ff00000 ? 1 : 0;
const digitCounts = new Int32Array(2 * DIGITS);
/** Scratch for the radix passes, kept between sorts up to this many items (a KLL level holds a few thousand). */
const SPARE_KEPT = 1 << 16;
let spare = new Float64Array(0);

/**
 * Sorts a Float64Array in place (NaN-free, -0.0 before 0.0, as Java orders doubles). This is the
 * hottest loop of profiling (a KLL compaction sorts its 2,050-item level 0 once per ~1,000 values
 * of every numeric column), so long arrays take two counting-sort passes on 22 bits of the high 32
 * bits of each double, mapped to an unsigned key in the doubles' order: the 22 bits from the
 * highest one in which the smallest and largest keys differ (the bits above it all keys share).
 * An insertion pass then orders the few neighbours whose 22 bits tie (about three times as fast as
 * a quicksort). Inputs with many such ties fall back to a quicksort (median of three, insertion
 * sort for short ranges), which also sorts short arrays; it falls back to the built-in sort past a
 * recursion depth, so the worst case stays O(n log n). A sorted array is the same whichever way it
 * was sorted, so the method never changes a result.
 *
 * @example
 * ```ts
 * sortDoubles(Float64Array.of(3, -0, 0, 1)); // Float64Array [-0, 0, 1, 3]
 * ```
 */
export function sortDoubles(values: Float64Array): Float64Array {
  if (values.length < RADIX_MIN_LENGTH || !radixSort(values)) quicksort(values, 0, values.length, 0);
  return values;
}

/**
 * An unsigned key whose order is the doubles' order, from a double's high word: positive doubles
 * get the sign bit set, negative ones are inverted (so -0.0 comes before 0.0).
 */
function orderKey(high: number): number {
  return (high ^ ((high >> 31) | 0x80000000)) >>> 0;
}

/**
 * Sorts by the high word's key (least significant digit first, stable), then finishes with an
 * insertion pass. Returns false, leaving a permutation of the values, when that pass would cost
 * more than a few moves per item (many doubles that differ only in bits the passes did not read).
 */
function radixSort(values: Float64Array): boolean {
  const n = values.length;
  if (spare.length < n) {
    const grown = new Float64Array(Math.max(n, 2 * spare.length));
    if (grown.length > SPARE_KEPT) return radixSortWith(values, grown);
    spare = grown;
  }
  return radixSortWith(values, spare);
}

/** `radixSort` with `scratch` (at least as long as `values`) for the passes' other buffer. */
function radixSortWith(values: Float64Array, scratch: Float64Array): boolean {
  const n = values.length;
  let words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  // The bits above the highest one where the extreme keys differ are the same in every key.
  let lowest = 0xffffffff;
  let highest = 0;
  for (let i = 0; i < n; i++) {
    const key = orderKey(words[2 * i + HIGH_WORD] as number);
    if (key < lowest) lowest = key;
    if (key > highest) highest = key;
  }
  const topBit = 31 - Math.clz32((lowest ^ highest) >>> 0);
  const lowShift = Math.max(0, topBit + 1 - 2 * DIGIT_BITS);
  const counts = digitCounts;
  counts.fill(0, 0, 2 * DIGITS);
  for (let i = 0; i < n; i++) {
    const key = orderKey(words[2 * i + HIGH_WORD] as number) >>> lowShift;
    const low = key & DIGIT_MASK;
    const high = DIGITS + ((key >>> DIGIT_BITS) & DIGIT_MASK);
    counts[low] = (counts[low] as number) + 1;
    counts[high] = (counts[high] as number) + 1;
  }
  let source: Float64Array = values;
  let target: Float64Array = scratch.subarray(0, n);
  for (let pass = 0; pass < 2; pass++) {
    const base = pass * DIGITS;
    const shift = lowShift + pass * DIGIT_BITS;
    // Prefix sums turn counts into first positions; a digit all keys share needs no pass.
    let position = 0;
    let shared = false;
    for (let d = base; d < base + DIGITS; d++) {
      const count = counts[d] as number;
      if (count === n) {
        shared = true;
        break;
      }
      counts[d] = position;
      position += count;
    }
    if (shared) continue;
    words = new Uint32Array(source.buffer, source.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const d = base + ((orderKey(words[2 * i + HIGH_WORD] as number) >>> shift) & DIGIT_MASK);
      const at = counts[d] as number;
      counts[d] = at + 1;
      target[at] = source[i] as number;
    }
    const sorted = target;
    target = source;
    source = sorted;
  }
  if (source !== values) values.set(source);
  const budget = 8 * n;
  let moves = 0;
  for (let i = 1; i < n; i++) {
    const v = values[i] as number;
    if (!before(v, values[i - 1] as number)) continue;
    let k = i - 1;
    while (k >= 0 && before(v, values[k] as number)) {
      values[k + 1] = values[k] as number;
      k--;
    }
    values[k + 1] = v;
    moves += i - 1 - k;
    if (moves > budget) return false;
  }
  return true;
}

function quicksort(a: Float64Array, from: number, to: number, depth: number): void {
  let lo = from;
  let hi = to;
  while (hi - lo > INSERTION_CUTOFF) {
    if (depth > MAX_DEPTH) {
      a.subarray(lo, hi).sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    let p0 = a[lo] as number;
    let p1 = a[mid] as number;
    let p2 = a[hi - 1] as number;
    if (before(p1, p0)) [p0, p1] = [p1, p0];
    if (before(p2, p1)) {
      [p1, p2] = [p2, p1];
      if (before(p1, p0)) [p0, p1] = [p1, p0];
    }
    // a[lo] ≤ pivot ≤ a[hi-1] bound the scans; the pivot waits at lo+1.
    a[lo] = p0;
    a[hi - 1] = p2;
    a[mid] = a[lo + 1] as number;
    a[lo + 1] = p1;
    const pivot = p1;
    let i = lo + 2;
    let j = hi - 2;
    for (;;) {
      while (before(a[i] as number, pivot)) i++;
      while (before(pivot, a[j] as number)) j--;
      if (i >= j) break;
      const t = a[i] as number;
      a[i] = a[j] as number;
      a[j] = t;
      i++;
      j--;
    }
    a[lo + 1] = a[j] as number;
    a[j] = pivot;
    depth++;
    if (j - lo < hi - j) {
      quicksort(a, lo, j, depth);
      lo = j + 1;
    } else {
      quicksort(a, j + 1, hi, depth);
      hi = j;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i] as number;
    let k = i - 1;
    while (k >= lo && before(v, a[k] as number)) {
      a[k + 1] = a[k] as number;
      k--;
    }
    a[k + 1] = v;
  }
}
