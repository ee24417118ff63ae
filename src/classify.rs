//! Turns a raw observation from a content sensor into a counted action, or says why not.
//!
//! The sensor reports only what it saw (which control, its state before and after a trusted
//! click); the platform comes from the sender's URL as the browser reports it, never from the
//! message, and the meaning comes from the rule table.

use crate::model::Action;
use crate::rules::PlatformRules;
use serde::{Deserialize, Serialize};

/// What a sensor saw, exactly as it sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "signal", rename_all = "snake_case", deny_unknown_fields)]
pub enum Observation {
    /// A control's state flipped after a trusted click on it.
    Toggle {
        /// The control's name from the rule table.
        control: String,
        /// Whether the control was on before the click.
        before: bool,
        /// Whether it is on now.
        after: bool,
    },
}

/// Why an observation was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejection {
    /// The sender's page is not on a platform the rules know.
    UnknownSite,
    /// The control is not in the platform's rules.
    UnknownControl,
    /// Nothing changed.
    NoChange,
}

/// What the observation means on this platform.
pub fn classify(rules: &PlatformRules, observation: &Observation) -> Result<Action, Rejection> {
    match observation {
        Observation::Toggle {
            control,
            before,
            after,
        } => {
            let rule = rules
                .toggles
                .iter()
                .find(|rule| rule.control == control)
                .ok_or(Rejection::UnknownControl)?;
            if before == after {
                return Err(Rejection::NoChange);
            }
            let meaning = if *after { rule.on } else { rule.off };
            Ok(Action {
                platform: rules.platform,
                kind: meaning.kind,
                detail: meaning.detail(),
                measured_ms: 0,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Platform};
    use crate::rules::rules_for_url;

    fn youtube() -> &'static PlatformRules {
        rules_for_url("https://www.youtube.com/watch?v=x").expect("youtube rules")
    }

    fn toggle(control: &str, before: bool, after: bool) -> Observation {
        Observation::Toggle {
            control: control.into(),
            before,
            after,
        }
    }

    #[test]
    fn like_is_a_reaction_and_unlike_an_unreaction() {
        let like = classify(youtube(), &toggle("like", false, true)).expect("counted");
        assert_eq!(
            (like.platform, like.kind),
            (Platform::Youtube, Kind::Reaction)
        );
        assert_eq!(like.detail.as_ref().map(|d| d.as_str()), Some("like"));
        let unlike = classify(youtube(), &toggle("like", true, false)).expect("counted");
        assert_eq!(unlike.kind, Kind::Unreaction);
        let dislike = classify(youtube(), &toggle("dislike", false, true)).expect("counted");
        assert_eq!(dislike.detail.as_ref().map(|d| d.as_str()), Some("dislike"));
    }

    #[test]
    fn unknown_controls_and_non_changes_are_refused() {
        assert_eq!(
            classify(youtube(), &toggle("subscribe", false, true)),
            Err(Rejection::UnknownControl)
        );
        assert_eq!(
            classify(youtube(), &toggle("like", true, true)),
            Err(Rejection::NoChange)
        );
    }

    #[test]
    fn observations_with_extra_fields_are_refused() {
        let with_platform = serde_json::json!({
            "signal": "toggle", "control": "like", "before": false, "after": true, "platform": "x"
        });
        assert!(serde_json::from_value::<Observation>(with_platform).is_err());
        let wrong_type = serde_json::json!({ "signal": "toggle", "control": "like", "before": "no", "after": true });
        assert!(serde_json::from_value::<Observation>(wrong_type).is_err());
    }
}
