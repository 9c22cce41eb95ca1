/**
 * nDCG of the current ranking against the baseline attributions, as SageMaker's
 * feature-attribution drift check and scikit-learn's `ndcg_score(y_true=[baseline],
 * y_score=[current])`: gains are the baseline attributions, the order is by current attribution
 * (descending), and features tied in the current attributions share their group's mean gain
 * (sklearn's `ignore_ties=False`). The ideal DCG sorts the baseline gains.
 *
 * @example
 * ```ts
 * ndcg([0.7, 0.5, 0.05], [0.1, 0.2, 0.7]); // 0.6876396241226223 (the SageMaker docs' SAT/GPA/rank example)
 * ```
 */
export function ndcg(baseline: readonly number[], current: readonly number[]): number {
  const ideal = dcg(baseline, baseline);
  if (ideal === 0) return 0;
  return dcg(baseline, current) / ideal;
}

function dcg(gains: readonly number[], scores: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let total = 0;
  let rank = 0;
  while (rank < order.length) {
    let end = rank + 1;
    while (end < order.length && scores[order[end]!] === scores[order[rank]!]) end++;
    let gainSum = 0;
    let discountSum = 0;
    for (let r = rank; r < end; r++) {
      gainSum += gains[order[r]!]!;
      discountSum += 1 / Math.log2(r + 2);
    }
    total += (gainSum / (end - rank)) * discountSum;
    rank = end;
  }
  return total;
}
