import { readFileSync } from 'node:fs';
import type { BenchCase } from './harness.js';
import { cfa, sem, type SemOptions } from '../src/index.js';

// The shared lavaan cases (test/fixtures/cfa.json): each must run at least 5× faster than the
// lavaanSeconds recorded beside it (median of 5 lavaan fits on the reference machine).
const reference = JSON.parse(readFileSync(new URL('../test/fixtures/cfa.json', import.meta.url), 'utf8')) as {
  cases: Record<string, { fun: 'cfa' | 'sem'; model: string; data: string; prep: { reverse: string[]; total: number } | null; options: { stdLv?: boolean; estimator?: 'ML' | 'MLR' | 'WLSMV'; ordered?: string[]; missing?: 'listwise' | 'fiml'; group?: string; groupEqual?: ('loadings' | 'intercepts')[] }; lavaanSeconds: number }>;
};

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(`../test/fixtures/${file}`, import.meta.url), 'utf8').trim().split(/\r?\n/);
  const names = head!.split(',').map((h) => h.replace(/"/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v.replace(/"/g, '')])));
}

const cases: BenchCase[] = ['hs_ml', 'hs_mlr', 'hs_stdlv', 'hs_syntax', 'esse_fiml', 'esse_listwise', 'peer_mediation', 'hs_school_configural', 'hs_school_metric', 'hs_school_scalar', 'esse_wlsmv'].map((name) => {
  const c = reference.cases[name]!;
  const options: SemOptions = {
    model: c.model,
    missingCodes: ['NA'],
    ...(c.options.stdLv === true ? { stdLv: true } : {}),
    ...(c.options.estimator === 'MLR' ? { estimator: 'MLR' as const } : {}),
    ...(c.options.estimator === 'WLSMV' ? { estimator: 'WLSMV' as const, ordered: c.options.ordered ?? true } : {}),
    ...(c.options.missing === 'fiml' ? { missing: 'fiml' as const } : {}),
    ...(c.options.group === undefined ? {} : { group: c.options.group }),
    ...(c.options.groupEqual === undefined ? {} : { groupEqual: c.options.groupEqual }),
  };
  return {
    name: `${c.fun} ${name} (lavaan ${Math.round(c.lavaanSeconds * 1000)} ms)`,
    targetMs: (c.lavaanSeconds * 1000) / 5,
    setup: () => {
      const rows = csv(c.data);
      if (c.prep === null) return rows;
      const { reverse, total } = c.prep;
      return rows.map((r) => {
        const o = { ...r };
        for (const k of reverse) if (o[k] !== 'NA' && o[k] !== '') o[k] = String(total - Number(o[k]));
        return o;
      });
    },
    run: (rows) => (c.fun === 'sem' ? sem : cfa)(rows as Record<string, string>[], options),
    runs: 15,
  };
});
// lavaan's bootstrap of peer_mediation: 1,000 draws in 28.7 s (bootstrapTiming); target 20× faster.
{
  const c = reference.cases['peer_mediation']!;
  const base = cases.find((k) => k.name.includes('peer_mediation'))!;
  cases.push({
    name: 'sem peer_mediation, 1,000 bootstrap resamples (lavaan 28.7 s)',
    targetMs: 28_733 / 20,
    setup: base.setup!,
    run: (rows) => sem(rows as Record<string, string>[], { model: c.model, missingCodes: ['NA'], resamples: 1000, seed: 1 }),
    runs: 5,
    warmup: 1,
  });
}
export default cases;
