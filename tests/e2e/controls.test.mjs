// The user's controls over detection, in Chromium: the popup's diagnostics for the current tab,
// and switching a platform off (from the popup or the dashboard), honoured at once.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browsersOnFixtureServer } from "./harness.mjs";

const WATCH = "https://www.youtube.com/watch?v=controls";
const LIKE = "like-button-view-model button";
const DISLIKE = "dislike-button-view-model button";

const fixtures = browsersOnFixtureServer();
const { withBrowser } = fixtures;

const popupUrl = (browser) => `chrome-extension://${browser.extensionId}/pages/popup.html`;

test("the popup tells which platform is counted on the current tab and what it saw", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    await browser.waitForStored((data) => Object.keys(data).length > 0, "the like");
    await page.bringToFront();
    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    await popup.locator("#recent li").first().waitFor();
    assert.match(await popup.textContent("#tab-status"), /YouTube/);
    assert.ok(await popup.isChecked("#tab-platform-enabled"));
    assert.match(await popup.textContent("#recent"), /YouTube · Reactions/);
    assert.match(await popup.textContent("#rules-version"), /^\d{4}\.\d{2}\.\d+$/);
    assert.doesNotMatch(await popup.content(), /watch\?v=controls/, "the page's address is not shown");
  }));

test("switching YouTube off in the popup stops counting at once; on again, it counts", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.bringToFront();
    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    await popup.locator("#tab-toggle-row:not([hidden])").waitFor();
    await popup.uncheck("#tab-platform-enabled");
    await popup.locator("#tab-status", { hasText: /off/ }).waitFor();

    await page.click(LIKE); // not counted: YouTube is off
    await popup.reload();
    await popup.locator("#recent li").first().waitFor();
    assert.match(await popup.textContent("#recent"), /counting off/);

    const dashboard = await browser.dashboard();
    await dashboard.check('#platforms input[name="youtube"]');
    await page.click(DISLIKE);
    await browser.waitForStored((data) => JSON.stringify(data).includes("dislike"), "the dislike");
    assert.deepEqual(await browser.exportedCounts(), [
      { platform: "youtube", kind: "reaction", detail: "dislike", count: 1 },
    ]);
  }));

test("a Mastodon server name that is not one is refused with a message, and nothing changes", () =>
  withBrowser(async (browser) => {
    const dashboard = await browser.dashboard();
    await dashboard.fill("#mastodon-host", "not a server");
    await dashboard.click('#mastodon-form button[type="submit"]');
    await dashboard.locator("#status", { hasText: "not a server" }).waitFor();
    assert.match(await dashboard.textContent("#status"), /cannot be added/);
    assert.equal(await dashboard.locator("#mastodon-servers li").count(), 0);
    const stored = await browser.storedData();
    assert.ok(!JSON.stringify(stored).includes("not a server"));
  }));

test("a Mastodon server nobody added gets no sensor and counts nothing", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit("https://piaille.example/home-legacy");
    await page.locator(".status__action-bar__button.star-icon").first().click();
    const youtube = await browser.visit(WATCH);
    await youtube.click(LIKE);
    await browser.waitForStored((data) => Object.keys(data).length > 0, "the YouTube like");
    const { data } = await browser.exportJson();
    assert.deepEqual(
      data.records.map((r) => r.platform),
      ["youtube"],
    );
  }));
