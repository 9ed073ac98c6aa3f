// Size of the browser bundle (dist/browser/psychkit.js: every dependency included, minified) and
// what is in it. Run after `npm run build`:
//   node scripts/bundle-size.mjs          sizes, and the bytes each package contributes
//   node scripts/bundle-size.mjs --files  also every bundled source file
// Attribution reads the esbuild metafile the build writes beside the bundle
// (dist/browser/metafile-esm.json, not published): esbuild records how many bytes of the output
// each input file became, so it shows exactly what got bundled (@stdlib ships CommonJS, which
// bundlers cannot tree-shake below the file level).
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const bundlePath = new URL('../dist/browser/psychkit.js', import.meta.url);
const code = readFileSync(bundlePath);
const meta = JSON.parse(readFileSync(new URL('../dist/browser/metafile-esm.json', import.meta.url), 'utf8'));
const output = meta.outputs['dist/browser/psychkit.js'];
if (!output || output.bytes !== code.length) {
  console.error('dist/browser/metafile-esm.json does not describe dist/browser/psychkit.js: run `npm run build` again.');
  process.exit(1);
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// Bytes per input file (files that contributed nothing — type-only modules — are left out).
const sources = Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
const bytesBySource = new Map(sources.map(([file, { bytesInOutput }]) => [file, bytesInOutput]));

const packageOf = (file) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (m) return m[1];
  return /^[\w-]+:/.test(file) ? `${file} (build stub)` : 'psychkit (src/)';
};
const byPackage = new Map();
for (const [file, bytes] of bytesBySource) {
  const name = packageOf(file);
  byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
}
const mapped = [...bytesBySource.values()].reduce((a, b) => a + b, 0);

console.log('dist/browser/psychkit.js (ES module, all dependencies bundled, minified)');
console.log(`  minified ${kb(code.length)}, gzip -9 ${kb(gzip)}, brotli ${kb(brotli)}`);
console.log(`  ${bytesBySource.size} source files from ${byPackage.size} packages; ${kb(code.length - mapped)} not attributed to a source (bundler glue, the licence banner)`);
const rows = [...byPackage].sort((a, b) => b[1] - a[1]);
const stdlib = rows.filter(([name]) => name.startsWith('@stdlib/'));
console.log(`  @stdlib: ${stdlib.length} packages, ${kb(stdlib.reduce((a, [, b]) => a + b, 0))} minified`);
console.log('  largest contributions (minified bytes):');
for (const [name, bytes] of rows.slice(0, 15)) console.log(`    ${kb(bytes).padStart(9)}  ${name}`);
if (process.argv.includes('--files')) {
  console.log('  every bundled file:');
  for (const [file, bytes] of [...bytesBySource].sort((a, b) => b[1] - a[1])) console.log(`    ${String(bytes).padStart(7)}  ${file}`);
}
