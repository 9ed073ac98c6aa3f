// `npm run study:reference-checks`: runs the test suite with setup.ts counting every tolerance
// comparison, then prints per test file and test: what was compared, the tolerance, and how many
// values. The counts back the reference table in docs/validation.md. Extra arguments are passed to
// vitest (e.g. a test path to count only that file).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const log = join(here, '.checks.jsonl');
rmSync(log, { force: true });
try {
  execFileSync('npx', ['vitest', 'run', '--config', join(here, 'vitest.config.ts'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, REFERENCE_CHECKS_LOG: log },
  });
} catch {
  process.stderr.write('vitest reported failures; counting what ran\n');
}
if (!existsSync(log)) throw new Error('no comparisons were recorded');

type Row = [string, string, string, string, number, number];
const rows = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
rmSync(log, { force: true });
interface Group { file: string; test: string; kind: string; label: string; n: number; tolMin: number; tolMax: number }
const groups = new Map<string, Group>();
for (const [path, test, kind, label, tol, n] of rows) {
  const file = relative(root, path);
  // Group by order of magnitude of the tolerance, so scaled tolerances (1e-9·max(1, |x|)) stay together.
  const decade = tol > 0 && Number.isFinite(tol) ? Math.floor(Math.log10(tol)) : tol;
  const key = JSON.stringify([file, test, kind, label, decade]);
  const g = groups.get(key) ?? { file, test, kind, label, n: 0, tolMin: Infinity, tolMax: -Infinity };
  g.n += n;
  g.tolMin = Math.min(g.tolMin, tol);
  g.tolMax = Math.max(g.tolMax, tol);
  groups.set(key, g);
}
const sorted = [...groups.values()].sort((a, b) => a.file.localeCompare(b.file) || a.test.localeCompare(b.test) || a.label.localeCompare(b.label));
const fmt = (t: number) => (Number.isFinite(t) ? t.toPrecision(2) : String(t));
const perFile = new Map<string, number>();
for (const g of sorted) perFile.set(g.file, (perFile.get(g.file) ?? 0) + g.n);
const lines = ['| file | test | kind | label | values | tolerance |', '|---|---|---|---|---:|---|'];
for (const g of sorted) {
  const tol = g.tolMin === g.tolMax ? fmt(g.tolMin) : `${fmt(g.tolMin)} … ${fmt(g.tolMax)}`;
  lines.push(`| ${g.file} | ${g.test.replace(/\|/g, '\\|')} | ${g.kind} | ${g.label.replace(/\|/g, '\\|')} | ${g.n} | ${tol} |`);
}
lines.push('', '| file | values compared with a tolerance |', '|---|---:|');
for (const [file, n] of perFile) lines.push(`| ${file} | ${n} |`);
const out = lines.join('\n') + '\n';
process.stdout.write(out);
const json = process.env.REFERENCE_CHECKS_JSON;
if (json) writeFileSync(json, JSON.stringify(sorted, null, 1) + '\n');
