//! The dashboard's view of the ledger: counts with their time (measured and modelled) and their
//! valuations, in total and per platform and kind, plus the platforms' revenue per user for scale.

use crate::card::{Range, RateCard};
use crate::estimate::{Counted, Estimate, Valuation, Valuations, estimate, value};
use crate::ledger::{Ledger, Tally, TallyKey};
use crate::model::{Kind, Platform};
use serde::Serialize;

/// One line of the dashboard's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    /// Where.
    pub platform: Platform,
    /// What kind of labour.
    pub kind: Kind,
    /// Counts, time and piece value (every detail of the kind together).
    pub estimate: Estimate,
}

/// A platform's yearly revenue per user, next to the user's own labour on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// The platform.
    pub platform: Platform,
    /// The company's id in the rate card (`meta`, `x`).
    pub company: &'static str,
    /// Revenue per user and year, in the summary's currency.
    pub yearly: Range,
    /// The year of the figure.
    pub year: u16,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The rate card the estimates come from.
    pub rate_card: &'static str,
    /// The currency and wage used.
    pub valuation: Valuation,
    /// The reference wage per hour, in the summary's currency.
    pub hourly_wage: Range,
    /// Counts, time and piece value in all.
    pub total: Estimate,
    /// The total valued four ways.
    pub values: Valuations,
    /// One row per platform and kind, in display order.
    pub rows: Vec<SummaryRow>,
    /// Revenue per user of the platforms in the rows that the card has a figure for.
    pub scale: Vec<Scale>,
}

/// Sums the whole ledger, valued with `valuation`.
pub fn summarize(card: &RateCard, ledger: &Ledger, valuation: &Valuation) -> Summary {
    let mut totals = Totals::default();
    for (_, key, tally) in ledger.tallies() {
        totals.add(
            key.platform,
            key.kind,
            tally_estimate(card, key, tally, valuation),
        );
    }
    totals.summary(card, valuation)
}

/// The estimate of one stored tally.
pub fn tally_estimate(
    card: &RateCard,
    key: &TallyKey,
    tally: &Tally,
    valuation: &Valuation,
) -> Estimate {
    let counted = Counted {
        count: u64::from(tally.count),
        measured: u64::from(tally.measured),
        measured_ms: u64::from(tally.measured_ms),
    };
    let detail = key.detail.as_ref().map(|detail| detail.as_str());
    estimate(card, key.kind, detail, counted, valuation.currency)
}

/// Estimates added up per platform and kind, in a fixed table (no map to grow while summing a
/// year of tallies).
#[derive(Debug, Clone, Default)]
pub struct Totals {
    cells: [[Estimate; Kind::ALL.len()]; Platform::ALL.len()],
}

impl Totals {
    /// Adds one estimate.
    pub fn add(&mut self, platform: Platform, kind: Kind, estimate: Estimate) {
        if let Some(cell) = self
            .cells
            .get_mut(platform as usize)
            .and_then(|row| row.get_mut(kind as usize))
        {
            *cell = *cell + estimate;
        }
    }

    /// The summary of what was added.
    pub fn summary(&self, card: &RateCard, valuation: &Valuation) -> Summary {
        let rows: Vec<SummaryRow> =
            Platform::ALL
                .iter()
                .zip(&self.cells)
                .flat_map(|(platform, row)| {
                    Kind::ALL.iter().zip(row).filter(|(_, e)| e.count > 0).map(
                        |(kind, estimate)| SummaryRow {
                            platform: *platform,
                            kind: *kind,
                            estimate: *estimate,
                        },
                    )
                })
                .collect();
        let total = rows
            .iter()
            .fold(Estimate::default(), |sum, row| sum + row.estimate);
        let mut platforms: Vec<Platform> = rows.iter().map(|row| row.platform).collect();
        platforms.dedup();
        let scale = platforms
            .into_iter()
            .filter_map(|platform| {
                let revenue = card.revenue_of(platform)?;
                Some(Scale {
                    platform,
                    company: revenue.id,
                    yearly: card.convert(
                        revenue.yearly.amount,
                        revenue.yearly.currency,
                        valuation.currency,
                    ),
                    year: revenue.yearly.year,
                })
            })
            .collect();
        Summary {
            rate_card: card.version,
            valuation: *valuation,
            hourly_wage: valuation.hourly_wage(card),
            values: value(card, &total, valuation),
            total,
            rows,
            scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{CARD, Currency};
    use crate::date::LocalDate;
    use crate::model::{Action, Detail};

    fn action(platform: Platform, kind: Kind, detail: &str, measured_ms: u64) -> Action {
        Action {
            platform,
            kind,
            detail: Detail::new(detail),
            measured_ms,
            effort: Default::default(),
        }
    }

    fn dollars() -> Valuation {
        Valuation::for_locale("en-US")
    }

    #[test]
    fn rows_merge_details_and_days_and_totals_add_up() {
        let mut ledger = Ledger::new();
        let monday = LocalDate::parse("2026-11-23").expect("date");
        let tuesday = LocalDate::parse("2026-11-24").expect("date");
        let youtube = Platform::Youtube;
        ledger.add(monday, &action(youtube, Kind::Reaction, "like", 0));
        ledger.add(tuesday, &action(youtube, Kind::Reaction, "dislike", 0));
        ledger.add(tuesday, &action(youtube, Kind::Unreaction, "like", 0));
        let summary = summarize(&CARD, &ledger, &dollars());
        assert_eq!(summary.total.count, 3);
        assert_eq!(summary.rows.len(), 2);
        assert_eq!(
            (summary.rows[0].kind, summary.rows[0].estimate.count),
            (Kind::Reaction, 2)
        );
        assert_eq!(
            (summary.rows[1].kind, summary.rows[1].estimate.count),
            (Kind::Unreaction, 1)
        );
        let one = |kind, count| {
            let counted = Counted {
                count,
                ..Counted::default()
            };
            estimate(&CARD, kind, None, counted, Currency::Usd)
        };
        let expected = one(Kind::Reaction, 2) + one(Kind::Unreaction, 1);
        assert_eq!(summary.total, expected);
        assert!(summary.scale.is_empty(), "no revenue figure for YouTube");
    }

    #[test]
    fn captcha_details_keep_their_own_rates_and_measured_times() {
        let mut ledger = Ledger::new();
        let day = LocalDate::parse("2026-11-23").expect("date");
        let other = Platform::Other;
        ledger.add(
            day,
            &action(other, Kind::Captcha, "recaptcha-checkbox", 4_000),
        );
        ledger.add(
            day,
            &action(other, Kind::Captcha, "recaptcha-image", 21_000),
        );
        let summary = summarize(&CARD, &ledger, &dollars());
        assert_eq!(summary.total.measured, 2);
        assert_eq!(summary.total.seconds, Range::exact(25.0));
        let piece = |detail| {
            CARD.action(Kind::Captcha, Some(detail))
                .map(|rate| rate.value.amount)
                .unwrap_or_default()
        };
        let expected = piece("recaptcha-checkbox") + piece("recaptcha-image");
        assert!((summary.total.piece_value.high - expected.high).abs() < 1e-12);
    }

    #[test]
    fn meta_and_x_get_their_revenue_per_user_in_the_chosen_currency() {
        let mut ledger = Ledger::new();
        let day = LocalDate::parse("2026-11-23").expect("date");
        ledger.add(day, &action(Platform::Instagram, Kind::Reaction, "like", 0));
        ledger.add(day, &action(Platform::X, Kind::Reaction, "like", 0));
        let euros = Valuation::for_locale("fr");
        let summary = summarize(&CARD, &ledger, &euros);
        let companies: Vec<&str> = summary.scale.iter().map(|s| s.company).collect();
        assert_eq!(companies, ["x", "meta"]);
        let meta = CARD
            .revenue_of(Platform::Instagram)
            .map(|r| r.yearly.amount);
        let converted = meta.map(|m| m.central / CARD.exchange.usd_per_eur);
        assert_eq!(summary.scale.get(1).map(|s| s.yearly.central), converted);
        assert_eq!(summary.valuation.currency, Currency::Eur);
    }

    #[test]
    fn an_empty_ledger_sums_to_zero() {
        let summary = summarize(&CARD, &Ledger::new(), &dollars());
        assert_eq!(summary.total.count, 0);
        assert!(summary.rows.is_empty());
        assert_eq!(summary.total, Estimate::default());
        assert_eq!(summary.values, Valuations::default());
    }
}
