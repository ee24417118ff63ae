// Detection in Firefox: the cases of tests/e2e/cases/ played in Firefox ESR over plain WebDriver
// (tests/e2e/firefox-driver.mjs), with the same checks as in Chromium (detection-check.mjs): the
// steps as a person's input (WebDriver's clicks, keys and file choices are trusted events), then
// the barrier like, then the export must hold exactly the expected records.
//
// A few steps have no WebDriver form and their cases are skipped, with the reason: a frame inside
// a closed shadow root (no selector reaches it), files dropped, an image pasted from the clipboard,
// a file chosen in a shadow root (see UNPLAYABLE).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertDetected, BARRIER, DetectionTable, detectionSuites, filesOnDisk } from "./detection-check.mjs";
import { startFirefox, until } from "./firefox-driver.mjs";
import { decodeDay, startFixtureServer } from "./harness.mjs";

const suites = await detectionSuites();
const table = new DetectionTable();

/** Steps WebDriver cannot make as a person would, and why. */
const UNPLAYABLE = {
  frameUrl: "a frame in a closed shadow root, which no WebDriver selector reaches",
  trustedDrop: "files dropped: WebDriver has no drag and drop of files",
  pasteImage: "an image pasted: WebDriver has no clipboard",
  // Firefox's own file choice fires a composed `input` event (an editor input event, Gecko's
  // WidgetEvent::SetDefaultComposed), which the sensor hears at `window`; WebDriver's fires a
  // plain one, which stays inside the shadow root.
  uploadInShadowRoot:
    "a file chosen in a shadow root: WebDriver's file choice fires an input event that does not leave it",
};
/** A step found unplayable only once the page is there. */
class Unplayable extends Error {}
const unplayable = (c) =>
  c.steps.flatMap((action) =>
    Object.keys(action)
      .filter((name) => name in UNPLAYABLE)
      .map((name) => UNPLAYABLE[name]),
  );

/** WebDriver's codes for the keys the cases press. */
const KEYS = {
  Enter: "\uE007",
  Escape: "\uE00C",
  Backspace: "\uE003",
  Tab: "\uE004",
  Shift: "\uE008",
  Control: "\uE009",
  ControlOrMeta: "\uE009",
};
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** In the page: `find(root, selector)`, the first element that `selector` matches under `root`,
 *  or null, read as Playwright reads the cases' selectors: CSS that reaches into open shadow
 *  roots (a descendant combinator crosses a shadow boundary), `A >> B` (B within A),
 *  `:has-text("…")` at the end, and `text=…` (the innermost element holding the text). */
const FIND = String.raw`
  const everywhere = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const host of root.querySelectorAll("*")) if (host.shadowRoot) found.push(...everywhere(host.shadowRoot, selector));
    return found;
  };
  const compounds = (selector) => {
    const out = [];
    let depth = 0, quote = null, start = 0;
    for (let i = 0; i < selector.length; i += 1) {
      const ch = selector[i];
      if (quote) { if (ch === quote) quote = null; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "[" || ch === "(") depth += 1;
      else if (ch === "]" || ch === ")") depth -= 1;
      else if (ch === " " && depth === 0) { out.push(selector.slice(start, i)); start = i + 1; }
    }
    return [...out, selector.slice(start)].filter(Boolean);
  };
  const matches = (root, selector) => {
    if (selector.startsWith("text=")) {
      const text = selector.slice(5);
      const holding = everywhere(root, "*").filter((el) => el.textContent.includes(text));
      return holding.filter((el) => ![...el.children].some((child) => child.textContent.includes(text)));
    }
    const withText = /^(.*):has-text\("(.*)"\)$/.exec(selector);
    if (withText) return matches(root, withText[1]).filter((el) => el.textContent.includes(withText[2]));
    const chain = selector.indexOf(" >> ");
    if (chain > 0) {
      const inner = selector.slice(chain + 4);
      return matches(root, selector.slice(0, chain)).flatMap((el) => [...(el.shadowRoot ? matches(el.shadowRoot, inner) : []), ...matches(el, inner)]);
    }
    const found = everywhere(root, selector);
    if (found.length > 0) return found;
    const parts = compounds(selector);
    const combinator = (part) => [">", "+", "~"].includes(part);
    for (let i = 1; i < parts.length; i += 1) {
      if (combinator(parts[i - 1]) || combinator(parts[i])) continue;
      const hosts = everywhere(root, parts.slice(0, i).join(" ")).filter((el) => el.shadowRoot);
      const inner = hosts.flatMap((host) => matches(host.shadowRoot, parts.slice(i).join(" ")));
      if (inner.length > 0) return inner;
    }
    return [];
  };
  const find = (root, selector) => matches(root, selector)[0] ?? null;`;

let server;
let firefox;
before(async () => {
  server = await startFixtureServer({ port: 443 });
});
after(async () => {
  await server?.close();
  table.print("Detection table, Firefox");
});

/** The element `selector` finds in the current frame (waiting for it), as a WebDriver id. */
async function element(selector, { visible = true } = {}) {
  const reference = await until(
    () =>
      firefox.run(
        `${FIND} const found = find(document, arguments[0]);
      return found && (!arguments[1] || found.getClientRects().length > 0) ? found : null;`,
        selector,
        visible,
      ),
    (answer) => answer !== null && typeof answer === "object" && ELEMENT in answer,
    `the element ${selector}`,
  );
  return reference[ELEMENT];
}

/** Key presses for a Playwright-style chord ("Control+Enter", "l"). */
function chord(keys) {
  const codes = keys.split("+").map((key) => KEYS[key] ?? key);
  return [
    ...codes.map((value) => ({ type: "keyDown", value })),
    ...codes.reverse().map((value) => ({ type: "keyUp", value })),
  ];
}

const perform = (actions) => firefox.call("POST", "/actions", { actions });
const pointer = (actions) => perform([{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }]);
const onto = (id) => ({ type: "pointerMove", origin: { [ELEMENT]: id }, x: 0, y: 0, duration: 20 });

/** Runs one step of a case in the current frame. */
async function inFrame(action) {
  if (action.waitFor) {
    if (action.state === "attached") return element(action.waitFor, { visible: false });
    return element(action.waitFor);
  }
  if (action.click && action.hold) {
    const id = await element(action.click);
    return pointer([
      onto(id),
      { type: "pointerDown", button: 0 },
      { type: "pause", duration: action.hold },
      { type: "pointerUp", button: 0 },
    ]);
  }
  if (action.click) return firefox.call("POST", `/element/${await element(action.click)}/click`, {});
  if (action.type)
    return firefox.call("POST", `/element/${await element(action.type.selector)}/value`, { text: action.type.text });
  throw new Error(`unknown step in a frame ${JSON.stringify(action)}`);
}

/** Runs one step of a case. */
async function step(action) {
  if (action.frame) {
    const frame = await element(action.frame);
    await firefox.call("POST", "/frame", { id: { [ELEMENT]: frame } });
    try {
      return await inFrame(action);
    } finally {
      await firefox.call("POST", "/frame", { id: null });
    }
  }
  if (action.waitFor || action.click || action.type) return inFrame(action);
  if (action.untrustedClick) return firefox.run(`${FIND} find(document, arguments[0]).click();`, action.untrustedClick);
  if (action.pressAndRelease) {
    const down = await element(action.pressAndRelease.down);
    const up = await element(action.pressAndRelease.up);
    return pointer([onto(down), { type: "pointerDown", button: 0 }, onto(up), { type: "pointerUp", button: 0 }]);
  }
  if (action.focus) return firefox.run(`${FIND} find(document, arguments[0]).focus();`, action.focus);
  if (action.press) return perform([{ type: "key", id: "keyboard", actions: chord(action.press) }]);
  if (action.upload) {
    const input = await element(action.upload.selector, { visible: false });
    const inShadowRoot = await firefox.run("return arguments[0].getRootNode() instanceof ShadowRoot;", {
      [ELEMENT]: input,
    });
    if (inShadowRoot) throw new Unplayable(UNPLAYABLE.uploadInShadowRoot);
    const paths = filesOnDisk(action.upload.files).join("\n");
    return firefox.call("POST", `/element/${input}/value`, { text: paths });
  }
  if (action.drop) {
    return firefox.run(
      `${FIND} const data = new DataTransfer();
      for (const { name, mimeType } of arguments[1]) data.items.add(new File([name], name, { type: mimeType }));
      find(document, arguments[0]).dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true }));`,
      action.drop.selector,
      action.drop.files,
    );
  }
  if (action.untrustedPaste) {
    return firefox.run(
      `${FIND} const data = new DataTransfer();
      data.items.add(new File(["x"], "fake.png", { type: "image/png" }));
      find(document, arguments[0]).dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));`,
      action.untrustedPaste,
    );
  }
  if (action.wait) return new Promise((resolve) => setTimeout(resolve, action.wait));
  if (action.scrollToEnd) return firefox.run("window.scrollTo(0, document.body.scrollHeight);");
  throw new Error(`unknown step ${JSON.stringify(action)}`);
}

for (const suite of suites) {
  describe(`firefox: ${suite.name}`, () => {
    // A browser per file, as in Chromium: the core's per-minute ceiling (guard.rs) would otherwise
    // drop the barrier likes of a whole run's cases.
    before(async () => {
      firefox = await startFirefox();
    });
    after(async () => {
      await firefox?.quit();
    });
    for (const c of suite.cases) {
      const reasons = unplayable(c);
      test(c.name, { skip: reasons.length > 0 ? reasons.join("; ") : false }, async (t) => {
        let passed = false;
        try {
          await firefox.inExtensionPage("return browser.storage.local.clear();");
          server.expect(c.url);
          await firefox.visit(c.url);
          try {
            for (const action of c.steps) await step(action);
          } catch (error) {
            if (!(error instanceof Unplayable)) throw error;
            t.skip(error.message);
            passed = null;
            return;
          }
          server.expect(BARRIER.url);
          await firefox.visit(BARRIER.url);
          await firefox.call("POST", `/element/${await element(BARRIER.like)}/click`, {});
          await until(
            () => firefox.stored(),
            (data) =>
              Object.entries(data).some(
                ([key, text]) => key.startsWith("day:") && decodeDay(text)["youtube/reaction/like"],
              ),
            "the barrier like",
          );
          const answer = await firefox.askCore("export");
          assertDetected(answer.export.records, c);
          passed = true;
        } finally {
          if (passed !== null) table.tally(suite, c, passed);
        }
      });
    }
  });
}

test("firefox: no request left the extension during the detection run", () => {
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
});
