// `npx tsx examples/app-scoring/main.ts`: scores two weeks of simulated PHQ-9 + GAD-7 submissions
// and prints what an app would store and show.
import { randomStream } from '../../src/index.js';
import { changeBetween, GAD7, PHQ9, scoreBatch, type Submission } from './scoring.js';

/** Simulated submissions: 60 clients, each with a severity that improves for most by week 8; two straight-liners. */
function simulate(week: number, seed: number): Submission[] {
  const rng = randomStream(seed);
  const base = randomStream(1); // each client's severity is the same draw in both weeks
  return Array.from({ length: 60 }, (_, c) => {
    const severity = 0.5 + 2 * base.next() - (week === 8 && c % 4 !== 3 ? 0.9 * base.next() : 0 * base.next());
    const answer = () => Math.max(0, Math.min(3, Math.round(severity + (rng.next() - 0.5) * 1.6)));
    const row: Record<string, string | number | null> = { client: `c${String(c + 1).padStart(2, '0')}` };
    for (const item of [...PHQ9.items, ...GAD7.items]) row[item] = answer();
    row['phq9'] = c === 12 && week === 0 ? 2 : 0; // thoughts of self-harm: rare
    if (c === 7 || c === 21) for (const item of [...PHQ9.items, ...GAD7.items]) row[item] = week === 0 ? 1 : 0;
    if (c === 30) row['gad3'] = null; // a skipped item: no GAD-7 score
    return row;
  });
}

const week0 = scoreBatch(simulate(0, 10));
const week8 = scoreBatch(simulate(8, 11));

console.log('Week 0: first five stored records');
for (const r of week0.slice(0, 5)) console.log(JSON.stringify(r));
const urgent = week0.filter((r) => r.selfHarm === true).map((r) => r.client);
console.log(`\nPHQ-9 item 9 above 0 (route to a clinician): ${urgent.join(', ') || 'none'}`);
const flagged = week0.filter((r) => r.screeningFlags.length > 0).map((r) => `${r.client} (${r.screeningFlags.join(', ')})`);
console.log(`Careless-responding flags: ${flagged.join('; ') || 'none'}`);

const change = changeBetween(week0, week8);
const s = change.phq9.standardError;
console.log(`\nPHQ-9: a change of ${s.reliableChange.toFixed(1)} points or more is reliable (SEM ${s.sem.toFixed(2)}).`);
console.log('PHQ-9 at week 8:', change.phq9.counts);
console.log('GAD-7 at week 8:', change.gad7.counts);
const c = change.clients.indexOf('c02');
console.log(`c02: PHQ-9 ${week0[1]?.phq9} → ${week8[1]?.phq9}, RCI ${change.phq9.rci[c]?.toFixed(2)}, ${change.phq9.category[c]}`);
