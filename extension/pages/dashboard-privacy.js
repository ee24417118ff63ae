// The dashboard's privacy controls: pause counting (for an hour, until tomorrow, until resumed)
// and resume, and delete everything after a confirmation.

import { ask, errorText } from "../lib/core-client.js";

const $ = (id) => document.getElementById(id);

/**
 * Wires the pause and delete controls. `afterDelete(days)` is called once everything is deleted.
 * Returns `showPause(paused)`, which shows the pause in force (from the settings).
 */
export function setUpPrivacy({ fmt, message, say, afterDelete }) {
  let timer = 0;

  /** Whether counting is paused now, and the sentence that says until when. */
  function pauseState(paused) {
    if (paused === "until_resumed") return { active: true, text: message("pausedUntilResumed") };
    const until = paused?.until?.epoch_ms;
    if (typeof until === "number" && until > Date.now()) {
      return { active: true, until, text: message("pausedUntil", [fmt.instant(until)]) };
    }
    return { active: false, text: message("countingOn") };
  }

  function showPause(paused) {
    const { active, until, text } = pauseState(paused);
    $("pause-state").textContent = text;
    $("pause-state").className = active ? "paused" : "";
    $("resume").hidden = !active;
    $("pause-banner").hidden = !active;
    $("pause-banner-text").textContent = text;
    clearTimeout(timer);
    // A pause that ends by itself: the page says so when it does.
    if (until) timer = setTimeout(() => showPause(paused), Math.min(until - Date.now() + 50, 2 ** 31 - 1));
  }

  async function pause(untilMs) {
    try {
      const { settings } = await ask("pause", untilMs === undefined ? {} : { until_ms: untilMs });
      showPause(settings.paused);
    } catch (error) {
      say(message("pauseFailed", [errorText(error)]));
    }
  }

  $("pause-hour").addEventListener("click", () => pause(Date.now() + 3_600_000));
  $("pause-tomorrow").addEventListener("click", () => {
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    pause(midnight.getTime());
  });
  $("pause-resumed").addEventListener("click", () => pause());

  async function resume(event) {
    const fromBanner = event.currentTarget.id === "banner-resume";
    try {
      const { settings } = await ask("resume");
      showPause(settings.paused);
      // The button pressed is gone: the focus goes somewhere sensible, not to the page's top.
      if (fromBanner) $("main").focus({ preventScroll: true });
      else $("pause-hour").focus();
    } catch (error) {
      say(message("pauseFailed", [errorText(error)]));
    }
  }
  $("resume").addEventListener("click", resume);
  $("banner-resume").addEventListener("click", resume);

  // Delete everything: a dialog asks first (Cancel has the focus; Escape closes it too).
  const dialog = $("delete-dialog");
  $("delete-dialog-text").textContent = message("deleteConfirmText");
  $("delete-open").addEventListener("click", () => dialog.showModal());
  $("delete-cancel").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => $("delete-open").focus());
  $("delete-confirm").addEventListener("click", async () => {
    try {
      const { days } = await ask("delete_everything");
      dialog.close();
      await afterDelete(days);
    } catch (error) {
      dialog.close();
      say(message("deleteFailed", [errorText(error)]));
    }
  });

  return showPause;
}
