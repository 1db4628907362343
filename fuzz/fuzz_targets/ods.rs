//! Bytes read as an `.ods` package: the `ods` pass, then calamine's ods reader, whatever they
//! start with (`read::fuzz::ods`), behind the importer's usual guards.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    let _ = std::hint::black_box(workplan::import::read::fuzz::ods(data));
});
