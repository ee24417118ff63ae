//! The export format (docs/export-format.md): `{"format": "tacheron-export", "version": 1,
//! "records": [...]}`, one record per date, platform, kind and detail. It is built from the
//! ledger alone, which holds no URL, host or text, so none can appear in it.

use crate::date::LocalDate;
use crate::ledger::Ledger;
use crate::model::{Detail, Kind, Platform};
use serde::{Deserialize, Serialize};

/// The value of the `format` field.
pub const EXPORT_FORMAT: &str = "tacheron-export";
/// The current version of the format.
pub const EXPORT_VERSION: u32 = 1;
/// The fields of an export, in version 1 (no other is accepted).
pub const EXPORT_FIELDS: &[&str] = &["format", "version", "records"];
/// The fields of a record, in version 1 (no other is accepted).
pub const RECORD_FIELDS: &[&str] = &[
    "date",
    "platform",
    "kind",
    "detail",
    "count",
    "measured",
    "measured_seconds",
    "rounds",
    "tiles",
];

/// One line of the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRecord {
    /// The user's local date.
    pub date: LocalDate,
    /// Where.
    pub platform: Platform,
    /// What kind of labour.
    pub kind: Kind,
    /// The finer split, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// How many actions.
    pub count: u32,
    /// How many of them had their time measured, when any was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<u32>,
    /// Seconds of measured time among them, when any was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_seconds: Option<f64>,
    /// Captcha challenge rounds among them, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounds: Option<u32>,
    /// Captcha tiles clicked among them, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiles: Option<u32>,
}

impl ExportRecord {
    /// How many of the record's actions had their time measured. Exports written before
    /// `measured` existed give only `measured_seconds`: a measured time then covers every action.
    pub fn measured_count(&self) -> u32 {
        match (self.measured, self.measured_seconds) {
            (Some(measured), _) => measured,
            (None, Some(seconds)) if seconds > 0.0 => self.count,
            (None, _) => 0,
        }
    }
}

/// A whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The records, by date, then platform, kind and detail.
    pub records: Vec<ExportRecord>,
}

/// The export of the whole ledger.
pub fn export(ledger: &Ledger) -> Export {
    let records = ledger
        .tallies()
        .map(|(date, key, tally)| ExportRecord {
            date,
            platform: key.platform,
            kind: key.kind,
            detail: key.detail.clone(),
            count: tally.count,
            measured: (tally.measured > 0).then_some(tally.measured),
            measured_seconds: (tally.measured_ms > 0)
                .then(|| f64::from(tally.measured_ms) / 1000.0),
            rounds: (tally.rounds > 0).then_some(tally.rounds),
            tiles: (tally.tiles > 0).then_some(tally.tiles),
        })
        .collect();
    Export {
        format: EXPORT_FORMAT.to_owned(),
        version: EXPORT_VERSION,
        records,
    }
}

/// Seconds with three decimals (`16.450`), without float formatting (its code would weigh on the
/// WebAssembly module): measured seconds are whole milliseconds.
fn three_decimals(seconds: f64) -> String {
    let ms = (seconds * 1000.0).round() as i64;
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// The export as CSV: a header line, then one line per record, in the same order and with the
/// same fields as the JSON (empty where a field is absent).
pub fn to_csv(export: &Export) -> String {
    // RECORD_FIELDS, joined (a test checks they agree).
    let mut out =
        String::from("date,platform,kind,detail,count,measured,measured_seconds,rounds,tiles\n");
    let or_empty = |value: Option<String>| value.unwrap_or_default();
    for record in &export.records {
        // Every field is a date, a name from the contract, a checked detail or a number: none
        // can hold a comma, a quote or a line break, so no quoting is needed.
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            record.date,
            record.platform,
            record.kind,
            or_empty(record.detail.as_ref().map(ToString::to_string)),
            record.count,
            or_empty(record.measured.map(|n| n.to_string())),
            or_empty(record.measured_seconds.map(three_decimals)),
            or_empty(record.rounds.map(|n| n.to_string())),
            or_empty(record.tiles.map(|n| n.to_string())),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;

    #[test]
    fn export_matches_the_documented_contract() {
        let mut ledger = Ledger::new();
        let date = LocalDate::parse("2026-11-28").expect("date");
        let like = Action {
            platform: Platform::Youtube,
            kind: Kind::Reaction,
            detail: Detail::new("like"),
            measured_ms: 0,
            effort: Default::default(),
        };
        ledger.add(date, &like);
        ledger.add(date, &like);
        assert_eq!(
            to_csv(&export(&ledger)),
            "date,platform,kind,detail,count,measured,measured_seconds,rounds,tiles\n2026-11-28,youtube,reaction,like,2,,,,\n"
        );
        let json = serde_json::to_value(export(&ledger)).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({
                "format": "tacheron-export",
                "version": 1,
                "records": [
                    { "date": "2026-11-28", "platform": "youtube", "kind": "reaction", "detail": "like", "count": 2 }
                ]
            })
        );
    }

    #[test]
    fn the_field_lists_are_the_fields_written_and_read() {
        let record = ExportRecord {
            date: LocalDate::parse("2026-11-28").expect("date"),
            platform: Platform::Other,
            kind: Kind::Captcha,
            detail: Detail::new("recaptcha-image"),
            count: 2,
            measured: Some(2),
            measured_seconds: Some(9.5),
            rounds: Some(3),
            tiles: Some(7),
        };
        let written = serde_json::to_value(&record).expect("serializable");
        let keys: Vec<&str> = written
            .as_object()
            .map(|fields| fields.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let csv = to_csv(&export(&Ledger::new()));
        assert_eq!(
            csv,
            format!("{}\n", RECORD_FIELDS.join(",")),
            "the CSV's header"
        );
        let mut expected = RECORD_FIELDS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        let file = serde_json::to_value(Export {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            records: vec![record],
        })
        .expect("serializable");
        let mut top: Vec<&str> = file
            .as_object()
            .map(|fields| fields.keys().map(String::as_str).collect())
            .unwrap_or_default();
        top.sort_unstable();
        let mut expected = EXPORT_FIELDS.to_vec();
        expected.sort_unstable();
        assert_eq!(top, expected);
    }
}
