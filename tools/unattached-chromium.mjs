// A Chromium with the extension, driven over its DevTools pipe with no automation client attached
// to the pages while they load. `make bench` opens the dashboard here: a page that Playwright
// drives waits for the driver at each new document (its execution contexts, lifecycle and network
// events), which made an empty extension page about 18 ms slower to reach `domInteractive` on the
// two-core machine, a cost no person opening the dashboard pays.
//
// Each page is made blank, given its address by a session attached only for that one command, and
// read (performance entries) by another session once it has loaded.

import { spawn } from "node:child_process";
import { CHROMIUM_FLAGS } from "../tests/e2e/harness.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts Chromium headless, in English, with the harness's switches, the unpacked extension at
 *  `extensionDir` and the profile `profile` (a profile the Playwright harness used keeps its
 *  stored ledger). */
export async function launchUnattached({ profile, extensionDir, executablePath }) {
  const chromium = spawn(
    executablePath ?? process.env.CHROMIUM ?? "/usr/bin/chromium",
    [
      "--headless=new",
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      "--remote-debugging-pipe",
      "--lang=en-US",
      ...CHROMIUM_FLAGS,
      "--window-size=1100,800",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
  );
  const [, , , toBrowser, fromBrowser] = chromium.stdio;
  const waiting = new Map();
  let lastId = 0;
  let received = "";
  fromBrowser.on("data", (chunk) => {
    received += chunk;
    for (let end = received.indexOf("\0"); end >= 0; end = received.indexOf("\0")) {
      const message = JSON.parse(received.slice(0, end));
      received = received.slice(end + 1);
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  });
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, (message) =>
        message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result),
      );
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });

  // The extension's worker says its id.
  let worker = null;
  for (let attempt = 0; attempt < 100 && !worker; attempt += 1) {
    const { targetInfos } = await send("Target.getTargets");
    worker = targetInfos.find(
      (target) => target.type === "service_worker" && target.url.startsWith("chrome-extension://"),
    );
    if (!worker) await sleep(100);
  }
  if (!worker) {
    chromium.kill();
    throw new Error("the extension's service worker did not start");
  }
  const extensionId = new URL(worker.url).host;

  return {
    extensionId,
    /** Opens `url` in a new tab; resolves once the navigation has been asked for. */
    async open(url) {
      const { targetId } = await send("Target.createTarget", { url: "about:blank" });
      const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
      // Detached as soon as the command is sent: the answer may be dropped with the session, and
      // the page loads either way.
      send("Page.navigate", { url }, sessionId).catch(() => {});
      await send("Target.detachFromTarget", { sessionId });
      return targetId;
    },
    /** The value of `expression` (awaited) in the tab's page. */
    async evaluate(targetId, expression) {
      const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
      try {
        const { result, exceptionDetails } = await send(
          "Runtime.evaluate",
          { expression, awaitPromise: true, returnByValue: true },
          sessionId,
        );
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value;
      } finally {
        await send("Target.detachFromTarget", { sessionId });
      }
    },
    close: (targetId) => send("Target.closeTarget", { targetId }),
    async quit() {
      const exited = new Promise((resolve) => chromium.once("exit", resolve));
      chromium.kill();
      await exited;
    },
  };
}
