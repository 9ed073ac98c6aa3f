// Main-thread blocking of psychkit/worker in Chromium: opens examples/browser/worker-blocking.html
// (served over HTTP from the built dist/), which runs PROCESS model 4 with 5,000 resamples on the
// page (before) and through runInWorker (after) and sums the page's long tasks (PerformanceObserver,
// 'longtask': tasks over 50 ms; their full durations are summed). Prints both; exits non-zero when
// the worker runs block the page for more than BUDGET_MS in total (CI can run it after a build).
//
//   npm run build && node scripts/worker-blocking.mjs [workers]
import { launchChromium, openPage } from './browser-check.mjs';
import { serve } from './serve.mjs';
import { fileURLToPath } from 'node:url';

const BUDGET_MS = 50;
const root = fileURLToPath(new URL('..', import.meta.url));
const workers = Number(process.argv[2] ?? 2);
const server = await serve(root);
const chromium = await launchChromium();
let failed = false;
try {
  const { page, problems } = await openPage(chromium.context, `${server.url}/examples/browser/worker-blocking.html?workers=${workers}`, '#result:not([data-status="running"])', 120_000);
  const text = await page.textContent('#result');
  if ((await page.getAttribute('#result', 'data-status')) !== 'done') throw new Error(text ?? 'no result');
  const result = JSON.parse(text);
  const line = (r) => `${r.label}: ${r.blockingMs.toFixed(0)} ms blocked in ${r.longTasks} long task(s) (longest ${r.longestMs.toFixed(0)} ms), ${r.wallMs.toFixed(0)} ms wall`;
  console.log(`Chromium, ${result.hardwareConcurrency} logical processors, processModel model 4, ${result.resamples} resamples`);
  console.log('before (synchronous):');
  for (const r of result.before) console.log(`  ${line(r)}`);
  console.log('after (psychkit/worker):');
  for (const r of result.after) console.log(`  ${line(r)}`);
  const total = result.after.reduce((a, r) => a + r.blockingMs, 0);
  for (const p of problems) console.log(`  page problem: ${p}`);
  if (total > BUDGET_MS || problems.length > 0) {
    failed = true;
    console.log(`FAIL: the worker runs blocked the page for ${total.toFixed(0)} ms in total (budget ${BUDGET_MS} ms)`);
  } else console.log(`ok: the worker runs blocked the page for ${total.toFixed(0)} ms in total (budget ${BUDGET_MS} ms)`);
  await page.close();
} finally {
  await chromium.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
