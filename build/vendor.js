// The third-party functions psychkit uses, in one module. tsup builds it, minified, into
// dist/vendor/index.js (ESM) and index.cjs (CJS), and the library builds import them from there:
// psychkit's own code in dist/ stays unminified and readable, the bundled code takes a third of
// the space it would as written. src/ keeps importing the packages by name; tsup.config.ts maps
// each bare import below to its export here (a bare import from src/ that is missing here fails
// the build). Licences: THIRD-PARTY-NOTICES.
export { default as betainc } from '@stdlib/math-base-special-betainc';
export { default as erfc } from '@stdlib/math-base-special-erfc';
export { default as erfcinv } from '@stdlib/math-base-special-erfcinv';
export { default as gammainc } from '@stdlib/math-base-special-gammainc';
export { default as gammaln } from '@stdlib/math-base-special-gammaln';
export { default as ln } from '@stdlib/math-base-special-ln';
export { default as chisquareQuantile } from '@stdlib/stats-base-dists-chisquare-quantile';
export { default as fQuantile } from '@stdlib/stats-base-dists-f-quantile';
export { default as tQuantile } from '@stdlib/stats-base-dists-t-quantile';
export { default as alea } from 'seedrandom/lib/alea.js';
export { quickselect } from 'simple-statistics';
