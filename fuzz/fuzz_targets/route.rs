//! Any bytes, routed by content as a merge routes a department's file, then
//! interpreted with the built-in plan when they yield a workbook.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    if let Ok(book) = workplan::import::read::read_bytes(data) {
        common::interpret(&book);
    }
});
