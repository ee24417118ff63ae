// The class page: the teacher pastes or types the students' share codes (or loads the files they
// saved) and gets the class totals — per workshop task the class total and the smallest, median
// and largest per student, the value at piece rates, and the real dashboard totals some students
// chose to share. Duplicates count once (the same code, or the same student's result made again
// with other options); a refused code is named with the reason. A projector
// mode (large type, high contrast) and a French/English switch are for showing it to the class.
//
// Reading and adding up the codes is the core's (crates/classroom/src/class.rs, through the classroom
// WebAssembly module); this page only shows the report.

import init, { class_report } from "../pkg/tacheron_classroom.js";
import { clockDuration, moneyRange } from "./classroom-format.js";
import { loadLanguage, translate } from "./i18n.js";

const $ = (id) => document.getElementById(id);
let message = (key) => key;
let locale = "en";
let language = "en";
let report = null;

const whole = (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
const median = (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);

const duration = (seconds) => clockDuration(locale, seconds);
const range = (r, currency) => moneyRange(locale, message, r, currency);

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function row(cells, header) {
  const tr = element("tr", {}, element("th", { scope: "row", textContent: header }));
  for (const text of cells) tr.append(element("td", { className: "number", textContent: text }));
  return tr;
}

/** The start of a code, enough to find it in the list. */
const short = (code) => (code.length > 16 ? `${code.slice(0, 14)}…` : code);

function problem(entry) {
  const { number, code, status } = entry;
  if (status.status === "duplicate") {
    return message(status.exact ? "classDuplicate" : "classSameResult", [
      String(number),
      short(code),
      String(status.of),
    ]);
  }
  const error = status.error;
  const details =
    error.reason === "character"
      ? [error.character, String(error.position)]
      : error.reason === "version"
        ? [String(error.version)]
        : [];
  return message("classRejected", [String(number), short(code), message(`codeError_${error.reason}`, details)]);
}

function show() {
  if (!report) return;
  const results = report.results;
  const currency = results.currency;
  const students =
    report.students === 1 ? message("classStudentsOne") : message("classStudents", [whole(report.students)]);
  $("students").textContent = report.students ? students : message("classEmpty");
  $("sessions").textContent = report.sessions.length ? message("classSessions", [report.sessions.join(", ")]) : "";
  const problems = report.entries.filter((entry) => entry.status.status !== "accepted");
  $("problems").hidden = problems.length === 0;
  $("problem-list").replaceChildren(
    ...problems.map((entry) => {
      const item = element("li", { textContent: problem(entry) });
      item.dataset.number = String(entry.number);
      item.dataset.status = entry.status.status;
      return item;
    }),
  );
  $("figures").hidden = report.students === 0;
  $("tasks").tBodies[0].replaceChildren(
    ...report.tasks.map((task) =>
      row(
        [
          whole(task.done.total),
          whole(task.done.min),
          median(task.done.median),
          whole(task.done.max),
          duration(task.seconds.total),
        ],
        message(`task_${task.kind}`),
      ),
    ),
  );
  $("class-pay").textContent = message("classPay", [
    whole(results.done),
    whole(results.accepted),
    duration(results.seconds),
    range(results.piece_value, currency),
  ]);
  $("class-hourly").textContent = results.hourly ? message("classHourly", [range(results.hourly, currency)]) : "";
  const shared = report.shared;
  $("shared").hidden = !shared;
  if (shared) {
    const periods = shared.spans.map((span) => message(`span_${span}`)).join(", ");
    $("shared-intro").textContent =
      shared.students === 1
        ? message("classSharedIntroOne", [periods])
        : message("classSharedIntro", [whole(shared.students), periods]);
    $("shared-table").tBodies[0].replaceChildren(
      ...shared.kinds.map((kind) =>
        row(
          [whole(kind.count.total), whole(kind.count.min), median(kind.count.median), whole(kind.count.max)],
          message(`kind_${kind.kind}`),
        ),
      ),
    );
    $("shared-time").textContent = message("classSharedTime", [duration(shared.seconds.total)]);
  }
}

function read() {
  report = class_report($("codes").value, language);
  show();
}

async function loadFiles(files) {
  const texts = await Promise.all([...files].map((file) => file.text()));
  const current = $("codes").value.trim();
  $("codes").value = [current, ...texts.map((text) => text.trim())].filter(Boolean).join("\n");
  read();
}

async function setLanguage(chosen) {
  ({ message, locale, language } = await loadLanguage(chosen));
  document.documentElement.lang = language;
  translate(document, message);
  document.title = message("classTitle");
  for (const button of document.querySelectorAll("[data-language]")) {
    button.setAttribute("aria-pressed", String(button.dataset.language === language));
  }
  // Money follows the language (euros in French, dollars in English), so the report is read again.
  if (report) read();
}

async function main() {
  await init();
  await setLanguage(undefined);
  $("read").addEventListener("click", read);
  $("files").addEventListener("change", (event) => loadFiles(event.target.files));
  for (const button of document.querySelectorAll("[data-language]")) {
    button.addEventListener("click", () => setLanguage(button.dataset.language));
  }
  $("projector").addEventListener("click", () => {
    const on = document.documentElement.classList.toggle("projector");
    $("projector").setAttribute("aria-pressed", String(on));
  });
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  $("failure").textContent = String(error.message ?? error);
});
