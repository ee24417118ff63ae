//! Turns a raw observation from a content sensor into counted actions, or says why not.
//!
//! The sensor reports only what it saw (which control, its state before and after a trusted
//! click; a press; a submitted composer's text; the media types of uploaded files). The platform
//! comes from the sender's URL as the browser reports it, never from the message, and the meaning
//! comes from the rule table. A post's text is read here for its hashtags and dropped.

use crate::captcha::CaptchaEvent;
use crate::hashtags::count_hashtags;
use crate::model::{Action, Detail, Kind, Platform};
use crate::protocol::{TypedMessage, read_message};
use crate::rules::{Meaning, PlatformRules};
use serde::de::Error as _;
use serde::{Deserialize, Serialize};

/// The longest post text accepted (characters); longer is refused, not truncated.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The most files one upload observation may carry.
pub const MAX_FILES: usize = 100;
/// Composing time longer than this is capped: the person was away, not writing.
pub const MAX_COMPOSING_MS: u64 = 30 * 60 * 1000;

/// What a sensor saw, exactly as it sends it: an object whose first field is `signal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum Observation {
    /// A control's state flipped after a trusted click on it (or a shortcut on its item).
    Toggle {
        /// The control's name from the rule table.
        control: String,
        /// Whether the control was on before.
        before: bool,
        /// Whether it is on now.
        after: bool,
        /// A number the sensor draws for the item on this page, so that toggling the same item
        /// again can be recognised; it says nothing about the item itself.
        item: Option<u32>,
    },
    /// A trusted click on a button whose press is the act (a repost's confirm item).
    Press {
        /// The control's name from the rule table.
        control: String,
    },
    /// A composer was submitted.
    Post {
        /// The composer's name from the rule table.
        control: String,
        /// The submitted text: read for hashtags, then dropped.
        text: String,
        /// Milliseconds from the first keystroke in the composer to the submit.
        composed_ms: u64,
    },
    /// Files were handed to the page (file input, drop or paste).
    Upload {
        /// Their media types (`image/png`, `video/mp4`; empty when unknown).
        media_types: Vec<String>,
    },
    /// Something happened in a captcha widget's frame (see [`crate::captcha`]).
    Captcha {
        /// What happened.
        event: CaptchaEvent,
        /// The challenge type, for a `challenge` event (`image`, `audio`, `game`).
        challenge: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ToggleFields {
    control: String,
    before: bool,
    after: bool,
    #[serde(default)]
    item: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PressFields {
    control: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PostFields {
    control: String,
    text: String,
    composed_ms: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadFields {
    media_types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaptchaFields {
    event: CaptchaEvent,
    #[serde(default)]
    challenge: Option<String>,
}

// Read by hand rather than with `#[serde(tag = "signal")]`, for the reason given at
// `crate::protocol::message_type`: `signal` first, then the fields.
impl<'de> Deserialize<'de> for Observation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_message(deserializer)
    }
}

impl TypedMessage for Observation {
    const TYPE_FIELD: &'static str = "signal";
    const WHAT: &'static str = "an observation";
    const EXPECTING: &'static str = "an observation whose first field is `signal`";

    fn from_fields<'de, D: serde::Deserializer<'de>>(
        signal: &str,
        fields: D,
    ) -> Result<Observation, D::Error> {
        Ok(match signal {
            "toggle" => {
                let f = ToggleFields::deserialize(fields)?;
                Observation::Toggle {
                    control: f.control,
                    before: f.before,
                    after: f.after,
                    item: f.item,
                }
            }
            "press" => Observation::Press {
                control: PressFields::deserialize(fields)?.control,
            },
            "post" => {
                let f = PostFields::deserialize(fields)?;
                Observation::Post {
                    control: f.control,
                    text: f.text,
                    composed_ms: f.composed_ms,
                }
            }
            "upload" => Observation::Upload {
                media_types: UploadFields::deserialize(fields)?.media_types,
            },
            "captcha" => {
                let CaptchaFields { event, challenge } = CaptchaFields::deserialize(fields)?;
                Observation::Captcha { event, challenge }
            }
            other => return Err(D::Error::custom(format!("unknown signal {other:?}"))),
        })
    }
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
    /// The observation is larger than any real one.
    TooLarge,
    /// The same item was toggled again within the repeat window.
    Repeated,
    /// The platform's per-minute ceiling was reached.
    OverCeiling,
    /// Counting is switched off for this platform.
    PlatformOff,
    /// A captcha solved with no interaction: not the person's labour.
    Passive,
    /// The user paused counting.
    Paused,
}

impl Rejection {
    /// The rejection's name, as diagnostics show it.
    pub fn as_str(self) -> &'static str {
        match self {
            Rejection::UnknownSite => "unknown_site",
            Rejection::UnknownControl => "unknown_control",
            Rejection::NoChange => "no_change",
            Rejection::TooLarge => "too_large",
            Rejection::Repeated => "repeated",
            Rejection::OverCeiling => "over_ceiling",
            Rejection::PlatformOff => "platform_off",
            Rejection::Passive => "passive",
            Rejection::Paused => "paused",
        }
    }
}

fn action(platform: Platform, meaning: Meaning, measured_ms: u64) -> Action {
    Action {
        platform,
        kind: meaning.kind,
        detail: meaning.detail(),
        measured_ms,
        effort: Default::default(),
    }
}

/// The kind of file a media type names.
pub fn media_detail(media_type: &str) -> &'static str {
    let lower = media_type.trim().to_ascii_lowercase();
    if lower.starts_with("image/") {
        "image"
    } else if lower.starts_with("video/") {
        "video"
    } else {
        "other"
    }
}

/// What the observation means on this platform: one action, or several (a post and its
/// hashtags; one upload per file).
pub fn classify(
    rules: &PlatformRules,
    observation: &Observation,
) -> Result<Vec<Action>, Rejection> {
    let platform = rules.platform;
    match observation {
        Observation::Toggle {
            control,
            before,
            after,
            ..
        } => {
            let rule = rules
                .toggles
                .iter()
                .find(|rule| rule.control == control)
                .ok_or(Rejection::UnknownControl)?;
            if before == after {
                return Err(Rejection::NoChange);
            }
            Ok(vec![action(
                platform,
                if *after { rule.on } else { rule.off },
                0,
            )])
        }
        Observation::Press { control } => {
            let rule = rules
                .presses
                .iter()
                .find(|rule| rule.control == control)
                .ok_or(Rejection::UnknownControl)?;
            Ok(vec![action(platform, rule.meaning, 0)])
        }
        Observation::Post {
            control,
            text,
            composed_ms,
        } => {
            if !rules.composers.iter().any(|rule| rule.control == control) {
                return Err(Rejection::UnknownControl);
            }
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(Rejection::TooLarge);
            }
            if text.trim().is_empty() {
                return Err(Rejection::NoChange);
            }
            let hashtags = count_hashtags(text);
            let post = Meaning {
                kind: Kind::Post,
                detail: "post",
            };
            let mut actions = vec![action(platform, post, (*composed_ms).min(MAX_COMPOSING_MS))];
            let hashtag = Action {
                platform,
                kind: Kind::Hashtag,
                detail: None,
                measured_ms: 0,
                effort: Default::default(),
            };
            actions.extend(std::iter::repeat_n(hashtag, hashtags));
            Ok(actions)
        }
        // Captcha events come from the provider's frames, not from platform pages: the service
        // puts them together per tab (crate::captcha) before anything is counted.
        Observation::Captcha { .. } => Err(Rejection::UnknownControl),
        Observation::Upload { media_types } => {
            if media_types.is_empty() {
                return Err(Rejection::NoChange);
            }
            if media_types.len() > MAX_FILES || media_types.iter().any(|t| t.len() > 255) {
                return Err(Rejection::TooLarge);
            }
            Ok(media_types
                .iter()
                .map(|media_type| Action {
                    platform,
                    kind: Kind::Upload,
                    detail: Detail::new(media_detail(media_type)),
                    measured_ms: 0,
                    effort: Default::default(),
                })
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rules_for_url;

    fn rules(url: &str) -> &'static PlatformRules {
        rules_for_url(url).expect("known platform")
    }

    fn youtube() -> &'static PlatformRules {
        rules("https://www.youtube.com/watch?v=x")
    }

    fn toggle(control: &str, before: bool, after: bool) -> Observation {
        Observation::Toggle {
            control: control.into(),
            before,
            after,
            item: None,
        }
    }

    fn press(control: &str) -> Observation {
        Observation::Press {
            control: control.into(),
        }
    }

    fn post(control: &str, text: &str, composed_ms: u64) -> Observation {
        Observation::Post {
            control: control.into(),
            text: text.into(),
            composed_ms,
        }
    }

    fn kinds(actions: &[Action]) -> Vec<(Kind, Option<&str>)> {
        actions
            .iter()
            .map(|a| (a.kind, a.detail.as_ref().map(Detail::as_str)))
            .collect()
    }

    #[test]
    fn like_is_a_reaction_and_unlike_an_unreaction() {
        let like = classify(youtube(), &toggle("like", false, true)).expect("counted");
        assert_eq!(like[0].platform, Platform::Youtube);
        assert_eq!(kinds(&like), [(Kind::Reaction, Some("like"))]);
        let unlike = classify(youtube(), &toggle("like", true, false)).expect("counted");
        assert_eq!(kinds(&unlike), [(Kind::Unreaction, Some("like"))]);
        let dislike = classify(youtube(), &toggle("dislike", false, true)).expect("counted");
        assert_eq!(kinds(&dislike), [(Kind::Reaction, Some("dislike"))]);
    }

    #[test]
    fn every_platform_toggle_and_press_means_what_the_table_says() {
        // Each detail is the control's name.
        let means = |url: &str, observation: Observation, kind: Kind, control: &str| {
            let actions = classify(rules(url), &observation).expect(url);
            assert_eq!(
                kinds(&actions),
                [(kind, Some(control))],
                "{url} {observation:?}"
            );
        };
        for (url, control) in [
            ("https://x.com/home", "like"),
            ("https://www.reddit.com/r/x", "downvote"),
            ("https://www.instagram.com/", "like"),
            ("https://www.tiktok.com/foryou", "like"),
            ("https://www.linkedin.com/feed/", "like"),
            ("https://mastodon.social/home", "favourite"),
            ("https://bsky.app/", "like"),
        ] {
            means(url, toggle(control, false, true), Kind::Reaction, control);
        }
        for (url, control) in [
            ("https://old.reddit.com/r/x", "upvote"),
            ("https://www.facebook.com/", "like"),
        ] {
            means(url, toggle(control, true, false), Kind::Unreaction, control);
        }
        for (url, control, kind) in [
            ("https://x.com/home", "repost", Kind::Repost),
            ("https://bsky.app/", "repost", Kind::Repost),
            ("https://www.youtube.com/watch?v=1", "report", Kind::Report),
            ("https://www.pinterest.com/", "save", Kind::Reaction),
        ] {
            means(url, press(control), kind, control);
        }
    }

    /// Every rule of the table, run through `classify`: each toggle's on and off, each press and
    /// each composer mean what the table says, on the platform of every host it lists.
    #[test]
    fn every_rule_in_the_table_classifies_as_declared() {
        for platform_rules in crate::rules::ALL_RULES {
            for host in platform_rules.hosts {
                let rules = rules(&format!("https://{host}/"));
                assert_eq!(rules.platform, platform_rules.platform, "{host}");
                for rule in rules.toggles {
                    let on =
                        classify(rules, &toggle(rule.control, false, true)).expect(rule.control);
                    assert_eq!(
                        kinds(&on),
                        [(rule.on.kind, Some(rule.on.detail))],
                        "{host} {}",
                        rule.variant
                    );
                    let off =
                        classify(rules, &toggle(rule.control, true, false)).expect(rule.control);
                    assert_eq!(
                        kinds(&off),
                        [(rule.off.kind, Some(rule.off.detail))],
                        "{host} {}",
                        rule.variant
                    );
                }
                for rule in rules.presses {
                    let actions = classify(rules, &press(rule.control)).expect(rule.control);
                    assert_eq!(
                        kinds(&actions),
                        [(rule.meaning.kind, Some(rule.meaning.detail))],
                        "{host}"
                    );
                }
                for rule in rules.composers {
                    let actions =
                        classify(rules, &post(rule.control, "#a", 1)).expect(rule.control);
                    assert_eq!(
                        kinds(&actions),
                        [(Kind::Post, Some("post")), (Kind::Hashtag, None)],
                        "{host}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_post_counts_with_one_hashtag_action_per_distinct_tag_and_keeps_no_text() {
        let text = "Le #travail du clic, #digitallabour et encore #Travail";
        let actions = classify(
            rules("https://x.com/compose/post"),
            &post("post", text, 42_000),
        )
        .expect("counted");
        assert_eq!(
            kinds(&actions),
            [
                (Kind::Post, Some("post")),
                (Kind::Hashtag, None),
                (Kind::Hashtag, None)
            ]
        );
        assert_eq!(actions[0].measured_ms, 42_000);
        assert!(
            format!("{actions:?}").find("travail").is_none(),
            "no text in the actions"
        );
    }

    #[test]
    fn composing_time_is_capped_and_empty_or_huge_posts_refused() {
        let long_pause = post("post", "hello", u64::MAX);
        let actions = classify(rules("https://x.com/"), &long_pause).expect("counted");
        assert_eq!(actions[0].measured_ms, MAX_COMPOSING_MS);
        let empty = post("post", "  \n", 1);
        assert_eq!(
            classify(rules("https://x.com/"), &empty),
            Err(Rejection::NoChange)
        );
        let huge = post("post", &"a".repeat(MAX_TEXT_CHARS + 1), 1);
        assert_eq!(
            classify(rules("https://x.com/"), &huge),
            Err(Rejection::TooLarge)
        );
    }

    #[test]
    fn uploads_count_one_per_file_by_media_type() {
        let upload = Observation::Upload {
            media_types: vec![
                "image/jpeg".into(),
                "VIDEO/mp4".into(),
                "application/pdf".into(),
                String::new(),
            ],
        };
        let actions = classify(rules("https://x.com/"), &upload).expect("counted");
        assert_eq!(
            kinds(&actions),
            [
                (Kind::Upload, Some("image")),
                (Kind::Upload, Some("video")),
                (Kind::Upload, Some("other")),
                (Kind::Upload, Some("other"))
            ]
        );
        let too_many = Observation::Upload {
            media_types: vec!["image/png".into(); MAX_FILES + 1],
        };
        assert_eq!(
            classify(rules("https://x.com/"), &too_many),
            Err(Rejection::TooLarge)
        );
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
        assert_eq!(
            classify(youtube(), &press("repost")),
            Err(Rejection::UnknownControl)
        );
        assert_eq!(
            classify(rules("https://www.reddit.com/"), &post("post", "x", 0)),
            Err(Rejection::UnknownControl)
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
        let with_url =
            serde_json::json!({ "signal": "upload", "media_types": [], "url": "https://x.com/" });
        assert!(serde_json::from_value::<Observation>(with_url).is_err());
    }
}
