//! Tests of the reader against the committed fixtures and hostile inputs.

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn explore() {
    for f in ["tasks.xlsx","tasks_lo.xlsx","tasks.xlsm","tasks.xls","tasks.ods","formula_nocache.xlsx","chartsheet.xlsx","encrypted.xlsx","truncated.xlsx","random.xlsx","html.xls","csv.xls","empty.xlsx","huge_extent.xlsx","word.xlsx","ole_not_excel.xls"] {
        match read_bytes(&fixture(f)) {
            Ok(wb) => { println!("== {f}: failed {:?}", wb.failed); for s in wb.sheets { println!("  sheet {} merges {:?}", s.name, s.merges); for c in s.cells { println!("    {:?}", c); } } }
            Err(e) => println!("== {f}: ERR {e}"),
        }
    }
}
