//! The ledger: how many actions of each kind, per local day, platform and detail, and how many
//! seconds of them were measured. It keeps counts only: no URL, no host, no text, no item id.
//!
//! Each day is stored under its own key (`day:YYYY-MM-DD`), so recording an action rewrites one
//! small day record, not the whole history.

use crate::date::LocalDate;
use crate::model::{Action, Detail, Kind, Platform};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The prefix of every day record's storage key.
pub const DAY_KEY_PREFIX: &str = "day:";

/// The storage key of a day's record.
pub fn day_key(date: LocalDate) -> String {
    format!("{DAY_KEY_PREFIX}{date}")
}

/// The date in a day record's storage key.
pub fn date_of_key(key: &str) -> Option<LocalDate> {
    LocalDate::parse(key.strip_prefix(DAY_KEY_PREFIX)?)
}

/// What a tally counts: stored as `platform/kind` or `platform/kind/detail`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TallyKey {
    /// Where.
    pub platform: Platform,
    /// What kind of labour.
    pub kind: Kind,
    /// The finer split, if any.
    pub detail: Option<Detail>,
}

impl fmt::Display for TallyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.platform, self.kind)?;
        if let Some(detail) = &self.detail {
            write!(f, "/{detail}")?;
        }
        Ok(())
    }
}

impl FromStr for TallyKey {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split('/');
        let platform = parts.next().and_then(Platform::parse);
        let kind = parts.next().and_then(Kind::parse);
        let detail = parts.next().map(Detail::new);
        match (platform, kind, detail, parts.next()) {
            (Some(platform), Some(kind), None, None) => Ok(TallyKey {
                platform,
                kind,
                detail: None,
            }),
            (Some(platform), Some(kind), Some(Some(detail)), None) => Ok(TallyKey {
                platform,
                kind,
                detail: Some(detail),
            }),
            _ => Err(format!("unknown tally {text:?}")),
        }
    }
}

impl Serialize for TallyKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TallyKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// How many, and how much of it was measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// Number of actions.
    #[serde(rename = "n")]
    pub count: u32,
    /// How many of them had their time measured.
    #[serde(rename = "m", default, skip_serializing_if = "is_zero")]
    pub measured: u32,
    /// Milliseconds of measured time among them (0 when nothing was measured).
    #[serde(rename = "ms", default, skip_serializing_if = "is_zero")]
    pub measured_ms: u32,
    /// Captcha challenge rounds among them.
    #[serde(rename = "r", default, skip_serializing_if = "is_zero")]
    pub rounds: u32,
    /// Captcha tiles clicked among them.
    #[serde(rename = "t", default, skip_serializing_if = "is_zero")]
    pub tiles: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// One day's tallies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DayRecord {
    tallies: BTreeMap<TallyKey, Tally>,
}

impl DayRecord {
    /// Adds one action.
    pub fn add(&mut self, action: &Action) {
        let key = TallyKey {
            platform: action.platform,
            kind: action.kind,
            detail: action.detail.clone(),
        };
        let tally = self.tallies.entry(key).or_default();
        tally.count = tally.count.saturating_add(1);
        if action.measured_ms > 0 {
            let measured = u32::try_from(action.measured_ms).unwrap_or(u32::MAX);
            tally.measured = tally.measured.saturating_add(1);
            tally.measured_ms = tally.measured_ms.saturating_add(measured);
        }
        tally.rounds = tally.rounds.saturating_add(action.effort.rounds);
        tally.tiles = tally.tiles.saturating_add(action.effort.tiles);
    }

    /// The tallies in key order.
    pub fn tallies(&self) -> impl Iterator<Item = (&TallyKey, &Tally)> {
        self.tallies.iter()
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }
}

/// Every day's record, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    days: BTreeMap<LocalDate, DayRecord>,
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Builds a ledger from stored `(key, record)` pairs; keys that are not day keys are an error.
    pub fn from_stored(entries: Vec<(String, DayRecord)>) -> Result<Ledger, String> {
        let mut days = BTreeMap::new();
        for (key, record) in entries {
            let date = date_of_key(&key).ok_or_else(|| format!("not a day record: {key:?}"))?;
            days.insert(date, record);
        }
        Ok(Ledger { days })
    }

    /// Adds one action on `date`.
    pub fn add(&mut self, date: LocalDate, action: &Action) {
        self.days.entry(date).or_default().add(action);
    }

    /// The days with their records, oldest first.
    pub fn days(&self) -> impl Iterator<Item = (LocalDate, &DayRecord)> {
        self.days.iter().map(|(date, record)| (*date, record))
    }

    /// Every tally of every day.
    pub fn tallies(&self) -> impl Iterator<Item = (LocalDate, &TallyKey, &Tally)> {
        self.days()
            .flat_map(|(date, record)| record.tallies().map(move |(key, tally)| (date, key, tally)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like() -> Action {
        Action {
            platform: Platform::Youtube,
            kind: Kind::Reaction,
            detail: Detail::new("like"),
            measured_ms: 0,
            effort: Default::default(),
        }
    }

    #[test]
    fn a_day_record_counts_and_stores_compactly() {
        let mut day = DayRecord::default();
        day.add(&like());
        day.add(&like());
        let mut captcha = like();
        captcha.kind = Kind::Captcha;
        captcha.detail = None;
        captcha.measured_ms = 4200;
        day.add(&captcha);
        let stored = serde_json::to_string(&day).expect("serializable");
        assert_eq!(
            stored,
            r#"{"youtube/captcha":{"n":1,"m":1,"ms":4200},"youtube/reaction/like":{"n":2}}"#
        );
        let back: DayRecord = serde_json::from_str(&stored).expect("readable");
        assert_eq!(back, day);
    }

    #[test]
    fn a_stored_record_with_unknown_names_is_refused() {
        for bad in [
            r#"{"myspace/reaction":{"n":1}}"#,
            r#"{"youtube/poke":{"n":1}}"#,
            r#"{"youtube/reaction/Like It":{"n":1}}"#,
            r#"{"youtube/reaction/like/extra":{"n":1}}"#,
            r#"{"youtube/reaction":{"n":-1}}"#,
            r#"{"youtube/reaction":{"count":1}}"#,
        ] {
            assert!(serde_json::from_str::<DayRecord>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ledger_keys_are_days() {
        let date = LocalDate::parse("2026-11-28").expect("date");
        assert_eq!(day_key(date), "day:2026-11-28");
        assert_eq!(date_of_key("day:2026-11-28"), Some(date));
        assert!(Ledger::from_stored(vec![("settings".into(), DayRecord::default())]).is_err());
    }
}
