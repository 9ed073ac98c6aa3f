import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const fixturesDir = join(here, '..', 'fixtures');

/** Reads and parses a JSON fixture from test/fixtures. */
export function loadJson<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as T;
}

/** Minimal CSV reader for fixtures: header row, quoted strings, empty cell = ''. */
export function loadCsv(name: string): Record<string, string>[] {
  const text = readFileSync(join(fixturesDir, name), 'utf8').trim();
  const lines = text.split(/\r?\n/);
  const split = (line: string) => line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
  const header = split(lines[0] as string);
  return lines.slice(1).map((line) => {
    const cells = split(line);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}
