//! Strings as people type them into cells, through every reader of values
//! (`import::value`) and of states in progress text (`import::state`). A
//! string that reads as a number also goes in as a number and a date cell.

#![no_main]

use libfuzzer_sys::fuzz_target;
use workplan::import::Cell;
use workplan::import::state;
use workplan::import::value::{self, MoneyUnit};

#[path = "common.rs"]
mod common;

/// The years a plan may have (`plan::validate`: 2000–2100), as date hints.
const YEARS: [i32; 3] = [2000, 2025, 2100];
const UNITS: [MoneyUnit; 4] = [
    MoneyUnit::Yuan,
    MoneyUnit::Thousand,
    MoneyUnit::Wan,
    MoneyUnit::Yi,
];

fn cell(c: &Cell) {
    std::hint::black_box(value::text(c));
    std::hint::black_box(value::task_id(c));
    std::hint::black_box(value::figure_id(c));
    if let Ok(Some(q)) = value::quantity(c) {
        std::hint::black_box(value::percent_value(q, matches!(c, Cell::Number(_))));
    }
    let _ = std::hint::black_box(value::number(c));
    let _ = std::hint::black_box(value::percent(c));
    let _ = std::hint::black_box(value::yes_no(c));
    for unit in UNITS {
        let _ = std::hint::black_box(value::money(c, unit));
    }
    for year in YEARS {
        let _ = std::hint::black_box(value::date(c, year));
    }
}

fuzz_target!(|data: &[u8]| {
    common::setup();
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    std::hint::black_box(value::fold(s));
    std::hint::black_box(value::squeeze(s));
    std::hint::black_box(value::is_empty_word(s));
    std::hint::black_box(value::chinese_numeral(s));
    std::hint::black_box(MoneyUnit::parse(s));
    std::hint::black_box(value::is_date_in_words(s));
    std::hint::black_box(value::month_in(s));
    std::hint::black_box(value::status(s));
    for year in YEARS {
        std::hint::black_box(value::month(s, year));
    }
    std::hint::black_box(state::status_in(s));
    std::hint::black_box(state::progress_in(s));

    cell(&Cell::Text(s.to_string()));
    cell(&Cell::Formula(s.to_string()));
    cell(&Cell::Error(s.to_string()));
    if let Ok(x) = s.trim().parse::<f64>() {
        cell(&Cell::Number(x));
        cell(&Cell::Date(x));
        std::hint::black_box(value::from_serial(x));
    }
    // Eight bytes are also any f64 a reader may hand over (NaN, ±∞, subnormals).
    if let Ok(bits) = <[u8; 8]>::try_from(data) {
        let x = f64::from_le_bytes(bits);
        cell(&Cell::Number(x));
        cell(&Cell::Date(x));
        std::hint::black_box(value::from_serial(x));
    }
});
