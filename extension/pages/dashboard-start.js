// The dashboard's first question to the core, asked as soon as the page starts loading. The
// build bundles this file with what it imports into a classic script (tools/build.mjs) at the top
// of the page's head, so it runs before the rest of the page is even read, and the answer is on
// its way (often there) by the time the page's module runs; that module (dashboard.js) takes it
// from `globalThis.tacheronDashboardStart`.
//
// The settings come with the overview: the page's language depends on them.

import { api } from "../lib/browser-api.js";
import { ask } from "../lib/core-client.js";

const NAMED_PERIODS = ["today", "7d", "30d", "12m", "all"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period last chosen in this tab, or 30 days. It is kept in the tab's history entry
 *  (`history.state`), which a reload keeps and which is there at once: the first read of
 *  sessionStorage is a round trip to the browser, and the overview's question waits for it. */
function keptPeriod() {
  const value = history.state?.period;
  if (NAMED_PERIODS.includes(value)) return value;
  if (value && DATE.test(value.from) && DATE.test(value.to)) return { from: value.from, to: value.to };
  return "30d";
}

// The page is drawn once its first figures are in (dashboard.js); should its module fail, it is
// drawn anyway, with whatever it has.
setTimeout(() => document.documentElement.classList.remove("opening"), 2000);

const period = keptPeriod();
// One question for both: each message to the worker is a round trip through the browser, which
// is slowest while a tab opens. The browser's language decides the default valuation (the core's
// rule), whatever language the page speaks. Resolves to the answer, or to the Error that stopped it.
const opening = ask("dashboard", { locale: api.i18n.getUILanguage(), period }).catch((error) => error);
const part = (name, type) =>
  opening.then((answer) => (answer instanceof Error ? answer : { type, [name]: answer[name] }));
globalThis.tacheronDashboardStart = Object.freeze({
  /** The period the page opens on. */
  period,
  /** The settings answer, or the Error that stopped it. */
  settings: part("settings", "settings"),
  /** The first overview answer, or the Error that stopped it. */
  overview: part("overview", "overview"),
});
