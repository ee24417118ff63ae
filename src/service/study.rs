//! The service's answers to the study pages and to the worker's delivery loop: checking a
//! manifest, recording decisions, sealing the report to preview, queueing exactly that report,
//! leaving, and the queue's bookkeeping. The state is [`Studies`], stored under one key before
//! each answer.

use super::{Service, error_response};
use crate::card::CARD;
use crate::ports::{Clock, Storage, StorageError};
use crate::protocol::{Response, StudyView};
use crate::study::consent::{Consent, Decision, needs_asking};
use crate::study::delivery::outcome;
use crate::study::envelope::seal_report;
use crate::study::manifest::{Manifest, ManifestError};
use crate::study::participation::{Draft, STUDIES_KEY, Studies};
use crate::study::report::{Withheld, build_report};
use crate::study::{SystemRandom, random_id, to_hex};

fn refused(error: ManifestError) -> Response {
    Response::StudyManifestRefused {
        field: error.field.to_owned(),
        problem: error.problem,
    }
}

impl<S: Storage, C: Clock> Service<S, C> {
    /// The stored studies; none stored gives none. An unreadable record is an error, never
    /// replaced.
    async fn studies(&self) -> Result<Studies, StorageError> {
        Ok(self.storage.get(STUDIES_KEY).await?.unwrap_or_default())
    }

    /// Applies `change` to the stored studies, stores them and answers with the list; a change
    /// refused (its message) stores nothing. The studies' twin of `change_settings`.
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

    pub(super) async fn study_check(&self, manifest: Manifest) -> Response {
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

    pub(super) async fn study_list(&self) -> Response {
        match self.studies().await {
            Ok(studies) => self.list_of(&studies),
            Err(error) => error_response(error),
        }
    }

    /// Records a decision (joining needs a manifest that passes every check: an ended study
    /// cannot be joined); a pseudonymous id is drawn when the study asks for one, or kept.
    pub(super) async fn study_join(
        &self,
        manifest: Manifest,
        decision: Decision,
        viewed_ms: i64,
    ) -> Response {
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
            let mut rng = SystemRandom::new();
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
    pub(super) async fn study_preview(&self, study: &str, withheld: Withheld) -> Response {
        let today = self.clock.now().local_date();
        let ledger = match self.ledger().await {
            Ok(ledger) => ledger,
            Err(error) => return error_response(error),
        };
        self.change_studies(|studies| {
            let period = studies
                .due(study, today)
                .first()
                .copied()
                .ok_or_else(|| "no report of this study is due".to_owned())?;
            let participation = studies
                .get(study)
                .ok_or_else(|| format!("no study {study} was joined"))?;
            let mut rng = SystemRandom::new();
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
    pub(super) async fn study_send(&self, study: &str, report_id: &str) -> Response {
        let now = self.clock.now();
        self.change_studies(|studies| {
            studies.approve(study, report_id, now.local_date(), now.epoch_ms)
        })
        .await
    }

    /// Leaves the study: the withdrawal recorded, its draft and queued reports dropped.
    pub(super) async fn study_leave(&self, study: &str) -> Response {
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
                &mut SystemRandom::new(),
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

    pub(super) async fn study_outbox(&self) -> Response {
        match self.studies().await {
            Ok(studies) => self.outbox_of(&studies),
            Err(error) => error_response(error),
        }
    }

    /// Records how posting one report went (stored before answering), and answers with what
    /// remains to post now.
    pub(super) async fn study_delivered(
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
