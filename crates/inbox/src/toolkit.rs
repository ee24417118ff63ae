//! The researcher's toolkit (native only; `tacheron study …`): opening the inbox's envelopes
//! with the study's private key, checking that no report holds more than the manifest asks for,
//! and adding reports up per period, platform and kind.

use data_encoding::BASE64;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use tacheron::date::LocalDate;
use tacheron::model::{Kind, Platform};
use tacheron_study::envelope::open;
use tacheron_study::manifest::Manifest;
use tacheron_study::report::{Report, schedule_period};

/// The value of an inbox export's `format` field.
pub const INBOX_EXPORT_FORMAT: &str = "tacheron-inbox-export";

/// One stored envelope in an inbox export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEnvelope {
    /// When the inbox stored it (milliseconds since the epoch).
    pub received_ms: i64,
    /// The envelope's bytes, in standard base64.
    pub envelope: String,
}

/// What the inbox's export endpoint and `tacheron collect --export` give: the envelopes of one
/// study, oldest first, still sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxExport {
    /// Always [`INBOX_EXPORT_FORMAT`].
    pub format: String,
    /// The study.
    pub study: String,
    /// The envelopes.
    pub envelopes: Vec<ExportedEnvelope>,
}

impl InboxExport {
    /// An export of `envelopes` (received time, bytes).
    pub fn new(study: &str, envelopes: impl IntoIterator<Item = (i64, Vec<u8>)>) -> InboxExport {
        InboxExport {
            format: INBOX_EXPORT_FORMAT.to_owned(),
            study: study.to_owned(),
            envelopes: envelopes
                .into_iter()
                .map(|(received_ms, bytes)| ExportedEnvelope {
                    received_ms,
                    envelope: BASE64.encode(&bytes),
                })
                .collect(),
        }
    }

    /// The envelopes' bytes.
    pub fn envelope_bytes(&self) -> Result<Vec<Vec<u8>>, String> {
        if self.format != INBOX_EXPORT_FORMAT {
            return Err(format!("not an inbox export: format {:?}", self.format));
        }
        self.envelopes
            .iter()
            .enumerate()
            .map(|(index, item)| {
                BASE64
                    .decode(item.envelope.as_bytes())
                    .map_err(|error| format!("envelope {index}: {error}"))
            })
            .collect()
    }
}

/// The outcome of opening a batch of envelopes: the reports' canonical texts (each opened,
/// canonical and with the id of its envelope), and what was set aside with the reason.
#[derive(Debug, Default)]
pub struct Opened {
    /// The reports' canonical texts, duplicates (same report id) once.
    pub reports: Vec<String>,
    /// Envelopes set aside: (position, reason).
    pub refused: Vec<(usize, String)>,
}

/// Opens every envelope for `manifest`'s study with its private key.
pub fn open_all(manifest: &Manifest, private_key: &[u8; 32], envelopes: &[Vec<u8>]) -> Opened {
    let mut opened = Opened::default();
    let mut seen = BTreeSet::new();
    for (index, bytes) in envelopes.iter().enumerate() {
        let result = open(bytes, &manifest.id, private_key).and_then(|(envelope, plaintext)| {
            let report = Report::from_canonical(&plaintext)?;
            if report.report_id != envelope.report_id_hex() {
                return Err("the report id inside differs from the envelope's".to_owned());
            }
            String::from_utf8(plaintext)
                .map(|text| (report.report_id, text))
                .map_err(|error| error.to_string())
        });
        match result {
            Ok((id, text)) => {
                if seen.insert(id) {
                    opened.reports.push(text);
                }
            }
            Err(reason) => opened.refused.push((index, reason)),
        }
    }
    opened
}

/// Reads reports, one canonical text a line (what `tacheron study decrypt` writes).
pub fn read_reports(text: &str) -> Result<Vec<Report>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(index, line)| {
            Report::from_canonical(line.as_bytes()).map_err(|e| format!("line {}: {e}", index + 1))
        })
        .collect()
}

/// Every report checked against the manifest: the problems, one per report at fault (an empty
/// list when nothing goes beyond it).
pub fn verify(manifest: &Manifest, reports: &[Report]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (index, report) in reports.iter().enumerate() {
        if let Err(problem) = report.check_against(manifest) {
            problems.push(format!(
                "report {} ({}): {problem}",
                index + 1,
                report.report_id
            ));
        } else if !seen.insert(&report.report_id) {
            problems.push(format!(
                "report {} ({}): a duplicate",
                index + 1,
                report.report_id
            ));
        }
    }
    problems
}

/// Counts (and seconds) per period, platform and kind.
#[derive(Default)]
struct Cell {
    counts: Vec<u64>,
    seconds: Vec<u64>,
}

fn mean(values: &[u64]) -> f64 {
    values.iter().map(|v| *v as f64).sum::<f64>() / values.len().max(1) as f64
}

fn median(values: &mut [u64]) -> f64 {
    values.sort_unstable();
    let middle = values.len() / 2;
    match (
        values.len() % 2,
        values.get(middle),
        middle.checked_sub(1).and_then(|i| values.get(i)),
    ) {
        (1, Some(value), _) => *value as f64,
        (0, Some(high), Some(low)) => (*high as f64 + *low as f64) / 2.0,
        _ => 0.0,
    }
}

fn stats(values: &mut [u64]) -> String {
    if values.is_empty() {
        return ",,".to_owned();
    }
    let sum: u64 = values.iter().sum();
    format!("{sum},{:.2},{:.1}", mean(values), median(values))
}

/// The reports added up as CSV: one line per period, platform and kind, with the number of
/// participants who reported it (those who left it out are not counted), the sum, mean and median
/// of the counts, and the same for the estimated seconds when the study asked for them. A period
/// is the schedule's (a participant who joined mid-week counts in that week).
pub fn aggregate_csv(manifest: &Manifest, reports: &[Report]) -> String {
    let mut cells: BTreeMap<(LocalDate, LocalDate, usize, usize), Cell> = BTreeMap::new();
    for report in reports {
        let whole = schedule_period(manifest.schedule, report.end);
        let start = whole.start.max(manifest.start);
        let end = whole.end.min(manifest.end);
        for row in &report.rows {
            let platform = Platform::ALL
                .iter()
                .position(|p| *p == row.platform)
                .unwrap_or(0);
            let kind = Kind::ALL.iter().position(|k| *k == row.kind).unwrap_or(0);
            let cell = cells.entry((start, end, platform, kind)).or_default();
            cell.counts.push(row.count);
            if let Some(seconds) = row.seconds {
                cell.seconds.push(seconds);
            }
        }
    }
    let mut out = String::from(
        "period_start,period_end,platform,kind,participants,sum,mean,median,seconds_sum,seconds_mean,seconds_median\n",
    );
    for ((start, end, platform, kind), mut cell) in cells {
        let platform = Platform::ALL.get(platform).map_or("", |p| p.as_str());
        let kind = Kind::ALL.get(kind).map_or("", |k| k.as_str());
        out.push_str(&format!(
            "{start},{end},{platform},{kind},{},{},{}\n",
            cell.counts.len(),
            stats(&mut cell.counts),
            stats(&mut cell.seconds)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut [5, 1, 3]), 3.0);
        assert_eq!(median(&mut [4, 1, 3, 10]), 3.5);
        assert_eq!(median(&mut []), 0.0);
        assert_eq!(stats(&mut [4, 1, 3, 10]), "18,4.50,3.5");
    }
}
