// The dashboard (the extension's options page): asks the core for the summary and shows it;
// exports the ledger as JSON. All numbers are formatted for the browser's language.

const ui = chrome.i18n.getUILanguage();
// Message names allow letters, digits and "_" only: an id's "-" becomes "_".
const message = (key, substitutions) => chrome.i18n.getMessage(key.replaceAll("-", "_"), substitutions) || key;

function translatePage() {
  document.documentElement.lang = ui;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = message(element.dataset.i18n);
  }
  document.title = message("dashboardTitle");
}

const integer = new Intl.NumberFormat(ui, { maximumFractionDigits: 0 });
/** Formats amounts in `currency`: cents for sums, more digits for the tiny piece values. */
function money(currency) {
  const small = new Intl.NumberFormat(ui, { style: "currency", currency, maximumSignificantDigits: 2 });
  const usual = new Intl.NumberFormat(ui, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (value) => (value !== 0 && Math.abs(value) < 0.1 ? small : usual).format(value);
}

/** A duration in seconds, in the largest unit that reads well ("2.5 min", "1.2 h"). */
function duration(seconds) {
  const [value, unit] =
    seconds < 60 ? [seconds, "second"] : seconds < 3600 ? [seconds / 60, "minute"] : [seconds / 3600, "hour"];
  return new Intl.NumberFormat(ui, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}

/** "central (low–high)" for a range. */
function range(r, format) {
  return message("rangeFormat", [format(r.central), format(r.low), format(r.high)]);
}

/** A headline figure: the central value large, the range below it. */
function showHeadline(id, r, format) {
  const central = document.createElement("span");
  central.className = "central";
  central.textContent = format(r.central);
  const spread = document.createElement("span");
  spread.className = "range";
  spread.textContent = message("rangeBetween", [format(r.low), format(r.high)]);
  document.getElementById(id).replaceChildren(central, " ", spread);
}

async function ask(type, fields = {}) {
  const answer = await chrome.runtime.sendMessage({ type, ...fields });
  const changesSettings = ["set_platform", "set_valuation", "add_mastodon_server", "remove_mastodon_server"].includes(
    type,
  );
  const expected = changesSettings ? "settings" : type;
  if (!answer || answer.type !== expected) throw new Error(answer?.message ?? "no answer");
  return answer[expected];
}

const PLATFORMS = ["youtube", "x", "facebook", "instagram", "tiktok", "reddit", "linkedin", "mastodon", "bluesky", "pinterest"];

/** The Mastodon servers the user added, each with a button to remove it. */
function showMastodonServers(settings) {
  const list = document.getElementById("mastodon-servers");
  list.replaceChildren(
    ...settings.mastodon_servers.map((host) => {
      const item = document.createElement("li");
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = message("mastodonRemove");
      remove.setAttribute("aria-label", message("mastodonRemoveLabel", [host]));
      remove.addEventListener("click", async () => {
        showMastodonServers(await ask("remove_mastodon_server", { host }));
        await chrome.permissions.remove({ origins: [`https://${host}/*`] });
      });
      item.append(host, " ", remove);
      return item;
    }),
  );
}

document.getElementById("mastodon-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("status");
  const input = document.getElementById("mastodon-host");
  const host = input.value.trim().replace(/^https:\/\//i, "").replace(/\/+$/, "").toLowerCase();
  const origins = [`https://${host}/*`];
  // Only the shape of a host name is checked here, so that the browser is never asked about
  // something that is not one; the core checks the rest once access is granted.
  const parsed = URL.canParse(`https://${host}/`) ? new URL(`https://${host}/`).hostname : "";
  if (!host || parsed !== host) {
    status.textContent = message("mastodonInvalid", [host, message("mastodonNotAName")]);
    return;
  }
  try {
    // The browser asks the person; nothing is counted there unless they allow it.
    if (!(await chrome.permissions.request({ origins }))) {
      status.textContent = message("mastodonRefused", [host]);
      return;
    }
    showMastodonServers(await ask("add_mastodon_server", { host }));
    input.value = "";
  } catch (error) {
    await chrome.permissions.remove({ origins }).catch(() => undefined);
    status.textContent = message("mastodonInvalid", [host, String(error.message ?? error)]);
  }
});

/** One checkbox per platform: unchecked means nothing is counted there. */
async function showPlatforms() {
  const settings = await ask("settings");
  showMastodonServers(settings);
  const fieldset = document.getElementById("platforms");
  fieldset.querySelectorAll("label").forEach((label) => label.remove());
  for (const platform of PLATFORMS) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = platform;
    box.checked = !settings.disabled_platforms.includes(platform);
    box.addEventListener("change", () =>
      ask("set_platform", { platform, enabled: box.checked }).catch((error) => {
        document.getElementById("status").textContent = message("loadFailed", [String(error.message ?? error)]);
      }),
    );
    label.append(box, " ", message(`platform_${platform}`));
    fieldset.append(label);
  }
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

async function showSummary() {
  const status = document.getElementById("status");
  let summary;
  try {
    summary = await ask("summary", { locale: ui });
  } catch (error) {
    status.textContent = message("loadFailed", [String(error.message ?? error)]);
    return;
  }
  const total = summary.total;
  const amount = money(summary.valuation.currency);
  document.getElementById("total-count").textContent = integer.format(total.count);
  showHeadline("total-time", total.seconds, duration);
  document.getElementById("time-split").textContent =
    total.measured > 0
      ? message("timeSplit", [duration(total.measured_seconds), integer.format(total.measured), integer.format(total.count)])
      : message("timeModelled");
  showHeadline("total-value", summary.values.piece, amount);
  showHeadline("wage-value", summary.values.at_wage, amount);
  showHeadline("microwork-value", summary.values.at_microwork, amount);
  const wage = summary.valuation.wage;
  document.getElementById("wage-label").textContent = message(`wageValue_${wage}`);
  document.getElementById("wage-source").textContent = message("wageRate", [amount(summary.hourly_wage.central)]);
  document.getElementById("rate-card").textContent = summary.rate_card;
  document.getElementById("scale").replaceChildren(
    ...summary.scale.map((scale) => {
      const item = document.createElement("li");
      item.textContent = message("scaleLine", [
        message(`platform_${scale.platform}`),
        amount(scale.yearly.central),
        String(scale.year),
      ]);
      return item;
    }),
  );
  showValuation(summary.valuation);

  const table = document.getElementById("details");
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const line of summary.rows) {
    const row = body.insertRow();
    cell(row, message(`platform_${line.platform}`));
    const kind = row.insertCell();
    const link = document.createElement("a");
    link.href = `methodology.html#kind-${line.kind}`;
    link.textContent = message(`kind_${line.kind}`);
    kind.append(link);
    const e = line.estimate;
    cell(row, integer.format(e.count), "number");
    const measured = e.measured === e.count ? message("measuredMark") : e.measured > 0 ? message("partlyMeasuredMark") : "";
    cell(row, `${duration(e.seconds.central)}${measured}`, "number");
    cell(row, range(e.piece_value, amount), "number");
  }
  table.hidden = summary.rows.length === 0;
  document.getElementById("empty").hidden = summary.rows.length > 0;
}

/** The valuation form shows the choice in force. */
function showValuation(valuation) {
  const form = document.getElementById("valuation");
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
  document.getElementById("own-wage-field").hidden = !own;
  const input = document.getElementById("own-hourly");
  input.disabled = !own;
  input.required = own;
}

document.getElementById("valuation").wage.addEventListener("change", (event) => {
  showOwnWageField(event.target.value);
});
document.getElementById("valuation").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const valuation = { currency: form.currency.value, wage: form.wage.value };
  if (valuation.wage === "own") valuation.own_hourly = Number(form.own_hourly.value);
  const status = document.getElementById("status");
  try {
    await ask("set_valuation", { valuation });
    status.textContent = message("valuationSaved");
    document.activeElement?.blur();
    await showSummary();
  } catch (error) {
    status.textContent = message("valuationRefused", [String(error.message ?? error)]);
  }
});

async function exportJson() {
  const status = document.getElementById("status");
  try {
    const data = await ask("export");
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `tacheron-export-${new Date().toLocaleDateString("sv")}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status.textContent = message("exportDone", [integer.format(data.records.length)]);
  } catch (error) {
    status.textContent = message("exportFailed", [String(error.message ?? error)]);
  }
}

translatePage();
document.getElementById("export-json").addEventListener("click", exportJson);
// Live: when a new action is stored, the totals follow.
let pending = 0;
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area !== "local") return;
  clearTimeout(pending);
  pending = setTimeout(showSummary, 100);
});
showSummary();
showPlatforms();
