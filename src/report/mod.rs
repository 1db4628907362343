//! The consolidated workbook (the only rust_xlsxwriter user besides the
//! templates, which share its styles) and the JSON report.
pub mod plan_book;
pub mod style;
