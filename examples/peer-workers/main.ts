// `npm run demo`: the whole peer-worker study on the bundled survey. Prints the report on stdout,
// bootstrap progress on stderr (each PROCESS model and the latent H1 SEM), and writes
// out/report.md, out/report.html and the SVG figures.
//
//   npm run demo                       5,000 resamples per mediation model (and the SEM), seed 42
//   npm run demo -- --resamples 10000 --seed 7
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { runStudy } from './study.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number; got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return value;
}

const started = performance.now();
const rows = csvParse(readFileSync(new URL('./peer-workers.csv', import.meta.url), 'utf8'));

// Progress on stderr, so stdout stays the report: a line updated in place on a terminal, one line
// per model otherwise (CI logs).
const tty = process.stderr.isTTY === true;
let current = '';
const study = runStudy(rows, {
  resamples: option('resamples', 5000),
  seed: option('seed', 42),
  onProgress(stage, done, total) {
    if (tty) {
      process.stderr.write(`\r\x1b[2Kbootstrapping ${stage}: ${Math.round((100 * done) / total)}%`);
      if (done === total) process.stderr.write('\n');
    } else if (stage !== current) {
      current = stage;
      process.stderr.write(`bootstrapping ${stage} (${total} resamples)\n`);
    }
  },
});

process.stdout.write(study.report.text);

const out = new URL('../../out/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('report.md', out), study.report.markdown);
writeFileSync(new URL('report.html', out), study.report.html);
// The Markdown report links its figures (GitHub does not show inline SVG).
writeFileSync(new URL('scree.svg', out), study.figures.scree);
for (const [name, svg] of Object.entries(study.figures.paths)) writeFileSync(new URL(`path-${name.toLowerCase()}.svg`, out), svg);
writeFileSync(new URL('sem-h1.svg', out), study.figures.latentH1);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stderr.write(`\nwrote out/report.md and out/report.html (with ${2 + Object.keys(study.figures.paths).length} SVG figures) in ${seconds} s\n`);
