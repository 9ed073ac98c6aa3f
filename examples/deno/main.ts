// psychkit in Deno: imports the built ES module, runs the smoke analysis, prints Cronbach's alpha
// of the ESSE items and the model-4 indirect effect with its bootstrap CI, then the fingerprint
// (the same numbers, bit for bit, that Node and the browser give for the same seed).
//
//   npm run build && npx deno run --allow-read --no-lock examples/deno/main.ts
//
// --allow-read is for the CSV file only: psychkit itself needs no permission (no environment
// variables, no files, no network; its bundled third-party code is in dist/, and @stdlib's `debug`
// logger, which read the environment, is replaced by a no-op at build time).
//
// dist/index.js is self-contained: it imports only its own files (dist/vendor/ holds the bundled
// @stdlib, seedrandom and simple-statistics functions). In your own Deno project, import from npm
// instead: `import { cronbachAlpha } from 'npm:psychkit';`.
import * as psychkit from '../../dist/index.js';
import { fingerprintJson, smokeAnalysis } from '../shared/smoke-analysis.js';

const csv = await Deno.readTextFile(new URL('../peer-workers/peer-workers.csv', import.meta.url));
const { fingerprint } = smokeAnalysis(psychkit, csv);
console.log(`ESSE: ${fingerprint.alpha.text}`);
console.log(`esse → ss → pwb: ${fingerprint.mediation.text} (${fingerprint.mediation.resamples} resamples, seed ${fingerprint.mediation.seed})`);
console.log(fingerprintJson(fingerprint));
