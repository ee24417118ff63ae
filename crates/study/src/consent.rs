//! The participant's consent: one record per study, naming the manifest version shown, the
//! decision and when the consent screen was viewed and answered. Only an acceptance of the
//! current manifest version lets reports be made; a new version asks again.

use crate::manifest::Manifest;
use crate::random_id;
use serde::{Deserialize, Serialize};

/// What the participant decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Joined the study.
    Accepted,
    /// Did not join.
    Declined,
    /// Left the study after joining: no report is made from then on.
    Withdrawn,
}

/// A stored consent decision (the extension keeps one per study).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The study's id.
    pub study: String,
    /// The manifest version the participant saw.
    pub manifest_version: u32,
    /// The decision.
    pub decision: Decision,
    /// When the consent screen was shown (milliseconds since the epoch).
    pub viewed_ms: i64,
    /// When the participant decided.
    pub decided_ms: i64,
    /// The pseudonymous participant id, random and for this study only, when the study asks for
    /// one (shown to the participant; kept across manifest versions of the same study).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_id: Option<String>,
}

impl Consent {
    /// The record of a decision on `manifest`. An acceptance of a study that asks for a
    /// pseudonymous id gets one: the `previous` record's for the same study, or a new random one.
    pub fn decide<R: rand_core::CryptoRng + ?Sized>(
        manifest: &Manifest,
        decision: Decision,
        viewed_ms: i64,
        decided_ms: i64,
        previous: Option<&Consent>,
        rng: &mut R,
    ) -> Consent {
        let kept = previous
            .filter(|p| p.study == manifest.id)
            .and_then(|p| p.participant_id.clone());
        let participant_id = match decision {
            Decision::Accepted if manifest.pseudonymous_id => {
                Some(kept.unwrap_or_else(|| random_id(rng)))
            }
            // Kept on leaving: the participant quotes it to ask for their reports' deletion.
            Decision::Withdrawn => kept,
            Decision::Accepted | Decision::Declined => None,
        };
        Consent {
            study: manifest.id.clone(),
            manifest_version: manifest.version,
            decision,
            viewed_ms,
            decided_ms,
            participant_id,
        }
    }

    /// Whether this record lets reports be made under `manifest`: accepted, for this study and
    /// this very version.
    pub fn allows_reports(&self, manifest: &Manifest) -> bool {
        self.decision == Decision::Accepted
            && self.study == manifest.id
            && self.manifest_version == manifest.version
    }
}

/// Whether the consent screen must be shown for `manifest`: no decision yet, or one made on
/// another version. A withdrawal stands until the participant joins again by themselves.
pub fn needs_asking(consent: Option<&Consent>, manifest: &Manifest) -> bool {
    match consent {
        None => true,
        Some(consent) if consent.study != manifest.id => true,
        Some(consent) => {
            consent.decision != Decision::Withdrawn && consent.manifest_version != manifest.version
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

    fn manifest(version: u32, pseudonymous: bool) -> Manifest {
        let mut value = sample_json();
        value["version"] = serde_json::json!(version);
        value["pseudonymous_id"] = serde_json::json!(pseudonymous);
        parse_manifest(&value.to_string(), today()).expect("valid")
    }

    /// The participant's first `decision` on `manifest`, shown at 10 ms and decided at 20 ms.
    fn first_decision(manifest: &Manifest, decision: Decision) -> Consent {
        let random = SeededRandom::new(7);
        Consent::decide(manifest, decision, 10, 20, None, &mut PortRng::new(&random))
    }

    #[test]
    fn a_new_manifest_version_needs_consent_again() {
        let v2 = manifest(2, false);
        assert!(needs_asking(None, &v2));
        let consent = first_decision(&v2, Decision::Accepted);
        assert!(!needs_asking(Some(&consent), &v2));
        assert!(consent.allows_reports(&v2));
        assert_eq!(consent.participant_id, None);
        let v3 = manifest(3, false);
        assert!(needs_asking(Some(&consent), &v3));
        assert!(!consent.allows_reports(&v3));
    }

    #[test]
    fn declining_or_leaving_allows_no_report_and_leaving_is_not_asked_again() {
        let v2 = manifest(2, false);
        let declined = first_decision(&v2, Decision::Declined);
        assert!(!declined.allows_reports(&v2));
        let left = first_decision(&v2, Decision::Withdrawn);
        assert!(!left.allows_reports(&v2));
        assert!(!needs_asking(Some(&left), &manifest(3, false)));
    }

    #[test]
    fn a_pseudonymous_id_is_random_per_study_and_kept_across_versions() {
        let random = SeededRandom::new(7);
        let mut rng = PortRng::new(&random);
        let v2 = manifest(2, true);
        let first = Consent::decide(&v2, Decision::Accepted, 1, 2, None, &mut rng);
        let id = first.participant_id.clone().expect("an id");
        assert_eq!(id.len(), 32);
        let again = Consent::decide(
            &manifest(3, true),
            Decision::Accepted,
            3,
            4,
            Some(&first),
            &mut rng,
        );
        assert_eq!(again.participant_id, Some(id.clone()));
        let other = Consent::decide(&v2, Decision::Accepted, 1, 2, None, &mut rng);
        assert_ne!(other.participant_id, Some(id));
        let json = serde_json::to_value(&first).expect("serializable");
        assert_eq!(json["decision"], "accepted");
        assert_eq!(json["manifest_version"], 2);
        assert_eq!(json["viewed_ms"], 1);
    }
}
