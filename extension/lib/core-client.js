// The pages' one client for the core: a request goes out, and its answer — or a CoreError — comes
// back. Every page asks through `ask`; how the question travels stays in here.
//
// - In Chromium, the extension's pages are clients of its service worker: a question is posted to
//   the worker with a MessageChannel port, and the answer comes straight back through it, not
//   through the browser's busiest thread a second time as an extension message's answer does.
// - Elsewhere (Firefox's background is a page, with no worker to ask) it is an extension message.
//
// Either way the worker answers with JSON text (background.js), parsed once, here: one string
// crosses a browser's messaging at once, where a tree of values is copied value by value (the
// dashboard's 12-month overview is 85 KB).

import { api } from "./browser-api.js";
import { REQUESTS, STUDY_REQUESTS } from "./names.js";

/** The answer each request expects, the core's and the studies' (generated from the core). */
const EXPECTED = { ...REQUESTS, ...STUDY_REQUESTS };

/** What stopped a request: the core's answer when it gave one (`error`, `import_refused`,
 *  `study_manifest_refused`…), in `answer`, with its `type`; `no_answer` when none came. */
export class CoreError extends Error {
  constructor(answer, fallback = "no answer") {
    super(answer?.message ?? fallback);
    this.name = "CoreError";
    this.answer = answer ?? null;
    this.type = answer?.type ?? "no_answer";
  }
}

/** The message to the worker; resolves to the answer's JSON text. */
function exchange(message) {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return api.runtime.sendMessage(message);
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

/** Asks the core (`type`, a request of lib/names.js, with its fields); resolves to the answer of
 *  the type the request expects, or throws a CoreError. */
export async function ask(type, fields = {}) {
  const expected = EXPECTED[type];
  if (!expected) throw new CoreError(null, `no request "${type}"`);
  let text;
  try {
    text = await exchange({ type, ...fields });
  } catch (error) {
    throw new CoreError(null, String(error?.message ?? error));
  }
  const answer = typeof text === "string" ? JSON.parse(text) : null;
  if (answer?.type !== expected) throw new CoreError(answer);
  return answer;
}

/** What went wrong, as text. */
export const errorText = (error) => String(error?.message ?? error);
