// The toolbar popup: what Tâcheron does on the current tab (which platform's sensor runs there,
// counting on or off), the last observations (platform, kind and outcome only) and diagnostics
// for bug reports. Opened as a page of its own, it describes the most recently used other tab.

const ui = chrome.i18n.getUILanguage();
const message = (key, substitutions) => chrome.i18n.getMessage(key, substitutions) || key;
const integer = new Intl.NumberFormat(ui);
const time = new Intl.DateTimeFormat(ui, { timeStyle: "short" });

for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = message(element.dataset.i18n);
document.documentElement.lang = ui;

async function ask(request) {
  const answer = await chrome.runtime.sendMessage(request);
  if (!answer || answer.type === "error") throw new Error(answer?.message ?? "no answer");
  return answer;
}

/** The tab the user is looking at: the active one, or — when this page is itself a tab — the
 *  most recently used other tab of the window. */
async function currentTab() {
  const tabs = await chrome.tabs.query({ currentWindow: true });
  const self = chrome.runtime.getURL("");
  const others = tabs.filter((tab) => !(tab.url ?? tab.pendingUrl ?? "").startsWith(self));
  return others.find((tab) => tab.active) ?? others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

async function show() {
  const tab = await currentTab();
  const { diagnostics } = await ask({ type: "diagnostics", tab_url: tab?.url ?? null });
  const platform = diagnostics.tab_platform;
  const status = diagnostics.platforms.find((p) => p.platform === platform);
  const name = platform ? message(`platform_${platform}`) : "";
  document.getElementById("tab-status").textContent = !platform
    ? message("tabNotCounted")
    : status.enabled
      ? message("tabCounting", [name])
      : message("tabPaused", [name]);
  const row = document.getElementById("tab-toggle-row");
  row.hidden = !platform;
  if (platform) {
    const box = document.getElementById("tab-platform-enabled");
    box.checked = status.enabled;
    box.onchange = async () => {
      await ask({ type: "set_platform", platform, enabled: box.checked });
      show();
    };
    document.getElementById("tab-platform-label").textContent = message("countOn", [name]);
  }

  const list = document.getElementById("recent");
  list.replaceChildren(
    ...diagnostics.recent.map((entry) => {
      const item = document.createElement("li");
      const what = entry.kinds.length
        ? [...new Set(entry.kinds)].map((kind) => message(`kind_${kind}`)).join(", ")
        : message(`outcome_${entry.outcome}`);
      item.textContent = `${time.format(entry.at_ms)} · ${message(`platform_${entry.platform}`)} · ${what}`;
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

show().catch((error) => {
  document.getElementById("tab-status").textContent = message("loadFailed", [String(error.message ?? error)]);
});
