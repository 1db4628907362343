//! The consolidated workbook (the only rust_xlsxwriter user besides the
//! templates, which share its styles), the JSON report, and the month's
//! circular as text or as a Word 公文 (its `docx` module the only docx-rs
//! user).
//!
//! All are pure: a [`Summary`](crate::aggregate::Summary) in, bytes or a
//! JSON value out; writing them to disk is the app's job.

pub mod circular;
mod json;
mod overview;
pub mod plan_book;
pub mod style;
mod tables;
mod workbook;

pub use json::json;
pub use workbook::{SHEETS, render};

#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;
