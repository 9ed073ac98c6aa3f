/**
 * Kaiser normalisation in place: divides each row of the p × k matrix `x` by its length and
 * returns the lengths (to multiply back). A zero row — left at zero by every rotation — keeps
 * length 1, where R's and GPArotation's 0/0 would turn the whole solution into NaN.
 */
export function kaiserNormalize(x: Float64Array, p: number, k: number): Float64Array {
  const lengths = new Float64Array(p).fill(1);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += (x[i * k + j] as number) ** 2;
    if (!(s > 0)) continue;
    const w = Math.sqrt(s);
    lengths[i] = w;
    for (let j = 0; j < k; j++) x[i * k + j] = (x[i * k + j] as number) / w;
  }
  return lengths;
}
