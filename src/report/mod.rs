//! The consolidated workbook (the only rust_xlsxwriter user besides the
//! templates, which share its styles) and the JSON report.
//!
//! Both are pure: a [`Summary`](crate::summarise::Summary) in, bytes or a
//! JSON value out; writing them to disk is the app's job.

mod circular;
mod json;
mod overview;
pub mod plan_book;
pub mod style;
mod tables;
mod workbook;

pub use circular::circular;
pub use json::json;
pub use workbook::{SHEETS, render};

#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;
