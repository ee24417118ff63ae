// The welcome page, opened once when Tâcheron is installed: what it counts, what it never keeps,
// how to pause it and where the dashboard is, in the language the user chose or the browser's.

import { ask } from "../lib/core-client.js";
import { SENSED_PLATFORMS } from "../lib/names.js";
import { loadLanguage, translatePage } from "./i18n.js";

// One question for the settings: the page's language and the badge's switch both follow them.
const asked = ask("settings");
const { language, locale, message } = await loadLanguage(undefined, asked);
translatePage({ language, message });
document.documentElement.lang = locale;

const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
document.getElementById("counts-where").textContent = message("onboarding_countsWhere", [
  list.format(SENSED_PLATFORMS.map((platform) => message(`platform_${platform}`))),
]);

function showError(error) {
  const box = document.getElementById("error");
  box.textContent = message("loadFailed", [String(error?.message ?? error)]);
  box.hidden = false;
}

// The toolbar badge, off unless the user wants it.
const badge = document.getElementById("badge");
asked
  .then(({ settings }) => {
    badge.checked = Boolean(settings.preferences?.badge);
    badge.addEventListener("change", async () => {
      try {
        const { settings } = await ask("settings");
        await ask("set_preferences", { preferences: { ...settings.preferences, badge: badge.checked } });
      } catch (error) {
        showError(error);
      }
    });
  })
  .catch(showError);
