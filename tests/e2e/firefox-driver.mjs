// Firefox for the end-to-end tests: Debian's firefox-esr driven by geckodriver over plain
// WebDriver, with dist/firefox installed as a temporary add-on. Firefox resolves every host to
// 127.0.0.1 (network.dns.forceResolve), so the fixture server must listen on port 443.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeDay, freePort, ROOT } from "./harness.mjs";

export const FIREFOX_DIR = join(ROOT, "dist/firefox");
const GECKO_ID = JSON.parse(readFileSync(join(FIREFOX_DIR, "manifest.json"), "utf8")).browser_specific_settings.gecko
  .id;
// Fixed, so that the test can open the extension's pages (Firefox draws one at random otherwise).
const EXTENSION_UUID = "4f1c3a52-7d0e-4b8e-9a51-0c2d6e8f7a13";

/** Polls `read` until it answers something `done` accepts; fails with the last answer. */
export async function until(read, done, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read().catch((error) => error.message);
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
}

/** A WebDriver session: `call(method, path, body)` against /session/{id}/path. */
async function webdriver(base, { profile }) {
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
          // A profile directory of the test's own is used in place and outlives the session.
          args: ["-headless", ...(profile ? ["-profile", profile] : [])],
          prefs: {
            "network.dns.forceResolve": "127.0.0.1",
            "network.stricttransportsecurity.preloadlist": false,
            "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
            // A temporary add-on is removed when Firefox quits; its data stays in the profile for
            // the same add-on installed again, as a person's installed add-on keeps it.
            "extensions.webextensions.keepStorageOnUninstall": true,
            "extensions.webextensions.keepUuidOnUninstall": true,
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

/**
 * Starts geckodriver and Firefox with the extension installed. `profile` (a directory) keeps the
 * browser's data from one start to the next; `timezone` (an IANA name) is the browser's zone.
 * Resolves once the extension's welcome page, opened at install, is there: that tab serves for
 * the extension's pages (WebDriver may navigate from an extension page to another, not to one),
 * and a second tab for the sites.
 */
export async function startFirefox({ profile, timezone } = {}) {
  const port = await freePort();
  // Firefox takes its time zone from the environment it inherits from geckodriver.
  const driver = spawn(process.env.GECKODRIVER ?? "geckodriver", ["--port", String(port)], {
    stdio: "ignore",
    env: timezone ? { ...process.env, TZ: timezone } : process.env,
  });
  let firefox;
  let extensionTab;
  let siteTab;
  try {
    const base = `http://127.0.0.1:${port}`;
    await until(
      () => fetch(`${base}/status`).then((r) => r.json()),
      (s) => s?.value?.ready === true,
      "geckodriver",
    );
    firefox = await webdriver(base, { profile });
    await firefox.call("POST", "/moz/addon/install", { path: FIREFOX_DIR, temporary: true });
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
    // Now and then the welcome page opens before the add-on is ready to give it its APIs; opened
    // again, it has them.
    await until(
      async () => {
        const ready = await firefox.call("POST", "/execute/sync", {
          script: "return typeof browser === 'object' && Boolean(browser.runtime?.id);",
          args: [],
        });
        if (!ready) await firefox.call("POST", "/execute/sync", { script: "location.reload();", args: [] });
        return ready;
      },
      Boolean,
      "the extension's APIs in its welcome page",
    );
    siteTab = (await firefox.call("POST", "/window/new", { type: "tab" })).handle;
  } catch (error) {
    await firefox?.end().catch(() => {});
    driver.kill();
    throw error;
  }
  const { call } = firefox;

  const element = async (css) => {
    const found = await call("POST", "/element", { using: "css selector", value: css });
    return Object.values(found)[0];
  };
  /** Runs `script` (a function body; `arguments` holds `args`; it may return a promise) in the
   *  current tab, and gives its result. */
  const run = (script, ...args) => call("POST", "/execute/sync", { script, args });
  return {
    call,
    element,
    run,
    textOf: async (css) => call("GET", `/element/${await element(css)}/text`),
    /** Clicks, as a person would, the element `css` finds in the current tab; gives its id. */
    async click(css) {
      const id = await element(css);
      await call("POST", `/element/${id}/click`, {});
      return id;
    },

    /** Today's ledger entries, read by an extension page from storage.local, decoded. */
    async storedToday() {
      const days = Object.entries(await this.stored()).filter(([key]) => key.startsWith("day:"));
      return Object.assign({}, ...days.map(([, text]) => decodeDay(text)));
    },
    /** Everything in storage.local, read by the extension page open in the extension's tab. */
    stored() {
      return this.inExtensionPage("return browser.storage.local.get(null);");
    },
    /** Asks the core from the extension page open in the extension's tab, through the pages' own
     *  client (lib/core-client.js): the answer, a refusal's or an error's answer included. */
    askCore(type, fields = {}) {
      return this.inExtensionPage(
        `return (async (type, fields) => {
           const { ask } = await import(browser.runtime.getURL("lib/core-client.js"));
           try { return await ask(type, fields); }
           catch (error) { return error.answer ?? { type: "no_answer", message: String(error.message) }; }
         })(arguments[0], arguments[1]);`,
        type,
        fields,
      );
    },
    /** `run`, in the extension page open in the extension's tab. */
    async inExtensionPage(script, ...args) {
      await call("POST", "/window", { handle: extensionTab });
      return run(script, ...args);
    },

    /** Opens a site in the site tab, as a person typing its address would. */
    async visit(url) {
      await call("POST", "/window", { handle: siteTab });
      await call("POST", "/url", { url });
    },

    /** Opens one of the extension's pages (`dashboard`, `popup`…), freshly loaded, in the
     *  extension's tab. */
    async openPage(name) {
      const url = `moz-extension://${EXTENSION_UUID}/pages/${name}.html`;
      await call("POST", "/window", { handle: extensionTab });
      // The document being left is marked, so that a page opened again at the same address is
      // not taken for the new one before it has gone.
      await run("window.tacheronLeaving = true; location.replace(arguments[0]);", url);
      await until(
        () => run("return window.tacheronLeaving ? null : [location.href, document.readyState];"),
        // Between two documents the script can answer null: not there yet.
        (answer) => Array.isArray(answer) && answer[0] === url && answer[1] === "complete",
        `the ${name} page`,
      );
    },

    async quit() {
      await firefox.end().catch(() => {});
      driver.kill();
    },
  };
}
