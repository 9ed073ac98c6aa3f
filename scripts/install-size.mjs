#!/usr/bin/env node
// What a user's `npm install psychkit` brings, measured from the packed tarball (run after
// `npm run build`; .ci/run does, `npm run install-size` too):
//   1. `npm pack` into a temporary directory — exactly the files npm would publish;
//   2. a fresh temporary project (its own package.json, nothing else) runs
//      `npm install <tarball> --no-audit --no-fund`;
//   3. counts the packages in its node_modules (every directory with a package.json at
//      node_modules/<name> or node_modules/@scope/<name>, nested node_modules included; psychkit
//      itself counts) and their bytes: the sum of file sizes, and the space on disk (allocated
//      blocks, what `du` reports).
// Fails when more than MAX_PACKAGES packages are installed or either byte figure exceeds
// MAX_BYTES (3 MB = 3,000,000 bytes), or when the tarball carries source maps or build records.
//
//   node scripts/install-size.mjs          measure and check
//   node scripts/install-size.mjs --list   also list the installed packages
//   node scripts/install-size.mjs --tarball some.tgz   measure that tarball instead of packing
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_PACKAGES = 10;
// 3.5 MB since CFA/SEM, 4 MB since WLSMV, multiple groups and invariance, 4.5 MB since screening,
// the reliability family and the instrument tables, 5 MB since tidy rows, the notebook figures and
// psychkit/worker (6 December 2026; docs/performance.md, "What npm installs").
const MAX_BYTES = 5_000_000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const kb = (n) => `${(n / 1e3).toFixed(1)} kB`;

// npm run sets npm_config_* and npm_package_* for the script; the nested npm commands must act
// like a user's plain `npm install`, not inherit this project's settings.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)));
env.npm_config_loglevel = 'error';
env.npm_config_update_notifier = 'false';

function npm(args, cwd) {
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`install-size: npm ${args.join(' ')} failed (exit ${result.status})\n${result.stdout}\n${result.stderr}`);
    process.exit(1);
  }
  return result.stdout;
}

/** Packages under a node_modules directory, nested ones included: [{ name, version, path }]. */
function packagesIn(nodeModules) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .bin, .package-lock.json, .cache
    const path = join(nodeModules, entry.name);
    const dirs = entry.name.startsWith('@')
      ? readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => join(path, e.name))
      : entry.isDirectory() || entry.isSymbolicLink() ? [path] : [];
    for (const dir of dirs) {
      try {
        const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        found.push({ name, version, path: dir });
      } catch {
        continue; // not a package
      }
      found.push(...packagesIn(join(dir, 'node_modules')));
    }
  }
  return found;
}

/** Sum of file sizes and of allocated blocks under a directory (links not followed). */
function bytesUnder(dir) {
  let apparent = 0;
  let disk = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const stat = lstatSync(path);
    disk += stat.blocks * 512;
    if (entry.isDirectory()) {
      const sub = bytesUnder(path);
      apparent += sub.apparent;
      disk += sub.disk;
    } else apparent += stat.size;
  }
  return { apparent, disk };
}

const work = mkdtempSync(join(tmpdir(), 'psychkit-install-size-'));
const problems = [];
try {
  // 1. The tarball.
  const packDir = join(work, 'pack');
  const project = join(work, 'project');
  for (const dir of [packDir, project]) mkdirSync(dir);
  const given = process.argv.indexOf('--tarball');
  const source = given > 0 ? resolve(process.argv[given + 1]) : root;
  // npm pack of a .tgz reports on it without building anything (and copies it into packDir).
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, source], root));
  const tarball = join(packDir, packed.filename);
  const stray = packed.files.map((f) => f.path).filter((p) => /\.map$|(^|\/)metafile-[^/]*\.json$/.test(p));
  if (stray.length > 0) problems.push(`the tarball carries build files it should not: ${stray.join(', ')}`);

  // 2. A fresh project installs it.
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'install-size-check', version: '1.0.0', private: true }, null, 2)}\n`);
  npm(['install', tarball, '--no-audit', '--no-fund'], project);

  // 3. What it brought.
  const nodeModules = join(project, 'node_modules');
  const packages = packagesIn(nodeModules);
  const { apparent, disk } = bytesUnder(nodeModules);

  console.log(`${pkg.name}@${pkg.version}: npm pack → ${packed.filename}`);
  console.log(`  tarball ${kb(packed.size)} (${packed.size} bytes), ${packed.entryCount} files, unpacked ${mb(packed.unpackedSize)} (${packed.unpackedSize} bytes)`);
  console.log(`npm install <tarball> in a fresh project:`);
  console.log(`  ${packages.length} ${packages.length === 1 ? "package" : "packages"} in node_modules (limit ${MAX_PACKAGES})`);
  console.log(`  ${mb(apparent)} in files (${apparent} bytes), ${mb(disk)} on disk (${disk} bytes; limit ${mb(MAX_BYTES)})`);
  if (process.argv.includes('--list') || packages.length > MAX_PACKAGES) {
    for (const p of packages.sort((a, b) => a.path.localeCompare(b.path))) {
      console.log(`    ${p.name}@${p.version}  ${kb(bytesUnder(p.path).apparent)}  ${relative(project, p.path)}`);
    }
  }
  if (!packages.some((p) => p.name === pkg.name)) problems.push(`${pkg.name} itself is not in node_modules`);
  if (packages.length > MAX_PACKAGES) {
    problems.push(`installing ${pkg.name} brings ${packages.length} packages, more than ${MAX_PACKAGES}: a run-time dependency was added (bundle it and list its licence in THIRD-PARTY-NOTICES, or justify raising the limit)`);
  }
  const largest = Math.max(apparent, disk);
  if (largest > MAX_BYTES) {
    problems.push(`installing ${pkg.name} takes ${mb(largest)}, more than ${mb(MAX_BYTES)} (see docs/performance.md, "What npm installs")`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`install-size: FAILED\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('install-size ok');
