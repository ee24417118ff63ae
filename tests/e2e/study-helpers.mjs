// What the study tests share, in Chromium and in Firefox: the `tacheron` command line (manifests,
// keys, the researchers' toolkit), the study's inbox (`tacheron collect`) on loopback, and two time
// zones a day apart, for a report on a completed day.

import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

const TACHERON = join(ROOT, "target/debug/tacheron");
/** The study's inbox: a host the fixture server relays to `tacheron collect` on loopback. */
export const INBOX_HOST = "inbox.univ.example";
export const ENDPOINT = `https://${INBOX_HOST}/v1/reports`;

/** The requests `server` (the fixture server) saw for the inbox's reports. */
export const inboxRequests = (server) =>
  server.requests.filter((request) => request.key === `${INBOX_HOST}/v1/reports`);

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

/** `tacheron collect` on loopback, answering once its health check does. */
export async function startInbox({ port, database, manifest }) {
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
      if (answer.ok) return inbox;
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
export function reportsInInbox({ dir, study, manifest }) {
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
