// Tâcheron service worker: hands every message to the Rust core (WebAssembly) and answers with
// what the core says. It holds no state of its own: the worker may be stopped at any moment, and
// the core stores each counted action before the answer goes back.
//
// Messages are handled one at a time, in arrival order, so two actions on the same day never
// race on that day's record.

import init, { Core } from "./pkg/tacheron.js";
import initStudies, { Core as StudyCore } from "./pkg/tacheron_study.js";

const core = init({ module_or_path: chrome.runtime.getURL("pkg/tacheron_bg.wasm") }).then(
  () => new Core(chrome.runtime.getURL("")),
);

// Research studies have a module of their own (the same core, with the studies' messages and
// HPKE), instantiated only when a study page or the report queue first needs it: most people
// never join a study, and their worker starts without it.
let studyCore = null;
const studies = () =>
  (studyCore ??= initStudies({ module_or_path: chrome.runtime.getURL("pkg/tacheron_study_bg.wasm") }).then(
    () => new StudyCore(chrome.runtime.getURL("")),
  ));
const isStudyMessage = (message) => typeof message?.type === "string" && message.type.startsWith("study_");

let previous = Promise.resolve();

// The core keeps the ledger and the settings in memory between messages (the dashboard switching
// periods reads them again and again, and each read of the store is a round trip to the browser);
// any change to the durable store, by the core or anyone else, drops them.
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area !== "local") return;
  core.then((ready) => ready.forget_cached_reads());
  studyCore?.then((ready) => ready.forget_cached_reads());
});

/** Hands one message to the core, after every message before it. */
function handle(message, sender) {
  const answer = previous
    .then(() => (isStudyMessage(message) ? studies() : core))
    .then((ready) => ready.handle(message, sender));
  previous = answer.catch(() => undefined);
  return answer;
}

/** The extension's own pages, as a sender: what the worker asks for itself. */
const ownPage = () => ({ url: chrome.runtime.getURL("") });

/** A count short enough for the badge's four characters: 999, 1234, 12k. */
const badgeText = (count) => (count < 10_000 ? String(count) : `${Math.min(Math.floor(count / 1000), 999)}k`);

/** Today's count on the badge, asked from the core (when the badge is switched on, at start-up,
 *  after an import). */
async function showTodayOnBadge() {
  const response = await handle({ type: "overview", period: "today" }, ownPage());
  if (response?.type === "overview") {
    await chrome.action.setBadgeText({ text: badgeText(response.overview.summary.total.count) });
  }
}

/** Shows today's count when the user wants the badge; clears it otherwise. */
async function refreshBadge() {
  const response = await handle({ type: "settings" }, ownPage());
  if (response?.type !== "settings") return;
  if (response.settings.preferences?.badge) await showTodayOnBadge();
  else await chrome.action.setBadgeText({ text: "" });
}

/** Hands a message to the core, then does what its answer asks of the browser (the badge, the
 *  Mastodon sensors, the study queue). Resolves to the answer, an error answer included. */
function answer(message, sender) {
  return handle(message, sender).then(
    (response) => {
      if (response?.type === "settings") {
        syncMastodonServers(response.settings.mastodon_servers);
        if (!response.settings.preferences?.badge) chrome.action.setBadgeText({ text: "" });
        else if (message?.type === "set_preferences") showTodayOnBadge().catch(() => undefined);
      }
      if (response?.type === "recorded" && typeof response.badge === "number") {
        chrome.action.setBadgeText({ text: badgeText(response.badge) });
      }
      if (response?.type === "imported") refreshBadge().catch(() => undefined);
      if (response?.type === "deleted") chrome.action.setBadgeText({ text: "" });
      if (message?.type === "study_send" && response?.type === "study_list") deliverStudyReports();
      if (message?.type === "study_leave" && response?.type === "study_list")
        scheduleDelivery(response.next_attempt_ms);
      return response;
    },
    (error) => ({ type: "error", message: String(error) }),
  );
}

// A question wrapped as `{ answer_as_text: message }` is answered as JSON text: pages/core-messages.js
// asks so where it has no worker to ask (Firefox, whose background is a page). Firefox copies an
// answer across its extension messaging value by value, which for the dashboard's overview of 12
// months (85 KB) took 10 ms of a 15 ms round trip; one string crosses at once.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const asText = message !== null && typeof message === "object" && "answer_as_text" in message;
  answer(asText ? message.answer_as_text : message, {
    url: sender.url ?? "",
    tab_id: sender.tab?.id ?? null,
    tab_url: sender.tab?.url ?? null,
  }).then((response) => sendResponse(asText ? JSON.stringify(response) : response));
  return true;
});

// The extension's own pages, which this worker controls, may also ask as the worker's clients
// (pages/core-messages.js): the question comes as a service-worker message carrying a
// MessageChannel port, and the answer goes straight back through it, not through the browser a
// second time as an extension message's answer does (the dashboard's switches waited on that).
// Web pages cannot reach this worker: only its own origin's pages are its clients, and the
// sender is checked again here.
self.addEventListener("message", (event) => {
  const [port] = event.ports;
  const url = event.source?.url ?? "";
  if (!port || event.origin !== self.location.origin || !url.startsWith(chrome.runtime.getURL(""))) return;
  event.waitUntil(
    answer(event.data, { url, tab_id: null, tab_url: null }).then((response) => port.postMessage(response)),
  );
});

// The first install opens the welcome page: what is counted, what never is, how to pause.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === chrome.runtime.OnInstalledReason.INSTALL) {
    chrome.tabs.create({ url: chrome.runtime.getURL("pages/onboarding.html") });
  }
});

// A new day starts at local midnight: the badge goes back to the new day's count then, not at the
// next action. One alarm, set again for the next midnight each time it rings (a second late, so
// that the core's clock is surely in the new day).
const NEW_DAY = "new-day";
function nextLocalMidnight(now = new Date()) {
  const midnight = new Date(now);
  midnight.setHours(24, 0, 0, 0);
  return midnight.getTime() + 1000;
}
const scheduleNewDay = () => chrome.alarms.create(NEW_DAY, { when: nextLocalMidnight() });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === STUDY_QUEUE) deliverStudyReports();
  if (alarm.name !== NEW_DAY) return;
  scheduleNewDay();
  refreshBadge().catch(() => undefined);
});
chrome.runtime.onInstalled.addListener(() => scheduleNewDay());

// The badge's text does not outlive the browser: today's count again when it starts.
chrome.runtime.onStartup.addListener(() => {
  scheduleNewDay();
  refreshBadge().catch(() => undefined);
});

// Study reports the participant agreed to send wait in the core's queue (stored, so a browser
// restart loses none) until their inbox takes them. Each is posted to the endpoint the
// participant consented to, as the sealed bytes previewed; the core decides from the answer
// whether it is delivered, refused for good or tried again later, and when. The next try is an
// alarm, which outlives the worker.
const STUDY_QUEUE = "study-queue";
let delivering = null;

/** Sets the queue's alarm for `whenMs`, or clears it when the queue is empty. */
function scheduleDelivery(whenMs) {
  if (typeof whenMs === "number") chrome.alarms.create(STUDY_QUEUE, { when: Math.max(whenMs, Date.now() + 1000) });
  else chrome.alarms.clear(STUDY_QUEUE);
}

/** `"0a1b…"` → the bytes. */
const bytesOfHex = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** One POST of a sealed report: the HTTP status and Retry-After, or nulls when no answer came. */
async function post(queued) {
  try {
    const response = await fetch(queued.endpoint, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytesOfHex(queued.envelope),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      redirect: "error",
    });
    const retryAfter = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
    return {
      status: response.status,
      retry_after_s: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
    };
  } catch {
    return { status: null, retry_after_s: null };
  }
}

/** Posts every queued report that is due, one at a time, recording each answer before the next. */
function deliverStudyReports() {
  delivering ??= (async () => {
    // No study ever joined: nothing to send, and no reason to load the studies' module.
    if (!("studies" in (await chrome.storage.local.get("studies")))) return;
    let answer = await handle({ type: "study_outbox" }, ownPage());
    for (let round = 0; answer?.type === "study_outbox" && answer.ready.length > 0 && round < 100; round += 1) {
      const queued = answer.ready[0];
      answer = await handle(
        { type: "study_delivered", report_id: queued.report_id, ...(await post(queued)) },
        ownPage(),
      );
    }
    if (answer?.type === "study_outbox") scheduleDelivery(answer.next_attempt_ms);
  })()
    .catch(() => undefined)
    .finally(() => {
      delivering = null;
    });
  return delivering;
}

// Each time the worker starts (the browser starting, or woken for anything else), the reports
// whose time has come go: an alarm missed while the browser was closed is made up for here.
deliverStudyReports();

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
  const stale = registered.filter(
    (scriptId) => scriptId.startsWith("mastodon:") && !allowed.map(id).includes(scriptId),
  );
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
  handle({ type: "settings" }, ownPage())
    .then((response) => response?.type === "settings" && syncMastodonServers(response.settings.mastodon_servers))
    .catch(() => undefined);
});
