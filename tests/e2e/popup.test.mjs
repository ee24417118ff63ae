// The toolbar popup, the badge and the welcome page, in Chromium: today's count and time after a
// like, pausing and resuming (from the mouse and from the keyboard), today's count on the
// toolbar badge when the user wants it, and the welcome page opened at install in the browser's
// language.

import assert from "node:assert/strict";
import { test } from "node:test";
import { askCore, browsersOnFixtureServer } from "./harness.mjs";

const WATCH = "https://www.youtube.com/watch?v=popup";
const LIKE = "like-button-view-model button";
const DISLIKE = "dislike-button-view-model button";

const fixtures = browsersOnFixtureServer();
const { withBrowser } = fixtures;

/** The popup as a tab of its own, describing the tab used before it. */
async function openPopup(browser) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/pages/popup.html`);
  await popup.locator("#pause-state").filter({ hasText: /\S/ }).waitFor();
  return popup;
}

const dayRecords = (data) => Object.keys(data).filter((key) => key.startsWith("day:"));

test("the popup shows today's count and time, with its range, after a like", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    await browser.waitForStored((data) => dayRecords(data).length > 0, "the like");
    await page.bringToFront();
    const popup = await openPopup(browser);
    await popup.locator("#today-count", { hasText: /^1$/ }).waitFor();
    assert.equal(await popup.textContent("#today-count-word"), "action");
    assert.match(await popup.textContent("#today-time"), /^about \d+(\.\d)? sec of work$/);
    assert.match(await popup.textContent("#today-range"), /^range \d+(\.\d)? sec to \d+(\.\d)? sec$/);
    assert.match(await popup.textContent("#today-kinds"), /Reactions 1/);
    assert.match(await popup.textContent("#tab-status"), /YouTube/);

    // Open, it follows what happens in the page beneath.
    await page.click(DISLIKE);
    await popup.locator("#today-count", { hasText: /^2$/ }).waitFor();
    assert.equal(await popup.textContent("#today-count-word"), "actions");
  }));

test("paused for an hour from the popup, a like counts nothing; resumed, a like counts", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.bringToFront();
    const popup = await openPopup(browser);
    assert.equal(await popup.textContent("#pause-state"), "Counting is on.");
    const before = Date.now();
    await popup.click("#pause-hour");
    await popup.locator("#pause-state", { hasText: "Paused until" }).waitFor();
    const { settings } = await askCore(popup, "settings");
    const until = settings.paused.until.epoch_ms;
    assert.ok(until >= before + 3_600_000 && until <= Date.now() + 3_600_000, `paused until ${until}`);
    const shown = new Intl.DateTimeFormat("en-US", { timeStyle: "short" }).format(until);
    assert.ok((await popup.textContent("#pause-state")).includes(shown), `the end of the pause, ${shown}, is shown`);
    assert.ok(await popup.isHidden("#pause-choices"));
    assert.equal(await popup.evaluate(() => document.activeElement.id), "resume", "focus moves to Resume");
    assert.match(await popup.textContent("#tab-status"), /Nothing on YouTube is counted during the pause/);

    // Paused: not counted. (A like still in flight when counting resumes would be counted, and
    // the export below would show it; the popup's reload leaves it far more time than it needs.)
    await page.click(LIKE);
    await popup.reload();
    await popup.locator("#pause-state", { hasText: "Paused until" }).waitFor();
    await popup.locator("#today-count", { hasText: /^0$/ }).waitFor();
    assert.deepEqual(dayRecords(await browser.storedData()), [], "nothing was stored");

    await popup.click("#resume");
    await popup.locator("#pause-state", { hasText: "Counting is on." }).waitFor();
    assert.equal(await popup.evaluate(() => document.activeElement.id), "pause-hour", "focus moves back to the pause");
    await page.click(DISLIKE);
    await popup.locator("#today-count", { hasText: /^1$/ }).waitFor();
    assert.deepEqual(await browser.exportedCounts(), [
      { platform: "youtube", kind: "reaction", detail: "dislike", count: 1 },
    ]);
  }));

test("the popup is usable from the keyboard, with a visible focus", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.bringToFront();
    const popup = await openPopup(browser);
    await popup.locator("#tab-toggle-row:not([hidden])").waitFor();
    const order = [];
    for (let step = 0; step < 5; step += 1) {
      await popup.keyboard.press("Tab");
      order.push(
        await popup.evaluate(() => {
          const element = document.activeElement;
          const style = getComputedStyle(element);
          return `${element.id}${style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 ? "" : " (no visible focus)"}`;
        }),
      );
    }
    assert.deepEqual(order, [
      "open-dashboard",
      "pause-hour",
      "pause-tomorrow",
      "pause-resumed",
      "tab-platform-enabled",
    ]);

    // Until tomorrow, from the keyboard: Shift+Tab back to it, Enter.
    await popup.keyboard.press("Shift+Tab");
    await popup.keyboard.press("Shift+Tab");
    await popup.keyboard.press("Enter");
    await popup.locator("#pause-state", { hasText: /^Paused until tomorrow at 12:00\sAM\.$/ }).waitFor();
    const { settings } = await askCore(popup, "settings");
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    assert.equal(settings.paused.until.epoch_ms, midnight.getTime(), "until the next local midnight");

    // Resume with the space bar (focus is on Resume), then pause until resumed.
    await popup.keyboard.press(" ");
    await popup.locator("#pause-state", { hasText: "Counting is on." }).waitFor();
    await popup.keyboard.press("Tab");
    await popup.keyboard.press("Tab");
    await popup.keyboard.press("Enter");
    await popup.locator("#pause-state", { hasText: "Paused until you resume." }).waitFor();
    assert.equal((await askCore(popup, "settings")).settings.paused, "until_resumed");

    // The platform switch, with the space bar.
    await popup.keyboard.press(" "); // resume
    await popup.locator("#pause-state", { hasText: "Counting is on." }).waitFor();
    await popup.focus("#tab-platform-enabled");
    await popup.keyboard.press(" ");
    await popup.locator("#tab-status", { hasText: "Counting is off for YouTube." }).waitFor();
  }));

test("the badge shows today's count when switched on, follows each action, and clears when off", () =>
  withBrowser(async (browser) => {
    const page = await browser.visit(WATCH);
    await page.click(LIKE);
    await browser.waitForStored((data) => dayRecords(data).length > 0, "the like");
    const popup = await openPopup(browser);
    const badge = () => popup.evaluate(() => chrome.action.getBadgeText({}));
    const waitForBadge = async (text) => {
      for (let attempt = 0; attempt < 100 && (await badge()) !== text; attempt += 1) await popup.waitForTimeout(50);
      assert.equal(await badge(), text);
    };
    assert.equal(await badge(), "", "no badge unless the user asks for it");

    const { settings } = await askCore(popup, "settings");
    await askCore(popup, "set_preferences", { preferences: { ...settings.preferences, badge: true } });
    await waitForBadge("1"); // today's count at once, before any new action
    await page.click(DISLIKE);
    await waitForBadge("2");

    await askCore(popup, "set_preferences", { preferences: { ...settings.preferences, badge: false } });
    await waitForBadge("");
    await page.click(DISLIKE); // un-dislike: counted, but the badge stays off
    await browser.waitForStored((data) => JSON.stringify(data).includes("unreaction"), "the un-dislike");
    assert.equal(await badge(), "");
  }));

test("the badge is set again at the next local midnight, when a new day's count begins", () =>
  withBrowser(async (browser) => {
    const popup = await openPopup(browser);
    const { alarm, midnight } = await popup.evaluate(async () => {
      const next = new Date();
      next.setHours(24, 0, 0, 0);
      return { alarm: await chrome.alarms.get("new-day"), midnight: next.getTime() };
    });
    assert.ok(alarm, "an alarm for the new day is set from install");
    assert.equal(alarm.scheduledTime - midnight, 1000, "a second after the next local midnight");
  }));

test("the popup speaks the language chosen in the settings", () =>
  withBrowser(async (browser) => {
    const popup = await openPopup(browser);
    const { settings } = await askCore(popup, "settings");
    await askCore(popup, "set_preferences", { preferences: { ...settings.preferences, language: "fr" } });
    await popup.reload();
    await popup.locator("#pause-state", { hasText: "Le comptage est en marche." }).waitFor();
    assert.equal(await popup.getAttribute("html", "lang"), "fr");
    assert.equal(await popup.textContent("#today-heading"), "Aujourd’hui");
    assert.equal(await popup.textContent("#pause-hour"), "1 heure");
  }));

test("the welcome page opens at install, in English in an English browser", () =>
  withBrowser(
    async (browser) => {
      const page = browser.onboarding;
      assert.ok(page, "the welcome page opened");
      await page.locator("#counts-where", { hasText: "Pinterest" }).waitFor();
      assert.match(await page.getAttribute("html", "lang"), /^en/);
      assert.equal(await page.textContent("h1"), "Welcome to Tâcheron");
      assert.equal(await page.title(), "Welcome to Tâcheron");
      assert.match(await page.textContent("main"), /Nothing you write/);
      assert.match(await page.textContent("main"), /pause counting for an hour/);

      // From the keyboard: the badge switch, then the dashboard link.
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.id), "badge");
      await page.keyboard.press(" ");
      const badgeOn = async () => (await askCore(page, "settings")).settings.preferences.badge;
      for (let attempt = 0; attempt < 50 && !(await badgeOn()); attempt += 1) await page.waitForTimeout(50);
      assert.ok(await badgeOn(), "the badge preference is on");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.id), "open-dashboard");
      await page.keyboard.press("Enter");
      await page.waitForURL(/dashboard\.html$/);
    },
    { onboarding: true },
  ));

test("the welcome page opens at install in French in a French browser", () =>
  withBrowser(
    async (browser) => {
      const page = browser.onboarding;
      await page.locator("#counts-where", { hasText: "Pinterest" }).waitFor();
      assert.match(await page.getAttribute("html", "lang"), /^fr/);
      assert.equal(await page.textContent("h1"), "Bienvenue dans Tâcheron");
      assert.equal(await page.title(), "Bienvenue dans Tâcheron");
      assert.match(await page.textContent("#counts-where"), /Bluesky et Pinterest/);
      assert.match(await page.textContent("main"), /Rien de ce que vous écrivez/);
      assert.equal(await page.textContent("#open-dashboard"), "Ouvrir le tableau de bord");
    },
    { language: "fr-FR", onboarding: true },
  ));

test("no request left the extension during the run", () => {
  const { server } = fixtures;
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
});
