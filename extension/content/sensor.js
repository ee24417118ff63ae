// Tâcheron content sensor: a thin, generic observer that runs at document_start on the platform
// pages named in the core's rule table. The build puts this platform's rules in
// `globalThis.tacheronRules` (content/rules/<platform>.js, loaded just before this file).
//
// What it does, and nothing more:
// - listens for clicks on `window` in the capture phase (before the page can stop them), and
//   only for trusted input (`event.isTrusted`): a page's own script cannot make it count;
// - finds a watched control on the event's composed path (so open shadow roots work too);
// - confirms that the control's state really flipped on that same element within a few seconds,
//   and reports each flip to the service worker as { control, before, after }.
// It reads no text, no URL and no identifier from the page, and keeps nothing.

(() => {
  "use strict";

  const rules = globalThis.tacheronRules;
  if (!rules || !Array.isArray(rules.toggles)) return;

  /** How long after a trusted click a state flip still counts as its result. */
  const CONFIRM_WITHIN_MS = 3000;

  /** The controls being watched after a click: element -> { lastState, clicks, observer, timer }. */
  const watched = new Map();

  const isOn = (element, rule) => element.getAttribute(rule.state_attribute) === rule.on_value;

  function findControl(event) {
    for (const node of event.composedPath()) {
      if (!(node instanceof Element)) continue;
      for (const rule of rules.toggles) {
        if (node.matches(rule.selector)) return { element: node, rule };
      }
    }
    return null;
  }

  function report(observation) {
    chrome.runtime.sendMessage({ type: "observe", observation }).catch(() => {
      // The extension was reloaded or removed while the page stayed open: nothing to do.
    });
  }

  function stopWatching(element) {
    const watch = watched.get(element);
    if (!watch) return;
    watch.observer.disconnect();
    clearTimeout(watch.timer);
    watched.delete(element);
  }

  // One watch per element. Each trusted click on it allows one flip to be reported, so a double
  // click is two flips, a slow page that flips once is one flip, and a flip the page makes on its
  // own (clearing a like when the person clicks dislike) is not the person's click on this control.
  function watch(element, rule) {
    let entry = watched.get(element);
    if (!entry) {
      entry = { lastState: isOn(element, rule), clicks: 0, timer: 0 };
      entry.observer = new MutationObserver(() => {
        const state = isOn(element, rule);
        if (state === entry.lastState) return;
        if (entry.clicks > 0) {
          entry.clicks -= 1;
          report({ signal: "toggle", control: rule.control, before: entry.lastState, after: state });
        }
        entry.lastState = state;
      });
      entry.observer.observe(element, { attributes: true, attributeFilter: [rule.state_attribute] });
      watched.set(element, entry);
    }
    entry.clicks += 1;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => stopWatching(element), CONFIRM_WITHIN_MS);
  }

  window.addEventListener(
    "click",
    (event) => {
      if (!event.isTrusted) return;
      const hit = findControl(event);
      if (hit) watch(hit.element, hit.rule);
    },
    { capture: true, passive: true },
  );
})();
