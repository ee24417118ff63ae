// The dashboard's first questions to the core, asked as soon as the page starts loading. This is
// a classic script at the top of the page's head, so it runs before the rest of the page is even
// read, and the answers are on their way (often there) by the time the page's module runs; that
// module (dashboard.js) takes them from `globalThis.tacheronDashboardStart`.
//
// The settings come with the overview: the page's language depends on them.

"use strict";

(() => {
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

  /** Sends `message` to the worker: core-messages.js's `send`, which a classic script cannot
   *  import (as the worker's client with a channel for the answer, else as an extension message). */
  function send(message) {
    const worker = navigator.serviceWorker?.controller;
    if (!worker) return chrome.runtime.sendMessage(message);
    return new Promise((resolve, reject) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) => {
        channel.port1.close();
        resolve(data);
      };
      channel.port1.onmessageerror = () => reject(new Error("unreadable answer"));
      worker.postMessage(message, [channel.port2]);
    });
  }

  /** Asks the core (src/protocol.rs); resolves to its answer, or to the Error that stopped it.
   *  The same check as core-messages.js's `ask`. */
  const ask = (type, fields = {}) =>
    send({ type, ...fields })
      .then((answer) => {
        if (!answer || answer.type !== type) throw new Error(answer?.message ?? "no answer");
        return answer;
      })
      .catch((error) => error);

  // The page is drawn once its first figures are in (dashboard.js); should its module fail, it is
  // drawn anyway, with whatever it has.
  setTimeout(() => document.documentElement.classList.remove("opening"), 2000);

  const period = keptPeriod();
  // One question for both: each message to the worker is a round trip through the browser, which
  // is slowest while a tab opens. The browser's language decides the default valuation (the
  // core's rule), whatever language the page speaks.
  const opening = ask("dashboard", { locale: chrome.i18n.getUILanguage(), period });
  const part = (name, type) => opening.then((answer) => (answer instanceof Error ? answer : { type, [name]: answer[name] }));
  globalThis.tacheronDashboardStart = Object.freeze({
    /** The period the page opens on. */
    period,
    /** The settings answer, or the Error that stopped it. */
    settings: part("settings", "settings"),
    /** The first overview answer, or the Error that stopped it. */
    overview: part("overview", "overview"),
  });
})();
