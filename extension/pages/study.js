// The research-study page: join a study from its manifest (pasted, loaded from a file or fetched
// from an https address the participant types), the consent screen, and for each study decided
// on: where it stands, the report ready for review — the exact text that will be sealed and sent,
// and nothing else — the reports sent, and leaving. Every text of a manifest comes from outside:
// it is only ever set as text, never as markup.

import { api } from "../lib/browser-api.js";
import { ask as askCore } from "../lib/core-client.js";
import { formats } from "./format.js";
import { loadLanguage, translatePage } from "./i18n.js";

const { language, locale, message } = await loadLanguage();
translatePage({ language, message });
document.documentElement.lang = locale;
const format = formats(locale, message);

const $ = (id) => document.getElementById(id);
/** The most a manifest may weigh (the core refuses more too). */
const MANIFEST_MAX_BYTES = 16 * 1024;

/** An element with `text`, attributes and children. */
function element(tag, { text, className, ...attributes } = {}, ...children) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

/** Asks the studies' module; what stops a request is thrown as an Error in the page's words (a
 *  refused manifest names its field). */
async function ask(type, fields) {
  try {
    return await askCore(type, fields);
  } catch (error) {
    const answer = error.answer;
    if (answer?.type === "study_manifest_refused") {
      throw new Error(message("study_refusedField", [answer.field, answer.problem]));
    }
    throw new Error(answer?.message ?? message("study_noAnswer"));
  }
}

function showError(error) {
  const box = $("error");
  box.textContent = String(error?.message ?? error);
  box.hidden = false;
}
const clearError = () => {
  $("error").hidden = true;
};

const periodText = ({ start, end }) => format.dateRange(start, end);
const hostOf = (url) => new URL(url).host;

/** What a study receives, in words: "Reactions and posts on YouTube and X, with their estimated time". */
function whatIsSent(manifest) {
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  // Kinds' names are headings elsewhere ("Reactions"); inside a sentence they read in lower case.
  const kinds = list.format(manifest.fields.kinds.map((kind) => message(`kind_${kind}`).toLocaleLowerCase(locale)));
  const platforms = list.format(manifest.fields.platforms.map((platform) => message(`platform_${platform}`)));
  const lines = [message("study_whatCounts", [kinds, platforms])];
  lines.push(message(manifest.fields.estimated_time ? "study_whatTime" : "study_whatNoTime"));
  lines.push(message(manifest.pseudonymous_id ? "study_whatPseudonym" : "study_whatNoId"));
  lines.push(message("study_whatNever"));
  if (manifest.participants_may_omit) lines.push(message("study_whatOmit"));
  return lines.join("\n");
}

/** The facts of a manifest, for the consent screen and each study's card. */
function facts(manifest) {
  return [
    ["study_who", `${manifest.institution}\n${message("study_contact", [manifest.contact])}`],
    ["study_why", manifest.purpose],
    ["study_ethics", manifest.ethics_approval],
    ["study_what", whatIsSent(manifest)],
    ["study_howOften", message(`study_schedule_${manifest.schedule}`)],
    ["study_when", message("study_dates", [format.longDate(manifest.start), format.longDate(manifest.end)])],
    ["study_where", message("study_whereText", [hostOf(manifest.endpoint)])],
  ];
}

// ---- Joining -------------------------------------------------------------------------------

let offered = null; // { manifest, viewedMs } on the consent screen

$("manifest-file").addEventListener("change", async () => {
  const file = $("manifest-file").files[0];
  if (!file) return;
  if (file.size > MANIFEST_MAX_BYTES) {
    showError(message("study_tooLarge"));
    return;
  }
  $("manifest-text").value = await file.text();
});

/** The manifest's text: pasted or loaded, else fetched from the address given. */
async function manifestText() {
  const pasted = $("manifest-text").value.trim();
  if (pasted) return pasted;
  const address = $("manifest-url").value.trim();
  if (!address) throw new Error(message("study_nothingGiven"));
  let url;
  try {
    url = new URL(address);
  } catch {
    throw new Error(message("study_urlNotHttps"));
  }
  if (url.protocol !== "https:") throw new Error(message("study_urlNotHttps"));
  let response;
  try {
    response = await fetch(url, { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" });
  } catch {
    throw new Error(message("study_fetchFailed", [url.host]));
  }
  if (!response.ok) throw new Error(message("study_fetchFailed", [url.host]));
  const text = await response.text();
  if (text.length > MANIFEST_MAX_BYTES) throw new Error(message("study_tooLarge"));
  $("manifest-text").value = text;
  return text;
}

$("manifest-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearError();
  try {
    const text = await manifestText();
    if (new TextEncoder().encode(text).length > MANIFEST_MAX_BYTES) throw new Error(message("study_tooLarge"));
    let manifest;
    try {
      manifest = JSON.parse(text);
    } catch {
      throw new Error(message("study_notJson"));
    }
    let checked;
    try {
      checked = await ask("study_check", { manifest });
    } catch (error) {
      throw new Error(message("study_refused", [error.message]));
    }
    showConsent(manifest, checked);
  } catch (error) {
    showError(error);
  }
});

function showConsent(manifest, checked) {
  offered = { manifest, viewedMs: Date.now() };
  $("consent-heading").textContent = manifest.title;
  const [who, why, ethics, what, often, when, where] = facts(manifest).map(([, text]) => text);
  $("consent-who").textContent = who;
  $("consent-why").textContent = why;
  $("consent-ethics").textContent = ethics;
  $("consent-what").textContent = what;
  $("consent-often").textContent = often;
  $("consent-when").textContent = when;
  $("consent-where").textContent = where;
  const again = $("consent-again");
  const previous = checked.previous;
  again.hidden = !(previous && previous.manifest_version !== manifest.version && previous.decision === "accepted");
  if (!again.hidden)
    again.textContent = message("study_newVersion", [String(previous.manifest_version), String(manifest.version)]);
  $("consent-permission").textContent = message("study_permissionNote", [hostOf(manifest.endpoint)]);
  $("consent").hidden = false;
  $("consent").focus();
}

async function decide(decision) {
  if (!offered) return;
  clearError();
  try {
    const answer = await ask("study_join", { manifest: offered.manifest, decision, viewed_ms: offered.viewedMs });
    offered = null;
    $("consent").hidden = true;
    $("manifest-form").reset();
    render(answer);
  } catch (error) {
    showError(message("study_refused", [error.message]));
  }
}

$("accept").addEventListener("click", () => {
  if (!offered) return;
  // The browser asks the participant to let Tâcheron reach the study's inbox, and that address
  // only (an optional permission, never asked at install). Reports go there whatever the answer:
  // the inbox allows extensions to post (CORS), and the participant's consent is what counts.
  const wanted = { origins: [`${new URL(offered.manifest.endpoint).origin}/*`] };
  // Firefox asks, besides, for the data category the manifest declares optional (its built-in
  // data-collection consent); Chromium has no such thing.
  if (globalThis.browser?.runtime?.getBrowserInfo) wanted.data_collection = ["websiteActivity"];
  // A browser that does not know a key of the request throws at once rather than refusing:
  // joining goes on either way.
  try {
    api.permissions.request(wanted).catch(() => false);
  } catch {
    // Nothing was asked; the reports still go to the inbox.
  }
  decide("accepted");
});
$("decline").addEventListener("click", () => decide("declined"));

// ---- The studies decided on ----------------------------------------------------------------

let listed = null; // the last study_list answer

function statusLine(study) {
  const { consent, manifest } = study;
  const when = format.longDate(new Date(consent.decided_ms).toLocaleDateString("sv"));
  if (consent.decision === "withdrawn") return message("study_statusLeft", [when]);
  if (consent.decision === "declined") return message("study_statusDeclined", [String(consent.manifest_version), when]);
  if (consent.manifest_version !== manifest.version) return message("study_statusOldVersion");
  return message("study_statusTakingPart", [format.longDate(study.joined), String(manifest.version)]);
}

/** The readable twin of a report's canonical text: one row per total. */
function reportTable(report) {
  const head = element(
    "tr",
    {},
    element("th", { scope: "col", text: message("study_columnPlatform") }),
    element("th", { scope: "col", text: message("study_columnKind") }),
    element("th", { scope: "col", text: message("study_columnCount") }),
    element("th", { scope: "col", text: message("study_columnTime") }),
  );
  const rows = report.rows.map((row) =>
    element(
      "tr",
      {},
      element("td", { text: message(`platform_${row.platform}`) }),
      element("td", { text: message(`kind_${row.kind}`) }),
      element("td", { className: "number", text: format.integer(row.count) }),
      element("td", { className: "number", text: row.seconds === null ? "—" : format.duration(row.seconds) }),
    ),
  );
  return element("table", {}, element("thead", {}, head), element("tbody", {}, ...rows));
}

/** What the participant leaves out, from the review's check boxes. */
function withheldOf(card) {
  const checked = (name) => [...card.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
  return {
    kinds: checked("omit-kind"),
    platforms: checked("omit-platform"),
    estimated_time: checked("omit-time").length > 0,
  };
}

function omissions(study, card) {
  const { manifest, draft } = study;
  const withheld = draft?.withheld ?? { kinds: [], platforms: [], estimated_time: false };
  const box = (name, value, label, checked) => {
    const input = element("input", { type: "checkbox", name, value });
    input.checked = checked;
    input.addEventListener("change", () => preview(study.manifest.id, withheldOf(card)));
    return element("label", {}, input, label);
  };
  return element(
    "fieldset",
    {},
    element("legend", { text: message("study_omitLegend") }),
    ...manifest.fields.kinds.map((kind) =>
      box("omit-kind", kind, message(`kind_${kind}`), withheld.kinds.includes(kind)),
    ),
    ...manifest.fields.platforms.map((platform) =>
      box("omit-platform", platform, message(`platform_${platform}`), withheld.platforms.includes(platform)),
    ),
    ...(manifest.fields.estimated_time
      ? [box("omit-time", "time", message("study_omitTime"), withheld.estimated_time)]
      : []),
  );
}

/** The review of the next report: the exact text sealed, its table, and the send button. */
function review(study, card) {
  const { draft, manifest } = study;
  const part = element("div", { className: "review" });
  part.append(element("h4", { text: message("study_reviewHeading", [periodText(draft.period)]) }));
  if (manifest.participants_may_omit) part.append(omissions(study, card));
  let report = null;
  try {
    report = JSON.parse(draft.preview);
  } catch {
    // Shown as text only below.
  }
  if (report) part.append(reportTable(report));
  part.append(
    element("p", { className: "note", text: message("study_exactText") }),
    element("pre", { className: "payload", "data-report-id": draft.report_id, text: draft.preview }),
  );
  const send = element("button", { type: "button", className: "send", text: message("study_send") });
  send.addEventListener("click", async () => {
    clearError();
    try {
      render(await ask("study_send", { study: manifest.id, report_id: draft.report_id }));
      announce(message("study_sentAnnounce"));
    } catch (error) {
      showError(error);
    }
  });
  part.append(element("div", { className: "links" }, send));
  return part;
}

async function preview(studyId, withheld) {
  clearError();
  try {
    render(await ask("study_preview", { study: studyId, withheld }), studyId);
  } catch (error) {
    showError(error);
  }
}

function deliveryText(sent) {
  const state = sent.delivery.state;
  if (state === "refused") return message(`study_delivery_refused_${sent.delivery.refusal.replaceAll("-", "_")}`);
  return message(`study_delivery_${state}`);
}

function history(study) {
  const items = [...study.sent]
    .reverse()
    .map((sent) =>
      element(
        "li",
        {},
        `${periodText(sent.period)} — ${deliveryText(sent)} — ${message("study_reportId")} `,
        element("code", { text: sent.report_id }),
      ),
    );
  return element(
    "details",
    { "data-part": "history" },
    element("summary", { text: message("study_historyHeading", [String(study.sent.length)]) }),
    element("ul", { className: "history" }, ...items),
  );
}

function deletionNote(study) {
  const ids = study.consent.participant_id ? message("study_deletionWithId", [study.consent.participant_id]) : "";
  return element("p", {
    className: "notice",
    text: `${message("study_deletion", [study.manifest.contact])} ${ids}`.trim(),
  });
}

function leaveControls(study) {
  const part = element("div", { className: "links" });
  const leave = element("button", { type: "button", className: "secondary", text: message("study_leave") });
  leave.addEventListener("click", () => {
    const confirm = element("button", {
      type: "button",
      className: "confirm-leave",
      text: message("study_leaveConfirm"),
    });
    const keep = element("button", { type: "button", className: "secondary", text: message("study_leaveCancel") });
    const question = element("p", { role: "alert", text: message("study_leaveQuestion", [study.manifest.title]) });
    part.replaceChildren(question, confirm, keep);
    keep.addEventListener("click", () => part.replaceWith(leaveControls(study)));
    confirm.addEventListener("click", async () => {
      clearError();
      try {
        render(await ask("study_leave", { study: study.manifest.id }));
        announce(message("study_leftAnnounce", [study.manifest.title]));
      } catch (error) {
        showError(error);
      }
    });
    confirm.focus();
  });
  part.append(leave);
  return part;
}

function studyCard(study, nextAttemptMs) {
  const { manifest, consent } = study;
  const card = element("article", { className: "study", "data-study": manifest.id });
  card.append(element("h3", { text: manifest.title }), element("p", { className: "status", text: statusLine(study) }));
  if (consent.participant_id) {
    card.append(
      element("p", {}, `${message("study_participantId")} `, element("code", { text: consent.participant_id })),
    );
  }
  const details = element(
    "details",
    { "data-part": "facts" },
    element("summary", { text: message("study_detailsSummary") }),
  );
  const list = element("dl", { className: "facts" });
  for (const [name, text] of facts(manifest))
    list.append(element("dt", { text: message(name) }), element("dd", { text }));
  details.append(list);
  card.append(details);
  const takingPart = consent.decision === "accepted" && consent.manifest_version === manifest.version;
  if (takingPart && study.draft) {
    card.append(review(study, card));
  } else if (takingPart && study.due.length > 0) {
    const next = study.due[0];
    const button = element("button", {
      type: "button",
      className: "review-button",
      text: message("study_reviewButton", [periodText(next)]),
    });
    button.addEventListener("click", () => preview(manifest.id, { kinds: [], platforms: [], estimated_time: false }));
    card.append(
      element("p", { text: format.plural("study_due", study.due.length) }),
      element("div", { className: "links" }, button),
    );
  } else if (takingPart) {
    card.append(element("p", { className: "note", text: message("study_nothingDue") }));
  }
  if (study.waiting > 0) {
    const when = typeof nextAttemptMs === "number" ? format.instant(nextAttemptMs) : "";
    card.append(element("p", { className: "waiting", text: format.plural("study_waiting", study.waiting, [when]) }));
  }
  if (study.inbox_unknown_study)
    card.append(element("p", { className: "notice", text: message("study_unknownAtInbox") }));
  if (study.sent.length > 0) card.append(history(study));
  if (consent.decision === "withdrawn") card.append(deletionNote(study));
  if (takingPart) card.append(leaveControls(study));
  return card;
}

function announce(text) {
  const live =
    $("announce") ?? document.body.appendChild(element("p", { id: "announce", role: "status", className: "note" }));
  live.textContent = text;
}

/** Shows a study_list answer; `focusStudy` keeps the keyboard on that study's card. */
function render(answer, focusStudy) {
  listed = answer;
  // What the participant opened stays open when the list is drawn again.
  const opened = new Set(
    [...$("study-list").querySelectorAll("details[open]")].map(
      (details) => `${details.closest("[data-study]").dataset.study} ${details.dataset.part}`,
    ),
  );
  const cards = answer.studies.map((study) => studyCard(study, answer.next_attempt_ms));
  for (const card of cards) {
    for (const details of card.querySelectorAll("details"))
      details.open = opened.has(`${card.dataset.study} ${details.dataset.part}`);
  }
  $("study-list").replaceChildren(...cards);
  $("joined").hidden = cards.length === 0;
  const card = focusStudy && $("study-list").querySelector(`[data-study="${CSS.escape(focusStudy)}"] .review`);
  card?.querySelector("pre")?.scrollIntoView({ block: "nearest" });
}

ask("study_list").then(render, showError);

// The queue moves in the worker (a report delivered, a retry scheduled): the page follows.
api.storage.onChanged.addListener((_changes, area) => {
  if (area === "local" && listed)
    ask("study_list").then((answer) => {
      // Only a list that changed is drawn again, and a review in progress is not swept away
      // while the participant reads it.
      if (JSON.stringify(answer) === JSON.stringify(listed)) return;
      if (!document.querySelector(".review input:focus")) render(answer);
    }, showError);
});
