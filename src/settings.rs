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
}

impl Settings {
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
}
