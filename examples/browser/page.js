// Renders the smoke analysis into the page. Both index.html (ES module build) and global.html
// (IIFE build, window.psychkit) call render() with the psychkit they loaded; scripts/runtimes.mjs
// reads the numbers back from the elements below and compares them with Node's.
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
    const { fingerprint, screeSvg, table } = smokeAnalysis(psychkit, await response.text());
    const { correlation, bootstrap } = fingerprint;

    show('n', fingerprint.n, String(fingerprint.n));
    show('complete', fingerprint.complete, String(fingerprint.complete));
    show('r', correlation.r, psychkit.formatNumber(correlation.r, { leadingZero: false, decimals: 3 }));
    show('p', correlation.p, psychkit.formatP(correlation.p));
    show('ci', `${bootstrap.lower},${bootstrap.upper}`, psychkit.formatInterval(bootstrap.lower, bootstrap.upper, { leadingZero: false, decimals: 3 }));
    show('first-indices', bootstrap.firstIndices.join(','), bootstrap.firstIndices.join(', '));

    const tableHtml = psychkit.tableToHtml(table);
    assertWellFormed(screeSvg, 'screePlotSvg output');
    assertWellFormed(tableHtml, 'tableToHtml output');
    document.getElementById('table').innerHTML = tableHtml;
    document.getElementById('scree').innerHTML = screeSvg;
    // TODO(lead): draw the model-4 result here with pathDiagramSvg once `process` is merged.

    document.getElementById('fingerprint').textContent = fingerprintJson(fingerprint);
    status.textContent = 'Done.';
    status.dataset.status = 'done';
  } catch (error) {
    status.textContent = `Failed: ${error && error.stack ? error.stack : error}`;
    status.dataset.status = 'error';
    console.error(error);
  }
}
