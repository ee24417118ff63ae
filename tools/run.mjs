// `make run`: shows the extension working in Chromium, on the local fixture pages.
//
// With a display: opens a headed Chromium with the extension, a YouTube fixture page and the
// dashboard, and waits until the browser is closed.
// Without a display (or with TACHERON_DEMO=scripted): likes a few fixture videos, takes a
// screenshot of the dashboard (dist/demo.png) and prints the totals the dashboard shows.

import { launchBrowser, ROOT, startFixtureServer } from "../tests/e2e/harness.mjs";
import { join } from "node:path";

const LIKE = "like-button-view-model button";
const DISLIKE = "dislike-button-view-model button";
const scripted = !process.env.DISPLAY || process.env.TACHERON_DEMO === "scripted";

const server = await startFixtureServer();
const browser = await launchBrowser(server, { headless: scripted });

if (!scripted) {
  await browser.visit("https://www.youtube.com/watch?v=demo");
  const dashboard = await browser.dashboard();
  await dashboard.bringToFront();
  console.log("Chromium is open with Tâcheron loaded.");
  console.log("Like or dislike the fixture video in the first tab (it stands in for www.youtube.com),");
  console.log("then watch the dashboard tab. Close the browser to stop.");
  await new Promise((resolve) => browser.context.on("close", resolve));
  await server.close();
  process.exit(0);
}

console.log("No display: running the scripted demo on the local fixture pages.");
const videos = ["demo-1", "demo-2", "demo-3"];
for (const [index, video] of videos.entries()) {
  const page = await browser.visit(`https://www.youtube.com/watch?v=${video}`);
  await page.click(index === 2 ? DISLIKE : LIKE);
  console.log(`  ${index === 2 ? "disliked" : "liked"} https://www.youtube.com/watch?v=${video}`);
  await page.close();
}
const page = await browser.visit("https://www.youtube.com/watch?v=demo-4");
await page.click(LIKE);
await page.click(LIKE);
console.log("  liked, then unliked https://www.youtube.com/watch?v=demo-4");
await browser.waitForStored(
  (data) => Object.values(data).some((day) => day["youtube/unreaction/like"]),
  "the demo's actions",
);

const dashboard = await browser.dashboard();
const screenshot = join(ROOT, "dist/demo.png");
await dashboard.screenshot({ path: screenshot, fullPage: true });
const text = (selector) => dashboard.textContent(selector).then((t) => t.trim());
console.log("\nThe dashboard shows:");
console.log(`  actions:        ${await text("#total-count")}`);
console.log(`  estimated time: ${await text("#total-time")}`);
console.log(`  value:          ${await text("#total-value")}`);
for (const row of await dashboard.locator("#details tbody tr").all()) {
  const cells = await row.locator("td").allTextContents();
  console.log(`  - ${cells.join(" | ")}`);
}
console.log(`  rate card:      ${await text("#rate-card")}`);
console.log(`\nScreenshot of the dashboard: ${screenshot}`);
await browser.close();
await server.close();
