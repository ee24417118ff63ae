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

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const answer = previous
    .then(() => core)
    .then((ready) =>
      ready.handle(message, { url: sender.url ?? "", tab_id: sender.tab?.id ?? null, tab_url: sender.tab?.url ?? null }),
    );
  previous = answer.catch(() => undefined);
  answer.then(sendResponse, (error) => sendResponse({ type: "error", message: String(error) }));
  return true;
});
