//! Estimation: from counts and measured seconds to labour time and money, always as a
//! low / central / high range, from the rate card ([`crate::card`]).
//!
//! Time comes first from measurement: where the sensors timed an action (a captcha solve, the
//! time spent in a composer), that time is used as it is; only the actions without a measure get
//! the card's modelled seconds. Money is never stored: it is derived here from the ledger's counts
//! and seconds each time, so another wage, currency or card recomputes all history at once.
//!
//! Four valuations sit side by side:
//! 1. the market piece value: what the same work costs at micro-task or captcha-farm rates;
//! 2. the time at a reference wage (SMIC, US federal minimum, or the user's own);
//! 3. the time at what micro-workers actually earn an hour, for context;
//! 4. the platform's yearly revenue per user, for scale (see [`crate::summary`]).

pub use crate::card::Range;
use crate::card::{Currency, RateCard};
use crate::model::Kind;
use serde::{Deserialize, Serialize};
use std::ops::Add;

/// Seconds in an hour.
const HOUR: f64 = 3600.0;

/// What the ledger knows about some actions of one kind and detail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counted {
    /// How many actions.
    pub count: u64,
    /// How many of them had their time measured.
    pub measured: u64,
    /// The measured milliseconds, summed.
    pub measured_ms: u64,
}

/// Time and market piece value of some actions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Estimate {
    /// How many actions.
    pub count: u64,
    /// How many had their time measured.
    pub measured: u64,
    /// Seconds measured (the same at the three points).
    pub measured_seconds: f64,
    /// Seconds modelled from the rate card for the actions without a measure.
    pub modeled_seconds: Range,
    /// All the time: measured plus modelled.
    pub seconds: Range,
    /// What the same work costs at market piece rates, in the valuation's currency.
    pub piece_value: Range,
}

impl Add for Estimate {
    type Output = Estimate;
    fn add(self, other: Estimate) -> Estimate {
        Estimate {
            count: self.count + other.count,
            measured: self.measured + other.measured,
            measured_seconds: self.measured_seconds + other.measured_seconds,
            modeled_seconds: self.modeled_seconds + other.modeled_seconds,
            seconds: self.seconds + other.seconds,
            piece_value: self.piece_value + other.piece_value,
        }
    }
}

/// The estimate for some actions of `kind` (and `detail`), piece value in `currency`.
pub fn estimate(
    card: &RateCard,
    kind: Kind,
    detail: Option<&str>,
    counted: Counted,
    currency: Currency,
) -> Estimate {
    let Some(rate) = card.action(kind, detail) else {
        return Estimate::default();
    };
    let measured = counted.measured.min(counted.count);
    // Counts stay far below 2^52, where f64 stops being exact.
    let unmeasured = (counted.count - measured) as f64;
    let measured_seconds = counted.measured_ms as f64 / 1000.0;
    let modeled_seconds = rate.time.seconds * unmeasured;
    let piece_value = card.convert(
        rate.value.amount * counted.count as f64,
        rate.value.currency,
        currency,
    );
    Estimate {
        count: counted.count,
        measured,
        measured_seconds,
        modeled_seconds,
        seconds: modeled_seconds + Range::exact(measured_seconds),
        piece_value,
    }
}

/// Which hourly wage values the user's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WageChoice {
    /// France's minimum wage (SMIC).
    Smic,
    /// The US federal minimum wage.
    UsMinimum,
    /// The user's own hourly wage ([`Valuation::own_hourly`]).
    Own,
}

/// How money is shown: the currency and the wage time is valued at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Valuation {
    /// The currency every amount is shown in.
    pub currency: Currency,
    /// The reference wage.
    pub wage: WageChoice,
    /// The user's own hourly wage, in [`Valuation::currency`], when `wage` is `own`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_hourly: Option<f64>,
}

impl Valuation {
    /// The default for a browser locale: the SMIC in euros for French, the US federal minimum in
    /// dollars otherwise.
    pub fn for_locale(locale: &str) -> Valuation {
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        let (currency, wage) = if language.eq_ignore_ascii_case("fr") {
            (Currency::Eur, WageChoice::Smic)
        } else {
            (Currency::Usd, WageChoice::UsMinimum)
        };
        Valuation {
            currency,
            wage,
            own_hourly: None,
        }
    }

    /// Checks a valuation that came from outside (a message, stored settings).
    pub fn check(&self) -> Result<(), String> {
        match (self.wage, self.own_hourly) {
            (WageChoice::Own, None) => Err("an own wage needs its hourly amount".to_owned()),
            (_, Some(hourly)) if !(hourly.is_finite() && hourly > 0.0) => {
                Err("an hourly wage must be a positive amount".to_owned())
            }
            (_, Some(hourly)) if hourly > 100_000.0 => {
                Err("an hourly wage above 100,000 is not plausible".to_owned())
            }
            _ => Ok(()),
        }
    }

    /// The reference wage per hour in the valuation's currency.
    pub fn hourly_wage(&self, card: &RateCard) -> Range {
        let (amount, currency) = match self.wage {
            WageChoice::Smic => reference(card, "smic"),
            WageChoice::UsMinimum => reference(card, "us-minimum"),
            WageChoice::Own => (
                Range::exact(self.own_hourly.unwrap_or_default()),
                self.currency,
            ),
        };
        card.convert(amount, currency, self.currency)
    }
}

fn reference(card: &RateCard, id: &str) -> (Range, Currency) {
    card.wage(id)
        .map(|wage| (wage.hourly.amount, wage.hourly.currency))
        .unwrap_or((Range::default(), Currency::Usd))
}

/// The four valuations of some labour, side by side, in one currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Valuations {
    /// What the work costs at market piece rates.
    pub piece: Range,
    /// The time at the chosen reference wage.
    pub at_wage: Range,
    /// The time at what micro-workers actually earn an hour.
    pub at_microwork: Range,
}

/// Values an estimate. Time ranges pair with wage ranges point by point: the low time at the low
/// wage, the high time at the high wage.
pub fn value(card: &RateCard, total: &Estimate, valuation: &Valuation) -> Valuations {
    let hours = total.seconds * (1.0 / HOUR);
    let microwork = card
        .wage("microwork")
        .map(|wage| card.convert(wage.hourly.amount, wage.hourly.currency, valuation.currency))
        .unwrap_or_default();
    Valuations {
        piece: total.piece_value,
        at_wage: hours.times(valuation.hourly_wage(card)),
        at_microwork: hours.times(microwork),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CARD;

    const HUMAN_YEAR_SECONDS: f64 = 365.25 * 24.0 * HOUR;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn cloudflare_32_seconds_for_46_billion_users_every_10_days_is_about_466_human_years_a_day() {
        let c = &CARD.cloudflare;
        let seconds_per_day = c.seconds_per_captcha * c.users / c.days_between_captchas;
        let human_years = seconds_per_day / HUMAN_YEAR_SECONDS;
        assert!(close(human_years, 466.0, 1.0), "{human_years}");
        // The card's image-challenge range reaches Cloudflare's average.
        let image = CARD.action(Kind::Captcha, Some("recaptcha-image"));
        assert!(image.is_some_and(|rate| rate.time.seconds.contains(c.seconds_per_captcha)));
    }

    #[test]
    fn a_checkbox_at_two_dollars_an_hour_is_about_a_fifth_of_a_cent_like_a_captcha_farm() {
        let checkbox = CARD.action(Kind::Captcha, Some("recaptcha-checkbox"));
        let Some(checkbox) = checkbox else {
            panic!("the card prices the reCAPTCHA checkbox")
        };
        let microwork_low = CARD.wage("microwork").map(|w| w.hourly.amount.low);
        assert_eq!(microwork_low, Some(2.0), "Hara et al.'s median, $2 an hour");
        let at_two_dollars = checkbox.time.seconds.central / HOUR * 2.0;
        assert!(close(at_two_dollars, 0.002, 0.0001), "{at_two_dollars}");
        assert_eq!(checkbox.value.currency, Currency::Usd);
        assert!(checkbox.value.amount.contains(at_two_dollars));
    }

    #[test]
    fn published_solve_times_fall_inside_the_cards_ranges() {
        let time = |detail| {
            CARD.action(Kind::Captcha, Some(detail))
                .map(|rate| rate.time.seconds)
                .unwrap_or_default()
        };
        // Searles et al. 2023, released data: median and trimmed mean per type.
        for (detail, seconds) in [
            ("recaptcha-checkbox", 3.45),
            ("recaptcha-checkbox", 3.81),
            ("recaptcha-image", 16.7),
            ("recaptcha-image", 18.98),
            ("hcaptcha-image", 17.3),
            ("hcaptcha-image", 19.28),
            ("hcaptcha-image", 28.6),
            ("arkose", 19.5),
            ("arkose", 23.03),
            ("arkose", 33.6),
        ] {
            assert!(
                time(detail).contains(seconds),
                "Searles: {detail} {seconds}"
            );
        }
        // Dazed & Confused: reCAPTCHA v2 in the wild, mean and median.
        for (detail, seconds) in [
            ("recaptcha-checkbox", 1.85),
            ("recaptcha-checkbox", 1.67),
            ("recaptcha-image", 10.3),
            ("recaptcha-image", 8.2),
        ] {
            assert!(time(detail).contains(seconds), "Dazed: {detail} {seconds}");
        }
    }

    #[test]
    fn measured_time_replaces_the_model_for_the_measured_actions_only() {
        let counted = Counted {
            count: 3,
            measured: 2,
            measured_ms: 20_000,
        };
        let e = estimate(&CARD, Kind::Post, None, counted, Currency::Usd);
        let per_post = CARD.action(Kind::Post, None).map(|r| r.time.seconds);
        let Some(per_post) = per_post else {
            panic!("posts are in the card")
        };
        assert_eq!(e.measured, 2);
        assert!(close(e.measured_seconds, 20.0, 1e-9));
        assert_eq!(e.modeled_seconds, per_post);
        assert!(close(e.seconds.low, 20.0 + per_post.low, 1e-9));
        assert!(close(e.seconds.high, 20.0 + per_post.high, 1e-9));
    }

    #[test]
    fn ranges_propagate_and_scale_with_the_count() {
        let counted = |count| Counted {
            count,
            ..Counted::default()
        };
        let one = estimate(
            &CARD,
            Kind::Reaction,
            Some("like"),
            counted(1),
            Currency::Usd,
        );
        let ten = estimate(
            &CARD,
            Kind::Reaction,
            Some("like"),
            counted(10),
            Currency::Usd,
        );
        assert!(close(ten.seconds.central, 10.0 * one.seconds.central, 1e-9));
        assert!(close(
            ten.piece_value.high,
            10.0 * one.piece_value.high,
            1e-12
        ));
        assert!(ten.seconds.is_ordered() && ten.piece_value.is_ordered());
        let none = estimate(&CARD, Kind::Reaction, None, counted(0), Currency::Usd);
        assert_eq!(none.seconds, Range::default());
    }

    #[test]
    fn another_currency_or_wage_revalues_the_same_counts() {
        let counted = Counted {
            count: 100,
            ..Counted::default()
        };
        let dollars = estimate(&CARD, Kind::Reaction, None, counted, Currency::Usd);
        let euros = estimate(&CARD, Kind::Reaction, None, counted, Currency::Eur);
        assert_eq!(dollars.seconds, euros.seconds);
        let rate = CARD.exchange.usd_per_eur;
        assert!(close(
            euros.piece_value.central * rate,
            dollars.piece_value.central,
            1e-9
        ));

        let smic = Valuation::for_locale("fr-FR");
        assert_eq!(smic.currency, Currency::Eur);
        let at_smic = value(&CARD, &euros, &smic);
        let hours = euros.seconds.central / HOUR;
        assert!(close(at_smic.at_wage.central, hours * 12.02, 1e-9));

        let own = Valuation {
            currency: Currency::Eur,
            wage: WageChoice::Own,
            own_hourly: Some(20.0),
        };
        assert!(close(
            value(&CARD, &euros, &own).at_wage.central,
            hours * 20.0,
            1e-9
        ));
        let us = Valuation::for_locale("en-US");
        assert_eq!(
            (us.currency, us.wage),
            (Currency::Usd, WageChoice::UsMinimum)
        );
        let at_us = value(&CARD, &dollars, &us);
        assert!(close(at_us.at_wage.central, hours * 7.25, 1e-9));
        assert!(at_us.at_microwork.central < at_us.at_wage.central);
    }

    #[test]
    fn implausible_own_wages_are_refused() {
        for hourly in [0.0, -3.0, f64::NAN, f64::INFINITY, 1e9] {
            let valuation = Valuation {
                currency: Currency::Eur,
                wage: WageChoice::Own,
                own_hourly: Some(hourly),
            };
            assert!(valuation.check().is_err(), "{hourly}");
        }
        let without_amount = Valuation {
            own_hourly: None,
            ..Valuation::for_locale("fr")
        };
        assert!(without_amount.check().is_ok());
        let own_without_amount = Valuation {
            wage: WageChoice::Own,
            ..without_amount
        };
        assert!(own_without_amount.check().is_err());
        assert!(Valuation::for_locale("en").check().is_ok());
    }
}
