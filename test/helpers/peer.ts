// The analysis table of shared/reference/scripts/reference.R: scale scores (taken from the
// reference JSON, since scoring is tested elsewhere) next to the raw covariates.
import { loadCsv, loadJson } from './fixtures.js';

export const reference = loadJson('peer-workers.json');
const raw = loadCsv('peer-workers.csv');

/** Columns: esse, ss, si, pwb, rec (null = missing), gender, education (numbers), marital (string). */
export const peer: Record<string, (number | string | null)[]> = {
  esse: reference.scales.esse.scores,
  ss: reference.scales.mspss.scores,
  si: reference.scales.si.scores,
  pwb: reference.scales.pwb.scores,
  rec: reference.scales.ras.scores,
  gender: raw.map((r) => Number(r.gender)),
  education: raw.map((r) => Number(r.education)),
  marital: raw.map((r) => r.marital as string),
};

/** marital as reference.R declares it (reference level `never`). */
export const maritalLevels = { marital: ['never', 'married', 'divorced', 'widowed', 'partnered'] } as const;

/** R's term names → psychkit's (`(Intercept)` → `constant`, `maritalmarried` → `marital[married]`, `a:b` kept). */
export function psychkitTerm(r: string): string {
  if (r === '(Intercept)') return 'constant';
  const m = /^marital(\w+)$/.exec(r);
  return m ? `marital[${m[1]}]` : r;
}
