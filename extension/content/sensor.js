// Tâcheron content sensor: a thin, generic observer that runs at document_start on the platform
// pages named in the core's rule table. The build puts this platform's rules in
// `globalThis.tacheronRules` (content/rules/<platform>.js, loaded just before this file).
//
// What it does, and nothing more:
// - listens on `window` in the capture phase (before the page can stop events), and only to
//   trusted input (`event.isTrusted`): a page's own script cannot make it count;
// - finds the control on the event's composed path (so open shadow roots work too);
// - toggles (like, vote): confirms that the state of that same element flipped after the click
//   (or after a keyboard shortcut on the focused item), then reports { before, after };
// - presses (a repost's confirm item, a report's submit button): reports the press;
// - composers: at submit (a click on the send button, Ctrl/Cmd+Enter, or Enter alone where the
//   platform sends on it), hands the editor's text to the service worker, which counts its
//   hashtags and drops it; reports how long the person spent composing;
// - uploads: reports the media types of files chosen, dropped or pasted.
// It sends no URL, no identifier from the page and keeps nothing; nothing is counted on a page
// that shows the logged-out markers.

(() => {
  "use strict";

  const rules = globalThis.tacheronRules;
  if (!rules || !Array.isArray(rules.toggles)) return;

  /** How long after a trusted press (or a click with no press) a state flip still counts as its result. */
  const CONFIRM_WITHIN_MS = 3000;
  /** How long a submitted composer has to clear or close before the post is taken as sent. */
  const POST_CONFIRM_WITHIN_MS = 5000;

  // Whether the page shows it is logged out. Finding out searches the whole document (about
  // 0.1 ms on a long feed), so it is done when the browser is idle: after load, and again after
  // each act; an act reads the last answer.
  let loggedOutValue = null;
  let loggedOutCheckedAt = -Infinity;
  const checkLoggedOut = () => {
    loggedOutValue = rules.logged_out.some((selector) => document.querySelector(selector));
    loggedOutCheckedAt = performance.now();
  };
  const whenIdle = globalThis.requestIdleCallback ?? ((callback) => setTimeout(callback, 50));
  let recheckPending = false;
  const recheckWhenIdle = () => {
    if (recheckPending) return;
    recheckPending = true;
    whenIdle(() => {
      recheckPending = false;
      checkLoggedOut();
    });
  };
  document.addEventListener("DOMContentLoaded", recheckWhenIdle, { once: true });
  const loggedOut = () => {
    if (loggedOutValue === null) checkLoggedOut();
    else if (performance.now() - loggedOutCheckedAt > 2000) recheckWhenIdle();
    return loggedOutValue;
  };

  // The rules of each list as one selector, for `closest`; and one selector for everything a
  // click can hit, so that most clicks cost a single `closest`.
  const toggleSelector = rules.toggles.map((rule) => rule.selector).join(", ");
  const pressSelector = rules.presses.map((rule) => rule.selector).join(", ");
  const submitSelector = rules.composers.map((rule) => rule.submit).join(", ");
  const clickable = [toggleSelector, pressSelector, submitSelector].filter(Boolean).join(", ");

  // Reports leave in a task of their own, right after the act's event has been dispatched, so
  // that the page's interaction is not slowed by the message (measured: sending inside the
  // dispatch made a like's click about 1.3x slower). A report still waiting when the page goes
  // away (the tab closed or navigated right after the act) leaves at once from `pagehide`.
  const outbox = [];
  let flushTimer = 0;
  function flush() {
    clearTimeout(flushTimer);
    flushTimer = 0;
    for (const observation of outbox.splice(0)) {
      chrome.runtime.sendMessage({ type: "observe", observation }).catch(() => {
        // The extension was reloaded or removed while the page stayed open: nothing to do.
      });
    }
  }
  function report(observation) {
    outbox.push(observation);
    if (!flushTimer) flushTimer = setTimeout(flush, 0);
  }
  /** The page is going away: the acts not yet looked at again are settled, and all reports leave. */
  function leaving() {
    afterDispatch();
    flush();
  }
  window.addEventListener("pagehide", leaving, { capture: true });
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && leaving(), {
    capture: true,
  });

  /** The first element on the event's composed path that matches `selector`. */
  function onPath(event, selector) {
    for (const node of event.composedPath()) {
      if (node instanceof Element && node.matches(selector)) return node;
    }
    return null;
  }

  function firstRuleOnPath(path, list, selectorOf) {
    for (const node of path) {
      if (!(node instanceof Element)) continue;
      for (const rule of list) if (node.matches(selectorOf(rule))) return { element: node, rule };
    }
    return null;
  }

  // --- toggles ---------------------------------------------------------------------------------

  /** A reader of a toggle's state (true when on, false when off, null when unreadable), made once
   *  per rule: the click's listener reads the state before the page changes it. */
  function stateReader(state) {
    const [match, expected] = Object.entries(state.on)[0];
    const holderOf = state.within ? (element) => element.querySelector(state.within) : (element) => element;
    const test =
      match === "has_class"
        ? (holder) => holder.classList.contains(expected)
        : match === "equals"
          ? (holder) => expected.includes(holder.getAttribute(state.attribute) ?? "")
          : match === "starts_with"
            ? (holder) => expected.some((prefix) => (holder.getAttribute(state.attribute) ?? "").startsWith(prefix))
            : match === "not_starts_with"
              ? (holder) => !expected.some((prefix) => (holder.getAttribute(state.attribute) ?? "").startsWith(prefix))
              : () => null;
    return (element) => {
      const holder = holderOf(element);
      return holder ? test(holder) : null;
    };
  }
  const readState = new Map(rules.toggles.map((rule) => [rule, stateReader(rule.state)]));
  const isOn = (element, rule) => readState.get(rule)(element);

  /** A number drawn once per element and mixed with the page's path: it lets the core notice the
   *  same item toggled again, and says nothing about the item. */
  const itemNumbers = new WeakMap();
  function itemNumber(element) {
    if (!itemNumbers.has(element)) itemNumbers.set(element, crypto.getRandomValues(new Uint32Array(1))[0]);
    let hash = 2166136261;
    for (const char of location.pathname + location.search) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    return (itemNumbers.get(element) ^ hash) >>> 0;
  }

  // Confirming a flip costs the page nothing during its interaction: the click's own listener
  // only reads the control's state before the page changes it; the state after is read once the
  // click has been dispatched, before the next frame (a frame callback costs the click's listener
  // less than a timer: 0.05–0.06 ms in all against 0.065–0.07 ms), and a MutationObserver,
  // started then, sees the flips that come later (a page waiting for its server). A tab hidden
  // before that frame settles them as it hides (`leaving`). Measured: an observer callback inside
  // the dispatch made a like's click about 5% slower on the fixture feed.

  /** The controls being watched after an act: element -> { rule, lastState, acts, until, observed }. */
  const watched = new Map();

  /** Reports a flip of a watched control since it was last looked at. Each trusted act on it
   *  allows one flip to be reported, so a double click is two flips, a slow page that flips once
   *  is one flip, and a flip the page makes on its own (clearing a like when the person clicks
   *  dislike) is not the person's act on this control. */
  function settle(element, entry) {
    const state = isOn(element, entry.rule);
    if (state === null || state === entry.lastState) return;
    if (entry.acts > 0) {
      entry.acts -= 1;
      report({
        signal: "toggle",
        control: entry.rule.control,
        before: entry.lastState,
        after: state,
        item: itemNumber(element),
      });
    }
    entry.lastState = state;
  }

  /** The flips of watched controls that the page makes later. One observer serves them all. */
  function onMutations(records) {
    const seen = new Set();
    for (const record of records) {
      for (let node = record.target; node; node = node.parentNode) {
        if (watched.has(node)) {
          seen.add(node);
          break;
        }
      }
    }
    for (const element of seen) settle(element, watched.get(element));
  }
  const observer = new MutationObserver(onMutations);

  const observe = (element, rule) =>
    observer.observe(
      element,
      rule.state.within
        ? { attributes: true, childList: true, subtree: true }
        : { attributes: true, attributeFilter: [rule.state.attribute] },
    );

  // Watches end CONFIRM_WITHIN_MS after the last act on them; one timer sweeps them all.
  let sweepTimer = 0;
  function sweep() {
    sweepTimer = 0;
    const now = performance.now();
    let expired = false;
    onMutations(observer.takeRecords());
    for (const [element, entry] of watched) {
      if (entry.until <= now) {
        settle(element, entry);
        watched.delete(element);
        expired = true;
      }
    }
    if (expired) {
      observer.disconnect();
      for (const [element, entry] of watched) if (entry.observed) observe(element, entry.rule);
    }
    if (watched.size > 0) sweepTimer = setTimeout(sweep, CONFIRM_WITHIN_MS);
  }

  /** Controls acted on during the current dispatch, looked at again before the next frame. */
  const freshlyActed = [];
  function afterDispatch() {
    for (const element of freshlyActed.splice(0)) {
      const entry = watched.get(element);
      if (!entry) continue;
      settle(element, entry);
      if (!entry.observed) {
        entry.observed = true;
        observe(element, entry.rule);
      }
    }
    if (!sweepTimer && watched.size > 0) sweepTimer = setTimeout(sweep, CONFIRM_WITHIN_MS);
  }

  /** The watch on a toggle about to be acted on, taken before the page's own listeners run: made
   *  with the state before the act, or, if there is one, brought up to date (a flip since the last
   *  look answers the earlier act). Null when the state cannot be read. */
  function watchFor(element, rule) {
    let entry = watched.get(element);
    if (entry) {
      settle(element, entry);
    } else {
      const lastState = isOn(element, rule);
      if (lastState === null) return null;
      entry = { rule, lastState, acts: 0, until: 0, observed: false };
      watched.set(element, entry);
    }
    entry.until = performance.now() + CONFIRM_WITHIN_MS;
    return entry;
  }

  /** A trusted act on a watched toggle: it allows one flip, looked for before the next frame (by
   *  a frame callback asked for here, unless one is coming already). */
  function countAct(element, entry, frameComing) {
    entry.acts += 1;
    if (freshlyActed.push(element) === 1 && !frameComing) requestAnimationFrame(afterDispatch);
  }

  /** A trusted act on a toggle that no press has watched. */
  function watch(element, rule) {
    const entry = watchFor(element, rule);
    if (entry) countAct(element, entry, false);
  }

  // --- presses ---------------------------------------------------------------------------------

  function label(element) {
    return (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
  }

  function onPress(element, rule) {
    const text = label(element);
    if (rule.unless_label_starts_with.some((prefix) => text.startsWith(prefix))) return;
    report({ signal: "press", control: rule.control });
  }

  // --- composers -------------------------------------------------------------------------------

  const composingSince = new WeakMap();
  const editorSelector = rules.composers.map((c) => c.editor).join(", ");

  function editorFor(submit, rule) {
    for (let node = submit.parentElement; node; node = node.parentElement) {
      const editor = node.querySelector(rule.editor);
      if (editor) return editor;
    }
    return null;
  }

  // A rich editor's text as shown, its paragraphs as line breaks: a hashtag ends at one.
  const textOf = (editor) =>
    // biome-ignore lint/performance/useDomNodeTextContent: textContent runs paragraphs together
    editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement ? editor.value : editor.innerText;

  // One pending send per editor: a second submit before the box clears (an Enter that picks a
  // suggestion, then the Enter that sends; Enter then the send button) replaces the first, so a
  // post counts once, with the text as last submitted.
  const pendingSends = new WeakMap();
  const MODIFIER_KEYS = new Set(["Shift", "Control", "Alt", "Meta", "CapsLock"]);

  function onSubmit(editor, rule) {
    const text = textOf(editor);
    if (!text.trim()) return;
    const started = composingSince.get(editor);
    const composedMs = started === undefined ? 0 : Math.max(0, Math.round(performance.now() - started));
    const deadline = performance.now() + POST_CONFIRM_WITHIN_MS;
    const pending = pendingSends.get(editor);
    if (pending) {
      Object.assign(pending, { text, composedMs, deadline, rule });
      return;
    }
    // Sent only once the composer clears or closes: a failed or cancelled submit counts nothing.
    const send = { text, composedMs, deadline, rule };
    pendingSends.set(editor, send);
    const check = () => {
      if (pendingSends.get(editor) !== send || sentYet(editor)) return; // typed over, replaced or sent
      if (performance.now() < send.deadline) setTimeout(check, 100);
      else pendingSends.delete(editor);
    };
    setTimeout(check, 0);
  }

  /** Reports the send pending on `editor` once its box has cleared or closed; says whether it did. */
  function sentYet(editor) {
    const send = pendingSends.get(editor);
    if (!send || (editor.isConnected && textOf(editor).trim())) return false;
    pendingSends.delete(editor);
    composingSince.delete(editor);
    report({ signal: "post", control: send.rule.control, text: send.text, composed_ms: send.composedMs });
    return true;
  }

  // --- uploads ---------------------------------------------------------------------------------

  function onFiles(files) {
    if (!files || files.length === 0) return;
    report({ signal: "upload", media_types: Array.from(files, (file) => file.type ?? "") });
  }

  // --- listeners -------------------------------------------------------------------------------

  const isEditable = (node) =>
    node instanceof Element &&
    (node.isContentEditable || node.matches("input, textarea, select, [contenteditable=''], [contenteditable='true']"));

  /** The nearest element from `control` up that matches one of `list`'s rules, with that rule.
   *  In the page's own tree one native `closest` finds it; inside open shadow roots the composed
   *  path (given) is walked element by element. */
  function nearest(control, path, list, selectorOf, combined) {
    if (path) return firstRuleOnPath(path, list, selectorOf);
    const element = combined ? control.closest(combined) : null;
    if (!element) return null;
    const rule = list.find((candidate) => element.matches(selectorOf(candidate)));
    return rule ? { element, rule } : null;
  }

  /** What a press or click on `event`'s target acts on: a toggle, a press rule, a composer's
   *  submit, or nothing. It costs the page one `closest` against one selector when the target is
   *  nothing we look for, which is nearly always. At `window`, an event inside an open shadow root
   *  is retargeted to its host: only then is the composed path read. */
  function actOn(event, composed = event.target.shadowRoot ? event.composedPath() : null) {
    const target = event.target;
    if (!(target instanceof Element)) return null;
    let control = null;
    let path = null;
    if (composed) {
      const hit = composed.findIndex((node) => node instanceof Element && node.matches(clickable));
      if (hit >= 0) [control, path] = [composed[hit], composed.slice(hit)];
    } else {
      control = target.closest(clickable);
    }
    if (!control || loggedOut()) return null;
    const toggle = nearest(control, path, rules.toggles, (rule) => rule.selector, toggleSelector);
    if (toggle) return { toggle };
    const press = nearest(control, path, rules.presses, (rule) => rule.selector, pressSelector);
    if (press) return { press };
    const submit = nearest(control, path, rules.composers, (rule) => rule.submit, submitSelector);
    return submit ? { submit } : null;
  }

  // The search is done as the button goes down, in the time before it comes up, so that the
  // click, whose dispatch gives the page's answer, only counts the act (measured on the fixture
  // feed, each like's button held 50 ms: the sensor's share of the click went from about 0.07 ms
  // to 0.01 ms). On a toggle the watch is taken then, and while the press lasts one frame callback
  // looks each frame: the first frame after the click settles it. A click that no press started
  // on the same element (the keyboard, a press dragged elsewhere) does all of it itself.
  let pressed = null;
  /** The element pressed, seen through open shadow roots (the event's target is their host). */
  const innermost = (event) => (event.target.shadowRoot ? event.composedPath()[0] : event.target);

  /** One look per frame until the press is over (clicked, or another begun) or too long. */
  function lookWhilePressed(press) {
    press.looking = true;
    const look = () => {
      if (pressed === press && performance.now() < press.entry.until) return requestAnimationFrame(look);
      press.looking = false;
      afterDispatch();
    };
    requestAnimationFrame(look);
  }

  window.addEventListener(
    "pointerdown",
    (event) => {
      pressed = null;
      if (!event.isTrusted || event.button !== 0 || !clickable || !(event.target instanceof Element)) return;
      const target = event.target;
      const composed = target.shadowRoot ? event.composedPath() : null; // read once, for both
      const press = {
        target,
        inner: composed ? composed[0] : target,
        act: actOn(event, composed),
        entry: null,
        looking: false,
      };
      if (press.act?.toggle) press.entry = watchFor(press.act.toggle.element, press.act.toggle.rule);
      pressed = press;
      if (press.entry) lookWhilePressed(press);
    },
    { capture: true, passive: true },
  );

  window.addEventListener(
    "click",
    (event) => {
      if (!event.isTrusted || !clickable) return;
      const started = pressed;
      pressed = null;
      const samePress =
        started !== null &&
        event.detail > 0 &&
        started.target === event.target &&
        (started.inner === event.target || started.inner === innermost(event));
      const act = samePress ? started.act : actOn(event);
      if (!act) return;
      if (act.toggle) {
        const { element, rule } = act.toggle;
        // The press took the watch and runs the frame callbacks: only the act is left to count.
        if (!samePress || !started.looking) return watch(element, rule);
        return countAct(element, started.entry, true);
      }
      if (act.press) return onPress(act.press.element, act.press.rule);
      const editor = editorFor(act.submit.element, act.submit.rule);
      if (editor) onSubmit(editor, act.submit.rule);
    },
    { capture: true, passive: true },
  );

  window.addEventListener(
    "keydown",
    (event) => {
      if (!event.isTrusted || loggedOut()) return;
      const target = event.composedPath()[0];
      if (editorSelector) {
        const editor = onPath(event, editorSelector);
        if (editor) {
          // Typing after a submit means the box was not sent (an Enter that picked a suggestion):
          // its emptying later, by erasing, is not a post. Unless it has cleared already: the
          // next comment can start before the check after the send has run.
          if (event.key !== "Enter" && !MODIFIER_KEYS.has(event.key) && pendingSends.has(editor) && !sentYet(editor)) {
            pendingSends.delete(editor);
          }
          if (!composingSince.has(editor)) composingSince.set(editor, performance.now());
          if (event.key === "Enter" && !event.repeat && !event.isComposing && !event.shiftKey && !event.altKey) {
            const rule = rules.composers.find((c) => editor.matches(c.editor));
            // Ctrl/Cmd+Enter sends everywhere; Enter alone only where the platform sends on it
            // (elsewhere it starts a new line). Either way the post counts once the box clears.
            if (rule && (event.ctrlKey || event.metaKey || rule.submit_on_enter)) onSubmit(editor, rule);
          }
          return;
        }
      }
      if (isEditable(target) || event.ctrlKey || event.metaKey || event.altKey) return;
      for (const shortcut of rules.shortcuts) {
        if (event.key !== shortcut.key) continue;
        const item = target instanceof Element ? target.closest(shortcut.item) : null;
        if (!item) continue;
        for (const rule of rules.toggles.filter((t) => t.control === shortcut.control)) {
          const control = item.querySelector(rule.selector);
          if (control) return watch(control, rule);
        }
      }
    },
    { capture: true, passive: true },
  );

  // Files chosen in a file input: `input` rather than `change`, because `input` is composed and
  // so reaches `window` from inputs inside shadow roots too.
  const isFileInput = (node) => node instanceof HTMLInputElement && node.type === "file";
  window.addEventListener(
    "input",
    (event) => {
      const input = event.composedPath()[0];
      if (event.isTrusted && isFileInput(input) && !loggedOut()) onFiles(input.files);
    },
    { capture: true, passive: true },
  );

  // Files dropped. A drop on a file input that the page does not cancel fills the input, which
  // then reports them itself (above): such a drop is counted only if the page cancelled it, which
  // is known once the event has been dispatched.
  window.addEventListener(
    "drop",
    (event) => {
      if (!event.isTrusted || loggedOut()) return;
      const files = event.dataTransfer?.files;
      if (!isFileInput(event.composedPath()[0])) return onFiles(files);
      const kept = files ? Array.from(files) : [];
      setTimeout(() => event.defaultPrevented && onFiles(kept), 0);
    },
    { capture: true, passive: true },
  );

  window.addEventListener(
    "paste",
    (event) => {
      if (event.isTrusted && !loggedOut()) onFiles(event.clipboardData?.files);
    },
    { capture: true, passive: true },
  );
})();
