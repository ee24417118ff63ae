//! The teacher's view: many share codes read at once into class totals. Each code is accepted,
//! recognised as a duplicate of an earlier one (the same code pasted twice counts once), or
//! refused with the reason; the accepted ones are summed and spread (min / median / max per kind),
//! for the workshop and, among the students who shared them, for the real dashboard totals.

use crate::TaskKind;
use crate::code::{CodeError, Session, ShareCode, Span, canonical, decode};
use crate::score::Tallies;
use crate::value::{Results, results};
use serde::Serialize;
use tacheron::card::{ClassroomFigures, Currency, RateCard};
use tacheron::model::Kind;

/// What became of one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Status {
    /// Read and counted.
    Accepted,
    /// The same code as an earlier one (its number), or the same student's result made again
    /// with other options (the week or the month, dashboard totals or not): counted once.
    Duplicate {
        /// The number of the earlier code.
        of: usize,
        /// Whether the code is the same code; `false` for the same result written again.
        exact: bool,
    },
    /// Refused.
    Rejected {
        /// Why.
        error: CodeError,
    },
}

/// One code as the teacher gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Its number in the order given, from 1.
    pub number: usize,
    /// The code as given, trimmed.
    pub code: String,
    /// What became of it.
    pub status: Status,
}

/// The spread of one figure over the students.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Spread {
    /// The sum.
    pub total: u64,
    /// The smallest.
    pub min: u64,
    /// The median (the mean of the two middle values for an even count).
    pub median: f64,
    /// The largest.
    pub max: u64,
}

impl Spread {
    /// The spread of `values` (all zero when there are none).
    pub fn of(values: &[u64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let middle = sorted.len() / 2;
        let median = match (sorted.len() % 2, sorted.get(middle)) {
            (_, None) => 0.0,
            (1, Some(m)) => *m as f64,
            (_, Some(upper)) => {
                let lower = sorted
                    .get(middle.wrapping_sub(1))
                    .copied()
                    .unwrap_or(*upper);
                (lower as f64 + *upper as f64) / 2.0
            }
        };
        Spread {
            total: sorted.iter().sum(),
            min: sorted.first().copied().unwrap_or(0),
            median,
            max: sorted.last().copied().unwrap_or(0),
        }
    }
}

/// The class's figures for one workshop task.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TaskSpread {
    /// The task.
    pub kind: TaskKind,
    /// Pieces done per student.
    pub done: Spread,
    /// Pieces accepted per student.
    pub accepted: Spread,
    /// Seconds per student.
    pub seconds: Spread,
}

/// The class's figures for one kind of everyday action.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindSpread {
    /// The kind.
    pub kind: Kind,
    /// Actions per student who shared.
    pub count: Spread,
}

/// The real dashboard totals the students chose to share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedTotals {
    /// How many students shared them.
    pub students: usize,
    /// The periods they chose, each once.
    pub spans: Vec<Span>,
    /// Per kind.
    pub kinds: Vec<KindSpread>,
    /// Estimated seconds per student.
    pub seconds: Spread,
}

/// Everything the class page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    /// Every code given, in order.
    pub entries: Vec<Entry>,
    /// Codes counted (one per student).
    pub students: usize,
    /// The sessions the codes come from, each once.
    pub sessions: Vec<String>,
    /// Per workshop task.
    pub tasks: Vec<TaskSpread>,
    /// The whole class's workshop, valued.
    pub results: Results,
    /// The dashboard totals shared, if any student shared them.
    pub shared: Option<SharedTotals>,
}

/// Whether two codes hold the same student's workshop: the page draws one random number per
/// workshop and keeps it when the student changes the code's options, so the same number with the
/// same tallies (seconds included) is one result written twice — two students almost never share
/// both.
fn same_result(a: &ShareCode, b: &ShareCode) -> bool {
    a.nonce == b.nonce && a.workshop == b.workshop
}

/// The codes in a text: one per line, or separated by commas or semicolons; spaces and dashes
/// inside a code do not matter. Blank pieces are skipped.
pub fn split_codes(text: &str) -> Vec<String> {
    text.split(['\n', '\r', ',', ';'])
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads `codes` into the class report, valued in `currency`.
pub fn report(
    card: &RateCard,
    figures: &ClassroomFigures,
    codes: &[String],
    currency: Currency,
) -> ClassReport {
    let mut entries = Vec::new();
    // Each code counted: its spelling, its number, and where its share is in `accepted`.
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut accepted: Vec<ShareCode> = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let number = i + 1;
        let status = match decode(code) {
            Err(error) => Status::Rejected { error },
            Ok(share) => {
                let key = canonical(code).unwrap_or_default();
                let earlier = seen
                    .iter()
                    .zip(&mut accepted)
                    .find(|((text, _), counted)| *text == key || same_result(counted, &share));
                match earlier {
                    Some(((text, of), counted)) => {
                        // The same result made again with the dashboard's totals added: keep them.
                        if counted.dashboard.is_none() {
                            counted.dashboard = share.dashboard;
                        }
                        Status::Duplicate {
                            of: *of,
                            exact: *text == key,
                        }
                    }
                    None => {
                        seen.push((key, number));
                        accepted.push(share);
                        Status::Accepted
                    }
                }
            }
        };
        entries.push(Entry {
            number,
            code: code.trim().to_owned(),
            status,
        });
    }

    let mut sessions: Vec<Session> = Vec::new();
    for share in &accepted {
        if !sessions.contains(&share.session) {
            sessions.push(share.session);
        }
    }
    let column = |f: &dyn Fn(&Tallies) -> u32| -> Spread {
        let values: Vec<u64> = accepted
            .iter()
            .map(|share| u64::from(f(&share.workshop)))
            .collect();
        Spread::of(&values)
    };
    let tasks = TaskKind::ALL
        .iter()
        .map(|kind| TaskSpread {
            kind: *kind,
            done: column(&|t| t.of(*kind).done),
            accepted: column(&|t| t.of(*kind).accepted),
            seconds: column(&|t| t.of(*kind).seconds),
        })
        .collect();
    let mut sum = Tallies::default();
    for share in &accepted {
        for kind in TaskKind::ALL {
            let (into, from) = (sum.of_mut(kind), share.workshop.of(kind));
            into.done = into.done.saturating_add(from.done);
            into.accepted = into.accepted.saturating_add(from.accepted);
            into.seconds = into.seconds.saturating_add(from.seconds);
        }
    }

    let dashboards: Vec<_> = accepted.iter().filter_map(|s| s.dashboard).collect();
    let shared = (!dashboards.is_empty()).then(|| {
        let mut spans = Vec::new();
        for dashboard in &dashboards {
            if !spans.contains(&dashboard.span) {
                spans.push(dashboard.span);
            }
        }
        let kinds = Kind::ALL
            .iter()
            .map(|kind| KindSpread {
                kind: *kind,
                count: Spread::of(
                    &dashboards
                        .iter()
                        .map(|d| u64::from(d.count(*kind)))
                        .collect::<Vec<_>>(),
                ),
            })
            .collect();
        SharedTotals {
            students: dashboards.len(),
            spans,
            kinds,
            seconds: Spread::of(
                &dashboards
                    .iter()
                    .map(|d| u64::from(d.seconds))
                    .collect::<Vec<_>>(),
            ),
        }
    });

    ClassReport {
        entries,
        students: accepted.len(),
        sessions: sessions.iter().map(Session::label).collect(),
        tasks,
        results: results(card, figures, &sum, currency),
        shared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{Dashboard, Granularity, encode};
    use crate::score::Tally;
    use tacheron::card::{CARD, CLASSROOM_FIGURES};

    fn share(nonce: u16, image_done: u32, dashboard: Option<u32>) -> ShareCode {
        ShareCode {
            nonce,
            session: Session {
                granularity: Granularity::Week,
                index: 2916,
            },
            workshop: Tallies {
                image: Tally {
                    done: image_done,
                    accepted: image_done,
                    seconds: 10 * image_done,
                },
                label: Tally {
                    done: 8,
                    accepted: 6,
                    seconds: 30,
                },
                ..Tallies::default()
            },
            dashboard: dashboard.map(|reactions| Dashboard {
                span: Span::Days7,
                counts: [0, reactions, 0, 0, 0, 1, 0, 0],
                seconds: 3 * reactions,
            }),
        }
    }

    #[test]
    fn spreads_take_the_middle_of_the_class() {
        assert_eq!(
            Spread::of(&[5, 1, 3]),
            Spread {
                total: 9,
                min: 1,
                median: 3.0,
                max: 5
            }
        );
        assert_eq!(Spread::of(&[4, 1, 3, 10]).median, 3.5);
        assert_eq!(Spread::of(&[]), Spread::default());
    }

    #[test]
    fn a_result_made_again_with_other_options_counts_once_with_its_dashboard_totals() {
        let plain = share(7, 4, None);
        let by_month = ShareCode {
            session: Session {
                granularity: Granularity::Month,
                index: 670,
            },
            ..plain
        };
        let with_dashboard = share(7, 4, Some(25));
        let other_student = share(8, 4, None);
        let codes: Vec<String> = [plain, by_month, with_dashboard, other_student]
            .iter()
            .map(encode)
            .collect();
        let r = report(&CARD, &CLASSROOM_FIGURES, &codes, Currency::Eur);
        let statuses: Vec<&Status> = r.entries.iter().map(|e| &e.status).collect();
        assert_eq!(
            statuses,
            [
                &Status::Accepted,
                &Status::Duplicate {
                    of: 1,
                    exact: false
                },
                &Status::Duplicate {
                    of: 1,
                    exact: false
                },
                &Status::Accepted,
            ]
        );
        assert_eq!(r.students, 2);
        let shared = r.shared.unwrap();
        assert_eq!(shared.students, 1, "the totals added to the first code");
    }

    #[test]
    fn codes_add_up_duplicates_count_once_and_bad_codes_are_named() {
        let a = encode(&share(1, 4, None));
        let b = encode(&share(2, 2, Some(40)));
        let c = encode(&share(3, 3, Some(10)));
        let mut tampered: Vec<char> = c.chars().collect();
        tampered[6] = if tampered[6] == 'A' { 'B' } else { 'A' };
        let tampered: String = tampered.into_iter().collect();
        let text = format!("{a}\n\n{}, {c};{tampered}\nAlice?", b.to_lowercase());
        let codes = split_codes(&text);
        assert_eq!(codes.len(), 5);
        let duplicate = a.clone();
        let mut all = codes.clone();
        all.push(duplicate);
        let r = report(&CARD, &CLASSROOM_FIGURES, &all, Currency::Eur);
        let statuses: Vec<&Status> = r.entries.iter().map(|e| &e.status).collect();
        assert_eq!(statuses[0], &Status::Accepted);
        assert_eq!(statuses[1], &Status::Accepted);
        assert_eq!(statuses[2], &Status::Accepted);
        assert!(
            matches!(statuses[3], Status::Rejected { .. }),
            "{:?}",
            statuses[3]
        );
        assert!(matches!(
            statuses[4],
            Status::Rejected {
                error: CodeError::Character {
                    character: '?',
                    position: 6
                }
            }
        ));
        assert_eq!(statuses[5], &Status::Duplicate { of: 1, exact: true });
        assert_eq!(r.entries[3].code, tampered);
        assert_eq!(r.students, 3);
        assert_eq!(r.sessions, vec!["2025-11-24".to_owned()]);
        let image = r.tasks[0];
        assert_eq!(image.kind, TaskKind::Image);
        assert_eq!(
            (image.done.total, image.done.min, image.done.max),
            (9, 2, 4)
        );
        assert_eq!(image.done.median, 3.0);
        assert_eq!(r.results.done, 9 + 24);
        assert_eq!(r.results.accepted, 9 + 18);
        let shared = r.shared.unwrap();
        assert_eq!(shared.students, 2);
        assert_eq!(shared.spans, vec![Span::Days7]);
        let reactions = shared
            .kinds
            .iter()
            .find(|k| k.kind == Kind::Reaction)
            .unwrap();
        assert_eq!((reactions.count.total, reactions.count.median), (50, 25.0));
    }

    #[test]
    fn no_codes_make_an_empty_class() {
        let r = report(
            &CARD,
            &CLASSROOM_FIGURES,
            &split_codes(" \n , "),
            Currency::Usd,
        );
        assert_eq!(r.students, 0);
        assert!(r.entries.is_empty() && r.shared.is_none());
        assert_eq!(r.results.done, 0);
    }
}
