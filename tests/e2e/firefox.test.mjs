// The same extension in Firefox (Debian's firefox-esr, driven by geckodriver over plain WebDriver):
// dist/firefox installed as a temporary add-on, its background module loading the Rust core's wasm,
// the content sensor on the YouTube fixture page counting a real click, and the dashboard showing
// it. Firefox resolves every host to 127.0.0.1 (network.dns.forceResolve), so the fixture server
// listens on port 443 for this file.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FIREFOX_DIR, startFirefox, until } from "./firefox-driver.mjs";
import { ROOT, startFixtureServer } from "./harness.mjs";

let server;
let firefox;
before(async () => {
  server = await startFixtureServer({ port: 443 });
  firefox = await startFirefox();
});
after(async () => {
  await firefox?.quit();
  await server?.close();
});

async function clickLike() {
  await firefox.visit("https://www.youtube.com/watch?v=fixture");
  const like = await until(() => firefox.click("like-button-view-model button"), Boolean, "the like button");
  return firefox.call("GET", `/element/${like}/attribute/aria-pressed`);
}

/** Opens the dashboard, waits until today's record holds `likes` likes on YouTube (`what`: the
 *  like awaited) and asserts that it holds nothing else. */
async function assertLikesStored(likes, what) {
  await firefox.openPage("dashboard");
  const stored = await until(
    () => firefox.storedToday(),
    (day) => day?.["youtube/reaction/like"]?.n === likes,
    what,
  );
  assert.deepEqual(stored, { "youtube/reaction/like": { n: likes } });
}

test("firefox: a like on YouTube is counted by the core and shown on the dashboard", async () => {
  assert.equal(await clickLike(), "true", "the page's own script flipped the button");
  const count = await until(
    async () => {
      await firefox.openPage("dashboard");
      return firefox.textOf("#total-count");
    },
    (text) => text === "1",
    "the dashboard's count of the like",
  );
  assert.equal(count, "1");
  assert.deepEqual(await firefox.storedToday(), { "youtube/reaction/like": { n: 1 } });
});

test("firefox: a click made by the page's own script counts nothing", async () => {
  await firefox.visit("https://www.youtube.com/watch?v=fixture");
  await until(() => firefox.element("dislike-button-view-model button"), Boolean, "the dislike button");
  await firefox.run('document.querySelector("dislike-button-view-model button").click();');
  // A real like afterwards, on a fresh page: once it is stored, the dislike before it (had it
  // counted) would be stored too, since the core takes messages in order.
  assert.equal(await clickLike(), "true");
  await assertLikesStored(2, "the second like");
});

test("firefox: paused from the popup, a like counts nothing; resumed, a like counts", async () => {
  const pauseState = () => firefox.textOf("#pause-state");
  await firefox.openPage("popup");
  await until(pauseState, (text) => text === "Counting is on.", "the popup's state");
  await firefox.click("#pause-resumed");
  await until(pauseState, (text) => text === "Paused until you resume.", "paused");
  assert.equal(await clickLike(), "true", "the page's own like still works while paused");

  // The pause is stored: a popup opened again says so, and its last observation is the like,
  // seen by the core and not counted; nothing more is stored.
  await firefox.openPage("popup");
  await until(pauseState, (text) => text === "Paused until you resume.", "still paused");
  await until(
    () => firefox.textOf("#recent li:first-child"),
    (text) => /YouTube · counting paused$/.test(text),
    "the like seen while paused",
  );
  assert.deepEqual(await firefox.storedToday(), { "youtube/reaction/like": { n: 2 } });
  await firefox.openPage("popup");
  await firefox.click("#resume");
  await until(pauseState, (text) => text === "Counting is on.", "resumed");
  assert.equal(await clickLike(), "true");
  await assertLikesStored(3, "the like after resuming");
});

test("firefox: every extension page is styled: the styles the build wrote into it pass the manifest's policy", async () => {
  const styled = {};
  for (const page of ["dashboard", "popup", "onboarding", "methodology", "study", "class", "workshop"]) {
    await firefox.openPage(page);
    styled[page] =
      await firefox.run(`return [...document.querySelectorAll("style")].map((style) => style.sheet?.cssRules.length ?? 0)
      .concat(getComputedStyle(document.body).marginTop);`);
  }
  for (const [page, found] of Object.entries(styled)) {
    const margin = found.pop();
    assert.ok(found.length > 0 && found.every((rules) => rules > 0), `${page}: rules per <style>: ${found}`);
    assert.equal(margin, "0px", `${page}: its own body margin, not the browser's 8px`);
  }
});

test("firefox: Mozilla's add-on linter finds no error, warning or notice in dist/firefox", () => {
  const linter = join(ROOT, "node_modules/.bin/addons-linter");
  const report = JSON.parse(execFileSync(linter, ["--output", "json", FIREFOX_DIR], { encoding: "utf8" }));
  const findings = [...report.errors, ...report.warnings, ...report.notices].map((f) => `${f.code}: ${f.message}`);
  assert.deepEqual(findings, []);
});
