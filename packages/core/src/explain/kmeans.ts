import type { ModelRecord, ModelValue } from '../ports/model-invoker.ts';
import type { Background } from './kernel-shap.ts';
import { type Random, seededRandom } from './prng.ts';

export interface KMeansOptions {
  /** Number of clusters; default: the elbow of the inertia curve between 1 and 12 (see `chooseClusterCount`). */
  clusters?: number;
  seed?: number;
  /** Restarts from different k-means++ starts; the lowest inertia wins (scikit-learn's n_init). Default 10. */
  restarts?: number;
}

/**
 * Summarizes a data set as a weighted background, as shap's `kmeans(data, k)` does for Clarify
 * when no baseline is configured: k-means (k-means++ starts, Lloyd iterations), each centre's
 * numeric values snapped to the nearest value actually present in that column, and weights equal
 * to the cluster sizes. Text (categorical) columns count a mismatch as half the mean numeric
 * variance, in the manner of k-prototypes, and take the cluster's most frequent value.
 *
 * @example
 * ```ts
 * const background = kmeansBackground(rows, { clusters: 5, seed: 0 });
 * // background.rows.length === 5, background.weights sum to rows.length
 * ```
 */
export function kmeansBackground(rows: readonly ModelRecord[], options: KMeansOptions = {}): Background {
  if (rows.length === 0) return { rows: [], weights: [] };
  const random = seededRandom(options.seed ?? 0);
  const space = clusteringSpace(rows);
  const k = Math.min(options.clusters ?? chooseClusterCount(space, random), rows.length);
  const best = bestOf(space, k, options.restarts ?? 10, random);
  const centres: ModelValue[][] = [];
  const weights: number[] = [];
  for (let c = 0; c < k; c++) {
    const members = best.assignment.flatMap((a, i) => (a === c ? [i] : []));
    if (members.length === 0) continue;
    centres.push(representative(space, best.centres[c]!, members));
    weights.push(members.length);
  }
  return { rows: centres, weights };
}

/**
 * The smallest k in 1..12 whose inertia is at most 10% of the one-cluster inertia, else 12. Clarify
 * documents only "the optimal number of clusters between 1 and 12"; this elbow rule is Vigil's.
 */
export function chooseClusterCount(space: ClusteringSpace, random: Random): number {
  const single = bestOf(space, 1, 1, random).inertia;
  if (single === 0) return 1;
  for (let k = 2; k <= Math.min(12, space.values.length); k++) {
    if (bestOf(space, k, 3, random).inertia <= 0.1 * single) return k;
  }
  return Math.min(12, space.values.length);
}

/** Rows split into numeric and text columns, with the mismatch cost of text columns. */
export interface ClusteringSpace {
  values: readonly ModelRecord[];
  numeric: boolean[];
  mismatchCost: number;
}

function clusteringSpace(rows: readonly ModelRecord[]): ClusteringSpace {
  const width = rows[0]!.length;
  const numeric = Array.from({ length: width }, (_, j) => rows.every((r) => typeof r[j] === 'number'));
  let variance = 0;
  let numericCount = 0;
  for (let j = 0; j < width; j++) {
    if (!numeric[j]) continue;
    const column = rows.map((r) => r[j] as number);
    const mean = column.reduce((s, v) => s + v, 0) / column.length;
    variance += column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length;
    numericCount++;
  }
  return { values: rows, numeric, mismatchCost: numericCount ? (0.5 * variance) / numericCount : 1 };
}

interface Clustering {
  centres: ModelValue[][];
  assignment: number[];
  inertia: number;
}

function bestOf(space: ClusteringSpace, k: number, restarts: number, random: Random): Clustering {
  let best: Clustering | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(space, kmeansPlusPlus(space, k, random));
    if (!best || run.inertia < best.inertia) best = run;
  }
  return best!;
}

function distance(space: ClusteringSpace, a: ModelRecord, b: ModelRecord): number {
  let d = 0;
  for (let j = 0; j < a.length; j++) {
    if (space.numeric[j]) d += ((a[j] as number) - (b[j] as number)) ** 2;
    else if (a[j] !== b[j]) d += space.mismatchCost;
  }
  return d;
}

function kmeansPlusPlus(space: ClusteringSpace, k: number, random: Random): ModelValue[][] {
  const rows = space.values;
  const centres: ModelValue[][] = [[...rows[random.int(rows.length)]!]];
  const nearest = rows.map((row) => distance(space, row, centres[0]!));
  while (centres.length < k) {
    const total = nearest.reduce((s, v) => s + v, 0);
    let pick = random.int(rows.length);
    if (total > 0) {
      let u = random.next() * total;
      for (let i = 0; i < rows.length; i++) {
        u -= nearest[i]!;
        if (u < 0) {
          pick = i;
          break;
        }
      }
    }
    const centre = [...rows[pick]!];
    centres.push(centre);
    rows.forEach((row, i) => {
      nearest[i] = Math.min(nearest[i]!, distance(space, row, centre));
    });
  }
  return centres;
}

function lloyd(space: ClusteringSpace, centres: ModelValue[][]): Clustering {
  const rows = space.values;
  const assignment = new Array<number>(rows.length).fill(-1);
  let inertia = 0;
  for (let iteration = 0; iteration < 300; iteration++) {
    let changed = false;
    inertia = 0;
    rows.forEach((row, i) => {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      centres.forEach((centre, c) => {
        const d = distance(space, row, centre);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      });
      inertia += bestDistance;
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed = true;
      }
    });
    if (!changed) break;
    centres = centres.map((centre, c) => {
      const members = assignment.flatMap((a, i) => (a === c ? [i] : []));
      return members.length ? centroid(space, members) : centre;
    });
  }
  return { centres, assignment, inertia };
}

function centroid(space: ClusteringSpace, members: number[]): ModelValue[] {
  const width = space.numeric.length;
  return Array.from({ length: width }, (_, j) => {
    if (space.numeric[j]) {
      return members.reduce((s, i) => s + (space.values[i]![j] as number), 0) / members.length;
    }
    return mostFrequent(members.map((i) => space.values[i]![j]!));
  });
}

// shap's kmeans(round_values=True): each numeric centre value becomes the closest value of its column.
function representative(space: ClusteringSpace, centre: ModelValue[], members: number[]): ModelValue[] {
  return centre.map((value, j) => {
    if (!space.numeric[j]) return mostFrequent(members.map((i) => space.values[i]![j]!));
    let closest = space.values[0]![j] as number;
    for (const row of space.values) {
      const v = row[j] as number;
      if (Math.abs(v - (value as number)) < Math.abs(closest - (value as number))) closest = v;
    }
    return closest;
  });
}

function mostFrequent(values: ModelValue[]): ModelValue {
  const counts = new Map<ModelValue, number>();
  let best = values[0]!;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > (counts.get(best) ?? 0)) best = v;
  }
  return best;
}
