//! What every target shares: the built-in plan, and what a panic means.
//!
//! The importer runs calamine (and the zip and Word readers) inside
//! `catch_unwind` and reports a panic there as a corrupt file
//! (`read::quietly`, which silences the panic hook meanwhile). So:
//! - a panic in our own code is a finding (the process aborts), even inside
//!   `quietly`: it would be caught in a merge, but it is our bug, and a
//!   debug-build overflow there is a release-build wrong answer;
//! - a panic inside a dependency or the standard library, within
//!   `quietly`, is a handled input, as in a merge: the file is refused as
//!   corrupt. With `WORKPLAN_FUZZ_PANICS=all` those abort too, to list the
//!   crates' panics for upstream reports and guards;
//! - any panic outside `quietly` aborts (libFuzzer's hook).

#![allow(dead_code)]

use std::sync::{LazyLock, Once};

use workplan::import::RawWorkbook;
use workplan::import::rows;
use workplan::plan::Plan;

/// The built-in 2025 plan, loaded once.
pub static PLAN: LazyLock<Plan> =
    LazyLock::new(|| workplan::plan::load_default().expect("the built-in plan loads"));

/// Sets the panic policy; call first in every target.
pub fn setup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The importer installs its quiet hook on first use, over libFuzzer's.
        let _ = workplan::import::read::read_bytes(b"PK\x03\x04");
        let all = std::env::var("WORKPLAN_FUZZ_PANICS").is_ok_and(|v| v == "all");
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Where the panic happened: a dependency's or the toolchain's
            // source has an absolute path under .cargo, rustlib or /rustc.
            let foreign = info.location().is_some_and(|l| {
                let f = l.file();
                f.contains("/.cargo/") || f.contains("/rustlib/") || f.starts_with("/rustc/")
            });
            if all || !foreign {
                eprintln!("{info}");
                std::process::abort();
            }
            quiet(info);
        }));
    });
}

/// Interprets a workbook as a merge does: the built-in plan, the month taken
/// from the file.
pub fn interpret(book: &RawWorkbook) {
    let intake = rows::interpret(&PLAN, None, "fuzz.xlsx", book);
    std::hint::black_box(intake);
}
