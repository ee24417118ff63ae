// The extension's two languages stay in step: English and French have the same messages with the
// same placeholders, every message name is one the browser accepts, and every name the pages and
// the manifest use exists. (A missing name shows the raw key to the user; an invalid one stops
// the extension from loading.) The built pages carry the browser's English words, since an
// English page does not translate itself as it opens.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { launchBrowser, ROOT, startFixtureServer } from "./harness.mjs";

const locales = Object.fromEntries(
  ["en", "fr"].map((lang) => [
    lang,
    JSON.parse(readFileSync(join(ROOT, "extension/_locales", lang, "messages.json"), "utf8")),
  ]),
);
const placeholders = (entry) =>
  Object.keys(entry.placeholders ?? {})
    .sort()
    .join(",");

test("English and French have the same messages and placeholders", () => {
  assert.deepEqual(Object.keys(locales.fr).sort(), Object.keys(locales.en).sort());
  for (const [name, entry] of Object.entries(locales.en)) {
    assert.equal(placeholders(locales.fr[name]), placeholders(entry), name);
    assert.ok(entry.message.trim() && locales.fr[name].message.trim(), `${name} is empty`);
    for (const used of entry.message.match(/\$[A-Z_]+\$/g) ?? []) {
      assert.ok(entry.placeholders?.[used.slice(1, -1).toLowerCase()], `${name}: ${used} undefined`);
    }
  }
});

test("every message name is valid and every name used by the pages exists", () => {
  for (const name of Object.keys(locales.en)) assert.match(name, /^[A-Za-z0-9_]+$/, name);
  const pages = join(ROOT, "extension/pages");
  const used = new Set();
  for (const file of readdirSync(pages)) {
    const text = readFileSync(join(pages, file), "utf8");
    for (const [, name] of text.matchAll(/data-i18n="([^"]+)"/g)) used.add(name);
    for (const [, name] of text.matchAll(/message\("([A-Za-z0-9_]+)"/g)) used.add(name);
  }
  const manifest = readFileSync(join(ROOT, "extension/manifest.base.json"), "utf8");
  for (const [, name] of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(name);
  assert.ok(used.size > 50, `only ${used.size} names found: the scan is broken`);
  const missing = [...used].filter((name) => !(name in locales.en));
  assert.deepEqual(missing, []);
});

test("the built pages say in English exactly what the browser's English messages say", async () => {
  const server = await startFixtureServer();
  const browser = await launchBrowser(server, { language: "en-US" });
  try {
    const tab = await browser.context.newPage();
    await tab.goto(browser.dashboardUrl);
    // Each built page as the browser reads it, before any of its scripts runs.
    const pages = readdirSync(join(ROOT, "dist/chrome/pages")).filter((file) => file.endsWith(".html"));
    const found = await tab.evaluate(async (files) => {
      const name = (key) => key.replaceAll("-", "_");
      const result = {};
      for (const file of files) {
        const html = await (await fetch(`/pages/${file}`)).text();
        const page = new DOMParser().parseFromString(html, "text/html");
        const differences = [];
        for (const element of page.querySelectorAll("[data-i18n]")) {
          if (element.textContent !== chrome.i18n.getMessage(name(element.dataset.i18n)))
            differences.push(element.dataset.i18n);
        }
        for (const element of page.querySelectorAll("[data-i18n-label]")) {
          if (element.getAttribute("aria-label") !== chrome.i18n.getMessage(name(element.dataset.i18nLabel))) {
            differences.push(`${element.dataset.i18nLabel} (label)`);
          }
        }
        result[file] = { checked: page.querySelectorAll("[data-i18n]").length, differences };
      }
      return result;
    }, pages);
    assert.ok(
      found["dashboard.html"].checked > 100,
      `only ${found["dashboard.html"].checked} words checked on the dashboard`,
    );
    for (const [file, { differences }] of Object.entries(found)) assert.deepEqual(differences, [], file);
  } finally {
    await browser.close();
    await server.close();
  }
});
