//! The rate card: every figure the estimates use (seconds per action, market piece values,
//! reference wages, revenue per user, the exchange rate), each with its sources or an explicit
//! assumption, in English and French.
//!
//! The card is the data file `rates/rate-card.toml`; `build.rs` turns it into the [`CARD`]
//! constant, so the WebAssembly module carries no parser. In the WebAssembly module the card's
//! texts (citations, reasoning) are empty: the extension's pages read the full card from
//! `rate-card.json`, written by `tacheron rate-card` at build time. The tests below are the card's
//! gatekeeper: a figure without a source or an assumption, an unknown source, or a range out of
//! order fails them.

use crate::model::{Kind, Platform};
use serde::{Deserialize, Serialize};
use std::ops::{Add, Mul};

/// A low / central / high estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Range {
    /// The lowest plausible value.
    pub low: f64,
    /// The best single estimate.
    pub central: f64,
    /// The highest plausible value.
    pub high: f64,
}

impl Range {
    /// A range from its three points.
    pub const fn new(low: f64, central: f64, high: f64) -> Range {
        Range { low, central, high }
    }

    /// The same value at all three points (a measured time, a legal wage).
    pub const fn exact(value: f64) -> Range {
        Range::new(value, value, value)
    }

    /// Whether `low <= central <= high` and none is negative or not a number.
    pub fn is_ordered(&self) -> bool {
        0.0 <= self.low && self.low <= self.central && self.central <= self.high
    }

    /// Whether `value` lies within `low..=high`.
    pub fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }

    /// Each point multiplied by the same point of `other` (seconds × money per second).
    pub fn times(self, other: Range) -> Range {
        Range::new(
            self.low * other.low,
            self.central * other.central,
            self.high * other.high,
        )
    }
}

impl Add for Range {
    type Output = Range;
    fn add(self, other: Range) -> Range {
        Range::new(
            self.low + other.low,
            self.central + other.central,
            self.high + other.high,
        )
    }
}

impl Mul<f64> for Range {
    type Output = Range;
    fn mul(self, factor: f64) -> Range {
        Range::new(self.low * factor, self.central * factor, self.high * factor)
    }
}

/// A sentence in both of the extension's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// French.
    pub fr: &'static str,
}

/// Where a figure comes from: sources (ids into [`RateCard::sources`]), an assumption with its
/// reasoning, or both (a figure read from sources then rounded or extended).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// Ids of the sources.
    pub sources: &'static [&'static str],
    /// The assumption and its reasoning, when the figure is not simply read from a source.
    pub assumption: Option<Text>,
}

/// A currency the card and the dashboard use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// Euro.
    Eur,
    /// US dollar.
    Usd,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
        }
    }

    /// The currency of an ISO 4217 code (`EUR`, `USD`; any case).
    pub fn parse(code: &str) -> Option<Currency> {
        match code.to_ascii_uppercase().as_str() {
            "EUR" => Some(Currency::Eur),
            "USD" => Some(Currency::Usd),
            _ => None,
        }
    }
}

/// An amount of money as a range, with its currency, the year it refers to and its basis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Money {
    /// The amount.
    pub amount: Range,
    /// Its currency.
    pub currency: Currency,
    /// The year the figure refers to.
    pub year: u16,
    /// Where it comes from.
    pub basis: Basis,
}

/// Seconds per action, with their basis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Time {
    /// Seconds.
    pub seconds: Range,
    /// Where they come from.
    pub basis: Basis,
}

/// The three values digital labour produces for a platform (Casilli 2019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueForm {
    /// Qualifying data: labelling, sorting and rating what the platform holds.
    Qualification,
    /// Monetisation: attention and engagement the platform sells to advertisers.
    Monetisation,
    /// Automation: examples that train the models meant to replace human work.
    Automation,
}

/// What one action of a kind (and detail) takes and would cost at market piece rates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ActionRate {
    /// The kind of action.
    pub kind: Kind,
    /// The detail it applies to; `None` covers the kind's other details.
    pub detail: Option<&'static str>,
    /// Which of the three values it produces.
    pub values: &'static [ValueForm],
    /// Seconds per action.
    pub time: Time,
    /// Market piece value per action.
    pub value: Money,
}

/// An hourly reference wage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Wage {
    /// `smic`, `us-minimum` or `microwork`.
    pub id: &'static str,
    /// The amount per hour.
    pub hourly: Money,
}

/// A platform's yearly revenue per user, for scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Revenue {
    /// The company (`meta`, `x`).
    pub id: &'static str,
    /// The platforms it applies to.
    pub platforms: &'static [Platform],
    /// Revenue per user and year.
    pub yearly: Money,
}

/// The euro's rate in US dollars on a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Exchange {
    /// US dollars for one euro.
    pub usd_per_eur: f64,
    /// The day of the rate (`YYYY-MM-DD`).
    pub date: &'static str,
    /// Where it comes from.
    pub basis: Basis,
}

/// Cloudflare's published estimate of humanity's time on captchas, kept to be reproduced.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cloudflare {
    /// Average seconds per captcha.
    pub seconds_per_captcha: f64,
    /// Internet users.
    pub users: f64,
    /// Days between two captchas for one user.
    pub days_between_captchas: f64,
    /// Where it comes from.
    pub basis: Basis,
}

/// A piece rate for a task of the classroom workshop that no action prices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TaskRate {
    /// The workshop task (`label`).
    pub task: &'static str,
    /// Market piece value per task.
    pub value: Money,
}

/// How many labelled examples a well-known model or data set needed: the scale a workshop task
/// feeds, shown next to the students' results.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Context {
    /// The workshop task it matches (`image`, `text`, `hashtag`, `label`).
    pub task: &'static str,
    /// The data set (`imagenet`).
    pub id: &'static str,
    /// How many examples.
    pub examples: f64,
    /// The year of the figure.
    pub year: u16,
    /// Where it comes from.
    pub basis: Basis,
}

/// A publication or price list the card cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The id figures refer to.
    pub id: &'static str,
    /// Authors, title, venue.
    pub citation: &'static str,
    /// Where to read it, when a stable address is known.
    pub url: Option<&'static str>,
    /// The year of publication.
    pub year: u16,
    /// Read through a secondary write-up rather than the original.
    pub secondary: bool,
}

/// The whole card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateCard {
    /// The card's version, shown next to every estimate.
    pub version: &'static str,
    /// When this version was published.
    pub published: &'static str,
    /// Everything cited.
    pub sources: &'static [Source],
    /// The exchange rate used to convert between euros and dollars.
    pub exchange: Exchange,
    /// Reference wages.
    pub wages: &'static [Wage],
    /// Revenue per user.
    pub revenue: &'static [Revenue],
    /// Cloudflare's published figures.
    pub cloudflare: Cloudflare,
    /// Where the three values ([`ValueForm`]) attributed to each action come from.
    pub value_forms: Basis,
    /// Per action.
    pub actions: &'static [ActionRate],
}

/// The card in force.
pub static CARD: RateCard = include!(concat!(env!("OUT_DIR"), "/rate_card.rs"));

/// The classroom's own figures, from the same card: a static of its own, which only the
/// classroom reads, so that none of it is linked into the service worker's module.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassroomFigures {
    /// The sources that only these figures cite.
    pub sources: &'static [Source],
    /// Piece rates of the workshop's tasks that no action prices.
    pub workshop: &'static [TaskRate],
    /// Sizes of the data sets the workshop's tasks feed.
    pub context: &'static [Context],
}

/// The classroom's figures in force.
pub static CLASSROOM_FIGURES: ClassroomFigures =
    include!(concat!(env!("OUT_DIR"), "/classroom_figures.rs"));

impl ClassroomFigures {
    /// The workshop's own piece rate for a task, when it has one.
    pub fn workshop_rate(&self, task: &str) -> Option<&TaskRate> {
        self.workshop.iter().find(|rate| rate.task == task)
    }

    /// Every figure with a name, its basis and its range, for checks.
    pub fn figures(&self) -> Vec<(String, Basis, Range)> {
        let rates = self.workshop.iter().map(|rate| {
            let name = format!("workshop {}", rate.task);
            (name, rate.value.basis, rate.value.amount)
        });
        let sizes = self.context.iter().map(|context| {
            let name = format!("context {}", context.id);
            (name, context.basis, Range::exact(context.examples))
        });
        rates.chain(sizes).collect()
    }
}

/// The whole card as published to the extension's pages (`pages/rate-card.json`, written by
/// `tacheron rate-card`): the service's figures and the classroom's, every source with them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedCard {
    /// The card's version.
    pub version: &'static str,
    /// When this version was published.
    pub published: &'static str,
    /// Everything cited.
    pub sources: Vec<Source>,
    /// The exchange rate used to convert between euros and dollars.
    pub exchange: Exchange,
    /// Reference wages.
    pub wages: &'static [Wage],
    /// Revenue per user.
    pub revenue: &'static [Revenue],
    /// Cloudflare's published figures.
    pub cloudflare: Cloudflare,
    /// Where the three values attributed to each action come from.
    pub value_forms: Basis,
    /// Per action.
    pub actions: &'static [ActionRate],
    /// The workshop's piece rates.
    pub workshop: &'static [TaskRate],
    /// The data sets the workshop's tasks feed.
    pub context: &'static [Context],
}

impl PublishedCard {
    /// The card in force, with the classroom's figures.
    pub fn in_force() -> PublishedCard {
        PublishedCard {
            version: CARD.version,
            published: CARD.published,
            sources: CARD
                .sources
                .iter()
                .chain(CLASSROOM_FIGURES.sources)
                .copied()
                .collect(),
            exchange: CARD.exchange,
            wages: CARD.wages,
            revenue: CARD.revenue,
            cloudflare: CARD.cloudflare,
            value_forms: CARD.value_forms,
            actions: CARD.actions,
            workshop: CLASSROOM_FIGURES.workshop,
            context: CLASSROOM_FIGURES.context,
        }
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// Every figure of the card with a name, its basis and its range.
    pub fn figures(&self) -> Vec<(String, Basis, Range)> {
        let mut figures = CARD.figures();
        figures.extend(CLASSROOM_FIGURES.figures());
        figures
    }
}

impl RateCard {
    /// The rate of an action: the entry for its kind and detail, else the kind's general entry.
    pub fn action(&self, kind: Kind, detail: Option<&str>) -> Option<&ActionRate> {
        let of_kind = || self.actions.iter().filter(move |rate| rate.kind == kind);
        detail
            .and_then(|detail| of_kind().find(|rate| rate.detail == Some(detail)))
            .or_else(|| of_kind().find(|rate| rate.detail.is_none()))
    }

    /// A reference wage by id.
    pub fn wage(&self, id: &str) -> Option<&Wage> {
        self.wages.iter().find(|wage| wage.id == id)
    }

    /// A platform's revenue per user, when the card has one.
    pub fn revenue_of(&self, platform: Platform) -> Option<&Revenue> {
        self.revenue
            .iter()
            .find(|revenue| revenue.platforms.contains(&platform))
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// `amount` in `from` converted to `to` at the card's exchange rate.
    pub fn convert(&self, amount: Range, from: Currency, to: Currency) -> Range {
        match (from, to) {
            (Currency::Eur, Currency::Usd) => amount * self.exchange.usd_per_eur,
            (Currency::Usd, Currency::Eur) => amount * (1.0 / self.exchange.usd_per_eur),
            _ => amount,
        }
    }

    /// Every figure of the card with a name, its basis and its range, for checks and the
    /// methodology page.
    pub fn figures(&self) -> Vec<(String, Basis, Range)> {
        let mut figures = Vec::new();
        for rate in self.actions {
            let name = match rate.detail {
                Some(detail) => format!("{}/{detail}", rate.kind),
                None => rate.kind.to_string(),
            };
            figures.push((format!("{name} time"), rate.time.basis, rate.time.seconds));
            figures.push((format!("{name} value"), rate.value.basis, rate.value.amount));
        }
        for wage in self.wages {
            figures.push((
                format!("wage {}", wage.id),
                wage.hourly.basis,
                wage.hourly.amount,
            ));
        }
        for revenue in self.revenue {
            figures.push((
                format!("revenue {}", revenue.id),
                revenue.yearly.basis,
                revenue.yearly.amount,
            ));
        }
        figures.push((
            "exchange".to_owned(),
            self.exchange.basis,
            Range::exact(self.exchange.usd_per_eur),
        ));
        let cloudflare = &self.cloudflare;
        for value in [
            cloudflare.seconds_per_captcha,
            cloudflare.users,
            cloudflare.days_between_captchas,
        ] {
            figures.push((
                "cloudflare".to_owned(),
                cloudflare.basis,
                Range::exact(value),
            ));
        }
        figures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_words(text: &str) -> bool {
        text.split_whitespace().count() >= 3
    }

    #[test]
    fn every_figure_has_a_known_source_or_an_explicit_assumption() {
        let card = PublishedCard::in_force();
        for (name, basis, range) in card.figures() {
            let assumed = basis
                .assumption
                .is_some_and(|text| has_words(text.en) && has_words(text.fr));
            assert!(
                !basis.sources.is_empty() || assumed,
                "{name}: neither a source nor an assumption in both languages"
            );
            if let Some(text) = basis.assumption {
                assert!(
                    has_words(text.en) && has_words(text.fr),
                    "{name}: an assumption needs its reasoning in English and French"
                );
            }
            for id in basis.sources {
                assert!(card.source(id).is_some(), "{name}: unknown source {id}");
            }
            assert!(
                range.is_ordered(),
                "{name}: {range:?} is not low <= central <= high"
            );
        }
    }

    #[test]
    fn every_source_is_cited_and_described() {
        let card = PublishedCard::in_force();
        let mut cited: Vec<&str> = card
            .figures()
            .iter()
            .flat_map(|(_, basis, _)| basis.sources.iter().copied())
            .collect();
        cited.extend(CARD.value_forms.sources);
        for id in CARD.value_forms.sources {
            assert!(
                CARD.source(id).is_some(),
                "three values: unknown source {id}"
            );
        }
        for source in &card.sources {
            assert!(cited.contains(&source.id), "{} is never cited", source.id);
            assert!(has_words(source.citation), "{}", source.id);
            assert!((1970..=2026).contains(&source.year), "{}", source.id);
            if let Some(url) = source.url {
                assert!(url.starts_with("https://"), "{}: {url}", source.id);
            }
        }
        let mut ids: Vec<&str> = card.sources.iter().map(|source| source.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), card.sources.len(), "duplicate source ids");
        // The service's card alone holds every source its own figures cite.
        for (name, basis, _) in CARD.figures() {
            for id in basis.sources {
                assert!(
                    CARD.source(id).is_some(),
                    "{name}: {id} is not in the service's card"
                );
            }
        }
    }

    #[test]
    fn every_kind_has_a_general_rate_and_details_are_not_repeated() {
        for kind in Kind::ALL {
            let general = CARD.action(kind, None);
            assert!(general.is_some_and(|rate| rate.detail.is_none()), "{kind}");
            assert!(
                general.is_some_and(|rate| !rate.values.is_empty()),
                "{kind}"
            );
        }
        for (i, a) in CARD.actions.iter().enumerate() {
            for b in CARD.actions.iter().skip(i + 1) {
                assert!(
                    (a.kind, a.detail) != (b.kind, b.detail),
                    "{} {:?}",
                    a.kind,
                    a.detail
                );
            }
        }
    }

    #[test]
    fn a_detail_finds_its_own_rate_and_an_unknown_one_the_general_rate() {
        let image = CARD.action(Kind::Captcha, Some("recaptcha-image"));
        assert_eq!(image.and_then(|rate| rate.detail), Some("recaptcha-image"));
        let video = CARD.action(Kind::Upload, Some("video"));
        assert_eq!(video.and_then(|rate| rate.detail), Some("video"));
        let other = CARD.action(Kind::Upload, Some("image"));
        assert_eq!(other.map(|rate| rate.detail), Some(None));
        let like = CARD.action(Kind::Reaction, Some("like"));
        assert_eq!(like.map(|rate| rate.kind), Some(Kind::Reaction));
    }

    #[test]
    fn the_captcha_details_the_core_records_all_have_their_own_rate() {
        for detail in [
            "recaptcha-checkbox",
            "recaptcha-image",
            "recaptcha-audio",
            "hcaptcha-checkbox",
            "hcaptcha-image",
            "turnstile",
            "arkose",
        ] {
            let rate = CARD.action(Kind::Captcha, Some(detail));
            assert_eq!(rate.and_then(|rate| rate.detail), Some(detail));
        }
    }

    #[test]
    fn currencies_convert_both_ways_at_the_cards_rate() {
        let ten_euros = Range::exact(10.0);
        let dollars = CARD.convert(ten_euros, Currency::Eur, Currency::Usd);
        assert!((dollars.central - 10.0 * CARD.exchange.usd_per_eur).abs() < 1e-9);
        let back = CARD.convert(dollars, Currency::Usd, Currency::Eur);
        assert!((back.central - 10.0).abs() < 1e-9);
        assert_eq!(Currency::parse("eur"), Some(Currency::Eur));
        assert_eq!(Currency::parse("GBP"), None);
    }
}
