//! Bytes read as an OLE file: the `ole` checks, then calamine's xls reader, whatever they
//! start with (`read::fuzz::xls`), behind the importer's usual guards.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    let _ = std::hint::black_box(workplan::import::read::fuzz::xls(data));
});
