//! `workplan` turns a bureau's monthly pile of department spreadsheets into
//! one consolidated, ready-to-print workbook (and a JSON twin).
//!
//! The stages, one module each, in the order the data passes through them;
//! each depends only on the ones before it and on the shared layers below:
//!
//! ```text
//! plan + files ─▶ import ─▶ measure ─▶ check ─▶ summarise ─▶ report ─▶ bytes
//!                 Intake     Measures   Flags     Summary      xlsx, JSON, text
//! ```
//!
//! Below every stage:
//! - [`period`]: a reporting month and its as-of date.
//! - [`flag`]: the flag model — codes, severities, where a flag points.
//! - [`plan`]: the work plan (tasks, leads, figures, calendar), the embedded
//!   2025 default, loading and validating a plan file (reads it from disk).
//! - [`text`]: how numbers, dates, targets and comparators read in Chinese.
//!
//! The stages:
//! - [`import`]: find the files, read their cells (the only calamine user),
//!   recognise sheets, normalise values; row-level flags. Reads the inputs.
//! - [`measure`]: pool the ledgers (the only polars user); every figure's value.
//! - [`check`]: the month-level rules.
//! - [`summarise`]: tasks, figures, departments and trends with their lights.
//! - [`report`]: every file the tool writes, as bytes (the only
//!   rust_xlsxwriter user): the consolidated workbook, the JSON report, the
//!   circular (text, or a Word 公文: the only docx-rs user), the plan table
//!   and 任务分解表, the fill-in templates.
//!
//! Tying them together:
//! - [`pipeline`]: the stage order, written once.
//! - [`cli`] and [`app`]: the command line; one module per subcommand; app
//!   writes every output file.
//!
//! The contract users and other programs rely on — flag codes, sheets, JSON
//! keys, the plan file — is described in the repository's `docs/`.

pub mod app;
pub mod check;
pub mod cli;
pub mod flag;
pub mod import;
pub mod measure;
pub mod period;
pub mod pipeline;
pub mod plan;
pub mod report;
pub mod summarise;
pub mod text;
