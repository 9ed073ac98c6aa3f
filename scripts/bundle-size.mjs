// Size of the browser bundle (dist/browser/psychkit.js: every dependency included, minified) and
// what is in it. Run after `npm run build`:
//   node scripts/bundle-size.mjs          sizes, and the bytes each package contributes
//   node scripts/bundle-size.mjs --files  also every bundled source file
// Attribution reads the bundle's source map: each byte of output is charged to the source file
// its mapping segment points at, so it shows exactly what got bundled (@stdlib ships CommonJS,
// which bundlers cannot tree-shake below the file level).
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const bundlePath = new URL('../dist/browser/psychkit.js', import.meta.url);
const code = readFileSync(bundlePath);
const map = JSON.parse(readFileSync(new URL('../dist/browser/psychkit.js.map', import.meta.url), 'utf8'));

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// Decode the "mappings" VLQ string: per generated line, segments of [column, source, …].
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digit = new Map([...BASE64].map((c, i) => [c, i]));
function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const d = digit.get(c);
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

const lines = code.toString('utf8').split('\n');
const bytesBySource = new Map();
let source = 0;
map.mappings.split(';').forEach((lineMappings, lineIndex) => {
  const line = lines[lineIndex] ?? '';
  let column = 0;
  const segments = lineMappings === '' ? [] : lineMappings.split(',').map(decodeSegment);
  segments.forEach((segment, k) => {
    column += segment[0];
    if (segment.length > 1) source += segment[1];
    // Charge the bytes up to the next segment (or the end of the line) to this segment's source.
    let end = line.length;
    if (k + 1 < segments.length) end = column + segments[k + 1][0];
    const bytes = Buffer.byteLength(line.slice(column, end));
    if (segment.length > 1) bytesBySource.set(source, (bytesBySource.get(source) ?? 0) + bytes);
  });
});

const packageOf = (file) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return m ? m[1] : 'psychkit (src/)';
};
const byPackage = new Map();
for (const [index, bytes] of bytesBySource) {
  const name = packageOf(map.sources[index]);
  byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
}
const mapped = [...bytesBySource.values()].reduce((a, b) => a + b, 0);

console.log('dist/browser/psychkit.js (ES module, all dependencies bundled, minified)');
console.log(`  minified ${kb(code.length)}, gzip -9 ${kb(gzip)}, brotli ${kb(brotli)}`);
console.log(`  ${map.sources.length} source files from ${byPackage.size} packages; ${kb(code.length - mapped)} not mapped to a source (bundler glue)`);
const rows = [...byPackage].sort((a, b) => b[1] - a[1]);
const stdlib = rows.filter(([name]) => name.startsWith('@stdlib/'));
console.log(`  @stdlib: ${stdlib.length} packages, ${kb(stdlib.reduce((a, [, b]) => a + b, 0))} minified`);
console.log('  largest contributions (minified bytes):');
for (const [name, bytes] of rows.slice(0, 15)) console.log(`    ${kb(bytes).padStart(9)}  ${name}`);
if (process.argv.includes('--files')) {
  console.log('  every bundled file:');
  for (const [index, bytes] of [...bytesBySource].sort((a, b) => b[1] - a[1])) console.log(`    ${String(bytes).padStart(7)}  ${map.sources[index]}`);
}
