//! Estimation: from counts to labour time and market value, always as a low / central / high
//! range.
//!
//! The figures here are a provisional card for the walking skeleton, each with its source; the
//! full versioned rate card replaces them. Money is never stored: it is derived from the ledger's
//! counts each time, so a new card recomputes all history.

use crate::model::Kind;
use serde::Serialize;
use std::ops::{Add, Mul};

/// The name of the card these figures come from, shown next to every figure.
pub const RATE_CARD: &str = "provisional-2026.11";

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

/// What one action of a kind costs in time and would be worth at market piece rates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UnitRate {
    /// Seconds of the user's time.
    pub seconds: Range,
    /// US dollars at market micro-task or click-farm piece rates.
    pub value_usd: Range,
    /// Where the figures come from.
    pub source: &'static str,
}

/// The provisional unit rate of a kind.
pub fn unit_rate(kind: Kind) -> UnitRate {
    match kind {
        Kind::Captcha => UnitRate {
            seconds: Range::new(1.85, 3.7, 5.0),
            value_usd: Range::new(0.0008, 0.002, 0.003),
            source: "Searles et al. 2023 (reCAPTCHA checkbox); 2Captcha and Anti-Captcha price lists",
        },
        Kind::Reaction => UnitRate {
            seconds: Range::new(1.3, 2.7, 5.0),
            value_usd: Range::new(0.001, 0.015, 0.075),
            source: "Keystroke-level model (Card, Moran, Newell 1980); click-farm prices per 1,000 likes, 2013–2016",
        },
        Kind::Unreaction => UnitRate {
            seconds: Range::new(1.3, 2.7, 5.0),
            value_usd: Range::new(0.0, 0.0, 0.0),
            source: "Keystroke-level model (Card, Moran, Newell 1980); no market price for taking a reaction back",
        },
        Kind::Repost => UnitRate {
            seconds: Range::new(2.0, 4.0, 10.0),
            value_usd: Range::new(0.001, 0.015, 0.075),
            source: "Assumption: two clicks (keystroke-level model); priced like a like at click farms",
        },
        Kind::Hashtag => UnitRate {
            seconds: Range::new(2.0, 5.0, 10.0),
            value_usd: Range::new(0.012, 0.025, 0.035),
            source: "Typing at 52 words per minute (Dhakal 2018); labelling prices (AWS Ground Truth, Google Data Labeling)",
        },
        Kind::Post => UnitRate {
            seconds: Range::new(8.0, 30.0, 90.0),
            value_usd: Range::new(0.012, 0.08, 0.22),
            source: "Assumption from typing speed (Dhakal 2018); micro-task transcription prices (France 2, 2017)",
        },
        Kind::Upload => UnitRate {
            seconds: Range::new(5.0, 15.0, 60.0),
            value_usd: Range::new(0.012, 0.22, 1.10),
            source: "Assumption; micro-task photo prices (France 2, 2017: €1 per 5 photos)",
        },
        Kind::Report => UnitRate {
            seconds: Range::new(5.0, 10.0, 30.0),
            value_usd: Range::new(0.012, 0.035, 0.12),
            source: "Assumption; content-moderation task prices (AWS Ground Truth)",
        },
    }
}

/// Time and value of a number of actions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Estimate {
    /// Seconds of labour.
    pub seconds: Range,
    /// US dollars at market piece rates.
    pub value_usd: Range,
}

impl Add for Estimate {
    type Output = Estimate;
    fn add(self, other: Estimate) -> Estimate {
        Estimate {
            seconds: self.seconds + other.seconds,
            value_usd: self.value_usd + other.value_usd,
        }
    }
}

/// The estimate for `count` actions of `kind`.
pub fn estimate(kind: Kind, count: u64) -> Estimate {
    let rate = unit_rate(kind);
    // Counts stay far below 2^52, where f64 stops being exact.
    let count = count as f64;
    Estimate {
        seconds: rate.seconds * count,
        value_usd: rate.value_usd * count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rate_is_an_ordered_range_with_a_source() {
        for kind in Kind::ALL {
            let rate = unit_rate(kind);
            for range in [rate.seconds, rate.value_usd] {
                assert!(
                    range.low <= range.central && range.central <= range.high,
                    "{kind}"
                );
                assert!(range.low >= 0.0, "{kind}");
            }
            assert!(rate.seconds.central > 0.0, "{kind}");
            assert!(!rate.source.is_empty(), "{kind}");
        }
    }

    #[test]
    fn estimates_scale_with_the_count() {
        let ten_likes = estimate(Kind::Reaction, 10);
        assert!((ten_likes.seconds.central - 27.0).abs() < 1e-9);
        assert!((ten_likes.value_usd.low - 0.01).abs() < 1e-12);
        assert!((ten_likes.value_usd.high - 0.75).abs() < 1e-12);
        assert_eq!(estimate(Kind::Reaction, 0), Estimate::default());
    }
}
