// The smoke analysis every runtime check runs: Node (ESM and CJS builds), Deno, a browser page
// and the CI compare its fingerprint, so the same seed must give the same numbers everywhere.
// Plain JavaScript (no TypeScript, no imports) so a browser, Deno and Node load it as it is; the
// caller passes in the psychkit module it loaded its own way.
//
// Until the estimators land this uses only the foundations: numericColumns/listwise, a
// correlation and its t-test p-value, a seeded bootstrap CI of that correlation, eigenvalues of
// the ESSE correlation matrix, and the report primitives.
// TODO(lead): switch to cronbachAlpha on the ESSE scale and a PROCESS model-4 bootstrap
// (`process(..., { model: 4, seed: SEED })`): put α, the indirect effect and its CI in
// `fingerprint`; the runtime scripts compare whatever this returns.

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

function pearson(x, y, index) {
  const n = index ? index.length : x.length;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    const i = index ? index[k] : k;
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const i = index ? index[k] : k;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

// Cyclic Jacobi eigenvalues of a symmetric matrix (rows), largest first. Only + − × ÷ and sqrt,
// which IEEE 754 rounds exactly, so every runtime gets the same bits.
// TODO(lead): replace with the public eigenvalues once the factor module exports them.
function jacobiEigenvalues(matrix) {
  const p = matrix.length;
  const a = matrix.map((row) => row.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i][j] * a[i][j];
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        if (a[i][j] === 0) continue;
        const theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k][i];
          const akj = a[k][j];
          a[k][i] = c * aki - s * akj;
          a[k][j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i][k];
          const ajk = a[j][k];
          a[i][k] = c * aik - s * ajk;
          a[j][k] = s * aik + c * ajk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]).sort((x, y) => y - x);
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

/**
 * Runs the smoke analysis with a loaded psychkit module on the peer-workers CSV text. Returns
 * `{ fingerprint, screeSvg, table }`: `fingerprint` is a plain object of numbers and strings to
 * compare across runtimes; the SVG and table are for pages to show.
 */
export function smokeAnalysis(psychkit, csvText) {
  const rows = parseCsv(csvText);
  const items = psychkit.numericColumns(rows, ESSE_ITEMS, 'items');
  const complete = psychkit.listwise(items);
  const [x, y] = complete.columns;
  const n = complete.n;

  const r = pearson(x, y);
  const df = n - 2;
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const p = psychkit.tTwoSided(t, df);

  const rng = psychkit.randomStream(SEED);
  const index = new Int32Array(n);
  psychkit.bootstrapIndices(rng, n, index);
  const firstIndices = Array.from(index.slice(0, 10));
  const boot = new Float64Array(RESAMPLES);
  boot[0] = pearson(x, y, index);
  for (let b = 1; b < RESAMPLES; b++) boot[b] = pearson(x, y, psychkit.bootstrapIndices(rng, n, index));
  boot.sort();
  const lower = boot[Math.floor(0.025 * RESAMPLES)];
  const upper = boot[Math.ceil(0.975 * RESAMPLES) - 1];

  const corr = complete.columns.map((ci) => complete.columns.map((cj) => (ci === cj ? 1 : pearson(ci, cj))));
  const eigenvalues = jacobiEigenvalues(corr);

  const screeSvg = psychkit.screePlotSvg({ eigenvalues, title: 'ESSE items: eigenvalues of the correlation matrix' });
  const table = {
    title: 'Smoke analysis: esse1 with esse2',
    columns: [{ label: 'Statistic' }, { label: 'Value', format: 'bounded' }, { label: '95% CI' }, { label: 'p', format: 'p' }],
    rows: [['r', r, psychkit.formatInterval(lower, upper, { leadingZero: false }), p]],
    note: `Percentile bootstrap, ${RESAMPLES} resamples, seed ${SEED}; n = ${n} complete cases.`,
  };

  return {
    fingerprint: {
      n: rows.length,
      complete: n,
      correlation: { r, t, df, p, text: `r(${df}) = ${psychkit.formatNumber(r, { leadingZero: false })}, ${psychkit.formatP(p)}` },
      bootstrap: { seed: SEED, resamples: RESAMPLES, firstIndices, lower, upper },
      eigenvalues,
      report: { screeSvg: hash(screeSvg), markdown: hash(psychkit.tableToMarkdown(table)), html: hash(psychkit.tableToHtml(table)) },
    },
    screeSvg,
    table,
  };
}

/** The fingerprint as one line of JSON (keys in a fixed order; numbers in full precision). */
export function fingerprintJson(fingerprint) {
  return JSON.stringify(fingerprint);
}
