// Messages to the core in the service worker (src/protocol.rs): `{ type, ...fields }`, the type
// first, as the core reads it.

/** The answer each request expects (the others answer with their own type). */
const ANSWERS = {
  export_csv: "csv",
  import: "imported",
  delete_everything: "deleted",
  set_platform: "settings",
  set_valuation: "settings",
  add_mastodon_server: "settings",
  remove_mastodon_server: "settings",
  pause: "settings",
  resume: "settings",
  set_preferences: "settings",
};

/** Asks the core; resolves to its answer, or throws with the core's own message. */
export async function ask(type, fields = {}) {
  const answer = await chrome.runtime.sendMessage({ type, ...fields });
  if (!answer || answer.type !== (ANSWERS[type] ?? type)) throw new Error(answer?.message ?? "no answer");
  return answer;
}

/** What went wrong, as text. */
export const errorText = (error) => String(error?.message ?? error);
