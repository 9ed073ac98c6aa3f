// Type-checks, against the *packed* package, what a user copies first: the README's Quick start
// and every TSDoc @example of a public export. Each becomes a module of a fresh project
// (tsc --strict, module nodenext) that installs the tarball, as a user's project would.
// Run after `npm run build`: node scripts/check-examples.mjs [--keep]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as psychkit from '../dist/index.js';
import * as testing from '../dist/testing.js';
import * as worker from '../dist/worker.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const version = (name) => lock.packages[`node_modules/${name}`]?.version;

// --- what to check --------------------------------------------------------------------------
const publicNames = new Set([...Object.keys(psychkit), ...Object.keys(testing), ...Object.keys(worker), 'instruments']);

/** Every @example block in src, with the name of the declaration it documents. */
function examples() {
  const out = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) scan(p);
    }
  };
  const scan = (file) => {
    const text = readFileSync(file, 'utf8');
    const re = /@example\s*\n\s*\*\s*```(\w*)\n([\s\S]*?)\n\s*\*\s*```[\s\S]*?\*\/\s*\n(?:export\s+)?(?:(?:async\s+)?function\s+(\w+)|(?:const|let)\s+(\w+)|class\s+(\w+)|interface\s+(\w+))/g;
    let m;
    while ((m = re.exec(text))) {
      const line = text.slice(0, m.index).split('\n').length;
      const code = m[2].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
      const name = m[3] ?? m[4] ?? m[5] ?? m[6];
      const where = `${relative(root, file)}:${line}`;
      // instruments.* binders are documented in their own files and reached as instruments.x.
      const isPublic = publicNames.has(name) || file.includes('/instruments/') || file.includes('/testing/');
      out.push({ where, name, code, isPublic });
    }
  };
  walk(join(root, 'src'));
  return out;
}

function quickStart() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const m = /```(?:js|ts)\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md: no code block under "## Quick start"');
  return m[1];
}

// Names the examples use without defining them: the data a user already has.
const PRELUDE = `
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { ${Object.keys(testing).join(', ')} } from 'psychkit/testing';
import * as psychkit from 'psychkit';
import { ${Object.keys(worker).join(', ')} } from 'psychkit/worker';
import type { CronbachAlphaResult, ReportSection, ReportTable, Table, TableView } from 'psychkit';
import { ${[...Object.keys(psychkit)].filter((n) => /^[a-zA-Z]\w*$/.test(n)).join(', ')} } from 'psychkit';
declare const rows: Record<string, string>[];
declare const data: Record<string, (number | string | null)[]>;
declare const recovery: (number | null)[];
declare const esseItems: string[];
declare const R: number[][];
declare const C: number[][]; // a covariance matrix (divisor n − 1), e.g. from SQL's covar_samp
declare const unrotated: number[][];
declare const view: TableView;
declare const alpha: CronbachAlphaResult;
declare const reliability: ReportTable;
declare const sections: ReportSection[];
declare const eigenvalues: number[];
declare function expect(value: unknown): { toBe(v: unknown): void; toEqual(v: unknown): void };
declare function myScore(table: Table): number;
declare function myMean(table: Table, columns: readonly string[]): number[];
void [writeFileSync, fc, ${Object.keys(testing).join(', ')}, ${Object.keys(worker).join(', ')}, psychkit, rows, data, recovery, esseItems, R, C, unrotated, view, alpha, reliability, sections, eigenvalues, expect, myScore, myMean];
`;

// --- a fresh project with the packed package ---------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'psychkit-examples-'));
try {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }))[0];
  const tarball = join(dir, packed.filename);
  const project = join(dir, 'project');
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'examples-check', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], noEmit: true, types: ['node'], skipLibCheck: false }, include: ['src'] }, null, 2),
  );
  const deps = [tarball, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`, `fast-check@${version('fast-check')}`, `d3-dsv@${version('d3-dsv')}`, `@types/d3-dsv@${version('@types/d3-dsv')}`];
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...deps], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });

  const files = new Map();
  writeFileSync(join(project, 'src', 'quick-start.ts'), quickStart());
  files.set('src/quick-start.ts', 'README.md: Quick start');
  const all = examples();
  const checked = all.filter((e) => e.isPublic);
  checked.forEach((e, i) => {
    const body = e.code.replace(/^import .*$/gm, '');
    const file = `src/example-${String(i).padStart(3, '0')}.ts`;
    writeFileSync(join(project, file), `${PRELUDE}\n// ${e.where} (${e.name})\n{\n${body}\n}\nexport {};\n`);
    files.set(file, `${e.where} @example of ${e.name}`);
  });

  let output = '';
  try {
    execFileSync(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: project, encoding: 'utf8' });
  } catch (err) {
    output = `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
  if (output) {
    const byFile = new Map();
    for (const line of output.split('\n')) {
      const m = /^(src\/[\w.-]+)\(/.exec(line);
      const key = m ? m[1] : '(other)';
      if (!byFile.has(key)) byFile.set(key, []);
      if (line.trim()) byFile.get(key).push(line);
    }
    console.error('Examples that do not type-check under tsc --strict against the packed package:');
    for (const [file, lines] of byFile) console.error(`\n${files.get(file) ?? file}\n  ${lines.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`check-examples: README Quick start and ${checked.length} @examples type-check under --strict against ${packed.filename} (${all.length - checked.length} examples of internal helpers not checked).`);
  }
} finally {
  if (keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
