// Issue 6, end to end in a real Chromium: two students do the workshop (answering from the
// answers the core derives from the workshop's seed — the page is opened with ?seed=N, and the
// test asks the classroom module for that seed's answers, as nothing on the page gives them away),
// one of them adds their real dashboard totals; the teacher pastes their codes, a tampered one and
// a duplicate into the class page, which shows the combined totals, names the tampered code and
// counts the duplicate once. axe-core finds no violation on either page, in English and French,
// light and dark. The tile grids name their tiles by position only and work from the keyboard; a
// whole workshop without the visual tasks is done by keyboard alone. A teacher's preset reaches
// the workshop through a real managed policy (in a mount namespace of the test's own).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { browsersOnFixtureServer, EXTENSION_DIR, ROOT } from "./harness.mjs";

const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const WATCH = "https://www.youtube.com/watch?v=fixture";
const LIKE = "like-button-view-model button";
const FIRST = 101;
const SECOND = 202;

const fixtures = browsersOnFixtureServer();
const { withBrowser } = fixtures;

/** axe-core's violations on the page as it is now (none expected). */
async function violations(page, where) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes[0]?.target}`);
  });
  assert.deepEqual(found, [], `axe on ${where}`);
}

/** The same, in the light theme and then the dark one (prefers-color-scheme). */
async function violationsLightAndDark(page, where) {
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    await violations(page, `${where}, ${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function openWorkshop(browser, seed) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/pages/workshop.html?seed=${seed}`);
  await page.locator("#start-button:not([disabled])").waitFor();
  return page;
}

/** The expected answers of the workshop drawn from `seed`, from the classroom module itself. */
function answersOf(page, seed) {
  return page.evaluate(async (seed) => {
    const core = await import(chrome.runtime.getURL("pkg/tacheron_classroom.js"));
    await core.default();
    return core.workshop_answers(seed, core.workshop_plan(undefined));
  }, seed);
}

/**
 * Does the workshop on `page`: every answer right, two hashtags per post, except the tasks in
 * `skip` (by number). `check(kind, page)` runs once on the first task of each kind.
 */
async function doWorkshop(page, answers, { skip = [], check = async () => {} } = {}) {
  await page.click("#start-button");
  const checked = new Set();
  for (const answer of answers) {
    await page
      .locator("#progress")
      .filter({ hasText: new RegExp(`\\b${answer.index + 1}\\b`) })
      .waitFor();
    if (!checked.has(answer.kind)) {
      checked.add(answer.kind);
      await check(answer.kind, page);
    }
    if (skip.includes(answer.index)) {
      await page.click("#skip");
      continue;
    }
    if (answer.kind === "image") {
      for (const tile of answer.tiles) await page.click(`#task-body .tile[data-tile="${tile}"]`);
      await page.click("#next");
    } else if (answer.kind === "text") {
      await page.fill("#answer", answer.text.toLowerCase());
      await page.press("#answer", "Enter");
    } else if (answer.kind === "hashtag") {
      await page.fill("#answer", "#climat #vélo");
      await page.click("#next");
    } else {
      await page.check(`#sentiment-${answer.sentiment}`);
      await page.click("#next");
    }
  }
  await page
    .locator("#share-code")
    .filter({ hasText: /\w{4}-/ })
    .waitFor();
}

/**
 * The tiles of the grid on screen are named by position only ("Tile 3 of 9"): nothing a screen
 * reader reads out in the task says what a tile shows. And they work from the keyboard: the
 * first tile has the focus, Space selects it and selects it no more.
 */
async function checkTiles(page, name) {
  const names = await page.$$eval("#task-body .tile", (tiles) => tiles.map((tile) => tile.getAttribute("aria-label")));
  assert.deepEqual(
    names,
    Array.from({ length: 9 }, (_, i) => name(i + 1, 9)),
  );
  // The accessibility tree under the group (named by the prompt, which names the object sought).
  const tree = (await page.locator("#task-body .grid").ariaSnapshot()).split("\n").slice(1).join("\n");
  assert.equal(tree.match(/- button "[^"]*"/g)?.length, 9, tree);
  const things = /car|bus|light|bicycle|tree|house|hydrant|lamp|voiture|feu|vélo|arbre|maison|borne|lampadaire/i;
  assert.doesNotMatch(tree, things, tree);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.tile), "0");
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute('.tile[data-tile="0"]', "aria-pressed"), "true");
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute('.tile[data-tile="0"]', "aria-pressed"), "false");
}

/** The results table: task name → [done, accepted]. */
async function resultRows(page) {
  return page.$$eval("#results-table tbody tr", (rows) =>
    rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim()).slice(0, 3)),
  );
}

const codes = {};

test("two students do the workshop; the teacher's page adds up their codes", () =>
  withBrowser(async (browser) => {
    // The second student likes a video first: their dashboard holds one reaction.
    const video = await browser.visit(WATCH);
    await video.click(LIKE);
    await browser.waitForStored((data) => Object.keys(data).some((key) => key.startsWith("day:")), "the like");

    // Student 1: every answer right.
    const first = await openWorkshop(browser, FIRST);
    await violations(first, "the workshop's start (en)");
    const firstAnswers = await answersOf(first, FIRST);
    assert.deepEqual(
      Object.fromEntries(
        ["image", "text", "hashtag", "label"].map((k) => [k, firstAnswers.filter((a) => a.kind === k).length]),
      ),
      { image: 4, text: 4, hashtag: 3, label: 8 },
    );
    await doWorkshop(first, firstAnswers, {
      check: async (kind, page) => {
        if (kind === "image") await checkTiles(page, (n, of) => `Tile ${n} of ${of}`);
        await violationsLightAndDark(page, `a ${kind} task (en)`);
      },
    });
    assert.deepEqual(await resultRows(first), [
      ["Image grids (captchas)", "4", "4"],
      ["Distorted texts (captchas)", "4", "4"],
      ["Hashtags", "6", "6"],
      ["Sentiment labels", "8", "8"],
    ]);
    assert.match(await first.textContent("#results-summary"), /22 pieces of work, 22 of them accepted/);
    assert.match(await first.textContent("#results-pay"), /worth \$[\d.]+ \(\$[\d.]+–\$[\d.]+\)/);
    assert.match(await first.textContent("#results-wages"), /SMIC[\s\S]*\$7\.25 an hour[\s\S]*micro-workers/);
    const scale = await first.textContent("#results-scale");
    assert.match(scale, /ImageNet[\s\S]*14,197,122 images[\s\S]*At your pace: [\d,.]+ hours/);
    assert.match(scale, /Deng et al\. 2009/);
    codes.first = (await first.textContent("#share-code")).trim();
    assert.match(codes.first, /^([0-9A-HJKMNP-TV-Z]{4}-)+[0-9A-HJKMNP-TV-Z]{1,4}$/);
    const contents = await first.textContent("#share-contents");
    assert.match(contents, /Image grids \(captchas\): 4 done, 4 accepted/);
    assert.match(contents, /No dashboard totals/);
    assert.equal(await first.locator("#share-qr svg").count(), 1);
    await violationsLightAndDark(first, "the workshop's results (en)");

    // Student 2: skips the first grid, then adds their dashboard totals of the last 7 days.
    const second = await openWorkshop(browser, SECOND);
    await doWorkshop(second, await answersOf(second, SECOND), { skip: [0] });
    const before = (await second.textContent("#share-code")).trim();
    await second.check("#add-dashboard");
    await second.locator("#share-contents").filter({ hasText: "Dashboard totals for the last 7 days" }).waitFor();
    assert.match(await second.textContent("#share-contents"), /Reactions 1,/);
    codes.second = (await second.textContent("#share-code")).trim();
    assert.notEqual(codes.second, before);
    await violations(second, "the workshop's results with dashboard totals (en)");

    // The teacher: both codes, the first one tampered with, the second one again, and the second
    // student's code as it was before they added their dashboard totals.
    const symbols = [...codes.first];
    const at = symbols.findIndex((c, i) => i > 10 && c !== "-");
    symbols[at] = symbols[at] === "7" ? "8" : "7";
    const tampered = symbols.join("");
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/pages/class.html`);
    await page.locator("body[data-ready]").waitFor();
    await violations(page, "the class page, empty (en)");
    await page.fill("#codes", [codes.first, codes.second.toLowerCase(), tampered, codes.second, before].join("\n"));
    await page.click("#read");
    assert.equal(await page.textContent("#students"), "2 students counted");
    const rows = await page.$$eval("#tasks tbody tr", (trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())),
    );
    assert.deepEqual(
      rows.map((row) => row.slice(0, 5)),
      [
        ["Image grids (captchas)", "7", "3", "3.5", "4"],
        ["Distorted texts (captchas)", "8", "4", "4", "4"],
        ["Hashtags", "12", "6", "6", "6"],
        ["Sentiment labels", "16", "8", "8", "8"],
      ],
    );
    assert.match(await page.textContent("#class-pay"), /Together: 43 pieces of work, 43 accepted/);
    const refused = await page.textContent('#problem-list li[data-number="3"]');
    assert.match(
      refused,
      new RegExp(`^Code 3 \\(${tampered.slice(0, 14)}…\\) is refused: a character was mistyped or changed`),
    );
    assert.equal(
      await page.textContent('#problem-list li[data-number="4"]'),
      `Code 4 (${codes.second.slice(0, 14)}…) is the same as code 2: counted once.`,
    );
    assert.equal(
      await page.textContent('#problem-list li[data-number="5"]'),
      `Code 5 (${before.slice(0, 14)}…) is the same student's result as code 2, made again with other options: counted once.`,
    );
    assert.match(
      await page.textContent("#shared-intro"),
      /^1 student added their dashboard totals \(the last 7 days\)/,
    );
    const reactions = await page.$$eval("#shared-table tbody tr", (trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())).find((cells) => cells[0] === "Reactions"),
    );
    assert.deepEqual(reactions, ["Reactions", "1", "1", "1", "1"]);
    await violationsLightAndDark(page, "the class report (en)");

    // Projector mode, then the class page in French at the press of a button.
    await page.click("#projector");
    assert.equal(await page.getAttribute("#projector", "aria-pressed"), "true");
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains("projector")));
    assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize) >= 24));
    await violationsLightAndDark(page, "the class report in projector mode (en)");
    await page.click('button[data-language="fr"]');
    await page.locator("#students").filter({ hasText: "2 élèves comptés" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "fr");
    assert.match(await page.textContent("#class-pay"), /€/);
    assert.match(
      await page.textContent('#problem-list li[data-number="3"]'),
      /^Le code 3 .* est refusé : un caractère a été mal tapé/,
    );
    await violationsLightAndDark(page, "the class report in projector mode (fr)");
  }));

test("in French: the workshop and the class page, accessible", () =>
  withBrowser(
    async (browser) => {
      const page = await openWorkshop(browser, FIRST);
      assert.equal(await page.textContent("#start-button"), "Commencer");
      await violations(page, "the workshop's start (fr)");
      await doWorkshop(page, await answersOf(page, FIRST), {
        skip: [5, 17],
        check: async (kind, p) => {
          if (kind === "image") await checkTiles(p, (n, of) => `Case ${n} sur ${of}`);
          await violationsLightAndDark(p, `a ${kind} task (fr)`);
        },
      });
      assert.match(await page.textContent("#results-summary"), /Vous avez fait 20 micro-tâches, dont 20 acceptées/);
      assert.match(await page.textContent("#results-pay"), /€/);
      assert.match(await page.textContent("#results-wages"), /SMIC[\s\S]*12,02/);
      await violationsLightAndDark(page, "the workshop's results (fr)");

      const klass = await browser.context.newPage();
      await klass.goto(`chrome-extension://${browser.extensionId}/pages/class.html`);
      await klass.locator("body[data-ready]").waitFor();
      assert.equal(await klass.textContent("h1"), "Bilan de la classe");
      await klass.fill("#codes", `${codes.first}\n${codes.second}\npas-un-code`);
      await klass.click("#read");
      assert.equal(await klass.textContent("#students"), "2 élèves comptés");
      assert.match(
        await klass.textContent('#problem-list li[data-number="3"]'),
        /« u » \(caractère 4\) n’est jamais utilisé/,
      );
      await violationsLightAndDark(klass, "the class report (fr)");
    },
    { language: "fr-FR" },
  ));

test("without the tasks that need sight, the whole workshop by keyboard alone", () =>
  withBrowser(async (browser) => {
    const page = await openWorkshop(browser, FIRST);
    assert.equal(await page.textContent("#plan-summary"), "19 tasks, 15 minutes at most. Each task is timed.");
    // Tab from the top of the page to the option, Space to tick it.
    for (
      let tabs = 0;
      tabs < 20 && (await page.evaluate(() => document.activeElement?.id)) !== "without-sight";
      tabs += 1
    ) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Space");
    assert.ok(await page.isChecked("#without-sight"));
    assert.deepEqual(await page.$$eval("#plan-kinds li", (items) => items.map((li) => li.textContent)), [
      "Hashtags × 7",
      "Sentiment labels × 12",
    ]);
    await violationsLightAndDark(page, "the workshop's start without the visual tasks (en)");
    const answers = await page.evaluate(async (seed) => {
      const core = await import(chrome.runtime.getURL("pkg/tacheron_classroom.js"));
      await core.default();
      return core.workshop_answers(seed, core.workshop_plan_without_sight(core.workshop_plan(undefined)));
    }, FIRST);
    assert.equal(answers.length, 19);
    assert.ok(answers.every((a) => a.kind === "hashtag" || a.kind === "label"));

    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "start-button");
    await page.keyboard.press("Enter");
    const order = ["positive", "negative", "neutral"];
    for (const answer of answers) {
      await page
        .locator("#progress")
        .filter({ hasText: new RegExp(`\\b${answer.index + 1}\\b`) })
        .waitFor();
      if (answer.kind === "hashtag") {
        // The box has the focus: type, then Enter.
        await page.keyboard.type("#climat #vélo");
        await page.keyboard.press("Enter");
      } else {
        // The first choice has the focus: arrows to the right one, then Tab to Next.
        await page.keyboard.press("Space");
        for (let i = 0; i < order.indexOf(answer.sentiment); i += 1) await page.keyboard.press("ArrowRight");
        assert.ok(await page.isChecked(`#sentiment-${answer.sentiment}`));
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "next");
        await page.keyboard.press("Enter");
      }
    }
    await page
      .locator("#share-code")
      .filter({ hasText: /\w{4}-/ })
      .waitFor();
    assert.deepEqual(await resultRows(page), [
      ["Image grids (captchas)", "0", "0"],
      ["Distorted texts (captchas)", "0", "0"],
      ["Hashtags", "14", "14"],
      ["Sentiment labels", "12", "12"],
    ]);
  }));

/** The id Chromium gives an extension loaded unpacked from `dir`: its path's SHA-256, the first
 *  32 hex digits written with the letters a to p. */
function unpackedId(dir) {
  const hex = createHash("sha256").update(realpathSync(dir)).digest("hex").slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join("");
}

/**
 * A way to start Chromium with `policy` as a managed policy of the machine, seen by that Chromium
 * only: Chromium on Linux reads policies from /etc/chromium/policies/managed, which is shared by
 * every browser here, so the script starts it in a mount namespace of its own where /etc/chromium
 * is a copy holding the policy (needs root, or the right to make namespaces). Returns the script
 * and a cleanup, or the reason it cannot be done.
 */
function chromiumWithPolicy(policy) {
  const probe = spawnSync("unshare", ["--mount", "--propagation", "private", "true"]);
  if (probe.error || probe.status !== 0)
    return { reason: `no private mount namespace here (${probe.error ?? probe.stderr})` };
  const dir = mkdtempSync(join(tmpdir(), "tacheron-policy-"));
  const etc = join(dir, "etc-chromium");
  mkdirSync(join(etc, "policies/managed"), { recursive: true });
  for (const file of ["master_preferences", "initial_preferences"]) {
    if (existsSync(join("/etc/chromium", file))) copyFileSync(join("/etc/chromium", file), join(etc, file));
  }
  writeFileSync(join(etc, "policies/managed/tacheron-test.json"), JSON.stringify(policy));
  const script = join(dir, "chromium");
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
  writeFileSync(
    script,
    `#!/bin/sh\n# Chromium with /etc/chromium replaced, in this process's mount namespace only.\n` +
      `exec unshare --mount --propagation private sh -c 'mount --bind "$0" /etc/chromium && exec "$@"' ` +
      `'${etc}' '${chromium}' "$@"\n`,
  );
  chmodSync(script, 0o755);
  return { script, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test("a teacher's preset deployed by policy sets the workshop's language, tasks and time", async (t) => {
  const id = unpackedId(EXTENSION_DIR);
  const preset = { language: "fr", minutes: 10, tasks: { image: 1, text: 0, hashtag: 2, label: 3 } };
  const chromium = chromiumWithPolicy({ "3rdparty": { extensions: { [id]: { workshop: preset } } } });
  if (!chromium.script) {
    t.skip(chromium.reason);
    return;
  }
  try {
    await withBrowser(
      async (browser) => {
        assert.equal(browser.extensionId, id, "the unpacked extension's id, as the policy names it");
        // An English browser: French comes from the policy alone.
        const page = await openWorkshop(browser, FIRST);
        assert.deepEqual(await page.evaluate(() => chrome.storage.managed.get("workshop")), { workshop: preset });
        assert.equal(await page.getAttribute("html", "lang"), "fr");
        assert.equal(
          await page.textContent("#plan-summary"),
          "6 tâches, 10 minutes au plus. Chaque tâche est chronométrée.",
        );
        assert.deepEqual(await page.$$eval("#plan-kinds li", (items) => items.map((li) => li.textContent)), [
          "Grilles d’images (captchas) × 1",
          "Mots-dièse × 2",
          "Étiquettes de sentiment × 3",
        ]);
        const answers = await page.evaluate(async (seed) => {
          const core = await import(chrome.runtime.getURL("pkg/tacheron_classroom.js"));
          await core.default();
          const { workshop } = await chrome.storage.managed.get("workshop");
          return core.workshop_answers(seed, core.workshop_plan(workshop));
        }, FIRST);
        assert.deepEqual(
          answers.map((a) => a.kind),
          ["image", "hashtag", "hashtag", "label", "label", "label"],
        );
        await doWorkshop(page, answers);
        assert.deepEqual(
          (await resultRows(page)).filter(([, done]) => done !== "0"),
          [
            ["Grilles d’images (captchas)", "1", "1"],
            ["Mots-dièse", "4", "4"],
            ["Étiquettes de sentiment", "3", "3"],
          ],
        );
        assert.match(await page.textContent("#results-pay"), /€/);
        await violations(page, "the workshop's results under a French preset");
      },
      { executablePath: chromium.script },
    );
  } finally {
    chromium.cleanup();
  }
});

test("no request left the extension during the classroom run", () => {
  const { server } = fixtures;
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
});
