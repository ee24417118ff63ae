// End-to-end harness: a local HTTPS server that stands in for every host on the internet, and a
// real Chromium with the built extension (dist/chrome) loaded.
//
// Chromium resolves *every* host name to the fixture server (--host-resolver-rules), so a request
// that anything in the browser makes — the extension included — arrives here and is logged. The
// server serves fixture pages for the hosts in FIXTURE_SITES and answers 404 to everything else.

import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const EXTENSION_DIR = join(ROOT, "dist/chrome");
const FIXTURES = join(ROOT, "tests/fixtures");

/** Which fixture folder (or folders, searched in order) each host serves. www.example.org, a site
 *  outside the platform list, serves look-alikes of YouTube's markup and of a captcha widget. */
export const FIXTURE_SITES = {
  "www.youtube.com": "youtube",
  "m.youtube.com": "youtube",
  "www.example.org": ["lookalike", "youtube"],
  "www.google.com": "google",
  "www.recaptcha.net": "google",
  "client-api.arkoselabs.com": "arkose",
  "shop.example.net": "shop",
  "newassets.hcaptcha.com": "hcaptcha",
  "challenges.cloudflare.com": "cloudflare",
  "x.com": "x",
  "www.reddit.com": "reddit",
  "old.reddit.com": "old-reddit",
  "www.instagram.com": "instagram",
  "www.tiktok.com": "tiktok",
  "www.linkedin.com": "linkedin",
  "mastodon.social": "mastodon",
  "piaille.example": "mastodon",
  "bsky.app": "bluesky",
  "www.facebook.com": "facebook",
  "www.pinterest.com": "pinterest",
  "www.pinterest.fr": "pinterest",
};

/**
 * The browsers' own background services. Chromium's reach these endpoints even with
 * --disable-background-networking and --disable-component-update: the Google-account cookie check,
 * the component and extension updater and its clock check, and the spell-check dictionary fetched
 * the first time someone types in a text box, the autofill hints for forms; and Firefox's remote
 * settings (its block lists and security data), polled at start. They come from the browser, not the extension
 * (whose only network code posts a study's reports to the inbox the participant agreed to); every
 * other request is counted against the extension. An entry ending in "*" is a prefix.
 */
const BROWSER_SERVICES = [
  "accounts.google.com/ListAccounts",
  "update.googleapis.com/service/update2/json",
  "http://update.googleapis.com/service/update2/json",
  "http://clients2.google.com/time/1/current",
  "redirector.gvt1.com/edgedl/chrome/dict/*",
  "content-autofill.googleapis.com/v1/pages/*",
  "firefox.settings.services.mozilla.com/v1/*",
];
const isBrowserService = (request) =>
  BROWSER_SERVICES.some((service) =>
    service.endsWith("*") ? request.startsWith(service.slice(0, -1)) : request === service,
  );

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), "tacheron-tls-"));
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=tacheron-fixtures",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
  const pair = { key: readFileSync(key), cert: readFileSync(cert) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

function fixtureFile(site, pathname) {
  const name =
    pathname === "/"
      ? "index"
      : pathname
          .slice(1)
          .replace(/\/$/, "")
          .replace(/\.html$/, "");
  if (!/^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/.test(name)) return null;
  const file = join(FIXTURES, site, `${name}.html`);
  return existsSync(file) ? file : null;
}

/**
 * Starts the fixture server on a free loopback port.
 * `requests` logs every request as "host/path"; `tlsErrors` logs connections that failed before
 * a request (plain HTTP, for instance). `expect(url)` declares a URL the test itself opens.
 */
export async function startFixtureServer({ port = 0, proxies = {} } = {}) {
  const requests = [];
  const tlsErrors = [];
  const expected = new Set();
  const serve = (scheme) => (request, response) => {
    const host = (request.headers.host ?? "").replace(/:\d+$/, "");
    const url = new URL(request.url, `${scheme}://${host}`);
    requests.push({
      key: `${scheme === "http" ? "http://" : ""}${host}${url.pathname}`,
      method: request.method,
      destination: request.headers["sec-fetch-dest"] ?? "",
      referer: request.headers.referer ?? "",
    });
    if (process.env.TACHERON_LOG_REQUESTS) console.error(scheme, request.method, host, request.url);
    // A host standing for a real server of the test's own (a study's inbox): relayed to it as its
    // https reverse proxy would, with the client's address; 502 when it is not running.
    if (scheme === "https" && proxies[host]) {
      const upstream = httpRequest(
        {
          host: "127.0.0.1",
          port: proxies[host],
          method: request.method,
          path: request.url,
          headers: { ...request.headers, "x-real-ip": request.socket.remoteAddress ?? "" },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on("error", () => {
        response.writeHead(502, { "content-type": "text/plain" });
        response.end("the inbox is down");
      });
      request.pipe(upstream);
      return;
    }
    const sites = scheme === "https" && request.method === "GET" ? [FIXTURE_SITES[host] ?? []].flat() : [];
    const file = sites.map((site) => fixtureFile(site, url.pathname)).find(Boolean) ?? null;
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not a fixture");
      return;
    }
    // ?isolated=1 makes the page cross-origin isolated, for high-resolution timers in benchmarks.
    const isolation = url.searchParams.get("isolated")
      ? { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" }
      : {};
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...isolation });
    response.end(readFileSync(file));
  };
  // One port for every scheme: a connection whose first byte opens a TLS handshake (0x16) is
  // relayed to the HTTPS server, anything else to a plain HTTP server, so that plain-HTTP requests
  // are logged with their host too.
  const https = createHttpsServer(selfSignedCertificate(), serve("https"));
  const http = createHttpServer(serve("http"));
  // A handshake that fails for a reason other than the browser hanging up (closing a tab or
  // itself, or dropping a speculative connection) would hide a request: those are kept. A
  // handshake that never finished (a connection the browser opened ahead and then left idle, seen
  // on a busy machine) carried no request either.
  https.on("tlsClientError", (error) => {
    if (!["ECONNRESET", "EPIPE", "ERR_TLS_HANDSHAKE_TIMEOUT"].includes(error.code))
      tlsErrors.push(error.code ?? error.message);
  });
  await Promise.all([https, http].map((inner) => new Promise((resolve) => inner.listen(0, "127.0.0.1", resolve))));
  const front = createTcpServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", (first) => {
      const inner = first[0] === 0x16 ? https : http;
      const relay = connect(inner.address().port, "127.0.0.1", () => {
        relay.write(first);
        socket.pipe(relay).pipe(socket);
      });
      relay.on("error", () => socket.destroy());
    });
  });
  await new Promise((resolve) => front.listen(port, "127.0.0.1", resolve));
  return {
    port: front.address().port,
    requests,
    tlsErrors,
    expect(url) {
      const { host, pathname } = new URL(url);
      expected.add(`${host}${pathname}`);
    },
    /** Requests that no test asked for: anything the browser or the extension sent on its own.
     *  Besides the pages the tests open, a fixture page may load frames (captcha widgets): an
     *  iframe request whose referrer is a page of the fixture sites is the page's own. */
    unexpected() {
      const framedByFixture = ({ destination, referer }) => {
        if (destination !== "iframe" || !referer) return false;
        return new URL(referer).host in FIXTURE_SITES;
      };
      return requests
        .filter((request) => !expected.has(request.key) && !isBrowserService(request.key) && !framedByFixture(request))
        .map((request) => request.key);
    },
    close: () =>
      new Promise((resolve) => {
        https.closeAllConnections();
        http.closeAllConnections();
        Promise.all([front, https, http].map((server) => new Promise((done) => server.close(done)))).then(resolve);
      }),
  };
}

// The compact day record of src/ledger.rs (`DayRecord`), read back for assertions: the same
// one-letter codes, so a change on one side only fails the tests loudly.
const PLATFORM_CODES = {
  y: "youtube",
  x: "x",
  f: "facebook",
  i: "instagram",
  t: "tiktok",
  r: "reddit",
  l: "linkedin",
  m: "mastodon",
  b: "bluesky",
  p: "pinterest",
  o: "other",
};
const KIND_CODES = {
  c: "captcha",
  r: "reaction",
  u: "unreaction",
  s: "repost",
  h: "hashtag",
  p: "post",
  f: "upload",
  x: "report",
};
const DETAIL_CODES = {
  l: "like",
  d: "dislike",
  u: "upvote",
  n: "downvote",
  f: "favourite",
  s: "save",
  r: "repost",
  x: "report",
  p: "post",
  i: "image",
  v: "video",
  o: "other",
  c: "recaptcha-checkbox",
  g: "recaptcha-image",
  a: "recaptcha-audio",
  h: "hcaptcha-checkbox",
  j: "hcaptcha-image",
  t: "turnstile",
  k: "arkose",
};

/** `"yrl=2 yc=1,1,4200"` → `{"youtube/reaction/like": {n: 2}, "youtube/captcha": {n: 1, m: 1, ms: 4200}}`. */
export function decodeDay(text) {
  const day = {};
  for (const entry of text.split(" ").filter(Boolean)) {
    const [name, numbers] = entry.split("=");
    const platform = PLATFORM_CODES[name[0]];
    const kind = KIND_CODES[name[1]];
    const rest = name.slice(2);
    const detail = rest === "" ? null : rest.startsWith("~") ? rest.slice(1) : DETAIL_CODES[rest];
    if (!platform || !kind || detail === undefined) throw new Error(`unreadable day entry ${entry}`);
    const [n, m, ms, r, t] = numbers.split(",").map(Number);
    const tally = Object.fromEntries(Object.entries({ n, m, ms, r, t }).filter(([, v]) => v));
    day[[platform, kind, detail].filter(Boolean).join("/")] = tally;
  }
  return day;
}

function decodeStored(data) {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      key.startsWith("day:") && typeof value === "string" ? decodeDay(value) : value,
    ]),
  );
}

/**
 * Waits for the welcome page the extension opens when it is installed (a fresh profile installs
 * it at every launch), so that it does not open in the middle of a test.
 */
async function onboardingPage(context, extensionId) {
  const url = `chrome-extension://${extensionId}/pages/onboarding.html`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const page = context.pages().find((p) => p.url().startsWith(url));
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the onboarding page did not open at install");
}

/** The switches every Chromium of the tests and the bench runs with, beyond its profile,
 *  extension, language and host mapping: no sandbox or GPU on the test machine, and none of the
 *  browser's own network traffic or features that would act on the pages. */
export const CHROMIUM_FLAGS = [
  "--ignore-certificate-errors",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-features=OptimizationHints,MediaRouter,Translate",
];

/**
 * Chromium with the extension (or without, for side-by-side measurements), every host mapped to
 * `server`, a fresh profile.
 *
 * `onboarding`: keep the welcome page opened at install (`browser.onboarding`); by default it
 * is closed once it has opened, and the tests start with the browser's blank page only.
 * `executablePath`: another way to start Chromium (a wrapper script), instead of $CHROMIUM or
 * /usr/bin/chromium.
 * `profile`: a profile folder of the test's own, kept after `close()`, to start the same browser
 * again (the extension is then installed already: no welcome page). `timezone`: the time zone
 * the browser lives in (TZ), for a day that ends sooner or later than the machine's.
 */
export async function launchBrowser(
  server,
  {
    headless = true,
    language = "en-US",
    extension = true,
    onboarding = false,
    executablePath,
    profile: ownProfile,
    timezone,
  } = {},
) {
  const profile = ownProfile ?? mkdtempSync(join(tmpdir(), "tacheron-profile-"));
  const installs = !ownProfile || !existsSync(join(profile, "Default"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executablePath ?? process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: false, // the new headless mode is asked for below, in args
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    locale: language,
    // On Linux, Chromium takes its interface language (and so the extension's) from the environment.
    env: {
      ...process.env,
      LANGUAGE: language.replace("-", "_"),
      LANG: `${language.replace("-", "_")}.UTF-8`,
      ...(timezone ? { TZ: timezone } : {}),
    },
    viewport: { width: 1100, height: 800 },
    ignoreDefaultArgs: ["--disable-extensions", "--enable-automation"],
    args: [
      ...(headless ? ["--headless=new"] : []),
      ...(extension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
      `--host-resolver-rules=MAP * 127.0.0.1:${server.port}`,
      `--lang=${language}`,
      ...CHROMIUM_FLAGS,
    ],
  });
  const keep = Boolean(ownProfile);
  if (!extension) return new Browser(context, null, server, profile, keep);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  if (!installs) return new Browser(context, extensionId, server, profile, keep);
  const welcome = await onboardingPage(context, extensionId);
  // Closed before it has finished loading, the page can leave the extension's process without
  // its messages: chrome.i18n.getMessage then answers "" in the pages opened after it.
  await welcome.waitForLoadState();
  await welcome.locator("#counts-where").filter({ hasText: /\S/ }).waitFor();
  if (!onboarding) await welcome.close();
  const browser = new Browser(context, extensionId, server, profile, keep);
  browser.onboarding = onboarding ? welcome : null;
  return browser;
}

/**
 * For a test file whose tests each start a Chromium of their own: starts the fixture server before
 * the file's tests and closes it after them (node:test's `before` and `after`, registered where
 * this is called: at the top of the file). Returns `fixtures`, with
 * - `fixtures.server`, the running server, for the file's check that no request left the
 *   extension;
 * - `fixtures.withBrowser(run, options)`, which launches a browser on that server (`options` as
 *   `launchBrowser` takes them), runs `run(browser)` and closes the browser whether `run` passed or
 *   failed.
 */
export function browsersOnFixtureServer() {
  const fixtures = {
    server: null,
    async withBrowser(run, options) {
      const browser = await launchBrowser(fixtures.server, options);
      try {
        await run(browser);
      } finally {
        await browser.close();
      }
    },
  };
  before(async () => {
    fixtures.server = await startFixtureServer();
  });
  after(async () => {
    await fixtures.server?.close();
  });
  return fixtures;
}

/** Waits for the dashboard's tables to show the figures already shown above them: the page fills
 *  them in the task after drawing its figures and charts, with `aria-busy` on their section
 *  meanwhile. */
export async function tablesShown(page) {
  await page.locator("#tables:not([aria-busy])").waitFor({ state: "attached" });
}

/** Waits for a dashboard that has just been opened: its figures shown (the week's total no longer
 *  "–"), then its tables. */
export async function dashboardReady(page) {
  await page.locator("#total-count").filter({ hasNotText: "–" }).waitFor();
  await tablesShown(page);
}

/**
 * Asks the core from an extension page (`page`), through the pages' own client
 * (lib/core-client.js): the answer, whatever its type — a refusal's or an error's answer too, or
 * `{ type: "no_answer", message }` when none came.
 */
export function askCore(page, type, fields = {}) {
  return page.evaluate(
    async ([type, fields]) => {
      const { ask } = await import(chrome.runtime.getURL("lib/core-client.js"));
      try {
        return await ask(type, fields);
      } catch (error) {
        return error.answer ?? { type: "no_answer", message: String(error.message) };
      }
    },
    [type, fields],
  );
}

export class Browser {
  constructor(context, extensionId, server, profile, keepProfile = false) {
    this.context = context;
    this.extensionId = extensionId;
    this.server = server;
    this.profile = profile;
    this.keepProfile = keepProfile;
  }

  get dashboardUrl() {
    return `chrome-extension://${this.extensionId}/pages/dashboard.html`;
  }

  /** Opens a fixture page in a new tab, as a person typing its address would. */
  async visit(url) {
    this.server.expect(url);
    const page = await this.context.newPage();
    await page.goto(url);
    return page;
  }

  /** The extension's dashboard in a new tab, loaded, its tables filled. */
  async dashboard() {
    const page = await this.context.newPage();
    await page.goto(this.dashboardUrl);
    await dashboardReady(page);
    return page;
  }

  /** Clicks "Export JSON" on the dashboard and returns the downloaded file, parsed. */
  async exportJson({ buttonName = "Export JSON" } = {}) {
    const page = await this.dashboard();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: buttonName }).click(),
    ]);
    const file = await download.path();
    const data = JSON.parse(readFileSync(file, "utf8"));
    await page.close();
    return { data, filename: download.suggestedFilename() };
  }

  /** The records of the JSON export (see `exportJson`) as platform, kind, detail and count only:
   *  without their date or measured time. */
  async exportedCounts() {
    const { data } = await this.exportJson();
    return data.records.map(({ platform, kind, detail, count }) => ({ platform, kind, detail, count }));
  }

  /** The extension's stored data, read straight from chrome.storage.local in the worker, with
   *  the day records decoded (see `decodeDay`). */
  async storedData() {
    return decodeStored(await this.rawStoredData());
  }

  /** The extension's stored data exactly as chrome.storage.local holds it. */
  async rawStoredData() {
    const worker = this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId));
    if (!worker) {
      // The worker is stopped: an extension page reads the same storage.
      const page = await this.context.newPage();
      await page.goto(this.dashboardUrl);
      const data = await page.evaluate(() => chrome.storage.local.get(null));
      await page.close();
      return data;
    }
    return worker.evaluate(() => chrome.storage.local.get(null));
  }

  /** Empties the extension's storage, between two cases that share a browser. */
  async clearStored() {
    const page = await this.context.newPage();
    await page.goto(this.dashboardUrl);
    await page.evaluate(() => chrome.storage.local.clear());
    await page.close();
  }

  /** Waits until `check(storedData)` holds (the sensor → worker → storage path is asynchronous). */
  async waitForStored(check, what = "the stored data") {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const data = await this.storedData();
      if (check(data)) return data;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await this.storedData())}`);
  }

  /** Stops the extension's service worker, as the browser does when it is idle, and resolves
   *  once DevTools reports it stopped. Returns how many workers were running. */
  async stopServiceWorker() {
    const isOurs = (url) => url.startsWith(`chrome-extension://${this.extensionId}/`);
    const running = this.context.serviceWorkers().filter((w) => isOurs(w.url())).length;
    // DevTools' "stop" for service workers, asked from an extension page.
    const page = await this.context.newPage();
    await page.goto(this.dashboardUrl);
    const cdp = await this.context.newCDPSession(page);
    let timer;
    const stopped = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error("the service worker did not stop")), 10_000);
      cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
        const ours = versions.filter((v) => isOurs(v.scriptURL));
        if (ours.length > 0 && ours.every((v) => v.runningStatus === "stopped")) resolve();
      });
    });
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await stopped.finally(() => clearTimeout(timer));
    await cdp.detach();
    await page.close();
    return running;
  }

  async close() {
    await this.context.close();
    if (!this.keepProfile) rmSync(this.profile, { recursive: true, force: true });
  }
}

/**
 * Presses Tab through `page` until the focus leaves it and describes each stop in order: `name`
 * (its id, or its tag and first words), `shows` (an outline of 2 px or more on it or, for a
 * visually hidden radio button, on its label) and `inView` (within the window once focused).
 * Emulate reduced motion first: a smooth scroll would still be on its way when the stop is read.
 */
export async function tabStops(page, limit = 200) {
  const stops = [];
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const drawn = element.type === "radio" && element.labels?.length ? element.labels[0] : element;
      const style = getComputedStyle(drawn);
      const box = drawn.getBoundingClientRect();
      return {
        name: element.id || `${element.localName} “${element.textContent.trim().replace(/\s+/g, " ").slice(0, 40)}”`,
        shows: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        inView:
          box.width > 0 &&
          box.height > 0 &&
          box.bottom > 0 &&
          box.top < innerHeight &&
          box.right > 0 &&
          box.left < innerWidth,
      };
    });
    if (!stop) return stops;
    stops.push(stop);
  }
  throw new Error(`the focus did not leave the page after ${limit} presses of Tab`);
}

/** A loopback port free right now, for a server of the test's own (geckodriver, an inbox). */
export async function freePort() {
  const probe = createTcpServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Today's date as the extension files it (local time). */
export function localToday() {
  return new Date().toLocaleDateString("sv");
}

/** Writes a value to a file under dist/ for humans to look at. */
export function writeArtifact(name, content) {
  writeFileSync(join(ROOT, "dist", name), content);
}

/** axe-core's violations on `page` (WCAG 2.x A and AA, and best practices), one line per rule
 *  and element. axe is evaluated through DevTools: the extension's CSP forbids inline scripts. */
export async function axeViolations(page) {
  await page.evaluate(readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}): ${node.target.join(" ")} — ${node.failureSummary.replace(/\s+/g, " ")}`,
    ),
  );
}
