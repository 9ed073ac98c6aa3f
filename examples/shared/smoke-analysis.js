// The smoke analysis every runtime check runs: Node (ESM and CJS builds), Deno, a browser page
// and the CI compare its fingerprint, so the same seed must give the same numbers everywhere.
// Plain JavaScript (no TypeScript, no imports) so a browser, Deno and Node load it as it is; the
// caller passes in the psychkit module it loaded its own way.
//
// It scores the ESSE, MSPSS and PWB-18 scales, computes Cronbach's alpha on the ESSE items, runs a
// seeded PROCESS model-4 bootstrap (ESSE → social support → well-being, covariates gender,
// education and marital status), takes the eigenvalues of the ESSE item correlations from `efa`,
// and renders an APA table, a scree plot and a path diagram. `fingerprint` holds the numbers (and
// hashes of the rendered output) that every runtime must reproduce bit for bit.

export const SEED = 42;
export const RESAMPLES = 2000;
export const ESSE_ITEMS = ['esse1', 'esse2', 'esse3', 'esse4', 'esse5', 'esse6', 'esse7', 'esse8', 'esse9', 'esse10', 'esse11'];

/** Parses CSV text with a header row into row objects of strings (as d3-dsv's csvParse). */
export function parseCsv(text) {
  const rows = [];
  let field = '';
  let row = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1 || r[0] !== '').map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

/** FNV-1a hash of a string, as 8 hex digits: a short stand-in for long outputs (SVG, tables). */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The categorical covariate as the reference models declare it (dummy-coded against `never`). */
export const CATEGORICAL = { marital: { levels: ['never', 'married', 'divorced', 'widowed', 'partnered'], reference: 'never' } };

/**
 * Runs the smoke analysis with a loaded psychkit module on the peer-workers CSV text. Returns
 * `{ fingerprint, screeSvg, pathSvg, table, alpha, mediation }`: `fingerprint` is a plain object
 * of numbers and strings to compare across runtimes; the SVGs, the table and the two results are
 * for pages to show.
 */
export function smokeAnalysis(psychkit, csvText) {
  const rows = parseCsv(csvText);
  const rule = { minAnswered: 0.8 };
  const esse = psychkit.instruments.esse({ prefix: 'esse', ...rule });
  const mspss = psychkit.instruments.mspss({ prefix: 'mspss', id: 'ss', ...rule });
  const pwb = psychkit.instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, ...rule });

  // Cronbach's alpha on the ESSE items (pairwise, Feldt CI: psych::alpha).
  const alpha = psychkit.cronbachAlpha(rows, { scale: esse });

  // PROCESS model 4 with a seeded percentile bootstrap.
  const score = (scale) => psychkit.scoreScale(rows, { scale }).scores;
  const data = {
    esse: score(esse),
    ss: score(mspss),
    pwb: score(pwb),
    gender: rows.map((r) => r.gender),
    education: rows.map((r) => r.education),
    marital: rows.map((r) => r.marital),
  };
  const mediation = psychkit.processModel(data, {
    model: 4,
    x: 'esse',
    m: 'ss',
    y: 'pwb',
    covariates: ['gender', 'education', 'marital'],
    categorical: CATEGORICAL,
    resamples: RESAMPLES,
    seed: SEED,
  });
  const coefficient = (equation, term) => equation.coefficients.find((c) => c.term === term);
  const a = coefficient(mediation.equations[0], 'esse');
  const b = coefficient(mediation.equations[1], 'ss');
  const indirect = mediation.indirectEffects[0];

  // The first bootstrap draws of the seeded stream (pins the generator itself).
  const index = new Int32Array(mediation.n);
  psychkit.bootstrapIndices(psychkit.randomStream(SEED), mediation.n, index);

  // Normal draws: the polar method needs a logarithm, the one place where engines could round
  // differently; the sum of 10,000 draws exposes any last-bit difference.
  const normals = psychkit.randomStream(SEED);
  const firstNormals = [normals.normal(), normals.normal(), normals.normal()];
  let normalSum = 0;
  for (let i = 0; i < 10000; i++) normalSum += normals.normal();

  // Eigenvalues of the listwise ESSE item correlations, from the factor module.
  const fit = psychkit.efa(rows, { columns: ESSE_ITEMS, missing: 'listwise', factors: 1, extraction: 'pa', rotation: 'none' });
  const eigenvalues = fit.eigenvalues;

  const screeSvg = psychkit.screePlotSvg(eigenvalues, { title: 'ESSE items: eigenvalues of the correlation matrix' });
  const pathSvg = psychkit.pathDiagramSvg({ x: 'Self-efficacy', m: 'Social support', y: 'Well-being', paths: {
      a: { estimate: a.estimate, p: a.p },
      b: { estimate: b.estimate, p: b.p },
      cPrime: { estimate: mediation.directEffect.estimate, p: mediation.directEffect.p },
      c: { estimate: mediation.totalEffect.estimate, p: mediation.totalEffect.p },
    } }, { title: 'Model 4: self-efficacy → social support → well-being' });
  const table = psychkit.toApaTable(alpha, { title: 'ESSE item analysis' });
  const bounded = { leadingZero: false };

  return {
    fingerprint: {
      n: rows.length,
      complete: fit.n,
      alpha: {
        alpha: alpha.alpha,
        lower: alpha.lower,
        upper: alpha.upper,
        k: alpha.k,
        text: `α = ${psychkit.formatNumber(alpha.alpha, bounded)}, 95% CI ${psychkit.formatInterval(alpha.lower, alpha.upper, bounded)}`,
      },
      mediation: {
        n: mediation.n,
        a: a.estimate,
        b: b.estimate,
        direct: mediation.directEffect.estimate,
        total: mediation.totalEffect.estimate,
        indirect: indirect.estimate,
        se: indirect.se,
        lower: indirect.lower,
        upper: indirect.upper,
        seed: mediation.bootstrap.seed,
        resamples: mediation.bootstrap.resamples,
        text: `ab = ${psychkit.formatNumber(indirect.estimate, { decimals: 3 })}, 95% CI ${psychkit.formatInterval(indirect.lower, indirect.upper, { decimals: 3 })}`,
      },
      bootstrap: { seed: SEED, firstIndices: Array.from(index.slice(0, 10)) },
      normal: { first: firstNormals, sum: normalSum },
      eigenvalues,
      report: {
        screeSvg: hash(screeSvg),
        pathSvg: hash(pathSvg),
        markdown: hash(psychkit.toMarkdown(alpha, { title: 'ESSE item analysis' })),
        html: hash(psychkit.tableToHtml(table)),
        process: hash(psychkit.formatProcess(mediation)),
      },
    },
    screeSvg,
    pathSvg,
    table,
    alpha,
    mediation,
  };
}

/** The fingerprint as one line of JSON (keys in a fixed order; numbers in full precision). */
export function fingerprintJson(fingerprint) {
  return JSON.stringify(fingerprint);
}
