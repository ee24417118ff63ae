// `make bench` (browser part): prints figures against the budgets, asserts nothing.
// - the wasm module's size, raw and gzipped (budget: <= 150 KB gzipped);
// - click -> persisted: from a trusted click on a like button of the X fixture feed (a different
//   post each time: the same item toggled again would be a repeat) to the chrome.storage change it
//   causes, seen from an extension page; median of 20 with a warm worker (budget: <= 50 ms).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, ROOT, startFixtureServer } from "../tests/e2e/harness.mjs";

const like = (n) => `[data-testid="cellInnerDiv"]:nth-child(${n + 1}) [data-testid="like"]`;
const RUNS = 20;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const wasm = readFileSync(join(ROOT, "dist/chrome/pkg/tacheron_bg.wasm"));
const glue = readFileSync(join(ROOT, "dist/chrome/pkg/tacheron.js"));
console.log(
  `wasm size: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzipped (budget <= 150 KB gzipped); ` +
    `JS glue ${kb(glue.length)} raw, ${kb(gzipSync(glue, { level: 9 }).length)} gzipped`,
);

// The classroom pages' module, for the record: it has no budget, and none of it is in the worker's.
const classroom = readFileSync(join(ROOT, "dist/chrome/pkg/tacheron_classroom_bg.wasm"));
console.log(
  `classroom wasm size: ${kb(classroom.length)} raw, ${kb(gzipSync(classroom, { level: 9 }).length)} gzipped (workshop and class pages only)`,
);

// The studies' module, for the record: the worker instantiates it only for someone who joined a
// study (or opens the study page), so it has no start-up budget of its own.
const study = readFileSync(join(ROOT, "dist/chrome/pkg/tacheron_study_bg.wasm"));
console.log(
  `studies' wasm size: ${kb(study.length)} raw, ${kb(gzipSync(study, { level: 9 }).length)} gzipped (loaded only for studies)`,
);

const server = await startFixtureServer();
const browser = await launchBrowser(server);
try {
  const page = await browser.visit(`https://x.com/home?posts=${RUNS + 1}`);
  // The page records when each trusted click happened, on the shared wall clock.
  await page.evaluate(() => {
    window.clickTimes = [];
    window.addEventListener("click", (e) => window.clickTimes.push(performance.timeOrigin + e.timeStamp), true);
  });
  const watcher = await browser.dashboard();
  await watcher.evaluate(() => {
    window.storedTimes = [];
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === "local" && Object.keys(changes).some((key) => key.startsWith("day:"))) {
        window.storedTimes.push(performance.timeOrigin + performance.now());
      }
    });
  });
  await page.bringToFront(); // the person clicks in the tab they are looking at
  const latencies = [];
  for (let run = 0; run <= RUNS; run += 1) {
    await page.click(like(run));
    await watcher.waitForFunction((n) => window.storedTimes.length > n, run);
    if (run === 0) continue; // the first click wakes and warms the worker
    const clicked = await page.evaluate((n) => window.clickTimes[n], run);
    const stored = await watcher.evaluate((n) => window.storedTimes[n], run);
    latencies.push(stored - clicked);
  }
  latencies.sort((a, b) => a - b);
  const median = (latencies[RUNS / 2 - 1] + latencies[RUNS / 2]) / 2;
  console.log(
    `click -> persisted (Chromium, warm worker, ${RUNS} clicks): median ${median.toFixed(1)} ms, ` +
      `min ${latencies[0].toFixed(1)} ms, max ${latencies[RUNS - 1].toFixed(1)} ms (budget <= 50 ms median)`,
  );
} finally {
  await browser.close();
  await server.close();
}
