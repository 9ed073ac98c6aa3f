// Data loader: serves the bundled peer-workers survey (examples/peer-workers/peer-workers.csv)
// as data/peer-workers.csv, without keeping a second copy of the file.
import { readFileSync } from 'node:fs';

process.stdout.write(readFileSync(new URL('../../../peer-workers/peer-workers.csv', import.meta.url)));
