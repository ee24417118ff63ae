//! Captcha solves, put together from the events of the widget's frames.
//!
//! The anchor frame (the checkbox) and the challenge frame are separate documents, each with its
//! own sensor; their events meet here, per tab and provider, in the session store. A solve counts
//! once, timed from the first trusted interaction or the challenge being shown to the solved
//! state, with its challenge type, rounds and tiles. A solve that nobody worked on is passive and
//! counts nothing. Progress older than ten minutes is forgotten.

use crate::model::{Action, Detail, Effort, Kind, Platform};
use crate::rules::CaptchaProvider;
use serde::{Deserialize, Serialize};

/// How long an unfinished captcha is remembered.
pub const FORGET_AFTER_MS: i64 = 10 * 60 * 1000;

/// What a captcha sensor saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptchaEvent {
    /// A trusted click or keystroke on the widget.
    Interact,
    /// A challenge was shown.
    Challenge,
    /// A round was submitted.
    Round,
    /// A tile was clicked.
    Tile,
    /// The widget shows it is solved.
    Solved,
}

/// One captcha in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Progress {
    tab: i64,
    provider: String,
    started_ms: Option<i64>,
    challenge: Option<String>,
    rounds: u32,
    tiles: u32,
    updated_ms: i64,
}

/// Every captcha in progress, as kept in the session store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptchaProgress {
    open: Vec<Progress>,
    /// Passive solves seen since the browser started (diagnostics).
    pub passive: u64,
}

/// What an event led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptchaOutcome {
    /// Still in progress.
    Pending,
    /// Solved by the person: count this action.
    Solved(Action),
    /// Solved without anybody working on it: nothing to count.
    Passive,
}

/// Challenge types in order of effort: a person who switched from images to audio did audio.
fn heavier(current: Option<&str>, new: &str) -> bool {
    let rank = |c: &str| match c {
        "audio" => 2,
        _ => 1,
    };
    current.is_none_or(|c| rank(new) >= rank(c))
}

impl CaptchaProgress {
    /// Takes one event of `provider`'s widget in tab `tab` at `now_ms`.
    pub fn record(
        &mut self,
        provider: &CaptchaProvider,
        platform: Platform,
        tab: i64,
        event: CaptchaEvent,
        challenge: Option<&str>,
        now_ms: i64,
    ) -> CaptchaOutcome {
        self.open
            .retain(|p| now_ms - p.updated_ms < FORGET_AFTER_MS && p.updated_ms <= now_ms);
        let index = match self
            .open
            .iter()
            .position(|p| p.tab == tab && p.provider == provider.name)
        {
            Some(index) => index,
            None => {
                self.open.push(Progress {
                    tab,
                    provider: provider.name.to_owned(),
                    started_ms: None,
                    challenge: None,
                    rounds: 0,
                    tiles: 0,
                    updated_ms: now_ms,
                });
                self.open.len() - 1
            }
        };
        let Some(progress) = self.open.get_mut(index) else {
            return CaptchaOutcome::Pending;
        };
        progress.updated_ms = now_ms;
        match event {
            CaptchaEvent::Interact => {
                progress.started_ms.get_or_insert(now_ms);
            }
            CaptchaEvent::Challenge => {
                progress.started_ms.get_or_insert(now_ms);
                if let Some(kind) = challenge.filter(|c| heavier(progress.challenge.as_deref(), c))
                {
                    progress.challenge = Some(kind.to_owned());
                }
            }
            CaptchaEvent::Round => {
                progress.started_ms.get_or_insert(now_ms);
                progress.rounds = progress.rounds.saturating_add(1);
            }
            CaptchaEvent::Tile => {
                progress.started_ms.get_or_insert(now_ms);
                progress.tiles = progress.tiles.saturating_add(1);
            }
            CaptchaEvent::Solved => {
                let done = self.open.swap_remove(index);
                let Some(started_ms) = done.started_ms else {
                    self.passive = self.passive.saturating_add(1);
                    return CaptchaOutcome::Passive;
                };
                let detail = match &done.challenge {
                    Some(challenge) => Detail::new(&format!("{}-{challenge}", provider.name)),
                    None => Detail::new(provider.plain_detail),
                };
                let mut action = Action::new(platform, Kind::Captcha, detail);
                action.measured_ms = u64::try_from(now_ms - started_ms).unwrap_or(0);
                action.effort = Effort {
                    rounds: done.rounds,
                    tiles: done.tiles,
                };
                return CaptchaOutcome::Solved(action);
            }
        }
        CaptchaOutcome::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::CAPTCHA_PROVIDERS;

    fn recaptcha() -> &'static CaptchaProvider {
        CAPTCHA_PROVIDERS
            .iter()
            .find(|p| p.name == "recaptcha")
            .expect("recaptcha")
    }

    /// Records reCAPTCHA's events in `tab` on `platform`: `(event, challenge, now_ms)`.
    fn recaptcha_in(
        progress: &mut CaptchaProgress,
        platform: Platform,
        tab: i64,
    ) -> impl FnMut(CaptchaEvent, Option<&str>, i64) -> CaptchaOutcome + '_ {
        move |event, challenge, ms| {
            progress.record(recaptcha(), platform, tab, event, challenge, ms)
        }
    }

    /// The action a solve counts; anything but a solve fails the test.
    fn solved(outcome: CaptchaOutcome) -> Action {
        let CaptchaOutcome::Solved(action) = outcome else {
            panic!("expected a solve, got {outcome:?}");
        };
        action
    }

    #[test]
    fn an_image_challenge_is_timed_from_the_click_with_rounds_and_tiles() {
        let mut progress = CaptchaProgress::default();
        let mut at = recaptcha_in(&mut progress, Platform::Other, 3);
        assert_eq!(
            at(CaptchaEvent::Interact, None, 1_000),
            CaptchaOutcome::Pending
        );
        at(CaptchaEvent::Challenge, Some("image"), 1_400);
        for ms in [3_000, 3_500, 4_000] {
            at(CaptchaEvent::Tile, None, ms);
        }
        at(CaptchaEvent::Round, None, 5_000);
        at(CaptchaEvent::Tile, None, 6_000);
        at(CaptchaEvent::Round, None, 7_000);
        let action = solved(at(CaptchaEvent::Solved, None, 9_500));
        assert_eq!(
            action.detail.as_ref().map(Detail::as_str),
            Some("recaptcha-image")
        );
        assert_eq!(action.measured_ms, 8_500);
        assert_eq!(
            action.effort,
            Effort {
                rounds: 2,
                tiles: 4
            }
        );
        assert_eq!(action.platform, Platform::Other);
    }

    #[test]
    fn a_checkbox_alone_is_a_checkbox_solve_and_audio_outranks_images() {
        let mut progress = CaptchaProgress::default();
        let mut at = recaptcha_in(&mut progress, Platform::Youtube, 1);
        at(CaptchaEvent::Interact, None, 0);
        let plain = solved(at(CaptchaEvent::Solved, None, 1_850));
        assert_eq!(
            plain.detail.as_ref().map(Detail::as_str),
            Some("recaptcha-checkbox")
        );
        for (challenge, ms) in [("image", 10_000), ("audio", 11_000), ("image", 12_000)] {
            at(CaptchaEvent::Challenge, Some(challenge), ms);
        }
        let audio = solved(at(CaptchaEvent::Solved, None, 40_000));
        assert_eq!(
            audio.detail.as_ref().map(Detail::as_str),
            Some("recaptcha-audio")
        );
    }

    #[test]
    fn a_solve_nobody_worked_on_is_passive_and_tabs_do_not_mix() {
        let mut progress = CaptchaProgress::default();
        let p = recaptcha();
        progress.record(p, Platform::Other, 1, CaptchaEvent::Interact, None, 0);
        assert_eq!(
            progress.record(p, Platform::Other, 2, CaptchaEvent::Solved, None, 500),
            CaptchaOutcome::Passive
        );
        assert_eq!(progress.passive, 1);
        assert!(matches!(
            progress.record(p, Platform::Other, 1, CaptchaEvent::Solved, None, 900),
            CaptchaOutcome::Solved(_)
        ));
        // Progress older than ten minutes is forgotten: a late "solved" is passive.
        progress.record(p, Platform::Other, 1, CaptchaEvent::Interact, None, 1_000);
        assert_eq!(
            progress.record(
                p,
                Platform::Other,
                1,
                CaptchaEvent::Solved,
                None,
                1_000 + FORGET_AFTER_MS
            ),
            CaptchaOutcome::Passive
        );
    }
}
