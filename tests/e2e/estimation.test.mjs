// The estimates, end to end in Chromium: what the dashboard shows after real actions on the
// fixture pages (time measured or modelled, the three amounts in the chosen currency), a change
// of valuation recomputing the history and persisting, and the methodology page citing a source
// or giving its reasoning for every figure.
//
// Expected figures are never written here: they come from the card the build wrote
// (dist/chrome/pages/rate-card.json, from rates/rate-card.toml) or from the core's own answer,
// and the page's numbers are read back and compared within the rounding of their display.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { askCore, browsersOnFixtureServer, EXTENSION_DIR, tablesShown } from "./harness.mjs";

const WATCH = "https://www.youtube.com/watch?v=estimation";
const LIKE = "like-button-view-model button";
const DISLIKE = "dislike-button-view-model button";
const SHOP = "https://shop.example.net/checkout?mode=checkbox";
const ANCHOR = 'iframe[title="reCAPTCHA"]';

const CARD = JSON.parse(readFileSync(join(EXTENSION_DIR, "pages/rate-card.json"), "utf8"));
const HOUR = 3600;

const fixtures = browsersOnFixtureServer();
const { withBrowser } = fixtures;

// --- the card, read as the core reads it ----------------------------------------------------------

/** The card's entry for an action: its own detail's, else the kind's general one. */
function rateOf(kind, detail) {
  const ofKind = CARD.actions.filter((rate) => rate.kind === kind);
  const rate = ofKind.find((r) => r.detail === detail) ?? ofKind.find((r) => r.detail === null);
  assert.ok(rate, `the card has a rate for ${kind}/${detail}`);
  return rate;
}

/** A point of a range in `from`, in `to`, at the card's exchange rate. */
function convert(amount, from, to) {
  if (from === to) return amount;
  return from === "EUR" ? amount * CARD.exchange.usd_per_eur : amount / CARD.exchange.usd_per_eur;
}

function wageOf(id) {
  const wage = CARD.wages.find((w) => w.id === id);
  assert.ok(wage, `the card has the ${id} wage`);
  return wage.hourly;
}

// --- reading the page's numbers back -------------------------------------------------------------

/**
 * The number in a formatted amount or duration ("0,014 €", "$0.015", "1.2 s"), with the half-unit
 * of its last shown digit: what the display's rounding may have moved it by.
 */
function readNumber(text, language) {
  const decimal = language.startsWith("fr") ? "," : ".";
  const match = text.match(decimal === "," ? /-?\d[\d\s\u202f\u00a0]*(,\d+)?/ : /-?\d[\d,]*(\.\d+)?/);
  assert.ok(match, `a number in ${JSON.stringify(text)}`);
  const digits = match[0].replace(/[\s\u202f\u00a0]/g, "");
  const [whole, fraction = ""] = digits.split(decimal);
  const value = Number(`${whole.replaceAll(decimal === "," ? "." : ",", "")}.${fraction || "0"}`);
  return { value, rounding: 0.5 * 10 ** -fraction.length };
}

/** Asserts that `text` shows `expected` (rounded as displayed). */
function assertShows(text, expected, language, what) {
  const { value, rounding } = readNumber(text, language);
  assert.ok(
    Math.abs(value - expected) <= rounding + 1e-12,
    `${what}: the page shows ${JSON.stringify(text)}, expected ${expected}`,
  );
}

/** The large central figure of a headline on the dashboard. */
const central = (dashboard, id) => dashboard.textContent(`#${id} .central`);

/** The core's summary, asked from an extension page as the dashboard asks it. */
async function coreSummary(page) {
  const answer = await askCore(page, "overview", { period: "all" });
  assert.equal(answer?.type, "overview", JSON.stringify(answer));
  return answer.overview.summary;
}

/** A like on the YouTube fixture, once it is stored. */
async function likeOnYouTube(browser) {
  const page = await browser.visit(WATCH);
  await page.click(LIKE);
  assert.equal(await page.getAttribute(LIKE, "aria-pressed"), "true");
  await browser.waitForStored((data) => JSON.stringify(data).includes("reaction/like"), "the like");
  await page.close();
}

/** A like on YouTube, then the dashboard, which counts it. */
async function dashboardAfterALike(browser) {
  await likeOnYouTube(browser);
  return browser.dashboard();
}

async function solveCheckbox(browser) {
  const page = await browser.visit(SHOP);
  const anchor = page.frameLocator(ANCHOR);
  await anchor.locator("#recaptcha-anchor").click();
  await anchor.locator('#recaptcha-anchor[aria-checked="true"]').waitFor();
  await browser.waitForStored((data) => JSON.stringify(data).includes("captcha/recaptcha-checkbox"), "the captcha");
  await page.close();
}

// --- the dashboard ---------------------------------------------------------------------------------

test("in French, a like is valued in euros, at the SMIC, at the card's piece rate converted", () =>
  withBrowser(
    async (browser) => {
      const dashboard = await dashboardAfterALike(browser);
      const language = "fr";

      assert.equal(await dashboard.textContent("#wage-label"), "Votre temps au SMIC");
      for (const id of ["total-value", "wage-value", "microwork-value"]) {
        const text = await dashboard.textContent(`#${id}`);
        assert.match(text, /€/, `${id} in euros`);
        assert.doesNotMatch(text, /\$/, `${id} in euros only`);
      }
      assert.match(await dashboard.textContent("#wage-source"), /€/);
      await tablesShown(dashboard);
      assert.match(await dashboard.textContent("#details tbody"), /€/);

      // One like: the card's reaction rate, piece value converted from its currency to euros.
      const like = rateOf("reaction", "like");
      const piece = (point) => convert(like.value.amount[point], like.value.currency, "EUR");
      assertShows(await central(dashboard, "total-value"), piece("central"), language, "piece value");
      const spread = await dashboard.textContent("#total-value .range");
      const [low, high] = spread.split(/\s(?:à|to)\s/);
      assertShows(low, piece("low"), language, "piece value, low");
      assertShows(high, piece("high"), language, "piece value, high");

      // Its modelled time at the SMIC, and at what micro-workers earn (converted to euros).
      const hours = like.time.seconds.central / HOUR;
      const smic = wageOf("smic");
      assert.equal(smic.currency, "EUR");
      assertShows(await central(dashboard, "wage-value"), hours * smic.amount.central, language, "at the SMIC");
      const microwork = wageOf("microwork");
      assertShows(
        await central(dashboard, "microwork-value"),
        hours * convert(microwork.amount.central, microwork.currency, "EUR"),
        language,
        "at micro-work earnings",
      );
      assertShows(await central(dashboard, "total-time"), like.time.seconds.central, language, "time");
    },
    { language: "fr-FR" },
  ));

for (const { language, ownLabel, saved } of [
  { language: "fr-FR", ownLabel: "Votre temps à votre propre salaire", saved: /Enregistré/ },
  { language: "en-US", ownLabel: "Your time at your own wage", saved: /Saved/ },
]) {
  test(`(${language}) valuing time at one's own wage in dollars recomputes the history and persists`, () =>
    withBrowser(
      async (browser) => {
        await likeOnYouTube(browser);
        const page = await browser.visit(WATCH);
        await page.click(DISLIKE);
        await browser.waitForStored((data) => JSON.stringify(data).includes("reaction/dislike"), "the dislike");
        const dashboard = await browser.dashboard();
        const before = await dashboard.textContent("#wage-value");

        await dashboard.selectOption("#currency", "USD");
        await dashboard.selectOption("#wage", "own");
        await dashboard.fill("#own-hourly", "20");
        await dashboard.locator('#valuation button[type="submit"]').click();
        await dashboard.locator("#status", { hasText: saved }).waitFor();
        await dashboard.locator("#wage-label", { hasText: ownLabel }).waitFor();

        const summary = await coreSummary(dashboard);
        assert.deepEqual(summary.valuation, { currency: "USD", wage: "own", own_hourly: 20 });
        assert.equal(summary.total.count, 2, "the like and the dislike, both already counted");
        const expected = (point) => (summary.total.seconds[point] / HOUR) * 20;
        assertShows(await central(dashboard, "wage-value"), expected("central"), language, "at my own wage");
        assert.notEqual(await dashboard.textContent("#wage-value"), before, "the figure changed");
        for (const id of ["total-value", "wage-value", "microwork-value", "wage-source"]) {
          const text = await dashboard.textContent(`#${id}`);
          assert.match(text, /\$/, `${id} in dollars`);
          assert.doesNotMatch(text, /€/, `${id} in dollars only`);
        }
        await tablesShown(dashboard);
        assert.match(await dashboard.textContent("#details tbody"), /\$/);
        assertShows(await dashboard.textContent("#wage-source"), 20, language, "the hourly rate shown");
        const pieces = ["like", "dislike"].map((detail) => rateOf("reaction", detail).value);
        assertShows(
          await central(dashboard, "total-value"),
          pieces.reduce((sum, value) => sum + convert(value.amount.central, value.currency, "USD"), 0),
          language,
          "the piece value, in dollars",
        );

        // The choice is kept: a new dashboard shows it, and values with it.
        await dashboard.reload();
        await dashboard.locator("#wage-label", { hasText: ownLabel }).waitFor();
        assert.equal(await dashboard.inputValue("#currency"), "USD");
        assert.equal(await dashboard.inputValue("#wage"), "own");
        assert.equal(Number(await dashboard.inputValue("#own-hourly")), 20);
        assert.ok(await dashboard.isVisible("#own-hourly"));
        assertShows(await central(dashboard, "wage-value"), expected("central"), language, "at my own wage, reloaded");
      },
      { language },
    ));
}

test("an own wage of zero or none is refused at the field, the previous choice stays, another choice still applies", () =>
  withBrowser(
    async (browser) => {
      const dashboard = await dashboardAfterALike(browser);
      const ownLabel = "Votre temps à votre propre salaire";
      const apply = () => dashboard.click('#valuation button[type="submit"]');
      await dashboard.selectOption("#currency", "EUR");
      await dashboard.selectOption("#wage", "own");
      await dashboard.fill("#own-hourly", "15");
      await apply();
      await dashboard.locator("#wage-label", { hasText: ownLabel }).waitFor();
      const kept = await coreSummary(dashboard);
      assert.deepEqual(kept.valuation, { currency: "EUR", wage: "own", own_hourly: 15 });
      const shown = await dashboard.textContent("#wage-value");

      for (const attempt of ["0", ""]) {
        await dashboard.evaluate(() => {
          document.getElementById("status").textContent = "";
        });
        await dashboard.selectOption("#currency", "USD");
        await dashboard.fill("#own-hourly", attempt);
        await apply();
        // The browser stops the form at the field and says why, in the person's language.
        const field = dashboard.locator("#own-hourly");
        assert.ok(await field.evaluate((input) => input.matches(":invalid")), `${JSON.stringify(attempt)} is refused`);
        assert.ok(await field.evaluate((input) => document.activeElement === input), "the field is pointed out");
        assert.notEqual(await field.evaluate((input) => input.validationMessage), "", "with a reason");
        await dashboard.waitForTimeout(200); // time for an answer that must not come
        assert.equal(await dashboard.textContent("#status"), "", "nothing was sent, nothing said saved");
        assert.deepEqual(
          (await coreSummary(dashboard)).valuation,
          kept.valuation,
          `${JSON.stringify(attempt)} changed nothing`,
        );
        assert.equal(await dashboard.textContent("#wage-value"), shown);
      }
      // The core refuses it too, when asked directly.
      const answer = await askCore(dashboard, "set_valuation", {
        valuation: { currency: "USD", wage: "own", own_hourly: 0 },
      });
      assert.equal(answer?.type, "error", JSON.stringify(answer));
      assert.deepEqual((await coreSummary(dashboard)).valuation, kept.valuation);

      await dashboard.reload();
      await dashboard.locator("#wage-label", { hasText: ownLabel }).waitFor();
      assert.equal(await dashboard.inputValue("#currency"), "EUR");
      assert.equal(await dashboard.inputValue("#wage"), "own");
      assert.equal(Number(await dashboard.inputValue("#own-hourly")), 15);

      // A refused amount left in the field does not stop another wage from being chosen.
      await dashboard.fill("#own-hourly", "0");
      await dashboard.selectOption("#wage", "smic");
      await apply();
      await dashboard.locator("#status", { hasText: /Enregistré/ }).waitFor();
      await dashboard.locator("#wage-label", { hasText: "Votre temps au SMIC" }).waitFor();
      assert.equal((await coreSummary(dashboard)).valuation.wage, "smic");
    },
    { language: "fr-FR" },
  ));

test("the time card says modelled with only likes, measured for a captcha solved", () =>
  withBrowser(async (browser) => {
    const dashboard = await dashboardAfterALike(browser);
    assert.match(await dashboard.textContent("#time-split"), /Modelled from the rate card: nothing measured yet/);
    assert.doesNotMatch(await dashboard.textContent("#details tbody"), /measured/);

    await solveCheckbox(browser);
    // The dashboard follows the ledger by itself.
    await dashboard.locator("#total-count", { hasText: "2" }).waitFor();
    await dashboard.locator("#time-split", { hasText: "measured" }).waitFor();
    const summary = await coreSummary(dashboard);
    assert.equal(summary.total.count, 2);
    assert.equal(summary.total.measured, 1);
    assert.ok(summary.total.measured_seconds > 0, "the solve was timed");

    const split = await dashboard.textContent("#time-split");
    assert.match(split, /measured for 1 of 2 actions; the rest is modelled/);
    assertShows(split, summary.total.measured_seconds, "en", "measured seconds");
    // The solve's own time replaces the card's modelled time for it; the like stays modelled.
    const like = rateOf("reaction", "like");
    assertShows(
      await central(dashboard, "total-time"),
      summary.total.measured_seconds + like.time.seconds.central,
      "en",
      "total time",
    );
    await tablesShown(dashboard);
    const rows = await dashboard.locator("#details tbody tr").allTextContents();
    assert.equal(rows.length, 2);
    const captchaRow = rows.find((row) => /Captchas/.test(row));
    const reactionRow = rows.find((row) => /Reactions/.test(row));
    assert.match(captchaRow, /Other sites.*\(measured\)/);
    assert.doesNotMatch(reactionRow, /measured/);
    // The captcha's piece value is the card's, for its own detail.
    const checkbox = rateOf("captcha", "recaptcha-checkbox");
    assert.equal(checkbox.detail, "recaptcha-checkbox");
    const valueCell = await dashboard
      .locator("#details tbody tr", { hasText: "Captchas" })
      .locator("td")
      .last()
      .textContent();
    assertShows(
      valueCell,
      convert(checkbox.value.amount.central, checkbox.value.currency, "USD"),
      "en",
      "captcha value",
    );
  }));

// --- the methodology page ------------------------------------------------------------------------

/** Every row of the methodology's two tables with its source links, notes and whether each link
 *  lands on an item of the source list; the source list's items. */
function readMethodology(page) {
  return page.evaluate(() => {
    const rows = (table) =>
      [...document.querySelectorAll(`#${table} tbody tr`)].map((row) => ({
        id: row.id,
        name: row.querySelector("th")?.textContent ?? "",
        links: [...row.querySelectorAll('a[href^="#"]')].map((a) => {
          const target = document.getElementById(a.getAttribute("href").slice(1));
          return { href: a.getAttribute("href"), text: a.textContent, lands: target?.closest("#source-list") != null };
        }),
        notes: [...row.querySelectorAll(".note")].map((p) => p.textContent),
      }));
    return {
      lang: document.documentElement.lang,
      actions: rows("action-rates"),
      references: rows("references"),
      sources: [...document.querySelectorAll("#source-list li")].map((li) => ({ id: li.id, text: li.textContent })),
      cloudflare: document.getElementById("cloudflare").textContent,
    };
  });
}

async function methodology(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/pages/methodology.html`);
  await page.locator("#source-list li").first().waitFor();
  return page;
}

for (const { language, reasoning, assumption, humanYears } of [
  { language: "en-US", reasoning: "Reasoning:", assumption: "Assumption:", humanYears: /human-years/ },
  { language: "fr-FR", reasoning: "Raisonnement :", assumption: "Hypothèse :", humanYears: /années humaines/ },
]) {
  test(`(${language}) the methodology page gives a source or its reasoning for every figure`, () =>
    withBrowser(
      async (browser) => {
        const page = await methodology(browser);
        const shown = await readMethodology(page);
        const french = language.startsWith("fr");
        assert.match(shown.lang, french ? /^fr/ : /^en/);

        // The source list: every source of the card, with its citation, at its anchor.
        assert.deepEqual(
          shown.sources.map((s) => s.id),
          CARD.sources.map((s) => `source-${s.id}`),
        );
        for (const source of CARD.sources) {
          const item = shown.sources.find((s) => s.id === `source-${source.id}`);
          assert.ok(item.text.includes(source.citation), `${source.id} is cited`);
          assert.match(item.text, new RegExp(String(source.year)));
        }

        // Every figure: a source that is in the list, or reasoning in the page's language.
        const bases = [
          ...CARD.actions.map((rate) => [rate.time.basis, rate.value.basis]),
          ...CARD.wages.map((wage) => [wage.hourly.basis]),
          ...CARD.revenue.map((revenue) => [revenue.yearly.basis]),
          [CARD.exchange.basis],
        ];
        const rows = [...shown.actions, ...shown.references];
        assert.equal(rows.length, bases.length, "one row per figure of the card");
        rows.forEach((row, index) => {
          assert.ok(row.links.length > 0 || row.notes.length > 0, `${row.name}: neither a source nor reasoning`);
          for (const link of row.links) assert.ok(link.lands, `${row.name}: ${link.href} lands nowhere`);
          const sources = [...new Set(bases[index].flatMap((basis) => basis.sources))];
          assert.deepEqual(
            row.links.map((l) => l.href),
            sources.map((id) => `#source-${id}`),
            row.name,
          );
          const texts = bases[index].map((basis) => basis.assumption).filter(Boolean);
          if (texts.length === 0) {
            assert.deepEqual(row.notes, [], `${row.name}: no reasoning to show`);
            return;
          }
          assert.equal(row.notes.length, 1, row.name);
          const note = row.notes[0];
          assert.ok(note.startsWith(sources.length ? reasoning : assumption), `${row.name}: ${note}`);
          for (const text of texts) {
            assert.ok(note.includes(french ? text.fr : text.en), `${row.name}: the reasoning in the page's language`);
            assert.ok(!note.includes(french ? text.en : text.fr), `${row.name}: no reasoning in the other language`);
          }
        });
        if (french) {
          const notes = rows.flatMap((row) => row.notes);
          assert.ok(notes.length > 0);
          assert.ok(notes.every((note) => /^(Hypothèse|Raisonnement) :/.test(note)));
        }

        // Every kind has its general row, which the dashboard links to.
        for (const kind of new Set(CARD.actions.map((rate) => rate.kind))) {
          assert.ok(
            shown.actions.some((row) => row.id === `kind-${kind}`),
            `a row for kind-${kind}`,
          );
        }

        // Cloudflare's figure, recomputed from the card: about 466 human-years every day.
        const cf = CARD.cloudflare;
        const years = (cf.seconds_per_captcha * cf.users) / cf.days_between_captchas / (365.25 * 24 * HOUR);
        assert.ok(Math.abs(years - 466) < 1, `${years}`);
        assert.match(shown.cloudflare, humanYears);
        const [, figure] = shown.cloudflare.match(new RegExp(`(\\d[\\d\\s,.]*)\\s${humanYears.source}`)) ?? [];
        assert.ok(figure, shown.cloudflare);
        assertShows(figure, years, language, "human-years");
        assert.equal(Math.round(readNumber(figure, language).value), 466);
      },
      { language },
    ));
}

test("the dashboard's links to the methodology land on a row or section that exists", () =>
  withBrowser(async (browser) => {
    await likeOnYouTube(browser);
    await solveCheckbox(browser);
    const dashboard = await browser.dashboard();
    await dashboard.locator("#details tbody tr").nth(1).waitFor();
    const links = await dashboard
      .locator('a[href^="methodology.html#"]')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
    const kinds = links.filter((href) => href.includes("#kind-")).sort();
    assert.deepEqual(kinds, ["methodology.html#kind-captcha", "methodology.html#kind-reaction"]);

    const page = await methodology(browser);
    for (const href of new Set(links)) {
      const id = href.split("#")[1];
      assert.ok(await page.locator(`[id="${id}"]`).count(), `${href} lands on an element`);
    }
    // Following a kind's link shows its row.
    await dashboard.locator("#details a", { hasText: "Captchas" }).click();
    await dashboard.waitForURL(/methodology\.html#kind-captcha$/);
    const row = dashboard.locator("#kind-captcha");
    await row.waitFor();
    assert.match(await row.textContent(), /Captchas/);
    await dashboard.waitForFunction(() => {
      const box = document.getElementById("kind-captcha").getBoundingClientRect();
      return box.top > -1 && box.bottom < window.innerHeight + 1;
    });
  }));

test("no request left the extension during the run", () => {
  const { server } = fixtures;
  assert.deepEqual(server.unexpected(), [], "requests nobody asked for");
  assert.deepEqual(server.tlsErrors, [], "connections that failed before a request");
  assert.ok(server.requests.length >= 8, "the fixture pages themselves were served");
});
