//! Bytes read as a Word `.docx`: its tables as sheets, whatever they
//! start with (`read::fuzz::docx`), behind the importer's usual guards.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    let _ = std::hint::black_box(workplan::import::read::fuzz::docx(data));
});
