// Tâcheron captcha sensor: runs inside the frames of the captcha providers (reCAPTCHA, hCaptcha,
// Turnstile, Arkose), in every frame of every site (`all_frames`), because that is where a
// captcha widget lives. The build puts the providers' rules in `globalThis.tacheronCaptchaRules`.
//
// It reports events of this frame only — a trusted interaction, a challenge shown, a round, a
// tile, the solved state — and the service worker puts the frames of one widget together. A page
// on another origin that mimics a widget gets no sensor at all: these scripts only run in the
// providers' own frames, and the core checks the frame's URL again.

(() => {
  "use strict";

  const table = globalThis.tacheronCaptchaRules;
  if (!table) return;
  const here = location.href;
  const provider = table.providers.find(
    (p) =>
      location.pathname.startsWith(p.path_prefix) &&
      p.hosts.some((h) => (h.startsWith("*.") ? location.hostname.endsWith(h.slice(1)) : location.hostname === h)),
  );
  const frame = provider?.frames.find((f) => here.includes(f.url_contains));
  if (!frame) return;

  function report(event, challenge) {
    const observation = { signal: "captcha", event };
    if (challenge) observation.challenge = challenge;
    chrome.runtime.sendMessage({ type: "observe", observation }).catch(() => {});
  }

  const onPath = (event, selector) =>
    selector && event.composedPath().some((node) => node instanceof Element && node.matches(selector));

  function onInput(event) {
    if (!event.isTrusted) return;
    if (onPath(event, frame.tile)) return report("tile");
    if (onPath(event, frame.round)) return report("round");
    if (onPath(event, frame.interact)) report("interact");
  }
  window.addEventListener("click", onInput, { capture: true, passive: true });
  window.addEventListener(
    "keydown",
    (event) => {
      // Typing an audio answer, or pressing space on the checkbox, is work on the captcha too.
      if (event.isTrusted && onPath(event, frame.interact)) report("interact");
    },
    { capture: true, passive: true },
  );

  // Challenges shown and the solved state, as the widget renders them.
  const visible = (element) => element.checkVisibility?.() ?? element.getClientRects().length > 0;
  const shown = new Set();
  let solved = false;
  let pending = false;
  function look() {
    pending = false;
    for (const [selector, challenge] of frame.challenges) {
      const element = document.querySelector(selector);
      const isShown = element !== null && visible(element);
      if (isShown && !shown.has(challenge)) report("challenge", challenge);
      if (isShown) shown.add(challenge);
      else shown.delete(challenge);
    }
    if (frame.solved) {
      // Present is enough: an invisible widget's anchor is hidden but still turns to solved.
      const isSolved = document.querySelector(frame.solved) !== null;
      if (isSolved && !solved) report("solved");
      solved = isSolved;
    }
  }
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(look);
  });
  const start = () => {
    observer.observe(document.documentElement, { attributes: true, childList: true, subtree: true });
    look();
  };
  if (document.documentElement) start();
  else document.addEventListener("readystatechange", start, { once: true });
})();
