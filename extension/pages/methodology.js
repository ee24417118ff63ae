// The methodology page: every figure of the rate card with its sources, year and reasoning, in
// the language the user chose or the browser's. The card is the build's rate-card.json (written
// by `tacheron rate-card` from rates/rate-card.toml), read from the extension's own files.

import { api } from "../lib/browser-api.js";
import { loadLanguage, translatePage } from "./i18n.js";

const { language, locale: ui, message } = await loadLanguage();
const french = language === "fr";

translatePage({ language, message });
document.documentElement.lang = ui;
document.title = message("methodologyTitle");

const number = (digits) => new Intl.NumberFormat(ui, { maximumSignificantDigits: digits });
const seconds = number(3);
const money = (currency) => new Intl.NumberFormat(ui, { style: "currency", currency, maximumSignificantDigits: 3 });
const spread = (range, format) =>
  message("rangeFormat", [format(range.central), format(range.low), format(range.high)]);

/** The sources (as links to the list below) and the reasoning of one figure. */
function basisCell(row, basis, card) {
  const td = row.insertCell();
  basis.sources.forEach((id, index) => {
    const source = card.sources.find((s) => s.id === id);
    if (index > 0) td.append("; ");
    const link = document.createElement("a");
    link.href = `#source-${id}`;
    link.textContent = source ? shortName(source) : id;
    td.append(link);
  });
  if (basis.assumption) {
    const reasoning = document.createElement("p");
    reasoning.className = "note";
    const label = basis.sources.length ? message("reasoning") : message("assumption");
    reasoning.textContent = `${label} ${french ? basis.assumption.fr : basis.assumption.en}`;
    td.append(reasoning);
  }
}

/** "Searles et al. 2023": the first author and the year. */
function shortName(source) {
  const first = source.citation.split(/[:,]/)[0].trim();
  return `${first.split(" ").slice(0, 3).join(" ")} ${source.year}`;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function show(card) {
  document.getElementById("card-version").textContent = card.version;
  document.getElementById("card-published").textContent = new Date(`${card.published}T12:00:00`).toLocaleDateString(
    ui,
    {
      dateStyle: "long",
    },
  );
  document.getElementById("values-source").textContent = message("valuesSource", [
    card.value_forms.sources
      .map((id) => shortName(card.sources.find((s) => s.id === id) ?? { citation: id, year: "" }))
      .join("; "),
  ]);

  const actions = document.getElementById("action-rates").tBodies[0];
  for (const rate of card.actions) {
    const row = actions.insertRow();
    const name = rate.detail
      ? `${message(`kind_${rate.kind}`)} — ${message(`detail_${rate.detail}`)}`
      : message(`kind_${rate.kind}`);
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = rate.detail ? name : `${name} ${message("generalRate")}`;
    if (!rate.detail) row.id = `kind-${rate.kind}`;
    row.append(th);
    cell(
      row,
      spread(rate.time.seconds, (s) => seconds.format(s)),
      "number",
    );
    const value = cell(row, spread(rate.value.amount, money(rate.value.currency).format), "number");
    value.append(document.createElement("br"), message("yearOf", [String(rate.value.year)]));
    cell(row, rate.values.map((form) => message(`value_${form}`)).join(", "));
    basisCell(row, mergeBases(rate.time.basis, rate.value.basis), card);
  }

  /** A row of the table `id`: a figure's name, its amount and its sources. */
  const figureRow = (id) => (label, amount, basis) => {
    const row = document.getElementById(id).tBodies[0].insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    row.append(th);
    cell(row, amount, "number");
    basisCell(row, basis, card);
  };
  const reference = figureRow("references");
  for (const wage of card.wages) {
    const amount = spread(wage.hourly.amount, money(wage.hourly.currency).format);
    reference(
      `${message(`wageName_${wage.id}`)} (${wage.hourly.year})`,
      message("perHour", [amount]),
      wage.hourly.basis,
    );
  }
  for (const revenue of card.revenue) {
    const platforms = revenue.platforms.map((p) => message(`platform_${p}`)).join(", ");
    reference(
      `${message("revenuePerUser", [platforms])} (${revenue.yearly.year})`,
      message("perYear", [money(revenue.yearly.currency).format(revenue.yearly.amount.central)]),
      revenue.yearly.basis,
    );
  }
  reference(
    message("exchangeRate", [new Date(`${card.exchange.date}T12:00:00`).toLocaleDateString(ui, { dateStyle: "long" })]),
    `1 € = ${number(5).format(card.exchange.usd_per_eur)} $`,
    card.exchange.basis,
  );

  // Cloudflare: average seconds per captcha × users / days between captchas, in human-years a day.
  const cf = card.cloudflare;
  const humanYears = (cf.seconds_per_captcha * cf.users) / cf.days_between_captchas / (365.25 * 24 * 3600);
  document.getElementById("cloudflare").textContent = message("cloudflareFigure", [
    seconds.format(cf.seconds_per_captcha),
    number(2).format(cf.users / 1e9),
    seconds.format(cf.days_between_captchas),
    number(3).format(humanYears),
  ]);

  // The classroom workshop: its own piece rate, and the data sets its tasks feed.
  const classroomRow = figureRow("classroom-figures");
  for (const rate of card.workshop ?? []) {
    classroomRow(
      message(`workshopRate_${rate.task}`),
      spread(rate.value.amount, money(rate.value.currency).format),
      rate.value.basis,
    );
  }
  for (const context of card.context ?? []) {
    classroomRow(
      `${message(`contextName_${context.id}`)} (${context.year})`,
      message("examplesCount", [new Intl.NumberFormat(ui).format(context.examples)]),
      context.basis,
    );
  }

  const list = document.getElementById("source-list");
  for (const source of card.sources) {
    const item = document.createElement("li");
    item.id = `source-${source.id}`;
    item.append(`${source.citation} (${source.year})`);
    if (source.secondary) item.append(` — ${message("secondarySource")}`);
    if (source.url) {
      item.append(" ");
      const link = document.createElement("a");
      link.href = source.url;
      link.rel = "noreferrer";
      link.textContent = new URL(source.url).host;
      item.append(link);
    }
    list.append(item);
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

/** The time's and the value's bases together, without repeating a source. */
function mergeBases(time, value) {
  const sources = [...new Set([...time.sources, ...value.sources])];
  const texts = [time.assumption, value.assumption].filter(Boolean);
  const assumption = texts.length
    ? { en: texts.map((t) => t.en).join(" "), fr: texts.map((t) => t.fr).join(" ") }
    : null;
  return { sources, assumption };
}

fetch(api.runtime.getURL("pages/rate-card.json"))
  .then((response) => response.json())
  .then(show)
  .catch((error) => {
    document.querySelector("main").append(message("loadFailed", [String(error.message ?? error)]));
  });
