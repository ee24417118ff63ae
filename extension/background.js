// Tâcheron's service worker (Firefox: its background page). It hands every message to the Rust
// core (WebAssembly), sends back what the core answers, and carries out what the core asks of the
// browser besides — the answer's effects: the badge, the alarms, the Mastodon sensors, the study
// queue. It decides nothing itself and holds no state of its own: the worker may be stopped at
// any moment, and the core stores each counted action before the answer goes back.
//
// Messages are handled one at a time, in arrival order, so two actions on the same day never
// race on that day's record. Every answer is JSON text, parsed by the page that asked
// (lib/core-client.js).

import { api } from "./lib/browser-api.js";
import { STUDY_REQUESTS } from "./lib/names.js";
import init, { Core } from "./pkg/tacheron.js";
import initStudies, { Studies } from "./pkg/tacheron_study.js";

const BASE = api.runtime.getURL("");
const ignore = () => undefined;

const core = init({ module_or_path: api.runtime.getURL("pkg/tacheron_bg.wasm") }).then(() => new Core(BASE));

// Research studies have a module of their own, instantiated only when a study page, the popup of
// someone who joined or the report queue first needs it: most people never join a study, and
// their worker starts without it. It keeps no ledger of its own: it reads the days a report
// covers through the core, the ledger's one owner.
let studyModule = null;
const studies = () =>
  (studyModule ??= initStudies({ module_or_path: api.runtime.getURL("pkg/tacheron_study_bg.wasm") }).then(
    () => new Studies(BASE, (from, to) => core.then((ready) => ready.days(from, to))),
  ));
const isStudyMessage = (message) => Object.hasOwn(STUDY_REQUESTS, message?.type ?? "");

// The core keeps the ledger and the settings in memory between messages (the dashboard switching
// periods reads them again and again, and each read of the store is a round trip to the browser);
// any change to the durable store, by the core or anyone else, drops them.
api.storage.onChanged.addListener((_changes, area) => {
  if (area === "local") core.then((ready) => ready.forget_cached_reads());
});

let previous = Promise.resolve();

/** Hands one message to its module, after every message before it; resolves to
 *  `{ answer, effects }`, both JSON text. */
function handle(message, sender) {
  const handled = previous
    .then(() => (isStudyMessage(message) ? studies() : core))
    .then((ready) => ready.handle(message, sender));
  previous = handled.catch(ignore);
  return handled;
}

/** Answers one message with the core's answer (JSON text), once what it asks of the browser is
 *  under way. A module that could not even load answers with an error. */
function answer(message, sender) {
  return handle(message, sender).then(
    ({ answer: text, effects }) => {
      apply(JSON.parse(effects));
      return text;
    },
    (error) => JSON.stringify({ type: "error", message: String(error?.message ?? error) }),
  );
}

/** The worker asking the core on its own behalf, as the extension's own page: the answer, parsed. */
const askAsWorker = (message) => answer(message, { url: BASE }).then((text) => JSON.parse(text));

const NEW_DAY = "new-day";
const STUDY_QUEUE = "study-queue";

/** Carries out what the core asked for besides its answer (src/protocol.rs `Effects`). */
function apply(effects) {
  if ("badge" in effects) api.action.setBadgeText({ text: effects.badge }).catch(ignore);
  if ("new_day_alarm_ms" in effects) api.alarms.create(NEW_DAY, { when: effects.new_day_alarm_ms });
  if ("mastodon_servers" in effects) syncMastodonServers(effects.mastodon_servers).catch(ignore);
  if ("study_queue_alarm" in effects) scheduleDelivery(effects.study_queue_alarm);
  if (effects.deliver_reports) deliverStudyReports();
}

// Extension messages: the sensors' observations, and the pages' questions where they cannot ask
// as the worker's clients (Firefox; the popup).
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  answer(message, {
    url: sender.url ?? "",
    tab_id: sender.tab?.id ?? null,
    tab_url: sender.tab?.url ?? null,
  }).then(sendResponse);
  return true;
});

// The extension's own pages, which this worker controls, may also ask as the worker's clients
// (lib/core-client.js): the question comes as a service-worker message carrying a MessageChannel
// port, and the answer goes straight back through it. Web pages cannot reach this worker: only its
// own origin's pages are its clients, and the sender is checked again here.
self.addEventListener("message", (event) => {
  const [port] = event.ports;
  const url = event.source?.url ?? "";
  if (!port || event.origin !== self.location.origin || !url.startsWith(BASE)) return;
  event.waitUntil(answer(event.data, { url, tab_id: null, tab_url: null }).then((text) => port.postMessage(text)));
});

// The first install opens the welcome page: what is counted, what never is, how to pause.
api.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") api.tabs.create({ url: api.runtime.getURL("pages/onboarding.html") });
});

/** The core, told the worker is awake: it answers with the badge, the next new day's alarm, the
 *  Mastodon sensors and, for someone who joined a study, the reports to post. */
const wake = () => askAsWorker({ type: "wake" }).catch(ignore);

// Each start of the worker (the browser starting, or woken for anything else), each new day, and
// each withdrawal of a host permission in the browser's own settings.
wake();
api.runtime.onStartup.addListener(wake);
api.permissions.onRemoved.addListener(wake);
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === NEW_DAY) wake();
  if (alarm.name === STUDY_QUEUE) deliverStudyReports();
});

// Study reports the participant agreed to send wait in the studies' queue (stored, so a browser
// restart loses none) until their inbox takes them. Each is posted to the endpoint the participant
// consented to, as the sealed bytes previewed; the studies' module decides from the answer
// whether it is delivered, refused for good or tried again later, and when (the queue's alarm).

/** Sets the queue's alarm for `whenMs`, or clears it when nothing waits. */
function scheduleDelivery(whenMs) {
  if (typeof whenMs === "number") api.alarms.create(STUDY_QUEUE, { when: Math.max(whenMs, Date.now() + 1000) });
  else api.alarms.clear(STUDY_QUEUE);
}

/** `"0a1b…"` → the bytes. */
const bytesOfHex = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

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

let delivering = null;

/** Posts every queued report that is due, one at a time, recording each answer before the next. */
function deliverStudyReports() {
  delivering ??= (async () => {
    let outbox = await askAsWorker({ type: "study_outbox" });
    for (let round = 0; outbox?.type === "study_outbox" && outbox.ready.length > 0 && round < 100; round += 1) {
      const queued = outbox.ready[0];
      outbox = await askAsWorker({ type: "study_delivered", report_id: queued.report_id, ...(await post(queued)) });
    }
  })()
    .catch(ignore)
    .finally(() => {
      delivering = null;
    });
  return delivering;
}

// Mastodon servers besides mastodon.social: the user adds one on the dashboard, which asks the
// browser for access to it (an optional host permission); here, each added and allowed server
// gets the Mastodon sensor, registered to persist across sessions, and no other server keeps one.
async function syncMastodonServers(servers) {
  const allowed = [];
  for (const host of servers) {
    if (await api.permissions.contains({ origins: [`https://${host}/*`] })) allowed.push(host);
  }
  const registered = (await api.scripting.getRegisteredContentScripts()).map((script) => script.id);
  const id = (host) => `mastodon:${host}`;
  const stale = registered.filter(
    (scriptId) => scriptId.startsWith("mastodon:") && !allowed.map(id).includes(scriptId),
  );
  if (stale.length > 0) await api.scripting.unregisterContentScripts({ ids: stale });
  const missing = allowed.filter((host) => !registered.includes(id(host)));
  if (missing.length === 0) return;
  await api.scripting.registerContentScripts(
    missing.map((host) => ({
      id: id(host),
      matches: [`https://${host}/*`],
      js: ["content/rules/mastodon.js", "content/sensor.js"],
      runAt: "document_start",
      persistAcrossSessions: true,
    })),
  );
}
