//! The command line (clap derive), in Chinese. Doc comments are the help
//! text. clap's own words are replaced here too: the headings by the help
//! templates, the usage lines by `override_usage`, `-h`/`-V` by explicit
//! arguments, the `help` command's line in [`command`], and its usage errors
//! by [`Chinese`], which says them under `错误：` with the usage and where to
//! read more. Flag and command names stay as they are: scripts rely on them.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::period::Period;

// The help pages: the command's line, its usage, then its commands,
// arguments and options under Chinese headings.

/// The help page of `workplan` itself.
const MAIN_HELP: &str =
    "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}";
/// The help page of a command with arguments (`merge DIR`, `check FILE…`).
const ARGS_HELP: &str =
    "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}";
/// The help page of a command with options only.
const OPTIONS_HELP: &str = "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}";

/// 工作要点督办：把各处室每月报送的表格合并成一份汇总表，供领导审阅
#[derive(Debug, Parser)]
#[command(
    name = "workplan",
    version,
    long_about = None,
    help_template = MAIN_HELP,
    override_usage = "workplan [选项] <命令>",
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    // clap prints the help or the version when it meets these flags;
    // nothing reads the fields. Listed last on every page.
    /// 显示帮助
    #[allow(dead_code)]
    #[arg(short = 'h', long, action = ArgAction::Help, global = true, display_order = 100)]
    help: Option<bool>,

    /// 显示版本号
    #[allow(dead_code)]
    #[arg(short = 'V', long, action = ArgAction::Version, display_order = 101)]
    version: Option<bool>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct PlanArg {
    /// 使用这份计划（计划工作簿 .xlsx/.xls/.ods，或 TOML 计划文件），代替内置的 2025 年工作要点
    #[arg(long, value_name = "文件", global = true)]
    pub plan: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 把一个月的各处室报送表合并成汇总表（办公室用）
    #[command(
        help_template = ARGS_HELP,
        override_usage = "workplan merge [选项] <文件夹>",
        disable_help_flag = true
    )]
    Merge {
        /// 存放各月文件夹（如 2025-03/）的文件夹，或某一个月的文件夹
        #[arg(value_name = "文件夹")]
        dir: PathBuf,
        /// 要汇总的月份 YYYY-MM（默认：文件夹名中的月份或最近的月份文件夹）
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// 汇总表保存到哪里（默认：<文件夹>/汇总/<月份>工作要点推进情况汇总.xlsx）
        #[arg(short, long, value_name = "文件.xlsx")]
        output: Option<PathBuf>,
        /// 同时把 JSON 报告写到这个文件
        #[arg(long, value_name = "文件")]
        json: Option<PathBuf>,
        /// 同时把本月督办通报稿写到这个文件：.txt 为纯文本，.docx 为按 GB/T 9704-2012 排版的 Word 公文
        #[arg(long, value_name = "文件.txt|文件.docx")]
        circular: Option<PathBuf>,
        /// 同时为每个处室写一份反馈单（退回修改用）到这个文件夹：本月的问题和督办灯，以及按报送内容预填、有问题的单元格标色并加批注的填报表
        #[arg(long, value_name = "文件夹")]
        feedback: Option<PathBuf>,
        /// 有“错误”级问题时以退出码 1 结束
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// 报送截止前查看各处室报送情况，生成催报提醒（办公室用）
    #[command(
        help_template = ARGS_HELP,
        override_usage = "workplan status [选项] <文件夹>",
        disable_help_flag = true
    )]
    Status {
        /// 存放各月文件夹（如 2025-03/）的文件夹，或某一个月的文件夹
        #[arg(value_name = "文件夹")]
        dir: PathBuf,
        /// 要查看的月份 YYYY-MM（默认：文件夹名中的月份或最近的月份文件夹）
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// 同时把报送情况写成 JSON 文件
        #[arg(long, value_name = "文件")]
        json: Option<PathBuf>,
        /// 按这一天计算剩余工作日（默认：今天），如 2025-07-02
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// 报送前自查本处室的表格（各处室用）
    #[command(
        help_template = ARGS_HELP,
        override_usage = "workplan check [选项] <文件>...",
        disable_help_flag = true
    )]
    Check {
        /// 要自查的表格，可以给多个
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
        /// 报送的月份 YYYY-MM（默认：表格中写明的月份，否则上个月）
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// 同时把自查结果以 JSON 格式写到这个文件
        #[arg(long, value_name = "文件")]
        json: Option<PathBuf>,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// 生成各处室的填报表，每个处室一份，列出其任务和指标
    #[command(
        help_template = OPTIONS_HELP,
        override_usage = "workplan template -o <文件夹> [选项]",
        disable_help_flag = true
    )]
    Template {
        /// 填报表对应的月份 YYYY-MM（默认：上个月）
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// 只生成这个处室的填报表（名称或别名均可）
        #[arg(long, value_name = "处室")]
        department: Option<String>,
        /// 按上月的报送文件夹（如 月报/2025-03）预填：完成状态、完成进度、计划完成时间，并在右侧灰色列出上月进展和上月问题供参考
        #[arg(long, value_name = "文件夹")]
        from: Option<PathBuf>,
        /// 填报表保存到这个文件夹
        #[arg(short, long, value_name = "文件夹")]
        output: PathBuf,
        #[command(flatten)]
        plan: PlanArg,
    },
    /// 查看计划：重点任务、牵头部门、指标与节点、工作日历
    #[command(
        help_template = OPTIONS_HELP,
        override_usage = "workplan plan [选项]",
        disable_help_flag = true
    )]
    Plan {
        /// 以 JSON 格式输出，而不是表格
        #[arg(long)]
        json: bool,
        /// 同时把计划写成任务分解表工作簿（可打印，也可在 Excel/WPS 中修改后用 --plan 载入）
        #[arg(short, long, value_name = "文件.xlsx")]
        output: Option<PathBuf>,
        /// 根据年度工作要点通知（.docx 或 .txt）起草计划工作簿，写到 -o 指定的文件（默认与通知同一文件夹）
        #[arg(long, value_name = "通知文件", conflicts_with = "json")]
        draft: Option<PathBuf>,
        #[command(flatten)]
        plan: PlanArg,
    },
}

/// The command line as clap parses it, with the `help` command clap adds
/// (`workplan help merge`) described in Chinese too.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    // The `help` command exists once the command is built.
    cmd.build();
    cmd.mut_subcommand("help", |help| {
        help.about("显示帮助，或某个命令的帮助")
            .override_usage("workplan help [命令]")
            .help_template("{about-with-newline}\n用法：{usage}")
    })
}

/// Parses the process's arguments. The error is what to print instead of
/// running: help or the version (exit 0), or a usage error in Chinese
/// (exit 2); [`Error::print`] and [`Error::exit_code`] say where
/// and how.
pub fn parse() -> Result<Cli, Error<Chinese>> {
    parse_from(std::env::args_os())
}

/// [`parse`] over given arguments (the first is the program's name).
pub fn parse_from<I, T>(args: I) -> Result<Cli, Error<Chinese>>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let matches = cmd
        .try_get_matches_from_mut(&args)
        .map_err(|e| with_usage(e, &mut cmd, &args).apply::<Chinese>())?;
    Cli::from_arg_matches(&matches).map_err(clap::Error::apply::<Chinese>)
}

/// `error` with the usage of the command the arguments name: clap leaves
/// it out of some errors (a bad `--period`), and the usage says which
/// command's help to read.
fn with_usage(mut error: clap::Error, cmd: &mut clap::Command, args: &[OsString]) -> clap::Error {
    if error.get(ContextKind::Usage).is_none() && error.use_stderr() {
        let named = args
            .iter()
            .skip(1)
            .position(|a| cmd.find_subcommand(a).is_some());
        let usage = match named {
            Some(at) => cmd
                .find_subcommand_mut(&args[at + 1])
                .map(clap::Command::render_usage),
            None => Some(cmd.render_usage()),
        };
        if let Some(usage) = usage {
            error.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
        }
    }
    error
}

// ------------------------------------------------------------ usage errors

/// clap's usage errors said in Chinese: what is wrong with the command line,
/// the usage of the command and where to read more. Help and version pages
/// are not errors to it: clap prints them as they are.
pub struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let mut out = format!("错误：{}\n", usage_message(error));
        // clap's usage line starts with its own heading.
        let usage = context(error, ContextKind::Usage)
            .map(|u| u.trim_start_matches("Usage:").trim().to_string());
        if let Some(usage) = &usage {
            let _ = write!(out, "\n用法：{usage}\n");
        }
        let _ = writeln!(
            out,
            "\n运行 `{} --help` 查看说明",
            command_path(usage.as_deref())
        );
        StyledStr::from(out)
    }
}

/// What is wrong with the command line, in Chinese, with clap's
/// suggestion when it has one.
fn usage_message(error: &Error<Chinese>) -> String {
    let got = |kind| context(error, kind).unwrap_or_default();
    let arg = got(ContextKind::InvalidArg);
    let value = got(ContextKind::InvalidValue);
    let mut message = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let known: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            format!(
                "没有 `{}` 这个命令：可用的命令有 {}",
                got(ContextKind::InvalidSubcommand),
                known.join("、")
            )
        }
        ErrorKind::UnknownArgument => format!("无法识别的参数 `{arg}`"),
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` 后面缺少取值"),
        ErrorKind::InvalidValue => match context(error, ContextKind::ValidValue) {
            Some(valid) => format!("`{arg}` 的取值 `{value}` 无效：可选的取值有 {valid}"),
            None => format!("`{arg}` 的取值 `{value}` 无效"),
        },
        ErrorKind::ValueValidation => match std::error::Error::source(error) {
            Some(why) => format!("`{arg}` 的取值有误：{why}"),
            None => format!("`{arg}` 的取值 `{value}` 无效"),
        },
        ErrorKind::ArgumentConflict => match context(error, ContextKind::PriorArg) {
            Some(prior) if prior != arg => format!("`{arg}` 不能与 `{prior}` 同时使用"),
            _ => format!("`{arg}` 只能给一次"),
        },
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少要执行的命令".to_string(),
        ErrorKind::NoEquals => format!("`{arg}` 的取值要用 `=` 连接，例如 `{arg}=…`"),
        ErrorKind::TooManyValues => format!("`{arg}` 的取值 `{value}` 多余"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("`{arg}` 的取值个数不对")
        }
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符：请使用 UTF-8 编码的文字".to_string(),
        // Not a usage error, and not expected here; clap's words follow
        // the Chinese ones for maintainers.
        other => format!(
            "无法处理命令行参数（{}）",
            other.as_str().unwrap_or("unknown")
        ),
    };
    let suggested = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| context(error, kind));
    if let Some(suggested) = suggested {
        let _ = write!(message, "；是不是想用 `{suggested}`？");
    }
    message
}

/// One piece of clap's context as plain text; lists joined with 、.
fn context(error: &Error<Chinese>, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(StyledStr::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The command a usage line is for: `workplan merge` of
/// `workplan merge [选项] <文件夹>`.
fn command_path(usage: Option<&str>) -> String {
    let words: Vec<&str> = usage
        .unwrap_or_default()
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "workplan".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The usage error `args` give, as printed.
    fn refused(args: &[&str]) -> String {
        let args = std::iter::once("workplan").chain(args.iter().copied());
        match parse_from(args) {
            Ok(cli) => panic!("accepted: {cli:?}"),
            Err(e) => {
                assert_eq!(e.exit_code(), 2, "{}", e.render());
                e.render().to_string()
            }
        }
    }

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn usage_errors_are_chinese_with_the_usage_and_a_pointer_to_help() {
        let said = refused(&["merge", "--perod", "2025-03", "dir"]);
        assert_eq!(
            said,
            "错误：无法识别的参数 `--perod`；是不是想用 `--period`？\n\n\
             用法：workplan merge [选项] <文件夹>\n\n\
             运行 `workplan merge --help` 查看说明\n"
        );
        let said = refused(&["merge", "dir", "--period", "2025-13"]);
        assert!(
            said.starts_with(
                "错误：`--period <YYYY-MM>` 的取值有误：`2025-13` 不是有效的月份：请写成 YYYY-MM，例如 2025-03\n"
            ),
            "{said}"
        );
        let said = refused(&["check"]);
        assert!(
            said.starts_with("错误：缺少必需的参数：<文件>..."),
            "{said}"
        );
        assert!(said.contains("运行 `workplan check --help`"), "{said}");
        let said = refused(&["merg"]);
        assert!(
            said.starts_with("错误：没有 `merg` 这个命令：可用的命令有 merge、status、check、template、plan；是不是想用 `merge`？"),
            "{said}"
        );
        assert!(said.contains("运行 `workplan --help`"), "{said}");
        let said = refused(&["plan", "--json", "--json"]);
        assert!(said.starts_with("错误：`--json` 只能给一次"), "{said}");
        let said = refused(&["template", "--period"]);
        assert!(
            said.starts_with("错误：`--period <YYYY-MM>` 后面缺少取值"),
            "{said}"
        );
    }

    #[test]
    fn help_and_version_are_no_errors() {
        for args in [["--help"], ["-V"]] {
            let args = std::iter::once("workplan").chain(args);
            let shown = parse_from(args).unwrap_err();
            assert_eq!(shown.exit_code(), 0);
            assert!(!shown.use_stderr());
        }
        let help = parse_from(["workplan", "merge", "-h"])
            .unwrap_err()
            .render()
            .to_string();
        assert!(
            help.starts_with("把一个月的各处室报送表合并成汇总表（办公室用）\n\n用法：workplan merge [选项] <文件夹>\n\n参数：\n  <文件夹>  "),
            "{help}"
        );
        assert!(help.contains("\n选项：\n"), "{help}");
        let last = help.trim_end().lines().last().unwrap_or_default();
        assert!(
            last.starts_with("  -h, --help") && last.ends_with("显示帮助"),
            "listed last: {help}"
        );
    }
}
