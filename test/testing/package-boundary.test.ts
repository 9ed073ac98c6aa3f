// fast-check is an optional peer dependency of psychkit/testing only. These tests read the source
// import graph; scripts/check-bundle.mjs checks the built files the same way after `npm run build`.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Static imports/re-exports, side-effect imports, dynamic import() and require() of a file. */
function importsOf(file: string): Import[] {
  // Statements start a line; comments and messages that quote an import do not count.
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\bfrom\s*['"]([^'"]+)['"]/gm)) {
    out.push({ specifier: m[4] as string, typeOnly: m[2] !== undefined });
  }
  for (const m of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push({ specifier: m[1] as string, typeOnly: false });
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ specifier: m[1] as string, typeOnly: false });
  return out;
}

function resolveRelative(from: string, specifier: string): string {
  return resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
}

/** Every file reachable from `entry` through runtime (non-type) relative imports, and the bare specifiers it loads. */
function runtimeGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const imp of importsOf(file)) {
      if (imp.typeOnly) continue;
      if (imp.specifier.startsWith('.')) stack.push(resolveRelative(file, imp.specifier));
      else packages.add(imp.specifier);
    }
  }
  return { files, packages };
}

describe('fast-check stays inside psychkit/testing, as a type', () => {
  const files = sourceFiles(src);

  it('the import scanner sees imports (guards against a regex that matches nothing)', () => {
    const graph = runtimeGraph(join(src, 'index.ts'));
    expect(graph.files.size).toBeGreaterThan(10);
    expect([...graph.packages].some((p) => p.startsWith('seedrandom'))).toBe(true);
    const fcImports = importsOf(join(src, 'testing', 'arbitraries', 'fast-check.ts'));
    expect(fcImports).toContainEqual({ specifier: 'fast-check', typeOnly: true });
  });

  it('only src/testing/ mentions fast-check, and only in type-only imports', () => {
    for (const file of files) {
      const rel = relative(src, file);
      for (const imp of importsOf(file)) {
        if (imp.specifier !== 'fast-check' && !imp.specifier.startsWith('fast-check/')) continue;
        expect(rel.startsWith(`testing${'/'}`), `${rel} imports fast-check`).toBe(true);
        expect(imp.typeOnly, `${rel} imports fast-check at run time`).toBe(true);
      }
    }
  });

  it('the core entry (src/index.ts) never reaches src/testing/ or fast-check', () => {
    const { files: reached, packages } = runtimeGraph(join(src, 'index.ts'));
    for (const file of reached) expect(relative(src, file).startsWith('testing'), relative(src, file)).toBe(false);
    expect([...packages].filter((p) => p.startsWith('fast-check'))).toEqual([]);
  });

  it('the testing entry loads no fast-check and no Node built-in at run time', () => {
    const { files: reached, packages } = runtimeGraph(join(src, 'testing', 'index.ts'));
    expect(reached.size).toBeGreaterThan(10);
    for (const p of packages) {
      expect(p.startsWith('fast-check'), p).toBe(false);
      expect(p.startsWith('node:'), p).toBe(false);
    }
  });

  it('package.json declares fast-check as an optional peer (and a devDependency), never a dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies?.['fast-check']).toBeTypeOf('string');
    expect(pkg.peerDependenciesMeta?.['fast-check']?.optional).toBe(true);
    expect(pkg.devDependencies?.['fast-check']).toBeTypeOf('string');
    expect(pkg.dependencies?.['fast-check']).toBeUndefined();
    expect(pkg.exports['./testing'].import.types).toBe('./dist/testing.d.ts');
    expect(pkg.exports['./testing'].require.types).toBe('./dist/testing.d.cts');
  });
});
