//! The inputs the fuzzers found or that stand for what they found
//! (`tests/fixtures/fuzz/`, one README line each), each given to
//! `workplan check` as a department's file: the run ends, prints no panic,
//! and says what it made of the file — read, or UNREADABLE_FILE with a
//! Chinese reason saying what to do.

use std::path::PathBuf;

use crate::check::check_in;
use crate::util::{code, fixtures};

const PERIOD: &str = "2025-06";

/// What a found input must come to.
enum Expect {
    /// Read: no UNREADABLE_FILE, at least one sheet.
    Read,
    /// UNREADABLE_FILE alone, the reason holding this word and saying what
    /// to do.
    Unreadable(&'static str),
}

/// Every input in the folder and what it must come to.
const FOUND: &[(&str, Expect)] = &[
    ("merge_bomb.xlsx", Expect::Read),
    ("calamine_xlsb_panic.xlsb", Expect::Unreadable("损坏")),
];

fn folder() -> PathBuf {
    fixtures().join("fuzz")
}

#[test]
fn every_found_input_is_read_or_refused_with_a_reason() {
    let dir = folder();
    for (file, expect) in FOUND {
        let c = check_in(&dir, &[file], Some(PERIOD));
        c.assert_ran(file);
        let input = c.input(file);
        let status = input["status"].as_str().unwrap_or_default();
        match expect {
            Expect::Read => {
                assert!(
                    !c.codes().contains(&"UNREADABLE_FILE"),
                    "{file}: {:?}",
                    c.codes()
                );
                assert_ne!(status, "unreadable", "{file}");
                let sheets = input["sheets"].as_array().map_or(0, Vec::len);
                assert!(sheets > 0, "{file}: {input}");
            }
            Expect::Unreadable(word) => {
                assert_eq!(code(&c.out), 1, "{file}");
                assert_eq!(c.codes(), vec!["UNREADABLE_FILE"], "{file}");
                assert_eq!(status, "unreadable", "{file}");
                let reason = input["reason"].as_str().unwrap_or_default();
                assert!(reason.contains(word), "{file}: {reason}");
                assert!(reason.contains('请'), "{file}: says what to do: {reason}");
            }
        }
    }
}

#[test]
fn the_readme_and_the_test_list_every_input() {
    let dir = folder();
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md" && n != "make.py")
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in &files {
        assert!(
            readme.contains(&format!("`{file}`")),
            "README.md: no line for {file}"
        );
        assert!(
            FOUND.iter().any(|(f, _)| f == file),
            "FOUND: no entry for {file}"
        );
    }
    assert_eq!(files.len(), FOUND.len(), "{files:?}");
}
