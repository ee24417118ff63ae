// Accessibility, checked by axe-core (npm) in Chromium: the popup, the welcome page, the
// methodology page and the dashboard, in English and in French, light and dark
// (prefers-color-scheme), with data in them, must show no violation at all (axe's default rules:
// WCAG 2.x A and AA, and best practices); and from the keyboard, every Tab stop of each must show
// where the focus is and be in view.
//
// The extension's pages forbid inline scripts (their CSP is `default-src 'self'`), so axe is not
// added as a <script> tag: its source is evaluated through DevTools, which the page's CSP does
// not govern.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  askCore,
  axeViolations as violations,
  browsersOnFixtureServer,
  dashboardReady,
  launchBrowser,
  tabStops,
} from "./harness.mjs";

const WATCH = "https://www.youtube.com/watch?v=accessibility";

/** Each page, and what shows that its content is there. */
const PAGES = {
  popup: { path: "pages/popup.html", ready: ["#pause-state:not(:empty)", "#recent li"] },
  onboarding: { path: "pages/onboarding.html", ready: ["#counts-where:not(:empty)"] },
  methodology: { path: "pages/methodology.html", ready: ["#action-rates tbody tr", "#source-list li"] },
  dashboard: { path: "pages/dashboard.html", ready: ["#total-count"] },
};

/** A few days of counts, so that tables and charts have rows. */
function sampleExport() {
  const records = [];
  const day = (back) => new Date(Date.now() - back * 86_400_000).toLocaleDateString("sv");
  for (const back of [9, 3, 1]) {
    records.push(
      { date: day(back), platform: "instagram", kind: "reaction", detail: "like", count: 12 + back },
      {
        date: day(back),
        platform: "other",
        kind: "captcha",
        detail: "recaptcha-image",
        count: 2,
        measured: 2,
        measured_seconds: 31.5,
      },
      { date: day(back), platform: "x", kind: "post", count: 1 },
      { date: day(back), platform: "x", kind: "hashtag", count: 3 },
    );
  }
  records.sort(
    (a, b) => a.date.localeCompare(b.date) || a.platform.localeCompare(b.platform) || a.kind.localeCompare(b.kind),
  );
  return { format: "tacheron-export", version: 1, records };
}

const fixtures = browsersOnFixtureServer();

/** Loads an extension page in the given colour scheme and waits for its content. */
async function load(browser, name, colorScheme) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`chrome-extension://${browser.extensionId}/${PAGES[name].path}`);
  for (const selector of PAGES[name].ready) await page.locator(selector).first().waitFor();
  if (name === "dashboard") {
    await dashboardReady(page);
    // Charts, when the dashboard has them, are drawn after the totals.
    if ((await page.locator("svg.chart").count()) > 0) await page.locator("svg.chart").first().waitFor();
  }
  await page.evaluate(() => document.fonts.ready);
  // The build writes each page's stylesheets into it, allowed by their hashes in the manifest's
  // policy: a style the policy refused would leave the page unstyled, and axe's contrast checks
  // about nothing.
  const sheets = await page.evaluate(() =>
    [...document.querySelectorAll("style")].map((style) => style.sheet?.cssRules.length ?? 0),
  );
  assert.ok(
    sheets.length > 0 && sheets.every((rules) => rules > 0),
    `${name}: its styles apply (rules per <style>: ${sheets})`,
  );
  return page;
}

for (const language of ["en-US", "fr-FR"]) {
  test(`no accessibility violation on the extension's pages, ${language}, light and dark`, async () => {
    const browser = await launchBrowser(fixtures.server, { language });
    try {
      // Something to show: a like on YouTube (the popup's current tab and last observations) and
      // a few imported days.
      const youtube = await browser.visit(WATCH);
      await youtube.click("like-button-view-model button");
      await browser.waitForStored((data) => Object.keys(data).some((key) => key.startsWith("day:")), "the like");
      const helper = await load(browser, "onboarding", "light");
      const imported = await askCore(helper, "import", { export: sampleExport() });
      assert.equal(imported.type, "imported", JSON.stringify(imported));
      await helper.close();
      await youtube.bringToFront();

      const found = {};
      for (const name of Object.keys(PAGES)) {
        for (const colorScheme of ["light", "dark"]) {
          const page = await load(browser, name, colorScheme);
          assert.match(await page.getAttribute("html", "lang"), new RegExp(`^${language.slice(0, 2)}`), `${name} lang`);
          const started = Date.now();
          const lines = await violations(page);
          if (process.env.TACHERON_AXE_TIMES) console.log(name, colorScheme, Date.now() - started, "ms");
          if (lines.length > 0) found[`${name} ${colorScheme}`] = lines;
          // From the keyboard: every Tab stop shows where the focus is, and is in view.
          await page.emulateMedia({ reducedMotion: "reduce" });
          const stops = await tabStops(page);
          assert.ok(stops.length >= 2, `${name}: Tab reaches its controls (${stops.length})`);
          const unseen = stops.filter((stop) => !stop.shows || !stop.inView);
          if (unseen.length > 0) found[`${name} ${colorScheme} focus`] = unseen.map((stop) => JSON.stringify(stop));
          await page.emulateMedia({ reducedMotion: null });
          if (name === "popup") {
            // Paused, the popup shows a state and a button of its own.
            await page.click("#pause-resumed");
            await page.locator("#resume").waitFor();
            const paused = await violations(page);
            if (paused.length > 0) found[`${name} ${colorScheme} paused`] = paused;
            await page.click("#resume");
            await page.locator("#pause-hour").waitFor();
          }
          await page.close();
        }
      }
      assert.deepEqual(found, {}, "axe-core found violations");
    } finally {
      await browser.close();
    }
  });
}

test("axe runs in the extension's pages despite their CSP, and does find a violation; so does the Tab walk", async () => {
  // A control: an image without a text alternative added to the welcome page is reported, so zero
  // violations above means zero, not an axe that did not run; so is a link whose focus is hidden.
  const browser = await launchBrowser(fixtures.server);
  try {
    const page = await load(browser, "onboarding", "dark");
    await page.evaluate(() => {
      const image = document.createElement("img");
      image.src = "../icons/icon-32.png";
      document.querySelector("main").append(image);
    });
    const lines = await violations(page);
    assert.ok(
      lines.some((line) => line.startsWith("image-alt")),
      lines.join("\n"),
    );
    // And a control that hides its focus is reported by the Tab walk.
    await page.evaluate(() => document.querySelector("main a[href], main button").style.setProperty("outline", "none"));
    await page.emulateMedia({ reducedMotion: "reduce" });
    const hidden = (await tabStops(page)).filter((stop) => !stop.shows);
    assert.equal(hidden.length, 1, JSON.stringify(hidden));
  } finally {
    await browser.close();
  }
});

test("no request left the extension during the run", () => {
  const { server } = fixtures;
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
});
