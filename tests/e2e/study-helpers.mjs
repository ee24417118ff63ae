// What the study tests share, in Chromium and in Firefox: the `tacheron` command line (manifests,
// keys, the researchers' toolkit), the study's inbox (`tacheron collect`) on loopback behind the
// fixture server, and two time zones a day apart, for a report on a completed day.

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { freePort, ROOT, startFixtureServer } from "./harness.mjs";

const TACHERON = join(ROOT, "target/debug/tacheron");
/** The study's inbox: a host the fixture server relays to `tacheron collect` on loopback. */
const INBOX_HOST = "inbox.univ.example";
export const ENDPOINT = `https://${INBOX_HOST}/v1/reports`;

/**
 * What a study test file runs on, set up by node:test hooks registered where this is called (at
 * the top of the file). Before the file's tests: a folder of the file's own (`dir`), a loopback
 * port kept for the study's inbox, and the fixture server (`server`, on `port`; any free one by
 * default), which relays the inbox's host to that port, and each host `proxies()` names to its
 * port (`proxies` is called then, after the file's earlier `before` hooks). After them: the inbox
 * stopped if it was started, the server closed, the folder removed. Gives `dir`, `server`, and
 * - `startInbox(manifest)`: `tacheron collect` for the study of manifest file `manifest`, on the
 *   port kept for it, its SQLite file in `dir` (see `startInbox`);
 * - `inboxRequests()`: the requests the fixture server saw for the inbox's reports.
 */
export function studyFixtures({ name, port, proxies = () => ({}) }) {
  let inboxPort;
  let inbox;
  const fixtures = {
    dir: null,
    server: null,
    async startInbox(manifest) {
      inbox = await startInbox({ port: inboxPort, dir: fixtures.dir, manifest });
      return inbox;
    },
    inboxRequests: () => fixtures.server.requests.filter((request) => request.key === `${INBOX_HOST}/v1/reports`),
  };
  before(async () => {
    fixtures.dir = mkdtempSync(join(tmpdir(), `tacheron-${name}-`));
    inboxPort = await freePort();
    fixtures.server = await startFixtureServer({ port, proxies: { [INBOX_HOST]: inboxPort, ...proxies() } });
  });
  after(async () => {
    inbox?.kill();
    await fixtures.server?.close();
    rmSync(fixtures.dir, { recursive: true, force: true });
  });
  return fixtures;
}

/** Two fixed-offset time zones (UTC−12 to UTC+14) where, right now, the second one's date is the
 *  first one's plus one, both as far from a midnight as can be (at least an hour, whatever the
 *  machine's hour; the test takes under a minute). No fixed pair does it: Pago Pago (UTC−11) and
 *  Kiritimati (UTC+14) are 25 hours apart, two dates apart for an hour each day. */
export function todayAndTomorrow(now = Date.now()) {
  const HOUR = 3_600_000;
  const zones = [];
  for (let offset = -12; offset <= 14; offset += 1) {
    const local = now + offset * HOUR;
    const hour = (local % (24 * HOUR)) / HOUR;
    // POSIX names count the other way: Etc/GMT+11 is UTC−11.
    const name = offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    zones.push({ name, day: Math.floor(local / (24 * HOUR)), fromMidnight: Math.min(hour, 24 - hour) });
  }
  let best = null;
  for (const today of zones) {
    for (const tomorrow of zones) {
      if (tomorrow.day !== today.day + 1) continue;
      const margin = Math.min(today.fromMidnight, tomorrow.fromMidnight);
      if (!best || margin > best.margin) best = { margin, zones: [today.name, tomorrow.name] };
    }
  }
  return best.zones;
}
export const tacheron = (...args) => execFileSync(TACHERON, args, { encoding: "utf8" });
export const dateIn = (timeZone, plusDays = 0) =>
  new Date(Date.now() + plusDays * 86_400_000).toLocaleDateString("sv", { timeZone });

/**
 * A study of the test's own: a new key pair (`tacheron study keygen`: files `key` and `key.pub`)
 * and the manifest `tacheron study manifest` prints for it, as text. `options` are that command's
 * options by name (`ethicsApproval: "CER-2026-117"` for `--ethics-approval CER-2026-117`; `true`
 * for an option without a value), besides those every study of the tests has: its researchers at
 * Université Exemple, its reports sent to the study's inbox (`ENDPOINT`).
 */
export function newStudy(key, options) {
  tacheron("study", "keygen", "--out", key);
  const all = { publicKey: `${key}.pub`, institution: "Université Exemple", endpoint: ENDPOINT, ...options };
  const args = Object.entries(all).flatMap(([name, value]) => {
    const option = `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    return value === true ? [option] : [option, String(value)];
  });
  return tacheron("study", "manifest", ...args);
}

/**
 * `tacheron collect` on loopback, for the study of manifest file `manifest`, keeping its SQLite
 * file in `dir`; ready once its health check answers. Gives the running inbox: `kill()` stops it,
 * and `reports(study)` gives what the researchers get from it (see `reportsInInbox`).
 */
async function startInbox({ port, dir, manifest }) {
  const database = `sqlite:${join(dir, "inbox.sqlite3")}`;
  const inbox = spawn(
    TACHERON,
    [
      "collect",
      "--listen",
      `127.0.0.1:${port}`,
      "--database",
      database,
      "--manifest",
      manifest,
      "--client-ip-header",
      "X-Real-IP",
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/v1/health`);
      if (answer.ok) return { kill: () => inbox.kill(), reports: (study) => reportsInInbox({ dir, study, manifest }) };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  inbox.kill();
  throw new Error("the inbox did not start");
}

/** The researchers' side: exports study `study`'s envelopes from the inbox's SQLite file in `dir`
 *  and decrypts them with the study's private key (`dir`/study.key). Gives the number of
 *  envelopes, the decrypted reports' file and its text (one report a line). */
function reportsInInbox({ dir, study, manifest }) {
  const exported = join(dir, "export.json");
  tacheron("collect", "--database", `sqlite:${join(dir, "inbox.sqlite3")}`, "--export", study, "--out", exported);
  const file = join(dir, "reports.jsonl");
  tacheron("study", "decrypt", "--manifest", manifest, "--key", join(dir, "study.key"), "--out", file, exported);
  return {
    envelopes: JSON.parse(readFileSync(exported, "utf8")).envelopes.length,
    file,
    text: readFileSync(file, "utf8"),
  };
}
