//! What the tests that run the real `tacheron` binary share: running it, reading what it printed,
//! a fresh folder of their own for the files they write, and a participant's report sealed as the
//! extension seals it.

#![allow(
    dead_code,
    clippy::expect_used,
    reason = "each test file uses its own part of this module; in a test, a panic is a failed test"
)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU64, Ordering};
use tacheron::card::CARD;
use tacheron::date::LocalDate;
use tacheron::ledger::Ledger;
use tacheron::memory::SeededRandom;
use tacheron::model::{Action, Detail, Kind, Platform};
use tacheron_study::consent::{Consent, Decision};
use tacheron_study::envelope::{Sealed, seal_report};
use tacheron_study::manifest::Manifest;
use tacheron_study::report::{ReportPeriod, Withheld, build_report};
use tacheron_study::{PortRng, random_id};

/// The binary run with `args`, to its end.
pub fn tacheron(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tacheron"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What the binary printed, once it is known to have succeeded (its error output otherwise).
pub fn success(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// An empty folder for the test `name` of the test file `file`, in the system's temporary folder.
pub fn temp_dir(file: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tacheron-{file}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A random source of its own for each use in this test process (keys, report ids): seeded, so
/// that a run can be replayed, and never the same stream twice, so that no two ids collide.
pub fn fresh_random() -> SeededRandom {
    static NEXT_SEED: AtomicU64 = AtomicU64::new(1);
    SeededRandom::new(NEXT_SEED.fetch_add(1, Ordering::Relaxed))
}

/// The day written `YYYY-MM-DD`.
pub fn date(text: &str) -> LocalDate {
    LocalDate::parse(text).expect("date")
}

/// Adds `count` likes on `platform` on `day` to `ledger`.
pub fn likes(ledger: &mut Ledger, day: &str, platform: Platform, count: u32) {
    let like = Action::new(platform, Kind::Reaction, Detail::new("like"));
    for _ in 0..count {
        ledger.add(date(day), &like);
    }
}

/// What a participant's extension sends for the days `start` to `end` of `ledger`, consented to
/// and sealed as the extension seals it: the preview and the envelope.
pub fn sealed_report(manifest: &Manifest, ledger: &Ledger, start: &str, end: &str) -> Sealed {
    let random = fresh_random();
    let mut rng = PortRng::new(&random);
    let consent = Consent::decide(manifest, Decision::Accepted, 1, 2, None, &mut rng);
    let period = ReportPeriod {
        start: date(start),
        end: date(end),
    };
    let report = build_report(
        &CARD,
        manifest,
        &consent,
        ledger,
        period,
        Withheld::default(),
        random_id(&mut rng),
    )
    .expect("built");
    seal_report(manifest, &report, &mut rng).expect("sealed")
}
