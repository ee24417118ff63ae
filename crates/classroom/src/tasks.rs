//! A workshop drawn from a seed: the tasks of the plan, kind by kind, each from its own random
//! stream, so the same seed and plan always give the same tasks (and the same answers) — in the
//! page, in the scoring and in the tests. The page gets the tasks without their answers
//! ([`Workshop::views`]); the scoring draws the workshop again from the seed.

use crate::bank::{POSTS, Post, SENTENCES, Sentence, Sentiment};
use crate::grid::{Grid, Tile, grid};
use crate::preset::Counts;
use crate::random::Random;
use crate::text::{Distorted, distorted};
use crate::{Language, TaskKind};
use serde::Serialize;

/// One task and what it needs to be checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// A grid of tiles.
    Image(Grid),
    /// A distorted text.
    Text(Distorted),
    /// A post to tag.
    Hashtag(Post),
    /// A sentence to label.
    Label(Sentence),
}

impl Task {
    /// The task's kind.
    pub fn kind(&self) -> TaskKind {
        match self {
            Task::Image(_) => TaskKind::Image,
            Task::Text(_) => TaskKind::Text,
            Task::Hashtag(_) => TaskKind::Hashtag,
            Task::Label(_) => TaskKind::Label,
        }
    }
}

/// A task as the page shows it: everything but the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TaskView<'a> {
    /// Pick the tiles that show `target`.
    Image {
        /// The task's number in the workshop, from 0.
        index: u16,
        /// The object to find, with its article ("a bus").
        target: &'static str,
        /// The nine tiles.
        tiles: &'a [Tile],
    },
    /// Transcribe the drawing.
    Text {
        /// The task's number.
        index: u16,
        /// The drawing.
        svg: &'a str,
    },
    /// Add hashtags to the text.
    Hashtag {
        /// The task's number.
        index: u16,
        /// The post.
        text: &'static str,
    },
    /// Label the sentence.
    Label {
        /// The task's number.
        index: u16,
        /// The sentence.
        sentence: &'static str,
    },
}

/// A task's expected answer (for the tests and for showing corrections).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum AnswerView {
    /// The tiles that show the object, numbered from 0.
    Image {
        /// The task's number.
        index: u16,
        /// The tiles.
        tiles: Vec<u8>,
    },
    /// The text drawn.
    Text {
        /// The task's number.
        index: u16,
        /// The text.
        text: String,
    },
    /// Any hashtag is accepted.
    Hashtag {
        /// The task's number.
        index: u16,
    },
    /// The expected label.
    Label {
        /// The task's number.
        index: u16,
        /// The label.
        sentiment: Sentiment,
    },
}

/// The tasks of one workshop, in order: the grids, the texts, the posts, the sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    /// The tasks.
    pub tasks: Vec<Task>,
    /// The language of its texts.
    pub language: Language,
}

/// Draws the workshop of `seed` with `counts` tasks of each kind.
pub fn draw(seed: u64, counts: &Counts, language: Language) -> Workshop {
    let mut tasks = Vec::new();
    let mut images = Random::stream(seed, 1);
    tasks.extend((0..counts.image).map(|_| Task::Image(grid(&mut images, language))));
    let mut texts = Random::stream(seed, 2);
    let first_text = tasks.len();
    tasks.extend((0..counts.text).map(|i| {
        let id = u16::try_from(first_text).unwrap_or(0) + u16::from(i);
        Task::Text(distorted(&mut texts, id))
    }));
    tasks.extend(sample(seed, 3, &POSTS, counts.hashtag).map(Task::Hashtag));
    tasks.extend(sample(seed, 4, &SENTENCES, counts.label).map(Task::Label));
    Workshop { tasks, language }
}

/// `count` different items of `pool`, drawn from the random stream `stream` of `seed`.
fn sample<T: Copy>(seed: u64, stream: u64, pool: &[T], count: u8) -> impl Iterator<Item = T> {
    let indices = Random::stream(seed, stream).sample(pool.len(), usize::from(count));
    indices.into_iter().filter_map(|i| pool.get(i).copied())
}

impl Workshop {
    /// The task numbered `index`.
    pub fn task(&self, index: u16) -> Option<&Task> {
        self.tasks.get(usize::from(index))
    }

    fn numbered(&self) -> impl Iterator<Item = (u16, &Task)> {
        (0u16..).zip(&self.tasks)
    }

    /// The tasks as the page shows them.
    pub fn views(&self) -> Vec<TaskView<'_>> {
        let language = self.language;
        self.numbered()
            .map(|(index, task)| match task {
                Task::Image(grid) => TaskView::Image {
                    index,
                    target: grid.target.phrase(language),
                    tiles: &grid.tiles,
                },
                Task::Text(text) => TaskView::Text {
                    index,
                    svg: &text.svg,
                },
                Task::Hashtag(post) => TaskView::Hashtag {
                    index,
                    text: language.pick(post.en, post.fr),
                },
                Task::Label(sentence) => TaskView::Label {
                    index,
                    sentence: language.pick(sentence.en, sentence.fr),
                },
            })
            .collect()
    }

    /// The expected answers.
    pub fn answers(&self) -> Vec<AnswerView> {
        self.numbered()
            .map(|(index, task)| match task {
                Task::Image(grid) => AnswerView::Image {
                    index,
                    tiles: grid.answer(),
                },
                Task::Text(text) => AnswerView::Text {
                    index,
                    text: text.answer.clone(),
                },
                Task::Hashtag(_) => AnswerView::Hashtag { index },
                Task::Label(sentence) => AnswerView::Label {
                    index,
                    sentiment: sentence.sentiment,
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::Plan;

    #[test]
    fn a_workshop_follows_its_plan_and_is_the_same_for_the_same_seed() {
        let counts = Plan::default().counts;
        let a = draw(2026, &counts, Language::En);
        assert_eq!(a, draw(2026, &counts, Language::En));
        assert_ne!(a, draw(2027, &counts, Language::En));
        for kind in TaskKind::ALL {
            let n = a.tasks.iter().filter(|t| t.kind() == kind).count();
            assert_eq!(n, usize::from(counts.of(kind)), "{kind:?}");
        }
        let kinds: Vec<TaskKind> = a.tasks.iter().map(Task::kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted, "grouped by kind, in order");
    }

    #[test]
    fn the_answers_are_those_of_the_drawn_tasks_whatever_the_language() {
        let counts = Plan::default().counts;
        let en = draw(7, &counts, Language::En);
        let fr = draw(7, &counts, Language::Fr);
        assert_eq!(en.answers(), fr.answers());
        for (task, answer) in en.tasks.iter().zip(en.answers()) {
            match (task, answer) {
                (Task::Image(g), AnswerView::Image { tiles, .. }) => {
                    for (i, tile) in g.tiles.iter().enumerate() {
                        assert_eq!(tile.contains, tiles.contains(&(i as u8)));
                    }
                }
                (Task::Text(t), AnswerView::Text { text, .. }) => assert_eq!(t.answer, text),
                (Task::Label(s), AnswerView::Label { sentiment, .. }) => {
                    assert_eq!(s.sentiment, sentiment)
                }
                (Task::Hashtag(_), AnswerView::Hashtag { .. }) => {}
                other => panic!("mismatched {other:?}"),
            }
        }
    }

    #[test]
    fn posts_and_sentences_are_not_repeated_and_text_filters_are_unique() {
        let counts = Counts {
            image: 0,
            text: 5,
            hashtag: 12,
            label: 12,
        };
        let w = draw(1, &counts, Language::Fr);
        let mut ids: Vec<String> = w
            .views()
            .iter()
            .filter_map(|v| match v {
                TaskView::Text { svg, .. } => svg
                    .split('"')
                    .find(|part| part.starts_with("warp-"))
                    .map(str::to_owned),
                _ => None,
            })
            .collect();
        assert_eq!(ids.len(), 5);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5, "{ids:?}");
        let mut texts: Vec<&str> = w
            .views()
            .iter()
            .filter_map(|v| match v {
                TaskView::Hashtag { text, .. } => Some(*text),
                TaskView::Label { sentence, .. } => Some(*sentence),
                _ => None,
            })
            .collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), 24);
    }
}
