#!/usr/bin/env node
// Writes THIRD-PARTY-NOTICES (shipped in the package, "files" in package.json): the licences and
// notices of every third-party file the build bundled into dist/. `npm run build` runs it after
// tsup; `node scripts/third-party-notices.mjs --check` only reports whether the file is current.
//
// What was bundled is read from the esbuild metafiles each tsup build writes
// (dist/**/metafile-*.json, not published), so the list follows the build, not a hand-kept list.
// For each bundled package: its licence file (or the licence section of its README when it has
// none), its NOTICE file, and the licence and copyright notices in the headers of the bundled
// files themselves (@stdlib files quote the FreeBSD, Boost, Cephes and Go notices of the code they
// were ported from; seedrandom's Alea carries its author's MIT notice). The Apache-2.0 text, the
// same in ~140 @stdlib licence files, is printed once.
//
// A bundled package with no licence text found is an error: add it here deliberately.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'THIRD-PARTY-NOTICES');
const check = process.argv.includes('--check');

/** Every metafile under dist/. */
function metafiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return metafiles(path);
    return /^metafile-.*\.json$/.test(entry.name) ? [path] : [];
  });
}

const metas = metafiles(join(root, 'dist'));
if (metas.length === 0) {
  console.error('third-party-notices: no dist/**/metafile-*.json; run `npm run build` (tsup) first.');
  process.exit(1);
}

// Input files that reached some output (bytesInOutput > 0), keyed by package directory.
const packages = new Map(); // dir -> { files: Set<string> }
const stubbed = new Set();
for (const path of metas) {
  const meta = JSON.parse(readFileSync(path, 'utf8'));
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue;
      if (/^[\w-]+:/.test(input)) {
        stubbed.add(input.slice(input.indexOf(':') + 1)); // an esbuild namespace, e.g. the debug stub
        continue;
      }
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(input);
      if (!m) continue; // psychkit's own source
      const entry = packages.get(m[1]) ?? { files: new Set() };
      entry.files.add(input);
      packages.set(m[1], entry);
    }
  }
}

const read = (path) => readFileSync(join(root, path), 'utf8').replace(/\r\n/g, '\n');
const firstExisting = (dir, names) => {
  const files = existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [];
  return files.find((f) => names.some((n) => n.test(f)));
};

/** The licence section of a README: from a "License" heading to the next heading or the end. */
function readmeLicence(dir) {
  const readme = firstExisting(dir, [/^readme(\.md)?$/i]);
  if (!readme) return null;
  const lines = read(join(dir, readme)).split('\n');
  const isHeading = (i) => /^#+\s/.test(lines[i]) || /^[-=]{3,}\s*$/.test(lines[i + 1] ?? '');
  const start = lines.findIndex((line, i) => /^#*\s*licen[cs]e\b/i.test(line) && isHeading(i));
  if (start < 0) return null;
  let end = lines.length;
  for (let i = start + 2; i < lines.length; i++) if (isHeading(i)) { end = i; break; }
  return lines.slice(start, end).join('\n').trim();
}

/** The leading comment of a source file, without comment markers. */
function leadingComment(text) {
  const lines = text.replace(/^#!.*\n/, '').split('\n');
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const out = [];
  if (lines[i]?.trim().startsWith('/*')) {
    for (; i < lines.length; i++) {
      const done = lines[i].includes('*/');
      out.push(lines[i].replace(/\*\/.*$/, '').replace(/^\s*\/\*+!?\s?/, '').replace(/^\s*\*\s?/, ''));
      if (done) break;
    }
  } else {
    for (; i < lines.length && (/^\s*\/\//.test(lines[i]) || lines[i].trim() === ''); i++) out.push(lines[i].replace(/^\s*\/\/\s?/, ''));
  }
  return out.join('\n').trim();
}

const APACHE_END = 'END OF TERMS AND CONDITIONS';
const APACHE_HEADER_END = 'limitations under the License.';

const rows = [];
const licenceGroups = new Map(); // licence text -> package names
const extraTerms = new Map(); // text after the Apache terms -> package names
const notices = new Map(); // NOTICE text -> package names
const headerCopyrights = new Map(); // copyright line of a short Apache file header -> count
const headerNotices = new Map(); // notice block from a file header -> files
const missing = [];

for (const [dir, { files }] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const pkg = JSON.parse(read(join(dir, 'package.json')));
  rows.push([pkg.name, pkg.version, pkg.license ?? '?', files.size]);

  const licenceFile = firstExisting(dir, [/^licen[cs]e(\.md|\.txt)?$/i]);
  let licence = licenceFile ? read(join(dir, licenceFile)).trim() : readmeLicence(dir);
  if (!licence) missing.push(pkg.name);
  else {
    const cut = licence.indexOf(APACHE_END);
    if (cut >= 0) {
      const extra = licence.slice(cut + APACHE_END.length).trim();
      licence = licence.slice(0, cut + APACHE_END.length);
      if (extra) extraTerms.set(extra, [...(extraTerms.get(extra) ?? []), pkg.name]);
    }
    const label = licenceFile ? licence : `(from ${pkg.name}'s README; the package has no licence file)\n\n${licence}`;
    licenceGroups.set(label, [...(licenceGroups.get(label) ?? []), pkg.name]);
  }
  const noticeFile = firstExisting(dir, [/^notice(\.md|\.txt)?$/i]);
  if (noticeFile) {
    const text = read(join(dir, noticeFile)).trim();
    notices.set(text, [...(notices.get(text) ?? []), pkg.name]);
  }

  for (const file of [...files].sort()) {
    let header = leadingComment(read(file));
    if (/@license Apache-2\.0/.test(header) && header.includes(APACHE_HEADER_END)) {
      const short = header.slice(0, header.indexOf(APACHE_HEADER_END));
      for (const line of short.split('\n')) if (/^copyright\b/i.test(line.trim())) headerCopyrights.set(line.trim(), (headerCopyrights.get(line.trim()) ?? 0) + 1);
      header = header.slice(header.indexOf(APACHE_HEADER_END) + APACHE_HEADER_END.length).trim().replace(/^## Notice\s*/, '');
    } else if (!/copyright/i.test(header)) header = '';
    if (header && /copyright|licen[cs]e|permission/i.test(header)) {
      headerNotices.set(header, [...(headerNotices.get(header) ?? []), relative('node_modules', file)]);
    }
  }
}

if (missing.length > 0) {
  console.error(`third-party-notices: no licence text found for ${missing.join(', ')}; handle it in scripts/third-party-notices.mjs.`);
  process.exit(1);
}

/** A list of package names; most of one scope is written as "all … except …". */
const names = (list) => {
  const sorted = [...new Set(list)].sort();
  const scope = /^(@[^/]+)\//.exec(sorted[0] ?? '')?.[1];
  const inScope = scope ? rows.map(([name]) => name).filter((name) => name.startsWith(`${scope}/`)) : [];
  const except = inScope.filter((name) => !sorted.includes(name));
  if (scope && except.length < sorted.length / 4 && sorted.every((name) => inScope.includes(name))) {
    return `${except.length === 0 ? 'all' : 'the'} ${sorted.length} ${scope} packages${except.length > 0 ? ` in section 1 other than ${except.join(', ')}` : ' in section 1'}`;
  }
  return sorted.join(', ');
};
const wrap = (text, width = 100) => {
  const out = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
};
const rule = '='.repeat(100);
const section = (title) => `\n${rule}\n${title}\n${rule}\n`;
const sub = (title) => `\n${'-'.repeat(100)}\n${wrap(title)}\n${'-'.repeat(100)}\n\n`;

const { version } = JSON.parse(read('package.json'));
const width = Math.max(...rows.map((r) => r[0].length));
let text = `THIRD-PARTY NOTICES for psychkit ${version}

${wrap(`psychkit is licensed under the MIT licence (LICENSE). Its build bundles code from the ${rows.length} npm packages listed below into the files in dist/ (the ES module, CommonJS, browser and classic-script builds), so that psychkit installs without run-time dependencies. Their licences and notices follow. Only the files listed as bundled are included, and only the functions psychkit reaches from them.`)}
${stubbed.size > 0 ? `\n${wrap(`Not included: ${[...stubbed].sort().join(', ')} (required by @stdlib's inverse incomplete gamma for an overflow warning); the build replaces it with a function that does nothing.`)}\n` : ''}
${wrap('This file is generated by scripts/third-party-notices.mjs (run by `npm run build`) from the esbuild metafiles of the build; edit the script, not this file.')}

Contents
  1. Bundled packages
  2. Licences
  3. NOTICE files
  4. Notices in the headers of the bundled files
${section('1. Bundled packages (name, version, licence, files bundled)')}
${rows.map(([name, v, lic, n]) => `${name.padEnd(width)}  ${v.padEnd(8)}  ${lic.padEnd(10)}  ${n}`).join('\n')}
${section('2. Licences')}`;

for (const [licence, list] of [...licenceGroups].sort((a, b) => b[1].length - a[1].length || a[1][0].localeCompare(b[1][0]))) {
  text += sub(`Licence of ${names(list)}`) + licence + '\n';
}
for (const [extra, list] of [...extraTerms].sort((a, b) => a[1][0].localeCompare(b[1][0]))) {
  text += sub(`Further terms in the licence files of ${names(list)} (after the Apache License 2.0 above)`) + extra + '\n';
}
text += section('3. NOTICE files');
for (const [notice, list] of [...notices].sort((a, b) => b[1].length - a[1].length)) text += sub(`NOTICE of ${names(list)}`) + notice + '\n';
text += section('4. Notices in the headers of the bundled files');
if (headerCopyrights.size > 0) {
  text += `\n${wrap('Each bundled @stdlib file begins with a short Apache-2.0 header (the licence is in section 2) with one of these copyright lines:')}\n\n`;
  text += [...headerCopyrights.keys()].sort().map((line) => `  ${line}`).join('\n') + '\n';
  text += `\n${wrap('Some headers also quote the copyright and licence of the code the file was ported from. Each distinct text follows, with the files that carry it.')}\n`;
}
for (const [notice, files] of [...headerNotices].sort((a, b) => a[1][0].localeCompare(b[1][0]))) {
  text += sub(`In ${files.sort().join(', ')}`) + notice + '\n';
}

if (check) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== text) {
    console.error('third-party-notices: THIRD-PARTY-NOTICES is out of date; run `npm run build` (or node scripts/third-party-notices.mjs) and commit it.');
    process.exit(1);
  }
  console.log('third-party-notices: THIRD-PARTY-NOTICES is current.');
} else {
  writeFileSync(outFile, text);
  console.log(`third-party-notices: wrote THIRD-PARTY-NOTICES (${rows.length} bundled packages, ${headerNotices.size} file-header notices, ${(Buffer.byteLength(text) / 1024).toFixed(1)} kB).`);
}
