// A research study in Firefox, end to end on loopback: the participant pastes the manifest and
// joins (Firefox's own data-collection consent is asked for as well), likes a post on the YouTube
// fixture page, and the next day reviews the day's report and sends it. Firefox's background is an
// event page rather than a service worker; the report goes from there to the real inbox
// (`tacheron collect`, SQLite) behind the fixture server, and the researchers' toolkit opens it to
// the very text previewed.
//
// A report covers a completed day: Firefox runs on day one in one time zone, then, with the same
// profile, in a zone where it is already the next day (see `todayAndTomorrow`).

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { startFirefox, until } from "./firefox-driver.mjs";
import { dateIn, ENDPOINT, newStudy, studyFixtures, todayAndTomorrow } from "./study-helpers.mjs";

const STUDY = "clics-firefox";
const [DAY_ONE_ZONE, NEXT_DAY_ZONE] = todayAndTomorrow();

const fixtures = studyFixtures({ name: "firefox-study", port: 443 });

/** Reports posted to the inbox (a cross-origin POST is preceded by its CORS preflight, OPTIONS). */
const inboxPosts = () => fixtures.inboxRequests().filter((request) => request.method === "POST");

/** The study card's text, or null while the study page has none. */
const cardText = (firefox) =>
  firefox.run(`return document.querySelector('[data-study="${STUDY}"]')?.innerText ?? null;`);

test("firefox: a participant joins a study, and the next day the report of a real like is previewed, sent, and opens to the text previewed", async () => {
  const { dir, server } = fixtures;
  const manifestText = newStudy(join(dir, "study"), {
    id: STUDY,
    version: 1,
    title: "Clics sous Firefox",
    contact: "etude@univ.example",
    purpose: "Mesurer le travail gratuit.",
    ethicsApproval: "CER-2026-119",
    schedule: "daily",
    kinds: "reaction",
    platforms: "youtube",
    start: dateIn(DAY_ONE_ZONE, -7),
    end: dateIn(DAY_ONE_ZONE, 300),
  });
  server.expect(ENDPOINT);
  const manifestFile = join(dir, "manifest.json");
  writeFileSync(manifestFile, manifestText);
  const inbox = await fixtures.startInbox(manifestFile);
  const profile = join(dir, "profile");
  mkdirSync(profile);
  const likesDay = dateIn(DAY_ONE_ZONE);

  // Day one: the participant reads the study, joins, and likes a video.
  let firefox = await startFirefox({ profile, timezone: DAY_ONE_ZONE });
  try {
    await firefox.openPage("study");
    await firefox.call("POST", `/element/${await firefox.element("#manifest-text")}/value`, { text: manifestText });
    await firefox.click('#manifest-form button[type="submit"]');
    const consent = await until(
      () =>
        firefox.run(
          'const consent = document.getElementById("consent"); return consent.hidden ? null : consent.innerText;',
        ),
      Boolean,
      "the consent screen",
    );
    assert.match(consent, /Clics sous Firefox[\s\S]*CER-2026-119[\s\S]*inbox\.univ\.example/);
    await firefox.click("#accept");
    const card = await until(
      () => cardText(firefox),
      (text) => /Taking part since/.test(text ?? ""),
      "the study joined",
    );
    assert.match(card, /No report is due yet/);

    server.expect("https://www.youtube.com/watch");
    await firefox.visit("https://www.youtube.com/watch?v=fixture");
    await until(() => firefox.click("like-button-view-model button"), Boolean, "the like button");
    await until(
      () => firefox.storedToday(),
      (day) => day?.["youtube/reaction/like"]?.n === 1,
      "the like stored",
    );
    assert.equal(fixtures.inboxRequests().length, 0, "nothing is sent before a report is agreed to");
  } finally {
    await firefox.quit();
  }

  // The next day: the report of day one is ready; the participant reviews it and sends it.
  firefox = await startFirefox({ profile, timezone: NEXT_DAY_ZONE });
  try {
    await firefox.openPage("study");
    await until(
      () => cardText(firefox),
      (text) => /1 report is ready for you to review\./.test(text ?? ""),
      "the report due",
    );
    await firefox.click(`[data-study="${STUDY}"] .review-button`);
    const previewed = await until(
      () => firefox.run(`return document.querySelector('[data-study="${STUDY}"] pre.payload')?.textContent ?? null;`),
      Boolean,
      "the report previewed",
    );
    const report = JSON.parse(previewed);
    assert.equal(report.study, STUDY);
    assert.equal(report.start, likesDay);
    assert.equal(report.end, likesDay);
    assert.deepEqual(
      report.rows.map((row) => [row.platform, row.kind, row.count]),
      [["youtube", "reaction", 1]],
    );
    assert.equal(fixtures.inboxRequests().length, 0, "previewing sends nothing");

    await firefox.click(`[data-study="${STUDY}"] button.send`);
    await firefox.click(`[data-study="${STUDY}"] details[data-part="history"] summary`).catch(() => {});
    await until(
      () => cardText(firefox),
      (text) => /received by the study/.test(text ?? ""),
      "the report delivered",
      30_000,
    );
    assert.equal(inboxPosts().length, 1, "one report posted to the inbox");

    // The researchers' side: one envelope, which opens to the very text previewed.
    const { envelopes, text } = inbox.reports(STUDY);
    assert.equal(envelopes, 1);
    assert.equal(text, `${previewed}\n`);
    assert.deepEqual(server.unexpected(), []);
  } finally {
    await firefox.quit();
  }
});
