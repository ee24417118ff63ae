// `make bench`, the content sensor's cost on a page (Chromium, the X fixture feed of 500 posts).
// Prints figures against the budgets of issue 3; asserts nothing.
// - sensor start: evaluating the rules file and sensor.js, in the page's main thread (median of
//   10 fresh loads; budget <= 2 ms);
// - click handling: time inside the sensor's listeners for a like, as the button goes down and
//   on the click (median of 100 likes; <= 0.1 ms);
// - long tasks (> 50 ms) while scrolling the feed, with and without the extension;
// - added memory per tab: JS heap after GC with the extension minus without (<= 1 MB);
// - interaction time: from a click's creation to the end of its dispatch (a listener on window in
//   the bubbling phase, the last to run: after the sensor's listener, the page's own and the
//   microtasks between them, where the sensor checks the state), with and without the extension,
//   in two browsers that take turns click by click, each press held HOLD_MS as a person's would be,
//   in PAIRS fresh pairs of browsers (the first WARM_UP likes of each not counted), as the median
//   of the pairs' ratios of medians (<= 1.02); the part of it that the sensor can lengthen, the
//   click's dispatch, which a busy machine disturbs less; and the time to the next frame, for
//   context (frame-aligned, so noisier).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, ROOT, startFixtureServer } from "../tests/e2e/harness.mjs";

// Cross-origin isolated, so that performance.now() resolves microseconds rather than 0.1 ms.
const FEED = "https://x.com/home?posts=500&isolated=1";
const LIKES = '[data-testid="like"], [data-testid="unlike"]';
// How long each like's button stays down in the side-by-side interactions. A person's press lasts
// longer still; with none, the driver's button-up would wait behind the button-down's handling,
// which is not the order in which a person's click reaches a page.
const HOLD_MS = 50;
// The side-by-side interactions: fresh pairs of browsers, likes per pair.
const PAIRS = 5;
const CLICKS_PER_PAIR = 60;
const WARM_UP = 15;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(3)} ms`;

const rulesJs = readFileSync(join(ROOT, "dist/chrome/content/rules/x.js"), "utf8");
const sensorJs = readFileSync(join(ROOT, "dist/chrome/content/sensor.js"), "utf8");

/** Runs the sensor in the page's own world, with its listeners timed; returns the start time. */
function instrumentedSensor({ rulesJs, sensorJs }) {
  Object.defineProperty(window, "chrome", {
    value: { runtime: { sendMessage: () => Promise.resolve() } },
    configurable: true,
  });
  const timings = {};
  window.sensorTimings = timings;
  const original = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    const timed = function (event) {
      const start = performance.now();
      try {
        return listener.call(this, event);
      } finally {
        timings[type] ??= [];
        timings[type].push(performance.now() - start);
      }
    };
    return original.call(this, type, timed, options);
  };
  const start = performance.now();
  // The page's global scope, as a classic content script has it: an indirect eval.
  // biome-ignore lint/security/noGlobalEval: the bench runs the sensor's own source, in a page it made
  const globalEval = eval;
  globalEval(rulesJs);
  globalEval(sensorJs);
  const elapsed = performance.now() - start;
  EventTarget.prototype.addEventListener = original;
  return elapsed;
}

async function clickLikes(page, count, from = 0) {
  const buttons = page.locator(LIKES);
  for (let i = from; i < from + count; i += 1) await buttons.nth(i).click();
}

/** Opens the feed with listeners that time each click: from its creation to the end of its
 *  dispatch; from the end of the same press's `pointerup` to the end of the click's dispatch
 *  (the window in which the sensor's listener runs, short enough that the machine's other work
 *  seldom falls into it); and to the next frame. */
async function timedFeed(browser) {
  const page = await browser.visit(FEED);
  await page.evaluate(() => {
    window.forgetClicks = () => {
      window.clickTasks = [];
      window.clickDispatches = [];
      window.clickFrames = [];
    };
    window.forgetClicks();
    let pointerUp = 0;
    // Both pages draw every frame, as a feed with a playing video or an animation does: the
    // sensor asks for frames while a toggle is pressed, which would otherwise wake the main
    // thread of the page with the extension alone and answer its clicks sooner.
    const drawEachFrame = () => requestAnimationFrame(drawEachFrame);
    drawEachFrame();
    window.addEventListener("pointerup", () => {
      pointerUp = performance.now();
    });
    window.addEventListener("click", (e) => {
      const now = performance.now();
      window.clickTasks.push(now - e.timeStamp);
      window.clickDispatches.push(now - pointerUp);
      requestAnimationFrame(() => setTimeout(() => window.clickFrames.push(performance.now() - e.timeStamp)));
    });
  });
  return page;
}

/** Interaction times with and without the extension, side by side: the two browsers take turns
 *  click by click, so that the machine's drift (other work, CPU frequency) hits both alike. */
async function interactions(bare, equipped, clicks) {
  const pages = [await timedFeed(bare), await timedFeed(equipped)];
  const likes = pages.map((page) => page.locator(LIKES));
  // The first likes are not counted: the browsers have just started (the extension's worker and
  // the closed welcome tab still busy), and the pages' first clicks warm their code up.
  for (let i = 0; i < WARM_UP + clicks; i += 1) {
    if (i === WARM_UP) await Promise.all(pages.map((page) => page.evaluate(() => window.forgetClicks())));
    for (const buttons of likes) await buttons.nth(i).click({ delay: HOLD_MS });
  }
  await pages[0].waitForTimeout(100);
  const [without, withExtension] = await Promise.all(
    pages.map((page) =>
      page.evaluate(() => ({
        tasks: window.clickTasks,
        dispatches: window.clickDispatches,
        frames: window.clickFrames,
      })),
    ),
  );
  await Promise.all(pages.map((page) => page.close()));
  return { without, withExtension };
}

/** Long tasks while scrolling the feed, then the JS heap after GC, in one browser. */
async function pageFigures(browser) {
  const page = await browser.visit(FEED);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: "longtask",
    });
  });
  await page.mouse.move(500, 400);
  for (let i = 0; i < 60; i += 1) {
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(16);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await clickLikes(page, 50);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await page.waitForTimeout(100);
  const longTasks = await page.evaluate(() => window.longTasks);
  await page.close();
  return { longTasks, heap: usedSize };
}

const server = await startFixtureServer();
try {
  const bare = await launchBrowser(server, { extension: false });
  const starts = [];
  let clickTimes = [];
  for (let run = 0; run < 10; run += 1) {
    const page = await bare.visit(FEED);
    starts.push(await page.evaluate(instrumentedSensor, { rulesJs, sensorJs }));
    if (run === 0) {
      await clickLikes(page, 100);
      // A like is one press: the sensor finds the control as the button goes down, and the
      // click takes the result; both listeners count.
      clickTimes = await page.evaluate(() => {
        const { pointerdown = [], click = [] } = window.sensorTimings;
        return click.map((time, i) => time + (pointerdown[i] ?? 0));
      });
    }
    await page.close();
  }
  console.log(
    `sensor start (rules + sensor.js, 500-post feed): median ${ms(median(starts))} of 10 loads (budget <= 2 ms)`,
  );
  if (process.env.TACHERON_BENCH_DETAIL) console.log(clickTimes.map((t) => t.toFixed(3)).join(" "));
  console.log(
    `sensor click handling (button down and click): median ${ms(median(clickTimes))}, max ${ms(Math.max(...clickTimes))} over ${clickTimes.length} likes (budget <= 0.1 ms median)`,
  );

  const without = await pageFigures(bare);
  const equipped = await launchBrowser(server);
  const withExtension = await pageFigures(equipped);
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  console.log(
    `long tasks while scrolling 500 posts: with the extension ${withExtension.longTasks.length} (${sum(withExtension.longTasks).toFixed(0)} ms), ` +
      `without ${without.longTasks.length} (${sum(without.longTasks).toFixed(0)} ms) (budget: none caused by the sensor)`,
  );
  const added = (withExtension.heap - without.heap) / 1024;
  console.log(`added JS heap per tab after GC: ${added.toFixed(0)} KB (budget <= 1024 KB)`);
  await bare.close();
  await equipped.close();

  // Side by side, in PAIRS fresh pairs of browsers: within a pair, one browser's clicks may run
  // faster than the other's for reasons of their own (which core, what the machine does
  // meanwhile), by 2-13% either way on the two-core test machine, much more than the
  // sensor's share. Each pair gives a ratio; their median is the figure, every pair's is printed.
  const side = {
    without: { tasks: [], dispatches: [], frames: [] },
    withExtension: { tasks: [], dispatches: [], frames: [] },
  };
  const pairRatios = [];
  for (let pair = 0; pair < PAIRS; pair += 1) {
    // Each pair starts the other way round from the last.
    const browsers = {};
    for (const which of pair % 2 ? ["equipped", "bare"] : ["bare", "equipped"]) {
      browsers[which] = await launchBrowser(server, { extension: which === "equipped" });
    }
    const one = await interactions(browsers.bare, browsers.equipped, CLICKS_PER_PAIR);
    await Promise.all(Object.values(browsers).map((browser) => browser.close()));
    pairRatios.push(median(one.withExtension.tasks) / median(one.without.tasks));
    for (const key of ["tasks", "dispatches", "frames"]) {
      side.without[key].push(...one.without[key]);
      side.withExtension[key].push(...one.withExtension[key]);
    }
  }
  console.log(
    `interaction (click to the end of its dispatch, ${PAIRS} pairs of browsers × ${CLICKS_PER_PAIR} likes each held ${HOLD_MS} ms, taking turns): ` +
      `with / without, the median of the pairs' ratios ${median(pairRatios).toFixed(3)}x (budget <= 1.02x); ` +
      `each pair: ${pairRatios.map((value) => `${value.toFixed(3)}x`).join(", ")}; ` +
      `all clicks: median ${ms(median(side.withExtension.tasks))} with, ${ms(median(side.without.tasks))} without`,
  );
  const sensorAdds = median(side.withExtension.dispatches) - median(side.without.dispatches);
  console.log(
    `  of which the click's dispatch (pointerup to the end of the click): median ${ms(median(side.withExtension.dispatches))} with, ` +
      `${ms(median(side.without.dispatches))} without: the sensor adds ${ms(sensorAdds)} ` +
      `(${((100 * sensorAdds) / median(side.without.tasks)).toFixed(1)}% of the interaction)`,
  );
  console.log(
    `click to next frame, for context: median ${ms(median(side.withExtension.frames))} with, ${ms(median(side.without.frames))} without`,
  );
} finally {
  await server.close();
}
