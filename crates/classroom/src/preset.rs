//! The workshop's plan — its language, how many tasks of each kind, how long — and how a
//! teacher's preset from the browser's managed storage (`extension/managed-schema.json`, key
//! `workshop`) becomes one. Schools deploy extensions by policy; a preset that is absent, partial
//! or out of range falls back to the defaults field by field, so a bad policy never stops a class.

use crate::{Language, TaskKind};
use serde::{Deserialize, Serialize};

/// The shortest and longest workshop, in minutes.
pub const MINUTES: (u8, u8) = (5, 45);

/// The most tasks of one kind.
pub const MAX_PER_KIND: u8 = 12;

/// How many tasks of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Grids of tiles.
    pub image: u8,
    /// Distorted texts.
    pub text: u8,
    /// Posts to tag.
    pub hashtag: u8,
    /// Sentences to label.
    pub label: u8,
}

impl Counts {
    /// The count of one kind.
    pub fn of(&self, kind: TaskKind) -> u8 {
        match kind {
            TaskKind::Image => self.image,
            TaskKind::Text => self.text,
            TaskKind::Hashtag => self.hashtag,
            TaskKind::Label => self.label,
        }
    }

    fn of_mut(&mut self, kind: TaskKind) -> &mut u8 {
        match kind {
            TaskKind::Image => &mut self.image,
            TaskKind::Text => &mut self.text,
            TaskKind::Hashtag => &mut self.hashtag,
            TaskKind::Label => &mut self.label,
        }
    }

    /// All the tasks.
    pub fn total(&self) -> u32 {
        TaskKind::ALL
            .iter()
            .map(|kind| u32::from(self.of(*kind)))
            .sum()
    }
}

/// What a workshop will be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The language the teacher chose; `None` leaves it to the browser and the user's choice.
    pub language: Option<Language>,
    /// The time allowed for the tasks, in minutes.
    pub minutes: u8,
    /// How many tasks of each kind.
    pub counts: Counts,
}

impl Default for Plan {
    /// About five minutes of tasks in a fifteen-minute slot, leaving time to talk about results.
    fn default() -> Plan {
        Plan {
            language: None,
            minutes: 15,
            counts: Counts {
                image: 4,
                text: 4,
                hashtag: 3,
                label: 8,
            },
        }
    }
}

/// A preset as managed storage holds it: every field optional, numbers as JavaScript numbers.
/// Unknown fields are ignored (a newer policy on an older extension), and so is a field of the
/// wrong type (`"minutes": "20"`), which keeps its default like any other bad value.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Preset {
    /// `"en"`, `"fr"` or `"auto"`.
    #[serde(deserialize_with = "lenient")]
    pub language: Option<String>,
    /// Minutes.
    #[serde(deserialize_with = "lenient")]
    pub minutes: Option<f64>,
    /// Tasks per kind (`image`, `text`, `hashtag`, `label`).
    #[serde(deserialize_with = "lenient")]
    pub tasks: Option<PresetCounts>,
}

/// The tasks of a preset.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PresetCounts {
    /// Grids of tiles.
    #[serde(deserialize_with = "lenient")]
    pub image: Option<f64>,
    /// Distorted texts.
    #[serde(deserialize_with = "lenient")]
    pub text: Option<f64>,
    /// Posts to tag.
    #[serde(deserialize_with = "lenient")]
    pub hashtag: Option<f64>,
    /// Sentences to label.
    #[serde(deserialize_with = "lenient")]
    pub label: Option<f64>,
}

/// A value of the expected type, or anything else (then `None`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Loose<T> {
    Expected(T),
    Other(serde::de::IgnoredAny),
}

/// Reads a preset's field, `None` when it has the wrong type.
fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(match Loose::<T>::deserialize(deserializer)? {
        Loose::Expected(value) => Some(value),
        Loose::Other(_) => None,
    })
}

impl PresetCounts {
    fn of(&self, kind: TaskKind) -> Option<f64> {
        match kind {
            TaskKind::Image => self.image,
            TaskKind::Text => self.text,
            TaskKind::Hashtag => self.hashtag,
            TaskKind::Label => self.label,
        }
    }
}

/// A whole number within `low..=high`, or `None` for anything else.
fn whole(value: f64, low: u8, high: u8) -> Option<u8> {
    let in_range = value.is_finite() && value.fract() == 0.0;
    // Checked to lie in low..=high first, so the cast is exact.
    (in_range && value >= f64::from(low) && value <= f64::from(high)).then_some(value as u8)
}

impl Plan {
    /// The plan a preset asks for, the defaults filling whatever it leaves out or gets wrong.
    /// A preset that switches every task off gets the default tasks.
    pub fn from_preset(preset: &Preset) -> Plan {
        let default = Plan::default();
        let language = match preset.language.as_deref() {
            Some("en") => Some(Language::En),
            Some("fr") => Some(Language::Fr),
            _ => None,
        };
        let minutes = preset
            .minutes
            .and_then(|m| whole(m, MINUTES.0, MINUTES.1))
            .unwrap_or(default.minutes);
        let mut counts = default.counts;
        if let Some(tasks) = &preset.tasks {
            for kind in TaskKind::ALL {
                if let Some(count) = tasks.of(kind).and_then(|c| whole(c, 0, MAX_PER_KIND)) {
                    *counts.of_mut(kind) = count;
                }
            }
        }
        if counts.total() == 0 {
            counts = default.counts;
        }
        Plan {
            language,
            minutes,
            counts,
        }
    }

    /// The plan without the tasks that need sight — the tile grids and the distorted texts, visual
    /// by nature like the captchas they copy (the audio challenges real captchas offer instead
    /// are not reproduced) — for students who cannot see them: each grid becomes a sentence to
    /// label and each distorted text a post to tag, as far as [`MAX_PER_KIND`] allows.
    pub fn without_sight(&self) -> Plan {
        let counts = Counts {
            image: 0,
            text: 0,
            hashtag: self
                .counts
                .hashtag
                .saturating_add(self.counts.text)
                .min(MAX_PER_KIND),
            label: self
                .counts
                .label
                .saturating_add(self.counts.image)
                .min(MAX_PER_KIND),
        };
        Plan { counts, ..*self }
    }

    /// Checks a plan that came back from a page.
    pub fn check(&self) -> Result<(), String> {
        let minutes_ok = (MINUTES.0..=MINUTES.1).contains(&self.minutes);
        let counts_ok = TaskKind::ALL
            .iter()
            .all(|kind| self.counts.of(*kind) <= MAX_PER_KIND);
        if minutes_ok && counts_ok && self.counts.total() > 0 {
            Ok(())
        } else {
            Err("the workshop's plan is out of range".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset(json: &str) -> Preset {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn no_preset_gives_the_defaults() {
        assert_eq!(Plan::from_preset(&Preset::default()), Plan::default());
        assert!(Plan::default().check().is_ok());
    }

    #[test]
    fn a_preset_sets_language_minutes_and_tasks() {
        let plan = Plan::from_preset(&preset(
            r#"{"language": "fr", "minutes": 20, "tasks": {"image": 2, "label": 0}, "future": 1}"#,
        ));
        assert_eq!(plan.language, Some(Language::Fr));
        assert_eq!(plan.minutes, 20);
        assert_eq!(plan.counts.image, 2);
        assert_eq!(plan.counts.label, 0);
        assert_eq!(plan.counts.text, Plan::default().counts.text);
    }

    #[test]
    fn out_of_range_values_fall_back_field_by_field() {
        let plan = Plan::from_preset(&preset(
            r#"{"language": "de", "minutes": 600, "tasks": {"image": 2.5, "text": -1, "hashtag": 99}}"#,
        ));
        assert_eq!(plan, Plan::default());
        let none = Plan::from_preset(&preset(
            r#"{"tasks": {"image": 0, "text": 0, "hashtag": 0, "label": 0}}"#,
        ));
        assert_eq!(none.counts, Plan::default().counts);
        let bad = Plan {
            minutes: 200,
            ..Plan::default()
        };
        assert!(bad.check().is_err());
    }

    #[test]
    fn fields_of_the_wrong_type_keep_their_defaults_and_the_others_still_count() {
        let plan = Plan::from_preset(&preset(
            r#"{"language": 3, "minutes": "20", "tasks": {"image": "two", "label": 5, "text": null}}"#,
        ));
        assert_eq!(
            plan,
            Plan {
                counts: Counts {
                    label: 5,
                    ..Plan::default().counts
                },
                ..Plan::default()
            }
        );
        assert_eq!(
            Plan::from_preset(&preset(r#"{"tasks": "many", "minutes": 10}"#)),
            Plan {
                minutes: 10,
                ..Plan::default()
            }
        );
    }

    #[test]
    fn without_sight_the_visual_tasks_become_texts_to_tag_and_sentences_to_label() {
        let plan = Plan::default().without_sight();
        assert_eq!((plan.counts.image, plan.counts.text), (0, 0));
        assert_eq!(plan.counts.hashtag, 3 + 4);
        assert_eq!(plan.counts.label, 12, "8 + 4, at most {MAX_PER_KIND}");
        assert_eq!(plan.minutes, Plan::default().minutes);
        assert!(plan.check().is_ok());
        let only_visual = Plan {
            counts: Counts {
                image: 2,
                text: 0,
                hashtag: 0,
                label: 0,
            },
            ..Plan::default()
        };
        assert_eq!(only_visual.without_sight().counts.label, 2);
        assert!(only_visual.without_sight().check().is_ok());
    }
}
