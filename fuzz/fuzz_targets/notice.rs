//! The text of an official notice, drafted into a plan with the built-in
//! plan as the reference, as `workplan plan --draft` does, and the summary
//! it prints. (Rendering the plan workbook is left out: rust_xlsxwriter is
//! slow per run and reads no input.)

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::setup();
    // `document_text` refuses text that is not UTF-8.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let draft = workplan::import::notice::draft(text, Some(&common::PLAN));
    let said = workplan::report::plan::drafted(&draft, Path::new("草稿.xlsx"));
    std::hint::black_box((said, draft.loose()));
    std::hint::black_box(workplan::import::notice::draft(text, None));
});
