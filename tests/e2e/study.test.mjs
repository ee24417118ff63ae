// Issue 7 end to end on loopback: a participant joins a study in Chromium, real likes are
// detected, the completed day's report is previewed and sent, waits through an inbox that is down
// and a browser restart, and reaches the real inbox (`tacheron collect`, SQLite) behind an https
// proxy; the researcher's toolkit then opens it to the very text previewed and adds it up.
//
// A report covers a completed day, so the browser lives first in one time zone, then in another
// where it is already the next day (chosen when the test starts, see `todayAndTomorrow`): the day
// of the likes is over when the browser starts again, as it is for someone who travels.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createServer as createHttpServer } from "node:http";
import { axeViolations, launchBrowser } from "./harness.mjs";
import { dateIn, ENDPOINT, newStudy, studyFixtures, tacheron, todayAndTomorrow } from "./study-helpers.mjs";

/** Where the researchers publish their manifest (a plain web server of the test's own). */
const SITE_HOST = "study.univ.example";
const STUDY = "unpaid-clicks";

const [DAY_ONE_ZONE, NEXT_DAY_ZONE] = todayAndTomorrow();

let site;
let published = "";
before(async () => {
  site = createHttpServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
    response.end(published);
  });
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
});
after(() => {
  site?.close();
});
const fixtures = studyFixtures({ name: "study", proxies: () => ({ [SITE_HOST]: site.address().port }) });

async function studyPage(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/pages/study.html`);
  return page;
}

/** A checked manifest for a study ending in 300 days, as `tacheron study manifest` prints it. */
function publishedManifest(id) {
  return JSON.parse(
    newStudy(join(fixtures.dir, `${id}-key`), {
      id,
      title: "Clics gratuits",
      contact: "etude@univ.example",
      purpose: "Mesurer le travail gratuit.",
      ethicsApproval: "CER-2026-118",
      schedule: "weekly",
      kinds: "captcha",
      platforms: "other",
      start: dateIn("UTC", -1),
      end: dateIn("UTC", 300),
    }),
  );
}

test("hostile or broken manifests are refused with a message, and nothing is stored or sent", async () => {
  const { server } = fixtures;
  const valid = publishedManifest("refusals");
  const cases = [
    ["not JSON", "{oops", /it is not JSON/],
    [
      "an http endpoint",
      JSON.stringify({ ...valid, endpoint: "http://inbox.univ.example/v1/reports" }),
      /refused.*endpoint/,
    ],
    ["an unknown key", JSON.stringify({ ...valid, tracking: true }), /refused.*tracking/],
    ["an ended study", JSON.stringify({ ...valid, start: "2020-01-06", end: "2020-06-28" }), /refused.*ended/],
    ["a huge purpose", JSON.stringify({ ...valid, purpose: "x".repeat(5000) }), /refused.*purpose/],
    ["a manifest over 16 KB", JSON.stringify({ ...valid, padding: " ".repeat(20_000) }), /too large/],
  ];
  const browser = await launchBrowser(server);
  try {
    const page = await studyPage(browser);
    for (const [what, text, expected] of cases) {
      await page.getByLabel("Paste the study's manifest").fill(text);
      await page.getByRole("button", { name: "Read the study" }).click();
      await page
        .locator("#error")
        .filter({ hasText: expected })
        .waitFor()
        .catch(async () => {
          assert.fail(`${what}: ${await page.locator("#error").textContent()}`);
        });
      assert.ok(await page.locator("#consent").isHidden(), what);
    }
    // A file goes through the same checks.
    await page.getByLabel("Paste the study's manifest").fill("");
    await page.getByLabel("or load it from a file").setInputFiles({
      name: "manifest.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ ...valid, public_key: "00".repeat(32) })),
    });
    await page.waitForFunction(() => document.getElementById("manifest-text").value.includes("public_key"));
    await page.getByRole("button", { name: "Read the study" }).click();
    await page
      .locator("#error")
      .filter({ hasText: /refused.*public_key/ })
      .waitFor();
    assert.ok(!("studies" in (await browser.rawStoredData())), "nothing stored");
    assert.equal(await page.locator("#joined").isHidden(), true);
    assert.deepEqual(server.unexpected(), []);
  } finally {
    await browser.close();
  }
});

test("in French, a manifest fetched from its https address shows the consent screen, which passes axe, and declining sends nothing", async () => {
  const { server } = fixtures;
  published = JSON.stringify(publishedManifest("clics-gratuits"));
  const browser = await launchBrowser(server, { language: "fr-FR" });
  try {
    for (const colorScheme of ["light", "dark"]) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(`chrome-extension://${browser.extensionId}/pages/study.html`);
      await page.getByRole("heading", { name: "Études de recherche" }).waitFor();
      // A refusal names the field in French.
      await page
        .getByLabel("Collez le manifeste de l’étude")
        .fill(JSON.stringify({ ...JSON.parse(published), endpoint: "http://a.example/" }));
      await page.getByRole("button", { name: "Lire l’étude" }).click();
      await page
        .locator("#error")
        .filter({ hasText: /a été refusé, rien n’a été modifié : le champ « endpoint » ne convient pas/ })
        .waitFor();
      await page.getByLabel("Collez le manifeste de l’étude").fill("");
      server.expect(`https://${SITE_HOST}/manifest.json`);
      await page.getByLabel("ou récupérez-le à une adresse https").fill(`https://${SITE_HOST}/manifest.json`);
      await page.getByRole("button", { name: "Lire l’étude" }).click();
      const consent = page.locator("#consent");
      await consent.getByRole("heading", { name: "Clics gratuits" }).waitFor();
      const text = await consent.textContent();
      assert.match(text, /Un rapport par semaine \(du lundi au dimanche\)/);
      assert.match(text, /Sans aucun identifiant/);
      assert.match(text, /chiffré avec la clé de l’étude/);
      assert.deepEqual(await axeViolations(page), [], `consent screen, ${colorScheme}`);
      if (colorScheme === "dark") {
        await page.getByRole("button", { name: "Non merci" }).click();
        await page.locator('[data-study="clics-gratuits"]').getByText("Vous avez refusé la version 1").waitFor();
        assert.deepEqual(await axeViolations(page), [], "a declined study");
      }
      await page.close();
    }
    assert.equal(fixtures.inboxRequests().length, 0);
    const stored = await browser.rawStoredData();
    assert.equal(stored.studies.studies[0].consent.decision, "declined");
    assert.deepEqual(stored.studies.outbox, []);
  } finally {
    await browser.close();
  }
});

test("a study's report of real likes is previewed, queued through an inbox that is down and a restart, and opens to the text previewed", async () => {
  const { dir, server } = fixtures;
  const likesDay = dateIn(DAY_ONE_ZONE);
  const manifestText = newStudy(join(dir, "study"), {
    id: STUDY,
    version: 1,
    title: "Unpaid clicks",
    contact: "study@univ.example",
    purpose: "How much unpaid work do platform users do?",
    ethicsApproval: "CER-2026-117",
    schedule: "daily",
    kinds: "reaction,post",
    platforms: "youtube,x",
    estimatedTime: true,
    pseudonymousId: true,
    participantsMayOmit: true,
    start: dateIn(DAY_ONE_ZONE, -7),
    end: dateIn(DAY_ONE_ZONE, 300),
  });
  const manifestFile = join(dir, "manifest.json");
  writeFileSync(manifestFile, manifestText);
  server.expect(ENDPOINT);
  const profile = mkdtempSync(join(tmpdir(), "tacheron-profile-"));

  // Day one: the participant reads the study, joins, and likes two posts.
  let participantId;
  let browser = await launchBrowser(server, { profile, timezone: DAY_ONE_ZONE });
  try {
    const page = await studyPage(browser);
    await page.getByLabel("Paste the study's manifest").fill(manifestText);
    await page.getByRole("button", { name: "Read the study" }).click();
    const consent = page.locator("#consent");
    await consent.getByRole("heading", { name: "Unpaid clicks" }).waitFor();
    assert.match(
      await consent.textContent(),
      /Université Exemple[\s\S]*CER-2026-117[\s\S]*reactions and posts and comments, on YouTube and X[\s\S]*inbox\.univ\.example/,
    );
    await page.getByRole("button", { name: "I agree, join the study" }).click();
    const card = page.locator(`[data-study="${STUDY}"]`);
    await card.getByText("Taking part since").waitFor();
    await card.getByText("No report is due yet").waitFor();
    participantId = (await card.locator("code").first().textContent()).trim();
    assert.match(participantId, /^[0-9a-f]{32}$/);

    const watch = await browser.visit("https://www.youtube.com/watch?v=fixture");
    await watch.click("like-button-view-model button");
    const feed = await browser.visit("https://x.com/home");
    await feed.locator('[data-testid="like"]').first().click();
    await browser.waitForStored((data) => {
      const day = data[`day:${likesDay}`] ?? {};
      return day["youtube/reaction/like"]?.n === 1 && day["x/reaction/like"]?.n === 1;
    }, "the two likes");
    assert.equal(fixtures.inboxRequests().length, 0, "nothing is sent before a report is agreed to");
  } finally {
    await browser.close();
  }

  // The next day, in a time zone where it has begun, with the inbox down: the day's report is reviewed and sent.
  let previewed;
  browser = await launchBrowser(server, { profile, timezone: NEXT_DAY_ZONE });
  try {
    // The popup says a report waits, and leads to it.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/pages/popup.html`);
    await popup.getByRole("link", { name: "1 study report is ready for your review" }).waitFor();
    await popup.close();
    const page = await studyPage(browser);
    const card = page.locator(`[data-study="${STUDY}"]`);
    await card.getByText("1 report is ready for you to review.").waitFor();
    await card.getByRole("button", { name: /^Review the report for / }).click();
    const payload = card.locator("pre.payload");
    await payload.waitFor();
    previewed = await payload.textContent();
    const report = JSON.parse(previewed);
    assert.equal(report.study, STUDY);
    assert.equal(report.participant, participantId);
    assert.equal(report.start, likesDay);
    assert.equal(report.end, likesDay);
    const counts = Object.fromEntries(report.rows.map((row) => [`${row.platform}/${row.kind}`, row.count]));
    assert.deepEqual(counts, { "youtube/reaction": 1, "youtube/post": 0, "x/reaction": 1, "x/post": 0 });
    assert.ok(
      report.rows.every((row) => Number.isInteger(row.seconds)),
      "the estimated time was asked for",
    );
    assert.equal(fixtures.inboxRequests().length, 0, "previewing sends nothing");

    // The study lets participants leave fields out: without the time, the report is sealed again,
    // and the text shown changes with it.
    await card.getByRole("checkbox", { name: "The estimated time" }).check();
    await card.locator("pre.payload").filter({ hasText: '"estimated_time":true' }).waitFor();
    previewed = await payload.textContent();
    const withheld = JSON.parse(previewed);
    assert.deepEqual(withheld.withheld, { kinds: [], platforms: [], estimated_time: true });
    assert.ok(withheld.rows.every((row) => row.seconds === null));
    assert.notEqual(withheld.report_id, report.report_id, "a new seal, a new report id");

    await card.getByRole("button", { name: "Send this report" }).click();
    await card
      .locator(".waiting")
      .filter({ hasText: "1 report is waiting to reach the study's inbox; next try" })
      .waitFor();
    // The failed attempt is on record (stored) before the browser closes.
    const stored = await browser.waitForStored(
      (data) => data.studies?.outbox?.[0]?.failures === 1,
      "the failed attempt",
    );
    assert.equal(stored.studies.outbox.length, 1);
    assert.ok(fixtures.inboxRequests().length >= 1, "the worker tried the inbox");
  } finally {
    await browser.close();
  }

  // The inbox is back; the browser starts again and the queue delivers, once, when the wait after
  // the failed attempt is over.
  const inbox = await fixtures.startInbox(manifestFile);
  browser = await launchBrowser(server, { profile, timezone: NEXT_DAY_ZONE });
  try {
    const page = await studyPage(browser);
    const card = page.locator(`[data-study="${STUDY}"]`);
    await card.locator("summary", { hasText: "Reports you sent (1)" }).click();
    // The first retry comes 30 s after the failed attempt (the alarm, or the worker's start).
    await card.getByText("received by the study").waitFor({ timeout: 60_000 });
    assert.equal(await card.locator(".waiting").count(), 0);

    // The researchers' side: the inbox holds one envelope, which opens to the very text previewed.
    const { envelopes, file: reports, text } = inbox.reports(STUDY);
    assert.equal(envelopes, 1);
    assert.equal(text, `${previewed}\n`);
    tacheron("study", "verify", "--manifest", manifestFile, reports);
    const csv = tacheron("study", "aggregate", "--manifest", manifestFile, reports).trim().split("\n");
    // One participant, one like each: 1 participant, sum 1, mean 1.00, median 1.0.
    for (const platform of ["youtube", "x"]) {
      const row = `${likesDay},${likesDay},${platform},reaction,1,1,1.00,1.0,`;
      assert.ok(
        csv.some((line) => line.startsWith(row)),
        `${row} in\n${csv.join("\n")}`,
      );
    }

    // Leaving: the study says so, and how to have what was sent deleted.
    await card.getByRole("button", { name: "Leave this study" }).click();
    await card.getByRole("button", { name: "Leave now" }).click();
    await card.getByText("You left this study on").waitFor();
    assert.match(await card.textContent(), new RegExp(`study@univ\\.example[\\s\\S]*${participantId}`));
    assert.deepEqual(server.unexpected(), []);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
