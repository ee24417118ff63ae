// The dashboard, end to end in Chromium, as a person uses it: a ledger brought in by importing an
// export file through the page, the totals of each period, this week against last week, the charts
// and the tables that say the same in words, CSV export, files refused with a clear message, pause
// and resume honoured by the sensors, deleting everything, and the page's language.
//
// Dates are relative to today, so the tests hold whatever day they run.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { askCore, browsersOnFixtureServer, tablesShown, tabStops } from "./harness.mjs";

const WATCH = "https://www.youtube.com/watch?v=dashboard";
const LIKE = "like-button-view-model button";
const DISLIKE = "dislike-button-view-model button";

const fixtures = browsersOnFixtureServer();
const { withBrowser } = fixtures;

let files;
before(() => {
  files = mkdtempSync(join(tmpdir(), "tacheron-dashboard-"));
});
after(() => {
  if (files) rmSync(files, { recursive: true, force: true });
});

/** Opens a figure's table (its <details>) and waits until the page has built it. */
async function openTable(figure) {
  await figure.locator("summary").click();
  await figure.locator("tbody tr").first().waitFor({ state: "attached" });
}

/** The local date `offset` days before today, as the extension files it. */
function daysAgo(offset) {
  const date = new Date();
  date.setDate(date.getDate() - offset);
  return date.toLocaleDateString("sv");
}

/** Days since this week's Monday (0 on a Monday). */
const sinceMonday = () => (new Date().getDay() + 6) % 7;

/** Writes a file on disk (the browser delivers chosen files as the person's own input). Names stay
 *  plain ASCII: Playwright does not deliver a chosen file whose path has other characters. */
function writeFile(name, content) {
  const path = join(files, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const exportOf = (records) => ({ format: "tacheron-export", version: 1, records });

/** An amount in US dollars as the dashboard writes it, with two decimals; `moreOptions` are added
 *  to (or override) those of Intl.NumberFormat. */
const dollars = (value, moreOptions = {}) =>
  new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    ...moreOptions,
  }).format(value);

/** Five days spread over more than a year: 2 today, 3 within the week, 4 within the month, 5
 *  within the year, 6 before it. */
const SPREAD = [
  { date: daysAgo(500), platform: "instagram", kind: "upload", detail: "image", count: 6 },
  { date: daysAgo(200), platform: "youtube", kind: "reaction", detail: "like", count: 5 },
  { date: daysAgo(20), platform: "reddit", kind: "hashtag", count: 4 },
  { date: daysAgo(3), platform: "x", kind: "post", detail: "post", count: 3 },
  { date: daysAgo(0), platform: "youtube", kind: "reaction", detail: "like", count: 2 },
];

/** Chooses `path` in the import field and waits for the page to say what became of it. */
async function importFile(page, path) {
  await page.setInputFiles("#import-file", path);
  const status = page.locator("#import-status.done, #import-status.refused");
  await status.waitFor();
  return { text: await status.textContent(), refused: (await status.getAttribute("class")) === "refused" };
}

/** Chooses a named period (by its label, as a click would) and waits for its total. */
async function choosePeriod(page, value, count) {
  await page.click(`label[for="period-${value}"]`);
  await page.locator("#total-count", { hasText: new RegExp(`^${count}$`) }).waitFor();
  await tablesShown(page);
}

const totalCount = (page) => page.textContent("#total-count");

/** The core's overview, asked as the dashboard asks it. */
function coreOverview(page, period) {
  return page
    .evaluate(() => chrome.i18n.getUILanguage())
    .then((locale) => askCore(page, "overview", { locale, period }));
}

test("an imported export shows each period's totals, and choosing another period changes them", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    assert.equal(await totalCount(page), "0");
    const { text, refused } = await importFile(page, writeFile("spread.json", exportOf(SPREAD)));
    assert.ok(!refused, text);
    assert.match(text, /“spread\.json” imported: 5 records read, 5 days updated/);

    // 30 days is shown first.
    await page.locator("#total-count", { hasText: /^9$/ }).waitFor();
    assert.equal(await page.textContent("#totals-heading"), "The last 30 days");
    assert.match(await page.textContent("#period-dates"), /30 days$/);
    for (const [period, count, heading] of [
      ["today", 2, "Today"],
      ["7d", 5, "The last 7 days"],
      ["12m", 14, "The last 12 months"],
      ["all", 20, "All time"],
      ["30d", 9, "The last 30 days"],
    ]) {
      await choosePeriod(page, period, count);
      assert.equal(await page.textContent("#totals-heading"), heading);
      const core = await coreOverview(page, period);
      assert.equal(core.overview.summary.total.count, count, `the core agrees for ${period}`);
    }

    // The per-platform table of the whole history, largest first.
    await choosePeriod(page, "all", 20);
    const platforms = await page.locator("#by-platform tbody tr").allTextContents();
    assert.equal(platforms.length, 4);
    assert.match(platforms[0], /^YouTube\s*7\s*35%/);
    assert.match(platforms.join("|"), /Instagram\s*6\s*30%/);
    const kinds = await page.locator("#by-kind tbody tr").allTextContents();
    assert.match(kinds[0], /^Reactions\s*7/);
    assert.deepEqual(
      kinds.map((row) => row.match(/^\D+/)[0]),
      ["Reactions", "Uploads", "Hashtags", "Posts and comments"],
    );

    // From… to…: only the day 20 days ago.
    await page.click('label[for="period-custom"]');
    // Shown, the two fields are date inputs (made so only then: they are costly to build), from
    // 2000 to today at most.
    assert.deepEqual(
      await page.$$eval("#custom-period input", (fields) => fields.map((field) => [field.type, field.min, field.max])),
      [
        ["date", "2000-01-01", new Date().toLocaleDateString("sv")],
        ["date", "2000-01-01", new Date().toLocaleDateString("sv")],
      ],
    );
    await page.fill("#period-from", daysAgo(25));
    await page.fill("#period-to", daysAgo(15));
    await page.click('#custom-period button[type="submit"]');
    await page.locator("#total-count", { hasText: /^4$/ }).waitFor();
    await tablesShown(page);
    assert.equal(await page.textContent("#totals-heading"), "Chosen dates");
    // The tables keep no row of the whole history shown before: Reddit's hashtags alone.
    const cells = (row) => row.locator("th, td").allTextContents();
    assert.equal(await page.locator("#by-platform tbody tr").count(), 1);
    assert.deepEqual((await cells(page.locator("#by-platform tbody tr"))).slice(0, 3), ["Reddit", "4", "100%"]);
    const details = await page.locator("#details tbody tr").allTextContents();
    assert.equal(details.length, 1);
    assert.match(details[0], /^Reddit\s*Hashtags\s*4/);
    assert.equal(await page.getAttribute("#details tbody tr a", "href"), "methodology.html#kind-hashtag");

    // A reload keeps the dates chosen, in their date fields.
    await page.waitForFunction(() => typeof history.state?.period === "object");
    await page.reload();
    await page.locator("#total-count", { hasText: /^4$/ }).waitFor();
    assert.ok(await page.isVisible("#custom-period"));
    assert.deepEqual(
      await page.$$eval("#custom-period input", (fields) => fields.map((field) => [field.type, field.value])),
      [
        ["date", daysAgo(25)],
        ["date", daysAgo(15)],
      ],
    );

    // A span longer than ten years is refused and the period shown stays.
    await page.fill("#period-from", "2000-01-01");
    await page.click('#custom-period button[type="submit"]');
    await page.locator("#period-error", { hasText: /cannot be shown/ }).waitFor();
    assert.equal(await totalCount(page), "4");

    // From the keyboard: the periods are one group of radio buttons.
    await page.focus("#period-7d");
    await page.keyboard.press("ArrowLeft");
    await page.locator("#total-count", { hasText: /^2$/ }).waitFor();
    assert.ok(await page.isChecked("#period-today"));
    assert.equal(await page.textContent("#totals-heading"), "Today");

    // The tab keeps the period chosen: after a reload, also from a section reached by its link.
    await choosePeriod(page, "7d", 5);
    await page.click('nav a[href="#tables"]');
    await page.waitForFunction(() => location.hash === "#tables");
    await page.reload();
    await page.locator("#total-count", { hasText: /^5$/ }).waitFor();
    assert.ok(await page.isChecked("#period-7d"));
    assert.equal(await page.textContent("#totals-heading"), "The last 7 days");
  }));

test("importing the same file twice changes nothing", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    const path = writeFile("twice.json", exportOf(SPREAD));
    assert.match((await importFile(page, path)).text, /5 days updated/);
    await choosePeriod(page, "all", 20);
    const stored = await browser.rawStoredData();

    const second = await importFile(page, path);
    assert.ok(!second.refused);
    assert.match(second.text, /“twice\.json”: nothing new, its 5 records were already counted/);
    assert.deepEqual(await browser.rawStoredData(), stored, "the ledger is as it was");
    assert.equal(await totalCount(page), "20");

    // The ledger's export is the file itself.
    const { data } = await browser.exportJson();
    assert.deepEqual(data.records.map(JSON.stringify).sort(), SPREAD.map(JSON.stringify).sort());
  }));

test("a corrupt or hostile file is refused with a clear message and nothing changes", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    await importFile(page, writeFile("good.json", exportOf(SPREAD)));
    await choosePeriod(page, "all", 20);
    const stored = await browser.rawStoredData();

    const one = (fields) => exportOf([{ date: daysAgo(1), platform: "x", kind: "post", count: 1, ...fields }]);
    for (const [name, content, expected] of [
      [
        "broken.json",
        '{"format": "tacheron-export", "version": 1, "records": [',
        /“broken\.json” was not imported: it is not a JSON file/,
      ],
      ["list.json", "[1, 2, 3]", /“list\.json” was not imported: it is JSON, but not a Tâcheron export/],
      [
        "zero.json",
        one({ count: 0 }),
        /“zero\.json” was refused, and nothing was changed: record 1 counts no action\.$/,
      ],
      [
        "twice.json",
        exportOf([1, 2].map((count) => ({ date: daysAgo(1), platform: "x", kind: "post", count }))),
        /“twice\.json” was refused, .*: record 2 repeats the date, platform, kind and detail of an earlier record\.$/,
      ],
      ["measured.json", one({ measured: 3 }), /: record 1 has more measured actions than actions\.$/],
      [
        "version.json",
        { ...exportOf([]), version: 7 },
        /: it is version 7 of the export format, which this version of Tâcheron does not read\.$/,
      ],
      ["text.json", one({ detail: "Hello World" }), /“text\.json” was refused, and nothing was changed: .+/],
      [
        "future.json",
        one({ date: daysAgo(-30) }),
        /“future\.json” was refused.*: record 1 has a date before 2000 or in the future\.$/,
      ],
      [
        "extra.json",
        { ...exportOf([]), site: "example.org" },
        /“extra\.json” was refused, .*a field that Tâcheron exports do not have \(“site”\)/,
      ],
      [
        "url.json",
        one({ url: "https://example.org/watch" }),
        /“url\.json” was refused, .*record 1 has a field .* \(“url”\)/,
      ],
      [
        "other.json",
        { format: "something-else", version: 1, records: [] },
        /“other\.json” was refused.*: it is not a Tâcheron export\.$/,
      ],
    ]) {
      const { text, refused } = await importFile(page, writeFile(name, content));
      assert.ok(refused, `${name}: ${text}`);
      assert.match(text, expected, name);
      assert.match(text, /nothing was changed/i, name);
      assert.equal(await totalCount(page), "20", `${name}: the totals stay`);
      assert.deepEqual(await browser.rawStoredData(), stored, `${name}: the ledger stays`);
    }
    assert.doesNotMatch(JSON.stringify(await browser.rawStoredData()), /Hello World|example\.org/);
  }));

test("in French, a refused file is explained in French, the core's reason too", () =>
  withBrowser(
    async (browser) => {
      const page = await browser.dashboard();
      const broken = await importFile(page, writeFile("casse.json", "{ pas du json"));
      assert.match(broken.text, /« casse\.json » n’a pas été importé : ce n’est pas un fichier JSON/);
      const zero = exportOf([{ date: daysAgo(1), platform: "x", kind: "post", count: 0 }]);
      const refused = await importFile(page, writeFile("zero-fr.json", zero));
      assert.equal(
        refused.text,
        "« zero-fr.json » a été refusé et rien n’a été modifié : l’enregistrement 1 ne compte aucune action.",
      );
      // A file the core cannot read as an export at all: its own words, said to be English.
      const text = exportOf([
        { date: daysAgo(1), platform: "x", kind: "post", detail: "Bonjour tout le monde", count: 1 },
      ]);
      const unreadable = await importFile(page, writeFile("texte.json", text));
      assert.match(
        unreadable.text,
        /« texte\.json » a été refusé et rien n’a été modifié\. Raison \(en anglais\) : .+/,
      );
      const good = await importFile(page, writeFile("bon.json", exportOf(SPREAD.slice(-2))));
      assert.match(good.text, /« bon\.json » importé : 2 lignes lues, 2 jours mis à jour/);
    },
    { language: "fr-FR" },
  ));

test("Export CSV downloads every record, one line each, under a header", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    const captcha = {
      date: daysAgo(2),
      platform: "other",
      kind: "captcha",
      detail: "recaptcha-image",
      count: 2,
      measured: 2,
      measured_seconds: 31.25,
      rounds: 3,
      tiles: 11,
    };
    await importFile(page, writeFile("csv.json", exportOf([...SPREAD, captcha])));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^tacheron-export-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), "utf8")
      .trimEnd()
      .split("\n");
    assert.equal(lines[0], "date,platform,kind,detail,count,measured,measured_seconds,rounds,tiles");
    const expected = SPREAD.map((r) => `${r.date},${r.platform},${r.kind},${r.detail ?? ""},${r.count},,,,`);
    expected.push(`${captcha.date},other,captcha,recaptcha-image,2,2,31.250,3,11`);
    assert.deepEqual(lines.slice(1).sort(), expected.sort());
    await page.locator("#status", { hasText: "Exported 6 records." }).waitFor();
  }));

test("paused, a like counts nothing; resumed, counting starts again", () =>
  withBrowser(async (browser) => {
    const dashboard = await browser.dashboard();
    assert.equal(await dashboard.textContent("#pause-state"), "Counting is on.");
    assert.ok(await dashboard.isHidden("#pause-banner"));

    // For an hour: until a time an hour from now.
    await dashboard.click("#pause-hour");
    // "until 3:12 PM", or from 11 PM on, "until Sunday, November 29 at 12:12 AM".
    await dashboard.locator("#pause-state", { hasText: /^Counting is paused until (\d|[A-Z][a-z]+day, )/ }).waitFor();
    const settings = async () => (await askCore(dashboard, "settings")).settings;
    const hour = (await settings()).paused.until.epoch_ms;
    assert.ok(Math.abs(hour - (Date.now() + 3_600_000)) < 60_000, "about an hour from now");

    // Until tomorrow: until the next local midnight.
    await dashboard.click("#pause-tomorrow");
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    await dashboard.waitForFunction(async (expected) => {
      const { ask } = await import(chrome.runtime.getURL("lib/core-client.js"));
      return (await ask("settings")).settings.paused?.until?.epoch_ms === expected;
    }, midnight.getTime());
    assert.match(await dashboard.textContent("#pause-state"), /paused until/);

    // Until resumed: the like on YouTube counts nothing.
    await dashboard.click("#pause-resumed");
    await dashboard.locator("#pause-state", { hasText: "Counting is paused until you resume it." }).waitFor();
    assert.ok(await dashboard.isVisible("#pause-banner"));
    assert.equal((await settings()).paused, "until_resumed");
    const youtube = await browser.visit(WATCH);
    await youtube.click(LIKE);
    assert.equal(await youtube.getAttribute(LIKE, "aria-pressed"), "true");
    await youtube.waitForTimeout(1000); // time for a report that must count nothing
    const keys = Object.keys(await browser.rawStoredData()).filter((key) => key.startsWith("day:"));
    assert.deepEqual(keys, [], "nothing counted while paused");

    // Resumed (from the banner): the dislike counts.
    await dashboard.bringToFront();
    await dashboard.click("#banner-resume");
    await dashboard.locator("#pause-state", { hasText: "Counting is on." }).waitFor();
    assert.ok(await dashboard.isHidden("#pause-banner"));
    await youtube.click(DISLIKE);
    await browser.waitForStored((data) => JSON.stringify(data).includes("dislike"), "the dislike");
    await dashboard.locator("#total-count", { hasText: /^1$/ }).waitFor();
    assert.deepEqual(await browser.exportedCounts(), [
      { platform: "youtube", kind: "reaction", detail: "dislike", count: 1 },
    ]);
  }));

test("delete everything asks first, then empties the dashboard and forgets the settings", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    await importFile(page, writeFile("delete.json", exportOf(SPREAD)));
    await choosePeriod(page, "all", 20);
    await page.uncheck('#platforms input[name="x"]');
    await page.waitForFunction(async () => {
      const { ask } = await import(chrome.runtime.getURL("lib/core-client.js"));
      return (await ask("settings")).settings.disabled_platforms.includes("x");
    });

    // Cancelled: nothing happens.
    await page.click("#delete-open");
    const dialog = page.locator("#delete-dialog");
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /cannot be undone/);
    await page.click("#delete-cancel");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await totalCount(page), "20");
    // Escape closes it too, and the focus goes back to the button.
    await page.click("#delete-open");
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "delete-open");
    assert.equal(await totalCount(page), "20");

    // Confirmed: every day and the settings go.
    await page.click("#delete-open");
    await page.click("#delete-confirm");
    await page.locator("#status", { hasText: "Deleted: 5 days of counts, and your settings." }).waitFor();
    await page.locator("#total-count", { hasText: /^0$/ }).waitFor();
    await tablesShown(page);
    assert.ok(await page.isVisible("#empty"));
    assert.ok(await page.isHidden("#details"));
    assert.ok(await page.isVisible("#charts-empty"));
    assert.equal(await page.textContent("#week-count"), "0");
    assert.deepEqual(await browser.rawStoredData(), {});
    await page.locator('#platforms input[name="x"]:checked').waitFor();
  }));

test("choosing français speaks French at once; the browser's language again speaks English", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    await importFile(page, writeFile("langue.json", exportOf(SPREAD)));
    assert.equal(await page.getAttribute("html", "lang"), "en-US");
    await page.selectOption("#language", "fr");
    await Promise.all([page.waitForEvent("load"), page.click('#preferences button[type="submit"]')]);
    await page.locator("h1", { hasText: "Le travail que vous avez donné aux plateformes" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "fr");
    await page.locator("#status", { hasText: "Enregistré." }).waitFor();
    assert.equal(await page.textContent("#totals-heading"), "Les 30 derniers jours");
    assert.match(await page.textContent("#period-dates"), /30 jours$/);
    await tablesShown(page);
    assert.match(await page.textContent("#by-kind"), /Publications et commentaires/);
    assert.equal(await page.inputValue("#language"), "fr");
    assert.equal(await page.textContent('label[for="period-all"]'), "Tout");
    // Numbers in the French way: a decimal comma in the time.
    assert.match(await page.textContent("#total-time .central"), /^\d+,\d/);

    // Another page opened now speaks French too.
    const other = await browser.dashboard();
    assert.equal(await other.getAttribute("html", "lang"), "fr");
    await other.close();

    await page.selectOption("#language", "auto");
    await Promise.all([page.waitForEvent("load"), page.click('#preferences button[type="submit"]')]);
    await page.locator("h1", { hasText: "The work you gave the platforms" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en-US");
  }));

test("the figure put forward follows the low, central or high choice", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    await importFile(page, writeFile("point.json", exportOf(SPREAD)));
    const core = (await coreOverview(page, "30d")).overview.summary;
    assert.equal(await page.textContent("#total-value .central"), dollars(core.values.piece.central));
    await page.selectOption("#point", "high");
    await page.click('#preferences button[type="submit"]');
    await page.locator("#total-value .central", { hasText: dollars(core.values.piece.high) }).waitFor();
    assert.match(await page.textContent("footer"), /the high value is put forward/);
    await page.reload();
    await page.locator("#total-value .central", { hasText: dollars(core.values.piece.high) }).waitFor();
    assert.equal(await page.inputValue("#point"), "high");
  }));

test("this week is set against the whole of last week", () =>
  withBrowser(async (browser) => {
    const monday = sinceMonday();
    const like = (date, count) => ({ date, platform: "youtube", kind: "reaction", detail: "like", count });
    const records = [
      like(daysAgo(monday + 8), 10), // the Sunday before last week: in neither
      like(daysAgo(monday + 7), 6), // last Monday
      like(daysAgo(monday + 1), 2), // last Sunday
      like(daysAgo(0), 4), // today
    ];
    const page = await browser.dashboard();
    await importFile(page, writeFile("weeks.json", exportOf(records)));
    await page.locator("#week-count", { hasText: /^4$/ }).waitFor();
    assert.equal(await page.textContent("#week-count-last"), "Last week: 8");
    assert.match(await page.textContent("#week-count-change"), /^▼ -50% compared with last week$/);
    assert.equal(await page.getAttribute("#week-count-change", "class"), "change down");
    assert.match(
      await page.textContent("#week-note"),
      /^This week so far \(.+\), against the whole of last week \(.+\)\.$/,
    );

    const { overview } = await coreOverview(page, "7d");
    assert.equal(overview.this_week.count, 4);
    assert.equal(overview.last_week.count, 8);
    // Below ten cents, the week's figures show two significant digits.
    const money = (value) =>
      dollars(
        value,
        value < 0.1
          ? { minimumFractionDigits: undefined, maximumFractionDigits: undefined, maximumSignificantDigits: 2 }
          : {},
      );
    assert.equal(await page.textContent("#week-wage .central"), money(overview.this_week.at_wage.central));
    assert.equal(await page.textContent("#week-piece .central"), money(overview.this_week.piece.central));
    assert.match(await page.textContent("#week-time-change"), /-50% compared with last week/);
    assert.match(await page.textContent("#week-wage-label"), /US minimum wage/);
  }));

/** Presses Tab until the focus is on an element that matches `selector` (fails after 100). */
async function tabTo(page, selector) {
  for (let press = 0; press < 100; press += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((css) => document.activeElement?.matches(css), selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** A date as a person types it in an English (US) date field: month, day, year. */
const typedDate = (iso) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;

test("the dashboard is usable from the keyboard alone, and every stop shows where the focus is", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    // Scrolling is then instant (otherwise smooth, for a few hundred ms), so that where the focus
    // is can be read as soon as it has moved.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await importFile(page, writeFile("keyboard.json", exportOf(SPREAD)));
    await page.reload();
    await page.locator("#total-count", { hasText: /^9$/ }).waitFor();
    await tablesShown(page);

    // Every stop of the page, in order, until the focus leaves it.
    const stops = await tabStops(page);
    const names = stops.map((stop) => stop.name);
    assert.equal(names[0], "a “Skip to the figures”", "the skip link comes first");
    for (const control of ["period-30d", "delete-open", "language", "export-json", "export-csv", "import-file"]) {
      assert.ok(names.includes(control), `${control} is reached with Tab: ${names.join(", ")}`);
    }
    assert.equal(
      names.filter((name) => name.startsWith("period-")).length,
      1,
      "the periods are one stop (arrows move within)",
    );
    assert.equal(names.filter((name) => name.includes("Show the figures as a table")).length, 3, "each chart's table");
    assert.deepEqual(
      stops.filter((stop) => !stop.shows).map((stop) => stop.name),
      [],
      "no stop without a visible focus",
    );
    assert.deepEqual(
      stops.filter((stop) => !stop.inView).map((stop) => stop.name),
      [],
      "no stop out of sight",
    );

    // The skip link leads past the navigation, to the periods.
    await page.reload();
    await page.locator("#total-count", { hasText: /^9$/ }).waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "period-30d");

    // Arrows choose the period.
    await page.keyboard.press("ArrowRight");
    await page.locator("#total-count", { hasText: /^14$/ }).waitFor();
    assert.equal(await page.textContent("#totals-heading"), "The last 12 months");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.locator("#total-count", { hasText: /^5$/ }).waitFor();
    assert.equal(await page.textContent("#totals-heading"), "The last 7 days");

    // Dates typed in: from four days ago to today, the likes and the post (2 + 3).
    await page.keyboard.press("ArrowLeft");
    await page.locator("#total-count", { hasText: /^2$/ }).waitFor();
    assert.equal(await page.textContent("#totals-heading"), "Today");
    await page.keyboard.press("ArrowLeft"); // from the first period round to the last, "From… to…"
    assert.equal(await page.evaluate(() => document.activeElement.id), "period-custom");
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => [document.activeElement.id, document.activeElement.type].join(" ")),
      "period-from date",
    );
    await page.keyboard.type(typedDate(daysAgo(4)));
    // Tab first walks the date's parts (month, day, year), then leaves the field.
    await tabTo(page, "#period-to");
    await page.keyboard.type(typedDate(daysAgo(0)));
    await tabTo(page, "#custom-period button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator("#total-count", { hasText: /^5$/ }).waitFor();
    await tablesShown(page);
    assert.match(await page.textContent("#period-dates"), /5 days$/);

    // A chart's table opens with Enter.
    await tabTo(page, "#chart-daily summary");
    await page.keyboard.press("Enter");
    await page.locator("#chart-daily tbody tr").first().waitFor();
    assert.equal(await page.locator("#chart-daily tbody tr").count(), 5, "one row per day typed in");

    // The settings change from the keyboard: the figure put forward, then Apply.
    await tabTo(page, "#point");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "#preferences button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator("footer", { hasText: "the high value is put forward" }).waitFor();
    assert.equal(await page.inputValue("#point"), "high");
  }));

test("each chart has a name, a legend and a table that lists the days", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    await importFile(page, writeFile("charts.json", exportOf(SPREAD)));
    await choosePeriod(page, "7d", 5);

    const daily = page.locator("#chart-daily");
    assert.match(
      await daily.locator("svg").getAttribute("aria-label"),
      /^Actions per day, by kind\. 5 actions in all, .+\. Busiest: .+, 3 actions\.$/,
    );
    assert.deepEqual(await daily.locator(".legend li").allTextContents(), ["Reactions", "Posts and comments"]);
    assert.doesNotMatch(await daily.locator("svg").textContent(), /\d{4}-\d{2}-\d{2}/, "dates are written for people");
    // The y axis: the core's exact tick values (data-value), written by the page in its language.
    const ticks = (figure) => figure.locator("svg text.tick[data-value]");
    assert.deepEqual(await ticks(daily).evaluateAll((texts) => texts.map((t) => t.dataset.value)), [
      "0",
      "1",
      "2",
      "3",
    ]);
    assert.deepEqual(await ticks(daily).allTextContents(), ["0", "1", "2", "3"], "3 actions at most: whole steps");
    // The table is built when its <details> opens (the toggle event, a task after the click).
    await openTable(daily);
    const rows = daily.locator("tbody tr");
    assert.equal(await rows.count(), 7, "one row per day of the period");
    const headers = await daily.locator("thead th").allTextContents();
    assert.deepEqual(headers, ["Day", "Reactions", "Posts and comments", "Total", "Time"]);
    const days = await rows.locator("th").allTextContents();
    const name = (offset) =>
      new Intl.DateTimeFormat("en-US", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(
        new Date(`${daysAgo(offset)}T00:00:00Z`),
      );
    assert.deepEqual(days, [6, 5, 4, 3, 2, 1, 0].map(name));
    assert.match(await rows.nth(6).textContent(), /2\s*0\s*2/, "today: 2 reactions, no post, 2 in all");
    assert.match(await rows.nth(3).textContent(), /0\s*3\s*3/, "three days ago: 3 posts");

    const platforms = page.locator("#chart-platforms");
    assert.deepEqual(await platforms.locator("svg text.label").allTextContents(), ["X", "YouTube"]);
    assert.match(await platforms.locator("svg").getAttribute("aria-label"), /X: 3, YouTube: 2/);
    await openTable(platforms);
    assert.deepEqual(await platforms.locator("tbody tr").allTextContents(), ["X360%", "YouTube240%"]);

    const cumulative = page.locator("#chart-cumulative");
    assert.match(
      await cumulative.locator("svg").getAttribute("aria-label"),
      /^Time given, adding up over the period\. .+ in all by/,
    );
    const hours = await ticks(cumulative).evaluateAll((texts) =>
      texts.map((t) => [Number(t.dataset.value), t.textContent]),
    );
    assert.ok(hours.length >= 2 && hours[0][0] === 0 && hours[0][1] === "0", JSON.stringify(hours));
    for (const [index, [value, text]] of hours.entries()) {
      if (index > 0) assert.ok(value > hours[index - 1][0], "ticks go up");
      if (index > 0) assert.match(text, /^\d+(\.\d)? (sec|min|hr)$/, "a duration in words, never the core's raw hours");
    }
    await openTable(cumulative);
    assert.equal(await cumulative.locator("tbody tr").count(), 7);

    // A year is drawn and listed by week.
    await choosePeriod(page, "12m", 14);
    assert.equal(await daily.locator("figcaption").textContent(), "Actions per week, by kind");
    const weeks = await daily.locator("tbody tr").count();
    assert.equal(weeks, 53, "52 weeks and a day");
    // Each week named by its days, the first starting a year ago, the last ending today.
    const weekNames = await daily.locator("tbody tr th").allTextContents();
    const monthDay = (offset) =>
      new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(
        new Date(`${daysAgo(offset)}T00:00:00Z`),
      );
    assert.ok(weekNames[0].startsWith(monthDay(364)), weekNames[0]);
    assert.ok(weekNames.at(-1).endsWith(`${new Date().getDate()}, ${new Date().getFullYear()}`), weekNames.at(-1));
  }));

test("a chart's SVG reaches the page as shapes and text only, and anything else as no chart", () =>
  withBrowser(async (browser) => {
    const page = await browser.dashboard();
    const parsed = await page.evaluate(async () => {
      window.ran = [];
      const { parseSvgs } = await import("./dashboard-charts.js");
      const svg = (inside, attributes = "") => `<svg xmlns="http://www.w3.org/2000/svg"${attributes}>${inside}</svg>`;
      const charts = parseSvgs([
        svg(
          '<script>ran.push("script")</script><a href="https://example.org/"><rect/></a><rect width="2" onclick="ran.push(1)"/>' +
            '<image href="https://example.org/i.png"/><foreignObject><p>a paragraph</p></foreignObject><style>*{}</style>' +
            '<use href="#x"/><text class="tick" data-value="3">3</text>',
          ' onload="ran.push(2)"',
        ),
        "<p>not a chart</p>",
        svg("") + svg(""),
        "",
      ]);
      document.body.append(...charts.filter(Boolean));
      await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        charts: charts.map((chart) => chart?.outerHTML ?? null),
        inPage: charts[0]?.isConnected,
        ran: window.ran,
      };
    });
    assert.deepEqual(parsed.charts, [
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="2"></rect><text class="tick" data-value="3">3</text></svg>',
      null,
      null,
      null,
    ]);
    assert.equal(parsed.inPage, true);
    assert.deepEqual(parsed.ran, [], "nothing in a chart ran");
    assert.deepEqual(fixtures.server.unexpected(), [], "nothing in a chart was loaded");
  }));

test("no request left the extension during the run", () => {
  const { server } = fixtures;
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
});
