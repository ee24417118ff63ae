//! Checking a student's answers against the workshop drawn again from its seed, and the tallies
//! per kind that the results and the share code are made of: pieces done, pieces accepted (a
//! platform pays for accepted work only), seconds spent.
//!
//! A piece is a grid, a transcription, a hashtag or a label. Hashtags are any the student typed,
//! counted with [`tacheron::hashtags`]; the typed text itself is dropped once counted.

use crate::TaskKind;
use crate::bank::Sentiment;
use crate::tasks::{Task, Workshop};
use crate::text::matches;
use serde::{Deserialize, Serialize};
use tacheron::hashtags::count_hashtags;

/// The longest a task is counted for, in milliseconds: a page left open counts no more.
const MAX_TASK_MS: f64 = 10.0 * 60.0 * 1000.0;

/// A student's answer to one task, as the page sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The task's number.
    pub index: u16,
    /// Milliseconds spent on it, as the page timed it.
    #[serde(default)]
    pub ms: f64,
    /// The tiles picked (grids).
    #[serde(default)]
    pub tiles: Option<Vec<u8>>,
    /// The text typed (transcriptions and hashtags).
    #[serde(default)]
    pub text: Option<String>,
    /// The label chosen (sentences).
    #[serde(default)]
    pub sentiment: Option<Sentiment>,
}

/// What a student did of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// Pieces done (answered).
    pub done: u32,
    /// Pieces accepted (correct; every hashtag).
    pub accepted: u32,
    /// Seconds spent, skipped tasks included.
    pub seconds: u32,
}

/// Tallies of the four kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tallies {
    /// Grids.
    pub image: Tally,
    /// Transcriptions.
    pub text: Tally,
    /// Hashtags.
    pub hashtag: Tally,
    /// Labels.
    pub label: Tally,
}

impl Tallies {
    /// The tally of one kind.
    pub fn of(&self, kind: TaskKind) -> Tally {
        match kind {
            TaskKind::Image => self.image,
            TaskKind::Text => self.text,
            TaskKind::Hashtag => self.hashtag,
            TaskKind::Label => self.label,
        }
    }

    /// The tally of one kind, to change.
    pub fn of_mut(&mut self, kind: TaskKind) -> &mut Tally {
        match kind {
            TaskKind::Image => &mut self.image,
            TaskKind::Text => &mut self.text,
            TaskKind::Hashtag => &mut self.hashtag,
            TaskKind::Label => &mut self.label,
        }
    }
}

/// How one task went, for the page to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// The task's number.
    pub index: u16,
    /// Its kind.
    pub kind: TaskKind,
    /// Pieces done.
    pub done: u32,
    /// Pieces accepted.
    pub accepted: u32,
}

/// The pieces done and accepted of one answer to one task.
fn check(task: &Task, response: &Response) -> (u32, u32) {
    let answered = |done: bool, right: bool| (u32::from(done), u32::from(done && right));
    match task {
        Task::Image(grid) => match &response.tiles {
            Some(tiles) => {
                let mut picked = tiles.clone();
                picked.sort_unstable();
                picked.dedup();
                answered(true, picked == grid.answer())
            }
            None => (0, 0),
        },
        Task::Text(text) => {
            let typed = response.text.as_deref().unwrap_or_default();
            answered(!typed.trim().is_empty(), matches(typed, &text.answer))
        }
        Task::Hashtag(_) => {
            let tags = response.text.as_deref().map_or(0, count_hashtags);
            let tags = u32::try_from(tags).unwrap_or(u32::MAX);
            (tags, tags)
        }
        Task::Label(sentence) => match response.sentiment {
            Some(label) => answered(true, label == sentence.sentiment),
            None => (0, 0),
        },
    }
}

/// Checks the answers: one per task at most (the first counts), answers to tasks the workshop
/// does not have are ignored.
pub fn score(workshop: &Workshop, responses: &[Response]) -> (Tallies, Vec<Checked>) {
    let mut tallies = Tallies::default();
    let mut milliseconds = [0.0f64; 4];
    let mut checked: Vec<Checked> = Vec::new();
    for response in responses {
        let Some(task) = workshop.task(response.index) else {
            continue;
        };
        if checked.iter().any(|c| c.index == response.index) {
            continue;
        }
        let kind = task.kind();
        let (done, accepted) = check(task, response);
        let tally = tallies.of_mut(kind);
        tally.done = tally.done.saturating_add(done);
        tally.accepted = tally.accepted.saturating_add(accepted);
        let ms = if response.ms.is_finite() {
            response.ms.clamp(0.0, MAX_TASK_MS)
        } else {
            0.0
        };
        if let Some(sum) = milliseconds.get_mut(kind as usize) {
            *sum += ms;
        }
        checked.push(Checked {
            index: response.index,
            kind,
            done,
            accepted,
        });
    }
    for (kind, ms) in TaskKind::ALL.iter().zip(milliseconds) {
        // At most a few hours: far within u32.
        tallies.of_mut(*kind).seconds = (ms / 1000.0).round() as u32;
    }
    (tallies, checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;
    use crate::preset::Plan;
    use crate::tasks::{AnswerView, draw};

    /// The right answer to every task, each taking `ms`.
    fn right_answers(workshop: &Workshop, ms: f64) -> Vec<Response> {
        workshop
            .answers()
            .into_iter()
            .map(|answer| match answer {
                AnswerView::Image { index, tiles } => Response {
                    index,
                    ms,
                    tiles: Some(tiles.into_iter().rev().collect()),
                    ..Response::default()
                },
                AnswerView::Text { index, text } => Response {
                    index,
                    ms,
                    text: Some(text.to_lowercase()),
                    ..Response::default()
                },
                AnswerView::Hashtag { index } => Response {
                    index,
                    ms,
                    text: Some("#climat #Vélo #climat".to_owned()),
                    ..Response::default()
                },
                AnswerView::Label { index, sentiment } => Response {
                    index,
                    ms,
                    sentiment: Some(sentiment),
                    ..Response::default()
                },
            })
            .collect()
    }

    #[test]
    fn right_answers_are_all_accepted_and_hashtags_counted_once_each() {
        let plan = Plan::default();
        let w = draw(99, &plan.counts, Language::En);
        let (tallies, checked) = score(&w, &right_answers(&w, 2500.0));
        assert_eq!(checked.len(), w.tasks.len());
        for kind in [TaskKind::Image, TaskKind::Text, TaskKind::Label] {
            let n = u32::from(plan.counts.of(kind));
            assert_eq!(
                tallies.of(kind),
                Tally {
                    done: n,
                    accepted: n,
                    seconds: (n * 5).div_ceil(2)
                },
                "{kind:?}"
            );
        }
        let posts = u32::from(plan.counts.hashtag);
        assert_eq!(tallies.hashtag.done, 2 * posts);
        assert_eq!(tallies.hashtag.accepted, 2 * posts);
    }

    #[test]
    fn wrong_and_missing_answers_are_not_accepted_and_time_still_counts() {
        let w = draw(5, &Plan::default().counts, Language::Fr);
        let mut responses = right_answers(&w, 1000.0);
        for response in &mut responses {
            if let Some(tiles) = &mut response.tiles {
                tiles.pop();
            }
            if let Some(text) = &mut response.text {
                text.push('x');
            }
            response.sentiment = match response.sentiment {
                Some(Sentiment::Positive) => Some(Sentiment::Negative),
                Some(_) => None,
                None => None,
            };
        }
        let (tallies, _) = score(&w, &responses);
        assert_eq!(tallies.image.accepted, 0);
        assert_eq!(tallies.text.accepted, 0);
        assert_eq!(tallies.image.seconds, 4);
        assert!(tallies.label.done < 8 && tallies.label.accepted == 0);
        // "#climat #Vélo #climatx": three distinct hashtags per post, any hashtag accepted.
        assert_eq!(tallies.hashtag.accepted, 9);
    }

    #[test]
    fn repeated_unknown_and_absurd_responses_count_nothing_more() {
        let w = draw(5, &Plan::default().counts, Language::En);
        let answers = right_answers(&w, 1000.0);
        let mut responses = answers.clone();
        responses.extend(answers);
        responses.push(Response {
            index: 999,
            ms: 5000.0,
            ..Response::default()
        });
        if let Some(first) = responses.first_mut() {
            first.ms = f64::INFINITY;
        }
        let (tallies, checked) = score(&w, &responses);
        assert_eq!(checked.len(), w.tasks.len());
        assert_eq!(tallies.image.seconds, 3);
        let huge = vec![Response {
            index: 0,
            ms: 1e12,
            tiles: Some(vec![]),
            ..Response::default()
        }];
        assert_eq!(score(&w, &huge).0.image.seconds, 600);
    }
}
