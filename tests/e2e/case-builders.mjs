// What the detection cases of tests/e2e/cases/ share: a case's head, the records it expects and
// the steps several platforms take alike. This module stays outside that folder, whose every
// module detection-check.mjs takes for a suite of cases.

/** The kinds a case is filed under in the detection table (its `kind`). */
const KINDS = ["reaction", "unreaction", "repost", "post", "hashtag", "upload", "report", "captcha", "negative"];

/** One builder a kind for the heads of a platform's cases: `instagram.reaction(name, url)` is
 *  `{ name, platform: "instagram", kind: "reaction", url }`, spread into a case before its `steps`
 *  and `expect`. */
export function platformCases(platform) {
  const head = (kind) => (name, url) => ({ name, platform, kind, url });
  return Object.fromEntries(KINDS.map((kind) => [kind, head(kind)]));
}

/** The records a platform's cases expect, by what they count: `like(2)` is
 *  `{ platform, kind: "reaction", detail: "like", count: 2 }`; a post's hashtags have no detail. */
export function platformRecords(platform) {
  return {
    like: (count) => ({ platform, kind: "reaction", detail: "like", count }),
    unlike: (count) => ({ platform, kind: "unreaction", detail: "like", count }),
    repost: (count) => ({ platform, kind: "repost", detail: "repost", count }),
    post: (count) => ({ platform, kind: "post", detail: "post", count }),
    hashtags: (count) => ({ platform, kind: "hashtag", count }),
    upload: (detail, count) => ({ platform, kind: "upload", detail, count }),
    report: (count) => ({ platform, kind: "report", detail: "report", count }),
  };
}

/** The pause that ends most cases' clicks (300 ms). */
export const settle = { wait: 300 };
/** The pause after a send, or after a key that could be taken for one (400 ms). */
export const sent = { wait: 400 };

/** Steps: a click into a text box, then `text` typed into it key by key. */
export const typeInto = (selector, text) => [{ click: selector }, { type: { selector, text } }];

/** Steps: two lines typed into a text box, `newLine` the key that starts the second one there. */
export const typeTwoLines = (selector, first, newLine, second) => [
  ...typeInto(selector, first),
  { press: newLine },
  { type: { selector, text: second } },
];

/** Steps: what the focused box holds erased, as a person would: had the sensor taken the key
 *  before for a send, the box clearing now would make it count. */
export const erase = [{ press: "ControlOrMeta+A" }, { press: "Backspace" }];
