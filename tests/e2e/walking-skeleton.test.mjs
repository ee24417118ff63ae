// Issue 2's path, end to end in a real Chromium: a like on the YouTube fixture page goes through
// the content sensor, the Rust core in the service worker and chrome.storage.local, and comes out
// of the dashboard's "Export JSON" button.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browsersOnFixtureServer, localToday } from "./harness.mjs";

const WATCH = "https://www.youtube.com/watch?v=fixture";
const LIKE = "like-button-view-model button";
const DISLIKE = "dislike-button-view-model button";

const fixtures = browsersOnFixtureServer();
const { withBrowser } = fixtures;

/** The export's records without the date, which is checked once separately. */
function records(exported) {
  return exported.records.map(({ date, ...rest }) => rest);
}

test("a like is exported as one reaction, dated today", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    assert.equal(await page.getAttribute(LIKE, "aria-pressed"), "true");
    await browser.waitForStored((data) => Object.keys(data).length > 0, "the like");

    const { data, filename } = await browser.exportJson();
    assert.equal(data.format, "tacheron-export");
    assert.equal(data.version, 1);
    assert.deepEqual(records(data), [{ platform: "youtube", kind: "reaction", detail: "like", count: 1 }]);
    assert.equal(data.records[0].date, localToday());
    assert.match(filename, /^tacheron-export-\d{4}-\d{2}-\d{2}\.json$/);
  }));

test("like then unlike is one reaction and one unreaction", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    await page.click(LIKE);
    assert.equal(await page.getAttribute(LIKE, "aria-pressed"), "false");
    await browser.waitForStored((data) => JSON.stringify(data).includes("unreaction"), "the unlike");

    const { data } = await browser.exportJson();
    assert.deepEqual(records(data), [
      { platform: "youtube", kind: "reaction", detail: "like", count: 1 },
      { platform: "youtube", kind: "unreaction", detail: "like", count: 1 },
    ]);
  }));

test("a page script calling button.click() counts nothing", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    // The page's own script likes the video (untrusted click): the button does flip…
    await page.evaluate((selector) => document.querySelector(selector).click(), LIKE);
    assert.equal(await page.getAttribute(LIKE, "aria-pressed"), "true");
    // …then the person really clicks dislike, which shows the sensor was listening all along.
    await page.click(DISLIKE);
    await browser.waitForStored((data) => Object.keys(data).length > 0, "the dislike");

    const { data } = await browser.exportJson();
    assert.deepEqual(records(data), [{ platform: "youtube", kind: "reaction", detail: "dislike", count: 1 }]);
  }));

test("the same markup on another site counts nothing", () =>
  withBrowser(async (browser) => {
    const lookalike = await browser.visit("https://www.example.org/watch?v=fixture");
    await lookalike.click(LIKE);
    await lookalike.click(DISLIKE);
    assert.equal(await lookalike.getAttribute(DISLIKE, "aria-pressed"), "true");
    // A real like afterwards is counted, and is the only thing counted.
    const youtube = await browser.visit(WATCH);
    await youtube.click(LIKE);
    await browser.waitForStored((data) => Object.keys(data).length > 0, "the YouTube like");

    const { data } = await browser.exportJson();
    assert.deepEqual(records(data), [{ platform: "youtube", kind: "reaction", detail: "like", count: 1 }]);
  }));

test("a service worker stopped between the click and the export loses nothing", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    await browser.waitForStored((data) => Object.keys(data).length > 0, "the like");
    assert.equal(await browser.stopServiceWorker(), 1, "the running service worker was stopped");
    await page.click(DISLIKE); // wakes a fresh worker, which must start from what is stored
    // (the page clears the like by itself when dislike is pressed: that is not a click on like)

    const { data } = await browser.exportJson();
    assert.deepEqual(records(data), [
      { platform: "youtube", kind: "reaction", detail: "dislike", count: 1 },
      { platform: "youtube", kind: "reaction", detail: "like", count: 1 },
    ]);
  }));

test("the dashboard shows the count, the time and the value", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    await page.click(DISLIKE);
    await browser.waitForStored((data) => JSON.stringify(data).includes("dislike"), "the dislike");

    const dashboard = await browser.dashboard();
    assert.equal(await dashboard.textContent("#total-count"), "2");
    assert.match(await dashboard.textContent("#total-time"), /\d+(\.\d)? s/);
    assert.match(await dashboard.textContent("#total-value"), /\$/);
    const rows = await dashboard.locator("#details tbody tr").allTextContents();
    assert.equal(rows.length, 1);
    assert.match(rows[0], /YouTube.*Reactions.*2/);
  }));

test("in French, the dashboard speaks French and exports the same contract", () =>
  withBrowser(
    async (browser) => {
      const page = await browser.visit(`${WATCH}&hl=fr`);
      await page.click(LIKE);
      await browser.waitForStored((data) => Object.keys(data).length > 0, "the like");

      const dashboard = await browser.dashboard();
      assert.match(await dashboard.getAttribute("html", "lang"), /^fr/);
      assert.match(await dashboard.textContent("#details"), /Réactions/);
      await dashboard.close();
      const { data } = await browser.exportJson({ buttonName: "Exporter (JSON)" });
      assert.deepEqual(records(data), [{ platform: "youtube", kind: "reaction", detail: "like", count: 1 }]);
    },
    { language: "fr-FR" },
  ));

test("no request left the extension during the run", () => {
  const { server } = fixtures;
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
  assert.ok(server.requests.length >= 7, "the fixture pages themselves were served");
});
