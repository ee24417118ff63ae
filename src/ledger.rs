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

/// How many, and how much of it was measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Number of actions.
    pub count: u32,
    /// How many of them had their time measured.
    pub measured: u32,
    /// Milliseconds of measured time among them (0 when nothing was measured).
    pub measured_ms: u32,
    /// Captcha challenge rounds among them.
    pub rounds: u32,
    /// Captcha tiles clicked among them.
    pub tiles: u32,
}

/// One day's tallies.
///
/// Stored compactly, as one string of entries separated by spaces (a year of heavy use must
/// stay within about 1 KB a day): `<platform><kind><detail>=<n>[,<m>,<ms>,<r>,<t>]`, with one
/// letter for the platform and the kind ([`platform_code`], [`kind_code`]), one letter for a known
/// detail ([`DETAIL_CODES`]) or `~` and the detail in full, nothing when there is no detail, and
/// trailing zero numbers left out. `yrl=12 ocg=1,1,16450,2,9` is 12 YouTube likes and one
/// reCAPTCHA image challenge on another site, measured at 16.45 s over 2 rounds and 9 tiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayRecord {
    tallies: BTreeMap<TallyKey, Tally>,
}

/// One-letter codes of the details the rule tables produce; any other detail is stored in full.
pub const DETAIL_CODES: &[(&str, char)] = &[
    ("like", 'l'),
    ("dislike", 'd'),
    ("upvote", 'u'),
    ("downvote", 'n'),
    ("favourite", 'f'),
    ("save", 's'),
    ("repost", 'r'),
    ("report", 'x'),
    ("post", 'p'),
    ("image", 'i'),
    ("video", 'v'),
    ("other", 'o'),
    ("recaptcha-checkbox", 'c'),
    ("recaptcha-image", 'g'),
    ("recaptcha-audio", 'a'),
    ("hcaptcha-checkbox", 'h'),
    ("hcaptcha-image", 'j'),
    ("turnstile", 't'),
    ("arkose", 'k'),
];

/// The one-letter code of a platform in a stored day record.
pub fn platform_code(platform: Platform) -> char {
    match platform {
        Platform::Youtube => 'y',
        Platform::X => 'x',
        Platform::Facebook => 'f',
        Platform::Instagram => 'i',
        Platform::Tiktok => 't',
        Platform::Reddit => 'r',
        Platform::Linkedin => 'l',
        Platform::Mastodon => 'm',
        Platform::Bluesky => 'b',
        Platform::Pinterest => 'p',
        Platform::Other => 'o',
    }
}

/// The one-letter code of a kind in a stored day record.
pub fn kind_code(kind: Kind) -> char {
    match kind {
        Kind::Captcha => 'c',
        Kind::Reaction => 'r',
        Kind::Unreaction => 'u',
        Kind::Repost => 's',
        Kind::Hashtag => 'h',
        Kind::Post => 'p',
        Kind::Upload => 'f',
        Kind::Report => 'x',
    }
}

fn encode_entry(out: &mut String, key: &TallyKey, tally: &Tally) {
    out.push(platform_code(key.platform));
    out.push(kind_code(key.kind));
    if let Some(detail) = &key.detail {
        match DETAIL_CODES
            .iter()
            .find(|(name, _)| *name == detail.as_str())
        {
            Some((_, code)) => out.push(*code),
            None => {
                out.push('~');
                out.push_str(detail.as_str());
            }
        }
    }
    let numbers = [
        tally.count,
        tally.measured,
        tally.measured_ms,
        tally.rounds,
        tally.tiles,
    ];
    let used = numbers
        .iter()
        .rposition(|n| *n != 0)
        .map_or(1, |last| last + 1);
    for (index, number) in numbers.iter().take(used).enumerate() {
        out.push(if index == 0 { '=' } else { ',' });
        out.push_str(&number.to_string());
    }
}

fn decode_entry(entry: &str) -> Result<(TallyKey, Tally), String> {
    let bad = || format!("unreadable tally {entry:?}");
    let (name, numbers) = entry.split_once('=').ok_or_else(bad)?;
    let mut chars = name.chars();
    let platform = chars
        .next()
        .and_then(|c| Platform::ALL.into_iter().find(|p| platform_code(*p) == c))
        .ok_or_else(bad)?;
    let kind = chars
        .next()
        .and_then(|c| Kind::ALL.into_iter().find(|k| kind_code(*k) == c))
        .ok_or_else(bad)?;
    let rest = chars.as_str();
    let detail = if rest.is_empty() {
        None
    } else if let Some(full) = rest.strip_prefix('~') {
        Some(Detail::new(full).ok_or_else(bad)?)
    } else {
        let mut code = rest.chars();
        let name = match (code.next(), code.next()) {
            (Some(c), None) => DETAIL_CODES.iter().find(|(_, code)| *code == c),
            _ => None,
        };
        Some(
            name.and_then(|(name, _)| Detail::new(name))
                .ok_or_else(bad)?,
        )
    };
    let mut values = [0u32; 5];
    let mut parts = numbers.split(',');
    for slot in values.iter_mut() {
        match parts.next() {
            Some(part) => *slot = part.parse().map_err(|_| bad())?,
            None => break,
        }
    }
    if parts.next().is_some() {
        return Err(bad());
    }
    let [count, measured, measured_ms, rounds, tiles] = values;
    if count == 0 {
        return Err(bad());
    }
    let key = TallyKey {
        platform,
        kind,
        detail,
    };
    let tally = Tally {
        count,
        measured,
        measured_ms,
        rounds,
        tiles,
    };
    Ok((key, tally))
}

impl Serialize for DayRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_compact())
    }
}

impl<'de> Deserialize<'de> for DayRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let tallies = text
            .split(' ')
            .filter(|entry| !entry.is_empty())
            .map(decode_entry)
            .collect::<Result<_, _>>()
            .map_err(serde::de::Error::custom)?;
        Ok(DayRecord { tallies })
    }
}

impl DayRecord {
    /// The record as it is stored: one compact string (`yrl=12 ocg=1,1,16450,2,9`).
    pub fn to_compact(&self) -> String {
        let mut out = String::with_capacity(self.tallies.len() * 8);
        for (index, (key, tally)) in self.tallies.iter().enumerate() {
            if index > 0 {
                out.push(' ');
            }
            encode_entry(&mut out, key, tally);
        }
        out
    }

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

    /// Merges a tally in, keeping the larger of each number: merging the same tally twice, or a
    /// tally already counted, changes nothing. Returns whether anything changed.
    pub fn merge_tally(&mut self, key: TallyKey, tally: Tally) -> bool {
        let kept = self.tallies.entry(key).or_default();
        let merged = Tally {
            count: kept.count.max(tally.count),
            measured: kept.measured.max(tally.measured),
            measured_ms: kept.measured_ms.max(tally.measured_ms),
            rounds: kept.rounds.max(tally.rounds),
            tiles: kept.tiles.max(tally.tiles),
        };
        let changed = *kept != merged;
        *kept = merged;
        changed
    }

    /// The number of actions of the day.
    pub fn count(&self) -> u64 {
        self.tallies
            .values()
            .map(|tally| u64::from(tally.count))
            .sum()
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

    /// Merges `other` in, day by day and tally by tally, keeping the larger numbers (see
    /// [`DayRecord::merge_tally`]). Returns the days that changed, with their new records.
    pub fn merge(&mut self, other: &Ledger) -> Vec<(LocalDate, DayRecord)> {
        let mut changed = Vec::new();
        for (date, record) in &other.days {
            let day = self.days.entry(*date).or_default();
            let mut any = false;
            for (key, tally) in record.tallies() {
                any |= day.merge_tally(key.clone(), *tally);
            }
            if any {
                changed.push((*date, day.clone()));
            }
        }
        changed
    }

    /// Merges one tally into a day (see [`DayRecord::merge_tally`]).
    pub fn merge_day_tally(&mut self, date: LocalDate, key: TallyKey, tally: Tally) {
        self.days.entry(date).or_default().merge_tally(key, tally);
    }

    /// The days from `from` to `to`, both included.
    pub fn between(&self, from: LocalDate, to: LocalDate) -> Ledger {
        Ledger {
            days: self
                .days
                .range(from..=to)
                .map(|(date, record)| (*date, record.clone()))
                .collect(),
        }
    }

    /// The days from `from` to `to` (both included) with their records, without copying them.
    pub fn days_between(
        &self,
        from: LocalDate,
        to: LocalDate,
    ) -> impl Iterator<Item = (LocalDate, &DayRecord)> {
        self.days
            .range(from..=to)
            .map(|(date, record)| (*date, record))
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
        let mut odd = like();
        odd.detail = Detail::new("wow");
        day.add(&odd);
        let stored = serde_json::to_string(&day).expect("serializable");
        assert_eq!(stored, r#""yc=1,1,4200 yrl=2 yr~wow=1""#);
        let back: DayRecord = serde_json::from_str(&stored).expect("readable");
        assert_eq!(back, day);
    }

    #[test]
    fn every_detail_the_rules_produce_has_a_one_letter_code_and_codes_are_unique() {
        let mut details: Vec<&str> = crate::rules::ALL_RULES
            .iter()
            .flat_map(|rules| {
                let toggles = rules
                    .toggles
                    .iter()
                    .flat_map(|t| [t.on.detail, t.off.detail]);
                let presses = rules.presses.iter().map(|p| p.meaning.detail);
                toggles.chain(presses).collect::<Vec<_>>()
            })
            .collect();
        details.extend(["post", "image", "video", "other"]);
        for provider in crate::rules::CAPTCHA_PROVIDERS {
            details.push(provider.plain_detail);
        }
        details.extend(["recaptcha-image", "recaptcha-audio", "hcaptcha-image"]);
        for detail in details {
            assert!(
                DETAIL_CODES.iter().any(|(name, _)| *name == detail),
                "{detail}"
            );
        }
        let mut codes: Vec<char> = DETAIL_CODES.iter().map(|(_, code)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), DETAIL_CODES.len());
    }

    #[test]
    fn a_stored_record_with_unknown_names_is_refused() {
        for bad in [
            r#""zrl=1""#,
            r#""yzl=1""#,
            r#""yrQ=1""#,
            r#""yrl=0""#,
            r#""yrl=-1""#,
            r#""yrl=1,2,3,4,5,6""#,
            r#""yr~Like=1""#,
            r#""yrl""#,
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
