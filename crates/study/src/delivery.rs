//! What becomes of a sealed report after each attempt to post it to the study's inbox: the
//! inbox's answers (docs/inbox-api.md) mapped to delivered, dropped, held or tried again later,
//! and when. A report is dropped only when the inbox says that sending it again cannot help.

use serde::{Deserialize, Serialize};

/// The wait after the first failed attempt; each further failure doubles it.
pub const FIRST_RETRY_MS: i64 = 30_000;
/// The longest wait between two attempts of the extension's own choosing.
pub const LONGEST_RETRY_MS: i64 = 6 * 3_600_000;
/// The longest `Retry-After` honoured (a longer one is cut to this).
pub const LONGEST_RETRY_AFTER_MS: i64 = 24 * 3_600_000;

/// Why the inbox refused a report for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// 400: not an envelope.
    Malformed,
    /// 409: another envelope with the same report id is stored.
    ReportIdReused,
    /// 413: over the inbox's size limit.
    TooLarge,
}

/// What to do with a report after one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored by the inbox (201), or stored by an earlier attempt whose answer was lost (200).
    Delivered,
    /// Refused for good: dropped from the queue, and the participant sees why.
    Refused(Refusal),
    /// 404: the inbox takes no reports for this study. Kept, tried again at `retry_at_ms`, and
    /// the participant is told.
    UnknownStudy {
        /// When to try again.
        retry_at_ms: i64,
    },
    /// Not delivered this time (no answer, rate limit, inbox or proxy trouble): tried again.
    RetryAt(i64),
}

/// The wait after `failures` failed attempts in a row (1 after the first): 30 s, 1 min, 2 min…
/// up to six hours.
pub fn backoff_ms(failures: u32) -> i64 {
    let doublings = failures.saturating_sub(1).min(20);
    FIRST_RETRY_MS
        .saturating_mul(1_i64 << doublings)
        .min(LONGEST_RETRY_MS)
}

/// The outcome of an attempt answered with `status` (`None`: no HTTP answer at all) and the
/// answer's `Retry-After` in seconds, at `now_ms`, after `failures` failed attempts counting this
/// one if it failed.
pub fn outcome(
    status: Option<u16>,
    retry_after_s: Option<u64>,
    failures: u32,
    now_ms: i64,
) -> Outcome {
    let backoff = now_ms.saturating_add(backoff_ms(failures));
    match status {
        Some(200 | 201) => Outcome::Delivered,
        Some(400) => Outcome::Refused(Refusal::Malformed),
        Some(409) => Outcome::Refused(Refusal::ReportIdReused),
        Some(413) => Outcome::Refused(Refusal::TooLarge),
        Some(404) => Outcome::UnknownStudy {
            retry_at_ms: now_ms.saturating_add(LONGEST_RETRY_MS),
        },
        Some(429 | 503) => match retry_after_s {
            Some(seconds) => {
                let wait = i64::try_from(seconds.saturating_mul(1000))
                    .unwrap_or(LONGEST_RETRY_AFTER_MS)
                    .clamp(1000, LONGEST_RETRY_AFTER_MS);
                Outcome::RetryAt(now_ms.saturating_add(wait))
            }
            None => Outcome::RetryAt(backoff),
        },
        _ => Outcome::RetryAt(backoff),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    #[test]
    fn stored_and_already_stored_are_both_delivered() {
        assert_eq!(outcome(Some(201), None, 0, NOW), Outcome::Delivered);
        assert_eq!(outcome(Some(200), None, 3, NOW), Outcome::Delivered);
    }

    #[test]
    fn refusals_that_a_retry_cannot_mend_drop_the_report() {
        assert_eq!(
            outcome(Some(400), None, 1, NOW),
            Outcome::Refused(Refusal::Malformed)
        );
        assert_eq!(
            outcome(Some(409), None, 1, NOW),
            Outcome::Refused(Refusal::ReportIdReused)
        );
        assert_eq!(
            outcome(Some(413), None, 1, NOW),
            Outcome::Refused(Refusal::TooLarge)
        );
    }

    #[test]
    fn an_unknown_study_keeps_the_report_for_later() {
        assert_eq!(
            outcome(Some(404), None, 1, NOW),
            Outcome::UnknownStudy {
                retry_at_ms: NOW + LONGEST_RETRY_MS
            }
        );
    }

    #[test]
    fn retry_after_is_honoured_within_a_day() {
        assert_eq!(
            outcome(Some(429), Some(120), 1, NOW),
            Outcome::RetryAt(NOW + 120_000)
        );
        assert_eq!(
            outcome(Some(503), Some(60), 1, NOW),
            Outcome::RetryAt(NOW + 60_000)
        );
        assert_eq!(
            outcome(Some(429), Some(0), 1, NOW),
            Outcome::RetryAt(NOW + 1000)
        );
        assert_eq!(
            outcome(Some(429), Some(u64::MAX), 1, NOW),
            Outcome::RetryAt(NOW + LONGEST_RETRY_AFTER_MS)
        );
    }

    #[test]
    fn failures_back_off_exponentially_up_to_six_hours() {
        let waits: Vec<i64> = (1..=5).map(backoff_ms).collect();
        assert_eq!(waits, [30_000, 60_000, 120_000, 240_000, 480_000]);
        assert_eq!(backoff_ms(40), LONGEST_RETRY_MS);
        assert_eq!(outcome(None, None, 2, NOW), Outcome::RetryAt(NOW + 60_000));
        assert_eq!(
            outcome(Some(502), None, 1, NOW),
            Outcome::RetryAt(NOW + 30_000)
        );
        assert_eq!(
            outcome(Some(503), None, 3, NOW),
            Outcome::RetryAt(NOW + 120_000)
        );
    }
}
