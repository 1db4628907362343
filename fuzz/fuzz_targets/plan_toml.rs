//! A plan file's text (TOML), parsed and validated as `--plan` loads it.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    // A plan that is not UTF-8 is refused before parsing.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = std::hint::black_box(workplan::plan::parse(text, Path::new("plan.toml")));
});
