// `make screenshots`: the dashboard and the popup in English and French, light and dark, from a
// seeded demo ledger (tools/demo-ledger.mjs), written to docs/screenshots/ for the README.
//
// Everything runs against the local fixture server (tests/e2e/harness.mjs): the demo ledger is
// imported through the core's own `import` message, then a real like on the stand-in YouTube page
// gives the popup a current tab and a last observation.
//
// The pages are waited for by what they show, not by their markup's details: the dashboard's
// total (`#total-count` no longer "–"), its charts when it has some (`svg.chart`), then a quiet
// moment with no change to the page.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { askCore, dashboardReady, launchBrowser, ROOT, startFixtureServer } from "../tests/e2e/harness.mjs";
import { demoExport } from "./demo-ledger.mjs";

const OUT = join(ROOT, "docs/screenshots");
const WATCH = "https://www.youtube.com/watch?v=demo";
const LANGUAGES = { en: "en-US", fr: "fr-FR" };
const SCHEMES = ["light", "dark"];
const DASHBOARD_VIEWPORT = { width: 1100, height: 900 };
const POPUP_VIEWPORT = { width: 420, height: 640 };

/** Resolves once the page has not changed for `quiet` ms (at most `limit` ms). */
function settled(page, quiet = 300, limit = 5000) {
  return page.evaluate(
    ([quietMs, limitMs]) =>
      new Promise((resolve) => {
        let timer;
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(deadline);
          resolve();
        };
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        timer = setTimeout(done, quietMs);
        const deadline = setTimeout(done, limitMs);
      }),
    [quiet, limit],
  );
}

async function open(browser, path, colorScheme, viewport) {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
  // No scroll bar in the pictures.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Emulation.setScrollbarsHidden", { hidden: true });
  await page.goto(`chrome-extension://${browser.extensionId}/pages/${path}`);
  return page;
}

async function dashboard(browser, colorScheme, file) {
  const page = await open(browser, "dashboard.html", colorScheme, DASHBOARD_VIEWPORT);
  await dashboardReady(page);
  await settled(page);
  if ((await page.locator("svg.chart").count()) > 0) await page.locator("svg.chart").first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file });
  await page.close();
}

async function popup(browser, colorScheme, file) {
  const page = await open(browser, "popup.html", colorScheme, POPUP_VIEWPORT);
  await page.locator("#today-count").filter({ hasNotText: "–" }).waitFor();
  await page.locator("#recent li").first().waitFor();
  await settled(page);
  await page.evaluate(() => document.fonts.ready);
  // The popup's own size, as the browser shows it under its toolbar button.
  await page.locator("body").screenshot({ path: file });
  await page.close();
}

const server = await startFixtureServer();
mkdirSync(OUT, { recursive: true });
const demo = demoExport();
writeFileSync(join(ROOT, "dist/demo-export.json"), `${JSON.stringify(demo, null, 1)}\n`);
const written = [];
try {
  for (const [short, language] of Object.entries(LANGUAGES)) {
    const browser = await launchBrowser(server, { language });
    try {
      const helper = await open(browser, "popup.html", "light", POPUP_VIEWPORT);
      const answer = await askCore(helper, "import", { export: demo });
      if (answer?.type !== "imported") throw new Error(`the demo ledger was refused: ${JSON.stringify(answer)}`);
      await helper.close();

      const youtube = await browser.visit(WATCH);
      await youtube.click("like-button-view-model button"); // the popup waits for it to show

      for (const colorScheme of SCHEMES) {
        const dashboardFile = join(OUT, `dashboard-${short}-${colorScheme}.png`);
        await dashboard(browser, colorScheme, dashboardFile);
        await youtube.bringToFront();
        const popupFile = join(OUT, `popup-${short}-${colorScheme}.png`);
        await popup(browser, colorScheme, popupFile);
        written.push(dashboardFile, popupFile);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
for (const file of written) console.log(`screenshots: ${file.slice(ROOT.length)}`);
console.log(`screenshots: demo ledger of ${demo.records.length} records in dist/demo-export.json`);
