//! The participant's side of the studies they were offered, as the extension keeps it under one
//! storage key: each study's manifest and consent record, the report being previewed, the reports
//! sent, and the queue of sealed reports waiting to reach the inbox. Pure state and transitions;
//! the service loads, changes and stores it before answering.

use crate::consent::{Consent, Decision};
use crate::delivery::{Outcome, Refusal};
use crate::manifest::Manifest;
use crate::report::{ReportPeriod, Withheld, due_periods};
use serde::{Deserialize, Serialize};
use tacheron::date::LocalDate;

pub use tacheron::ports::STUDIES_KEY;
/// The sent reports remembered per study (the oldest are forgotten first).
pub const MAX_SENT_REMEMBERED: usize = 120;

/// Every study the participant decided on, and the outgoing queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Studies {
    /// One entry per study id, in the order they were first decided on.
    #[serde(default)]
    pub studies: Vec<Participation>,
    /// Sealed reports waiting to reach their inbox, oldest first.
    #[serde(default)]
    pub outbox: Vec<Queued>,
}

/// One study and the participant's part in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participation {
    /// The manifest last decided on.
    pub manifest: Manifest,
    /// The participant's last decision on it.
    pub consent: Consent,
    /// The first day reported: the day the participant joined (or joined again).
    pub joined: LocalDate,
    /// The last day of the last period sent, if any.
    #[serde(default)]
    pub last_reported_end: Option<LocalDate>,
    /// The report being previewed: exactly what will be sent if the participant agrees.
    #[serde(default)]
    pub draft: Option<Draft>,
    /// The reports sent or queued, newest last.
    #[serde(default)]
    pub sent: Vec<SentReport>,
    /// Set when the inbox said it takes no reports for this study (its reports wait).
    #[serde(default)]
    pub inbox_unknown_study: bool,
}

/// A sealed report awaiting the participant's go-ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The period it covers.
    pub period: ReportPeriod,
    /// Its random id.
    pub report_id: String,
    /// What the participant leaves out.
    pub withheld: Withheld,
    /// The report's canonical text, shown as is.
    pub preview: String,
    /// The envelope sealing exactly `preview`, in lower-case hex.
    pub envelope: String,
}

/// Where a report the participant sent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "state", content = "refusal")]
pub enum Delivery {
    /// In the queue.
    Waiting,
    /// Stored by the inbox.
    Delivered,
    /// Refused by the inbox for good.
    Refused(Refusal),
    /// Dropped from the queue when the participant left the study.
    Cancelled,
}

/// A report the participant agreed to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentReport {
    /// The period it covers.
    pub period: ReportPeriod,
    /// Its id (the participant can quote it to ask for its deletion).
    pub report_id: String,
    /// Where it stands.
    pub delivery: Delivery,
    /// When the participant agreed to send it.
    pub approved_ms: i64,
    /// When it was last tried or delivered.
    #[serde(default)]
    pub updated_ms: Option<i64>,
}

/// A sealed report in the outgoing queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Queued {
    /// The study's id.
    pub study: String,
    /// The report's id.
    pub report_id: String,
    /// Where it goes: the manifest's endpoint, as consented to.
    pub endpoint: String,
    /// The envelope, in lower-case hex.
    pub envelope: String,
    /// Failed attempts so far.
    pub failures: u32,
    /// When to try (next).
    pub next_attempt_ms: i64,
}

impl Studies {
    /// The participation in study `id`.
    pub fn get(&self, id: &str) -> Option<&Participation> {
        self.studies.iter().find(|p| p.manifest.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Result<&mut Participation, String> {
        self.studies
            .iter_mut()
            .find(|p| p.manifest.id == id)
            .ok_or_else(|| format!("no study {id} was joined"))
    }

    /// Records a decision on `manifest`, made `today`. Joining (again, after leaving or
    /// declining) starts the reports from today; a new version agreed to while taking part
    /// carries on from the last report.
    pub fn decide(&mut self, manifest: Manifest, consent: Consent, today: LocalDate) {
        let Some(existing) = self
            .studies
            .iter_mut()
            .find(|p| p.manifest.id == manifest.id)
        else {
            self.studies.push(Participation {
                manifest,
                consent,
                joined: today,
                last_reported_end: None,
                draft: None,
                sent: Vec::new(),
                inbox_unknown_study: false,
            });
            return;
        };
        let was_taking_part = existing.consent.decision == Decision::Accepted;
        if consent.decision == Decision::Accepted && !was_taking_part {
            existing.joined = today;
            existing.last_reported_end = None;
        }
        existing.manifest = manifest;
        existing.consent = consent;
        existing.draft = None;
    }

    /// Leaving: the withdrawal recorded, the draft and every queued report of the study dropped
    /// at once.
    pub fn leave(&mut self, id: &str, withdrawal: Consent, now_ms: i64) -> Result<(), String> {
        let participation = self.get_mut(id)?;
        participation.consent = withdrawal;
        participation.draft = None;
        for sent in &mut participation.sent {
            if sent.delivery == Delivery::Waiting {
                sent.delivery = Delivery::Cancelled;
                sent.updated_ms = Some(now_ms);
            }
        }
        self.outbox.retain(|queued| queued.study != id);
        Ok(())
    }

    /// The periods of study `id` ready to report on `today`, oldest first (none without a
    /// current consent).
    pub fn due(&self, id: &str, today: LocalDate) -> Vec<ReportPeriod> {
        match self.get(id) {
            Some(p) if p.consent.allows_reports(&p.manifest) => {
                due_periods(&p.manifest, p.joined, p.last_reported_end, today)
            }
            _ => Vec::new(),
        }
    }

    /// Keeps `draft` as the report of study `id` being previewed (replacing any other).
    pub fn set_draft(&mut self, id: &str, draft: Draft) -> Result<(), String> {
        self.get_mut(id)?.draft = Some(draft);
        Ok(())
    }

    /// The participant agrees to send the draft `report_id` of study `id`: it joins the queue,
    /// to be tried at once, and its period counts as reported.
    pub fn approve(
        &mut self,
        id: &str,
        report_id: &str,
        today: LocalDate,
        now_ms: i64,
    ) -> Result<(), String> {
        let next_due = self.due(id, today).first().copied();
        let participation = self.get_mut(id)?;
        if !participation
            .consent
            .allows_reports(&participation.manifest)
        {
            return Err(format!("no consent to study {id}"));
        }
        let draft = match &participation.draft {
            Some(draft) if draft.report_id == report_id => draft.clone(),
            _ => return Err("this report is no longer the one previewed; preview it again".into()),
        };
        if next_due != Some(draft.period) {
            return Err("this period is not the next one to report; preview it again".into());
        }
        participation.draft = None;
        participation.last_reported_end = Some(draft.period.end);
        participation.sent.push(SentReport {
            period: draft.period,
            report_id: draft.report_id.clone(),
            delivery: Delivery::Waiting,
            approved_ms: now_ms,
            updated_ms: None,
        });
        if participation.sent.len() > MAX_SENT_REMEMBERED {
            let excess = participation.sent.len() - MAX_SENT_REMEMBERED;
            participation.sent.drain(..excess);
        }
        let endpoint = participation.manifest.endpoint.clone();
        self.outbox.push(Queued {
            study: id.to_owned(),
            report_id: draft.report_id,
            endpoint,
            envelope: draft.envelope,
            failures: 0,
            next_attempt_ms: now_ms,
        });
        Ok(())
    }

    /// The queued reports to try at `now_ms`.
    pub fn ready(&self, now_ms: i64) -> Vec<&Queued> {
        self.outbox
            .iter()
            .filter(|queued| queued.next_attempt_ms <= now_ms)
            .collect()
    }

    /// When the queue next needs a try, if it holds anything.
    pub fn next_attempt_ms(&self) -> Option<i64> {
        self.outbox
            .iter()
            .map(|queued| queued.next_attempt_ms)
            .min()
    }

    /// The failed attempts so far of queued report `report_id` (0 when not queued).
    pub fn failures(&self, report_id: &str) -> u32 {
        self.outbox
            .iter()
            .find(|queued| queued.report_id == report_id)
            .map_or(0, |queued| queued.failures)
    }

    /// Applies the outcome of an attempt to post queued report `report_id`. A report no longer
    /// queued (its study left meanwhile) is ignored.
    pub fn record_attempt(&mut self, report_id: &str, outcome: Outcome, now_ms: i64) {
        let Some(queued) = self.outbox.iter_mut().find(|q| q.report_id == report_id) else {
            return;
        };
        let study = queued.study.clone();
        let delivery = match outcome {
            Outcome::Delivered => Some(Delivery::Delivered),
            Outcome::Refused(refusal) => Some(Delivery::Refused(refusal)),
            Outcome::UnknownStudy { retry_at_ms } | Outcome::RetryAt(retry_at_ms) => {
                queued.failures = queued.failures.saturating_add(1);
                queued.next_attempt_ms = retry_at_ms;
                None
            }
        };
        if delivery.is_some() {
            self.outbox.retain(|q| q.report_id != report_id);
        }
        if let Ok(participation) = self.get_mut(&study) {
            participation.inbox_unknown_study = matches!(outcome, Outcome::UnknownStudy { .. });
            if let Some(sent) = participation
                .sent
                .iter_mut()
                .find(|s| s.report_id == report_id)
            {
                sent.updated_ms = Some(now_ms);
                if let Some(delivery) = delivery {
                    sent.delivery = delivery;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PortRng;
    use crate::manifest::parse_manifest;
    use crate::manifest::tests::{sample_json, today};
    use tacheron::memory::SeededRandom;

    const NOW: i64 = 1_800_000_000_000;

    fn manifest(version: u32) -> Manifest {
        let mut value = sample_json();
        value["version"] = serde_json::json!(version);
        value["schedule"] = serde_json::json!("daily");
        parse_manifest(&value.to_string(), today()).expect("valid")
    }

    fn decision(manifest: &Manifest, decision: Decision, previous: Option<&Consent>) -> Consent {
        Consent::decide(
            manifest,
            decision,
            1,
            NOW,
            previous,
            &mut PortRng::new(&SeededRandom::new(7)),
        )
    }

    fn day(text: &str) -> LocalDate {
        LocalDate::parse(text).expect("date")
    }

    fn draft(period: ReportPeriod, report_id: &str) -> Draft {
        Draft {
            period,
            report_id: report_id.into(),
            withheld: Withheld::default(),
            preview: "{}".into(),
            envelope: "00".into(),
        }
    }

    /// A participant who joined on 2027-01-10 and, on the 12th, sent the report of the 10th.
    fn joined_and_sent() -> Studies {
        let mut studies = Studies::default();
        let manifest = manifest(2);
        let consent = decision(&manifest, Decision::Accepted, None);
        studies.decide(manifest, consent, day("2027-01-10"));
        let first = studies.due("labour-2027", day("2027-01-12"))[0];
        assert_eq!(
            first,
            ReportPeriod {
                start: day("2027-01-10"),
                end: day("2027-01-10")
            }
        );
        studies
            .set_draft("labour-2027", draft(first, "r1"))
            .expect("joined");
        studies
            .approve("labour-2027", "r1", day("2027-01-12"), NOW)
            .expect("approved");
        studies
    }

    #[test]
    fn an_approved_draft_is_queued_and_its_period_is_reported() {
        let studies = joined_and_sent();
        assert_eq!(
            studies.due("labour-2027", day("2027-01-12")),
            [ReportPeriod {
                start: day("2027-01-11"),
                end: day("2027-01-11")
            }]
        );
        assert_eq!(studies.ready(NOW).len(), 1);
        assert_eq!(
            studies.outbox[0].endpoint,
            "https://inbox.univ.example/v1/reports"
        );
        assert_eq!(
            studies.get("labour-2027").expect("joined").sent[0].delivery,
            Delivery::Waiting
        );
    }

    #[test]
    fn only_the_draft_previewed_for_the_next_period_can_be_sent() {
        let mut studies = joined_and_sent();
        let today = day("2027-01-13");
        assert!(
            studies.approve("labour-2027", "r1", today, NOW).is_err(),
            "sent twice"
        );
        let later = ReportPeriod {
            start: day("2027-01-12"),
            end: day("2027-01-12"),
        };
        studies
            .set_draft("labour-2027", draft(later, "r2"))
            .expect("joined");
        assert!(
            studies.approve("labour-2027", "r2", today, NOW).is_err(),
            "a period skipped"
        );
        assert!(
            studies.approve("labour-2027", "other", today, NOW).is_err(),
            "not previewed"
        );
        assert_eq!(studies.outbox.len(), 1);
    }

    #[test]
    fn failed_attempts_wait_and_success_empties_the_queue() {
        let mut studies = joined_and_sent();
        studies.record_attempt("r1", Outcome::RetryAt(NOW + 30_000), NOW);
        assert!(studies.ready(NOW + 29_999).is_empty());
        assert_eq!(studies.next_attempt_ms(), Some(NOW + 30_000));
        assert_eq!(studies.failures("r1"), 1);
        studies.record_attempt(
            "r1",
            Outcome::UnknownStudy {
                retry_at_ms: NOW + 60_000,
            },
            NOW,
        );
        assert!(
            studies
                .get("labour-2027")
                .expect("joined")
                .inbox_unknown_study
        );
        studies.record_attempt("r1", Outcome::Delivered, NOW + 60_000);
        assert!(studies.outbox.is_empty());
        assert_eq!(studies.next_attempt_ms(), None);
        let participation = studies.get("labour-2027").expect("joined");
        assert!(!participation.inbox_unknown_study);
        assert_eq!(participation.sent[0].delivery, Delivery::Delivered);
        // A late answer for a report no longer queued changes nothing.
        let before = studies.clone();
        studies.record_attempt("r1", Outcome::Refused(Refusal::Malformed), NOW);
        assert_eq!(studies, before);
    }

    #[test]
    fn leaving_stops_everything_at_once_and_joining_again_starts_afresh() {
        let mut studies = joined_and_sent();
        let manifest = manifest(2);
        let previous = studies.get("labour-2027").expect("joined").consent.clone();
        let withdrawal = decision(&manifest, Decision::Withdrawn, Some(&previous));
        studies
            .leave("labour-2027", withdrawal, NOW)
            .expect("joined");
        assert!(studies.outbox.is_empty());
        assert!(studies.due("labour-2027", day("2027-01-20")).is_empty());
        assert_eq!(
            studies.get("labour-2027").expect("kept").sent[0].delivery,
            Delivery::Cancelled
        );
        let again = decision(&manifest, Decision::Accepted, None);
        studies.decide(manifest, again, day("2027-01-20"));
        assert_eq!(
            studies.due("labour-2027", day("2027-01-22"))[0].start,
            day("2027-01-20"),
            "the days away are not reported"
        );
    }

    #[test]
    fn a_new_version_agreed_to_carries_on_from_the_last_report() {
        let mut studies = joined_and_sent();
        let version_3 = manifest(3);
        let previous = studies.get("labour-2027").expect("joined").consent.clone();
        assert!(studies.due("labour-2027", day("2027-01-12")).len() == 1);
        let consent = decision(&version_3, Decision::Accepted, Some(&previous));
        studies.decide(version_3, consent, day("2027-01-12"));
        assert_eq!(
            studies.due("labour-2027", day("2027-01-12")),
            [ReportPeriod {
                start: day("2027-01-11"),
                end: day("2027-01-11")
            }]
        );
        // Declining the next version stops the reports.
        let version_4 = manifest(4);
        let declined = decision(&version_4, Decision::Declined, None);
        studies.decide(version_4, declined, day("2027-01-12"));
        assert!(studies.due("labour-2027", day("2027-01-14")).is_empty());
    }
}
