//! The workshop's results in money and in scale, from the rate card: what a platform would have
//! paid for the accepted pieces at market piece rates, the hourly equivalent of that pay for the
//! time spent — next to the SMIC, the US federal minimum wage and what micro-workers actually
//! earn — and how many such pieces well-known data sets hold ([`tacheron::card::Context`]).
//!
//! Which rate prices which task: a grid like a reCAPTCHA image challenge, a distorted text like
//! any other captcha (the captcha-solving services' "normal captcha"), a hashtag like a hashtag,
//! and a sentiment label at the workshop's own rate (the card's `[[workshop]]` section).

use crate::TaskKind;
use crate::score::Tallies;
use serde::Serialize;
use tacheron::card::{ClassroomFigures, Currency, Range, RateCard};
use tacheron::model::Kind;

const HOUR: f64 = 3600.0;

/// The piece value of one accepted piece of `kind`, in `currency`.
pub fn piece_rate(
    card: &RateCard,
    figures: &ClassroomFigures,
    kind: TaskKind,
    currency: Currency,
) -> Option<Range> {
    let money = match kind {
        TaskKind::Image => card
            .action(Kind::Captcha, Some("recaptcha-image"))
            .map(|rate| rate.value),
        TaskKind::Text => card.action(Kind::Captcha, None).map(|rate| rate.value),
        TaskKind::Hashtag => card.action(Kind::Hashtag, None).map(|rate| rate.value),
        TaskKind::Label => figures.workshop_rate("label").map(|rate| rate.value),
    }?;
    Some(card.convert(money.amount, money.currency, currency))
}

/// The results of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindResult {
    /// The kind.
    pub kind: TaskKind,
    /// Pieces done.
    pub done: u32,
    /// Pieces accepted.
    pub accepted: u32,
    /// Seconds spent.
    pub seconds: u32,
    /// What the accepted pieces are worth at piece rates.
    pub piece_value: Range,
}

/// Hourly wages to compare with, in the results' currency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Wages {
    /// France's minimum wage.
    pub smic: Range,
    /// The US federal minimum wage.
    pub us_minimum: Range,
    /// What micro-workers earn an hour.
    pub microwork: Range,
}

/// A data set's size next to the workshop's pace.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    /// The data set (`imagenet`).
    pub id: &'static str,
    /// The task it matches.
    pub task: TaskKind,
    /// How many examples it holds.
    pub examples: f64,
    /// The year of the figure.
    pub year: u16,
    /// The sources.
    pub sources: &'static [&'static str],
    /// Hours it would take at the pace of the workshop (when that kind was done).
    pub hours: Option<f64>,
    /// What it would cost at the piece rate.
    pub cost: Range,
}

/// Everything the results show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// The currency of every amount.
    pub currency: Currency,
    /// The card's version.
    pub rate_card: &'static str,
    /// Per kind, in the workshop's order.
    pub kinds: Vec<KindResult>,
    /// Pieces done in all.
    pub done: u32,
    /// Pieces accepted in all.
    pub accepted: u32,
    /// Seconds in all.
    pub seconds: u32,
    /// What all the accepted pieces are worth.
    pub piece_value: Range,
    /// That value per hour spent, when any time was spent.
    pub hourly: Option<Range>,
    /// Wages to compare with.
    pub wages: Wages,
    /// The data sets the tasks feed.
    pub scale: Vec<Scale>,
}

fn wage(card: &RateCard, id: &str, currency: Currency) -> Range {
    card.wage(id)
        .map(|wage| card.convert(wage.hourly.amount, wage.hourly.currency, currency))
        .unwrap_or_default()
}

/// Values the tallies in `currency`.
pub fn results(
    card: &RateCard,
    figures: &ClassroomFigures,
    tallies: &Tallies,
    currency: Currency,
) -> Results {
    let kinds: Vec<KindResult> = TaskKind::ALL
        .iter()
        .map(|kind| {
            let tally = tallies.of(*kind);
            let rate = piece_rate(card, figures, *kind, currency).unwrap_or_default();
            KindResult {
                kind: *kind,
                done: tally.done,
                accepted: tally.accepted,
                seconds: tally.seconds,
                piece_value: rate * f64::from(tally.accepted),
            }
        })
        .collect();
    let sum = |f: fn(&KindResult) -> u32| kinds.iter().map(f).fold(0u32, u32::saturating_add);
    let seconds = sum(|k| k.seconds);
    let piece_value = kinds
        .iter()
        .fold(Range::default(), |total, k| total + k.piece_value);
    let hourly = (seconds > 0).then(|| piece_value * (HOUR / f64::from(seconds)));
    let scale = figures
        .context
        .iter()
        .filter_map(|context| {
            let task = TaskKind::parse(context.task)?;
            let tally = tallies.of(task);
            let hours = (tally.done > 0).then(|| {
                context.examples * f64::from(tally.seconds) / f64::from(tally.done) / HOUR
            });
            let rate = piece_rate(card, figures, task, currency).unwrap_or_default();
            Some(Scale {
                id: context.id,
                task,
                examples: context.examples,
                year: context.year,
                sources: context.basis.sources,
                hours,
                cost: rate * context.examples,
            })
        })
        .collect();
    Results {
        currency,
        rate_card: card.version,
        done: sum(|k| k.done),
        accepted: sum(|k| k.accepted),
        seconds,
        piece_value,
        hourly,
        wages: Wages {
            smic: wage(card, "smic", currency),
            us_minimum: wage(card, "us-minimum", currency),
            microwork: wage(card, "microwork", currency),
        },
        scale,
        kinds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Tally;
    use tacheron::card::{CARD, CLASSROOM_FIGURES};

    fn tallies() -> Tallies {
        let t = |done, accepted, seconds| Tally {
            done,
            accepted,
            seconds,
        };
        Tallies {
            image: t(4, 3, 60),
            text: t(4, 4, 40),
            hashtag: t(6, 6, 60),
            label: t(8, 6, 40),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn every_task_has_a_sourced_piece_rate_and_a_sourced_data_set() {
        for kind in TaskKind::ALL {
            let rate = piece_rate(&CARD, &CLASSROOM_FIGURES, kind, Currency::Usd);
            assert!(
                rate.is_some_and(|r| r.is_ordered() && r.low > 0.0),
                "{kind:?}"
            );
            let sets: Vec<_> = CLASSROOM_FIGURES
                .context
                .iter()
                .filter(|c| c.task == kind.as_str())
                .collect();
            assert!(!sets.is_empty(), "{kind:?} has no data set");
            for set in sets {
                assert!(!set.basis.sources.is_empty(), "{}: no source", set.id);
                assert!(set.examples >= 1000.0, "{}", set.id);
            }
        }
        for context in CLASSROOM_FIGURES.context {
            assert!(TaskKind::parse(context.task).is_some(), "{}", context.task);
        }
        for rate in CLASSROOM_FIGURES.workshop {
            assert!(TaskKind::parse(rate.task).is_some(), "{}", rate.task);
        }
    }

    #[test]
    fn accepted_pieces_are_valued_at_the_cards_rates() {
        let r = results(&CARD, &CLASSROOM_FIGURES, &tallies(), Currency::Usd);
        let image = CARD
            .action(Kind::Captcha, Some("recaptcha-image"))
            .map(|rate| rate.value.amount)
            .unwrap();
        let text = CARD
            .action(Kind::Captcha, None)
            .map(|rate| rate.value.amount)
            .unwrap();
        let hashtag = CARD
            .action(Kind::Hashtag, None)
            .map(|rate| rate.value.amount)
            .unwrap();
        let label = CLASSROOM_FIGURES
            .workshop_rate("label")
            .map(|rate| rate.value.amount)
            .unwrap();
        let expected = image * 3.0 + text * 4.0 + hashtag * 6.0 + label * 6.0;
        assert!(close(r.piece_value.central, expected.central));
        assert!(close(r.piece_value.low, expected.low));
        assert_eq!((r.done, r.accepted, r.seconds), (22, 19, 200));
        let hourly = r.hourly.unwrap();
        assert!(close(hourly.central, expected.central * 3600.0 / 200.0));
        assert_eq!(r.wages.us_minimum, Range::exact(7.25));
        assert!(hourly.central < r.wages.us_minimum.central);
    }

    #[test]
    fn money_follows_the_currency_and_data_sets_follow_the_pace() {
        let usd = results(&CARD, &CLASSROOM_FIGURES, &tallies(), Currency::Usd);
        let eur = results(&CARD, &CLASSROOM_FIGURES, &tallies(), Currency::Eur);
        assert!(close(
            eur.piece_value.central * CARD.exchange.usd_per_eur,
            usd.piece_value.central
        ));
        assert!(close(eur.wages.smic.central, 12.02));
        let imagenet = usd.scale.iter().find(|s| s.id == "imagenet").unwrap();
        // 15 seconds a grid.
        assert!(close(imagenet.hours.unwrap(), 14_197_122.0 * 15.0 / 3600.0));
        let image = piece_rate(&CARD, &CLASSROOM_FIGURES, TaskKind::Image, Currency::Usd).unwrap();
        assert!(close(imagenet.cost.central, image.central * 14_197_122.0));
        let nothing = results(
            &CARD,
            &CLASSROOM_FIGURES,
            &Tallies::default(),
            Currency::Usd,
        );
        assert_eq!(nothing.hourly, None);
        assert!(nothing.scale.iter().all(|s| s.hours.is_none()));
    }
}
