// The peer-worker pipeline demo. Grows with the library: see README.md.
import { numericColumns, listwise } from '../../src/index.js';
import { readFileSync } from 'node:fs';

const csv = readFileSync(new URL('./peer-workers.csv', import.meta.url), 'utf8');
console.log(`peer-workers.csv: ${csv.trim().split('\n').length - 1} respondents`);
void numericColumns;
void listwise;
