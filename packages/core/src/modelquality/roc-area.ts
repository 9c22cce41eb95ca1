/**
 * The area under a ROC curve, accumulated row by row in descending score order and closed one
 * tie group at a time: a trapezoid per group, so tied positives and negatives count half. A row's
 * positive weight may be a fraction (an expected label), its negative weight is the rest.
 *
 * @example
 * ```ts
 * const roc = new RocArea();
 * roc.add(1); // score 0.9
 * roc.closeGroup();
 * roc.add(0); // score 0.5
 * roc.add(1); // score 0.5, tied
 * roc.closeGroup();
 * roc.auc(); // 0.75
 * ```
 */
export class RocArea {
  /** Positive weight of the rows added so far. */
  positive = 0;
  /** Negative weight of the rows added so far. */
  negative = 0;
  /** `positive` when the last group was closed. */
  closedPositive = 0;
  private closedNegative = 0;
  /** Twice the area so far, in positive × negative weight units. */
  private doubleArea = 0;

  /** Adds a row whose positive weight is `w` (1 or 0 for a labelled row). */
  add(w: number): void {
    this.positive += w;
    this.negative += 1 - w;
  }

  /** Closes the group of rows added since the last close, which share one score. */
  closeGroup(): void {
    this.doubleArea += (this.negative - this.closedNegative) * (this.positive + this.closedPositive);
    this.closedPositive = this.positive;
    this.closedNegative = this.negative;
  }

  /** The normalised area of the closed groups: NaN unless both classes have weight. */
  auc(): number {
    const { positive, negative } = this;
    return positive > 0 && negative > 0 ? this.doubleArea / (2 * positive * negative) : Number.NaN;
  }
}
