//! The layout keeps its promise: each stage module uses only the modules
//! before it (src/lib.rs draws the order), and each big crate lives in one
//! module. Read from the source, so a new `use` that breaks the order fails
//! here, with the file and the line.

use std::path::{Path, PathBuf};

/// The modules in order; a module may use those of a lower rank (and its own).
/// Equal ranks may not use each other.
const RANKS: &[(&str, u32)] = &[
    ("text", 0),
    ("period", 1),
    ("flag", 1),
    ("plan", 2),
    ("import", 3),
    ("measure", 4),
    ("check", 5),
    ("summarise", 6),
    ("report", 7),
    ("pipeline", 8),
    ("cli", 8),
    ("app", 9),
];

/// Crates that one module owns.
const OWNERS: &[(&str, &str)] = &[
    ("calamine", "import"),
    ("polars", "measure"),
    ("rust_xlsxwriter", "report"),
    ("clap", "cli"),
    ("docx_rs", "report"),
];

fn rank(module: &str) -> Option<u32> {
    RANKS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to: `src/check/mod.rs` → `check`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// Whether a line is test code: everything after `#[cfg(test)]` in a file
/// is (tests sit at the end), and files named tests.rs or fixture.rs.
fn is_test_file(file: &Path) -> bool {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(name, "tests.rs" | "fixture.rs" | "sample.rs")
}

#[test]
fn no_stage_uses_a_later_one_and_each_big_crate_has_one_home() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(own) = rank(&module) else {
            continue; // lib.rs, main.rs
        };
        if is_test_file(file) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let used: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some(r) = rank(&used)
                    && used != module
                    && r >= own
                {
                    broken.push(format!(
                        "{}:{}: `{module}` uses `{used}`, which comes after it or beside it",
                        file.display(),
                        n + 1
                    ));
                }
            }
            for (krate, home) in OWNERS {
                let uses = line.contains(&format!("{krate}::"))
                    && !line.contains(&format!("crate::{krate}"));
                if uses && module != *home {
                    broken.push(format!(
                        "{}:{}: `{krate}` used outside `{home}`",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
