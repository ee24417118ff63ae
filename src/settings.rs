//! The user's settings that the core must honour: which platforms are switched off, how money is
//! shown (currency and reference wage), and which Mastodon servers besides mastodon.social the
//! user added (their host names are kept here, by the
//! user's choice, and nowhere else: never in the ledger or the export). Kept in the durable store
//! under `settings`; a change holds from the next observation on.

use crate::estimate::Valuation;
use crate::model::Platform;
use serde::{Deserialize, Serialize};

/// The storage key of the settings.
pub const SETTINGS_KEY: &str = "settings";

/// What the user chose.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Platforms where nothing is counted.
    #[serde(default)]
    pub disabled_platforms: Vec<Platform>,
    /// Mastodon servers the user added, by host name.
    #[serde(default)]
    pub mastodon_servers: Vec<String>,
    /// The currency and reference wage the user chose; until then, the browser language's
    /// default ([`Valuation::for_locale`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valuation: Option<Valuation>,
    /// Counting is paused, until a time or until resumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<Pause>,
    /// How the pages look and speak.
    #[serde(default)]
    pub preferences: Preferences,
}

/// A pause in counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Pause {
    /// Until this instant (milliseconds since the Unix epoch).
    Until {
        /// When counting starts again.
        epoch_ms: i64,
    },
    /// Until the user resumes.
    UntilResumed,
}

/// The pages' language: the browser's, or one chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// The browser's language.
    #[default]
    Auto,
    /// French.
    Fr,
    /// English.
    En,
}

/// Which point of every range the pages put forward (all three are always shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Point {
    /// The low estimate.
    Low,
    /// The central estimate.
    #[default]
    Central,
    /// The high estimate.
    High,
}

/// Display preferences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// The pages' language.
    #[serde(default)]
    pub language: Language,
    /// Whether the toolbar badge shows today's count.
    #[serde(default)]
    pub badge: bool,
    /// The point of each range put forward.
    #[serde(default)]
    pub point: Point,
}

impl Settings {
    /// Whether counting is paused at `now_ms`.
    pub fn is_paused(&self, now_ms: i64) -> bool {
        match self.paused {
            Some(Pause::UntilResumed) => true,
            Some(Pause::Until { epoch_ms }) => now_ms < epoch_ms,
            None => false,
        }
    }

    /// Whether counting is on for `platform`.
    pub fn is_enabled(&self, platform: Platform) -> bool {
        !self.disabled_platforms.contains(&platform)
    }

    /// Adds or removes a Mastodon server (a checked host name).
    pub fn set_mastodon_server(&mut self, host: String, present: bool) {
        self.mastodon_servers.retain(|h| *h != host);
        if present {
            self.mastodon_servers.push(host);
            self.mastodon_servers.sort();
        }
    }

    /// Switches `platform` on or off.
    pub fn set_enabled(&mut self, platform: Platform, enabled: bool) {
        self.disabled_platforms.retain(|p| *p != platform);
        if !enabled {
            self.disabled_platforms.push(platform);
            self.disabled_platforms.sort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_switch_off_and_on() {
        let mut settings = Settings::default();
        assert!(settings.is_enabled(Platform::X));
        settings.set_enabled(Platform::X, false);
        settings.set_enabled(Platform::X, false);
        assert_eq!(settings.disabled_platforms, [Platform::X]);
        assert!(!settings.is_enabled(Platform::X));
        settings.set_enabled(Platform::X, true);
        assert!(settings.is_enabled(Platform::X));
    }

    #[test]
    fn a_pause_holds_until_its_time_or_until_resumed() {
        let mut settings = Settings::default();
        assert!(!settings.is_paused(1_000));
        settings.paused = Some(Pause::Until { epoch_ms: 5_000 });
        assert!(settings.is_paused(4_999));
        assert!(!settings.is_paused(5_000));
        settings.paused = Some(Pause::UntilResumed);
        assert!(settings.is_paused(i64::MAX));
        let stored = serde_json::to_value(&settings).expect("serializable");
        assert_eq!(stored["paused"], "until_resumed");
        let back: Settings = serde_json::from_value(stored).expect("readable");
        assert_eq!(back, settings);
    }
}
