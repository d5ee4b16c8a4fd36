// 95 % confidence intervals for means estimated from one simulation run. Consecutive calls' waits
// are correlated (a busy spell delays many callers), so the textbook i.i.d. interval is too narrow;
// the method of batch means (calls split by arrival order into BATCHES batches, whose means are
// nearly independent) accounts for that. The reported half-width is the larger of the two, so it is
// never narrower than the binomial interval of the sample size.

const BATCHES = 20;
/** Student's t, 97.5 % quantile, BATCHES − 1 = 19 degrees of freedom. */
const T_975_DF19 = 2.093;
const Z_975 = 1.959964;

export class BatchMeans {
  private readonly sums = new Float64Array(BATCHES);
  private readonly counts = new Float64Array(BATCHES);
  private sum = 0;
  private sumOfSquares = 0;
  private count = 0;

  /** `position` in [0, 1): the observation's place in the run (arrival index ÷ calls). */
  add(position: number, value: number): void {
    const batch = Math.min(BATCHES - 1, Math.floor(position * BATCHES));
    this.sums[batch] = (this.sums[batch] ?? 0) + value;
    this.counts[batch] = (this.counts[batch] ?? 0) + 1;
    this.sum += value;
    this.sumOfSquares += value * value;
    this.count++;
  }

  /** null without observations. */
  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  /** Half-width of the 95 % confidence interval of the mean; null with fewer than two observations in any batch. */
  halfWidth95(): number | null {
    if (this.count < 2) return null;
    const mean = this.sum / this.count;
    const iidVariance = Math.max(0, (this.sumOfSquares - this.count * mean * mean) / (this.count - 1));
    const iidHalfWidth = (Z_975 * Math.sqrt(iidVariance)) / Math.sqrt(this.count);
    const batchMeans: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const count = this.counts[b] ?? 0;
      if (count < 2) return null;
      batchMeans.push((this.sums[b] ?? 0) / count);
    }
    const grand = batchMeans.reduce((total, value) => total + value, 0) / BATCHES;
    const batchVariance = batchMeans.reduce((total, value) => total + (value - grand) ** 2, 0) / (BATCHES - 1);
    const batchHalfWidth = (T_975_DF19 * Math.sqrt(batchVariance)) / Math.sqrt(BATCHES);
    return Math.max(iidHalfWidth, batchHalfWidth);
  }
}
