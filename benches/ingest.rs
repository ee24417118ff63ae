//! `make bench`: native ingest throughput of the core (classify + tally) on synthetic
//! observations, and the dashboard's overview of a year of heavy use. Prints figures; asserts
//! nothing.
#![allow(clippy::print_stdout, reason = "a bench prints its figures")]

use std::hint::black_box;
use std::time::Instant;
use tacheron::card::CARD;
use tacheron::classify::{Observation, classify};
use tacheron::date::LocalDate;
use tacheron::estimate::Valuation;
use tacheron::ledger::Ledger;
use tacheron::model::{Action, Detail, Kind, Platform};
use tacheron::rules::rules_for_url;
use tacheron::views::{NamedPeriod, Period, overview};

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
    year_overview();
}

/// A year of heavy use (365 days × 11 platforms × 8 kinds, about 50 actions per platform and
/// day), then the time the core takes for the dashboard's 12-month overview.
fn year_overview() {
    let details = [
        (Kind::Captcha, "recaptcha-checkbox"),
        (Kind::Reaction, "like"),
        (Kind::Unreaction, "like"),
        (Kind::Repost, "repost"),
        (Kind::Hashtag, ""),
        (Kind::Post, "post"),
        (Kind::Upload, "image"),
        (Kind::Report, "report"),
    ];
    let today = LocalDate::parse("2026-11-28").map_or(20_785, |d| d.days_since_epoch());
    let mut ledger = Ledger::new();
    for back in 1..=365i64 {
        let day = LocalDate::from_days_since_epoch(today - back);
        for (p, platform) in Platform::ALL.iter().enumerate() {
            for (k, (kind, detail)) in details.iter().enumerate() {
                let mut action = Action::new(*platform, *kind, Detail::new(detail));
                if matches!(kind, Kind::Captcha | Kind::Post) {
                    action.measured_ms = 4_200;
                }
                for _ in 0..(3 + (back as usize * 7 + p * 5 + k * 3) % 8) {
                    ledger.add(day, &action);
                }
            }
        }
    }
    let valuation = Valuation::for_locale("en");
    let today = LocalDate::from_days_since_epoch(today);
    let runs = 20;
    let started = Instant::now();
    for _ in 0..runs {
        let view = overview(
            &CARD,
            &ledger,
            &valuation,
            Period::Named(NamedPeriod::Months12),
            today,
        );
        black_box(&view);
    }
    let each = started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    println!("native overview of a year of heavy use (12 months, charts included): {each:.2} ms");
}
