//! The dashboard's and the popup's views of the ledger: for the dashboard, the overview of a
//! period (its summary, this week against last week, the daily series behind the charts, and the
//! charts themselves, [`crate::charts`]); for the popup and the badge, [`Today`] alone.

use crate::card::{Range, RateCard};
use crate::charts::{self, Charts, DayPoint};
use crate::date::LocalDate;
use crate::estimate::Estimate;
use crate::estimate::Valuation;
use crate::ledger::Ledger;
use crate::model::Kind;
use crate::summary::{Summary, Totals, summarize, tally_estimate};
use serde::{Deserialize, Serialize};

/// The periods the dashboard offers: a name (`"today"`, `"7d"`, `"30d"`, `"12m"`, `"all"`) or
/// `{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A named period ending today.
    Named(NamedPeriod),
    /// From one day to another, both included.
    Custom {
        /// The first day.
        from: LocalDate,
        /// The last day.
        to: LocalDate,
    },
}

/// A period ending today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedPeriod {
    /// Today only.
    Today,
    /// The last 7 days, today included.
    Days7,
    /// The last 30 days, today included.
    Days30,
    /// The last 12 months (365 days), today included.
    Months12,
    /// Since the first day counted.
    All,
}

const PERIOD_NAMES: [(&str, NamedPeriod); 5] = [
    ("today", NamedPeriod::Today),
    ("7d", NamedPeriod::Days7),
    ("30d", NamedPeriod::Days30),
    ("12m", NamedPeriod::Months12),
    ("all", NamedPeriod::All),
];

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self {
            Period::Named(named) => {
                let name = PERIOD_NAMES
                    .iter()
                    .find(|(_, n)| n == named)
                    .map_or("all", |(name, _)| name);
                serializer.serialize_str(name)
            }
            Period::Custom { from, to } => {
                let mut map = serializer.serialize_struct("Period", 2)?;
                map.serialize_field("from", from)?;
                map.serialize_field("to", to)?;
                map.end()
            }
        }
    }
}

// A visitor rather than `#[serde(untagged)]`: untagged enums buffer their input through serde's
// generic content type, whose code weighs on the WebAssembly module.
impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl<'de> serde::de::Visitor<'de> for PeriodVisitor {
            type Value = Period;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a period name or {from, to}")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Period, E> {
                PERIOD_NAMES
                    .iter()
                    .find(|(known, _)| *known == name)
                    .map(|(_, named)| Period::Named(*named))
                    .ok_or_else(|| E::custom(format!("unknown period {name:?}")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Period, A::Error> {
                let (mut from, mut to) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "from" => from = Some(map.next_value::<LocalDate>()?),
                        "to" => to = Some(map.next_value::<LocalDate>()?),
                        other => {
                            return Err(serde::de::Error::unknown_field(other, &["from", "to"]));
                        }
                    }
                }
                match (from, to) {
                    (Some(from), Some(to)) => Ok(Period::Custom { from, to }),
                    _ => Err(serde::de::Error::custom("a period needs from and to")),
                }
            }
        }
        deserializer.deserialize_any(PeriodVisitor)
    }
}

impl Period {
    /// The first and last day of the period, given today and the ledger's first day. A custom
    /// period given backwards is put the right way round; one longer than ten years is refused.
    pub fn resolve(
        self,
        today: LocalDate,
        first: Option<LocalDate>,
    ) -> Result<(LocalDate, LocalDate), String> {
        let back = |days: i64| LocalDate::from_days_since_epoch(today.days_since_epoch() - days);
        let (from, to) = match self {
            Period::Named(NamedPeriod::Today) => (today, today),
            Period::Named(NamedPeriod::Days7) => (back(6), today),
            Period::Named(NamedPeriod::Days30) => (back(29), today),
            Period::Named(NamedPeriod::Months12) => (back(364), today),
            Period::Named(NamedPeriod::All) => (first.unwrap_or(today).min(today), today),
            Period::Custom { from, to } => (from.min(to), from.max(to)),
        };
        if to.days_since_epoch() - from.days_since_epoch() > 3660 {
            return Err("a period longer than ten years cannot be shown".to_owned());
        }
        Ok((from, to))
    }
}

/// One week's headline figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct WeekFigures {
    /// Monday of the week.
    pub from: Option<LocalDate>,
    /// Actions.
    pub count: u64,
    /// Time, measured and modelled.
    pub seconds: Range,
    /// Value at piece rates.
    pub piece: Range,
    /// Time at the reference wage.
    pub at_wage: Range,
}

/// Everything the dashboard shows for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// The first day of the period.
    pub from: LocalDate,
    /// The last day of the period.
    pub to: LocalDate,
    /// Totals, rows and valuations of the period.
    pub summary: Summary,
    /// This week, Monday to today.
    pub this_week: WeekFigures,
    /// Last week, Monday to Sunday.
    pub last_week: WeekFigures,
    /// One point per day of the period (days without actions included).
    pub daily: Vec<DayPoint>,
    /// The charts, as SVG.
    pub charts: Charts,
}

/// Days of the week before `date`, Monday being 0.
fn weekday(date: LocalDate) -> i64 {
    // 1970-01-01 was a Thursday.
    (date.days_since_epoch() + 3).rem_euclid(7)
}

fn week(
    card: &RateCard,
    ledger: &Ledger,
    valuation: &Valuation,
    from: LocalDate,
    to: LocalDate,
) -> WeekFigures {
    let summary = summarize(card, &ledger.between(from, to), valuation);
    WeekFigures {
        from: Some(from),
        count: summary.total.count,
        seconds: summary.total.seconds,
        piece: summary.values.piece,
        at_wage: summary.values.at_wage,
    }
}

/// What the popup shows of one day: its count, its time with the range, and the count per kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    /// Actions counted.
    pub count: u64,
    /// The time they took (measured where known, modelled otherwise), in seconds.
    pub seconds: Range,
    /// Every kind with an action, the most frequent first (ties in [`Kind::ALL`] order).
    pub kinds: Vec<KindCount>,
}

/// How many actions of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindCount {
    /// The kind.
    pub kind: Kind,
    /// How many.
    pub count: u64,
}

/// The figures of `date` alone: one day's tallies, no charts (the popup and the badge ask for
/// them often).
pub fn today(card: &RateCard, ledger: &Ledger, date: LocalDate) -> Today {
    // Time does not depend on the currency or the wage; any valuation gives the same seconds.
    let valuation = Valuation::for_locale("en");
    let mut total = Estimate::default();
    let mut per_kind = [0u64; Kind::ALL.len()];
    for (_, record) in ledger.days_between(date, date) {
        for (key, tally) in record.tallies() {
            let estimate = tally_estimate(card, key, tally, &valuation);
            total = total + estimate;
            if let Some(count) = per_kind.get_mut(key.kind as usize) {
                *count += estimate.count;
            }
        }
    }
    // Most frequent first, by insertion: eight kinds at most, and no sort's code in the module.
    let mut kinds: Vec<KindCount> = Vec::new();
    for (kind, count) in Kind::ALL.into_iter().zip(per_kind) {
        if count > 0 {
            let at = kinds.iter().take_while(|k| k.count >= count).count();
            kinds.insert(at, KindCount { kind, count });
        }
    }
    Today {
        count: total.count,
        seconds: total.seconds,
        kinds,
    }
}

/// The overview of `period` on `today`.
pub fn overview(
    card: &RateCard,
    ledger: &Ledger,
    valuation: &Valuation,
    period: Period,
    today: LocalDate,
) -> Result<Overview, String> {
    let first = ledger.days().next().map(|(date, _)| date);
    let (from, to) = period.resolve(today, first)?;

    let monday = LocalDate::from_days_since_epoch(today.days_since_epoch() - weekday(today));
    let last_monday = LocalDate::from_days_since_epoch(monday.days_since_epoch() - 7);
    let last_sunday = LocalDate::from_days_since_epoch(monday.days_since_epoch() - 1);
    let this_week = week(card, ledger, valuation, monday, today);
    let last_week = week(card, ledger, valuation, last_monday, last_sunday);

    // One pass over the period's tallies feeds both the summary and the daily series.
    let mut daily: Vec<DayPoint> = (from.days_since_epoch()..=to.days_since_epoch())
        .map(|days| DayPoint {
            date: LocalDate::from_days_since_epoch(days),
            counts: [0; 8],
            seconds: 0.0,
        })
        .collect();
    let mut totals = Totals::default();
    for (date, record) in ledger.days_between(from, to) {
        let index = usize::try_from(date.days_since_epoch() - from.days_since_epoch()).ok();
        let mut point = index.and_then(|index| daily.get_mut(index));
        for (key, tally) in record.tallies() {
            let estimate = tally_estimate(card, key, tally, valuation);
            totals.add(key.platform, key.kind, estimate);
            if let Some(point) = point.as_deref_mut() {
                if let Some(count) = point.counts.get_mut(key.kind as usize) {
                    *count += estimate.count;
                }
                point.seconds += estimate.seconds.central;
            }
        }
    }
    let summary = totals.summary(card, valuation);
    let charts = charts::draw(&daily, &summary);
    Ok(Overview {
        from,
        to,
        summary,
        this_week,
        last_week,
        daily,
        charts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CARD;
    use crate::model::{Action, Detail, Kind, Platform};

    fn date(text: &str) -> LocalDate {
        LocalDate::parse(text).expect("date")
    }

    fn like() -> Action {
        Action::new(Platform::Youtube, Kind::Reaction, Detail::new("like"))
    }

    fn dollars() -> Valuation {
        Valuation::for_locale("en")
    }

    /// The overview of the seven days up to `today`.
    fn last_seven_days(ledger: &Ledger, today: LocalDate) -> Overview {
        overview(
            &CARD,
            ledger,
            &dollars(),
            Period::Named(NamedPeriod::Days7),
            today,
        )
        .expect("view")
    }

    #[test]
    fn named_periods_end_today_and_custom_ones_are_put_in_order() {
        let today = date("2026-11-28");
        let resolve = |period| Period::resolve(period, today, Some(date("2025-01-01")));
        for (named, from) in [
            (NamedPeriod::Today, today),
            (NamedPeriod::Days7, date("2026-11-22")),
            (NamedPeriod::Days30, date("2026-10-30")),
            (NamedPeriod::Months12, date("2025-11-29")),
            (NamedPeriod::All, date("2025-01-01")),
        ] {
            assert_eq!(
                resolve(Period::Named(named)),
                Ok((from, today)),
                "{named:?}"
            );
        }
        let backwards = Period::Custom {
            from: date("2026-11-10"),
            to: date("2026-11-01"),
        };
        assert_eq!(
            resolve(backwards),
            Ok((date("2026-11-01"), date("2026-11-10")))
        );
        let huge = Period::Custom {
            from: date("1990-01-01"),
            to: today,
        };
        assert!(resolve(huge).is_err());
        let json: Period = serde_json::from_str(r#""7d""#).expect("named");
        assert_eq!(json, Period::Named(NamedPeriod::Days7));
        let json: Period =
            serde_json::from_str(r#"{"from":"2026-11-01","to":"2026-11-02"}"#).expect("custom");
        assert!(matches!(json, Period::Custom { .. }));
    }

    #[test]
    fn this_week_runs_from_monday_and_last_week_is_the_whole_week_before() {
        // 2026-11-28 is a Saturday.
        let today = date("2026-11-28");
        let mut ledger = Ledger::new();
        ledger.add(date("2026-11-23"), &like()); // this Monday
        ledger.add(date("2026-11-28"), &like());
        ledger.add(date("2026-11-22"), &like()); // last Sunday
        ledger.add(date("2026-11-16"), &like()); // last Monday
        ledger.add(date("2026-11-15"), &like()); // the week before: in neither
        let view = last_seven_days(&ledger, today);
        assert_eq!(view.this_week.from, Some(date("2026-11-23")));
        assert_eq!(view.this_week.count, 2);
        assert_eq!(view.last_week.from, Some(date("2026-11-16")));
        assert_eq!(view.last_week.count, 2);
        assert_eq!(view.summary.total.count, 3, "22 to 28 November");
    }

    #[test]
    fn the_daily_series_has_every_day_of_the_period_with_counts_per_kind() {
        let today = date("2026-11-28");
        let mut ledger = Ledger::new();
        ledger.add(date("2026-11-26"), &like());
        ledger.add(date("2026-11-26"), &like());
        let post = Action::new(Platform::X, Kind::Post, Detail::new("post"));
        ledger.add(date("2026-11-28"), &post);
        let view = last_seven_days(&ledger, today);
        assert_eq!(view.daily.len(), 7);
        let reaction = Kind::ALL
            .iter()
            .position(|k| *k == Kind::Reaction)
            .expect("kind");
        let posts = Kind::ALL
            .iter()
            .position(|k| *k == Kind::Post)
            .expect("kind");
        assert_eq!(view.daily[4].date, date("2026-11-26"));
        assert_eq!(view.daily[4].counts[reaction], 2);
        assert_eq!(view.daily[6].counts[posts], 1);
        assert_eq!(view.daily[5].counts, [0; 8]);
        let sum: f64 = view.daily.iter().map(|d| d.seconds).sum();
        assert!((sum - view.summary.total.seconds.central).abs() < 1e-9);
    }
}
