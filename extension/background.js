// Tâcheron service worker: hands every message to the Rust core (WebAssembly) and answers with
// what the core says. It holds no state of its own: the worker may be stopped at any moment, and
// the core stores each counted action before the answer goes back.
//
// Messages are handled one at a time, in arrival order, so two actions on the same day never
// race on that day's record.

import init, { Core } from "./pkg/tacheron.js";

const core = init({ module_or_path: chrome.runtime.getURL("pkg/tacheron_bg.wasm") }).then(
  () => new Core(chrome.runtime.getURL("")),
);

let previous = Promise.resolve();

// The core keeps the ledger in memory between messages (the dashboard switching periods reads
// it again and again); any change to the durable store, by the core or anyone else, drops it.
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === "local") core.then((ready) => ready.forget_cached_ledger());
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const answer = previous
    .then(() => core)
    .then((ready) =>
      ready.handle(message, { url: sender.url ?? "", tab_id: sender.tab?.id ?? null, tab_url: sender.tab?.url ?? null }),
    );
  previous = answer.catch(() => undefined);
  answer.then(
    (response) => {
      if (response?.type === "settings") {
        syncMastodonServers(response.settings.mastodon_servers);
        if (!response.settings.preferences?.badge) chrome.action.setBadgeText({ text: "" });
      }
      if (response?.type === "recorded" && typeof response.badge === "number") {
        chrome.action.setBadgeText({ text: String(response.badge) });
      }
      if (response?.type === "deleted") chrome.action.setBadgeText({ text: "" });
      sendResponse(response);
    },
    (error) => sendResponse({ type: "error", message: String(error) }),
  );
  return true;
});

// Mastodon servers besides mastodon.social: the user adds one on the dashboard, which asks the
// browser for access to it (an optional host permission); here, each added and allowed server
// gets the Mastodon sensor, registered to persist across sessions.
async function syncMastodonServers(servers) {
  const allowed = [];
  for (const host of servers) {
    if (await chrome.permissions.contains({ origins: [`https://${host}/*`] })) allowed.push(host);
  }
  const registered = (await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id);
  const id = (host) => `mastodon:${host}`;
  const stale = registered.filter((scriptId) => scriptId.startsWith("mastodon:") && !allowed.map(id).includes(scriptId));
  if (stale.length > 0) await chrome.scripting.unregisterContentScripts({ ids: stale });
  const missing = allowed.filter((host) => !registered.includes(id(host)));
  if (missing.length === 0) return;
  await chrome.scripting.registerContentScripts(
    missing.map((host) => ({
      id: id(host),
      matches: [`https://${host}/*`],
      js: ["content/rules/mastodon.js", "content/sensor.js"],
      runAt: "document_start",
      persistAcrossSessions: true,
    })),
  );
}

// Access withdrawn in the browser's own settings: the sensor goes at once.
chrome.permissions.onRemoved.addListener(() => {
  previous = previous
    .then(() => core)
    .then((ready) => ready.handle({ type: "settings" }, { url: chrome.runtime.getURL("") }))
    .then((response) => response?.type === "settings" && syncMastodonServers(response.settings.mastodon_servers))
    .catch(() => undefined);
});
