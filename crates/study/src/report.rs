//! A study report: for one period, the ledger's totals of each requested kind on each requested
//! platform (and their estimated time if asked), a random report id, and nothing else — no
//! detail finer than the ledger's day totals, no stable identifier unless the study asks for a
//! pseudonymous one.
//!
//! A report is written as **canonical bytes** ([`Report::to_canonical`]): one JSON text with a
//! fixed key order, no spaces, integers only. Those bytes are what the participant previews and
//! exactly what [`crate::envelope`] seals; the toolkit refuses a report whose bytes are not
//! canonical ([`Report::from_canonical`]), so no two texts can stand for one report.

use crate::consent::Consent;
use crate::from_hex;
use crate::manifest::{Manifest, Schedule};
use serde::{Deserialize, Serialize};
use tacheron::card::RateCard;
use tacheron::date::LocalDate;
use tacheron::ledger::Ledger;
use tacheron::model::{Kind, Platform};
use tacheron::summary::tally_estimate;

/// The value of a report's `format` field.
pub const REPORT_FORMAT: &str = "tacheron-study-report";
/// The version of the report format.
pub const REPORT_VERSION: u32 = 1;
/// The most periods [`due_periods`] returns at once (a browser off for long catches up in turns).
pub const MAX_DUE_PERIODS: usize = 62;

/// The days a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    /// The first day.
    pub start: LocalDate,
    /// The last day.
    pub end: LocalDate,
}

/// The whole schedule period (day, Monday-to-Sunday week, month) that holds `date`.
pub fn schedule_period(schedule: Schedule, date: LocalDate) -> ReportPeriod {
    match schedule {
        Schedule::Daily => ReportPeriod {
            start: date,
            end: date,
        },
        Schedule::Weekly => {
            let start = date.monday_of_week();
            ReportPeriod {
                start,
                end: start.plus_days(6),
            }
        }
        Schedule::Monthly => ReportPeriod {
            start: date.first_of_month(),
            end: date.last_of_month(),
        },
    }
}

/// The report period that holds `date` under `manifest`: its schedule period, cut to the
/// study's dates and to `from` (the day the participant joined).
fn study_period(manifest: &Manifest, from: LocalDate, date: LocalDate) -> ReportPeriod {
    let whole = schedule_period(manifest.schedule, date);
    ReportPeriod {
        start: whole.start.max(manifest.start).max(from),
        end: whole.end.min(manifest.end),
    }
}

/// The periods to report on `today`: every completed period of the study from `from` (the day
/// the participant joined) on, after `last_reported_end` (the end of the last period reported),
/// oldest first, at most [`MAX_DUE_PERIODS`].
pub fn due_periods(
    manifest: &Manifest,
    from: LocalDate,
    last_reported_end: Option<LocalDate>,
    today: LocalDate,
) -> Vec<ReportPeriod> {
    let mut periods = Vec::new();
    let mut day = manifest.start.max(from);
    if let Some(last) = last_reported_end {
        day = day.max(last.plus_days(1));
    }
    while day <= manifest.end && periods.len() < MAX_DUE_PERIODS {
        let period = study_period(manifest, from, day);
        if period.end >= today {
            break;
        }
        periods.push(period);
        day = period.end.plus_days(1);
    }
    periods
}

/// What the participant leaves out of a report (only when the study allows it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withheld {
    /// Kinds left out.
    #[serde(default)]
    pub kinds: Vec<Kind>,
    /// Platforms left out.
    #[serde(default)]
    pub platforms: Vec<Platform>,
    /// Whether the estimated time is left out.
    #[serde(default)]
    pub estimated_time: bool,
}

impl Withheld {
    fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.platforms.is_empty() && !self.estimated_time
    }
}

/// One total of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Where.
    pub platform: Platform,
    /// What kind of labour.
    pub kind: Kind,
    /// How many actions in the period.
    pub count: u64,
    /// Their estimated time in whole seconds (central estimate, measured time first), when the
    /// study asks for it and the participant did not leave it out.
    pub seconds: Option<u64>,
}

/// A report, as previewed and as sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// Always [`REPORT_VERSION`].
    pub version: u32,
    /// The study's id.
    pub study: String,
    /// The manifest version consented to.
    pub study_version: u32,
    /// Random, new for each report (32 hex digits): lets the inbox refuse replays.
    pub report_id: String,
    /// The pseudonymous participant id, only when the study asks for one.
    pub participant: Option<String>,
    /// The first day covered.
    pub start: LocalDate,
    /// The last day covered.
    pub end: LocalDate,
    /// What the participant left out.
    pub withheld: Withheld,
    /// One row per requested platform and kind not left out, in the manifest's order (zeros
    /// included: a zero is an answer).
    pub rows: Vec<Row>,
}

/// Builds the report of `period` from the ledger. Refused without a current consent, for a
/// period outside the study or not a whole schedule period, or with withheld fields the study
/// does not allow or did not ask for.
pub fn build_report(
    card: &RateCard,
    manifest: &Manifest,
    consent: &Consent,
    ledger: &Ledger,
    period: ReportPeriod,
    withheld: Withheld,
    report_id: String,
) -> Result<Report, String> {
    if !consent.allows_reports(manifest) {
        return Err(format!(
            "no consent to version {} of study {}",
            manifest.version, manifest.id
        ));
    }
    check_period(manifest, period)?;
    check_withheld(manifest, &withheld)?;
    let with_time = manifest.fields.estimated_time && !withheld.estimated_time;
    let valuation = tacheron::estimate::Valuation::for_locale("en");
    let mut rows = Vec::new();
    for platform in &manifest.fields.platforms {
        if withheld.platforms.contains(platform) {
            continue;
        }
        for kind in &manifest.fields.kinds {
            if withheld.kinds.contains(kind) {
                continue;
            }
            let mut count = 0u64;
            let mut seconds = 0.0f64;
            for (_, record) in ledger.days_between(period.start, period.end) {
                for (key, tally) in record.tallies() {
                    if key.platform == *platform && key.kind == *kind {
                        count += u64::from(tally.count);
                        if with_time {
                            seconds += tally_estimate(card, key, tally, &valuation).seconds.central;
                        }
                    }
                }
            }
            rows.push(Row {
                platform: *platform,
                kind: *kind,
                count,
                seconds: with_time.then(|| seconds.round().max(0.0) as u64),
            });
        }
    }
    Ok(Report {
        format: REPORT_FORMAT.to_owned(),
        version: REPORT_VERSION,
        study: manifest.id.clone(),
        study_version: manifest.version,
        report_id,
        participant: consent.participant_id.clone(),
        start: period.start,
        end: period.end,
        withheld,
        rows,
    })
}

fn check_period(manifest: &Manifest, period: ReportPeriod) -> Result<(), String> {
    let whole = schedule_period(manifest.schedule, period.start);
    let inside = period.start <= period.end
        && period.start >= manifest.start
        && period.end <= manifest.end
        && period.end == whole.end.min(manifest.end);
    if inside {
        Ok(())
    } else {
        Err(format!(
            "{} to {} is not a {:?} period of the study",
            period.start, period.end, manifest.schedule
        ))
    }
}

fn check_withheld(manifest: &Manifest, withheld: &Withheld) -> Result<(), String> {
    if withheld.is_empty() {
        return Ok(());
    }
    if !manifest.participants_may_omit {
        return Err("this study does not let participants leave fields out".to_owned());
    }
    let fields = &manifest.fields;
    if withheld.kinds.iter().any(|k| !fields.kinds.contains(k))
        || withheld
            .platforms
            .iter()
            .any(|p| !fields.platforms.contains(p))
        || (withheld.estimated_time && !fields.estimated_time)
    {
        return Err("only requested fields can be left out".to_owned());
    }
    if fields.kinds.iter().all(|k| withheld.kinds.contains(k))
        || fields
            .platforms
            .iter()
            .all(|p| withheld.platforms.contains(p))
    {
        return Err("leaving out every kind or every platform leaves nothing to report".to_owned());
    }
    Ok(())
}

/// Writes a JSON string; every string in a report is an id, a date or a name, but quotes,
/// backslashes and control characters are escaped all the same.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_list<T>(out: &mut String, items: &[T], name: impl Fn(&T) -> &'static str) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_json_string(out, name(item));
    }
    out.push(']');
}

impl Report {
    /// The canonical text: keys in the order of the struct, no whitespace, integers only,
    /// `null` for absent values.
    pub fn to_canonical(&self) -> String {
        let mut out = String::with_capacity(256 + self.rows.len() * 64);
        out.push_str("{\"format\":");
        push_json_string(&mut out, &self.format);
        out.push_str(&format!(",\"version\":{}", self.version));
        out.push_str(",\"study\":");
        push_json_string(&mut out, &self.study);
        out.push_str(&format!(",\"study_version\":{}", self.study_version));
        out.push_str(",\"report_id\":");
        push_json_string(&mut out, &self.report_id);
        out.push_str(",\"participant\":");
        match &self.participant {
            Some(id) => push_json_string(&mut out, id),
            None => out.push_str("null"),
        }
        out.push_str(&format!(
            ",\"start\":\"{}\",\"end\":\"{}\"",
            self.start, self.end
        ));
        out.push_str(",\"withheld\":{\"kinds\":");
        push_list(&mut out, &self.withheld.kinds, |k| k.as_str());
        out.push_str(",\"platforms\":");
        push_list(&mut out, &self.withheld.platforms, |p| p.as_str());
        out.push_str(&format!(
            ",\"estimated_time\":{}}},\"rows\":[",
            self.withheld.estimated_time
        ));
        for (index, row) in self.rows.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "{{\"platform\":\"{}\",\"kind\":\"{}\",\"count\":{},\"seconds\":",
                row.platform, row.kind, row.count
            ));
            match row.seconds {
                Some(seconds) => out.push_str(&seconds.to_string()),
                None => out.push_str("null"),
            }
            out.push('}');
        }
        out.push_str("]}");
        out
    }

    /// Reads a report's canonical bytes; anything that is not exactly the canonical text of a
    /// report (other key order, spaces, unknown keys, floats) is refused.
    pub fn from_canonical(bytes: &[u8]) -> Result<Report, String> {
        let report: Report =
            serde_json::from_slice(bytes).map_err(|error| format!("not a report: {error}"))?;
        if report.to_canonical().as_bytes() != bytes {
            return Err("the report's bytes are not in canonical form".to_owned());
        }
        Ok(report)
    }

    /// Checks that the report holds nothing beyond what `manifest` asks for: the same study and
    /// version, a period of its schedule within its dates, only requested platforms and kinds
    /// each once, time only if asked, a participant id only if asked, fields left out only if
    /// allowed.
    pub fn check_against(&self, manifest: &Manifest) -> Result<(), String> {
        if self.format != REPORT_FORMAT || self.version != REPORT_VERSION {
            return Err(format!(
                "unknown report format {} {}",
                self.format, self.version
            ));
        }
        if self.study != manifest.id || self.study_version != manifest.version {
            return Err(format!(
                "report for {} version {}, manifest is {} version {}",
                self.study, self.study_version, manifest.id, manifest.version
            ));
        }
        if from_hex(&self.report_id).is_none_or(|id| id.len() != 16) {
            return Err("the report id is not 32 hex digits".to_owned());
        }
        match (&self.participant, manifest.pseudonymous_id) {
            (Some(id), true) if from_hex(id).is_some_and(|id| id.len() == 16) => {}
            (None, false) => {}
            (Some(_), false) => return Err("a participant id the study did not ask for".to_owned()),
            _ => return Err("a missing or malformed participant id".to_owned()),
        }
        check_period(
            manifest,
            ReportPeriod {
                start: self.start,
                end: self.end,
            },
        )?;
        check_withheld(manifest, &self.withheld)?;
        let with_time = manifest.fields.estimated_time && !self.withheld.estimated_time;
        let expected: Vec<(Platform, Kind)> = manifest
            .fields
            .platforms
            .iter()
            .filter(|p| !self.withheld.platforms.contains(p))
            .flat_map(|p| {
                manifest
                    .fields
                    .kinds
                    .iter()
                    .filter(|k| !self.withheld.kinds.contains(k))
                    .map(move |k| (*p, *k))
            })
            .collect();
        let found: Vec<(Platform, Kind)> = self.rows.iter().map(|r| (r.platform, r.kind)).collect();
        if found != expected {
            return Err("the rows are not exactly the requested platforms and kinds".to_owned());
        }
        if self
            .rows
            .iter()
            .any(|row| row.seconds.is_some() != with_time)
        {
            return Err(if with_time {
                "a row without the requested time".to_owned()
            } else {
                "a time the study did not ask for".to_owned()
            });
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::PortRng;
    use crate::consent::Decision;
    use crate::manifest::parse_manifest;
    use crate::manifest::tests::{sample_json, today};
    use tacheron::card::CARD;
    use tacheron::memory::SeededRandom;
    use tacheron::model::{Action, Detail};

    pub(crate) fn date(text: &str) -> LocalDate {
        LocalDate::parse(text).expect("date")
    }

    pub(crate) fn manifest_with(change: impl FnOnce(&mut serde_json::Value)) -> Manifest {
        let mut value = sample_json();
        change(&mut value);
        parse_manifest(&value.to_string(), today()).expect("valid")
    }

    pub(crate) fn accepted(manifest: &Manifest) -> Consent {
        Consent::decide(
            manifest,
            Decision::Accepted,
            1,
            2,
            None,
            &mut PortRng::new(&SeededRandom::new(7)),
        )
    }

    /// A week of use: likes and a post on YouTube, a measured captcha on X, likes on Reddit (not
    /// requested), and a like the week after.
    pub(crate) fn ledger() -> Ledger {
        let mut ledger = Ledger::new();
        for (day, platform, kind, detail, measured_ms) in [
            ("2027-01-05", Platform::Youtube, Kind::Reaction, "like", 0),
            ("2027-01-05", Platform::Youtube, Kind::Reaction, "like", 0),
            ("2027-01-05", Platform::Youtube, Kind::Reaction, "like", 0),
            (
                "2027-01-10",
                Platform::Youtube,
                Kind::Reaction,
                "dislike",
                0,
            ),
            ("2027-01-06", Platform::Youtube, Kind::Post, "post", 0),
            (
                "2027-01-07",
                Platform::X,
                Kind::Captcha,
                "recaptcha-image",
                16_450,
            ),
            ("2027-01-07", Platform::Reddit, Kind::Reaction, "upvote", 0),
            ("2027-01-11", Platform::Youtube, Kind::Reaction, "like", 0),
        ] {
            let action = Action {
                measured_ms,
                ..Action::new(platform, kind, Detail::new(detail))
            };
            ledger.add(date(day), &action);
        }
        ledger
    }

    pub(crate) fn first_week() -> ReportPeriod {
        ReportPeriod {
            start: date("2027-01-04"),
            end: date("2027-01-10"),
        }
    }

    pub(crate) const REPORT_ID: &str = "00112233445566778899aabbccddeeff";

    /// The report of `period` from [`ledger`], with [`REPORT_ID`].
    fn report_of(
        manifest: &Manifest,
        consent: &Consent,
        period: ReportPeriod,
        withheld: Withheld,
    ) -> Result<Report, String> {
        build_report(
            &CARD,
            manifest,
            consent,
            &ledger(),
            period,
            withheld,
            REPORT_ID.to_owned(),
        )
    }

    /// The whole report of the first week, consented to.
    pub(crate) fn first_week_report(manifest: &Manifest) -> Report {
        report_of(
            manifest,
            &accepted(manifest),
            first_week(),
            Withheld::default(),
        )
        .expect("built")
    }

    #[test]
    fn a_report_holds_the_ledgers_totals_for_the_requested_fields_only() {
        let manifest = manifest_with(|_| {});
        let report = first_week_report(&manifest);
        let counts: Vec<(Platform, Kind, u64)> = report
            .rows
            .iter()
            .map(|r| (r.platform, r.kind, r.count))
            .collect();
        assert_eq!(
            counts,
            [
                (Platform::Youtube, Kind::Reaction, 4),
                (Platform::Youtube, Kind::Post, 1),
                (Platform::Youtube, Kind::Captcha, 0),
                (Platform::X, Kind::Reaction, 0),
                (Platform::X, Kind::Post, 0),
                (Platform::X, Kind::Captcha, 1),
            ]
        );
        // The measured captcha counts its measured 16.45 s.
        assert_eq!(report.rows[5].seconds, Some(16));
        assert_eq!(report.participant, None);
        assert!(report.check_against(&manifest).is_ok());
        let text = report.to_canonical();
        assert!(text.starts_with(
            "{\"format\":\"tacheron-study-report\",\"version\":1,\"study\":\"labour-2027\",\"study_version\":2,\"report_id\":\"00112233445566778899aabbccddeeff\",\"participant\":null,\"start\":\"2027-01-04\",\"end\":\"2027-01-10\",\"withheld\":{\"kinds\":[],\"platforms\":[],\"estimated_time\":false},\"rows\":[{\"platform\":\"youtube\",\"kind\":\"reaction\",\"count\":4,\"seconds\":"
        ), "{text}");
        assert!(!text.contains("reddit") && !text.contains("like"), "{text}");
        assert_eq!(Report::from_canonical(text.as_bytes()), Ok(report));
    }

    #[test]
    fn withheld_fields_leave_the_report_only_when_the_study_allows_it() {
        let manifest = manifest_with(|_| {});
        let consent = accepted(&manifest);
        let withheld = Withheld {
            kinds: vec![Kind::Post],
            platforms: vec![Platform::X],
            estimated_time: true,
        };
        let report = report_of(&manifest, &consent, first_week(), withheld.clone()).expect("built");
        assert_eq!(report.rows.len(), 2);
        assert!(report.rows.iter().all(|r| r.platform == Platform::Youtube
            && r.kind != Kind::Post
            && r.seconds.is_none()));
        assert!(report.check_against(&manifest).is_ok());
        let strict = manifest_with(|v| v["participants_may_omit"] = serde_json::json!(false));
        let error =
            report_of(&strict, &accepted(&strict), first_week(), withheld).expect_err("refused");
        assert_eq!(
            error,
            "this study does not let participants leave fields out"
        );
        let everything = Withheld {
            platforms: vec![Platform::X, Platform::Youtube],
            ..Withheld::default()
        };
        assert!(report_of(&manifest, &consent, first_week(), everything).is_err());
        let unrequested = Withheld {
            platforms: vec![Platform::Reddit],
            ..Withheld::default()
        };
        assert!(report_of(&manifest, &consent, first_week(), unrequested).is_err());
    }

    #[test]
    fn no_report_without_consent_to_this_version_or_outside_the_schedule() {
        let manifest = manifest_with(|_| {});
        let old = accepted(&manifest_with(|v| v["version"] = serde_json::json!(1)));
        let error =
            report_of(&manifest, &old, first_week(), Withheld::default()).expect_err("refused");
        assert_eq!(error, "no consent to version 2 of study labour-2027");
        let consent = accepted(&manifest);
        for (start, end) in [
            ("2027-01-04", "2027-01-09"),
            ("2027-01-05", "2027-01-12"),
            ("2027-01-03", "2027-01-10"),
            ("2027-01-10", "2027-01-04"),
        ] {
            let period = ReportPeriod {
                start: date(start),
                end: date(end),
            };
            assert!(
                report_of(&manifest, &consent, period, Withheld::default()).is_err(),
                "{start} {end}"
            );
        }
        // Joined on a Wednesday: the first report starts that day.
        let joined = ReportPeriod {
            start: date("2027-01-06"),
            end: date("2027-01-10"),
        };
        let report = report_of(&manifest, &consent, joined, Withheld::default()).expect("built");
        assert_eq!(report.rows[0].count, 1);
        assert!(report.check_against(&manifest).is_ok());
    }

    #[test]
    fn due_periods_are_the_completed_ones_after_the_last_report() {
        let manifest = manifest_with(|_| {});
        let due = due_periods(&manifest, date("2027-01-06"), None, date("2027-01-20"));
        assert_eq!(
            due,
            [
                ReportPeriod {
                    start: date("2027-01-06"),
                    end: date("2027-01-10")
                },
                ReportPeriod {
                    start: date("2027-01-11"),
                    end: date("2027-01-17")
                },
            ]
        );
        assert_eq!(
            due_periods(
                &manifest,
                date("2027-01-06"),
                Some(date("2027-01-17")),
                date("2027-01-20")
            ),
            []
        );
        let monthly = manifest_with(|v| v["schedule"] = serde_json::json!("monthly"));
        let due = due_periods(&monthly, date("2027-01-01"), None, date("2027-07-02"));
        assert_eq!(due.len(), 6);
        assert_eq!(
            due[1],
            ReportPeriod {
                start: date("2027-02-01"),
                end: date("2027-02-28")
            }
        );
        assert_eq!(
            due[5],
            ReportPeriod {
                start: date("2027-06-01"),
                end: date("2027-06-27")
            }
        );
        let daily = manifest_with(|v| v["schedule"] = serde_json::json!("daily"));
        assert_eq!(
            due_periods(&daily, date("2027-01-01"), None, date("2027-06-01")).len(),
            MAX_DUE_PERIODS
        );
    }

    #[test]
    fn verification_refuses_anything_beyond_the_manifest() {
        let manifest = manifest_with(|_| {});
        let report = first_week_report(&manifest);
        let mut extra_platform = report.clone();
        extra_platform.rows.push(Row {
            platform: Platform::Reddit,
            kind: Kind::Reaction,
            count: 1,
            seconds: Some(2),
        });
        let mut participant = report.clone();
        participant.participant = Some(REPORT_ID.to_owned());
        let mut no_time = report.clone();
        no_time.rows[0].seconds = None;
        let mut other_version = report.clone();
        other_version.study_version = 1;
        for bad in [extra_platform, participant, no_time, other_version] {
            assert!(
                bad.check_against(&manifest).is_err(),
                "{}",
                bad.to_canonical()
            );
        }
        let spaced = report.to_canonical().replacen(",", ", ", 1);
        assert_eq!(
            Report::from_canonical(spaced.as_bytes()),
            Err("the report's bytes are not in canonical form".to_owned())
        );
        let unknown = report.to_canonical().replacen("{", "{\"url\":\"x\",", 1);
        assert!(Report::from_canonical(unknown.as_bytes()).is_err());
    }
}
