import { fail } from '../errors.js';
import { numberIn, oneOf, show } from '../util/options.js';
import type { StandardErrors } from './fit.js';

/** Heteroskedasticity-consistent standard errors: `'none'` (classical OLS) or HC0–HC4. */
export type HcOption = 'none' | 'HC0' | 'HC1' | 'HC2' | 'HC3' | 'HC4';

export const HC_OPTIONS: readonly HcOption[] = ['none', 'HC0', 'HC1', 'HC2', 'HC3', 'HC4'];

/** Validates `hc` and maps it to the internal estimator name. */
export function hcOption(value: unknown): { hc: HcOption; standardErrors: StandardErrors } {
  const hc = oneOf<HcOption>('hc', value, HC_OPTIONS, 'none');
  return { hc, standardErrors: hc === 'none' ? 'ols' : hc };
}

/** Validates `confidence` (a level in (0, 1), default 0.95). */
export function confidenceOption(value: unknown): number {
  if (typeof value === 'number' && value > 1 && value < 100) {
    throw fail('INVALID_OPTION', `\`confidence\` is a proportion in (0, 1) (e.g. 0.95), not a percentage; got ${value}.`, { option: 'confidence', value });
  }
  return numberIn('confidence', value, 0.95, 0, 1, { exclusiveMin: true, exclusiveMax: true });
}

/** A single column name. */
export function nameOption(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw fail('INVALID_OPTION', `\`${option}\` must be a column name; got ${show(value)}.`, { option, value });
  }
  return value;
}

/** A column name or a list of them, as a list. */
export function namesOption(option: string, value: unknown, { min = 1, required = true } = {}): readonly string[] {
  if (value === undefined && !required) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a column name or a list of column names; got ${show(value)}.`, { option, value });
  }
  const seen = new Set<string>();
  for (const v of list) {
    if (typeof v !== 'string' || v === '') throw fail('INVALID_OPTION', `\`${option}\` must list column names; got ${show(v)}.`, { option, value: v });
    if (seen.has(v)) throw fail('DUPLICATE_NAME', `"${v}" is listed twice in \`${option}\`.`, { option, column: v });
    seen.add(v);
  }
  if (list.length < min) {
    throw fail('TOO_FEW_VARIABLES', `\`${option}\` lists ${list.length} column(s); at least ${min} ${min === 1 ? 'is' : 'are'} needed.`, { option });
  }
  return list as string[];
}
