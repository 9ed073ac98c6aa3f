// A plain least-squares slope, the reference the kernel tests compare pathModel's bootstrap with.
/** Least-squares slope of y on x over the first n values: a bootstrap() statistic (test reference for pathModel's kernel). */
export function slopeOf([x, y]: readonly Float64Array[], n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x![i]!;
    my += y![i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x![i]! - mx) * (y![i]! - my);
    sxx += (x![i]! - mx) ** 2;
  }
  return sxy / sxx;
}
