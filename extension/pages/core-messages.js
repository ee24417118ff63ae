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

/**
 * Sends `message` to the worker; resolves to the core's answer. A page the worker controls (in
 * Chromium, every extension page) asks as its client, with a MessageChannel for the answer, which
 * then comes straight back rather than through the browser; elsewhere (Firefox's background
 * page) it is an extension message, answered as JSON text (one string crosses Firefox's messaging
 * far faster than the same answer as a tree of values; background.js).
 */
export function send(message) {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) {
    return chrome.runtime
      .sendMessage({ answer_as_text: message })
      .then((text) => (typeof text === "string" ? JSON.parse(text) : text));
  }
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

/** Asks the core; resolves to its answer, or throws with the core's own message. */
export async function ask(type, fields = {}) {
  const answer = await send({ type, ...fields });
  if (!answer || answer.type !== (ANSWERS[type] ?? type)) throw new Error(answer?.message ?? "no answer");
  return answer;
}

/** What went wrong, as text. */
export const errorText = (error) => String(error?.message ?? error);
