//! The names the extension's JavaScript shares with the core, gathered in one table that the build
//! writes into the extension as `lib/names.js` (`tacheron names`): the platforms, the kinds of
//! labour with the details the rate card prices, every message type with the type of its answer,
//! and the export's fields. No list of these is typed again in JavaScript.

use crate::card::RateCard;
use crate::export::{EXPORT_FIELDS, RECORD_FIELDS};
use crate::model::{Kind, Platform};
use crate::protocol::REQUESTS;
use serde::Serialize;
use std::collections::BTreeMap;

/// The shared names, as the build writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedNames {
    /// Every platform, in display order (`other` last).
    pub platforms: Vec<&'static str>,
    /// The platforms a sensor watches (every one but `other`), in display order.
    pub sensed_platforms: Vec<&'static str>,
    /// Every kind of labour, in display order (the order of a day's counts in the overview).
    pub kinds: Vec<&'static str>,
    /// Per kind, the details the rate card prices on their own.
    pub details: BTreeMap<&'static str, Vec<&'static str>>,
    /// Every request the worker's core answers, with the type of its answer.
    pub requests: BTreeMap<&'static str, &'static str>,
    /// The requests the studies' module answers (`crates/study`), with the type of each answer.
    pub study_requests: BTreeMap<&'static str, &'static str>,
    /// The fields of an export file.
    pub export_fields: &'static [&'static str],
    /// The fields of an export's record.
    pub record_fields: &'static [&'static str],
}

/// The shared names, with the study requests that the studies' crate answers.
pub fn shared_names(
    card: &RateCard,
    study_requests: &[(&'static str, &'static str)],
) -> SharedNames {
    let mut details: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for rate in card.actions {
        if let Some(detail) = rate.detail {
            details.entry(rate.kind.as_str()).or_default().push(detail);
        }
    }
    SharedNames {
        platforms: Platform::ALL.iter().map(|p| p.as_str()).collect(),
        sensed_platforms: Platform::ALL
            .iter()
            .filter(|p| **p != Platform::Other)
            .map(|p| p.as_str())
            .collect(),
        kinds: Kind::ALL.iter().map(|k| k.as_str()).collect(),
        details,
        requests: REQUESTS.iter().copied().collect(),
        study_requests: study_requests.iter().copied().collect(),
        export_fields: EXPORT_FIELDS,
        record_fields: RECORD_FIELDS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CARD;

    #[test]
    fn every_name_is_listed_once_and_the_core_and_studies_do_not_share_a_type() {
        let names = shared_names(&CARD, &[("study_list", "study_list")]);
        assert_eq!(names.platforms.len(), Platform::ALL.len());
        assert_eq!(names.kinds.first(), Some(&"captcha"));
        assert_eq!(
            names.requests.len(),
            REQUESTS.len(),
            "a request listed twice"
        );
        assert_eq!(names.requests.get("export_csv"), Some(&"csv"));
        assert!(
            names
                .details
                .get("captcha")
                .is_some_and(|d| d.contains(&"recaptcha-image")),
            "{:?}",
            names.details
        );
        for study in names.study_requests.keys() {
            assert!(!names.requests.contains_key(study), "{study}");
        }
    }
}
