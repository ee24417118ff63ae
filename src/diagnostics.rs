//! Diagnostics for the user and for bug reports: the rules version, the platform of a tab, the
//! last observations (platform, kind and outcome only — never a page, a URL or text), and what the
//! guard dropped. Kept in the session store, so it is gone when the browser closes.

use crate::model::{Kind, Platform};
use serde::{Deserialize, Serialize};

/// How many observations are remembered.
pub const RECENT_LENGTH: usize = 20;

/// One observation as diagnostics show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentObservation {
    /// When (ms since the epoch).
    pub at_ms: i64,
    /// Where.
    pub platform: Platform,
    /// What was counted, one kind per action (empty when nothing was).
    pub kinds: Vec<Kind>,
    /// `counted`, or why not (`repeated`, `over_ceiling`, `platform_off`, `passive`, …).
    pub outcome: String,
}

/// The last observations, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent(pub Vec<RecentObservation>);

impl Recent {
    /// Remembers one observation, forgetting the oldest beyond [`RECENT_LENGTH`].
    pub fn push(&mut self, observation: RecentObservation) {
        self.0.insert(0, observation);
        self.0.truncate(RECENT_LENGTH);
    }
}

/// Per platform: whether counting is on, and how many observations the ceiling dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlatformStatus {
    /// The platform.
    pub platform: Platform,
    /// Whether counting is on.
    pub enabled: bool,
    /// Observations dropped over the per-minute ceiling since the browser started.
    pub dropped: u64,
}

/// Everything the diagnostics view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostics {
    /// The detection table's version.
    pub rules_version: &'static str,
    /// The platform whose sensor runs on the asked-about tab, if any.
    pub tab_platform: Option<Platform>,
    /// Every platform's status.
    pub platforms: Vec<PlatformStatus>,
    /// The last observations, newest first.
    pub recent: Vec<RecentObservation>,
    /// Captchas that solved themselves (not counted) since the browser started.
    pub passive_captchas: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_twenty_are_kept_newest_first() {
        let mut recent = Recent::default();
        for at_ms in 0..25 {
            recent.push(RecentObservation {
                at_ms,
                platform: Platform::X,
                kinds: vec![],
                outcome: "counted".into(),
            });
        }
        assert_eq!(recent.0.len(), RECENT_LENGTH);
        assert_eq!(recent.0.first().map(|o| o.at_ms), Some(24));
        assert_eq!(recent.0.last().map(|o| o.at_ms), Some(5));
    }
}
