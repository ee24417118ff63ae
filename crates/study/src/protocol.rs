//! The studies' messages: what the study page, the popup and the worker's delivery loop ask the
//! studies' module, and its answers. Like the core's (`tacheron::protocol`), a request is a plain
//! object whose first field is `type`; unknown types and fields are refused. The worker hands a
//! message to this module when its type is one of [`STUDY_REQUESTS`] (the build writes that table
//! into `lib/names.js`).

use crate::consent::{Consent, Decision};
use crate::manifest::Manifest;
use crate::participation::{Participation, Queued};
use crate::report::{ReportPeriod, Withheld};
use serde::{Deserialize, Serialize};
use tacheron::protocol::{TypedMessage, read_message, unknown_type};

/// A message to the studies' module.
#[derive(Debug, Clone, PartialEq)]
pub enum StudyRequest {
    /// From the study page: check a study manifest (the object the page parsed) before the
    /// consent screen.
    Check {
        /// The manifest.
        manifest: Manifest,
    },
    /// From the study page and the popup: the studies decided on, with their due periods and
    /// queue.
    List {},
    /// From the consent screen: the participant's decision on a manifest (accepted or declined).
    Join {
        /// The manifest shown.
        manifest: Manifest,
        /// The decision.
        decision: Decision,
        /// When the consent screen was shown (milliseconds since the epoch).
        viewed_ms: i64,
    },
    /// From the study page: seal the report of the study's next due period, to preview.
    Preview {
        /// The study's id.
        study: String,
        /// What the participant leaves out, when the study allows it.
        withheld: Withheld,
    },
    /// From the study page: send the report previewed, exactly as sealed.
    Send {
        /// The study's id.
        study: String,
        /// The previewed report's id.
        report_id: String,
    },
    /// From the study page: leave the study; its queued reports are dropped at once.
    Leave {
        /// The study's id.
        study: String,
    },
    /// From the worker: the queued reports to post now.
    Outbox {},
    /// From the worker: how posting one queued report went.
    Delivered {
        /// The report's id.
        report_id: String,
        /// The inbox's HTTP status; none when no answer came.
        status: Option<u16>,
        /// The answer's `Retry-After`, in seconds.
        retry_after_s: Option<u64>,
    },
}

/// Every study request's `type`, with the `type` of the answer it expects (an `error` answer, or
/// `study_manifest_refused`, may come instead).
pub const STUDY_REQUESTS: &[(&str, &str)] = &[
    ("study_check", "study_manifest_checked"),
    ("study_list", "study_list"),
    ("study_join", "study_list"),
    ("study_preview", "study_list"),
    ("study_send", "study_list"),
    ("study_leave", "study_list"),
    ("study_outbox", "study_outbox"),
    ("study_delivered", "study_outbox"),
];

use tacheron::message_fields as payload;

payload!(Nothing {});
payload!(CheckFields { manifest: Manifest });
payload!(JoinFields {
    manifest: Manifest,
    decision: Decision,
    viewed_ms: i64
});
payload!(PreviewFields {
    study: String,
    withheld: Withheld = default
});
payload!(SendFields {
    study: String,
    report_id: String
});
payload!(StudyFields { study: String });
payload!(DeliveredFields {
    report_id: String,
    status: Option<u16> = default,
    retry_after_s: Option<u64> = default
});

// Read `type` first, by hand, as the core's requests are (see `tacheron::protocol::message_type`).
impl<'de> Deserialize<'de> for StudyRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_message(deserializer)
    }
}

impl TypedMessage for StudyRequest {
    const EXPECTING: &'static str = "a study message object whose first field is `type`";

    fn from_fields<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        fields: D,
    ) -> Result<StudyRequest, D::Error> {
        let request = match kind {
            "study_check" => StudyRequest::Check {
                manifest: CheckFields::deserialize(fields)?.manifest,
            },
            "study_list" => Nothing::deserialize(fields).map(|_| StudyRequest::List {})?,
            "study_join" => {
                let f = JoinFields::deserialize(fields)?;
                StudyRequest::Join {
                    manifest: f.manifest,
                    decision: f.decision,
                    viewed_ms: f.viewed_ms,
                }
            }
            "study_preview" => {
                let PreviewFields { study, withheld } = PreviewFields::deserialize(fields)?;
                StudyRequest::Preview { study, withheld }
            }
            "study_send" => {
                let SendFields { study, report_id } = SendFields::deserialize(fields)?;
                StudyRequest::Send { study, report_id }
            }
            "study_leave" => StudyRequest::Leave {
                study: StudyFields::deserialize(fields)?.study,
            },
            "study_outbox" => Nothing::deserialize(fields).map(|_| StudyRequest::Outbox {})?,
            "study_delivered" => {
                let f = DeliveredFields::deserialize(fields)?;
                StudyRequest::Delivered {
                    report_id: f.report_id,
                    status: f.status,
                    retry_after_s: f.retry_after_s,
                }
            }
            other => return Err(unknown_type(other)),
        };
        Ok(request)
    }
}

/// The answer to a [`StudyRequest`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StudyResponse {
    /// A study manifest that passed every check (the page shows the one it sent).
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
    StudyManifestRefused {
        /// The field (`endpoint`), or `manifest` for the whole.
        field: String,
        /// What is wrong, in a sentence.
        problem: String,
    },
    /// The studies decided on.
    StudyList {
        /// One per study, in the order first decided on.
        studies: Vec<StudyView>,
        /// When the queue next needs a try, if it holds anything.
        next_attempt_ms: Option<i64>,
    },
    /// The queued reports to post now.
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
    fn every_listed_type_is_read_and_nothing_else() {
        for (kind, _) in STUDY_REQUESTS {
            let error = serde_json::from_value::<StudyRequest>(serde_json::json!({ "type": kind }))
                .err()
                .map(|error| error.to_string())
                .unwrap_or_default();
            assert!(!error.contains("unknown message type"), "{kind}: {error}");
        }
        for bad in [
            serde_json::json!({ "type": "overview" }),
            serde_json::json!({ "type": "study_list", "extra": 1 }),
            serde_json::json!({ "study": "x", "type": "study_leave" }),
            serde_json::json!("study_list"),
        ] {
            assert!(
                serde_json::from_value::<StudyRequest>(bad.clone()).is_err(),
                "{bad}"
            );
        }
        let list: StudyRequest =
            serde_json::from_value(serde_json::json!({ "type": "study_list" })).expect("valid");
        assert_eq!(list, StudyRequest::List {});
    }
}
