//! A plan workbook (计划表): bytes routed by content, then read as a plan.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    if let Ok(book) = workplan::import::read::read_bytes(data) {
        let _ = std::hint::black_box(workplan::import::plan_book::read(&book));
    }
});
