/** Per-item statistics that need the raw responses rather than the covariance matrix. */
export interface ItemTotalStatistics {
  /** Answered responses per item. */
  readonly counts: Float64Array;
  readonly means: Float64Array;
  /** psych's raw.r: correlation of each item with the respondents' mean of answered items. */
  readonly rTotal: Float64Array;
  /** Rows with no answered item (no mean score). */
  readonly emptyRows: number;
}

/**
 * psych::alpha's `raw.r`: `cor(rowMeans(x, na.rm = TRUE), x, use = "pairwise")`. Two O(n·k)
 * passes: the first forms every row's mean of answered items and each item's mean; the second
 * accumulates, per item over the rows where it is answered, the sums of the total and the item
 * shifted by their overall means (a shifted one-pass formula, accurate because the shifts are
 * close to the pair means).
 */
export function itemTotalStatistics(columns: readonly Float64Array[], n: number): ItemTotalStatistics {
  const k = columns.length;
  const total = new Float64Array(n);
  const answered = new Float64Array(n);
  const counts = new Float64Array(k);
  const means = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = columns[j] as Float64Array;
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v === v) {
        total[i] = (total[i] as number) + v;
        answered[i] = (answered[i] as number) + 1;
        s += v;
        c++;
      }
    }
    counts[j] = c;
    means[j] = s / c;
  }
  let emptyRows = 0;
  let grand = 0;
  for (let i = 0; i < n; i++) {
    const c = answered[i] as number;
    if (c === 0) {
      total[i] = Number.NaN;
      emptyRows++;
    } else {
      total[i] = (total[i] as number) / c;
      grand += total[i] as number;
    }
  }
  const shift = grand / (n - emptyRows);
  const rTotal = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = columns[j] as Float64Array;
    const mx = means[j] as number;
    let st = 0;
    let sx = 0;
    let stt = 0;
    let sxx = 0;
    let stx = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v === v) {
        // An answered item implies an answered row, so the total is defined here.
        const dt = (total[i] as number) - shift;
        const dx = v - mx;
        st += dt;
        sx += dx;
        stt += dt * dt;
        sxx += dx * dx;
        stx += dt * dx;
      }
    }
    const m = counts[j] as number;
    const ctx = stx - (st * sx) / m;
    const ctt = stt - (st * st) / m;
    const cxx = sxx - (sx * sx) / m;
    rTotal[j] = ctx / Math.sqrt(ctt * cxx);
  }
  return { counts, means, rTotal, emptyRows };
}
