// Renders the smoke analysis into the page. index.html (ES module build), global.html (the UMD
// build as a classic script: window.psychkit) and require.html (the UMD build through d3-require,
// as an Observable notebook loads it) call render() with the psychkit they loaded;
// scripts/runtimes.mjs reads the numbers back from the elements below and compares them with Node's.
import { fingerprintJson, smokeAnalysis } from '../shared/smoke-analysis.js';

function show(id, value, text) {
  const element = document.getElementById(id);
  element.dataset.value = String(value);
  element.textContent = text;
}

/** Parses markup as XML and throws if it is not well-formed (what an .svg file needs). */
function assertWellFormed(markup, what) {
  const doc = new DOMParser().parseFromString(markup, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${what} is not well-formed XML: ${error.textContent}`);
}

export async function render(psychkit, build) {
  const status = document.getElementById('status');
  try {
    document.getElementById('build').textContent = build;
    const response = await fetch('../peer-workers/peer-workers.csv');
    if (!response.ok) throw new Error(`peer-workers.csv: HTTP ${response.status}`);
    const { fingerprint, screeSvg, pathSvg, table } = smokeAnalysis(psychkit, await response.text());
    const { alpha, mediation, bootstrap } = fingerprint;
    const bounded = { leadingZero: false };

    show('n', fingerprint.n, String(fingerprint.n));
    show('complete', fingerprint.complete, String(fingerprint.complete));
    show('alpha', alpha.alpha, psychkit.formatNumber(alpha.alpha, { ...bounded, decimals: 3 }));
    show('alpha-ci', `${alpha.lower},${alpha.upper}`, psychkit.formatInterval(alpha.lower, alpha.upper, { ...bounded, decimals: 3 }));
    show('indirect', mediation.indirect, psychkit.formatNumber(mediation.indirect, { decimals: 3 }));
    show('indirect-ci', `${mediation.lower},${mediation.upper}`, psychkit.formatInterval(mediation.lower, mediation.upper, { decimals: 3 }));
    show('first-indices', bootstrap.firstIndices.join(','), bootstrap.firstIndices.join(', '));

    const tableHtml = psychkit.tableToHtml(table);
    assertWellFormed(screeSvg, 'screePlotSvg output');
    assertWellFormed(pathSvg, 'pathDiagramSvg output');
    assertWellFormed(tableHtml, 'tableToHtml output');
    document.getElementById('table').innerHTML = tableHtml;
    document.getElementById('path').innerHTML = pathSvg;
    document.getElementById('scree').innerHTML = screeSvg;

    document.getElementById('fingerprint').textContent = fingerprintJson(fingerprint);
    status.textContent = 'Done.';
    status.dataset.status = 'done';
  } catch (error) {
    status.textContent = `Failed: ${error && error.stack ? error.stack : error}`;
    status.dataset.status = 'error';
    console.error(error);
  }
}
