// The dashboard's data in and out: export as JSON (the contract of docs/export-format.md) or CSV,
// and import of a JSON export, checked before anything is merged.

import { ask, errorText } from "../lib/core-client.js";
import { EXPORT_FIELDS, RECORD_FIELDS } from "../lib/names.js";
import { localToday } from "./format.js";

const $ = (id) => document.getElementById(id);

/** chrome.runtime messages stop at 64 MiB; an export of ten years of heavy use is far smaller. */
const MAX_IMPORT_BYTES = 48 * 1024 * 1024;

/**
 * A field that version 1 of the format does not have, as [field, record number or 0], or null.
 * Everything else is the core's to check; this is checked here as well because the core's
 * WebAssembly reads an object field by field, so that a field it does not ask for passes unseen.
 */
export function unknownField(file) {
  const extra = Object.keys(file).find((key) => !EXPORT_FIELDS.includes(key));
  if (extra !== undefined) return [extra, 0];
  if (!Array.isArray(file.records)) return null;
  for (const [index, record] of file.records.entries()) {
    if (record === null || typeof record !== "object") continue;
    const field = Object.keys(record).find((key) => !RECORD_FIELDS.includes(key));
    if (field !== undefined) return [field, index + 1];
  }
  return null;
}

function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Wires the export buttons and the import field; `afterImport()` runs once a file is merged. */
export function setUpData({ fmt, message, say, afterImport }) {
  $("export-json").addEventListener("click", async () => {
    try {
      const { export: data } = await ask("export");
      download(
        new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
        `tacheron-export-${localToday()}.json`,
      );
      say(fmt.plural("exportedRecords", data.records.length));
    } catch (error) {
      say(message("exportFailed", [errorText(error)]));
    }
  });

  $("export-csv").addEventListener("click", async () => {
    try {
      const { csv } = await ask("export_csv");
      download(new Blob([csv], { type: "text/csv;charset=utf-8" }), `tacheron-export-${localToday()}.csv`);
      say(fmt.plural("exportedRecords", Math.max(0, csv.trim().split("\n").length - 1)));
    } catch (error) {
      say(message("exportFailed", [errorText(error)]));
    }
  });

  const status = $("import-status");
  const show = (text, outcome) => {
    status.textContent = text;
    status.className = outcome;
  };

  /** What the core found wrong with a file (src/import.rs, `ImportProblem`), in words. */
  function problemText(problem) {
    const record = () => [fmt.integer(problem.record)];
    switch (problem?.code) {
      case "not_an_export":
        return message("importProblemNotAnExport");
      case "unsupported_version":
        return message("importProblemVersion", [String(problem.version)]);
      case "too_many_records":
        return message("importProblemTooManyRecords", [fmt.integer(problem.records)]);
      case "date_out_of_range":
        return message("importProblemDate", record());
      case "zero_count":
        return message("importProblemZeroCount", record());
      case "more_measured_than_actions":
        return message("importProblemMeasured", record());
      case "implausible_duration":
        return message("importProblemDuration", record());
      case "duplicate":
        return message("importProblemDuplicate", record());
      default:
        return String(problem?.code ?? "?");
    }
  }

  /** Reads, checks and merges an export file; says what became of it, next to the field. */
  async function importFile(file) {
    const name = file.name;
    if (file.size > MAX_IMPORT_BYTES) return show(message("importTooLarge", [name]), "refused");
    let parsed;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return show(message("importNotJson", [name]), "refused");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      return show(message("importNotExport", [name]), "refused");
    }
    const unknown = unknownField(parsed);
    if (unknown) {
      const [field, record] = unknown;
      const shown = field.length > 40 ? `${field.slice(0, 40)}…` : field;
      return show(
        record === 0
          ? message("importUnknownField", [name, shown])
          : message("importUnknownRecordField", [name, shown, fmt.integer(record)]),
        "refused",
      );
    }
    let answer;
    try {
      answer = await ask("import", { export: parsed });
    } catch (error) {
      const refusal = error.answer;
      if (refusal?.type === "import_refused") {
        return show(message("importRefused", [name, problemText(refusal.problem)]), "refused");
      }
      if (!refusal) return show(message("importFailed", [name, errorText(error)]), "refused");
      // A file the core could not even read as an export (a field of the wrong type): its own
      // words, in English, quoted in a sentence in the page's language.
      const reason = String(refusal.message ?? "no answer").replace(/^invalid message: /, "");
      return show(message("importRefusedCoreWords", [name, reason]), "refused");
    }
    const records = fmt.plural("countRecords", answer.records);
    show(
      answer.changed_days === 0
        ? message("importNothingNew", [name, records])
        : message("importDone", [name, records, fmt.plural("changedDays", answer.changed_days)]),
      "done",
    );
    await afterImport();
  }

  $("import-file").addEventListener("change", async (event) => {
    const input = event.target;
    const [file] = input.files;
    if (!file) return;
    show(message("importReading", [file.name]), "");
    await importFile(file);
    input.value = ""; // the same file can be chosen again
  });
}
