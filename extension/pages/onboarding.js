// The welcome page, opened once when Tâcheron is installed: what it counts, what it never keeps,
// how to pause it and where the dashboard is, in the language the user chose or the browser's.

import { loadLanguage, translatePage } from "./i18n.js";

const { language, locale, message } = await loadLanguage();
translatePage({ language, message });
document.documentElement.lang = locale;

const PLATFORMS = [
  "youtube",
  "x",
  "facebook",
  "instagram",
  "tiktok",
  "reddit",
  "linkedin",
  "mastodon",
  "bluesky",
  "pinterest",
];
const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
document.getElementById("counts-where").textContent = message("onboarding_countsWhere", [
  list.format(PLATFORMS.map((platform) => message(`platform_${platform}`))),
]);

async function ask(request) {
  const answer = await chrome.runtime.sendMessage(request);
  if (answer?.type !== "settings") throw new Error(answer?.message ?? "no answer");
  return answer.settings;
}

function showError(error) {
  const box = document.getElementById("error");
  box.textContent = message("loadFailed", [String(error?.message ?? error)]);
  box.hidden = false;
}

// The toolbar badge, off unless the user wants it.
const badge = document.getElementById("badge");
ask({ type: "settings" })
  .then((settings) => {
    badge.checked = Boolean(settings.preferences?.badge);
    badge.addEventListener("change", async () => {
      try {
        const { preferences } = await ask({ type: "settings" });
        await ask({ type: "set_preferences", preferences: { ...preferences, badge: badge.checked } });
      } catch (error) {
        showError(error);
      }
    });
  })
  .catch(showError);
