// The dashboard's first questions to the core, asked as soon as the page starts loading. This is
// a classic script at the top of the page's head, so it runs before the rest of the page is even
// read, and the answers are on their way (often there) by the time the page's module runs; that
// module (dashboard.js) takes them from `globalThis.tacheronDashboardStart`.
//
// The settings are asked first: the page's language depends on them, and the words can be put in
// place while the core works out the overview.

"use strict";

(() => {
  const PERIOD_KEY = "tacheron.period";
  const NAMED_PERIODS = ["today", "7d", "30d", "12m", "all"];
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  /** The period last chosen in this tab (kept across reloads), or 30 days. */
  function storedPeriod() {
    try {
      const value = JSON.parse(sessionStorage.getItem(PERIOD_KEY) ?? "null");
      if (NAMED_PERIODS.includes(value)) return value;
      if (value && DATE.test(value.from) && DATE.test(value.to)) return { from: value.from, to: value.to };
    } catch {
      // Nothing kept, or something unreadable: the default will do.
    }
    return "30d";
  }

  /** Asks the core (src/protocol.rs); resolves to its answer, or to the Error that stopped it.
   *  The same check as core-messages.js's `ask`, which a classic script cannot import. */
  const ask = (type, fields = {}) =>
    chrome.runtime
      .sendMessage({ type, ...fields })
      .then((answer) => {
        if (!answer || answer.type !== type) throw new Error(answer?.message ?? "no answer");
        return answer;
      })
      .catch((error) => error);

  const period = storedPeriod();
  globalThis.tacheronDashboardStart = Object.freeze({
    periodKey: PERIOD_KEY,
    /** The period the page opens on. */
    period,
    /** The settings answer, or the Error that stopped it. */
    settings: ask("settings"),
    /** The first overview answer, or the Error that stopped it. The browser's language decides
     *  the default valuation (the core's rule), whatever language the page speaks. */
    overview: ask("overview", { locale: chrome.i18n.getUILanguage(), period }),
  });
})();
