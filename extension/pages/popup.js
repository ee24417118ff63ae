// The toolbar popup: today's actions and time at a glance, pausing and resuming, counting on or
// off for the platform of the current tab, the last observations (platform, kind and outcome
// only) and diagnostics for bug reports. Opened as a page of its own, it describes the most
// recently used other tab.

import { api } from "../lib/browser-api.js";
import { ask } from "../lib/core-client.js";
import { loadLanguage, translatePage } from "./i18n.js";

/** The tab the user is looking at: the active one, or — when this page is itself a tab — the
 *  most recently used other tab of the window. */
async function currentTab() {
  const tabs = await api.tabs.query({ currentWindow: true });
  const self = api.runtime.getURL("");
  const others = tabs.filter((tab) => !(tab.url ?? tab.pendingUrl ?? "").startsWith(self));
  return others.find((tab) => tab.active) ?? others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

/** What the popup shows, in one question: the settings, today's figures and the diagnostics for
 *  the tab beneath. */
const askPopup = async () => ask("popup", { tab_url: (await currentTab())?.url ?? null });

// Asked before anything else: the page's language follows the settings it brings.
const opening = askPopup();
const { language, locale, message } = await loadLanguage(undefined, opening);
translatePage({ language, message });
document.documentElement.lang = locale;

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const clock = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
const weekday = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long" });
const relativeDay = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
const plural = new Intl.PluralRules(locale);
const HOUR_MS = 3_600_000;

/** A duration in seconds, in the largest unit that reads well ("45 s", "2.5 min", "1.2 h"). */
function duration(seconds) {
  const [value, unit] =
    seconds < 60 ? [seconds, "second"] : seconds < 3600 ? [seconds / 60, "minute"] : [seconds / 3600, "hour"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(
    value,
  );
}

/** The message `<base>_one` when the language says `count` is singular, `<base>_other` if not. */
function pluralMessage(base, count, substitutions) {
  return message(plural.select(count) === "one" ? `${base}_one` : `${base}_other`, substitutions);
}

function showError(error) {
  const box = document.getElementById("error");
  box.textContent = message("loadFailed", [String(error?.message ?? error)]);
  box.hidden = false;
}

// --- today ----------------------------------------------------------------------------------

function showToday(today) {
  document.getElementById("today-count").textContent = integer.format(today.count);
  const time = document.getElementById("today-time");
  const range = document.getElementById("today-range");
  if (today.count === 0) {
    time.textContent = message("popup_nothingToday");
    range.textContent = "";
  } else {
    time.textContent = message("popup_timeToday", [duration(today.seconds.central)]);
    range.textContent = message("rangeBetween", [duration(today.seconds.low), duration(today.seconds.high)]);
  }
  document.getElementById("today-count-word").textContent = pluralMessage("popup_actionWord", today.count);
  // Actions per kind, every platform together, the most frequent first (the core's order).
  document.getElementById("today-kinds").replaceChildren(
    ...today.kinds.map(({ kind, count }) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = message(`kind_${kind}`);
      const number = document.createElement("span");
      number.className = "number";
      number.textContent = integer.format(count);
      item.append(name, " ", number);
      return item;
    }),
  );
}

// --- pause ----------------------------------------------------------------------------------

let resumeTimer;

/** When counting starts again by itself (milliseconds), null until resumed, undefined if counting. */
function pausedUntil(settings) {
  const paused = settings.paused;
  if (paused === "until_resumed") return null;
  if (paused?.until && paused.until.epoch_ms > Date.now()) return paused.until.epoch_ms;
  return undefined;
}

function startOfDay(ms) {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day;
}

/** "15:00", "tomorrow at 00:00", "Friday 12 June at 09:00". */
function pauseEndText(until) {
  const days = Math.round((startOfDay(until) - startOfDay(Date.now())) / (24 * HOUR_MS));
  if (days === 0) return message("popup_pausedUntil", [clock.format(until)]);
  const day = days === 1 ? relativeDay.format(1, "day") : weekday.format(until);
  return message("popup_pausedUntilDay", [day, clock.format(until)]);
}

function showPause(settings) {
  const until = pausedUntil(settings);
  const paused = until !== undefined;
  const state = document.getElementById("pause-state");
  state.textContent = !paused
    ? message("popup_countingOn")
    : until === null
      ? message("popup_pausedUntilResumed")
      : pauseEndText(until);
  state.classList.toggle("paused", paused);
  document.getElementById("pause-choices").hidden = paused;
  document.getElementById("resume-row").hidden = !paused;
  clearTimeout(resumeTimer);
  // A pause that ends while the popup is open: show counting again then.
  if (typeof until === "number" && until - Date.now() < 24 * HOUR_MS) {
    resumeTimer = setTimeout(() => refresh().catch(showError), until - Date.now() + 500);
  }
  return paused;
}

/** Next local midnight. */
function tomorrow() {
  const midnight = new Date();
  midnight.setHours(24, 0, 0, 0);
  return midnight.getTime();
}

async function changePause(type, fields, focusAfter) {
  try {
    const { settings } = await ask(type, fields);
    showPause(settings);
    // Focus moves with the state it belongs to, before anything else is asked.
    document.getElementById(focusAfter).focus();
    await refresh();
  } catch (error) {
    showError(error);
  }
}

document
  .getElementById("pause-hour")
  .addEventListener("click", () => changePause("pause", { until_ms: Date.now() + HOUR_MS }, "resume"));
document
  .getElementById("pause-tomorrow")
  .addEventListener("click", () => changePause("pause", { until_ms: tomorrow() }, "resume"));
document.getElementById("pause-resumed").addEventListener("click", () => changePause("pause", {}, "resume"));
document.getElementById("resume").addEventListener("click", () => changePause("resume", {}, "pause-hour"));

// --- this tab and diagnostics ---------------------------------------------------------------

function showTab(diagnostics, paused) {
  const platform = diagnostics.tab_platform;
  const status = diagnostics.platforms.find((p) => p.platform === platform);
  const name = platform ? message(`platform_${platform}`) : "";
  document.getElementById("tab-status").textContent = !platform
    ? message("tabNotCounted")
    : !status.enabled
      ? message("tabPaused", [name])
      : paused
        ? message("popup_tabWhilePaused", [name])
        : message("tabCounting", [name]);
  const row = document.getElementById("tab-toggle-row");
  row.hidden = !platform;
  if (platform) {
    const box = document.getElementById("tab-platform-enabled");
    box.checked = status.enabled;
    box.onchange = async () => {
      try {
        await ask("set_platform", { platform, enabled: box.checked });
        await refresh();
      } catch (error) {
        showError(error);
      }
    };
    document.getElementById("tab-platform-label").textContent = message("countOn", [name]);
  }
  showDiagnostics(diagnostics);
}

function showDiagnostics(diagnostics) {
  const list = document.getElementById("recent");
  list.replaceChildren(
    ...diagnostics.recent.map((entry) => {
      const item = document.createElement("li");
      const what = entry.kinds.length
        ? [...new Set(entry.kinds)].map((kind) => message(`kind_${kind}`)).join(", ")
        : message(`outcome_${entry.outcome}`);
      item.textContent = `${clock.format(entry.at_ms)} · ${message(`platform_${entry.platform}`)} · ${what}`;
      return item;
    }),
  );
  document.getElementById("recent-empty").hidden = diagnostics.recent.length > 0;
  document.getElementById("rules-version").textContent = diagnostics.rules_version;
  document.getElementById("dropped").textContent = integer.format(
    diagnostics.platforms.reduce((sum, p) => sum + p.dropped, 0),
  );
  document.getElementById("passive").textContent = integer.format(diagnostics.passive_captchas);
}

// --- a study report to review ---------------------------------------------------------------

/** A study report waiting for the participant's review: said here, with the way to it. Asked of
 *  the studies' module only for someone who joined a study; nobody else's popup loads it. */
async function showStudiesDue() {
  const answer = await ask("study_list");
  const due = answer.studies.reduce((sum, study) => sum + study.due.length, 0);
  if (due === 0) return;
  const line = document.getElementById("study-due");
  line.querySelector("a").textContent = pluralMessage("popup_studyDue", due, [integer.format(due)]);
  line.hidden = false;
}

// --- everything -----------------------------------------------------------------------------

/** Shows a popup answer: `answer` when given (the one asked as the page opened), or a new one. */
async function refresh(answer) {
  const { settings, today, diagnostics } = await (answer ?? askPopup());
  const paused = showPause(settings);
  showToday(today);
  showTab(diagnostics, paused);
}

// What happens while the popup is open (a like in the page beneath, a change on the dashboard)
// shows at once.
let pending;
api.storage.onChanged.addListener((_changes, area) => {
  if (area !== "local") return;
  clearTimeout(pending);
  pending = setTimeout(() => refresh().catch(showError), 100);
});

refresh(opening).catch(showError);
opening.then(({ studies_joined }) => studies_joined && showStudiesDue()).catch(() => undefined);
