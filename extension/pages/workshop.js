// The workshop page (Atelier): a teacher-led session of real micro-tasks drawn by the core from a
// seed, each timed here; then the results valued with the rate card, and a share code (text and
// QR code) holding the totals only, with the student's real dashboard totals if they choose.
//
// The tasks, their scoring, the values and the codes all come from the classroom's WebAssembly
// module (crates/classroom-web); this page only shows them and times the tasks. The teacher may
// preset the language, the tasks and the time through managed storage (managed-schema.json).
// `?seed=N` draws a given workshop (the same tasks for everyone, and for the tests).

import init, {
  share_code,
  workshop_plan,
  workshop_plan_without_sight,
  workshop_results,
  workshop_tasks,
} from "../pkg/tacheron_classroom.js";
import { api } from "../lib/browser-api.js";
import { ask } from "../lib/core-client.js";
import { KINDS } from "../lib/names.js";
import { clockDuration, moneyAmount, moneyRange } from "./classroom-format.js";
import { loadLanguage, translate } from "./i18n.js";

const $ = (id) => document.getElementById(id);
let message = (key) => key;
let locale = "en";
let language = "en";

// --- formats ------------------------------------------------------------------------------------

const number = (value, digits = 3) => new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(value);
const whole = (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
/** A data set's size: exact below a hundred million, then "440 million", "3.5 billion". */
const examples = (value) =>
  value >= 1e8
    ? new Intl.NumberFormat(locale, { notation: "compact", compactDisplay: "long" }).format(value)
    : whole(value);

const duration = (seconds) => clockDuration(locale, seconds);
const money = (amount, currency) => moneyAmount(locale, amount, currency);
const range = (r, currency) => moneyRange(locale, message, r, currency);

/** An SVG drawing from the core as a node of this document. */
function drawing(svg) {
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  return document.importNode(parsed, true);
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// --- the session --------------------------------------------------------------------------------

const params = new URLSearchParams(location.search);
const seed = /^\d{1,10}$/.test(params.get("seed") ?? "")
  ? Number(params.get("seed")) % 2 ** 32
  : crypto.getRandomValues(new Uint32Array(1))[0];
const nonce = crypto.getRandomValues(new Uint16Array(1))[0];

let presetPlan;
let plan;
let tasks = [];
let current = 0;
let taskStarted = 0;
let deadline = 0;
let clock = 0;
const responses = [];
let scored = null;
let card = null;

async function managedPreset() {
  try {
    const { workshop } = await api.storage.managed.get("workshop");
    return workshop;
  } catch {
    // No managed storage here (no policy, or a browser without it): the defaults.
    return undefined;
  }
}

/** The plan, with or without the tasks that need sight, and its tasks drawn from the seed. */
function choosePlan() {
  plan = $("without-sight").checked ? workshop_plan_without_sight(presetPlan) : presetPlan;
  tasks = workshop_tasks(seed, plan, language);
  showPlan();
}

function showPlan() {
  const count = Object.values(plan.counts).reduce((a, b) => a + b, 0);
  $("plan-summary").textContent = message("workshopPlan", [String(count), String(plan.minutes)]);
  $("plan-kinds").replaceChildren(
    ...Object.entries(plan.counts)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => element("li", { textContent: `${message(`task_${kind}`)} × ${n}` })),
  );
}

function tick() {
  const left = Math.max(0, deadline - Date.now());
  $("clock").textContent = message("workshopTimeLeft", [duration(left / 1000)]);
  if (left === 0) finish(true);
}

function start() {
  $("start").hidden = true;
  $("work").hidden = false;
  deadline = Date.now() + plan.minutes * 60_000;
  clock = setInterval(tick, 1000);
  tick();
  show(0);
}

function show(index) {
  current = index;
  const task = tasks[index];
  $("progress").textContent = message("workshopProgress", [String(index + 1), String(tasks.length)]);
  $("task-heading").textContent = message(`task_${task.kind}`);
  const body = $("task-body");
  const prompt = $("task-prompt");
  prompt.hidden = false;
  // Tile grids and distorted texts are visual by nature, as the captchas they copy are: said on
  // screen (and to screen readers) rather than given away by describing the pictures.
  const visual = $("visual-note");
  visual.hidden = task.kind !== "image" && task.kind !== "text";
  let focus = null;
  if (task.kind === "image") {
    prompt.textContent = message("workshopImagePrompt", [task.target]);
    const grid = element("div", { className: "grid" });
    grid.setAttribute("role", "group");
    grid.setAttribute("aria-labelledby", "task-prompt");
    grid.setAttribute("aria-describedby", "visual-note");
    task.tiles.forEach((tile, i) => {
      const button = element("button", { type: "button", className: "tile" }, drawing(tile.svg));
      button.dataset.tile = String(i);
      button.setAttribute("aria-pressed", "false");
      // Named by position only: a name saying what the tile shows would give the answer away.
      button.setAttribute("aria-label", message("workshopTile", [String(i + 1), String(task.tiles.length)]));
      button.addEventListener("click", () =>
        button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true")),
      );
      grid.append(button);
    });
    body.replaceChildren(grid);
    focus = grid.querySelector("button");
  } else if (task.kind === "text" || task.kind === "hashtag") {
    const text = task.kind === "text";
    prompt.textContent = message(text ? "workshopTextPrompt" : "workshopHashtagPrompt");
    const shown = text
      ? element("div", { className: "distorted" }, drawing(task.svg))
      : element("blockquote", { className: "post", textContent: task.text });
    if (text) {
      shown.setAttribute("role", "img");
      shown.setAttribute("aria-label", message("workshopTextImage"));
      shown.setAttribute("aria-describedby", "visual-note");
    }
    const input = element("input", { id: "answer", type: "text", autocomplete: "off", spellcheck: false });
    if (text) input.setAttribute("autocapitalize", "characters");
    const label = element("label", {
      htmlFor: "answer",
      textContent: message(text ? "workshopTextLabel" : "workshopHashtagLabel"),
    });
    body.replaceChildren(shown, element("p", {}, label, " ", input));
    focus = input;
  } else {
    prompt.hidden = true;
    prompt.textContent = "";
    const choices = ["positive", "negative", "neutral"].map((sentiment) => {
      const radio = element("input", {
        type: "radio",
        name: "sentiment",
        value: sentiment,
        id: `sentiment-${sentiment}`,
      });
      return element("label", { className: "choice" }, radio, " ", message(`sentiment_${sentiment}`));
    });
    const fieldset = element(
      "fieldset",
      {},
      element("legend", { textContent: message("workshopLabelPrompt") }),
      ...choices,
    );
    body.replaceChildren(element("blockquote", { className: "sentence", textContent: task.sentence }), fieldset);
    focus = fieldset.querySelector("input");
  }
  taskStarted = performance.now();
  (focus ?? $("task-heading")).focus();
}

/** The answer on screen for the current task (nothing when none was given). */
function answer(task) {
  if (task.kind === "image") {
    const tiles = [...document.querySelectorAll('#task-body .tile[aria-pressed="true"]')].map((b) =>
      Number(b.dataset.tile),
    );
    return { tiles };
  }
  if (task.kind === "label") {
    const chosen = document.querySelector('#task-body input[name="sentiment"]:checked');
    return chosen ? { sentiment: chosen.value } : {};
  }
  return { text: $("answer").value };
}

function record(given) {
  const task = tasks[current];
  responses.push({ index: task.index, ms: performance.now() - taskStarted, ...given });
  if (current + 1 < tasks.length) show(current + 1);
  else finish(false);
}

// --- results ------------------------------------------------------------------------------------

function shortName(id) {
  const source = card?.sources.find((s) => s.id === id);
  if (!source) return id;
  const first = source.citation.split(/[:,]/)[0].trim();
  return `${first.split(" ").slice(0, 3).join(" ")}${source.citation.includes(",") ? " et al." : ""} ${source.year}`;
}

function sourceLinks(ids) {
  const links = [message("workshopSource"), " "];
  ids.forEach((id, i) => {
    if (i > 0) links.push("; ");
    links.push(element("a", { href: `methodology.html#source-${id}`, textContent: shortName(id) }));
  });
  return element("span", { className: "note" }, " (", ...links, ")");
}

function finish(timeUp) {
  if (scored) return;
  clearInterval(clock);
  if (timeUp && current < tasks.length && responses.length === current) {
    // The task on screen when time ran out: its time counts, not its answer.
    responses.push({ index: tasks[current].index, ms: performance.now() - taskStarted });
  }
  scored = workshop_results(seed, plan, responses, language);
  const results = scored.results;
  const currency = results.currency;
  $("work").hidden = true;
  $("results").hidden = false;
  $("time-up").hidden = !timeUp;
  $("results-summary").textContent = message("workshopResultsSummary", [
    whole(results.done),
    whole(results.accepted),
    duration(results.seconds),
  ]);
  $("results-table").tBodies[0].replaceChildren(
    ...results.kinds.map((kind) => {
      const row = element("tr");
      row.append(
        element("th", { scope: "row", textContent: message(`task_${kind.kind}`) }),
        element("td", { className: "number", textContent: whole(kind.done) }),
        element("td", { className: "number", textContent: whole(kind.accepted) }),
        element("td", { className: "number", textContent: duration(kind.seconds) }),
        element("td", { className: "number", textContent: range(kind.piece_value, currency) }),
      );
      return row;
    }),
  );
  $("results-pay").textContent = message("workshopPay", [range(results.piece_value, currency)]);
  $("results-hourly").hidden = !results.hourly;
  if (results.hourly) $("results-hourly").textContent = message("workshopHourly", [range(results.hourly, currency)]);
  const wages = results.wages;
  $("results-wages").replaceChildren(
    ...[
      ["smic", money(wages.smic.central, currency)],
      ["us_minimum", money(wages.us_minimum.central, currency)],
      ["microwork", range(wages.microwork, currency)],
    ].map(([id, amount]) =>
      element("li", { textContent: `${message(`wageName_${id}`)} — ${message("perHour", [amount])}` }),
    ),
  );
  $("results-scale").replaceChildren(
    ...results.scale.map((set) => {
      const pace =
        set.hours == null
          ? message("workshopScaleCost", [range(set.cost, currency)])
          : message("workshopScalePace", [number(set.hours), range(set.cost, currency)]);
      return element(
        "li",
        {},
        `${message(`context_${set.id}`, [examples(set.examples)])} ${pace}`,
        sourceLinks(set.sources),
      );
    }),
  );
  $("results-heading").focus();
  makeCode();
}

// --- the share code -----------------------------------------------------------------------------

async function dashboardTotals(period) {
  const answer = await ask("overview", { period, locale: api.i18n.getUILanguage() });
  const counts = {};
  for (const row of answer.overview.summary.rows) counts[row.kind] = (counts[row.kind] ?? 0) + row.estimate.count;
  return { span: period, counts, seconds: answer.overview.summary.total.seconds.central };
}

function showContents(shared) {
  const contents = shared.contents;
  const session = contents.session.granularity === "month" ? "contentsMonth" : "contentsWeek";
  const items = [message(session, [shared.session])];
  for (const [kind, tally] of Object.entries(contents.workshop)) {
    items.push(
      message("contentsTask", [
        message(`task_${kind}`),
        whole(tally.done),
        whole(tally.accepted),
        duration(tally.seconds),
      ]),
    );
  }
  if (contents.dashboard) {
    const d = contents.dashboard;
    const counts = KINDS.map((kind, i) => `${message(`kind_${kind}`)} ${whole(d.counts[i])}`).join(", ");
    items.push(message("contentsDashboard", [message(`span_${d.span}`), counts, duration(d.seconds)]));
  } else {
    items.push(message("contentsNoDashboard"));
  }
  items.push(message("contentsNonce", [String(contents.nonce)]));
  $("share-contents").replaceChildren(...items.map((text) => element("li", { textContent: text })));
}

let making = Promise.resolve();

function makeCode() {
  making = making.then(async () => {
    $("dashboard-error").textContent = "";
    let dashboard;
    const add = $("add-dashboard").checked;
    $("dashboard-period").disabled = !add;
    if (add) {
      try {
        dashboard = await dashboardTotals($("dashboard-period").value);
      } catch (error) {
        $("dashboard-error").textContent = message("workshopDashboardFailed", [String(error.message ?? error)]);
      }
    }
    const shared = share_code(scored.tallies, today(), $("granularity").value, nonce, dashboard);
    $("share-code").textContent = shared.code;
    $("share-qr").replaceChildren(...(shared.qr ? [drawing(shared.qr)] : []));
    $("copied").textContent = "";
    showContents(shared);
    document.body.dataset.code = shared.code;
  });
  return making;
}

function saveCode() {
  const code = $("share-code").textContent;
  const url = URL.createObjectURL(new Blob([`${code}\n`], { type: "text/plain" }));
  const link = element("a", { href: url, download: `tacheron-code-${code.slice(0, 4)}.txt` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copyCode() {
  try {
    await navigator.clipboard.writeText($("share-code").textContent);
    $("copied").textContent = message("workshopCopied");
  } catch {
    // Copying needs the page's focus; the code stays selectable on screen.
  }
}

// --- start --------------------------------------------------------------------------------------

async function main() {
  const preset = await managedPreset();
  await init();
  presetPlan = workshop_plan(preset);
  const words = await loadLanguage(presetPlan.language ?? undefined);
  ({ message, locale, language } = words);
  document.documentElement.lang = language;
  translate(document, message);
  document.title = message("workshopTitle");
  $("sight-option").hidden = presetPlan.counts.image + presetPlan.counts.text === 0;
  choosePlan();
  $("without-sight").addEventListener("change", choosePlan);
  card = await fetch(api.runtime.getURL("pages/rate-card.json"))
    .then((response) => response.json())
    .catch(() => null);
  $("start-button").addEventListener("click", start);
  $("task-form").addEventListener("submit", (event) => {
    event.preventDefault();
    record(answer(tasks[current]));
  });
  $("skip").addEventListener("click", () => record({}));
  for (const id of ["add-dashboard", "dashboard-period", "granularity"]) $(id).addEventListener("change", makeCode);
  $("save-code").addEventListener("click", saveCode);
  $("copy-code").addEventListener("click", copyCode);
  $("start-button").disabled = false;
}

main().catch((error) => {
  $("failure").textContent = message("workshopFailed", [String(error.message ?? error)]);
});
