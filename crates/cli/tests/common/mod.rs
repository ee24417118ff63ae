//! What the tests that run the real `tacheron` binary share: running it, reading what it printed,
//! and a fresh folder of their own for the files they write.

#![allow(
    dead_code,
    clippy::expect_used,
    reason = "each test file uses its own part of this module; in a test, a panic is a failed test"
)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU64, Ordering};
use tacheron::memory::SeededRandom;

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
