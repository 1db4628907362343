//! Discovery: a folder or a list of files becomes a list of candidate
//! submissions; lock, hidden, temporary and other files (neither a
//! spreadsheet nor a Word document) are listed as ignored.
//!
//! Discovery judges by name only. What a candidate really is — a workbook,
//! a Word report whose tables are read, an old `.doc` passed over — is
//! decided later by [`super::read`], from its first bytes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::period::Period;

/// The tool's own output folder under the root; never read as input.
pub const OUTPUT_FOLDER: &str = "汇总";

/// Extensions taken as spreadsheet candidates (lower case). `.csv` and `.et`
/// are candidates so that the reader can read them or tell the office to
/// re-save them as `.xlsx`, rather than have them skipped silently.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xltx", "xltm", "xls", "xlt", "xlsb", "ods", "ots", "fods", "et", "ett", "csv",
    "numbers",
];

/// Word-processing extensions taken as candidates (lower case): the tables
/// of a `.docx` are read; a `.doc` or WPS `.wps` is looked at so that it is
/// passed over with what to do (另存为 .docx). Everything that is in neither
/// list is ignored.
pub const DOCUMENT_EXTENSIONS: &[&str] =
    &["docx", "docm", "dotx", "dotm", "doc", "dot", "wps", "wpt"];

/// File names that operating systems scatter in shared folders (lower case).
const SYSTEM_FILES: &[&str] = &["thumbs.db", "desktop.ini", "ehthumbs.db"];

/// Folder names never walked into, besides hidden ones and [`OUTPUT_FOLDER`].
const SKIPPED_FOLDERS: &[&str] = &["__MACOSX"];

/// One file found under the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the root, `/` separators.
    pub file: String,
    /// `Some(Chinese reason)` when the file is not a submission
    /// (lock/hidden/temp/non-spreadsheet).
    pub ignored: Option<String>,
}

/// Folders are walked recursively (skip hidden folders and the tool's own
/// output folder `汇总`); files are taken as given. Sorted by `file`.
///
/// A path given twice is listed once. A folder that cannot be opened is
/// listed as an ignored entry with the reason, so nothing vanishes silently.
pub fn discover(inputs: &[PathBuf], root: &Path) -> Vec<Found> {
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, root, &mut found);
        } else {
            add_file(input, root, &mut found);
        }
    }
    found.into_values().collect()
}

/// Month folders directly under `root` whose name is a period (2025-03,
/// 2025年3月, 202503 …), sorted.
pub fn month_folders(root: &Path) -> Vec<(Period, PathBuf)> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut months: Vec<(Period, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name();
            let period = name.to_str()?.trim().parse::<Period>().ok()?;
            Some((period, e.path()))
        })
        .collect();
    months.sort();
    months
}

/// Walks a folder depth-first. Symlinked folders are not followed (no loops);
/// symlinked files are.
fn walk(dir: &Path, root: &Path, found: &mut BTreeMap<String, Found>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let file = relative(dir, root);
            let reason = format!(
                "文件夹无法打开（{}），其中的文件未读取：请检查文件夹权限",
                io_reason(&e)
            );
            found.insert(
                file.clone(),
                Found {
                    path: dir.to_path_buf(),
                    file,
                    ignored: Some(reason),
                },
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !skip_folder(&name) {
                walk(&path, root, found);
            }
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            add_file(&path, root, found);
        }
    }
}

fn add_file(path: &Path, root: &Path, found: &mut BTreeMap<String, Found>) {
    let file = relative(path, root);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ignored = ignore_reason(&name);
    found.entry(file.clone()).or_insert_with(|| Found {
        path: path.to_path_buf(),
        file,
        ignored,
    });
}

fn skip_folder(name: &str) -> bool {
    name.starts_with('.') || name == OUTPUT_FOLDER || SKIPPED_FOLDERS.contains(&name)
}

/// Why a file with this name is not a submission, or `None` when it is a
/// spreadsheet candidate.
fn ignore_reason(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    if name.starts_with("~$") {
        return Some(
            "Excel/WPS 的临时锁定文件（文件被打开时自动生成），不是报送文件，已跳过".into(),
        );
    }
    if name.starts_with(".~lock.") {
        return Some("LibreOffice/WPS 的临时锁定文件，不是报送文件，已跳过".into());
    }
    if name.starts_with('.') {
        return Some("隐藏文件，不是报送文件，已跳过".into());
    }
    let ext = Path::new(&lower)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    if name.starts_with('~') || ["tmp", "temp", "bak", "swp", "crdownload", "part"].contains(&ext) {
        return Some("临时文件，不是报送文件，已跳过".into());
    }
    if SYSTEM_FILES.contains(&lower.as_str()) {
        return Some("系统文件，不是报送文件，已跳过".into());
    }
    if SPREADSHEET_EXTENSIONS.contains(&ext) || DOCUMENT_EXTENSIONS.contains(&ext) {
        return None;
    }
    Some(if ext.is_empty() {
        "没有扩展名，不是电子表格或Word文件，已跳过；如是报送表格，请另存为 .xlsx".into()
    } else {
        format!("不是电子表格或Word文件（.{ext}），已跳过；如是报送表格，请另存为 .xlsx")
    })
}

/// `path` relative to `root` with `/` separators; a path outside the root is
/// shown as given.
fn relative(path: &Path, root: &Path) -> String {
    let rel = path
        .strip_prefix(root)
        .ok()
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    let joined = parts.join("/");
    if joined.is_empty() {
        path.to_string_lossy().replace('\\', "/")
    } else {
        joined
    }
}

fn io_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "不存在",
        std::io::ErrorKind::PermissionDenied => "没有访问权限",
        _ => "读取出错",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, b"x").unwrap();
    }

    #[test]
    fn walks_folders_and_classifies_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "2025-03/保护处.xlsx",
            "2025-03/~$保护处.xlsx",
            "2025-03/.~lock.保护处.xlsx#",
            "2025-03/.DS_Store",
            "2025-03/~WRL0001.tmp",
            "2025-03/说明.docx",
            "2025-03/旧报告.DOC",
            "2025-03/wps文字.wps",
            "2025-03/扫描件.pdf",
            "2025-03/README",
            "2025-03/Thumbs.db",
            "2025-03/旧格式.xls",
            "2025-03/导出.csv",
            "2025-03/wps.et",
            "2025-03/子目录/发展促进处.XLSX",
            "2025-03/.git/objects/a.xlsx",
            "2025-03/汇总/汇总.xlsx",
            "2025-03/__MACOSX/._保护处.xlsx",
        ] {
            touch(&root.join(f));
        }
        let found = discover(&[root.join("2025-03")], root);
        let files: Vec<&str> = found.iter().map(|f| f.file.as_str()).collect();
        assert!(files.windows(2).all(|w| w[0] < w[1]), "sorted: {files:?}");
        let by_name = |n: &str| found.iter().find(|f| f.file == n).unwrap();

        for ok in [
            "2025-03/保护处.xlsx",
            "2025-03/旧格式.xls",
            "2025-03/导出.csv",
            "2025-03/wps.et",
            "2025-03/子目录/发展促进处.XLSX",
            // Word documents are looked at by content: read or passed over.
            "2025-03/说明.docx",
            "2025-03/旧报告.DOC",
            "2025-03/wps文字.wps",
        ] {
            assert_eq!(by_name(ok).ignored, None, "{ok}");
        }
        let reason = |n: &str| by_name(n).ignored.clone().unwrap();
        assert!(reason("2025-03/~$保护处.xlsx").contains("锁定文件"));
        assert!(reason("2025-03/.~lock.保护处.xlsx#").contains("锁定文件"));
        assert!(reason("2025-03/.DS_Store").contains("隐藏文件"));
        assert!(reason("2025-03/~WRL0001.tmp").contains("临时文件"));
        assert!(reason("2025-03/扫描件.pdf").contains("不是电子表格或Word文件（.pdf）"));
        assert!(reason("2025-03/README").contains("没有扩展名"));
        assert!(reason("2025-03/Thumbs.db").contains("系统文件"));
        // Hidden folders, the output folder and __MACOSX are not walked.
        assert!(!files.iter().any(|f| f.contains(".git")));
        assert!(!files.iter().any(|f| f.contains("汇总")));
        assert!(!files.iter().any(|f| f.contains("__MACOSX")));
        assert_eq!(found.len(), 15);
        assert_eq!(
            by_name("2025-03/保护处.xlsx").path,
            root.join("2025-03/保护处.xlsx")
        );
    }

    #[test]
    fn files_are_taken_as_given_and_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join(".hidden/保护处.xlsx"));
        touch(&root.join("a/~$x.xlsx"));
        let inputs = vec![
            root.join(".hidden/保护处.xlsx"),
            root.join(".hidden/保护处.xlsx"),
            root.join("a/~$x.xlsx"),
        ];
        let found = discover(&inputs, root);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].file, ".hidden/保护处.xlsx");
        assert_eq!(found[0].ignored, None);
        assert!(found[1].ignored.is_some());
    }

    #[test]
    fn paths_outside_the_root_are_shown_as_given() {
        assert_eq!(
            relative(Path::new("/data/x/保护处.xlsx"), Path::new("/other")),
            "/data/x/保护处.xlsx"
        );
        assert_eq!(
            relative(Path::new("./in/a.xlsx"), Path::new(".")),
            "in/a.xlsx"
        );
        assert_eq!(relative(Path::new("a.xlsx"), Path::new("")), "a.xlsx");
    }

    #[test]
    fn month_folders_are_periods_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["2025-03", "2025年1月", "202502", "2025-13", "汇总", "其他"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        touch(&root.join("2025-04"));
        let months = month_folders(root);
        let got: Vec<(String, String)> = months
            .iter()
            .map(|(p, path)| {
                (
                    p.to_string(),
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("2025-01".to_string(), "2025年1月".to_string()),
                ("2025-02".to_string(), "202502".to_string()),
                ("2025-03".to_string(), "2025-03".to_string()),
            ]
        );
        assert!(month_folders(&root.join("missing")).is_empty());
    }
}
