//! Guards against inflated counts, kept in the session store (cleared when the browser closes):
//! - toggling the same item again within ten minutes counts once per direction
//!   (like → unlike → like = 1 reaction, 1 unreaction);
//! - each platform has a ceiling of observations per minute (`PlatformRules::ceiling_per_minute`);
//!   beyond it observations are dropped, and the drops are counted for diagnostics.
//!
//! Item numbers are drawn by the sensor per element and page; they identify nothing outside it.

use crate::model::{Action, Kind, Platform};
use serde::{Deserialize, Serialize};

/// How long a toggled item is remembered.
pub const REPEAT_WINDOW_MS: i64 = 10 * 60 * 1000;

/// One counted toggle direction on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Toggled {
    platform: Platform,
    item: u32,
    control: String,
    kind: Kind,
    at_ms: i64,
}

/// The guard's state, as stored in the session store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardState {
    toggled: Vec<Toggled>,
    /// Per platform: the minute (ms since epoch / 60 000) and how many observations it counted.
    minutes: Vec<(Platform, i64, u32)>,
    /// Per platform: observations dropped over the ceiling since the browser started.
    dropped: Vec<(Platform, u64)>,
}

/// What the guard decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Count it.
    Count,
    /// The same item was toggled the same way within the window.
    Repeated,
    /// The platform's per-minute ceiling is reached.
    OverCeiling,
}

impl GuardState {
    /// Decides about an observation of `platform` at `now_ms`, and remembers it when it counts.
    /// `toggle` is the item number, control and resulting action of a toggle, if it is one.
    pub fn admit(
        &mut self,
        platform: Platform,
        ceiling_per_minute: u32,
        now_ms: i64,
        toggle: Option<(u32, &str, &Action)>,
    ) -> Verdict {
        self.toggled
            .retain(|t| now_ms - t.at_ms < REPEAT_WINDOW_MS && t.at_ms <= now_ms);
        if let Some((item, control, action)) = toggle {
            let repeated = self.toggled.iter().any(|t| {
                t.platform == platform
                    && t.item == item
                    && t.control == control
                    && t.kind == action.kind
            });
            if repeated {
                return Verdict::Repeated;
            }
        }
        let minute = now_ms.div_euclid(60_000);
        self.minutes.retain(|(_, m, _)| *m == minute);
        let used = self
            .minutes
            .iter()
            .find(|(p, _, _)| *p == platform)
            .map_or(0, |(_, _, n)| *n);
        if used >= ceiling_per_minute {
            match self.dropped.iter_mut().find(|(p, _)| *p == platform) {
                Some((_, n)) => *n += 1,
                None => self.dropped.push((platform, 1)),
            }
            return Verdict::OverCeiling;
        }
        match self.minutes.iter_mut().find(|(p, _, _)| *p == platform) {
            Some((_, _, n)) => *n += 1,
            None => self.minutes.push((platform, minute, 1)),
        }
        if let Some((item, control, action)) = toggle {
            self.toggled.push(Toggled {
                platform,
                item,
                control: control.to_owned(),
                kind: action.kind,
                at_ms: now_ms,
            });
        }
        Verdict::Count
    }

    /// Observations dropped over the ceiling, per platform.
    pub fn dropped(&self) -> &[(Platform, u64)] {
        &self.dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Detail;

    #[test]
    fn like_unlike_like_within_ten_minutes_is_one_of_each() {
        let mut guard = GuardState::default();
        let like = Action::new(Platform::X, Kind::Reaction, Detail::new("like"));
        let unlike = Action::new(Platform::X, Kind::Unreaction, Detail::new("like"));
        for (now_ms, item, action, verdict) in [
            (0, 7, &like, Verdict::Count),
            (1_000, 7, &unlike, Verdict::Count),
            (2_000, 7, &like, Verdict::Repeated),
            (3_000, 7, &unlike, Verdict::Repeated),
            // Another item, or the same after ten minutes, counts again.
            (4_000, 8, &like, Verdict::Count),
            (REPEAT_WINDOW_MS + 1, 7, &like, Verdict::Count),
        ] {
            assert_eq!(
                guard.admit(Platform::X, 90, now_ms, Some((item, "like", action))),
                verdict,
                "{now_ms}"
            );
        }
    }

    #[test]
    fn beyond_the_ceiling_observations_are_dropped_and_counted() {
        let mut guard = GuardState::default();
        for i in 0..5 {
            assert_eq!(
                guard.admit(Platform::Reddit, 5, 60_000 + i, None),
                Verdict::Count
            );
        }
        assert_eq!(
            guard.admit(Platform::Reddit, 5, 60_100, None),
            Verdict::OverCeiling
        );
        assert_eq!(
            guard.admit(Platform::Reddit, 5, 60_200, None),
            Verdict::OverCeiling
        );
        assert_eq!(guard.dropped(), &[(Platform::Reddit, 2)]);
        // Other platforms have their own budget; the next minute starts afresh.
        assert_eq!(guard.admit(Platform::X, 5, 60_300, None), Verdict::Count);
        assert_eq!(
            guard.admit(Platform::Reddit, 5, 120_000, None),
            Verdict::Count
        );
    }
}
