// psychkit in Deno: imports the built ES module, runs the smoke analysis, prints Cronbach's alpha
// of the ESSE items and the model-4 indirect effect with its bootstrap CI, then the fingerprint
// (the same numbers, bit for bit, that Node and the browser give for the same seed).
//
//   npm run build && npx deno run --allow-read --allow-env --no-lock examples/deno/main.ts
//
// --allow-env: @stdlib's inverse incomplete gamma (behind chiSquareQuantile) loads the `debug`
// package, whose Node build lists the environment variables when it is imported.
//
// dist/index.js imports its dependencies (seedrandom, @stdlib/*) by bare name; Deno resolves them
// from this repository's node_modules because a package.json sits at the root. In your own Deno
// project, import from npm instead: `import { cronbachAlpha } from 'npm:psychkit';`.
import * as psychkit from '../../dist/index.js';
import { fingerprintJson, smokeAnalysis } from '../shared/smoke-analysis.js';

const csv = await Deno.readTextFile(new URL('../peer-workers/peer-workers.csv', import.meta.url));
const { fingerprint } = smokeAnalysis(psychkit, csv);
console.log(`ESSE: ${fingerprint.alpha.text}`);
console.log(`esse → ss → pwb: ${fingerprint.mediation.text} (${fingerprint.mediation.resamples} resamples, seed ${fingerprint.mediation.seed})`);
console.log(fingerprintJson(fingerprint));
