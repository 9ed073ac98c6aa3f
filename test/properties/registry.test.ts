// Keeps test/properties/registry.ts honest: every public function has property tests listed, no
// listed name is stale, and every listed file exists, runs fast-check properties and imports the
// function from the source (or, for psychkit/testing, calls `simulate.x` / `arbitraries.x`).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROPERTY_FILES } from './registry.js';
import { publicFunctionNames } from '../helpers/public-api.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Names a file imports (by their exported name, `x as y` → x) from the library's source. */
function importsFromSource(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    if (!/(^|\/)src\//.test(m[2]!)) continue;
    for (const spec of m[1]!.split(',')) {
      const s = spec.trim();
      if (s === '' || s.startsWith('type ')) continue;
      names.add(s.split(/\s+as\s+/)[0]!.trim());
    }
  }
  return names;
}

describe('property registry', () => {
  it('lists every public function, and nothing else', () => {
    const listed = Object.keys(PROPERTY_FILES);
    const pub = publicFunctionNames();
    expect(pub.filter((n) => !listed.includes(n)), 'public functions without properties').toEqual([]);
    expect(listed.filter((n) => !pub.includes(n)), 'names that are not public functions').toEqual([]);
  });

  it.each(Object.entries(PROPERTY_FILES))('%s: every listed file exists, runs fast-check properties and uses it', (name, files) => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const path = resolve(ROOT, file);
      expect(existsSync(path), `${file} does not exist`).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(/\bfc\.assert\(/.test(text) && /\bfc\.(property|asyncProperty)\(/.test(text), `${file} has no fc.assert(fc.property(…))`).toBe(true);
      const dot = name.indexOf('.');
      if (dot > 0) {
        // simulate.x / arbitraries.x: the namespace is imported and the member called.
        expect(importsFromSource(text).has(name.slice(0, dot)), `${file} does not import ${name.slice(0, dot)}`).toBe(true);
        expect(new RegExp(`\\b${name.replace('.', '\\.')}\\(`).test(text), `${file} does not call ${name}`).toBe(true);
      } else {
        expect(importsFromSource(text).has(name), `${file} does not import ${name} from the source`).toBe(true);
      }
    }
  });
});
