//! The command line (clap derive only). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::period::Period;

/// Monthly work-plan supervision (工作要点督办): merge the departments'
/// spreadsheets into one consolidated workbook for leadership.
#[derive(Debug, Parser)]
#[command(name = "workplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone, Default)]
pub struct PlanArg {
    /// Plan file (TOML) to use instead of the embedded 2025 plan.
    #[arg(long, value_name = "FILE", global = true)]
    pub plan: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Merge a month's submissions into the consolidated workbook (办公室).
    Merge {
        /// Root folder holding month folders (2025-03/…), or one month folder.
        dir: PathBuf,
        /// The month to merge, YYYY-MM (default: read from the folder name, else the latest month folder).
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// Where to write the workbook (default: <DIR>/汇总/<period>工作要点推进情况汇总.xlsx).
        #[arg(short, long, value_name = "OUT.xlsx")]
        output: Option<PathBuf>,
        /// Also write the JSON report here.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Also write a draft of the month's circular (督办通报) here: FILE.txt as
        /// plain text, FILE.docx as a Word 公文 laid out per GB/T 9704-2012.
        #[arg(long, value_name = "FILE.txt|FILE.docx")]
        circular: Option<PathBuf>,
        /// Exit with 1 when any error flag is raised.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// Self-check one department's files before sending them (各处室).
    Check {
        /// The workbook(s) to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The month being reported, YYYY-MM (default: what the file says, else last month).
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// Also write the findings as JSON here.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// Write fill-in workbooks, one per department, with their tasks and figures listed.
    Template {
        /// The month the templates are for, YYYY-MM (default: last month).
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// Only this department (name or alias).
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
        /// Folder to write the workbooks into.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// Show the plan: tasks, lead departments, figures, calendar.
    Plan {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write the plan as a printable 任务分解表 workbook.
        #[arg(short, long, value_name = "OUT.xlsx")]
        output: Option<PathBuf>,
        #[command(flatten)]
        plan: PlanArg,
    },
}
