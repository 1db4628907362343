//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `workplan` executable under test.
pub fn workplan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_workplan"))
}

/// Runs `workplan` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    workplan()
        .args(args)
        .output()
        .expect("the workplan binary runs")
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// The committed fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `workplan` with `args` in the folder `dir`, so that the paths it
/// reports (relative to the current folder) are the bare names given.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    workplan()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the workplan binary runs")
}

/// The exit code, or -1 when the process was killed by a signal.
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}
