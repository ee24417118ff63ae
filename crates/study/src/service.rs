//! The studies' service: checking a manifest, recording decisions, sealing the report to preview,
//! queueing exactly that report, leaving, and the queue's bookkeeping. The state is [`Studies`],
//! stored under one key before each answer. The ledger's days are read through [`LedgerDays`], a
//! narrow port to the one service that owns the ledger (the worker's core): this service keeps no
//! ledger or settings of its own.
//!
//! Invariants kept here: only the extension's own pages are answered; nothing is sealed or queued
//! without the participant's go-ahead on exactly the report previewed; leaving drops the study's
//! queue at once; a failed random draw refuses what used it.

use crate::consent::{Consent, Decision, needs_asking};
use crate::delivery::outcome;
use crate::envelope::seal_report;
use crate::manifest::{Manifest, ManifestError};
use crate::participation::{Draft, STUDIES_KEY, Studies};
use crate::protocol::{StudyRequest, StudyResponse as Response, StudyView};
use crate::report::{Withheld, build_report};
use crate::{PortRng, random_id, to_hex};
use tacheron::card::CARD;
use tacheron::date::LocalDate;
use tacheron::ledger::Ledger;
use tacheron::ports::{Clock, Random, Storage, StorageError};
use tacheron::protocol::{Effects, Handled, Sender};
use tacheron::service::Service;

/// The ledger's days, read through the service that owns the ledger.
pub trait LedgerDays {
    /// The stored days from `from` to `to`, both included.
    async fn days(&self, from: LocalDate, to: LocalDate) -> Result<Ledger, StorageError>;
}

impl<T: LedgerDays + ?Sized> LedgerDays for &T {
    async fn days(&self, from: LocalDate, to: LocalDate) -> Result<Ledger, StorageError> {
        (**self).days(from, to).await
    }
}

/// The worker's core is the ledger's owner (natively, in tests; in the browser the studies'
/// module reaches it through the worker, `crates/study-web`).
impl<S: Storage, C: Clock> LedgerDays for Service<S, C> {
    async fn days(&self, from: LocalDate, to: LocalDate) -> Result<Ledger, StorageError> {
        Ok(self.ledger().await?.between(from, to))
    }
}

fn refused(error: ManifestError) -> Response {
    Response::StudyManifestRefused {
        field: error.field.to_owned(),
        problem: error.problem,
    }
}

fn error_response(error: StorageError) -> Response {
    Response::Error {
        message: error.to_string(),
    }
}

/// The studies' service, on its ports.
#[derive(Debug)]
pub struct StudyService<S, C, R, L> {
    storage: S,
    clock: C,
    random: R,
    ledger: L,
    extension_base_url: String,
}

impl<S: Storage, C: Clock, R: Random, L: LedgerDays> StudyService<S, C, R, L> {
    /// A service over `storage` (durable: the studies' record), `clock`, `random` and the ledger's
    /// owner; only pages under `extension_base_url` are answered.
    pub fn new(
        storage: S,
        clock: C,
        random: R,
        ledger: L,
        extension_base_url: &str,
    ) -> StudyService<S, C, R, L> {
        StudyService {
            storage,
            clock,
            random,
            ledger,
            extension_base_url: extension_base_url.to_owned(),
        }
    }

    /// The store, for inspection.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// The ledger's owner.
    pub fn ledger(&self) -> &L {
        &self.ledger
    }

    /// Answers one message, and names what the worker must do besides: post the queue after a
    /// report is agreed to, set or clear the queue's alarm.
    pub async fn handle(&self, request: StudyRequest, sender: &Sender) -> Handled<Response> {
        if !sender.is_extension_page(&self.extension_base_url) {
            return Handled::only(Response::Error {
                message: "only the extension's own pages can read or change its data".into(),
            });
        }
        let response = match request {
            StudyRequest::Check { manifest } => self.study_check(manifest).await,
            StudyRequest::List {} => self.study_list().await,
            StudyRequest::Join {
                manifest,
                decision,
                viewed_ms,
            } => self.study_join(manifest, decision, viewed_ms).await,
            StudyRequest::Preview { study, withheld } => self.study_preview(&study, withheld).await,
            StudyRequest::Send { study, report_id } => {
                let response = self.study_send(&study, &report_id).await;
                let queued = matches!(response, Response::StudyList { .. });
                let effects = Effects {
                    deliver_reports: queued,
                    ..Effects::default()
                };
                return Handled { response, effects };
            }
            StudyRequest::Leave { study } => self.study_leave(&study).await,
            StudyRequest::Outbox {} => self.study_outbox().await,
            StudyRequest::Delivered {
                report_id,
                status,
                retry_after_s,
            } => {
                self.study_delivered(&report_id, status, retry_after_s)
                    .await
            }
        };
        // After leaving, and at each step of the delivery loop, the queue's alarm follows the
        // queue: the next try, or none when nothing waits.
        let next_attempt = match &response {
            Response::StudyList {
                next_attempt_ms, ..
            } => Some(*next_attempt_ms),
            Response::StudyOutbox {
                next_attempt_ms, ..
            } => Some(*next_attempt_ms),
            _ => None,
        };
        Handled {
            response,
            effects: Effects {
                study_queue_alarm: next_attempt,
                ..Effects::default()
            },
        }
    }

    /// The stored studies; none stored gives none. An unreadable record is an error, never
    /// replaced.
    async fn studies(&self) -> Result<Studies, StorageError> {
        Ok(self.storage.get(STUDIES_KEY).await?.unwrap_or_default())
    }

    /// Applies `change` to the stored studies, stores them and answers with the list; a change
    /// refused (its message) stores nothing.
    async fn change_studies(
        &self,
        change: impl FnOnce(&mut Studies) -> Result<(), String>,
    ) -> Response {
        let mut studies = match self.studies().await {
            Ok(studies) => studies,
            Err(error) => return error_response(error),
        };
        if let Err(message) = change(&mut studies) {
            return Response::Error { message };
        }
        if let Err(error) = self.storage.set(STUDIES_KEY, &studies).await {
            return error_response(error);
        }
        self.list_of(&studies)
    }

    fn list_of(&self, studies: &Studies) -> Response {
        let today = self.clock.now().local_date();
        Response::StudyList {
            studies: studies
                .studies
                .iter()
                .map(|participation| StudyView {
                    participation: participation.clone(),
                    due: studies.due(&participation.manifest.id, today),
                    waiting: studies
                        .outbox
                        .iter()
                        .filter(|queued| queued.study == participation.manifest.id)
                        .count(),
                })
                .collect(),
            next_attempt_ms: studies.next_attempt_ms(),
        }
    }

    async fn study_check(&self, manifest: Manifest) -> Response {
        if let Err(error) = manifest.check(self.clock.now().local_date()) {
            return refused(error);
        }
        let studies = match self.studies().await {
            Ok(studies) => studies,
            Err(error) => return error_response(error),
        };
        let previous = studies.get(&manifest.id).map(|p| p.consent.clone());
        Response::StudyManifestChecked {
            needs_asking: needs_asking(previous.as_ref(), &manifest),
            study: manifest.id,
            version: manifest.version,
            previous,
        }
    }

    async fn study_list(&self) -> Response {
        match self.studies().await {
            Ok(studies) => self.list_of(&studies),
            Err(error) => error_response(error),
        }
    }

    /// Records a decision (joining needs a manifest that passes every check: an ended study
    /// cannot be joined); a pseudonymous id is drawn when the study asks for one, or kept.
    async fn study_join(&self, manifest: Manifest, decision: Decision, viewed_ms: i64) -> Response {
        let now = self.clock.now();
        let checked = match decision {
            Decision::Accepted => manifest.check(now.local_date()),
            Decision::Declined => manifest.check_fields(),
            Decision::Withdrawn => {
                return Response::Error {
                    message: "leaving a study is study_leave".into(),
                };
            }
        };
        if let Err(error) = checked {
            return refused(error);
        }
        self.change_studies(|studies| {
            let previous = studies.get(&manifest.id).map(|p| p.consent.clone());
            let mut rng = PortRng::new(&self.random);
            let consent = Consent::decide(
                &manifest,
                decision,
                viewed_ms,
                now.epoch_ms,
                previous.as_ref(),
                &mut rng,
            );
            rng.check()?;
            studies.decide(manifest, consent, now.local_date());
            Ok(())
        })
        .await
    }

    /// Seals the report of the study's next due period and keeps it as the draft: the preview
    /// shown is the canonical text the envelope seals.
    async fn study_preview(&self, study: &str, withheld: Withheld) -> Response {
        let today = self.clock.now().local_date();
        let period = match self.studies().await {
            Ok(studies) => studies.due(study, today).first().copied(),
            Err(error) => return error_response(error),
        };
        let Some(period) = period else {
            return Response::Error {
                message: "no report of this study is due".to_owned(),
            };
        };
        let ledger = match self.ledger.days(period.start, period.end).await {
            Ok(ledger) => ledger,
            Err(error) => return error_response(error),
        };
        self.change_studies(|studies| {
            let participation = studies
                .get(study)
                .ok_or_else(|| format!("no study {study} was joined"))?;
            let mut rng = PortRng::new(&self.random);
            let report_id = random_id(&mut rng);
            let report = build_report(
                &CARD,
                &participation.manifest,
                &participation.consent,
                &ledger,
                period,
                withheld.clone(),
                report_id,
            )?;
            let sealed = seal_report(&participation.manifest, &report, &mut rng)?;
            studies.set_draft(
                study,
                Draft {
                    period,
                    report_id: sealed.report_id,
                    withheld,
                    preview: sealed.preview,
                    envelope: to_hex(&sealed.envelope),
                },
            )
        })
        .await
    }

    /// Queues the previewed report, byte for byte as sealed.
    async fn study_send(&self, study: &str, report_id: &str) -> Response {
        let now = self.clock.now();
        self.change_studies(|studies| {
            studies.approve(study, report_id, now.local_date(), now.epoch_ms)
        })
        .await
    }

    /// Leaves the study: the withdrawal recorded, its draft and queued reports dropped.
    async fn study_leave(&self, study: &str) -> Response {
        let now = self.clock.now();
        self.change_studies(|studies| {
            let participation = studies
                .get(study)
                .ok_or_else(|| format!("no study {study} was joined"))?;
            let withdrawal = Consent::decide(
                &participation.manifest,
                Decision::Withdrawn,
                now.epoch_ms,
                now.epoch_ms,
                Some(&participation.consent),
                &mut PortRng::new(&self.random),
            );
            studies.leave(study, withdrawal, now.epoch_ms)
        })
        .await
    }

    fn outbox_of(&self, studies: &Studies) -> Response {
        Response::StudyOutbox {
            ready: studies
                .ready(self.clock.now().epoch_ms)
                .into_iter()
                .cloned()
                .collect(),
            next_attempt_ms: studies.next_attempt_ms(),
        }
    }

    async fn study_outbox(&self) -> Response {
        match self.studies().await {
            Ok(studies) => self.outbox_of(&studies),
            Err(error) => error_response(error),
        }
    }

    /// Records how posting one report went (stored before answering), and answers with what
    /// remains to post now.
    async fn study_delivered(
        &self,
        report_id: &str,
        status: Option<u16>,
        retry_after_s: Option<u64>,
    ) -> Response {
        let now_ms = self.clock.now().epoch_ms;
        let mut studies = match self.studies().await {
            Ok(studies) => studies,
            Err(error) => return error_response(error),
        };
        let failures = studies.failures(report_id).saturating_add(1);
        let result = outcome(status, retry_after_s, failures, now_ms);
        studies.record_attempt(report_id, result, now_ms);
        if let Err(error) = self.storage.set(STUDIES_KEY, &studies).await {
            return error_response(error);
        }
        self.outbox_of(&studies)
    }
}
