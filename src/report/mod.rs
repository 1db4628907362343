//! Every file the tool writes, as bytes or text (no I/O: writing them to
//! disk is the app's job), and the only rust_xlsxwriter user:
//!
//! - [`workbook`]: the consolidated workbook of a month (`docs/workbook.md`);
//! - [`json`]: its machine-readable twin (`docs/json.md`);
//! - [`chase`]: the 催报 status of `workplan status`, with its reminders;
//! - [`circular`]: the month's 督办通报, as text or as a Word 公文 (its
//!   `docx` module the only docx-rs user);
//! - [`plan`]: the plan as a text table, as JSON, and as the 任务分解表;
//! - [`template`]: the departments' fill-in workbooks, blank or pre-filled;
//! - [`feedback`]: the workbooks returned to departments for correction;
//! - [`table`]: text tables for the terminal;
//! - [`xlsx`]: the one layer every workbook above is written with.

pub mod chase;
pub mod circular;
pub mod feedback;
pub mod json;
pub mod plan;
pub mod table;
pub mod template;
pub mod workbook;
pub mod xlsx;

pub use json::json;
pub use workbook::{SHEETS, render};

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;
