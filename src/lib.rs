//! `workplan` turns a bureau's monthly pile of department spreadsheets into
//! one consolidated, ready-to-print workbook (and a JSON twin).
//!
//! The pipeline, one stage per module, data flowing one way:
//!
//! ```text
//! Plan + files ──import──▶ records + flags ──check──▶ flags
//!              ──aggregate──▶ Summary ──report──▶ workbook bytes, JSON
//! ```
//!
//! - [`plan`]: the work plan (tasks, leads, figures, calendar), embedded 2025 default.
//! - [`import`]: discover files, read cells (calamine), recognise sheets, normalise values.
//! - [`check`]: flag codes and the month-level rules.
//! - [`aggregate`]: polars: consolidate tasks, compute figures, lights and trends.
//! - [`report`]: rust_xlsxwriter: the consolidated workbook; the JSON report; docx-rs: the circular as a Word 公文.
//! - [`template`]: fill-in workbooks for departments.
//! - [`app`]: one function per subcommand; the only place that touches the disk.

pub mod aggregate;
pub mod app;
pub mod check;
pub mod cli;
pub mod import;
pub mod period;
pub mod plan;
pub mod report;
pub mod template;
