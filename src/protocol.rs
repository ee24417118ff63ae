//! The whole message protocol between the extension's parts and the core, in one place.
//!
//! Content sensors report observations (they get their rules at build time, see
//! [`crate::rules::sensor_table`]); extension pages ask for the summary and the export. Messages are plain objects tagged by `type`; anything else is refused.

use crate::classify::{Observation, Rejection};
use crate::diagnostics::Diagnostics;
use crate::estimate::Valuation;
use crate::export::Export;
use crate::import::ImportProblem;
use crate::model::{Kind, Platform};
use crate::settings::{Preferences, Settings};
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
use crate::study::consent::{Consent, Decision};
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
use crate::study::manifest::Manifest;
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
use crate::study::participation::{Participation, Queued};
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
use crate::study::report::{ReportPeriod, Withheld};
use crate::summary::Summary;
use crate::views::{Overview, Period};
use serde::de::value::MapAccessDeserializer;
use serde::de::{Error as _, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A message to the service worker: a plain object whose first field is `type` (see
/// [`Request::deserialize`]).
#[derive(Debug, Clone, PartialEq)]
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
        locale: Option<String>,
    },
    /// From the dashboard or the popup: everything shown for a period.
    Overview {
        /// The browser's language, for the default valuation.
        locale: Option<String>,
        /// The period.
        period: Period,
    },
    /// From the dashboard as it opens: the settings and the overview of a period, in one answer
    /// (each message to the worker is a round trip through the browser, slow while a tab opens).
    Dashboard {
        /// The browser's language, for the default valuation.
        locale: Option<String>,
        /// The period.
        period: Period,
    },
    /// From the dashboard: the export of the whole ledger.
    Export {},
    /// From the dashboard: the export of the whole ledger as CSV.
    ExportCsv {},
    /// From the dashboard: merge an export file into the ledger.
    Import {
        /// The file's content.
        export: Export,
    },
    /// From an extension page: stop counting until a time, or until resumed.
    Pause {
        /// Until when (milliseconds since the epoch); none means until resumed.
        until_ms: Option<i64>,
    },
    /// From an extension page: count again.
    Resume {},
    /// From an extension page: the language, badge and range point preferences.
    SetPreferences {
        /// The new preferences.
        preferences: Preferences,
    },
    /// From the dashboard: delete every count and setting.
    DeleteEverything {},
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
        tab_url: Option<String>,
    },
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the study page: check a study manifest (the object the page parsed) before the
    /// consent screen.
    StudyCheck {
        /// The manifest.
        manifest: Manifest,
    },
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the study page: the studies decided on, with their due periods and queue.
    StudyList {},
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the consent screen: the participant's decision on a manifest (accepted or declined).
    StudyJoin {
        /// The manifest shown.
        manifest: Manifest,
        /// The decision.
        decision: Decision,
        /// When the consent screen was shown (milliseconds since the epoch).
        viewed_ms: i64,
    },
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the study page: seal the report of the study's next due period, to preview.
    StudyPreview {
        /// The study's id.
        study: String,
        /// What the participant leaves out, when the study allows it.
        withheld: Withheld,
    },
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the study page: send the report previewed, exactly as sealed.
    StudySend {
        /// The study's id.
        study: String,
        /// The previewed report's id.
        report_id: String,
    },
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the study page: leave the study; its queued reports are dropped at once.
    StudyLeave {
        /// The study's id.
        study: String,
    },
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the worker: the queued reports to post now.
    StudyOutbox {},
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    /// From the worker: how posting one queued report went.
    StudyDelivered {
        /// The report's id.
        report_id: String,
        /// The inbox's HTTP status; none when no answer came.
        status: Option<u16>,
        /// The answer's `Retry-After`, in seconds.
        retry_after_s: Option<u64>,
    },
}

/// The fields of one kind of request, checked like a struct (unknown fields refused).
macro_rules! payload {
    ($name:ident { $($field:ident : $type:ty $(= $default:ident)?),* }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $( $(#[serde($default)])? $field: $type, )*
        }
    };
}

payload!(Nothing {});
payload!(ObserveFields {
    observation: Observation
});
payload!(LocaleFields { locale: Option<String> = default });
payload!(OverviewFields { locale: Option<String> = default, period: Period });
payload!(ImportFields { export: Export });
payload!(PauseFields { until_ms: Option<i64> = default });
payload!(PreferencesFields {
    preferences: Preferences
});
payload!(ValuationFields {
    valuation: Valuation
});
payload!(PlatformFields {
    platform: Platform,
    enabled: bool
});
payload!(HostFields { host: String });
payload!(DiagnosticsFields { tab_url: Option<String> = default });
// The study messages are in the worker's module with the `study` feature only (see Cargo.toml).
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
payload!(StudyCheckFields { manifest: Manifest });
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
payload!(StudyJoinFields {
    manifest: Manifest,
    decision: Decision,
    viewed_ms: i64
});
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
payload!(StudyPreviewFields {
    study: String,
    withheld: Withheld = default
});
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
payload!(StudySendFields {
    study: String,
    report_id: String
});
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
payload!(StudyFields { study: String });
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
payload!(StudyDeliveredFields {
    report_id: String,
    status: Option<u16> = default,
    retry_after_s: Option<u64> = default
});

// Read by hand rather than with `#[serde(tag = "type")]`: an internally tagged enum buffers the
// whole message through serde's generic content type first, whose code weighs on the WebAssembly
// module. Here the `type` is read first and the rest of the object goes straight into the
// request's fields.
impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RequestVisitor)
    }
}

struct RequestVisitor;

impl<'de> Visitor<'de> for RequestVisitor {
    type Value = Request;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a message object whose first field is `type`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Request, A::Error> {
        if map.next_key::<String>()?.as_deref() != Some("type") {
            return Err(A::Error::custom("a message starts with its `type`"));
        }
        let kind: String = map.next_value()?;
        let fields = MapAccessDeserializer::new(map);
        let request = match kind.as_str() {
            "observe" => {
                let f = ObserveFields::deserialize(fields)?;
                Request::Observe {
                    observation: f.observation,
                }
            }
            "summary" => Request::Summary {
                locale: LocaleFields::deserialize(fields)?.locale,
            },
            "overview" => {
                let f = OverviewFields::deserialize(fields)?;
                Request::Overview {
                    locale: f.locale,
                    period: f.period,
                }
            }
            "dashboard" => {
                let f = OverviewFields::deserialize(fields)?;
                Request::Dashboard {
                    locale: f.locale,
                    period: f.period,
                }
            }
            "export" => Nothing::deserialize(fields).map(|_| Request::Export {})?,
            "export_csv" => Nothing::deserialize(fields).map(|_| Request::ExportCsv {})?,
            "import" => Request::Import {
                export: ImportFields::deserialize(fields)?.export,
            },
            "pause" => Request::Pause {
                until_ms: PauseFields::deserialize(fields)?.until_ms,
            },
            "resume" => Nothing::deserialize(fields).map(|_| Request::Resume {})?,
            "set_preferences" => Request::SetPreferences {
                preferences: PreferencesFields::deserialize(fields)?.preferences,
            },
            "delete_everything" => {
                Nothing::deserialize(fields).map(|_| Request::DeleteEverything {})?
            }
            "settings" => Nothing::deserialize(fields).map(|_| Request::Settings {})?,
            "set_valuation" => Request::SetValuation {
                valuation: ValuationFields::deserialize(fields)?.valuation,
            },
            "set_platform" => {
                let f = PlatformFields::deserialize(fields)?;
                Request::SetPlatform {
                    platform: f.platform,
                    enabled: f.enabled,
                }
            }
            "add_mastodon_server" => Request::AddMastodonServer {
                host: HostFields::deserialize(fields)?.host,
            },
            "remove_mastodon_server" => Request::RemoveMastodonServer {
                host: HostFields::deserialize(fields)?.host,
            },
            "diagnostics" => Request::Diagnostics {
                tab_url: DiagnosticsFields::deserialize(fields)?.tab_url,
            },
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_check" => Request::StudyCheck {
                manifest: StudyCheckFields::deserialize(fields)?.manifest,
            },
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_list" => {
                Nothing::deserialize(fields)?;
                Request::StudyList {}
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_join" => {
                let f = StudyJoinFields::deserialize(fields)?;
                Request::StudyJoin {
                    manifest: f.manifest,
                    decision: f.decision,
                    viewed_ms: f.viewed_ms,
                }
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_preview" => {
                let f = StudyPreviewFields::deserialize(fields)?;
                Request::StudyPreview {
                    study: f.study,
                    withheld: f.withheld,
                }
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_send" => {
                let f = StudySendFields::deserialize(fields)?;
                Request::StudySend {
                    study: f.study,
                    report_id: f.report_id,
                }
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_leave" => Request::StudyLeave {
                study: StudyFields::deserialize(fields)?.study,
            },
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_outbox" => {
                Nothing::deserialize(fields)?;
                Request::StudyOutbox {}
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            "study_delivered" => {
                let f = StudyDeliveredFields::deserialize(fields)?;
                Request::StudyDelivered {
                    report_id: f.report_id,
                    status: f.status,
                    retry_after_s: f.retry_after_s,
                }
            }
            other => return Err(A::Error::custom(format!("unknown message type {other:?}"))),
        };
        Ok(request)
    }
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
        /// Today's count for the toolbar badge, when the user wants the badge.
        #[serde(skip_serializing_if = "Option::is_none")]
        badge: Option<u64>,
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
    /// The overview of a period.
    Overview {
        /// The overview.
        overview: Box<Overview>,
    },
    /// What the dashboard shows as it opens.
    Dashboard {
        /// The settings.
        settings: Settings,
        /// The overview of the period asked for.
        overview: Box<Overview>,
    },
    /// The export as CSV text.
    Csv {
        /// The CSV.
        csv: String,
    },
    /// An import was merged.
    Imported {
        /// Records in the file.
        records: usize,
        /// Days whose counts changed.
        changed_days: usize,
    },
    /// Everything was deleted.
    Deleted {
        /// Day records removed.
        days: usize,
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
    /// An import file was refused, and nothing was changed: what is wrong with it, as a code
    /// the page puts in words.
    ImportRefused {
        /// What is wrong.
        problem: ImportProblem,
    },
    /// A study manifest that passed every check (the page shows the one it sent).
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    StudyManifestChecked {
        /// The study's id.
        study: String,
        /// The manifest's version.
        version: u32,
        /// The participant's earlier decision on this study, if any.
        previous: Option<Consent>,
        /// Whether the consent screen must be shown (no decision yet, or on another version).
        needs_asking: bool,
    },
    /// A study manifest refused, and nothing changed: the field at fault and what is wrong with
    /// it (in English; the page names the field in its own language).
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    StudyManifestRefused {
        /// The field (`endpoint`), or `manifest` for the whole.
        field: String,
        /// What is wrong, in a sentence.
        problem: String,
    },
    /// The studies decided on.
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    StudyList {
        /// One per study, in the order first decided on.
        studies: Vec<StudyView>,
        /// When the queue next needs a try, if it holds anything.
        next_attempt_ms: Option<i64>,
    },
    /// The queued reports to post now.
    #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
    StudyOutbox {
        /// Oldest first.
        ready: Vec<Queued>,
        /// When the queue next needs a try, if it holds anything.
        next_attempt_ms: Option<i64>,
    },
    /// The request could not be served; nothing was changed.
    Error {
        /// What went wrong, for the user and diagnostics.
        message: String,
    },
}

/// One study as the study page shows it: the stored participation, and what is due today.
#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudyView {
    /// The stored participation.
    #[serde(flatten)]
    pub participation: Participation,
    /// The periods ready to report, oldest first.
    pub due: Vec<ReportPeriod>,
    /// The reports of this study waiting in the queue.
    pub waiting: usize,
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
            serde_json::json!({ "type": "format_the_disk" }),
            serde_json::json!({ "type": "summary", "extra": 1 }),
            serde_json::json!("summary"),
            serde_json::json!(null),
            serde_json::json!({ "locale": "fr", "type": "summary" }),
            serde_json::json!({ "type": "overview", "period": "8d" }),
            serde_json::json!({ "type": "import", "export": { "format": "tacheron-export", "version": 1, "records": [], "x": 1 } }),
        ] {
            assert!(
                serde_json::from_value::<Request>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
