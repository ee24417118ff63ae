// The dashboard (the extension's options page): this week against last week, the totals, charts
// and tables of a chosen period, what digital labour is, privacy (pause, delete everything), the
// settings, and the data in and out (export JSON and CSV, import JSON).
//
// Every figure comes from the core (`overview`, src/views.rs); this page only lays it out, in
// the language the user chose (i18n.js) with Intl's formats for that language.

import { loadLanguage, translatePage } from "./i18n.js";
import { formats, addDays, localToday } from "./format.js";
import { showCharts, watchScroll } from "./dashboard-charts.js";
import { api } from "../lib/browser-api.js";
import { ask, errorText } from "../lib/core-client.js";
import { KINDS, SENSED_PLATFORMS } from "../lib/names.js";
import { setUpPrivacy } from "./dashboard-privacy.js";
import { setUpData } from "./dashboard-data.js";
// The first answers, asked from the page's head (dashboard-start.js).
const { period: firstPeriod, settings: firstSettings, overview: firstOverview } = globalThis.tacheronDashboardStart;

// The browser's language decides the default valuation (the core's rule), whatever language the
// page speaks: the page and the popup ask with the same locale and get the same amounts.
const browserLocale = api.i18n.getUILanguage();

const $ = (id) => document.getElementById(id);

// The settings and the first overview were asked for as the page started loading
// (dashboard-start.js): the figures do not wait for the words, nor the words for this module.
let period = firstPeriod;
const { language, locale, message } = await loadLanguage(undefined, firstSettings);
const fmt = formats(locale, message);

/** What the page last showed: the settings and the overview. */
const state = { settings: null, overview: null, point: "central", loadedLanguage: "auto" };

// --- words -------------------------------------------------------------------------------------

document.documentElement.lang = locale;
translatePage({ language, message });
document.title = message("dashboardTitle");

/** A short message in the toast at the bottom of the window (a polite live region). */
function say(text) {
  $("status").textContent = text;
}
$("status-close").addEventListener("click", () => say(""));

/** Keeps `fields` in this tab's history entry (history.state), which a reload keeps. */
const keep = (fields) => history.replaceState({ ...history.state, ...fields }, "");

/** A message to show once the page has reloaded (after a change of language). */
function sayAfterReload(text) {
  keep({ notice: text });
  location.reload();
}

// --- figures -------------------------------------------------------------------------------------

const pointOf = (range) => range[state.point];

/** A headline figure: the point put forward large, the range below it. */
function showHeadline(id, range, format) {
  const figure = document.createElement("span");
  figure.className = "central";
  figure.textContent = format(pointOf(range));
  const spread = document.createElement("span");
  spread.className = "range";
  spread.textContent = message("rangeBetween", [format(range.low), format(range.high)]);
  $(id).replaceChildren(figure, " ", spread);
}

/** "central (low–high)" for a range, with the point put forward first. */
const rangeText = (range, format) =>
  message("rangeFormat", [format(pointOf(range)), format(range.low), format(range.high)]);

function addRanges(a, b) {
  return { low: a.low + b.low, central: a.central + b.central, high: a.high + b.high };
}

/** This week's figure against last week's, in words and with an arrow (never by colour alone). */
function showChange(id, now, before) {
  const element = $(id);
  let text;
  let direction;
  if (before === 0) {
    [text, direction] = now === 0 ? [message("changeNothing"), "same"] : [message("changeNew"), "up"];
  } else {
    const ratio = (now - before) / before;
    if (Math.abs(ratio) < 0.005) [text, direction] = [message("changeSame"), "same"];
    else
      [text, direction] = [
        message(ratio > 0 ? "changeUp" : "changeDown", [fmt.change(ratio)]),
        ratio > 0 ? "up" : "down",
      ];
  }
  const arrow = document.createElement("span");
  arrow.className = "arrow";
  arrow.setAttribute("aria-hidden", "true");
  arrow.textContent = { up: "▲", down: "▼", same: "=" }[direction];
  element.className = `change ${direction}`;
  element.replaceChildren(arrow, " ", text);
}

function showWeek(overview, amount) {
  const { this_week: now, last_week: before } = overview;
  const wage = overview.summary.valuation.wage;
  const today = localToday();
  $("week-note").textContent = message("weekNote", [
    // biome-ignore lint/complexity/useMathMinMax: dates as ISO text, compared as text
    fmt.dateRange(now.from, today < now.from ? now.from : today),
    fmt.dateRange(before.from, addDays(before.from, 6)),
  ]);
  $("week-count").textContent = fmt.integer(now.count);
  $("week-count-last").textContent = message("lastWeek", [fmt.integer(before.count)]);
  showChange("week-count-change", now.count, before.count);

  $("week-time").textContent = fmt.duration(pointOf(now.seconds));
  $("week-time-last").textContent = message("lastWeek", [fmt.duration(pointOf(before.seconds))]);
  showChange("week-time-change", pointOf(now.seconds), pointOf(before.seconds));

  showHeadline("week-piece", now.piece, amount);
  $("week-piece-last").textContent = message("lastWeek", [rangeText(before.piece, amount)]);
  showChange("week-piece-change", pointOf(now.piece), pointOf(before.piece));

  $("week-wage-label").textContent = message(`wageValue_${wage}`);
  showHeadline("week-wage", now.at_wage, amount);
  $("week-wage-last").textContent = message("lastWeek", [amount(pointOf(before.at_wage))]);
  showChange("week-wage-change", pointOf(now.at_wage), pointOf(before.at_wage));
}

function periodTitle(chosen) {
  return typeof chosen === "string" ? message(`periodTitle_${chosen}`) : message("periodTitle_custom");
}

/** Sets `node`'s text, leaving it alone when it already says that (no change for the browser
 *  to lay out again). */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Puts one row per line in `body`, reusing the rows already there: switching the period mostly
 * changes the numbers, not the rows, so the table is not built again. `cells` lists each
 * column's class ("number", or "" for text), and `header` whether the first is the row's header;
 * `texts(line)` gives the columns' texts, a column with a link as `{ href, text }`.
 */
function fillRows(body, lines, { cells, header = false }, texts) {
  while (body.rows.length > lines.length) body.deleteRow(-1);
  lines.forEach((line, index) => {
    let row = body.rows[index];
    if (!row) {
      row = body.insertRow();
      cells.forEach((className, column) => {
        const node = column === 0 && header ? document.createElement("th") : document.createElement("td");
        if (column === 0 && header) node.scope = "row";
        if (className) node.className = className;
        row.append(node);
      });
    }
    texts(line).forEach((text, column) => {
      const node = row.cells[column];
      if (typeof text === "string") {
        setText(node, text);
        return;
      }
      let link = node.firstElementChild;
      if (!link) link = node.appendChild(document.createElement("a"));
      if (link.getAttribute("href") !== text.href) link.setAttribute("href", text.href);
      setText(link, text.text);
    });
  });
}

/** Rows of the summary added up by `key` (platform or kind), largest first. */
function totalsBy(rows, key) {
  const sums = new Map();
  for (const { estimate, ...row } of rows) {
    const sum = sums.get(row[key]);
    sums.set(
      row[key],
      sum
        ? {
            count: sum.count + estimate.count,
            seconds: addRanges(sum.seconds, estimate.seconds),
            piece: addRanges(sum.piece, estimate.piece_value),
          }
        : { count: estimate.count, seconds: estimate.seconds, piece: estimate.piece_value },
    );
  }
  return [...sums].sort((a, b) => b[1].count - a[1].count);
}

function fillTotalsTable(id, totals, total, nameOf, amount) {
  fillRows(
    $(id).tBodies[0],
    totals,
    { cells: ["", "number", "number", "number", "number"], header: true },
    ([name, sum]) => [
      nameOf(name),
      fmt.integer(sum.count),
      fmt.percent(total ? sum.count / total : 0),
      fmt.duration(pointOf(sum.seconds)),
      rangeText(sum.piece, amount),
    ],
  );
}

function showTables(summary, amount) {
  const rows = summary.rows;
  const empty = rows.length === 0;
  const emptyNote = $("empty");
  emptyNote.textContent = message(period === "all" ? "emptyLedger" : "emptyPeriod");
  emptyNote.hidden = !empty;
  $("table-blocks").hidden = empty;
  $("details-block").hidden = empty;
  fillTotalsTable(
    "by-platform",
    totalsBy(rows, "platform"),
    summary.total.count,
    (p) => message(`platform_${p}`),
    amount,
  );
  fillTotalsTable(
    "by-kind",
    totalsBy(rows, "kind").sort((a, b) => b[1].count - a[1].count || KINDS.indexOf(a[0]) - KINDS.indexOf(b[0])),
    summary.total.count,
    (k) => message(`kind_${k}`),
    amount,
  );

  const table = $("details");
  fillRows(table.tBodies[0], rows, { cells: ["", "", "number", "number", "number"] }, (line) => {
    const e = line.estimate;
    const measured =
      e.measured === e.count ? message("measuredMark") : e.measured > 0 ? message("partlyMeasuredMark") : "";
    return [
      message(`platform_${line.platform}`),
      { href: `methodology.html#kind-${line.kind}`, text: message(`kind_${line.kind}`) },
      fmt.integer(e.count),
      `${fmt.duration(pointOf(e.seconds))}${measured}`,
      rangeText(e.piece_value, amount),
    ];
  });
  table.hidden = empty;
}

let tablesShown = 0;
/**
 * Fills the tables in a task after the next frame, so that the figures and charts above them
 * reach the screen first (a year's detail table is a hundred rows to format); their section is
 * `aria-busy` meanwhile. Only the latest overview's tables are filled.
 */
function showTablesSoon(summary, amount) {
  const mine = ++tablesShown;
  const section = $("tables");
  section.setAttribute("aria-busy", "true");
  let filled = false;
  const fill = () => {
    if (filled || mine !== tablesShown) return; // once, whichever of the two calls below comes first
    filled = true;
    showTables(summary, amount);
    section.removeAttribute("aria-busy");
    // For `make bench`: the tables are filled.
    performance.mark("tacheron:tables-shown");
  };
  requestAnimationFrame(() => setTimeout(fill));
  setTimeout(fill, 100); // a tab in the background draws no frame
}

/** Lets the browser draw the page, hidden while it opens (dashboard.css, `.opening`). */
function reveal() {
  const { classList } = document.documentElement;
  if (classList.contains("opening")) classList.remove("opening");
}

/** Shows a whole overview: the week, the period's totals, charts and tables. */
function showOverview(overview) {
  // For `make bench`: the core's answer is here (…-received), and its figures and charts are on
  // the page (…-shown); the tables follow (…-tables-shown).
  performance.mark("tacheron:overview-received");
  state.overview = overview;
  const summary = overview.summary;
  const total = summary.total;
  const amount = fmt.money(summary.valuation.currency);

  showWeek(overview, amount);

  $("totals-heading").textContent = periodTitle(period);
  const days = Math.round((Date.parse(overview.to) - Date.parse(overview.from)) / 86_400_000) + 1;
  $("period-dates").textContent = message("periodDates", [
    fmt.dateRange(overview.from, overview.to),
    fmt.plural("spanDays", days),
  ]);
  $("total-count").textContent = fmt.integer(total.count);
  showHeadline("total-time", total.seconds, fmt.duration);
  $("time-split").textContent =
    total.measured > 0
      ? message("timeSplit", [
          fmt.duration(total.measured_seconds),
          fmt.integer(total.measured),
          fmt.integer(total.count),
        ])
      : message("timeModelled");
  showHeadline("total-value", summary.values.piece, amount);
  showHeadline("wage-value", summary.values.at_wage, amount);
  showHeadline("microwork-value", summary.values.at_microwork, amount);
  $("wage-label").textContent = message(`wageValue_${summary.valuation.wage}`);
  $("wage-source").textContent = message("wageRate", [amount(summary.hourly_wage.central)]);
  $("rate-card").textContent = summary.rate_card;
  $("scale").replaceChildren(
    ...summary.scale.map((scale) => {
      const item = document.createElement("li");
      item.textContent = message("scaleLine", [
        message(`platform_${scale.platform}`),
        amount(pointOf(scale.yearly)),
        String(scale.year),
      ]);
      return item;
    }),
  );
  showValuation(summary.valuation);
  showTablesSoon(summary, amount);

  const nothing = total.count === 0;
  $("charts-empty").textContent = message("chartsEmpty");
  $("charts-empty").hidden = !nothing;
  document.querySelector("#charts .chart-grid").hidden = nothing;
  if (!nothing) showCharts(overview, { fmt, message });
  reveal();
  performance.mark("tacheron:overview-shown");
}

let asked = 0;
/** Asks for the overview of the chosen period and shows it; older answers arriving late are dropped. */
async function refreshOverview() {
  const mine = ++asked;
  try {
    const answer = await ask("overview", { locale: browserLocale, period });
    if (mine === asked) showOverview(answer.overview);
    return true;
  } catch (error) {
    if (mine === asked) say(message("loadFailed", [errorText(error)]));
    return false;
  }
}

// --- period ------------------------------------------------------------------------------------

/**
 * The custom period's two fields, made date inputs the first time they are shown: a date input
 * is costly to build (the two of them took about 5 ms of the dashboard's opening, where most
 * openings never show them). Their latest day is today.
 */
function dateFields() {
  const fields = [$("period-from"), $("period-to")];
  const today = localToday();
  for (const field of fields) {
    if (field.type !== "date") Object.assign(field, { type: "date", min: "2000-01-01" });
    field.max = today;
  }
  return fields;
}

function showPeriodChoice() {
  const value = typeof period === "string" ? period : "custom";
  $(`period-${value}`).checked = true;
  $("custom-period").hidden = value !== "custom";
  if (typeof period !== "string") {
    const [from, to] = dateFields();
    from.value = period.from;
    to.value = period.to;
  }
}

function choosePeriod(chosen) {
  period = chosen;
  // Kept for a reload, once the page is idle: writing the history entry is a round trip to the
  // browser, which would hold up the question for the new figures and their answer.
  requestIdleCallback(() => keep({ period }), { timeout: 1000 });
}
// Following a link to a section (or going back) moves to another history entry: the period goes
// with it, so that a reload there still shows it.
for (const move of ["hashchange", "popstate"]) addEventListener(move, () => keep({ period }));

$("period").addEventListener("change", (event) => {
  const value = event.target.value;
  if (value === "custom") {
    const [from, to] = dateFields();
    $("custom-period").hidden = false;
    if (state.overview && !from.value) {
      from.value = state.overview.from;
      to.value = state.overview.to;
    }
    return;
  }
  $("custom-period").hidden = true;
  $("period-error").textContent = "";
  choosePeriod(value);
  refreshOverview();
});

$("custom-period").addEventListener("submit", async (event) => {
  event.preventDefault();
  const from = $("period-from").value;
  const to = $("period-to").value;
  const previous = period;
  choosePeriod(from <= to ? { from, to } : { from: to, to: from });
  $("period-error").textContent = "";
  const mine = ++asked;
  try {
    const answer = await ask("overview", { locale: browserLocale, period });
    if (mine === asked) showOverview(answer.overview);
  } catch (error) {
    // Refused (a span longer than ten years): the period shown stays as it was.
    choosePeriod(previous);
    if (mine === asked) $("period-error").textContent = message("periodRefused", [errorText(error)]);
  }
});

// --- settings ------------------------------------------------------------------------------------

/** The valuation form shows the choice in force. */
function showValuation(valuation) {
  const form = $("valuation");
  if (form.contains(document.activeElement)) return;
  form.currency.value = valuation.currency;
  form.wage.value = valuation.wage;
  form.own_hourly.value = valuation.own_hourly ?? "";
  showOwnWageField(valuation.wage);
}

/** The own-wage field is there, and checked by the browser (in the person's language), only when
 *  "my own hourly wage" is chosen: hidden, it is disabled, so that an amount left in it cannot
 *  stop another choice from being applied. */
function showOwnWageField(wage) {
  const own = wage === "own";
  $("own-wage-field").hidden = !own;
  const input = $("own-hourly");
  input.disabled = !own;
  input.required = own;
}

$("valuation").wage.addEventListener("change", (event) => showOwnWageField(event.target.value));
$("valuation").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const valuation = { currency: form.currency.value, wage: form.wage.value };
  if (valuation.wage === "own") valuation.own_hourly = Number(form.own_hourly.value);
  try {
    await ask("set_valuation", { valuation });
    say(message("valuationSaved"));
    document.activeElement?.blur();
    await refreshOverview();
  } catch (error) {
    say(message("valuationRefused", [errorText(error)]));
  }
});

/** The display preferences form shows the choice in force. */
function showPreferences(preferences) {
  const form = $("preferences");
  if (form.contains(document.activeElement)) return;
  form.language.value = preferences.language;
  form.point.value = preferences.point;
  form.badge.checked = preferences.badge;
}

$("preferences").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const preferences = { language: form.language.value, badge: form.badge.checked, point: form.point.value };
  try {
    const { settings } = await ask("set_preferences", { preferences });
    if (preferences.language !== state.loadedLanguage) {
      // The page speaks the new language once reloaded; the notice waits for it.
      sayAfterReload("preferencesSaved");
      return;
    }
    state.settings = settings;
    state.point = preferences.point;
    showFooterNote();
    if (state.overview) showOverview(state.overview);
    say(message("preferencesSaved"));
  } catch (error) {
    say(message("preferencesRefused", [errorText(error)]));
  }
});

function showFooterNote() {
  const note = document.querySelector('footer [data-i18n="rangeNote"]');
  note.textContent = message(state.point === "central" ? "rangeNote" : `rangeNote_${state.point}`);
}

/** The Mastodon servers the user added, each with a button to remove it. */
function showMastodonServers(settings) {
  $("mastodon-servers").replaceChildren(
    ...settings.mastodon_servers.map((host) => {
      const item = document.createElement("li");
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "secondary small";
      remove.textContent = message("mastodonRemove");
      remove.setAttribute("aria-label", message("mastodonRemoveLabel", [host]));
      remove.addEventListener("click", async () => {
        showMastodonServers((await ask("remove_mastodon_server", { host })).settings);
        await api.permissions.remove({ origins: [`https://${host}/*`] });
        $("mastodon-host").focus();
      });
      item.append(host, " ", remove);
      return item;
    }),
  );
}

$("mastodon-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("mastodon-host");
  const host = input.value
    .trim()
    .replace(/^https:\/\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  const origins = [`https://${host}/*`];
  // Only the shape of a host name is checked here, so that the browser is never asked about
  // something that is not one; the core checks the rest once access is granted.
  const parsed = URL.canParse(`https://${host}/`) ? new URL(`https://${host}/`).hostname : "";
  if (!host || parsed !== host) {
    say(message("mastodonInvalid", [host, message("mastodonNotAName")]));
    return;
  }
  try {
    // The browser asks the person; nothing is counted there unless they allow it.
    if (!(await api.permissions.request({ origins }))) {
      say(message("mastodonRefused", [host]));
      return;
    }
    showMastodonServers((await ask("add_mastodon_server", { host })).settings);
    input.value = "";
  } catch (error) {
    await api.permissions.remove({ origins }).catch(() => undefined);
    say(message("mastodonInvalid", [host, errorText(error)]));
  }
});

/** One checkbox per platform: unchecked means nothing is counted there. */
function showPlatforms(settings) {
  const fieldset = $("platforms");
  const boxes = new Map([...fieldset.querySelectorAll("input")].map((box) => [box.name, box]));
  for (const platform of SENSED_PLATFORMS) {
    let box = boxes.get(platform);
    if (!box) {
      const label = document.createElement("label");
      box = document.createElement("input");
      box.type = "checkbox";
      box.name = platform;
      box.addEventListener("change", () =>
        ask("set_platform", { platform, enabled: box.checked }).catch((error) => {
          say(message("loadFailed", [errorText(error)]));
        }),
      );
      label.append(box, " ", message(`platform_${platform}`));
      fieldset.append(label);
    }
    box.checked = !settings.disabled_platforms.includes(platform);
  }
}

// --- privacy, data ----------------------------------------------------------------------------

const showPause = setUpPrivacy({
  fmt,
  message,
  say,
  async afterDelete(days) {
    const done = fmt.plural("deletedDays", days);
    if (state.loadedLanguage !== "auto") {
      // The language chosen went with the settings: the page speaks the browser's again.
      sayAfterReload(done);
      return;
    }
    say(done);
    await Promise.all([refreshSettings(), refreshOverview()]);
  },
});
setUpData({ fmt, message, say, afterImport: refreshOverview });

// --- start ---------------------------------------------------------------------------------------

/** Asks for the settings and shows them; `answer`, when given, is an answer (or the Error that
 *  stopped it) already asked for. With `onlyChanged`, settings as they were shown are left as they
 *  are (a form being filled in is not reset by a like in another tab). */
async function refreshSettings(answer, { onlyChanged = false } = {}) {
  try {
    if (answer instanceof Error) throw answer;
    const { settings } = answer ?? (await ask("settings"));
    if (onlyChanged && JSON.stringify(settings) === JSON.stringify(state.settings)) return true;
    state.settings = settings;
    state.point = settings.preferences?.point ?? "central";
    showPlatforms(settings);
    showMastodonServers(settings);
    showPreferences(settings.preferences);
    showPause(settings.paused);
    showFooterNote();
    return true;
  } catch (error) {
    say(message("loadFailed", [errorText(error)]));
    return false;
  }
}

const notice = history.state?.notice;
if (typeof notice === "string") {
  keep({ notice: undefined });
  say(notice === "preferencesSaved" ? message("preferencesSaved") : notice);
}

showPeriodChoice();
document.querySelectorAll(".scroll, .chart-box").forEach(watchScroll);
await refreshSettings(await firstSettings);
state.loadedLanguage = state.settings?.preferences?.language ?? "auto";
const first = await firstOverview;
if (first instanceof Error) {
  reveal();
  say(message("loadFailed", [errorText(first)]));
  await refreshOverview();
} else {
  showOverview(first.overview);
}

// Live: when a new action is stored, or a setting changes (in the popup, say), the page follows.
let pending = 0;
api.storage.onChanged.addListener((_changes, area) => {
  if (area !== "local") return;
  clearTimeout(pending);
  pending = setTimeout(async () => {
    await refreshSettings(undefined, { onlyChanged: true });
    refreshOverview();
  }, 100);
});
