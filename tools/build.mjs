// Assembles the unpacked extensions dist/chrome and dist/firefox from extension/, the wasm-bindgen
// output (target/pkg: the worker's, the classroom pages' and the studies' modules), and what the
// core generates (`tacheron …`): its sensor table (target/sensor-rules.json), its rate card
// (target/rate-card.json) and the names the JavaScript shares with it (target/names.json →
// lib/names.js: platforms, kinds, details, every message type with its answer's, the export's
// fields), so that no such list is typed twice.
//
// One base manifest, two browsers:
// - Chrome: a module service worker.
// - Firefox: background.scripts (module), a gecko id and the data-collection declaration.
// Both keep storage.managed_schema (extension/managed-schema.json, the teacher's workshop preset):
// Chrome reads policies against it; Firefox takes managed storage from its enterprise policies
// ("3rdparty" → "Extensions") and accepts the key.
// Content scripts come from the core's table: one entry per platform, its hosts as matches, its
// rules file loaded just before the generic sensor.
//
// The dashboard's page modules are bundled into one file (esbuild, not minified): loading its six
// modules one by one from the extension's package cost the page about a third of its opening
// time. dashboard-start.js (the first question to the core) is bundled with what it imports into
// a classic script of its own (an IIFE), run from the top of the page's head.
//
// Every page shares one head: the build adds the viewport, the colour schemes and the shared
// palette (palette.css, before the page's own stylesheets) to each.
//
// Each page's stylesheets are written into it (a <style> element): a stylesheet loaded from the
// package is one more file to wait for, and the page's scripts wait for their stylesheets before
// they run (about 5 ms of the dashboard's opening). The manifest's policy allows exactly these
// styles, by their SHA-256 (style-src), and no other inline style.
//
// The pages' words are written in English from _locales/en/messages.json, each `data-i18n`
// element's text and each `data-i18n-label`'s aria-label: an English page then has nothing to
// translate as it opens (i18n.js `translatePage`), and messages.json is the one source of its words.
//
// Usage: node tools/build.mjs

import { buildSync } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const read = (path) => JSON.parse(readFileSync(join(root, path), "utf8"));

const base = read("extension/manifest.base.json");
const english = read("extension/_locales/en/messages.json");

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
/** The English message `key` (an id's "-" is "_" in message names), as chrome.i18n gives it
 *  without substitutions; the build stops on a name that does not exist or takes values. */
function englishWords(key, page) {
  const entry = english[key.replaceAll("-", "_")];
  if (!entry) throw new Error(`${page}: no English message "${key}"`);
  if (/\$/.test(entry.message)) throw new Error(`${page}: "${key}" takes values; a page's fixed words cannot`);
  return entry.message;
}
/** `html` with every `data-i18n` element's text and every `data-i18n-label`'s aria-label in
 *  English. Such an element holds text only (i18n.js `translate` replaces its textContent). */
function inEnglish(html, page) {
  const withText = html.replace(
    /(<([a-z][a-z0-9]*)\b[^>]*\bdata-i18n="([^"]+)"[^>]*>)[^<]*(<\/\2>)/g,
    (_, open, _tag, key, close) => `${open}${escapeHtml(englishWords(key, page))}${close}`,
  );
  if (
    (withText.match(/\bdata-i18n="/g) ?? []).length !==
    (withText.match(/\bdata-i18n="[^"]+"[^>]*>[^<]*<\//g) ?? []).length
  ) {
    throw new Error(`${page}: a data-i18n element holds more than text`);
  }
  return withText.replace(/<[^>]*\bdata-i18n-label="([^"]+)"[^>]*>/g, (tag, key) => {
    if (/\baria-label=/.test(tag)) throw new Error(`${page}: data-i18n-label next to its own aria-label`);
    return tag.replace(/\s*>$/, ` aria-label="${escapeHtml(englishWords(key, page))}">`);
  });
}

/** `html` with each `<link rel="stylesheet">` replaced by its file's text in a <style> element,
 *  with the files written in (`hrefs`) and each style's CSP source (`hashes`). */
function withStylesWritten(html, page, dir) {
  const hrefs = [];
  const hashes = [];
  const written = html.replace(/<link rel="stylesheet" href="([^"]+)">/g, (_, href) => {
    const css = readFileSync(join(dir, href), "utf8");
    if (css.includes("</"))
      throw new Error(`${page}: ${href} cannot be written into a <style> element (it holds "</")`);
    hashes.push(`'sha256-${createHash("sha256").update(css).digest("base64")}'`);
    hrefs.push(href);
    return `<style>${css}</style>`;
  });
  return { html: written, hrefs, hashes };
}

/** `html` with the head every page shares: its viewport and colour schemes after the charset,
 *  and the palette before the page's own stylesheets. */
function withSharedHead(html, page) {
  const charset = '<meta charset="utf-8">';
  const firstStylesheet = html.indexOf('<link rel="stylesheet"');
  if (!html.includes(charset) || firstStylesheet < 0) throw new Error(`${page}: no charset or no stylesheet`);
  const palette = '<link rel="stylesheet" href="palette.css">\n    ';
  const withPalette = `${html.slice(0, firstStylesheet)}${palette}${html.slice(firstStylesheet)}`;
  return withPalette.replace(
    charset,
    `${charset}\n    <meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `    <meta name="color-scheme" content="light dark">`,
  );
}

const sensorTable = read("target/sensor-rules.json");
const names = read("target/names.json");

const contentScripts = [
  ...sensorTable.platforms.map((rules) => ({
    matches: rules.hosts.map((host) => `https://${host}/*`),
    js: [`content/rules/${rules.platform}.js`, "content/sensor.js"],
    run_at: "document_start",
  })),
  // Captcha widgets live in frames of their providers' origins, on any site.
  {
    matches: sensorTable.captcha_matches,
    js: ["content/rules/captchas.js", "content/captcha.js"],
    run_at: "document_start",
    all_frames: true,
  },
];

const browsers = {
  chrome(manifest) {
    return manifest;
  },
  firefox(manifest) {
    const { service_worker: worker, ...background } = manifest.background;
    return {
      ...manifest,
      background: { ...background, scripts: [worker] },
      browser_specific_settings: {
        gecko: {
          id: "tacheron@tacheron.invalid",
          strict_min_version: "140.0",
          // Nothing leaves the browser unless the user joins a research study: then the
          // totals of their activity on the platforms go to the study (optional, asked at joining).
          data_collection_permissions: { required: ["none"], optional: ["websiteActivity"] },
        },
        // Firefox for Android reads the data-collection declaration from version 142.
        gecko_android: { strict_min_version: "142.0" },
      },
      minimum_chrome_version: undefined,
    };
  },
};

for (const [browser, adapt] of Object.entries(browsers)) {
  const out = join(root, "dist", browser);
  rmSync(out, { recursive: true, force: true });
  cpSync(join(root, "extension"), out, {
    recursive: true,
    filter: (source) => !source.endsWith("manifest.base.json"),
  });
  const styleHashes = new Set();
  const stylesheets = new Set();
  for (const page of readdirSync(join(out, "pages")).filter((name) => name.endsWith(".html"))) {
    const path = join(out, "pages", page);
    const source = withSharedHead(readFileSync(path, "utf8"), page);
    const { html, hrefs, hashes } = withStylesWritten(source, page, join(out, "pages"));
    writeFileSync(path, inEnglish(html, page));
    for (const href of hrefs) stylesheets.add(href);
    for (const hash of hashes) styleHashes.add(hash);
  }
  for (const href of stylesheets) rmSync(join(out, "pages", href));
  mkdirSync(join(out, "pkg"), { recursive: true });
  for (const file of [
    "tacheron.js",
    "tacheron_bg.wasm",
    "tacheron_classroom.js",
    "tacheron_classroom_bg.wasm",
    "tacheron_study.js",
    "tacheron_study_bg.wasm",
  ]) {
    cpSync(join(root, "target/pkg", file), join(out, "pkg", file));
  }
  writeFileSync(
    join(out, "lib/names.js"),
    "// Generated by tools/build.mjs from the core (`tacheron names`, src/names.rs); do not edit.\n" +
      Object.entries({
        PLATFORMS: names.platforms,
        SENSED_PLATFORMS: names.sensed_platforms,
        KINDS: names.kinds,
        DETAILS: names.details,
        REQUESTS: names.requests,
        STUDY_REQUESTS: names.study_requests,
        EXPORT_FIELDS: names.export_fields,
        RECORD_FIELDS: names.record_fields,
      })
        .map(([name, value]) => `export const ${name} = Object.freeze(${JSON.stringify(value)});\n`)
        .join(""),
  );
  // Bundled from the copies in dist, which import the generated lib/names.js.
  buildSync({
    entryPoints: [join(out, "pages/dashboard.js")],
    outfile: join(out, "pages/dashboard.js"),
    bundle: true,
    format: "esm",
    allowOverwrite: true,
    logLevel: "error",
  });
  buildSync({
    entryPoints: [join(out, "pages/dashboard-start.js")],
    outfile: join(out, "pages/dashboard-start.js"),
    bundle: true,
    format: "iife",
    allowOverwrite: true,
    logLevel: "error",
  });
  execFileSync(process.execPath, [join(root, "tools/icons.mjs"), join(out, "icons")]);
  mkdirSync(join(out, "content/rules"), { recursive: true });
  const generated = (name, variable, value) =>
    writeFileSync(
      join(out, "content/rules", `${name}.js`),
      `// Generated by tools/build.mjs from the core's rule table (src/rules/); do not edit.\n` +
        `globalThis.${variable} = ${JSON.stringify(value, null, 2)};\n`,
    );
  for (const rules of sensorTable.platforms) generated(rules.platform, "tacheronRules", rules);
  // The full rate card (with sources and reasoning) for the methodology page and the dashboard.
  cpSync(join(root, "target/rate-card.json"), join(out, "pages/rate-card.json"));
  generated("captchas", "tacheronCaptchaRules", { version: sensorTable.version, providers: sensorTable.captchas });
  // Host access for the platforms only (the pages the sensors already run on): it lets the
  // popup and the worker see which platform a tab is on. Captcha frames need none beyond their
  // content scripts.
  const hostPermissions = sensorTable.platforms.flatMap((rules) => rules.hosts.map((host) => `https://${host}/*`));
  const policy = base.content_security_policy.extension_pages;
  if (/style-src/.test(policy)) throw new Error("manifest.base.json: the build writes style-src itself");
  const extensionPages = policy.replace(
    "default-src 'self';",
    `default-src 'self'; style-src 'self' ${[...styleHashes].join(" ")};`,
  );
  if (extensionPages === policy)
    throw new Error("manifest.base.json: the pages' policy does not start with default-src 'self'");
  const manifest = adapt({
    ...base,
    content_security_policy: { ...base.content_security_policy, extension_pages: extensionPages },
    host_permissions: hostPermissions,
    content_scripts: contentScripts,
  });
  writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`built dist/${browser}`);
}
