//! The message protocol between the extension's parts and the core, in one place.
//!
//! Content sensors report observations (they get their rules at build time, see
//! [`crate::rules::sensor_table`]); extension pages ask for views, the export and settings; the
//! worker asks on its own behalf when it wakes. Messages are plain objects tagged by `type`;
//! anything else is refused. Research studies have messages of their own (`crates/study`), which
//! the worker hands to the studies' module.
//!
//! Each answer comes with the [`Effects`] the worker must carry out in the browser (the badge,
//! alarms, the Mastodon sensors, the study queue): the worker applies them and decides nothing.
//! [`REQUESTS`] names every request with the type of its answer; the build hands that table to
//! the pages' client (`lib/names.js`).

use crate::classify::{Observation, Rejection};
use crate::diagnostics::Diagnostics;
use crate::estimate::Valuation;
use crate::export::Export;
use crate::import::ImportProblem;
use crate::model::{Kind, Platform};
use crate::settings::{Preferences, Settings};
use crate::views::{Overview, Period, Today};
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
    /// From the popup as it opens: the settings, today's figures and the diagnostics, in one
    /// answer.
    Popup {
        /// The URL of the tab the user is looking at, to tell which platform's sensor runs there;
        /// used for that and dropped.
        tab_url: Option<String>,
    },
    /// From the worker itself, when it starts and when a new day begins: what the browser should
    /// show and schedule (answered with [`Effects`] only).
    Wake {},
}

/// Every request's `type`, with the `type` of the answer it expects (an `error` answer, or a
/// refusal such as `import_refused`, may come instead).
pub const REQUESTS: &[(&str, &str)] = &[
    ("observe", "recorded"),
    ("overview", "overview"),
    ("dashboard", "dashboard"),
    ("export", "export"),
    ("export_csv", "csv"),
    ("import", "imported"),
    ("pause", "settings"),
    ("resume", "settings"),
    ("set_preferences", "settings"),
    ("delete_everything", "deleted"),
    ("settings", "settings"),
    ("set_valuation", "settings"),
    ("set_platform", "settings"),
    ("add_mastodon_server", "settings"),
    ("remove_mastodon_server", "settings"),
    ("popup", "popup"),
    ("wake", "awake"),
];

/// Declares the fields of one kind of request as a struct read with serde, unknown fields refused
/// (`= default` after a type makes the field optional). For the core's requests and the studies'.
#[macro_export]
macro_rules! message_fields {
    ($name:ident { $($field:ident : $type:ty $(= $default:ident)?),* }) => {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $( $(#[serde($default)])? $field: $type, )*
        }
    };
}
use message_fields as payload;

/// Reads a message's type from its field `type_field` (`type` for requests, `signal` for a
/// sensor's observations), which must come first, and gives back the rest of the object to be read
/// as that type's fields. `what` names the message in the error when the field is not first.
///
/// Messages are read by hand rather than with `#[serde(tag = "type")]`: an internally tagged enum
/// buffers the whole message through serde's generic content type first, whose code weighs on the
/// WebAssembly module. Here the `type` is read first and the rest of the object goes straight into
/// the request's fields.
pub fn message_type<'de, A: MapAccess<'de>>(
    mut map: A,
    type_field: &str,
    what: &str,
) -> Result<(String, MapAccessDeserializer<A>), A::Error> {
    if map.next_key::<String>()?.as_deref() != Some(type_field) {
        return Err(A::Error::custom(format!(
            "{what} starts with its `{type_field}`"
        )));
    }
    let kind: String = map.next_value()?;
    Ok((kind, MapAccessDeserializer::new(map)))
}

/// The error for a message of a type nobody answers.
pub fn unknown_type<E: serde::de::Error>(kind: &str) -> E {
    E::custom(format!("unknown message type {kind:?}"))
}

/// A message read type first (see [`message_type`]): the core's [`Request`], the studies'
/// requests, and a sensor's [`Observation`].
pub trait TypedMessage: Sized {
    /// The field that names the message's type, first in the object.
    const TYPE_FIELD: &'static str = "type";
    /// The message, as the error names it when its type does not come first.
    const WHAT: &'static str = "a message";
    /// What the reader expects, as serde's errors say it.
    const EXPECTING: &'static str;

    /// The message of type `kind`, read from the object's other fields.
    fn from_fields<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        fields: D,
    ) -> Result<Self, D::Error>;
}

/// Reads a [`TypedMessage`]: its type first, then that type's fields.
pub fn read_message<'de, T: TypedMessage, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(MessageVisitor(std::marker::PhantomData))
}

struct MessageVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: TypedMessage> Visitor<'de> for MessageVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let (kind, fields) = message_type(map, T::TYPE_FIELD, T::WHAT)?;
        T::from_fields(&kind, fields)
    }
}

payload!(Nothing {});
payload!(ObserveFields {
    observation: Observation
});
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
payload!(PopupFields { tab_url: Option<String> = default });

// Read `type` first, by hand (see `message_type`).
impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_message(deserializer)
    }
}

impl TypedMessage for Request {
    const EXPECTING: &'static str = "a message object whose first field is `type`";

    fn from_fields<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        fields: D,
    ) -> Result<Request, D::Error> {
        let request = match kind {
            "observe" => Request::Observe {
                observation: ObserveFields::deserialize(fields)?.observation,
            },
            "overview" => {
                let OverviewFields { locale, period } = OverviewFields::deserialize(fields)?;
                Request::Overview { locale, period }
            }
            "dashboard" => {
                let OverviewFields { locale, period } = OverviewFields::deserialize(fields)?;
                Request::Dashboard { locale, period }
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
                let PlatformFields { platform, enabled } = PlatformFields::deserialize(fields)?;
                Request::SetPlatform { platform, enabled }
            }
            "add_mastodon_server" => Request::AddMastodonServer {
                host: HostFields::deserialize(fields)?.host,
            },
            "remove_mastodon_server" => Request::RemoveMastodonServer {
                host: HostFields::deserialize(fields)?.host,
            },
            "popup" => Request::Popup {
                tab_url: PopupFields::deserialize(fields)?.tab_url,
            },
            "wake" => Nothing::deserialize(fields).map(|_| Request::Wake {})?,
            other => return Err(unknown_type(other)),
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

impl Sender {
    /// Whether the sender is one of the extension's own pages, under `extension_base_url`
    /// (`chrome-extension://<id>/`): only they may read or change the user's data.
    pub fn is_extension_page(&self, extension_base_url: &str) -> bool {
        !extension_base_url.is_empty() && self.url.starts_with(extension_base_url)
    }
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
    /// An import file was refused, and nothing was changed: what is wrong with it, as a code
    /// the page puts in words.
    ImportRefused {
        /// What is wrong.
        problem: ImportProblem,
    },
    /// What the popup shows as it opens.
    Popup {
        /// The settings.
        settings: Settings,
        /// Today's count and time.
        today: Today,
        /// The diagnostics, for the tab asked about.
        diagnostics: Diagnostics,
        /// Whether the user has ever decided on a research study (then the popup asks the
        /// studies' module whether a report waits for review).
        studies_joined: bool,
    },
    /// The worker's wake-up is answered; what to do is in the [`Effects`].
    Awake,
    /// The request could not be served; nothing was changed.
    Error {
        /// What went wrong, for the user and diagnostics.
        message: String,
    },
}

/// What the worker must do in the browser besides answering, as the core decides it. Every field
/// left out means "nothing to do"; the worker applies what is there and decides nothing itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Effects {
    /// The toolbar badge's text from now on (empty: no badge).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
    /// When the badge must next be brought up to date: the next local midnight (milliseconds
    /// since the epoch), when the worker wakes the core again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_day_alarm_ms: Option<i64>,
    /// The Mastodon servers the user added: each one the user allowed gets the Mastodon sensor,
    /// and no other server keeps one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mastodon_servers: Option<Vec<String>>,
    /// Post the study reports whose time has come.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deliver_reports: bool,
    /// The study queue's next try (milliseconds since the epoch), or `Some(None)` when nothing
    /// waits and its alarm goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study_queue_alarm: Option<Option<i64>>,
}

/// An answer, and what the worker must do besides sending it.
#[derive(Debug, Clone, PartialEq)]
pub struct Handled<R> {
    /// The answer, for whoever asked.
    pub response: R,
    /// What the worker does in the browser.
    pub effects: Effects,
}

impl<R> Handled<R> {
    /// An answer with nothing else to do.
    pub fn only(response: R) -> Handled<R> {
        Handled {
            response,
            effects: Effects::default(),
        }
    }
}

/// The toolbar badge's text for a count: short enough for its four characters (999, 1234, 12k).
pub fn badge_text(count: u64) -> String {
    if count < 10_000 {
        count.to_string()
    } else {
        format!("{}k", (count / 1000).min(999))
    }
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
            serde_json::json!({ "type": "settings", "extra": 1 }),
            serde_json::json!("settings"),
            serde_json::json!(null),
            serde_json::json!({ "locale": "fr", "type": "overview", "period": "7d" }),
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
