import { type Random, randomSubset, weightedChoice } from './prng.ts';

/** The coalitions KernelSHAP evaluates for one instance, with their kernel weights. */
export interface CoalitionPlan {
  /** masks[k][j] is 1 when feature j (of the varying ones) takes the instance's value in coalition k. */
  masks: Uint8Array[];
  weights: Float64Array;
  /** How many leading masks come from fully enumerated subset sizes (the rest were sampled). */
  enumeratedCount: number;
}

/** The most coalitions any instance needs: 2^M − 2 (every proper, non-empty subset). */
export function maxCoalitions(featureCount: number): number {
  return featureCount <= 30 ? 2 ** featureCount - 2 : 2 ** 30;
}

/**
 * The number of coalitions evaluated per instance, shap's and Clarify's rule:
 * min(2M + 2048, 2^M − 2) by default, min(numSamples, 2^M − 2) when given.
 *
 * @example
 * ```ts
 * coalitionCount(10); // 1022, every coalition: the exact Shapley values
 * coalitionCount(20); // 2088
 * ```
 */
export function coalitionCount(featureCount: number, numSamples?: number): number {
  if (featureCount <= 1) return 0;
  const wanted = numSamples ?? 2 * featureCount + 2048;
  return Math.min(wanted, maxCoalitions(featureCount));
}

/** C(n, k) as a double (exact for the sizes KernelSHAP enumerates). */
export function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/**
 * Plans the coalitions of shap's KernelExplainer for M varying features: subset sizes are
 * enumerated completely, smallest first (each with its complement), while the budget covers the
 * size's share of the SHAP kernel weight; the rest of the budget is drawn at random in complement
 * pairs from the remaining sizes, duplicates adding weight instead of rows.
 *
 * @example
 * ```ts
 * const plan = planCoalitions(4, 14, seededRandom(0));
 * plan.masks.length; // 14: all of sizes 1..3, enumerated
 * ```
 */
export function planCoalitions(featureCount: number, sampleCount: number, random: Random): CoalitionPlan {
  const m = featureCount;
  const masks: Uint8Array[] = [];
  const weights: number[] = [];
  const subsetSizes = Math.ceil((m - 1) / 2);
  const pairedSizes = Math.floor((m - 1) / 2);
  const weightVector = Array.from({ length: subsetSizes }, (_, i) => (m - 1) / ((i + 1) * (m - i - 1)));
  for (let i = 0; i < pairedSizes; i++) weightVector[i]! *= 2;
  normalize(weightVector);

  let fullSizes = 0;
  let samplesLeft = sampleCount;
  const remaining = weightVector.slice();
  for (let size = 1; size <= subsetSizes; size++) {
    const paired = size <= pairedSizes;
    const subsets = binomial(m, size) * (paired ? 2 : 1);
    if ((samplesLeft * remaining[size - 1]!) / subsets < 1 - 1e-8) break;
    fullSizes++;
    samplesLeft -= subsets;
    const share = remaining[size - 1]!;
    if (share < 1) for (let i = 0; i < remaining.length; i++) remaining[i]! /= 1 - share;
    const weight = weightVector[size - 1]! / binomial(m, size) / (paired ? 2 : 1);
    forEachCombination(m, size, (members) => {
      const mask = new Uint8Array(m);
      for (const j of members) mask[j] = 1;
      masks.push(mask);
      weights.push(weight);
      if (paired) {
        masks.push(complement(mask));
        weights.push(weight);
      }
    });
  }

  const enumeratedCount = masks.length;
  samplesLeft = sampleCount - enumeratedCount;
  if (fullSizes !== subsetSizes && samplesLeft > 0) {
    const drawWeights = weightVector.map((w, i) => (i < pairedSizes ? w / 2 : w)).slice(fullSizes);
    normalize(drawWeights);
    const seen = new Map<string, number>();
    let draws = 4 * samplesLeft;
    while (samplesLeft > 0 && draws-- > 0) {
      const size = weightedChoice(random, drawWeights) + fullSizes + 1;
      const mask = new Uint8Array(m);
      for (const j of randomSubset(random, m, size)) mask[j] = 1;
      const key = mask.join('');
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, masks.length);
        masks.push(mask);
        weights.push(1);
        samplesLeft--;
      } else {
        weights[at]! += 1;
      }
      if (samplesLeft > 0 && size <= pairedSizes) {
        if (at === undefined) {
          masks.push(complement(mask));
          weights.push(1);
          samplesLeft--;
        } else {
          weights[at + 1]! += 1;
        }
      }
    }
    // Rescale the sampled weights to the kernel weight of the sizes that were not enumerated.
    const weightLeft = weightVector.slice(fullSizes).reduce((s, w) => s + w, 0);
    let sampled = 0;
    for (let k = enumeratedCount; k < weights.length; k++) sampled += weights[k]!;
    for (let k = enumeratedCount; k < weights.length; k++) weights[k] = (weights[k]! * weightLeft) / sampled;
  }
  return { masks, weights: Float64Array.from(weights), enumeratedCount };
}

function normalize(values: number[]): void {
  const total = values.reduce((s, v) => s + v, 0);
  for (let i = 0; i < values.length; i++) values[i]! /= total;
}

function complement(mask: Uint8Array): Uint8Array {
  return mask.map((v) => 1 - v);
}

// Lexicographic combinations, the order of Python's itertools.combinations.
function forEachCombination(n: number, k: number, visit: (members: number[]) => void): void {
  const members = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(members);
    let i = k - 1;
    while (i >= 0 && members[i] === n - k + i) i--;
    if (i < 0) return;
    members[i]!++;
    for (let j = i + 1; j < k; j++) members[j] = members[j - 1]! + 1;
  }
}
