//! `make bench`: native ingest throughput of the core (classify + tally) on synthetic
//! observations. Prints figures; asserts nothing.
#![allow(clippy::print_stdout, reason = "a bench prints its figures")]

use std::hint::black_box;
use std::time::Instant;
use tacheron::classify::{Observation, classify};
use tacheron::date::LocalDate;
use tacheron::ledger::Ledger;
use tacheron::rules::rules_for_url;

const OBSERVATIONS: usize = 1_000_000;

fn main() {
    let Some(rules) = rules_for_url("https://www.youtube.com/watch?v=bench") else {
        println!("ingest: no YouTube rules");
        return;
    };
    let observations: Vec<Observation> = (0..OBSERVATIONS)
        .map(|i| Observation::Toggle {
            control: if i % 2 == 0 { "like" } else { "dislike" }.to_owned(),
            before: i % 3 == 0,
            after: i % 3 != 0,
            item: None,
        })
        .collect();
    let first_day = LocalDate::parse("2026-01-01").map_or(20_454, |d| d.days_since_epoch());
    let mut ledger = Ledger::new();
    let started = Instant::now();
    let mut counted = 0u64;
    for (i, observation) in observations.iter().enumerate() {
        if let Ok(actions) = classify(rules, black_box(observation)) {
            let day = LocalDate::from_days_since_epoch(first_day + (i / 2740) as i64);
            for action in &actions {
                ledger.add(day, action);
                counted += 1;
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    black_box(&ledger);
    println!(
        "native ingest: {OBSERVATIONS} observations ({counted} counted, {} days) in {:.1} ms = {:.2} M observations/s (budget >= 1 M/s)",
        ledger.days().count(),
        elapsed * 1000.0,
        OBSERVATIONS as f64 / elapsed / 1e6
    );
}
