// Detection across platforms, end to end in Chromium: every case in tests/e2e/cases/*.mjs runs
// its steps on fixture pages, then the export must hold exactly the expected records. Each case
// ends with a "barrier": a real like on the YouTube fixture, which proves the sensors and the
// worker were listening, so that a negative case ("counts nothing") cannot pass by accident.
// At the end the suite prints the detection table: platform × kind → cases passed.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertDetected, BARRIER, DetectionTable, detectionSuites, filesOnDisk } from "./detection-check.mjs";
import { launchBrowser, startFixtureServer } from "./harness.mjs";

const suites = await detectionSuites();
const table = new DetectionTable();

/** The centre of the element that `selector` finds on `page`, in the page's coordinates. */
async function centreOf(page, selector) {
  const box = await page.locator(selector).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Runs one step of a case on `page`. */
async function step(page, action) {
  // Inside an iframe: { frame: "iframe selector", click | waitFor | type }.
  if (action.frame) {
    const frame = page.frameLocator(action.frame);
    if (action.click) return frame.locator(action.click).click();
    if (action.waitFor) return frame.locator(action.waitFor).waitFor({ state: action.state ?? "visible" });
    if (action.type) return frame.locator(action.type.selector).pressSequentially(action.type.text);
  }
  // Inside a frame found by its URL (frames in closed shadow roots have no selector):
  // { frameUrl: "part of the URL", click }.
  if (action.frameUrl) {
    const frame = page.frames().find((f) => f.url().includes(action.frameUrl));
    if (!frame) throw new Error(`no frame at ${action.frameUrl}`);
    if (action.click) return frame.click(action.click);
    if (action.waitFor) return frame.locator(action.waitFor).waitFor({ state: action.state ?? "visible" });
  }
  if (action.waitFor) return page.locator(action.waitFor).waitFor();
  // `hold`: how long the mouse button stays down, in ms (none by default).
  if (action.click) return page.click(action.click, { delay: action.hold ?? 0 });
  if (action.untrustedClick) {
    return page.evaluate((selector) => document.querySelector(selector).click(), action.untrustedClick);
  }
  if (action.pressAndRelease) {
    // The mouse button goes down on one element and comes up on another, as when a person
    // changes their mind: the click then goes to an element holding both, if any.
    const { down, up } = action.pressAndRelease;
    const from = await centreOf(page, down);
    const to = await centreOf(page, up);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 4 });
    return page.mouse.up();
  }
  if (action.focus) return page.focus(action.focus);
  if (action.press) return page.keyboard.press(action.press);
  if (action.type) return page.locator(action.type.selector).pressSequentially(action.type.text);
  if (action.upload) {
    // Files on disk, so that Chromium delivers them as a person's choice would (trusted events).
    return page.setInputFiles(action.upload.selector, filesOnDisk(action.upload.files));
  }
  if (action.trustedDrop) {
    // Files dropped as a person would: real drag input through DevTools, files on disk.
    const paths = filesOnDisk(action.trustedDrop.files);
    const at = await centreOf(page, action.trustedDrop.selector);
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ["dragEnter", "dragOver", "drop"])
      await cdp.send("Input.dispatchDragEvent", { type, ...at, data });
    return cdp.detach();
  }
  if (action.drop) {
    // A drop made of trusted input events is not something a test can synthesize; the page's
    // own script can only make untrusted ones, which must count nothing.
    return page.evaluate(({ selector, files }) => {
      const data = new DataTransfer();
      for (const { name, mimeType } of files) data.items.add(new File([name], name, { type: mimeType }));
      document.querySelector(selector).dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true }));
    }, action.drop);
  }
  if (action.pasteImage) {
    // An image pasted as a person would: put on the clipboard (the page is allowed to write it),
    // then a real Ctrl+V in the focused box, which Chromium delivers as a trusted paste of a file.
    await page
      .context()
      .grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
    await page.evaluate(async () => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 8;
      const image = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      await navigator.clipboard.write([new ClipboardItem({ "image/png": image })]);
    });
    await page.focus(action.pasteImage);
    return page.keyboard.press("ControlOrMeta+V");
  }
  if (action.untrustedPaste) {
    // The page's own script pasting a file: an untrusted event, which must count nothing.
    return page.evaluate((selector) => {
      const data = new DataTransfer();
      data.items.add(new File(["x"], "fake.png", { type: "image/png" }));
      document
        .querySelector(selector)
        .dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    }, action.untrustedPaste);
  }
  if (action.wait) return page.waitForTimeout(action.wait);
  if (action.scrollToEnd) return page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  throw new Error(`unknown step ${JSON.stringify(action)}`);
}

let server;
before(async () => {
  server = await startFixtureServer();
});
after(async () => {
  await server?.close();
  table.print("Detection table");
});

for (const suite of suites) {
  describe(suite.name, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(server);
    });
    after(async () => {
      await browser?.close();
    });

    for (const c of suite.cases) {
      test(c.name, async () => {
        let passed = false;
        try {
          await browser.clearStored();
          const page = await browser.visit(c.url);
          for (const action of c.steps) await step(page, action);
          await page.close();
          const barrier = await browser.visit(BARRIER.url);
          await barrier.click(BARRIER.like);
          await barrier.close();
          await browser.waitForStored(
            (data) => Object.values(data).some((day) => day["youtube/reaction/like"]),
            "the barrier like",
          );
          const { data } = await browser.exportJson();
          assertDetected(data.records, c);
          passed = true;
        } finally {
          table.tally(suite, c, passed);
        }
      });
    }
  });
}

test("no request left the extension during the detection run", () => {
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
});
