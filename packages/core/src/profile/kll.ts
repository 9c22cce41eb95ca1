import { before, sortDoubles } from './sort.ts';

/** Deequ's (and so SageMaker's) default sketch size k. */
export const KLL_SKETCH_SIZE = 2048;
/** Deequ's default shrinking factor c. */
export const KLL_SHRINKING_FACTOR = 0.64;

/** One compactor level as Vigil stores it: Deequ's serialized compactor state. */
export interface KllLevelJson {
  numOfCompress: number;
  offset: number;
  items: number[];
}

/** A KLL sketch in a Vigil profile. */
export interface KllSketchJson {
  k: number;
  c: number;
  levels: KllLevelJson[];
}

/** `KllSketchJson` with each level's items as a Float64Array (see `KllSketch.toTransfer`). */
export interface TransferredKll {
  k: number;
  c: number;
  levels: { numOfCompress: number; offset: number; items: Float64Array }[];
}

/** A sketch's distinct items in ascending order, each with the total weight of items ≤ it. */
export interface RankMap {
  items: Float64Array;
  ranks: Float64Array;
}

/** One of SageMaker's ten KLL buckets. */
export interface KllBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

/**
 * A KLL quantile sketch that behaves exactly like Deequ's `QuantileNonSample` with its
 * deterministic `NonSampleCompactor`: level 0 keeps items in insertion order, a full level is
 * sorted and every other item (the offset alternating on odd compactions) moves one level up
 * with twice the weight, and an odd last item stays behind. Because SageMaker's analyzer is
 * Deequ, a sketch built from the same values in the same order equals the `sketch.data` that
 * SageMaker writes.
 *
 * @example
 * ```ts
 * const sketch = new KllSketch();
 * for (const x of [3, 1, 2]) sketch.update(x);
 * sketch.data(); // [[3, 1, 2]]
 * sketch.rank(2); // 2
 * ```
 */
export class KllSketch {
  readonly k: number;
  readonly c: number;
  /**
   * Each level's items in `items[h].subarray(0, sizes[h])`: typed buffers grown by doubling, so
   * that `update` is a store and a compaction sorts level 0 in place, without copying.
   */
  private items: Float64Array[] = [];
  private sizes: number[] = [];
  private capacities: number[] = [];
  private compressions: number[] = [];
  private offsets: number[] = [];
  private actualSize = 0;
  private totalSize = 0;
  /** `rankMap()` of the current state; every change of the items drops it. */
  private rankMapCache: RankMap | undefined;

  constructor(k = KLL_SKETCH_SIZE, c = KLL_SHRINKING_FACTOR) {
    this.k = k;
    this.c = c;
    this.expand();
  }

  /** Rebuilds a sketch from SageMaker's `sketch` object (`parameters.k`, `parameters.c`, `data`). */
  static fromSageMaker(sketch: { parameters?: { c?: number; k?: number }; data: number[][] }): KllSketch {
    const out = new KllSketch(
      sketch.parameters?.k ?? KLL_SKETCH_SIZE,
      sketch.parameters?.c ?? KLL_SHRINKING_FACTOR,
    );
    out.restore(sketch.data.map((items) => ({ numOfCompress: 0, offset: 0, items })));
    return out;
  }

  /** Rebuilds a sketch from its profile JSON (or `toTransfer`'s copy). */
  static fromJSON(json: KllSketchJson | TransferredKll): KllSketch {
    const out = new KllSketch(json.k, json.c);
    out.restore(json.levels);
    return out;
  }

  /** Level capacity as Deequ computes it: 2 * (ceil(k * c^h / 2) + 1). */
  capacity(height: number): number {
    return 2 * (Math.ceil((this.k * this.c ** height) / 2) + 1);
  }

  /** Adds one value; compacts one level when the sketch is over its total capacity. */
  update(item: number): void {
    const size = this.sizes[0] as number;
    let level = this.items[0] as Float64Array;
    if (size === level.length) level = this.grow(0, size + 1);
    level[size] = item;
    this.sizes[0] = size + 1;
    this.actualSize++;
    this.rankMapCache = undefined;
    if (this.actualSize > this.totalSize) this.condense();
  }

  /**
   * `update` of `items[0]` … `items[count - 1]` in that order: the same sketch, with the items
   * copied in runs up to each compaction instead of one call each.
   *
   * @example
   * ```ts
   * sketch.updateAll(Float64Array.of(3, 1, 2), 3); // as update(3), update(1), update(2)
   * ```
   */
  updateAll(items: Float64Array, count: number): void {
    if (count === 0) return;
    this.rankMapCache = undefined;
    let from = 0;
    while (from < count) {
      // `update` condenses right after the item that takes the sketch over its total size.
      const run = Math.min(count - from, Math.max(1, this.totalSize - this.actualSize + 1));
      const size = this.sizes[0] as number;
      const level = this.grow(0, size + run);
      level.set(items.subarray(from, from + run), size);
      this.sizes[0] = size + run;
      this.actualSize += run;
      from += run;
      if (this.actualSize > this.totalSize) this.condense();
    }
  }

  /**
   * Merges `other` into this sketch, as Deequ's `QuantileNonSample.merge`: levels are
   * concatenated (this sketch's items first) and compacted until under capacity. Returns this.
   */
  merge(other: KllSketch): KllSketch {
    this.rankMapCache = undefined;
    while (this.items.length < other.items.length) this.expand();
    for (let h = 0; h < other.items.length; h++) {
      const size = this.sizes[h] as number;
      const added = other.sizes[h] as number;
      const level = this.grow(h, size + added);
      level.set((other.items[h] as Float64Array).subarray(0, added), size);
      this.sizes[h] = size + added;
    }
    this.actualSize = this.itemCount();
    while (this.actualSize >= this.totalSize) this.condense();
    return this;
  }

  /** A deep copy (buffers copied as they are: a profile merge clones a sketch per column). */
  clone(): KllSketch {
    const out = new KllSketch(this.k, this.c);
    out.items = this.items.map((buffer) => buffer.slice());
    out.sizes = this.sizes.slice();
    out.capacities = this.capacities.slice();
    out.compressions = this.compressions.slice();
    out.offsets = this.offsets.slice();
    out.actualSize = this.actualSize;
    out.totalSize = this.totalSize;
    return out;
  }

  /** The compactor buffers, level 0 first: SageMaker's `sketch.data`. */
  data(): number[][] {
    return this.items.map((_, h) => numbersOf(this.level(h)));
  }

  /** The total weight (number of values the sketch stands for, approximately). */
  totalWeight(): number {
    let total = 0;
    for (let h = 0; h < this.items.length; h++) total += (this.sizes[h] as number) * 2 ** h;
    return total;
  }

  /** Weighted count of items ≤ x (Deequ's `getRank`). */
  rank(x: number): number {
    let r = 0;
    for (let h = 0; h < this.items.length; h++) {
      const w = 2 ** h;
      for (const item of this.level(h)) if (!(item > x)) r += w;
    }
    return r;
  }

  /** Weighted count of items < x (Deequ's `getRankExclusive`). */
  rankExclusive(x: number): number {
    let r = 0;
    for (let h = 0; h < this.items.length; h++) {
      const w = 2 ** h;
      for (const item of this.level(h)) if (item < x) r += w;
    }
    return r;
  }

  /**
   * Distinct items in ascending order with their cumulative weights (Deequ's `getRankMap`):
   * the sketch's empirical CDF, unnormalized. Computed once per state of the sketch (a monitor
   * run asks for it from the checks, every drift method and the report); callers must not
   * modify the arrays.
   */
  rankMap(): RankMap {
    this.rankMapCache ??= rankMapOfLevels(this.items.map((_, h) => this.level(h)));
    return this.rankMapCache;
  }

  /**
   * SageMaker's histogram: `bins` equal-width buckets from `min` to `max`, counts from the
   * sketch's ranks (the last bucket includes max), exactly as Deequ's KLLSketch.computeMetricFrom.
   *
   * @example
   * ```ts
   * sketch.buckets(1, 3); // [{ lower_bound: 1, upper_bound: 1.2, count: 24 }, …]
   * ```
   */
  buckets(min: number, max: number, bins = 10): KllBucket[] {
    // Ranks read off the rank map (a binary search each) rather than a walk over every item.
    const { items, ranks } = this.rankMap();
    const weightBelow = (x: number, inclusive: boolean) => {
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const item = items[mid] as number;
        if (item < x || (inclusive && item === x)) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? 0 : (ranks[lo - 1] as number);
    };
    const out: KllBucket[] = [];
    for (let i = 0; i < bins; i++) {
      const lower = min + ((max - min) * i) / bins;
      const upper = min + ((max - min) * (i + 1)) / bins;
      const top = weightBelow(upper, i === bins - 1);
      out.push({ lower_bound: lower, upper_bound: upper, count: top - weightBelow(lower, false) });
    }
    return out;
  }

  /**
   * The state `toJSON` gives, each level's items as a typed copy: what a worker thread posts
   * (structured cloning copies it as memory; `KllSketch.fromJSON` reads it back).
   *
   * @example
   * ```ts
   * const same = KllSketch.fromJSON(sketch.toTransfer());
   * ```
   */
  toTransfer(): TransferredKll {
    return this.state((level) => level.slice());
  }

  /** The state Vigil stores in a profile, including each level's compaction parity. */
  toJSON(): KllSketchJson {
    return this.state(numbersOf);
  }

  /** k, c and each level's compaction parity, with the level's items as `itemsOf` gives them. */
  private state<T>(itemsOf: (level: Float64Array) => T) {
    return {
      k: this.k,
      c: this.c,
      levels: this.items.map((_, h) => ({
        numOfCompress: this.compressions[h] as number,
        offset: this.offsets[h] as number,
        items: itemsOf(this.level(h)),
      })),
    };
  }

  /** The items of level `h`, as a view of its buffer. */
  private level(h: number): Float64Array {
    return (this.items[h] as Float64Array).subarray(0, this.sizes[h] as number);
  }

  /** Level `h`'s buffer, grown (contents kept) to hold at least `size` items. */
  private grow(h: number, size: number): Float64Array {
    const level = this.items[h] as Float64Array;
    if (size <= level.length) return level;
    const grown = new Float64Array(Math.max(size, 2 * level.length));
    grown.set(level.subarray(0, this.sizes[h] as number));
    this.items[h] = grown;
    return grown;
  }

  private restore(levels: readonly (KllLevelJson | TransferredKll['levels'][number])[]): void {
    this.rankMapCache = undefined;
    this.items = [];
    this.sizes = [];
    this.capacities = [];
    this.compressions = [];
    this.offsets = [];
    for (const level of levels) {
      this.pushLevel(level.numOfCompress, level.offset);
      const h = this.items.length - 1;
      this.grow(h, level.items.length).set(level.items);
      this.sizes[h] = level.items.length;
    }
    if (this.items.length === 0) this.pushLevel(0, 0);
    this.actualSize = this.itemCount();
    this.totalSize = this.capacityCount();
  }

  private itemCount(): number {
    let n = 0;
    for (const size of this.sizes) n += size;
    return n;
  }

  private capacityCount(): number {
    let total = 0;
    for (const capacity of this.capacities) total += capacity;
    return total;
  }

  private pushLevel(numOfCompress: number, offset: number): void {
    const capacity = this.capacity(this.items.length);
    this.items.push(new Float64Array(capacity + 1));
    this.sizes.push(0);
    this.capacities.push(capacity);
    this.compressions.push(numOfCompress);
    this.offsets.push(offset);
  }

  private expand(): void {
    this.pushLevel(0, 0);
    this.totalSize = this.capacityCount();
  }

  /** Compacts the lowest level at or over its capacity (one level per call, as Deequ). */
  private condense(): void {
    for (let h = 0; h < this.items.length; h++) {
      if ((this.sizes[h] as number) >= (this.capacities[h] as number)) {
        if (h + 1 >= this.items.length) this.expand();
        this.compact(h);
        this.actualSize = this.itemCount();
        return;
      }
    }
  }

  /**
   * Deequ's NonSampleCompactor.compact, with its deterministic offset: sorts the level's first
   * even number of items, appends every other one to the level above, and keeps an odd last item.
   */
  private compact(h: number): void {
    const buffer = this.items[h] as Float64Array;
    const items = this.sizes[h] as number;
    const len = items - (items % 2);
    let offset = this.offsets[h] as number;
    if ((this.compressions[h] as number) % 2 === 1) offset = 1 - offset;
    this.offsets[h] = offset;
    const start = this.sizes[h + 1] as number;
    // One slot to spare: `halveRuns` writes each merged item before it knows whether to keep it.
    const above = this.grow(h + 1, start + ((len - offset + 1) >> 1) + 1);
    // Level 0 is in insertion order: sort it in place (the odd last item lies past `len`). Upper
    // levels are a few ascending runs, merged in linear time.
    this.sizes[h + 1] =
      h === 0
        ? everyOther(sortDoubles(buffer.subarray(0, len)), len, offset, above, start)
        : halveRuns(buffer, len, offset, above, start);
    if (items % 2 === 1) buffer[0] = buffer[items - 1] as number;
    this.sizes[h] = items % 2;
    this.compressions[h] = (this.compressions[h] as number) + 1;
  }
}

/** The items of a level as a plain array, copied by index (`Array.from` walks an iterator). */
function numbersOf(items: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) out.push(items[i] as number);
  return out;
}

/** Writes `sorted[offset]`, `sorted[offset + 2]`, … below `len` to `out` from `at`; returns the end. */
function everyOther(
  sorted: Float64Array,
  len: number,
  offset: number,
  out: Float64Array,
  at: number,
): number {
  let end = at;
  for (let i = offset; i < len; i += 2) out[end++] = sorted[i] as number;
  return end;
}

/**
 * `everyOther` of the sorted first `len` items of an upper level. Such a level is a few ascending
 * runs (each compaction's output is sorted), so they are merged in linear time where a sort would
 * not be; two runs, the usual case, are merged straight into `out`, keeping every other item.
 */
function halveRuns(buffer: Float64Array, len: number, offset: number, out: Float64Array, at: number): number {
  const starts: number[] = [0];
  for (let i = 1; i < len; i++) if (before(buffer[i] as number, buffer[i - 1] as number)) starts.push(i);
  if (starts.length === 1) return everyOther(buffer, len, offset, out, at);
  if (starts.length > 32 || (offset !== 0 && offset !== 1)) {
    const sorted = starts.length > 32 ? sortDoubles(buffer.slice(0, len)) : mergeRuns(buffer, len, starts, 1);
    return everyOther(sorted, len, offset, out, at);
  }
  const source = mergeRuns(buffer, len, starts, 2);
  // Now two runs (`starts` was merged down in place). Item k of their merge is kept when k has
  // the parity of `offset`; it is written either way and the end moves past it only when kept,
  // which keeps the loop free of branches.
  const mid = starts[1] as number;
  let i = 0;
  let j = mid;
  let k = offset ^ 1;
  let end = at;
  while (i < mid && j < len) {
    const a = source[i] as number;
    const b = source[j] as number;
    if (before(b, a)) {
      out[end] = b;
      j++;
    } else {
      out[end] = a;
      i++;
    }
    end += k & 1;
    k++;
  }
  while (i < mid) {
    out[end] = source[i++] as number;
    end += k & 1;
    k++;
  }
  while (j < len) {
    out[end] = source[j++] as number;
    end += k & 1;
    k++;
  }
  return end;
}

/** Scratch buffers of `mergeRuns`, reused across compactions (a level holds a few thousand items). */
let runsA = new Float64Array(0);
let runsB = new Float64Array(0);

/**
 * Merges the ascending runs of the first `len` items of an upper level (they begin at `starts`)
 * pairwise until at most `runs` remain, and leaves the remaining runs' starts in `starts`. The
 * result is `buffer` itself (no merge needed) or a scratch buffer that the next call reuses.
 */
function mergeRuns(buffer: Float64Array, len: number, starts: number[], runs: number): Float64Array {
  if (starts.length <= runs) return buffer;
  if (runsA.length < len) {
    runsA = new Float64Array(2 * len);
    runsB = new Float64Array(2 * len);
  }
  let source = buffer;
  let target = runsA;
  let current = starts;
  while (current.length > runs) {
    const next: number[] = [];
    for (let r = 0; r < current.length; r += 2) {
      const lo = current[r] as number;
      const mid = r + 1 < current.length ? (current[r + 1] as number) : len;
      const hi = r + 2 < current.length ? (current[r + 2] as number) : len;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = source[i] as number;
        const b = source[j] as number;
        if (before(b, a)) {
          target[k++] = b;
          j++;
        } else {
          target[k++] = a;
          i++;
        }
      }
      while (i < mid) target[k++] = source[i++] as number;
      while (j < hi) target[k++] = source[j++] as number;
      next.push(lo);
    }
    source = target;
    target = target === runsA ? runsB : runsA;
    current = next;
  }
  starts.splice(0, starts.length, ...current);
  return source;
}

/**
 * The rank map of compactor levels (level h weighs 2^h): each level sorted on its own (a copy, by
 * `sortDoubles`: the built-in sort takes three times as long), the sorted levels merged pairwise
 * with their weights (a few linear passes), then equal items folded into one key.
 */
function rankMapOfLevels(levels: readonly Float64Array[]): RankMap {
  let runs: WeightedRun[] = levels
    .map((level, h) => ({
      items: sortDoubles(level.slice()),
      weights: new Float64Array(level.length).fill(2 ** h),
    }))
    .filter((run) => run.items.length > 0);
  while (runs.length > 1) {
    const next: WeightedRun[] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r] as WeightedRun;
      const b = runs[r + 1];
      next.push(b ? mergeWeightedRuns(a, b) : a);
    }
    runs = next;
  }
  const run = runs[0] ?? { items: new Float64Array(0), weights: new Float64Array(0) };
  const n = run.items.length;
  const items = new Float64Array(n);
  const ranks = new Float64Array(n);
  let keys = 0;
  let running = 0;
  for (let i = 0; i < n; i++) {
    const item = run.items[i] as number;
    running += run.weights[i] as number;
    if (keys > 0 && items[keys - 1] === item) ranks[keys - 1] = running;
    else {
      items[keys] = item;
      ranks[keys] = running;
      keys++;
    }
  }
  return { items: items.slice(0, keys), ranks: ranks.slice(0, keys) };
}

/** Sorted items, each with its weight. */
interface WeightedRun {
  items: Float64Array;
  weights: Float64Array;
}

/** The merge of two weighted runs, in ascending order (ties: `a`'s items first). */
function mergeWeightedRuns(a: WeightedRun, b: WeightedRun): WeightedRun {
  const n = a.items.length;
  const m = b.items.length;
  const items = new Float64Array(n + m);
  const weights = new Float64Array(n + m);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < n && j < m) {
    if ((b.items[j] as number) < (a.items[i] as number)) {
      items[k] = b.items[j] as number;
      weights[k++] = b.weights[j++] as number;
    } else {
      items[k] = a.items[i] as number;
      weights[k++] = a.weights[i++] as number;
    }
  }
  for (; i < n; i++, k++) {
    items[k] = a.items[i] as number;
    weights[k] = a.weights[i] as number;
  }
  for (; j < m; j++, k++) {
    items[k] = b.items[j] as number;
    weights[k] = b.weights[j] as number;
  }
  return { items, weights };
}
