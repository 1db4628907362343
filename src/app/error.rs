//! What stops a command, each said in Chinese with what to do about it.
//! Every fatal message of the commands is written here, so the tool speaks
//! with one voice; a maintainer's English cause may follow the Chinese one.

use std::path::PathBuf;

use crate::period::Period;
use crate::plan::PlanError;
use crate::text::io_reason;

/// Why a command could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The plan file is missing, unreadable or invalid.
    #[error(transparent)]
    Plan(#[from] PlanError),

    /// `merge DIR` where DIR is no folder.
    #[error(
        "`{}` 不是文件夹：请给出存放各月文件夹（如 2025-03/）的文件夹",
        .0.display()
    )]
    NotAFolder(PathBuf),

    /// `merge DIR` without `--period`, and DIR holds no month folder.
    #[error(
        "`{}` 中没有月份文件夹（如 {year}-03）：请把每月的报送文件放进以 YYYY-MM 命名的文件夹，或用 --period 指定月份",
        dir.display()
    )]
    NoMonthFolders { dir: PathBuf, year: i32 },

    /// `--period` names a month whose folder is not there.
    #[error(
        "`{}` 中没有 {period} 的文件夹（现有：{}）：请检查 --period",
        dir.display(),
        listed(found)
    )]
    NoFolderForMonth {
        dir: PathBuf,
        period: Period,
        found: Vec<Period>,
    },

    /// A month outside the plan's year.
    #[error(
        "{period} 不在计划年度 {year} 内：请用 --period {year}-MM 指定月份；如要汇总 {y} 年的月份，请先根据 {y} 年工作要点通知起草计划：workplan plan --draft 通知.docx -o {y}年工作要点.xlsx，核对后加上 --plan {y}年工作要点.xlsx",
        y = period.year
    )]
    OutsidePlanYear { period: Period, year: i32 },

    /// `check FILE` where FILE is not there.
    #[error("找不到文件 `{}`：请检查文件名和所在文件夹", .0.display())]
    FileNotFound(PathBuf),

    /// `template --from DIR` where DIR is no folder.
    #[error(
        "`{}` 不是文件夹：--from 请给出上月的报送文件夹，如 月报/2025-03",
        .0.display()
    )]
    FromNotAFolder(PathBuf),

    /// `template --from DIR` where DIR's name is no month.
    #[error(
        "无法从文件夹名 `{}` 看出月份：--from 请给出以月份命名的报送文件夹，如 月报/2025-03",
        .0.display()
    )]
    FromNotAMonth(PathBuf),

    /// `template --from DIR` of a month not before the template's.
    #[error(
        "--from 的文件夹是 {from} 的报送，不早于填报表的月份 {period}：请给出上月的文件夹，或用 --period 指定填报表的月份"
    )]
    FromNotEarlier { from: Period, period: Period },

    /// `template --department NAME` with a name the plan does not know.
    #[error("计划中没有部门 `{name}`：请从以下部门中选择：{}", known.join("、"))]
    UnknownDepartment { name: String, known: Vec<String> },

    /// `template --department NAME` for a department with nothing to report.
    #[error("{0} 在计划中不牵头任务、也不负责指标，没有需要填报的内容")]
    NothingToReport(String),

    /// An output file could not be written.
    #[error("无法写入 `{}`：{}{}", path.display(), io_reason(io), open_hint(io))]
    Write { path: PathBuf, io: std::io::Error },

    /// The folder an output file goes into could not be made.
    #[error(
        "无法写入 `{}`：无法创建所在的文件夹 `{}`：{}",
        path.display(),
        folder.display(),
        io_reason(io)
    )]
    WriteFolder {
        path: PathBuf,
        folder: PathBuf,
        io: std::io::Error,
    },

    /// An output folder could not be made.
    #[error("无法创建文件夹 `{}`：{}", path.display(), io_reason(io))]
    CreateFolder { path: PathBuf, io: std::io::Error },

    /// Standard output is closed or failing (a closed pipe is no error).
    #[error("无法写到标准输出：{}", io_reason(.0))]
    Stdout(std::io::Error),

    /// The current folder is gone or unreadable.
    #[error("无法读取当前文件夹：{}", io_reason(.0))]
    CurrentDir(std::io::Error),

    /// A plan workbook (`--plan X.xlsx`) that cannot be used: every problem,
    /// each with its sheet and cell.
    #[error("计划工作簿 `{}` 有 {} 处需要修改：\n{problems}", path.display(), problems.0.len())]
    PlanBook {
        path: PathBuf,
        problems: crate::import::plan_book::Problems,
    },

    /// A plan workbook, or a notice, that cannot be read at all.
    #[error("无法读取{what} `{}`：{reason}", path.display())]
    Unreadable {
        what: &'static str,
        path: PathBuf,
        reason: String,
    },

    /// `--circular` names a file of a kind the circular is not written as.
    #[error(
        "不能把通报稿写成 `{}`：--circular 只接受 {accepted}，请改用这两种扩展名之一",
        path.display()
    )]
    CircularFormat {
        path: PathBuf,
        accepted: &'static str,
    },

    /// A file could not be put together: a fault of the tool, not of the
    /// input; `cause` is the library's English message, for maintainers.
    #[error("无法生成{what}：程序内部错误，请把这条信息转给维护人员（{cause}）")]
    Render { what: String, cause: String },
}

impl AppError {
    /// A [`AppError::Render`] of `what` (`汇总表 `out.xlsx``) for `cause`.
    pub(crate) fn render(what: impl Into<String>, cause: impl std::fmt::Display) -> AppError {
        AppError::Render {
            what: what.into(),
            cause: cause.to_string(),
        }
    }
}

/// Periods as a list: `2025-03、2025-04`.
fn listed(periods: &[Period]) -> String {
    periods
        .iter()
        .map(Period::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

/// Windows refuses to replace a workbook that Excel or WPS holds open.
fn open_hint(io: &std::io::Error) -> &'static str {
    if io.kind() == std::io::ErrorKind::PermissionDenied {
        "；如果该文件正在 Excel/WPS 中打开，请先关闭再重试"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};
    use std::path::Path;

    use super::*;

    fn period(s: &str) -> Period {
        s.parse().unwrap()
    }

    /// Every message is Chinese, quotes its value and says what to do.
    #[test]
    fn each_message_reads_in_chinese() {
        let dir = PathBuf::from("报送");
        let cases = [
            (
                AppError::NotAFolder(dir.clone()),
                "`报送` 不是文件夹：请给出存放各月文件夹（如 2025-03/）的文件夹",
            ),
            (
                AppError::NoMonthFolders {
                    dir: dir.clone(),
                    year: 2025,
                },
                "`报送` 中没有月份文件夹（如 2025-03）：请把每月的报送文件放进以 YYYY-MM 命名的文件夹，或用 --period 指定月份",
            ),
            (
                AppError::NoFolderForMonth {
                    dir: dir.clone(),
                    period: period("2025-05"),
                    found: vec![period("2025-03"), period("2025-04")],
                },
                "`报送` 中没有 2025-05 的文件夹（现有：2025-03、2025-04）：请检查 --period",
            ),
            (
                AppError::OutsidePlanYear {
                    period: period("2024-12"),
                    year: 2025,
                },
                "2024-12 不在计划年度 2025 内：请用 --period 2025-MM 指定月份；如要汇总 2024 年的月份，请先根据 2024 年工作要点通知起草计划：workplan plan --draft 通知.docx -o 2024年工作要点.xlsx，核对后加上 --plan 2024年工作要点.xlsx",
            ),
            (
                AppError::FileNotFound(PathBuf::from("保护处.xlsx")),
                "找不到文件 `保护处.xlsx`：请检查文件名和所在文件夹",
            ),
            (
                AppError::FromNotAFolder(PathBuf::from("月报/三月.xlsx")),
                "`月报/三月.xlsx` 不是文件夹：--from 请给出上月的报送文件夹，如 月报/2025-03",
            ),
            (
                AppError::FromNotAMonth(PathBuf::from("月报/上月")),
                "无法从文件夹名 `月报/上月` 看出月份：--from 请给出以月份命名的报送文件夹，如 月报/2025-03",
            ),
            (
                AppError::FromNotEarlier {
                    from: period("2025-04"),
                    period: period("2025-04"),
                },
                "--from 的文件夹是 2025-04 的报送，不早于填报表的月份 2025-04：请给出上月的文件夹，或用 --period 指定填报表的月份",
            ),
            (
                AppError::UnknownDepartment {
                    name: "财务处".into(),
                    known: vec!["办公室".into(), "保护处".into()],
                },
                "计划中没有部门 `财务处`：请从以下部门中选择：办公室、保护处",
            ),
            (
                AppError::NothingToReport("办公室".into()),
                "办公室 在计划中不牵头任务、也不负责指标，没有需要填报的内容",
            ),
            (
                AppError::Write {
                    path: PathBuf::from("out/汇总.xlsx"),
                    io: Error::from(ErrorKind::PermissionDenied),
                },
                "无法写入 `out/汇总.xlsx`：没有权限；如果该文件正在 Excel/WPS 中打开，请先关闭再重试",
            ),
            (
                AppError::Write {
                    path: PathBuf::from("a/b.xlsx"),
                    io: Error::from(ErrorKind::NotADirectory),
                },
                "无法写入 `a/b.xlsx`：路径中有一段是文件，不是文件夹",
            ),
            (
                AppError::WriteFolder {
                    path: PathBuf::from("占位/汇总.xlsx"),
                    folder: PathBuf::from("占位"),
                    io: Error::from(ErrorKind::AlreadyExists),
                },
                "无法写入 `占位/汇总.xlsx`：无法创建所在的文件夹 `占位`：已有同名的文件",
            ),
            (
                AppError::CreateFolder {
                    path: PathBuf::from("模板"),
                    io: Error::from(ErrorKind::StorageFull),
                },
                "无法创建文件夹 `模板`：磁盘已满",
            ),
            (
                AppError::render("汇总表 `out.xlsx`", "Sheet name too long"),
                "无法生成汇总表 `out.xlsx`：程序内部错误，请把这条信息转给维护人员（Sheet name too long）",
            ),
        ];
        for (err, says) in cases {
            assert_eq!(err.to_string(), says);
        }
    }

    #[test]
    fn a_plan_error_speaks_for_itself() {
        let plan = crate::plan::load_file(Path::new("/nonexistent/计划.toml")).unwrap_err();
        let said = plan.to_string();
        assert_eq!(AppError::from(plan).to_string(), said);
        assert!(said.starts_with("无法读取计划文件"), "{said}");
    }
}
