// What the detection tests share, in Chromium and in Firefox: the cases of tests/e2e/cases/, the
// barrier like that ends each one, the check of the exported records against a case's
// expectation, and the detection table printed at the end.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

/** The like on the YouTube fixture that ends every case: once it is stored, whatever the case's
 *  steps sent before it has been handled too (the core takes messages in order). Its page's `url`,
 *  its button (`like`) and the `record` it adds to the export. */
export const BARRIER = {
  url: "https://www.youtube.com/watch?v=barrier",
  like: "like-button-view-model button",
  record: { platform: "youtube", kind: "reaction", detail: "like", count: 1 },
};

/** Every file of tests/e2e/cases/, in order: `{ name, cases }`. */
export async function detectionSuites() {
  const dir = `${ROOT}/tests/e2e/cases`;
  const suites = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".mjs"))
    .sort()) {
    const { default: cases } = await import(`${dir}/${file}`);
    suites.push({ name: file.replace(/\.mjs$/, ""), cases });
  }
  return suites;
}

/** Writes the named files to a temporary folder and gives their paths (for a case's uploads and
 *  drops: the browser delivers files from disk as a person's choice). */
export function filesOnDisk(files) {
  const dir = mkdtempSync(join(tmpdir(), "tacheron-upload-"));
  return files.map(({ name }) => {
    writeFileSync(join(dir, name), name);
    return join(dir, name);
  });
}

// The date, and the measured time and how many actions it covers, vary from run to run; cases
// that care assert them through `measured`, and every run checks they agree with each other.
const withoutDate = (records) => records.map(({ date, measured_seconds, measured, ...rest }) => rest);
/** Records in one order whatever their keys' order (WebDriver hands objects over with sorted keys). */
const order = (records) => {
  const text = (record) =>
    JSON.stringify(Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b))));
  return [...records].sort((a, b) => text(a).localeCompare(text(b)));
};

/** Asserts that `records` (an export's, after the case and the barrier) are exactly what case `c`
 *  expects, plus the barrier's like. */
export function assertDetected(records, c) {
  const expected = structuredClone(c.expect);
  const barrierRecord = expected.find((r) => r.platform === "youtube" && r.kind === "reaction" && r.detail === "like");
  if (barrierRecord) barrierRecord.count += 1;
  else expected.push(BARRIER.record);
  assert.deepEqual(order(withoutDate(records)), order(expected));
  for (const record of records) {
    const measured = record.measured ?? 0;
    assert.ok(measured <= record.count, `more measured than counted: ${JSON.stringify(record)}`);
    assert.equal(
      measured > 0,
      (record.measured_seconds ?? 0) > 0,
      `measured count and time disagree: ${JSON.stringify(record)}`,
    );
  }
  if (c.measured) {
    const record = records.find((r) => r.kind === c.measured.kind);
    assert.ok(record?.measured_seconds >= c.measured.atLeastSeconds, `measured time: ${JSON.stringify(record)}`);
  }
}

/** Platform × kind → cases passed, printed as a table at the end of a run. */
export class DetectionTable {
  rows = new Map();

  /** Counts case `c` of `suite` (a case without a platform or kind is filed under its suite's
   *  name, as a negative case), passed or not. */
  tally(suite, c, passed) {
    const key = `${c.platform ?? suite.name}\t${c.kind ?? "negative"}`;
    const row = this.rows.get(key) ?? { passed: 0, total: 0 };
    row.total += 1;
    if (passed) row.passed += 1;
    this.rows.set(key, row);
  }

  print(title) {
    console.log(`\n${title} (platform, kind: cases passed / cases)`);
    for (const [key, { passed, total }] of [...this.rows.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const [platform, kind] = key.split("\t");
      console.log(`  ${platform.padEnd(10)} ${kind.padEnd(12)} ${passed}/${total}`);
    }
  }
}
