//! Integration tests for what goes back to the departments: the workbooks
//! `merge --feedback` returns for correction (read back with calamine, their
//! notes and fills from the xlsx's XML), fixed cell by cell and self-checked
//! clean; and next month's templates carried forward with `template --from`,
//! filled in, checked, and merged against the month they came from.
//!
//! A department fixes a returned workbook in Excel or WPS; here the fix is
//! written into the sheet's XML (each fixed cell replaced by an inline
//! string), which is what those programs save, less their styling.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use workplan::import::vocab::{MEDIATION_COLUMNS, TASK_COLUMNS};

use crate::merge::{
    F_CUM, FIGURES, MEDIATION, Month, T_ACTUAL, T_PROGRESS, T_STATUS, T_TEXT, TASKS, merge_into,
    owned, path_str, sheet, text,
};
use crate::util::{plan, read_json, rows, run, stderr, stdout, tempdir};

// ------------------------------------------------------------ reading the xlsx

/// The text of a part of an xlsx, if it has one.
fn part(xlsx: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(xlsx).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    Some(text)
}

/// The sheet names, in order (`xl/worksheets/sheetN.xml` is the N-th).
fn sheet_names(xlsx: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(xlsx).expect("the workbook opens");
    book.sheet_names()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in an element's text (`<c r="D5" s="3"`).
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let at = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = &element[at..];
    Some(&rest[..rest.find('"')?])
}

/// Every note (批注) of the workbook: `(sheet, cell) → text`. Notes live in
/// `xl/commentsN.xml`, tied to their sheet by the sheet's relationships.
fn notes(xlsx: &Path) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for (i, name) in sheet_names(xlsx).into_iter().enumerate() {
        let Some(rels) = part(
            xlsx,
            &format!("xl/worksheets/_rels/sheet{}.xml.rels", i + 1),
        ) else {
            continue;
        };
        let Some(target) = rels
            .split("Target=\"")
            .skip(1)
            .filter_map(|t| t.split('"').next())
            .find(|t| t.contains("comments"))
        else {
            continue;
        };
        let comments = part(xlsx, &format!("xl/{}", target.trim_start_matches("../")))
            .expect("the comments part");
        for c in comments.split("<comment ").skip(1) {
            let cell = attr(&format!(" {c}"), "ref").expect("a ref").to_string();
            let body = &c[..c.find("</comment>").expect("a closed comment")];
            let mut text = String::new();
            // `<t>` and `<t xml:space="preserve">`, not `<text>`.
            for t in body
                .split("<t")
                .skip(1)
                .filter(|t| t.starts_with(['>', ' ']))
            {
                let t = &t[t.find('>').expect("a text element") + 1..];
                text.push_str(&unescape(&t[..t.find("</t>").expect("a closed text")]));
            }
            out.insert((name.clone(), cell), text);
        }
    }
    out
}

/// The fill colour (`RRGGBB`) of each cell of sheet `index` (0-based) that has one.
fn fills(xlsx: &Path, index: usize) -> BTreeMap<String, String> {
    let styles = part(xlsx, "xl/styles.xml").expect("styles");
    let section = |tag: &str| -> String {
        let start = styles.find(&format!("<{tag}")).expect("a section");
        let end = styles.find(&format!("</{tag}>")).expect("a closed section");
        styles[start..end].to_string()
    };
    let fill_rgb: Vec<Option<String>> = section("fills")
        .split("<fill>")
        .skip(1)
        .map(|f| {
            f.find("<fgColor rgb=\"")
                .map(|at| f[at + 16..at + 22].to_string())
        })
        .collect();
    let xf_fill: Vec<usize> = section("cellXfs")
        .split("<xf ")
        .skip(1)
        .map(|x| {
            attr(&format!(" {x}"), "fillId")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    let sheet = part(xlsx, &format!("xl/worksheets/sheet{}.xml", index + 1)).expect("the sheet");
    let mut out = BTreeMap::new();
    for c in sheet.split("<c ").skip(1) {
        let head = &c[..c.find('>').unwrap_or(c.len())];
        let head = format!(" {head}");
        let (Some(cell), Some(s)) = (attr(&head, "r"), attr(&head, "s")) else {
            continue;
        };
        let rgb = s
            .parse::<usize>()
            .ok()
            .and_then(|s| xf_fill.get(s))
            .and_then(|f| fill_rgb.get(*f).cloned().flatten());
        if let Some(rgb) = rgb {
            out.insert(cell.to_string(), rgb);
        }
    }
    out
}

// ------------------------------------------------------------ fixing cells

/// What a clerk types into a cell.
enum Typed {
    Text(String),
    Number(f64),
}

/// Text typed into a cell.
fn typed(s: &str) -> Typed {
    Typed::Text(s.to_string())
}

/// Copies `xlsx` to `out` with the given cells of sheet `index` (0-based)
/// replaced, keeping each cell's style: text as an inline string, numbers
/// as numbers.
fn fix(xlsx: &Path, out: &Path, edits: &[(usize, String, Typed)]) {
    let bytes = std::fs::read(xlsx).expect("the workbook");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("entry bytes");
        for (index, cell, typed) in edits {
            if name != format!("xl/worksheets/sheet{}.xml", index + 1) {
                continue;
            }
            let xml = String::from_utf8(data).expect("UTF-8 XML");
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("no cell {cell} in {name}"));
            let open_end = start + xml[start..].find('>').expect("an element");
            let end = if xml[..open_end].ends_with('/') {
                open_end + 1
            } else {
                open_end + xml[open_end..].find("</c>").expect("a closed cell") + 4
            };
            let head = format!(" {}", &xml[start + 2..open_end]);
            let style = attr(&head, "s")
                .map(|s| format!(" s=\"{s}\""))
                .unwrap_or_default();
            let new = match typed {
                Typed::Text(t) => {
                    format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{t}</t></is></c>")
                }
                Typed::Number(n) => format!("<c r=\"{cell}\"{style}><v>{n}</v></c>"),
            };
            data = format!("{}{new}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("an entry");
        zip.write_all(&data).expect("entry bytes");
    }
    let bytes = zip.finish().expect("a zip").into_inner();
    std::fs::write(out, bytes).expect("the fixed workbook");
}

/// The column letter of the header `name` in row 3 of a template sheet.
fn column_of(xlsx: &Path, sheet_name: &str, name: &str) -> String {
    let range = sheet(xlsx, sheet_name);
    let col = (0..40)
        .find(|&c| text(&range, 2, c) == name)
        .unwrap_or_else(|| panic!("no column {name} in {sheet_name}"));
    workplan::import::column_letter(col)
}

/// The Excel row of `id` in column A below the header of a template sheet.
fn row_of(xlsx: &Path, sheet_name: &str, id: &str) -> u32 {
    let range = sheet(xlsx, sheet_name);
    (3..200)
        .find(|&r| text(&range, r, 0) == id)
        .unwrap_or_else(|| panic!("no row {id} in {sheet_name}"))
        + 1
}

fn header_name(columns: &[workplan::import::vocab::Column], i: usize) -> &'static str {
    columns[i].name
}

// ------------------------------------------------------------ returned workbooks

/// March, every department on track, then 保护处's workbook spoiled with one
/// problem of each kind a cell can carry, a row the importer rejects, and a
/// mediation ledger with an unreadable date; 发展促进处 sends nothing.
fn spoiled_march() -> Month {
    let mut m = Month::clean(3);
    m.task_mut("保护处", 9)[T_STATUS] = owned("看情况");
    m.task_mut("保护处", 11)[T_PROGRESS] = owned("150");
    let t12 = m.task_mut("保护处", 12);
    t12[T_STATUS] = owned("已完成");
    t12[T_PROGRESS] = owned("60");
    t12[T_ACTUAL] = owned("2025-03-20");
    m.task_mut("保护处", 13)[T_TEXT] = String::new();
    m.remove_task("保护处", 14);
    m.push(
        "保护处",
        TASKS,
        vec![
            owned("99"),
            owned("不存在的任务"),
            owned("保护处"),
            owned("推进中"),
            owned("10"),
            owned("本行任务编号有误"),
        ],
    );
    m.figure_mut("保护处", "I4")[F_CUM] = owned("很多");
    m.remove_figure("保护处", "12.1");
    let mut ledger = rows(&[["案件编号", "受理日期", "纠纷类型", "调解结果", "结案日期"]]);
    for (key, date) in [
        ("（2025）浦知调字第0301号", "2025-03-03"),
        ("（2025）浦知调字第0302号", "2025-03-05"),
        ("（2025）浦知调字第0303号", "三月某日"),
    ] {
        ledger.push(vec![
            owned(key),
            owned(date),
            owned("专利侵权纠纷"),
            owned("调解成功"),
            owned("2025-03-28"),
        ]);
    }
    m.add_sheet("保护处", MEDIATION, ledger);
    m.books.remove("发展促进处");
    m
}

#[test]
fn returned_workbooks_mark_each_problem_and_check_clean_once_fixed() {
    let root = tempdir();
    let input = root.path().join("月报");
    spoiled_march().write(&input);
    let back = root.path().join("反馈单");
    let merged = merge_into(
        &root.path().join("汇总"),
        &[
            path_str(&input),
            "--period",
            "2025-03",
            "--feedback",
            path_str(&back),
        ],
    );
    assert!(
        merged
            .stdout
            .contains(&format!("反馈单：{}（", back.display())),
        "{}",
        merged.stdout
    );

    // One per department that must report, whether it sent anything or not.
    let mut written: Vec<String> = std::fs::read_dir(&back)
        .expect("the feedback folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    let mut expected: Vec<String> = plan()
        .departments
        .iter()
        .filter(|d| plan().must_report(&d.name))
        .map(|d| format!("2025年3月_{}_反馈单.xlsx", d.name))
        .collect();
    expected.sort();
    assert_eq!(written, expected);

    let book = back.join("2025年3月_保护处_反馈单.xlsx");
    assert_eq!(
        sheet_names(&book),
        ["反馈说明", "填报说明", TASKS, FIGURES, MEDIATION]
    );

    // Every flagged cell carries a note with the flag's message…
    let task_col = |i| column_of(&book, TASKS, header_name(TASK_COLUMNS, i));
    let task_cell = |i, id: &str| format!("{}{}", task_col(i), row_of(&book, TASKS, id));
    let (status, progress, text_col) = (3, 4, 5);
    let figure_cell = |id: &str| {
        format!(
            "{}{}",
            column_of(&book, FIGURES, "累计值"),
            row_of(&book, FIGURES, id)
        )
    };
    let ledger_date = format!(
        "{}6",
        column_of(&book, MEDIATION, header_name(MEDIATION_COLUMNS, 1))
    );
    let want: Vec<((&str, String), &str)> = vec![
        ((TASKS, task_cell(status, "9")), "“看情况”无法识别"),
        ((TASKS, task_cell(progress, "11")), "“150”超出0–100的范围"),
        (
            (TASKS, task_cell(status, "12")),
            "完成状态为已完成，但完成进度为60%",
        ),
        ((TASKS, task_cell(text_col, "13")), "未填写本月进展"),
        ((TASKS, task_cell(status, "14")), "未报送第14项任务"),
        ((FIGURES, figure_cell("I4")), "“很多”无法识别"),
        ((FIGURES, figure_cell("12.1")), "未报送数值"),
        ((MEDIATION, ledger_date.clone()), "“三月某日”无法识别"),
    ];
    let marked = notes(&book);
    let got: Vec<(String, String)> = marked.keys().cloned().collect();
    let mut wanted: Vec<(String, String)> = want
        .iter()
        .map(|((s, c), _)| (s.to_string(), c.clone()))
        .collect();
    wanted.sort();
    assert_eq!(got, wanted, "{marked:#?}");
    for ((s, c), fragment) in &want {
        let note = &marked[&(s.to_string(), c.clone())];
        assert!(note.contains(fragment), "{s} {c}: {note}");
    }
    // I4's cell carries both its flags, the error first.
    let i4 = &marked[&(FIGURES.to_string(), figure_cell("I4"))];
    assert!(
        i4.starts_with("【错误】") && i4.contains("【警告】"),
        "{i4}"
    );

    // …and is filled with its colour: red for an error, yellow for a warning.
    let task_fills = fills(&book, 2);
    assert_eq!(task_fills[&task_cell(status, "14")], "F8CBAD");
    assert_eq!(task_fills[&task_cell(status, "9")], "FFE699");
    assert_eq!(
        task_fills[&task_cell(status, "10")],
        "FFFFF0",
        "an input left alone"
    );
    assert_eq!(fills(&book, 3)[&figure_cell("I4")], "F8CBAD");
    assert_eq!(fills(&book, 4)[&ledger_date], "FFE699");

    // What was sent is filled in: the texts, the statuses, the ledger rows.
    let tasks = sheet(&book, TASKS);
    let r10 = row_of(&book, TASKS, "10") - 1;
    assert_eq!(text(&tasks, r10, 3), "推进中");
    assert_eq!(text(&tasks, r10, 4), "25");
    assert!(
        text(&tasks, r10, 5).starts_with("任务10第3月"),
        "{:?}",
        text(&tasks, r10, 5)
    );
    assert_eq!(
        text(&tasks, row_of(&book, TASKS, "9") - 1, 3),
        "",
        "unreadable: left to fill"
    );
    let ledger = sheet(&book, MEDIATION);
    assert_eq!(text(&ledger, 3, 0), "（2025）浦知调字第0301号");
    assert_eq!(text(&ledger, 3, 1), "2025-03-03");
    assert_eq!(text(&ledger, 5, 1), "三月某日", "as received");

    // The first sheet: the problems, errors first; the rejected row with
    // its values; the lights.
    let first = sheet(&book, "反馈说明");
    let all: Vec<String> = first
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    let at = |s: &str| {
        all.iter()
            .position(|c| c.contains(s))
            .unwrap_or_else(|| panic!("{s} not on 反馈说明: {all:?}"))
    };
    assert!(at("缺报任务") < at("数值无法识别"), "errors first");
    assert!(all.iter().any(|c| c.contains("任务编号：99")));
    assert!(all.iter().any(|c| c.contains("不在工作要点中")));
    assert!(at("督办灯") > at("未采纳的行"));
    assert!(all.iter().any(|c| c == "红灯"));

    // The department that sent nothing is told so, over its blank workbook.
    let missing = back.join("2025年3月_发展促进处_反馈单.xlsx");
    let first = sheet(&missing, "反馈说明");
    assert!(text(&first, 1, 0).starts_with("截至汇总时，未收到发展促进处2025年3月的推进情况表"));
    assert!(notes(&missing).is_empty());

    // Fixed exactly where marked, the workbook checks clean.
    let fixed = root.path().join("2025年3月_保护处_反馈单（已修改）.xlsx");
    let edits = vec![
        (2, task_cell(status, "9"), typed("推进中")),
        (2, task_cell(progress, "11"), Typed::Number(30.0)),
        (2, task_cell(status, "12"), typed("推进中")),
        (
            2,
            task_cell(text_col, "13"),
            typed("召开纠纷多元化解工作推进会"),
        ),
        (2, task_cell(status, "14"), typed("推进中")),
        (2, task_cell(progress, "14"), Typed::Number(20.0)),
        (2, task_cell(text_col, "14"), typed("更新海外维权服务指引")),
        (3, figure_cell("I4"), Typed::Number(750.0)),
        (3, figure_cell("12.1"), Typed::Number(1.0)),
        (4, ledger_date, typed("2025-03-25")),
    ];
    fix(&book, &fixed, &edits);
    let json = root.path().join("自查.json");
    let o = run(&[
        "check",
        path_str(&fixed),
        "--period",
        "2025-03",
        "--json",
        path_str(&json),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let report = read_json(&json);
    let left: Vec<String> = report["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .map(|f| format!("{} {}: {}", f["code"], f["sheet"], f["message"]))
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    // Only the template's sheets were read as tables.
    let sheets: Vec<&str> = report["inputs"][0]["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .filter(|s| s["kind"] != "other")
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(sheets, [TASKS, FIGURES, MEDIATION]);
}

// ------------------------------------------------------------ carried forward

/// `template --from` a month's folder: last month's state pre-filled, its
/// texts beside for reference; filled in it checks clean, and a copied
/// 上月进展 is STALE_PROGRESS against that month.
#[test]
fn templates_carried_forward_from_last_month() {
    let root = tempdir();
    let months = root.path().join("月报");
    let mut march = Month::clean(3);
    march.task_mut("保护处", 12)[T_STATUS] = owned("已完成");
    march.task_mut("保护处", 12)[T_PROGRESS] = owned("100");
    march.task_mut("保护处", 12)[T_ACTUAL] = owned("2025-03-20");
    march.write(&months);
    let out = root.path().join("填报表");
    let o = run(&[
        "template",
        "--period",
        "2025-04",
        "--department",
        "保护处",
        "--from",
        path_str(&months.join("2025-03")),
        "-o",
        path_str(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("（已带入2025年3月报送的内容）"),
        "{}",
        stdout(&o)
    );
    let book = out.join("2025年4月_保护处_工作要点推进情况表.xlsx");

    let tasks = sheet(&book, TASKS);
    let header: Vec<String> = (0..13).map(|c| text(&tasks, 2, c)).collect();
    let mut want: Vec<&str> = TASK_COLUMNS.iter().map(|c| c.name).collect();
    want.extend(["上月进展", "上月问题"]);
    assert_eq!(header, want);
    let col = |name: &str| header.iter().position(|h| h == name).expect("a column") as u32;
    let r9 = row_of(&book, TASKS, "9") - 1;
    let sent_march = march.sheet("保护处", TASKS)[march.index_of("保护处", TASKS, "9")].clone();
    assert_eq!(text(&tasks, r9, col("完成状态")), "推进中");
    assert_eq!(text(&tasks, r9, col("完成进度(%)")), sent_march[T_PROGRESS]);
    assert_eq!(text(&tasks, r9, col("计划完成时间")), "2025-12-31");
    assert_eq!(text(&tasks, r9, col("本月进展")), "", "to be written anew");
    assert_eq!(text(&tasks, r9, col("上月进展")), sent_march[T_TEXT]);
    let r12 = row_of(&book, TASKS, "12") - 1;
    assert_eq!(text(&tasks, r12, col("完成状态")), "已完成");
    assert_eq!(text(&tasks, r12, col("实际完成时间")), "2025-03-20");
    // The reference columns are grey and locked; the inputs are not.
    let grey = fills(&book, 1);
    let cell = |c: u32, r: u32| format!("{}{}", workplan::import::column_letter(c), r + 1);
    assert_eq!(grey[&cell(col("上月进展"), r9)], "E7E6E6");
    assert_eq!(grey[&cell(col("本月进展"), r9)], "FFFFF0");
    let guide = sheet(&book, "填报说明");
    assert!(
        guide
            .rows()
            .flat_map(|r| r.iter().map(|c| c.to_string()))
            .any(|c| c.contains("本表已按2025年3月报送的内容预填")),
        "the guide says what was carried"
    );

    // Filled in — this month's texts and figures — it checks clean…
    let tasks_led: Vec<u32> = plan().tasks_led_by("保护处").map(|t| t.id).collect();
    let text_col = col("本月进展");
    let mut edits: Vec<(usize, String, Typed)> = tasks_led
        .iter()
        .map(|id| {
            let r = row_of(&book, TASKS, &id.to_string());
            (
                1,
                format!("{}{r}", workplan::import::column_letter(text_col)),
                typed("四月新的进展：完成阶段工作"),
            )
        })
        .collect();
    let value = column_of(&book, FIGURES, "累计值");
    for (id, v) in [("I4", 1000.0), ("12.1", 1.0)] {
        edits.push((
            2,
            format!("{value}{}", row_of(&book, FIGURES, id)),
            Typed::Number(v),
        ));
    }
    let april = months.join("2025-04");
    std::fs::create_dir_all(&april).expect("April's folder");
    let filled = april.join("保护处-2025年4月.xlsx");
    fix(&book, &filled, &edits);
    let o = run(&["check", path_str(&filled), "--period", "2025-04"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("进展未更新"), "{}", stdout(&o));

    // …and with last month's text copied into 本月进展, the merge against
    // March says the progress was not updated, for that task only.
    let r9_excel = row_of(&book, TASKS, "9");
    edits[tasks_led.iter().position(|t| *t == 9).expect("task 9")] = (
        1,
        format!("{}{r9_excel}", workplan::import::column_letter(text_col)),
        typed(&sent_march[T_TEXT]),
    );
    fix(&book, &filled, &edits);
    let merged = merge_into(
        &root.path().join("汇总"),
        &[path_str(&months), "--period", "2025-04"],
    );
    let stale: Vec<(String, u64)> = merged.json["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter(|f| f["code"] == "STALE_PROGRESS")
        .map(|f| {
            (
                f["department"].as_str().unwrap_or_default().to_string(),
                f["task"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(stale, [("保护处".to_string(), 9)]);
}

#[test]
fn from_must_name_an_earlier_month_folder() {
    let root = tempdir();
    let out = root.path().join("填报表");
    let not_a_month = root.path().join("上月");
    std::fs::create_dir_all(&not_a_month).expect("a folder");
    let april = root.path().join("2025-04");
    std::fs::create_dir_all(&april).expect("a folder");
    for (from, says) in [
        (root.path().join("没有.xlsx"), "不是文件夹"),
        (not_a_month, "看出月份"),
        (april, "不早于填报表的月份 2025-04"),
    ] {
        let o = run(&[
            "template",
            "--period",
            "2025-04",
            "--from",
            path_str(&from),
            "-o",
            path_str(&out),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
        assert!(stderr(&o).starts_with("错误："), "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
}

// ------------------------------------------------------------ another program's month

/// March as another program saved it: 保护处's template filled by openpyxl
/// (`tests/fixtures/filled/`), nobody else's yet. The month goes round the
/// loop — 催报 before the deadline, the returned workbook after the merge,
/// April's template carried forward — and each reads what openpyxl wrote.
#[test]
fn a_month_filled_by_openpyxl_goes_round_the_loop() {
    let root = tempdir();
    let months = root.path().join("月报");
    let march = months.join("2025-03");
    std::fs::create_dir_all(&march).expect("March's folder");
    std::fs::copy(
        crate::util::fixtures().join("filled/保护处_2025-03_openpyxl.xlsx"),
        march.join("保护处_2025-03_openpyxl.xlsx"),
    )
    .expect("the openpyxl fixture");

    // 催报: 保护处 has sent everything; the others owe all they lead.
    let status_json = root.path().join("status.json");
    let o = run(&[
        "status",
        path_str(&months),
        "--period",
        "2025-03",
        "--today",
        "2025-04-02",
        "--json",
        path_str(&status_json),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let status = read_json(&status_json);
    for d in status["departments"].as_array().expect("departments") {
        let name = d["name"].as_str().expect("a name");
        let missing: Vec<u64> = d["missing_tasks"]
            .as_array()
            .expect("missing tasks")
            .iter()
            .map(|t| t.as_u64().expect("a task id"))
            .collect();
        if name == "保护处" {
            assert_eq!(d["status"], "已报送");
            assert!(missing.is_empty(), "{d}");
            assert_eq!(d["missing_figures"].as_array().map(Vec::len), Some(0));
        } else {
            assert_eq!(d["status"], "未报送", "{name}");
            let led: Vec<u64> = plan().tasks_led_by(name).map(|t| u64::from(t.id)).collect();
            assert_eq!(missing, led, "{name}");
            assert!(d["reminder"].as_str().is_some_and(|r| r.contains(name)));
        }
    }

    // The returned workbook: nothing to change, and what was sent pre-filled.
    let back = root.path().join("反馈单");
    merge_into(
        &root.path().join("汇总"),
        &[
            path_str(&months),
            "--period",
            "2025-03",
            "--feedback",
            path_str(&back),
        ],
    );
    let returned = back.join("2025年3月_保护处_反馈单.xlsx");
    let first = sheet(&returned, "反馈说明");
    let said: Vec<String> = (0..8).map(|r| text(&first, r, 0)).collect();
    assert!(
        said.iter().any(|l| l == "没有发现问题，不需要修改。"),
        "{said:?}"
    );
    assert!(notes(&returned).is_empty());
    let tasks = sheet(&returned, TASKS);
    let r13 = row_of(&returned, TASKS, "13") - 1;
    assert_eq!(text(&tasks, r13, T_STATUS as u32), "滞后");
    assert_eq!(text(&tasks, r13, T_PROGRESS as u32), "20");

    // April carried forward from what openpyxl wrote.
    let out = root.path().join("填报表");
    let o = run(&[
        "template",
        "--period",
        "2025-04",
        "--department",
        "保护处",
        "--from",
        path_str(&march),
        "-o",
        path_str(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let april = out.join("2025年4月_保护处_工作要点推进情况表.xlsx");
    let tasks = sheet(&april, TASKS);
    let header: Vec<String> = (0..13).map(|c| text(&tasks, 2, c)).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect("a column") as u32;
    let r13 = row_of(&april, TASKS, "13") - 1;
    assert_eq!(text(&tasks, r13, col("完成状态")), "滞后");
    assert_eq!(text(&tasks, r13, col("完成进度(%)")), "20");
    assert_eq!(text(&tasks, r13, col("本月进展")), "");
    assert_eq!(
        text(&tasks, r13, col("上月进展")),
        "快速处理试点方案征求意见，人民法院反馈意见尚未返回。"
    );
    assert_eq!(
        text(&tasks, r13, col("上月问题")),
        "司法确认衔接环节需与法院进一步会商"
    );
    let r10 = row_of(&april, TASKS, "10") - 1;
    assert_eq!(text(&tasks, r10, col("完成状态")), "已完成");
    assert_eq!(text(&tasks, r10, col("实际完成时间")), "2025-03-20");
}
