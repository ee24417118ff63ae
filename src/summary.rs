//! The dashboard's view of the ledger: counts with their estimated time and value, in total and
//! per platform and kind.

use crate::estimate::{Estimate, RATE_CARD, estimate};
use crate::ledger::Ledger;
use crate::model::{Kind, Platform};
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of the dashboard's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    /// Where.
    pub platform: Platform,
    /// What kind of labour.
    pub kind: Kind,
    /// How many actions.
    pub count: u64,
    /// Their estimated time and value.
    pub estimate: Estimate,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The rate card the estimates come from.
    pub rate_card: &'static str,
    /// How many actions in all.
    pub count: u64,
    /// Their estimated time and value in all.
    pub estimate: Estimate,
    /// One row per platform and kind, in display order.
    pub rows: Vec<SummaryRow>,
}

/// Sums the whole ledger.
pub fn summarize(ledger: &Ledger) -> Summary {
    let mut counts: BTreeMap<(Platform, Kind), u64> = BTreeMap::new();
    for (_, key, tally) in ledger.tallies() {
        *counts.entry((key.platform, key.kind)).or_default() += u64::from(tally.count);
    }
    let rows: Vec<SummaryRow> = counts
        .into_iter()
        .map(|((platform, kind), count)| SummaryRow {
            platform,
            kind,
            count,
            estimate: estimate(kind, count),
        })
        .collect();
    Summary {
        rate_card: RATE_CARD,
        count: rows.iter().map(|row| row.count).sum(),
        estimate: rows
            .iter()
            .fold(Estimate::default(), |sum, row| sum + row.estimate),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::LocalDate;
    use crate::model::{Action, Detail};

    fn action(kind: Kind, detail: &str) -> Action {
        Action {
            platform: Platform::Youtube,
            kind,
            detail: Detail::new(detail),
            measured_ms: 0,
            effort: Default::default(),
        }
    }

    #[test]
    fn rows_merge_details_and_days_and_totals_add_up() {
        let mut ledger = Ledger::new();
        let monday = LocalDate::parse("2026-11-23").expect("date");
        let tuesday = LocalDate::parse("2026-11-24").expect("date");
        ledger.add(monday, &action(Kind::Reaction, "like"));
        ledger.add(tuesday, &action(Kind::Reaction, "dislike"));
        ledger.add(tuesday, &action(Kind::Unreaction, "like"));
        let summary = summarize(&ledger);
        assert_eq!(summary.count, 3);
        assert_eq!(summary.rows.len(), 2);
        assert_eq!(
            (summary.rows[0].kind, summary.rows[0].count),
            (Kind::Reaction, 2)
        );
        assert_eq!(
            (summary.rows[1].kind, summary.rows[1].count),
            (Kind::Unreaction, 1)
        );
        let expected = estimate(Kind::Reaction, 2) + estimate(Kind::Unreaction, 1);
        assert_eq!(summary.estimate, expected);
    }

    #[test]
    fn an_empty_ledger_sums_to_zero() {
        let summary = summarize(&Ledger::new());
        assert_eq!(summary.count, 0);
        assert!(summary.rows.is_empty());
        assert_eq!(summary.estimate, Estimate::default());
    }
}
