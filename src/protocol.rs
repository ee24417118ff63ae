//! The whole message protocol between the extension's parts and the core, in one place.
//!
//! Content sensors report observations (they get their rules at build time, see
//! [`crate::rules::sensor_table`]); extension pages ask for the summary and the export. Messages are plain objects tagged by `type`; anything else is refused.

use crate::classify::{Observation, Rejection};
use crate::diagnostics::Diagnostics;
use crate::estimate::Valuation;
use crate::export::Export;
use crate::model::{Kind, Platform};
use crate::settings::Settings;
use crate::summary::Summary;
use serde::{Deserialize, Serialize};

/// A message to the service worker.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    /// From a sensor: this is what I saw.
    Observe {
        /// The observation.
        observation: Observation,
    },
    /// From the dashboard: the totals, valued as the settings say, or by default for `locale`
    /// (the browser's language) when the user chose nothing.
    Summary {
        /// The browser's language (`fr`, `en-US`).
        #[serde(default)]
        locale: Option<String>,
    },
    /// From the dashboard: the export of the whole ledger.
    Export {},
    /// From an extension page: the settings.
    Settings {},
    /// From an extension page: show money in this currency and value time at this wage.
    SetValuation {
        /// The choice.
        valuation: Valuation,
    },
    /// From an extension page: switch counting on a platform on or off.
    SetPlatform {
        /// The platform.
        platform: Platform,
        /// On (`true`) or off.
        enabled: bool,
    },
    /// From an extension page, once the user granted access to it: count on this Mastodon server.
    AddMastodonServer {
        /// The server's host name (`piaille.fr`), or its address.
        host: String,
    },
    /// From an extension page: stop counting on this Mastodon server.
    RemoveMastodonServer {
        /// The server's host name.
        host: String,
    },
    /// From an extension page: the diagnostics, for the tab at `tab_url` if given.
    Diagnostics {
        /// The URL of the tab the user is looking at, to tell which platform's sensor runs there;
        /// used for that and dropped.
        #[serde(default)]
        tab_url: Option<String>,
    },
}

/// Who sent a message, as the browser reports it (never as the message claims).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Sender {
    /// The URL of the sending page or frame: a web page for sensors, an extension page otherwise.
    pub url: String,
    /// The sending tab, for content scripts.
    #[serde(default)]
    pub tab_id: Option<i64>,
    /// The URL of the sending tab's page, when the browser shows it to the extension (it does on
    /// the platforms, where the extension has host access; elsewhere it stays hidden).
    #[serde(default)]
    pub tab_url: Option<String>,
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The actions are counted and durably stored.
    Recorded {
        /// Where.
        platform: Platform,
        /// What kinds, one per action counted.
        kinds: Vec<Kind>,
    },
    /// The event is taken into account; nothing is counted yet (a captcha in progress).
    Noted,
    /// The observation was valid but counts nothing.
    Ignored {
        /// Why.
        reason: Rejection,
    },
    /// The dashboard's totals.
    Summary {
        /// The totals.
        summary: Summary,
    },
    /// The export.
    Export {
        /// The export.
        export: Export,
    },
    /// The settings (after a change, the new ones).
    Settings {
        /// The settings.
        settings: Settings,
    },
    /// The diagnostics.
    Diagnostics {
        /// The diagnostics.
        diagnostics: Diagnostics,
    },
    /// The request could not be served; nothing was changed.
    Error {
        /// What went wrong, for the user and diagnostics.
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_plain_tagged_objects() {
        let observe: Request = serde_json::from_value(serde_json::json!({
            "type": "observe",
            "observation": { "signal": "toggle", "control": "like", "before": false, "after": true }
        }))
        .expect("valid");
        assert!(matches!(observe, Request::Observe { .. }));
        for bad in [
            serde_json::json!({ "type": "delete_everything" }),
            serde_json::json!({ "type": "summary", "extra": 1 }),
            serde_json::json!("summary"),
            serde_json::json!(null),
        ] {
            assert!(
                serde_json::from_value::<Request>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
