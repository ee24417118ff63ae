// The same extension in Firefox (Debian's firefox-esr, driven by geckodriver over plain WebDriver):
// dist/firefox installed as a temporary add-on, its background module loading the Rust core's wasm,
// the content sensor on the YouTube fixture page counting a real click, and the dashboard showing
// it. Firefox resolves every host to 127.0.0.1 (network.dns.forceResolve), so the fixture server
// listens on port 443 for this file.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { decodeDay, ROOT, startFixtureServer } from "./harness.mjs";

const FIREFOX_DIR = join(ROOT, "dist/firefox");
const GECKO_ID = JSON.parse(readFileSync(join(FIREFOX_DIR, "manifest.json"), "utf8")).browser_specific_settings.gecko.id;
// Fixed, so that the test can open the extension's pages (Firefox draws one at random otherwise).
const EXTENSION_UUID = "4f1c3a52-7d0e-4b8e-9a51-0c2d6e8f7a13";

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** A WebDriver session: `call(method, path, body)` against /session/{id}/path. */
async function webdriver(base) {
  const request = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer.value)}`);
    return answer.value;
  };
  const created = await request("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        acceptInsecureCerts: true,
        "moz:firefoxOptions": {
          binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
          args: ["-headless"],
          prefs: {
            "network.dns.forceResolve": "127.0.0.1",
            "network.stricttransportsecurity.preloadlist": false,
            "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
            "intl.locale.requested": "en-US",
          },
        },
      },
    },
  });
  const session = `/session/${created.sessionId}`;
  return {
    call: (method, path, body) => request(method, `${session}${path}`, body),
    end: () => request("DELETE", session),
  };
}

/** Polls `read` until it answers something `done` accepts; fails with the last answer. */
async function until(read, done, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read().catch((error) => error.message);
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
}

let server;
let driver;
let firefox;
let extensionTab;
let siteTab;
before(async () => {
  server = await startFixtureServer({ port: 443 });
  const port = await freePort();
  driver = spawn(process.env.GECKODRIVER ?? "geckodriver", ["--port", String(port)], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  await until(() => fetch(`${base}/status`).then((r) => r.json()), (s) => s?.value?.ready === true, "geckodriver");
  firefox = await webdriver(base);
  await firefox.call("POST", "/moz/addon/install", { path: FIREFOX_DIR, temporary: true });
  // WebDriver may not navigate to an extension's page, but the welcome page the extension opens
  // at install is one, and it may: that tab serves for the dashboard, a new one for the sites.
  extensionTab = await until(
    async () => {
      for (const handle of await firefox.call("GET", "/window/handles")) {
        await firefox.call("POST", "/window", { handle });
        if ((await firefox.call("GET", "/url")).startsWith("moz-extension://")) return handle;
      }
      return null;
    },
    Boolean,
    "the welcome page opened at install",
  );
  siteTab = (await firefox.call("POST", "/window/new", { type: "tab" })).handle;
});
after(async () => {
  await firefox?.end().catch(() => {});
  driver?.kill();
  await server?.close();
});

const element = async (css) => {
  const found = await firefox.call("POST", "/element", { using: "css selector", value: css });
  return Object.values(found)[0];
};
const textOf = async (css) => firefox.call("GET", `/element/${await element(css)}/text`);

/** Today's ledger entries, read by an extension page from storage.local, decoded. */
async function storedToday() {
  const data = await firefox.call("POST", "/execute/async", {
    script: "const done = arguments[arguments.length - 1]; browser.storage.local.get(null).then(done);",
    args: [],
  });
  const days = Object.entries(data).filter(([key]) => key.startsWith("day:"));
  return Object.assign({}, ...days.map(([, text]) => decodeDay(text)));
}

/** Opens a site in the site tab, as a person typing its address would. */
async function visit(url) {
  await firefox.call("POST", "/window", { handle: siteTab });
  await firefox.call("POST", "/url", { url });
}

/** Opens one of the extension's pages (`dashboard`, `popup`…), freshly loaded, in the extension's tab. */
async function openPage(name) {
  const url = `moz-extension://${EXTENSION_UUID}/pages/${name}.html`;
  await firefox.call("POST", "/window", { handle: extensionTab });
  // The document being left is marked, so that a page opened again at the same address is not
  // taken for the new one before it has gone.
  await firefox.call("POST", "/execute/sync", { script: "window.tacheronLeaving = true; location.replace(arguments[0]);", args: [url] });
  await until(
    () =>
      firefox.call("POST", "/execute/sync", {
        script: "return window.tacheronLeaving ? null : [location.href, document.readyState];",
        args: [],
      }),
    // Between two documents the script can answer null: not there yet.
    (answer) => Array.isArray(answer) && answer[0] === url && answer[1] === "complete",
    `the ${name} page`,
  );
}
const openDashboard = () => openPage("dashboard");

async function clickLike() {
  await visit("https://www.youtube.com/watch?v=fixture");
  const like = await until(() => element("like-button-view-model button"), Boolean, "the like button");
  await firefox.call("POST", `/element/${like}/click`, {});
  return firefox.call("GET", `/element/${like}/attribute/aria-pressed`);
}

test("firefox: a like on YouTube is counted by the core and shown on the dashboard", async () => {
  assert.equal(await clickLike(), "true", "the page's own script flipped the button");
  const count = await until(
    async () => {
      await openDashboard();
      return textOf("#total-count");
    },
    (text) => text === "1",
    "the dashboard's count of the like",
  );
  assert.equal(count, "1");
  assert.deepEqual(await storedToday(), { "youtube/reaction/like": { n: 1 } });
});

test("firefox: a click made by the page's own script counts nothing", async () => {
  await visit("https://www.youtube.com/watch?v=fixture");
  await until(() => element("dislike-button-view-model button"), Boolean, "the dislike button");
  await firefox.call("POST", "/execute/sync", {
    script: 'document.querySelector("dislike-button-view-model button").click();',
    args: [],
  });
  // A real like afterwards, on a fresh page: once it is stored, the dislike before it (had it
  // counted) would be stored too, since the core takes messages in order.
  assert.equal(await clickLike(), "true");
  await openDashboard();
  const stored = await until(storedToday, (day) => day?.["youtube/reaction/like"]?.n === 2, "the second like");
  assert.deepEqual(stored, { "youtube/reaction/like": { n: 2 } });
});

test("firefox: every extension page is styled: the styles the build wrote into it pass the manifest's policy", async () => {
  const styled = {};
  for (const page of ["dashboard", "popup", "onboarding", "methodology", "study", "class", "workshop"]) {
    await openPage(page);
    styled[page] = await firefox.call("POST", "/execute/sync", {
      script: `return [...document.querySelectorAll("style")].map((style) => style.sheet?.cssRules.length ?? 0)
        .concat(getComputedStyle(document.body).marginTop);`,
      args: [],
    });
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
