//! Importing an export file (docs/export-format.md) into the ledger.
//!
//! The whole file is checked before anything is written, so a corrupt or hostile file is
//! refused with a message and the ledger stays as it was. Records merge by keeping the larger
//! number of each tally, so importing the same file twice, or an export of this very ledger,
//! changes nothing.

use crate::date::LocalDate;
use crate::export::{EXPORT_FORMAT, EXPORT_VERSION, Export};
use crate::ledger::{Ledger, Tally, TallyKey};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// The most records an import may hold (ten years of very heavy use).
pub const MAX_RECORDS: usize = 400_000;
/// The first date an import may hold.
const FIRST_DATE: &str = "2000-01-01";

/// What is wrong with an export file, as a code the pages put in words in their language (its
/// `Display` is the English wording, for the command line and the tests). `record` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ImportProblem {
    /// The file says it is some other format.
    NotAnExport,
    /// An export version this version does not read.
    UnsupportedVersion {
        /// The file's version.
        version: u32,
    },
    /// More records than an export can hold.
    TooManyRecords {
        /// How many the file has.
        records: usize,
    },
    /// A date before 2000 or after tomorrow.
    DateOutOfRange {
        /// Which record.
        record: usize,
    },
    /// A record that counts nothing.
    ZeroCount {
        /// Which record.
        record: usize,
    },
    /// More measured actions than actions.
    MoreMeasuredThanActions {
        /// Which record.
        record: usize,
    },
    /// A measured duration that is negative, not a number, or longer than a tally can hold.
    ImplausibleDuration {
        /// Which record.
        record: usize,
    },
    /// The same date, platform, kind and detail in two records.
    Duplicate {
        /// The second of the two.
        record: usize,
    },
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnExport => write!(f, "not a Tâcheron export"),
            Self::UnsupportedVersion { version } => write!(
                f,
                "export version {version} is not supported (this version reads {EXPORT_VERSION})"
            ),
            Self::TooManyRecords { records } => write!(
                f,
                "{records} records is more than an export can hold ({MAX_RECORDS})"
            ),
            Self::DateOutOfRange { record } => {
                write!(f, "record {record}: the date is out of range")
            }
            Self::ZeroCount { record } => write!(f, "record {record}: a count must be at least 1"),
            Self::MoreMeasuredThanActions { record } => {
                write!(f, "record {record}: more measured actions than actions")
            }
            Self::ImplausibleDuration { record } => {
                write!(
                    f,
                    "record {record}: measured_seconds is not a plausible duration"
                )
            }
            Self::Duplicate { record } => write!(
                f,
                "record {record}: the same date, platform, kind and detail twice"
            ),
        }
    }
}

/// Checks an export and turns it into a ledger of its own, or says what is wrong with it.
pub fn ledger_of(export: &Export, today: LocalDate) -> Result<Ledger, ImportProblem> {
    if export.format != EXPORT_FORMAT {
        return Err(ImportProblem::NotAnExport);
    }
    if export.version != EXPORT_VERSION {
        return Err(ImportProblem::UnsupportedVersion {
            version: export.version,
        });
    }
    if export.records.len() > MAX_RECORDS {
        return Err(ImportProblem::TooManyRecords {
            records: export.records.len(),
        });
    }
    let first = LocalDate::parse(FIRST_DATE).unwrap_or(today);
    let last = LocalDate::from_days_since_epoch(today.days_since_epoch() + 1);
    let mut seen = BTreeSet::new();
    let mut ledger = Ledger::new();
    for (index, record) in export.records.iter().enumerate() {
        let line = index + 1;
        if record.date < first || record.date > last {
            return Err(ImportProblem::DateOutOfRange { record: line });
        }
        if record.count == 0 {
            return Err(ImportProblem::ZeroCount { record: line });
        }
        let measured = record.measured.unwrap_or(0);
        if measured > record.count {
            return Err(ImportProblem::MoreMeasuredThanActions { record: line });
        }
        let seconds = record.measured_seconds.unwrap_or(0.0);
        if !(seconds.is_finite() && (0.0..=f64::from(u32::MAX) / 1000.0).contains(&seconds)) {
            return Err(ImportProblem::ImplausibleDuration { record: line });
        }
        let key = TallyKey {
            platform: record.platform,
            kind: record.kind,
            detail: record.detail.clone(),
        };
        if !seen.insert((record.date, key.to_string())) {
            return Err(ImportProblem::Duplicate { record: line });
        }
        let tally = Tally {
            count: record.count,
            measured: record.measured_count(),
            measured_ms: (seconds * 1000.0).round() as u32,
            rounds: record.rounds.unwrap_or(0),
            tiles: record.tiles.unwrap_or(0),
        };
        ledger.merge_day_tally(record.date, key, tally);
    }
    Ok(ledger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::export;

    fn today() -> LocalDate {
        LocalDate::parse("2026-11-28").expect("date")
    }

    fn parse(json: &str) -> Export {
        serde_json::from_str(json).expect("an export")
    }

    const FILE: &str = r#"{"format":"tacheron-export","version":1,"records":[
        {"date":"2026-11-27","platform":"other","kind":"captcha","detail":"recaptcha-image","count":1,"measured":1,"measured_seconds":16.5,"rounds":2,"tiles":9},
        {"date":"2026-11-28","platform":"youtube","kind":"reaction","detail":"like","count":4}]}"#;

    #[test]
    fn an_export_round_trips_and_merging_it_twice_changes_nothing() {
        let imported = ledger_of(&parse(FILE), today()).expect("valid");
        assert_eq!(
            serde_json::to_value(export(&imported)).expect("json"),
            serde_json::from_str::<serde_json::Value>(FILE).expect("json")
        );
        let mut ledger = Ledger::new();
        assert_eq!(ledger.merge(&imported).len(), 2);
        assert!(
            ledger.merge(&imported).is_empty(),
            "the second merge changes nothing"
        );
        assert_eq!(ledger, imported);
    }

    #[test]
    fn merging_keeps_the_larger_count_of_each_tally() {
        let imported = ledger_of(&parse(FILE), today()).expect("valid");
        let mut ledger = Ledger::new();
        let like = crate::model::Action::new(
            crate::model::Platform::Youtube,
            crate::model::Kind::Reaction,
            crate::model::Detail::new("like"),
        );
        for _ in 0..6 {
            ledger.add(today(), &like);
        }
        let changed = ledger.merge(&imported);
        assert_eq!(changed.len(), 1, "only the captcha's day changed");
        let likes: u64 = ledger
            .tallies()
            .filter(|(_, key, _)| key.kind == crate::model::Kind::Reaction)
            .map(|(_, _, t)| u64::from(t.count))
            .sum();
        assert_eq!(likes, 6);
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let cases = [
            (
                r#"{"format":"other","version":1,"records":[]}"#,
                "not a Tâcheron export",
            ),
            (
                r#"{"format":"tacheron-export","version":9,"records":[]}"#,
                "version 9",
            ),
            (
                r#"{"format":"tacheron-export","version":1,"records":[{"date":"1999-12-31","platform":"x","kind":"post","count":1}]}"#,
                "out of range",
            ),
            (
                r#"{"format":"tacheron-export","version":1,"records":[{"date":"2030-01-01","platform":"x","kind":"post","count":1}]}"#,
                "out of range",
            ),
            (
                r#"{"format":"tacheron-export","version":1,"records":[{"date":"2026-11-01","platform":"x","kind":"post","count":0}]}"#,
                "at least 1",
            ),
            (
                r#"{"format":"tacheron-export","version":1,"records":[{"date":"2026-11-01","platform":"x","kind":"post","count":1,"measured":2}]}"#,
                "more measured",
            ),
            (
                r#"{"format":"tacheron-export","version":1,"records":[{"date":"2026-11-01","platform":"x","kind":"post","count":1},{"date":"2026-11-01","platform":"x","kind":"post","count":2}]}"#,
                "twice",
            ),
            (
                r#"{"format":"tacheron-export","version":1,"records":[{"date":"2026-11-01","platform":"x","kind":"post","count":1,"measured_seconds":-4}]}"#,
                "plausible",
            ),
        ];
        for (json, expected) in cases {
            let error = ledger_of(&parse(json), today())
                .expect_err(json)
                .to_string();
            assert!(error.contains(expected), "{json}: {error}");
        }
        // Shapes the type itself refuses (unknown fields, a detail that could carry text).
        for json in [
            r#"{"format":"tacheron-export","version":1,"records":[],"extra":1}"#,
            r#"{"format":"tacheron-export","version":1,"records":[{"date":"2026-11-01","platform":"x","kind":"post","detail":"Hello World","count":1}]}"#,
            r#"{"format":"tacheron-export","version":1,"records":[{"date":"2026-11-01","platform":"myspace","kind":"post","count":1}]}"#,
        ] {
            assert!(serde_json::from_str::<Export>(json).is_err(), "{json}");
        }
    }
}
