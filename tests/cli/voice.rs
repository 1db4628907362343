//! One voice for the person at the keyboard: every help page and every
//! message of a run that cannot go ahead — clap's usage errors and the
//! tool's own — is Chinese, with the right exit code, and holds no English
//! word beyond the names of commands, flags and formats.

use std::path::Path;

use crate::util::{code, run, stderr, stdout, tempdir};

/// ASCII words a Chinese message may hold: the program and its commands
/// (flags are taken out before the words are counted), the forms a value is
/// written in, and the programs and formats the user knows by name.
const NAMES: &[&str] = &[
    "workplan", "merge", "status", "check", "template", "plan", "help", "YYYY", "MM", "DD", "xlsx",
    "txt", "toml", "TOML", "JSON", "UTF", "Excel", "WPS", "Word", "docx", "xls", "ods", "GB", "T",
];

/// The English words in `text`: ASCII words that are not among [`NAMES`],
/// once flags and what the user gave are taken out: `given` paths wherever
/// they stand, other `given` words where a message quotes them (`` `merg` ``).
fn english(text: &str, given: &[String]) -> Vec<String> {
    let mut text = text.to_string();
    // Longest first, so a path goes before the folder it lies in.
    let mut given: Vec<&String> = given.iter().collect();
    given.sort_by_key(|g| std::cmp::Reverse(g.len()));
    for g in given {
        let quoted = if g.contains('/') {
            g.to_string()
        } else {
            format!("`{g}`")
        };
        text = text.replace(&quoted, " ");
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty() && !w.starts_with('-'))
        .flat_map(|w| w.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .into_iter()
        .filter(|w| !NAMES.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_english_finder_finds_english() {
    let given = ["/tmp/x/plan.toml".to_string(), "merg".to_string()];
    assert!(english("错误：无法读取计划文件 `/tmp/x/plan.toml`", &given).is_empty());
    assert!(english("没有 `merg` 这个命令", &given).is_empty());
    assert_eq!(
        english("merg is no command", &given),
        ["merg", "is", "no", "command"]
    );
    assert!(
        english(
            "用法：workplan merge [选项] <文件夹>  --period <YYYY-MM>",
            &[]
        )
        .is_empty()
    );
    assert_eq!(
        english("error: unexpected argument", &[]),
        ["error", "unexpected", "argument"]
    );
    assert_eq!(
        english("（Not a directory (os error 20)）", &[]),
        ["Not", "a", "directory", "os", "error"]
    );
    assert_eq!(english("Usage: workplan", &[]), ["Usage"]);
}

/// Where a case's text is printed and with which exit code.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shown {
    /// A help page or the version: stdout, exit 0.
    Page,
    /// The tool could not run: `错误：…` on stderr, exit 2.
    Error,
    /// `workplan` alone: the help page on stderr, exit 2.
    PageOnStderr,
}

/// The folders and files the cases run on.
struct Setup {
    _dir: tempfile::TempDir,
    root: String,
    /// A folder with the month folder 2025-04/ only.
    months: String,
    /// A folder with no month folder.
    empty: String,
    /// A plan file whose task 2 is led by a department it does not have.
    bad_plan: String,
    /// Its line of the mistake.
    bad_line: usize,
    /// A file standing where a folder is needed.
    blocker: String,
}

fn setup() -> Setup {
    let dir = tempdir();
    let path = |name: &str| dir.path().join(name).to_str().expect("UTF-8").to_string();
    std::fs::create_dir_all(dir.path().join("月报/2025-04")).unwrap();
    std::fs::create_dir_all(dir.path().join("空")).unwrap();
    std::fs::write(dir.path().join("占位"), "x").unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/plan-2025.toml"),
    )
    .unwrap();
    let lead = "leads = [\"办公室\"]";
    let at = plan.find(lead).unwrap();
    let bad_line = plan[..at].lines().count() + 1;
    let bad = format!(
        "{}leads = [\"财务处\"]{}",
        &plan[..at],
        &plan[at + lead.len()..]
    );
    std::fs::write(dir.path().join("bad.toml"), bad).unwrap();
    Setup {
        root: dir.path().to_str().expect("UTF-8").to_string(),
        months: path("月报"),
        empty: path("空"),
        bad_plan: path("bad.toml"),
        bad_line,
        blocker: path("占位"),
        _dir: dir,
    }
}

#[test]
fn every_page_and_fatal_message_is_chinese() {
    let s = setup();
    let root = s.root.as_str();
    let (months, empty, bad_plan, blocker) = (
        s.months.as_str(),
        s.empty.as_str(),
        s.bad_plan.as_str(),
        s.blocker.as_str(),
    );
    let blocked = format!("{blocker}/汇总.xlsx");
    let blocked = blocked.as_str();
    let blocked_why = format!("：无法创建所在的文件夹 `{blocker}`：已有同名的文件");
    let nested = format!("{blocker}/下级/汇总.xlsx");
    let nested = nested.as_str();
    let missing_plan = format!("{root}/没有这个计划.toml");
    let missing_plan = missing_plan.as_str();
    let missing_file = format!("{root}/保护处.xlsx");
    let missing_file = missing_file.as_str();
    let bad_at = format!(
        "计划文件 `{bad_plan}` 第{}行：任务 2 的牵头部门 `财务处` 不是计划中的部门",
        s.bad_line
    );
    let version = format!("workplan {}", env!("CARGO_PKG_VERSION"));
    use Shown::*;
    let cases: Vec<(Vec<&str>, Shown, &str)> = vec![
        // Help pages and the version.
        (
            vec!["--help"],
            Page,
            "用法：workplan [选项] <命令>\n\n命令：\n",
        ),
        (vec!["-h"], Page, "选项：\n  -h, --help"),
        (vec!["help"], Page, "显示帮助，或某个命令的帮助"),
        (
            vec!["merge", "--help"],
            Page,
            "用法：workplan merge [选项] <文件夹>\n\n参数：\n",
        ),
        (
            vec!["check", "-h"],
            Page,
            "用法：workplan check [选项] <文件>...\n\n参数：\n",
        ),
        (
            vec!["template", "--help"],
            Page,
            "用法：workplan template -o <文件夹> [选项]\n\n选项：\n",
        ),
        (
            vec!["status", "--help"],
            Page,
            "用法：workplan status [选项] <文件夹>\n\n参数：\n",
        ),
        (
            vec!["plan", "--help"],
            Page,
            "同时把计划写成任务分解表工作簿",
        ),
        (
            vec!["help", "merge"],
            Page,
            "有“错误”级问题时以退出码 1 结束",
        ),
        (vec!["--version"], Page, version.as_str()),
        (vec!["-V"], Page, version.as_str()),
        (vec![], PageOnStderr, "用法：workplan [选项] <命令>"),
        // clap's usage errors.
        (
            vec!["merg"],
            Error,
            "没有 `merg` 这个命令：可用的命令有 merge、status、check、template、plan；是不是想用 `merge`？",
        ),
        (
            vec!["plan", "--bogus"],
            Error,
            "无法识别的参数 `--bogus`\n\n用法：workplan plan [选项]\n\n运行 `workplan plan --help` 查看说明",
        ),
        (vec!["plan", "extra"], Error, "无法识别的参数 `extra`"),
        (vec!["merge"], Error, "缺少必需的参数：<文件夹>"),
        (vec!["check"], Error, "缺少必需的参数：<文件>..."),
        (vec!["template"], Error, "缺少必需的参数：--output <文件夹>"),
        (
            vec!["merge", root, "--period", "2025-13"],
            Error,
            "`--period <YYYY-MM>` 的取值有误：`2025-13` 不是有效的月份：请写成 YYYY-MM，例如 2025-03",
        ),
        (
            vec!["template", "-o", root, "--period", "三月"],
            Error,
            "`三月` 不是有效的月份",
        ),
        (
            vec!["template", "-o", root, "--period"],
            Error,
            "`--period <YYYY-MM>` 后面缺少取值",
        ),
        (
            vec!["plan", "--json", "--json"],
            Error,
            "`--json` 只能给一次",
        ),
        // The plan file.
        (
            vec!["plan", "--plan", missing_plan],
            Error,
            "无法读取计划文件 `",
        ),
        (
            vec!["plan", "--plan", missing_plan],
            Error,
            "`：找不到该文件或文件夹",
        ),
        (
            vec!["merge", root, "--plan", bad_plan],
            Error,
            bad_at.as_str(),
        ),
        // The tool's own.
        (vec!["plan", "-o", blocked], Error, "无法写入 `"),
        (vec!["plan", "-o", blocked], Error, blocked_why.as_str()),
        (
            vec!["plan", "-o", nested],
            Error,
            "：路径中有一段是文件，不是文件夹",
        ),
        (
            vec!["template", "--period", "2025-03", "-o", blocker],
            Error,
            "无法创建文件夹 `",
        ),
        (
            vec!["merge", root, "--period", "2024-12"],
            Error,
            "2024-12 不在计划年度 2025 内：请用 --period 2025-MM 指定月份",
        ),
        (
            vec!["template", "--period", "2026-01", "-o", root],
            Error,
            "2026-01 不在计划年度 2025 内",
        ),
        (vec!["check", missing_file], Error, "找不到文件 `"),
        (
            vec!["merge", missing_file],
            Error,
            "不是文件夹：请给出存放各月文件夹",
        ),
        (
            vec!["merge", empty],
            Error,
            "中没有月份文件夹（如 2025-03）",
        ),
        (
            vec!["merge", months, "--period", "2025-05"],
            Error,
            "中没有 2025-05 的文件夹（现有：2025-04）",
        ),
        (
            vec![
                "template",
                "--period",
                "2025-03",
                "--department",
                "财务处",
                "-o",
                root,
            ],
            Error,
            "计划中没有部门 `财务处`：请从以下部门中选择：办公室、",
        ),
    ];
    let mut wrong = Vec::new();
    for (args, shown, says) in &cases {
        let out = run(args);
        let (text, other) = match shown {
            Page => (stdout(&out), stderr(&out)),
            Error | PageOnStderr => (stderr(&out), stdout(&out)),
        };
        let expected_code = if *shown == Page { 0 } else { 2 };
        // The arguments, and the folder every path lies in.
        let given: Vec<String> = args.iter().chain([&root]).map(|a| a.to_string()).collect();
        let english = english(&text, &given);
        let problems = [
            (code(&out) != expected_code).then(|| format!("exit code {}", code(&out))),
            (!text.contains(says)).then(|| format!("does not say {says:?}")),
            (*shown == Error && !text.starts_with("错误："))
                .then(|| "does not start with 错误：".to_string()),
            (!english.is_empty()).then(|| format!("English words {english:?}")),
            (!other.is_empty()).then(|| format!("the other stream holds {other:?}")),
        ];
        for problem in problems.into_iter().flatten() {
            wrong.push(format!("{args:?}: {problem}\n{text}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn a_broken_line_of_toml_is_said_in_chinese() {
    let dir = tempdir();
    let plan = dir.path().join("plan.toml");
    let plan_arg = plan.to_str().unwrap().to_string();
    let cases = [
        ("name = \"p\"\nyear = 2025\n[[tasks]\n", 3, "方括号没有闭合"),
        ("name = \"p\nyear = 2025\n", 1, "引号没有闭合"),
        (
            "name = \"p\"\nyear = 2025\ntasks = 3\n",
            3,
            "类型不对：这里写的是整数 `3`，应为方括号括起的列表",
        ),
        (
            "name = \"p\"\nyaer = 2025\n",
            2,
            "没有 `yaer` 这一项：请检查拼写",
        ),
    ];
    for (text, line, says) in cases {
        std::fs::write(&plan, text).unwrap();
        let out = run(&["plan", "--plan", &plan_arg]);
        assert_eq!(code(&out), 2);
        let err = stderr(&out);
        let prefix = format!("错误：计划文件 `{plan_arg}` 第{line}行：");
        assert!(err.starts_with(&prefix), "{text:?}: {err}");
        assert!(err.contains(says), "{text:?}: {err}");
        // The plan file's keys are its format: quoted, they may stand.
        let unquoted: String = err.split('`').step_by(2).collect();
        let english = english(&unquoted, &[]);
        assert!(english.is_empty(), "{text:?}: {english:?} in {err}");
    }
}
