// The pages' words in the language the user chose (Settings → language), or the browser's.
//
// chrome.i18n always follows the browser's language, so when the user picks another one the
// page reads that language's messages.json from the extension's own files and fills in the
// placeholders itself, the way chrome.i18n does ($NAME$ → the placeholder's "$1", "$2", …).

import { api } from "../lib/browser-api.js";
import { ask } from "../lib/core-client.js";

const SUPPORTED = ["en", "fr"];

/** Message names allow letters, digits and "_" only: an id's "-" becomes "_". */
const nameOf = (key) => key.replaceAll("-", "_");

/** Stand-ins for the nine values a message can take ($1 … $9): a private-use character that no
 *  message or value contains, and the value's number. */
const MARKERS = Array.from({ length: 9 }, (_, index) => `\uE000${index + 1}`);
const MARKER = /\uE000(\d)/g;

/** A message's values as a list: one value may be given on its own, as chrome.i18n allows. */
const valuesOf = (substitutions) => (Array.isArray(substitutions) ? substitutions : [substitutions]);

function substitute(entry, substitutions = []) {
  const values = valuesOf(substitutions);
  const positional = (text) => text.replace(/\$(\d)/g, (_, n) => String(values[Number(n) - 1] ?? ""));
  return entry.message
    .replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? positional(placeholder.content) : whole;
    })
    .replace(/\$\$/g, "$");
}

/**
 * Loads the messages for the chosen language. Resolves to { language, locale, message }:
 * `language` is "en" or "fr", `locale` the tag for Intl formats and the page's lang attribute,
 * and `message(key, substitutions)` the text (the key itself when a message is missing).
 * `override` ("en" or "fr"), when given, wins over the user's choice (a teacher's preset, the
 * class page's language switch). `settings`, when given, is the core's settings answer (or a
 * promise of it) already asked for, rather than asking again.
 */
export async function loadLanguage(override, settings) {
  const browserLocale = api.i18n.getUILanguage();
  let chosen = SUPPORTED.includes(override) ? override : "auto";
  if (chosen === "auto") {
    try {
      const answer = await (settings ?? ask("settings"));
      chosen = answer?.settings?.preferences?.language ?? "auto";
    } catch {
      // The worker could not answer: the browser's language will do.
    }
  }
  const browserLanguage = browserLocale.split(/[-_]/)[0].toLowerCase();
  if (chosen === "auto" || !SUPPORTED.includes(chosen) || chosen === browserLanguage) {
    // Each message is asked of the browser once (a page asks for the same names and the same
    // "low–high" pattern for every row of its tables). One with substitutions is asked with
    // markers in place of its values, which later calls replace: the browser's placeholders
    // and "$$" are still resolved by the browser.
    const plain = new Map();
    const templates = new Map();
    const once = (cache, key, substitutions) => {
      let text = cache.get(key);
      if (text === undefined) {
        text = api.i18n.getMessage(nameOf(key), substitutions);
        cache.set(key, text);
      }
      return text;
    };
    return {
      language: SUPPORTED.includes(browserLanguage) ? browserLanguage : "en",
      locale: browserLocale,
      message(key, substitutions) {
        if (substitutions === undefined) return once(plain, key) || key;
        const template = once(templates, key, MARKERS);
        if (!template) return key;
        const values = valuesOf(substitutions);
        return template.replace(MARKER, (_, n) => String(values[n - 1] ?? ""));
      },
    };
  }
  const response = await fetch(api.runtime.getURL(`_locales/${chosen}/messages.json`));
  const messages = await response.json();
  return {
    language: chosen,
    locale: chosen,
    message: (key, substitutions) => {
      const entry = messages[nameOf(key)];
      return entry ? substitute(entry, substitutions) : key;
    },
  };
}

/** Puts the page in its language. The build writes the English words into the pages
 *  (tools/build.mjs), so an English page is right already and is left as it is. */
export function translatePage({ language, message }) {
  if (language !== "en") translate(document, message);
}

/** Fills every `[data-i18n]` element under `root` (and the title) with its message. Text already
 *  right (the page's English, in English) is left as it is: replacing it would only make the
 *  browser lay the page out again. */
export function translate(root, message) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    const text = message(element.dataset.i18n);
    if (element.textContent !== text) element.textContent = text;
  }
  for (const element of root.querySelectorAll("[data-i18n-label]")) {
    const label = message(element.dataset.i18nLabel);
    if (element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
  }
}
