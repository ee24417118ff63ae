// The dashboard's first questions to the core, asked as soon as the page starts loading: this
// module is loaded `async` from the page's head, so it runs while the rest of the page is still
// being read, and dashboard.js, which needs the words and the figures, takes the answers from it
// (a module runs once: both pages' imports share these two promises).
//
// The settings are asked first: the page's language depends on them, and the words can be put in
// place while the core works out the overview.

import { ask } from "./core-messages.js";

export const PERIOD_KEY = "tacheron.period";
export const NAMED_PERIODS = ["today", "7d", "30d", "12m", "all"];

/** The period last chosen in this tab (kept across reloads), or 30 days. */
export function storedPeriod() {
  try {
    const value = JSON.parse(sessionStorage.getItem(PERIOD_KEY) ?? "null");
    if (NAMED_PERIODS.includes(value)) return value;
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value.from) && /^\d{4}-\d{2}-\d{2}$/.test(value.to)) {
      return { from: value.from, to: value.to };
    }
  } catch {
    // Nothing kept, or something unreadable: the default will do.
  }
  return "30d";
}

/** The period the page opens on. */
export const firstPeriod = storedPeriod();

/** The settings answer, or the Error that stopped it. */
export const firstSettings = ask("settings").catch((error) => error);

/** The first overview answer, or the Error that stopped it. The browser's language decides the
 *  default valuation (the core's rule), whatever language the page speaks. */
export const firstOverview = ask("overview", { locale: chrome.i18n.getUILanguage(), period: firstPeriod }).catch((error) => error);
