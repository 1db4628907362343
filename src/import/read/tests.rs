//! Tests of the reader against the committed fixtures (see
//! `tests/fixtures/formats/README.md`) and against hostile inputs built here.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::*;
use crate::import::Cell;
use crate::import::Cell::{Date, Formula, Number, Text};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_fixture(name: &str) -> RawWorkbook {
    read_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn refusal(name: &str) -> String {
    match read_bytes(&fixture(name)) {
        Ok(wb) => panic!("{name} should be refused, read {} sheets", wb.sheets.len()),
        Err(why) => why.unreadable(),
    }
}

/// The task-progress table every format fixture holds: it starts at B2, so
/// true coordinates differ from calamine's range-relative ones.
fn expected_tasks(f7: Cell) -> Vec<(u32, u32, Cell)> {
    let t = |s: &str| Text(s.to_string());
    vec![
        (1, 1, t("浦东新区知识产权局2025年工作要点推进情况表")),
        (2, 1, t("填报单位：保护处")),
        (2, 5, t("填报日期")),
        // 2025-04-03
        (2, 6, Date(45750.0)),
        (4, 1, t("任务编号")),
        (4, 2, t("任务名称")),
        (4, 3, t("牵头部门")),
        (4, 4, t("完成状态")),
        (4, 5, t("完成进度")),
        (4, 6, t("本月进展")),
        (5, 1, Number(13.0)),
        (5, 2, t("强化知识产权行政保护")),
        (5, 3, t("保护处")),
        (5, 4, t("推进中")),
        (5, 5, Number(0.6)),
        (5, 6, t("开展专项执法行动2次")),
        (6, 1, Number(14.0)),
        (6, 2, t("深化知识产权纠纷多元化解")),
        (6, 4, t("已完成")),
        (6, 5, f7),
        (6, 6, t("调解案件812件")),
        (7, 1, Number(15.0)),
        (7, 2, t("加强海外知识产权纠纷应对指导")),
        (7, 3, t("保护中心")),
        (7, 4, t("推进中")),
        (7, 5, Number(0.35)),
        (7, 6, t("举办培训1场")),
    ]
}

fn check_tasks(name: &str, f7: Cell) {
    let wb = read_fixture(name);
    assert!(wb.failed.is_empty(), "{name}: {:?}", wb.failed);
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["任务进展", "说明"], "{name}");
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.cells(), expected_tasks(f7), "{name}");
    // B2:G2 across, D6:D7 down.
    assert_eq!(sheet.merges, vec![(1, 1, 1, 6), (5, 3, 6, 3)], "{name}");
    assert_eq!(
        wb.sheets[1].cells(),
        vec![(0, 0, Text("填表说明：完成进度填百分比。".into()))],
        "{name}"
    );
}

// ------------------------------------------------------------ formats

#[test]
fn reads_xlsx_from_openpyxl_with_its_uncached_formula() {
    check_tasks("tasks.xlsx", Formula("F6+0.4".into()));
}

#[test]
fn reads_xlsx_and_xlsm_from_libreoffice() {
    check_tasks("tasks_lo.xlsx", Number(1.0));
    check_tasks("tasks.xlsm", Number(1.0));
}

#[test]
fn xlsx_merges_are_found_by_byte_search() {
    for name in ["tasks.xlsx", "tasks_lo.xlsx", "tasks.xlsm"] {
        let bytes = fixture(name);
        let mut merges = package::XlsxMerges::open(&bytes).unwrap();
        assert_eq!(
            merges.of("任务进展"),
            Some(vec![(1, 1, 1, 6), (5, 3, 6, 3)]),
            "{name}"
        );
        assert_eq!(merges.of("说明"), Some(vec![]), "{name}");
        assert_eq!(merges.of("无此表"), None, "{name}");
    }
}

#[test]
fn reads_xls_with_true_coordinates_and_merges() {
    check_tasks("tasks.xls", Number(1.0));
}

#[test]
fn reads_ods_with_true_coordinates_and_merges() {
    check_tasks("tasks.ods", Number(1.0));
}

#[test]
fn a_formula_without_a_cached_value_is_kept_as_formula() {
    let wb = read_fixture("formula_nocache.xlsx");
    assert_eq!(
        wb.sheets[0].cells(),
        vec![
            (0, 0, Number(2.0)),
            (1, 0, Number(3.0)),
            (2, 0, Formula("A1+A2".into()))
        ]
    );
}

#[test]
fn chart_sheets_are_skipped_quietly() {
    let wb = read_fixture("chartsheet.xlsx");
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["数据"]);
    assert!(wb.failed.is_empty());
}

#[test]
fn a_cell_at_xfd1048576_costs_one_cell() {
    let wb = read_fixture("huge_extent.xlsx");
    assert_eq!(
        wb.sheets[0].cells(),
        vec![
            (0, 0, Text("任务编号".into())),
            (1_048_575, 16_383, Text("末尾".into()))
        ]
    );
}

// ------------------------------------------------------------ refusals

#[test]
fn unreadable_files_say_why_and_what_to_do() {
    let cases = [
        (
            "encrypted.xlsx",
            "文件已加密（设置了打开密码），无法读取：请取消密码后另存为 .xlsx 重新报送",
        ),
        ("truncated.xlsx", "已损坏或不完整"),
        ("random.xlsx", "无法识别为电子表格"),
        ("html.xls", "网页（HTML）"),
        ("csv.xls", "文本（CSV）"),
        ("empty.xlsx", "文件是空的（0 字节）"),
        ("ole_not_excel.xls", "WPS表格 .et"),
    ];
    for (name, expected) in cases {
        let why = refusal(name);
        assert!(why.contains(expected), "{name}: {why}");
        assert!(why.contains("请"), "{name} must say what to do: {why}");
    }
}

#[test]
fn an_encrypted_xls_is_refused_as_encrypted() {
    // Turn tasks.xls's CodePage record (1200) into a FilePass record of the
    // same length, as Excel writes first in an encrypted workbook's globals.
    let mut bytes = fixture("tasks.xls");
    let codepage = [0x42, 0x00, 0x02, 0x00, 0xB0, 0x04];
    let at = memchr::memmem::find(&bytes, &codepage).unwrap();
    bytes[at..at + 6].copy_from_slice(&[0x2F, 0x00, 0x02, 0x00, 0x01, 0x00]);
    assert_eq!(
        read_bytes(&bytes).unwrap_err().unreadable(),
        reason::ENCRYPTED
    );
}

#[test]
fn a_wps_et_is_named_by_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("保护处.et");
    std::fs::write(&path, fixture("ole_not_excel.xls")).unwrap();
    let why = read(&path).unwrap_err().unreadable();
    assert!(why.contains("WPS表格专用格式（.et）"), "{why}");
    assert!(why.contains("另存为 .xlsx"), "{why}");
}

#[test]
fn a_missing_file_is_an_io_reason() {
    let why = read(Path::new("/nonexistent/保护处.xlsx"))
        .unwrap_err()
        .unreadable();
    assert!(why.contains("文件不存在"), "{why}");
}

#[test]
fn content_is_named_whatever_the_extension() {
    let cases: [(&[u8], &str); 9] = [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "图片"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (
            b"<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
            "Excel 2003 XML",
        ),
        (b"<?xml version=\"1.0\"?><data/>", "XML数据"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "HTML"),
        (b"\xFF\xFEa\0b\0\t\0", "文本（CSV）"),
        (b"\x09\x00\x04\x00\x02\x00\x10\x00", "很旧的Excel格式"),
        (b"\xEF\xBB\xBF\xe4\xbb\xbb\xe5\x8a\xa1,\xe5\x90\x8d\r\n1,2\r\n", "文本（CSV）"),
    ];
    for (bytes, expected) in cases {
        let why = read_bytes(bytes).unwrap_err();
        assert!(why.reason().contains(expected), "{expected}: {why}");
    }
}

// ------------------------------------------------------------ documents

const REPORT: &str = "保护处2025年6月工作要点推进情况.docx";
const REPORT_DOC: &str = "保护处2025年6月工作要点推进情况.doc";
const ET_GOOD: &str = "保护中心2025年6月推进情况.et";
const ET_BAD: &str = "监管与预警处2025年6月推进情况.et";

/// A fixture of `tests/fixtures/documents` (see its README).
fn document(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/documents/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads `bytes` from a file called `name`: the name weighs in on what
/// becomes of a file that does not read.
fn read_as(bytes: &[u8], name: &str) -> Result<RawWorkbook, NotRead> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    read(&path)
}

fn passed_over(result: Result<RawWorkbook, NotRead>) -> String {
    match result {
        Err(NotRead::PassedOver(why)) => why,
        other => panic!("should be passed over: {other:?}"),
    }
}

#[test]
fn a_word_report_from_python_docx_reads_table_by_table() {
    let wb = read_as(&document(REPORT), REPORT).unwrap();
    assert!(wb.failed.is_empty(), "{:?}", wb.failed);
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["表格1", "表格2", "正文"]);
    let t = |s: &str| Text(s.to_string());
    let tasks = &wb.sheets[0];
    // The paragraphs above the table (the empty one takes no row), then the table.
    assert_eq!(
        tasks.cells()[..4],
        [
            (
                0,
                0,
                t("浦东新区知识产权局2025年工作要点推进情况表（2025年6月）")
            ),
            (1, 0, t("填报单位：保护处")),
            (2, 0, t("填报日期：2025年7月3日")),
            (3, 0, t("任务编号")),
        ]
    );
    let at = |r: u32, c: u32| {
        tasks
            .cells()
            .iter()
            .find(|x| (x.0, x.1) == (r, c))
            .map(|x| x.2.clone())
    };
    assert_eq!(at(4, 0), Some(t("一、抓好重大事项落实")));
    assert_eq!(at(7, 2), Some(t("保护处")));
    assert_eq!(
        at(8, 2),
        None,
        "a continued cell is empty; the merge fills it"
    );
    assert_eq!(at(9, 3), Some(t("已完成")));
    // Sections across (gridSpan), 牵头部门 and 计划完成时间 down (vMerge).
    assert_eq!(
        tasks.merges,
        vec![
            (4, 0, 4, 6),
            (6, 0, 6, 6),
            (7, 2, 9, 2),
            (7, 6, 12, 6),
            (10, 2, 12, 2)
        ]
    );
    let figures = &wb.sheets[1];
    assert_eq!(figures.cells()[0], (0, 0, t("二、主要指标完成情况")));
    assert_eq!(figures.cells()[1], (1, 0, t("指标编号")));
    assert!(
        figures.cells().contains(&(3, 6, t("已发布\n见局网站"))),
        "paragraphs of a cell joined with newlines: {:?}",
        figures.cells()
    );
    assert!(figures.merges.is_empty());
    assert_eq!(
        wb.sheets[2].cells(),
        vec![
            (0, 0, t("填表说明：完成进度按百分比填写，日期写到日。")),
            (1, 0, t("填报人：王敏　　联系电话：58781234")),
        ]
    );
}

#[test]
fn a_word_package_is_read_by_its_content_whatever_its_name() {
    let bytes = document(REPORT);
    let expected = read_bytes(&bytes).unwrap();
    for name in ["报告.docx", "报告.xlsx", "报告.doc", "报告.wps", "报告.et"] {
        assert_eq!(read_as(&bytes, name).unwrap(), expected, "{name}");
    }
}

#[test]
fn an_old_doc_is_passed_over_with_what_to_do() {
    let bytes = document(REPORT_DOC);
    for name in ["保护处.doc", "保护处.docx", "保护处.dot"] {
        let why = passed_over(read_as(&bytes, name));
        assert!(why.contains("旧版Word格式"), "{name}: {why}");
        assert!(why.contains("另存为 .docx"), "{name}: {why}");
        assert!(why.contains(".xlsx"), "{name}: {why}");
    }
    // WPS 文字 writes the same binary format under `.wps`.
    let why = passed_over(read_as(&bytes, "保护处.wps"));
    assert!(why.contains("WPS文字"), "{why}");
    assert!(why.contains("请在WPS中打开，另存为 .docx"), "{why}");
    // Bytes without a name: judged by content alone.
    assert!(passed_over(read_bytes(&bytes)).contains("旧版Word格式"));
    // Named as a spreadsheet, it is a wrong file, not a note to pass over.
    let why = read_as(&bytes, "保护处.xls").unwrap_err().unreadable();
    assert_eq!(why, reason::WORD);
}

#[test]
fn a_wps_et_is_read_when_it_holds_a_workbook() {
    let wb = read_as(&document(ET_GOOD), ET_GOOD).unwrap();
    assert!(wb.failed.is_empty(), "{:?}", wb.failed);
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.name, "工作推进");
    assert_eq!(sheet.merges, vec![(0, 0, 0, 5)]);
    assert!(sheet.cells().contains(&(2, 0, Text("编号".into()))));
    // 2025-07-02, a real date.
    assert!(
        sheet.cells().contains(&(1, 5, Date(45840.0))),
        "{:?}",
        sheet.cells()
    );
    // WPS may also write OOXML into an .et: read by content too.
    let ooxml = read_as(&fixture("tasks_lo.xlsx"), "保护处.ett").unwrap();
    assert_eq!(ooxml, read_fixture("tasks_lo.xlsx"));
}

#[test]
fn a_wps_et_that_is_no_workbook_is_refused_naming_wps() {
    let why = read_as(&document(ET_BAD), ET_BAD).unwrap_err().unreadable();
    assert_eq!(
        why,
        "文件扩展名是WPS表格（.et），内容却是Word文档，不是可以读取的表格：请在WPS中打开，另存为 .xlsx 再报送"
    );
    for content in [&b"%PDF-1.4"[..], b"<html><table></table></html>"] {
        let why = read_as(content, "x.ett").unwrap_err().unreadable();
        assert!(why.contains("请在WPS中打开，另存为 .xlsx"), "{why}");
    }
}

#[test]
fn other_documents_are_passed_over_when_named_as_documents() {
    let rtf = b"{\\rtf1\\ansi \\u22635?}";
    let html = b"<html><body><table><tr><td>1</td></tr></table></body></html>";
    let odt = zip_of(&[(
        "mimetype",
        Part::Bytes(b"application/vnd.oasis.opendocument.text"),
    )]);
    let wps_own = fixture("ole_not_excel.xls");
    for (bytes, name, word) in [
        (&rtf[..], "a.doc", "RTF"),
        (&html[..], "a.doc", "网页（HTML）"),
        (&odt[..], "a.docx", ".odt"),
        (&odt[..], "a.wps", ".odt"),
        (&wps_own[..], "a.wps", "WPS文字旧格式"),
    ] {
        let why = passed_over(read_as(bytes, name));
        assert!(why.contains(word), "{name}: {why}");
        assert!(why.contains("另存为 .docx"), "{name}: {why}");
    }
    // The same contents under spreadsheet names are wrong files.
    for (bytes, name, word) in [
        (&rtf[..], "a.xlsx", "RTF"),
        (&html[..], "a.xls", "网页（HTML）"),
        (&odt[..], "a.xlsx", ".odt"),
    ] {
        let why = read_as(bytes, name).unwrap_err().unreadable();
        assert!(
            why.contains(word) && why.contains("另存为 .xlsx"),
            "{name}: {why}"
        );
    }
    // A broken or locked document is unreadable, whatever it is called.
    let report = document(REPORT);
    let cut = &report[..report.len() / 2];
    let why = read_as(cut, "a.docx").unwrap_err().unreadable();
    assert!(why.contains("损坏"), "{why}");
    let why = read_as(&fixture("encrypted.xlsx"), "a.docx")
        .unwrap_err()
        .unreadable();
    assert_eq!(why, reason::ENCRYPTED);
    let why = read_as(b"", "a.doc").unwrap_err().unreadable();
    assert_eq!(why, reason::EMPTY);
}

#[test]
fn a_word_bomb_is_refused_before_parsing() {
    // 300 MB of zeros in the main part deflate to about 300 KB.
    let bytes = zip_of(&[(
        "word/document.xml",
        Part::Zeros(
            b"<w:document><w:body><w:p><w:r><w:t>",
            300 << 20,
            b"</w:t></w:r></w:p></w:body></w:document>",
        ),
    )]);
    let why = read_bytes(&bytes).unwrap_err().unreadable();
    assert!(why.contains("压缩炸弹"), "{why}");
}

#[test]
fn a_word_table_over_the_cap_fails_alone() {
    let wb = read_guarded(&document(REPORT), None, 40).unwrap();
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["表格2", "正文"]);
    assert_eq!(wb.failed.len(), 1);
    assert_eq!(wb.failed[0].0, "表格1");
    assert!(wb.failed[0].1.contains("单元格超过"), "{:?}", wb.failed);
}

// ------------------------------------------------------------ hand-made packages

/// One part of a hand-made zip: bytes, or a streamed run of zeros between
/// a prefix and a suffix (for bombs without holding them in memory).
enum Part<'a> {
    Bytes(&'a [u8]),
    Zeros(&'a [u8], u64, &'a [u8]),
}

fn zip_of(parts: &[(&str, Part<'_>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, part) in parts {
        w.start_file(*name, options).unwrap();
        match part {
            Part::Bytes(b) => w.write_all(b).unwrap(),
            Part::Zeros(prefix, n, suffix) => {
                w.write_all(prefix).unwrap();
                let chunk = vec![b'0'; 1 << 20];
                let mut left = *n;
                while left > 0 {
                    let k = left.min(chunk.len() as u64) as usize;
                    w.write_all(&chunk[..k]).unwrap();
                    left -= k as u64;
                }
                w.write_all(suffix).unwrap();
            }
        }
    }
    w.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// A one-sheet `.xlsx` (sheet `表`) whose worksheet body is `body`.
fn xlsx(body: &str) -> Vec<u8> {
    let sheet = format!("{SHEET_HEAD}{body}</worksheet>");
    zip_of(&[
        ("[Content_Types].xml", Part::Bytes(CONTENT_TYPES)),
        ("_rels/.rels", Part::Bytes(RELS)),
        ("xl/workbook.xml", Part::Bytes(WORKBOOK.as_bytes())),
        ("xl/_rels/workbook.xml.rels", Part::Bytes(WORKBOOK_RELS)),
        ("xl/worksheets/sheet1.xml", Part::Bytes(sheet.as_bytes())),
    ])
}

#[test]
fn hand_made_xlsx_reads() {
    let wb = read_bytes(&xlsx(
        r#"<sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>标题</t></is></c></row><row r="4"><c r="C4"><v>7</v></c><c r="E4" t="b"><v>1</v></c><c r="F4" t="e"><v>#DIV/0!</v></c><c r="G4" t="str"><f>""</f><v></v></c></row></sheetData><mergeCells count="2"><mergeCell ref="C3:E3"/><mergeCell ref="A1:XFD1048576"/></mergeCells>"#,
    ))
    .unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.name, "表");
    assert_eq!(
        sheet.cells(),
        vec![
            (2, 2, Text("标题".into())),
            (3, 2, Number(7.0)),
            (3, 4, Cell::Bool(true)),
            (3, 5, Cell::Error("#DIV/0!".into())),
        ],
        "an empty cached string is a blank, not an uncalculated formula"
    );
    // The stray merge over the whole sheet is clipped to the used area.
    assert_eq!(sheet.merges, vec![(0, 0, 3, 5), (2, 2, 2, 4)]);
}

#[test]
fn shared_formulas_without_values_get_their_own_text() {
    // `si` is 2³²−1: calamine's expanding reader would size a table by it.
    let wb = read_bytes(&xlsx(
        r#"<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" si="4294967295" ref="B1:B3">A1*2</f></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="4294967295"/></c></row><row r="3"><c r="B3"><f t="shared" si="7"/></c></row></sheetData>"#,
    ))
    .unwrap();
    assert_eq!(
        wb.sheets[0].cells(),
        vec![
            (0, 0, Number(1.0)),
            (0, 1, Formula("A1*2".into())),
            (1, 0, Number(2.0)),
            (1, 1, Formula("A2*2".into())),
            // An index with no anchor: still a formula, text unknown.
            (2, 1, Formula(String::new())),
        ]
    );
}

#[test]
fn a_sheet_over_the_cell_cap_fails_alone() {
    let body: String = (1..=20)
        .map(|r| {
            format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r}</v></c></row>"#)
        })
        .collect();
    let bytes = xlsx(&format!("<sheetData>{body}</sheetData>"));
    let wb = read_guarded(&bytes, None, 39).unwrap();
    assert!(wb.sheets.is_empty());
    assert_eq!(wb.failed.len(), 1);
    assert_eq!(wb.failed[0].0, "表");
    assert!(
        wb.failed[0].1.contains("单元格超过 500 万个"),
        "{:?}",
        wb.failed
    );
    assert_eq!(
        read_guarded(&bytes, None, 40).unwrap().sheets[0]
            .cells()
            .len(),
        40
    );
}

#[test]
fn xls_and_ods_over_the_cap_are_refused_naming_the_sheet() {
    // tasks.xls/.ods span B2:G8: 42 cells in calamine's rectangle.
    for name in ["tasks.xls", "tasks.ods"] {
        let why = read_guarded(&fixture(name), None, 41)
            .unwrap_err()
            .unreadable();
        assert!(
            why.contains("工作表「任务进展」的数据范围过大"),
            "{name}: {why}"
        );
        let ok = read_guarded(&fixture(name), None, 42);
        assert!(ok.is_ok(), "{name}: {ok:?}");
    }
}

#[test]
fn a_broken_sheet_fails_alone() {
    let bytes = xlsx(r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"#);
    let wb = read_bytes(&bytes).unwrap();
    assert!(wb.sheets.is_empty());
    assert!(
        wb.failed[0].1.contains("工作表「表」内容已损坏"),
        "{:?}",
        wb.failed
    );
}

#[test]
fn a_zip_bomb_is_refused_before_calamine() {
    // A sheet of 300 MB of zeros deflates to about 300 KB.
    let bytes = zip_of(&[
        ("[Content_Types].xml", Part::Bytes(CONTENT_TYPES)),
        ("_rels/.rels", Part::Bytes(RELS)),
        ("xl/workbook.xml", Part::Bytes(WORKBOOK.as_bytes())),
        ("xl/_rels/workbook.xml.rels", Part::Bytes(WORKBOOK_RELS)),
        (
            "xl/worksheets/sheet1.xml",
            Part::Zeros(SHEET_HEAD.as_bytes(), 300 << 20, b"</worksheet>"),
        ),
    ]);
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    let why = read_bytes(&bytes).unwrap_err().unreadable();
    assert!(why.contains("压缩炸弹"), "{why}");
}

#[test]
fn a_bomb_lying_about_its_size_stops_at_the_declared_size() {
    let mut bytes = zip_of(&[
        ("[Content_Types].xml", Part::Bytes(CONTENT_TYPES)),
        ("_rels/.rels", Part::Bytes(RELS)),
        ("xl/workbook.xml", Part::Bytes(WORKBOOK.as_bytes())),
        ("xl/_rels/workbook.xml.rels", Part::Bytes(WORKBOOK_RELS)),
        (
            "xl/worksheets/sheet1.xml",
            Part::Zeros(SHEET_HEAD.as_bytes(), 100 << 20, b"</worksheet>"),
        ),
    ]);
    // Claim 1 MB inflated (under the ratio check's grace) in both headers.
    let (local, central) = {
        let zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let meta = zip.metadata();
        let i = zip.index_for_name("xl/worksheets/sheet1.xml").unwrap();
        let e = meta.entry(i).unwrap();
        (e.header_start() as usize, e.central_header_start() as usize)
    };
    let claim = (1u32 << 20).to_le_bytes();
    bytes[local + 22..local + 26].copy_from_slice(&claim);
    bytes[central + 24..central + 28].copy_from_slice(&claim);
    match read_bytes(&bytes) {
        Ok(wb) => {
            assert!(wb.sheets.is_empty());
            assert_eq!(wb.failed.len(), 1, "{:?}", wb.failed);
        }
        Err(why) => assert!(why.reason().contains("请"), "{why}"),
    }
}

/// A one-table `.ods` whose table body is `rows`.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="表">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        (
            "mimetype",
            Part::Bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
        ),
        (
            "META-INF/manifest.xml",
            Part::Bytes(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#),
        ),
        ("content.xml", Part::Bytes(content.as_bytes())),
    ])
}

#[test]
fn an_ods_formula_without_a_value_is_kept_as_formula() {
    let wb = read_bytes(&ods(
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row><table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="2"/><table:table-cell table:formula="of:=[.B3]*2"/></table:table-row>"#,
    ))
    .unwrap();
    assert_eq!(
        wb.sheets[0].cells(),
        vec![(2, 1, Number(2.0)), (2, 2, Formula("[.B3]*2".into()))]
    );
}

#[test]
fn an_ods_far_cell_is_refused_not_allocated() {
    // A cell at A1 and one at XFD1048576: 17 billion cells in calamine's range.
    let why = read_bytes(&ods(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string"><text:p>z</text:p></table:table-cell></table:table-row>"#,
    ))
    .unwrap_err().unreadable();
    assert!(why.contains("工作表「表」的数据范围过大"), "{why}");
}

#[test]
fn an_xlsb_is_routed_by_its_parts() {
    let bytes = zip_of(&[("xl/workbook.bin", Part::Bytes(b"\x83\x01\x00"))]);
    let why = read_bytes(&bytes).unwrap_err().unreadable();
    assert!(why.contains(".xlsb 格式"), "{why}");
}

#[test]
fn an_encrypted_ods_is_refused_as_encrypted() {
    let bytes = zip_of(&[
        (
            "mimetype",
            Part::Bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
        ),
        (
            "META-INF/manifest.xml",
            Part::Bytes(br#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>"#),
        ),
        ("content.xml", Part::Bytes(b"\x93\x12 not xml")),
    ]);
    assert_eq!(
        read_bytes(&bytes).unwrap_err().unreadable(),
        reason::ENCRYPTED
    );
}

// ------------------------------------------------------------ never panic

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const READABLE: [&str; 7] = [
    "tasks.xlsx",
    "tasks_lo.xlsx",
    "tasks.xlsm",
    "tasks.xls",
    "tasks.ods",
    "formula_nocache.xlsx",
    "chartsheet.xlsx",
];

/// Feeds one input to the reader and, unwrapped by `catch_unwind`, to this
/// module's own parsers, which must never panic.
fn feed(bytes: &[u8]) {
    let _ = read_bytes(bytes);
    let _ = package::inspect(bytes);
    let _ = ole::inspect(bytes, MAX_CELLS);
    let _ = ods::scan(bytes, MAX_CELLS);
    let _ = docx::read(bytes, MAX_CELLS);
    let _ = reason::sniff(bytes);
}

#[test]
fn truncated_fixtures_never_panic() {
    let mut inputs = 0;
    for name in READABLE.iter().chain(&["encrypted.xlsx"]) {
        let bytes = fixture(name);
        let step = (bytes.len() / 400).max(1);
        for len in (0..bytes.len()).step_by(step) {
            feed(&bytes[..len]);
            inputs += 1;
        }
    }
    assert!(inputs > 3000, "{inputs}");
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut inputs = 0;
    for name in READABLE.iter().chain(&["encrypted.xlsx"]) {
        let original = fixture(name);
        for _ in 0..300 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            feed(&bytes);
            inputs += 1;
        }
    }
    assert_eq!(inputs, 2400);
}

#[test]
fn truncated_and_mutated_documents_never_panic() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut inputs = 0;
    for name in [REPORT, REPORT_DOC, ET_GOOD] {
        let original = document(name);
        let step = (original.len() / 300).max(1);
        for len in (0..original.len()).step_by(step) {
            feed(&original[..len]);
            inputs += 1;
        }
        for _ in 0..300 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            feed(&bytes);
            inputs += 1;
        }
    }
    assert!(inputs > 1800, "{inputs}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    #[test]
    fn random_bytes_never_panic(
        magic in 0usize..4,
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
    ) {
        let prefix: &[u8] = [&b""[..], b"PK\x03\x04", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], b"<html>"][magic];
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&body);
        feed(&bytes);
    }
}

// ------------------------------------------------------------ helpers

#[test]
fn iso_dates_become_serials() {
    assert_eq!(iso_serial("2025-03-31"), Some(45747.0));
    assert_eq!(iso_serial("2025-03-31T12:00:00"), Some(45747.5));
    assert_eq!(iso_serial("2025-03-31T06:00:00.000"), Some(45747.25));
    assert_eq!(iso_serial("1900-03-01"), Some(61.0));
    assert_eq!(iso_serial("3月底"), None);
}

#[test]
fn values_map_to_cells() {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    // The cell a value adds to a sheet, and whether it held no value at all.
    let cell = |v: DataRef<'_>, is_1904| {
        let mut b = SheetBuilder::new(10);
        let missing = push_value(&mut b, (0, 0), v, is_1904).unwrap();
        let cells = b.finish("s", &[]).cells();
        (cells.into_iter().next().map(|c| c.2), missing)
    };
    let date = ExcelDateTime::new(100.0, ExcelDateTimeType::DateTime, false);
    assert_eq!(cell(DataRef::DateTime(date), false).0, Some(Date(100.0)));
    // 1904 workbooks count from 1904-01-01: shift to the 1900 system.
    assert_eq!(cell(DataRef::DateTime(date), true).0, Some(Date(1562.0)));
    assert_eq!(cell(DataRef::Int(3), false).0, Some(Number(3.0)));
    assert_eq!(
        cell(DataRef::Float(f64::NAN), false).0,
        Some(Cell::Error("#NUM!".into()))
    );
    assert_eq!(
        cell(DataRef::DateTimeIso("2025-03-31".into()), false).0,
        Some(Date(45747.0))
    );
    // An empty string carries nothing; an empty value is missing.
    assert_eq!(cell(DataRef::String(String::new()), false), (None, false));
    assert_eq!(cell(DataRef::Empty, false), (None, true));
}

#[test]
fn finish_sorts_dedups_and_clips() {
    let finish = |cells: Vec<(u32, u32, Cell)>, merges: &[(u32, u32, u32, u32)]| {
        let mut b = SheetBuilder::new(100);
        for (r, c, v) in &cells {
            b.push(*r, *c, v.into()).unwrap();
        }
        b.finish("s", merges)
    };
    let sheet = finish(
        vec![
            (2, 0, Number(3.0)),
            (0, 1, Number(1.0)),
            (0, 1, Number(2.0)),
        ],
        &[(0, 0, 0, 1), (9, 9, 12, 12), (2, 1, 1, 0), (0, 0, 0, 0)],
    );
    assert_eq!(
        sheet.cells(),
        vec![(0, 1, Number(2.0)), (2, 0, Number(3.0))]
    );
    // Reversed corners are normalised; single cells and merges past the
    // data are dropped.
    assert_eq!(sheet.merges, vec![(0, 0, 0, 1), (1, 0, 2, 1)]);
    assert!(finish(Vec::new(), &[(0, 0, 1, 1)]).merges.is_empty());
}

// ------------------------------------------------------------ quiet panics

#[test]
fn a_calamine_panic_is_a_reason_not_a_crash() {
    // calamine 0.38's BIFF reader slices out of range on this mutated
    // tasks.xls (xls.rs:1531); the file is refused like any corrupt one.
    let reason = refusal("calamine_panic.xls");
    assert!(reason.contains("损坏"), "{reason}");
    assert!(reason.contains("另存为"), "{reason}");
}

#[test]
fn quietly_catches_and_restores_the_quiet_flag() {
    let caught = quietly(|| -> u32 { panic!("inside calamine") });
    assert!(caught.is_err());
    assert!(!QUIET.with(std::cell::Cell::get));
    // Nested: the inner call restores the outer state, not `false`.
    let nested = quietly(|| {
        let inner = quietly(|| -> u32 { panic!("inner") });
        (inner.is_err(), QUIET.with(std::cell::Cell::get))
    });
    assert_eq!(nested.ok(), Some((true, true)));
    assert!(!QUIET.with(std::cell::Cell::get));
    assert_eq!(quietly(|| 7).ok(), Some(7));
}

/// Every `.xlsx` and `.xlsm` the repository holds (fixtures, samples).
fn every_xlsx() -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("xlsx") || x.eq_ignore_ascii_case("xlsm"))
            {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("tests/fixtures"), &mut out);
    walk(&root.join("samples"), &mut out);
    out.sort();
    out
}

#[test]
fn xlsx_read_through_one_inflation_as_through_two() {
    let mut once = 0;
    for path in every_xlsx() {
        let bytes = std::fs::read(&path).unwrap();
        if package::inspect(&bytes) != Ok(package::Kind::Xlsx) {
            continue;
        }
        let max = MAX_CELLS;
        let twice = read_xlsx_twice(&bytes, package::XlsxMerges::open(&bytes).as_mut(), max);
        assert_eq!(read_xlsx(&bytes, max), twice, "{}", path.display());
        let parts: Vec<String> = package::XlsxMerges::open(&bytes)
            .map(|m| m.parts().map(|(_, p)| p.to_string()).collect())
            .unwrap_or_default();
        let names: Vec<&str> = parts.iter().map(String::as_str).collect();
        once += usize::from(inflated::open(&bytes, &names).is_some());
    }
    // The fixtures made by Excel-like writers take the one inflation.
    assert!(once >= 20, "only {once} packages inflated once");
}

#[test]
fn merges_come_from_the_inflation_the_cells_were_read_from() {
    for name in ["tasks.xlsx", "tasks_lo.xlsx", "tasks.xlsm"] {
        let bytes = fixture(name);
        let merges = package::XlsxMerges::open(&bytes).unwrap();
        let parts: HashMap<&str, &str> = merges.parts().collect();
        let names: Vec<&str> = parts.values().copied().collect();
        let (package, inflated) = inflated::open(&bytes, &names).expect(name);
        let mut book = Xlsx::new(package).expect(name);
        // Not read yet: nothing to tell.
        assert_eq!(inflated.of(parts["任务进展"]), None, "{name}");
        let mut reader = book.worksheet_cells_reader("任务进展").unwrap();
        while reader.next_cell().unwrap().is_some() {}
        drop(reader);
        assert_eq!(
            inflated.of(parts["任务进展"]),
            Some(vec![(1, 1, 1, 6), (5, 3, 6, 3)]),
            "{name}"
        );
        assert_eq!(inflated.of("xl/无此表.xml"), None, "{name}");
    }
}

#[test]
fn a_merge_tag_cut_between_two_reads_is_found() {
    let xml = b"<row r=\"9\"><c r=\"A9\"/></row></sheetData><mergeCells count=\"1\"><mergeCell ref=\"B2:G2\"/></mergeCells></worksheet>";
    for cut in 1..xml.len() {
        for step in [1, 3, 7, xml.len()] {
            let mut part = inflated::watcher();
            let mut chunks = vec![&xml[..cut]];
            chunks.extend(xml[cut..].chunks(step));
            for c in chunks {
                part.watch(c);
            }
            let tail = part
                .tail()
                .unwrap_or_else(|| panic!("cut {cut}, step {step}"));
            assert_eq!(
                package::merge_tags(tail),
                vec![(1, 1, 1, 6)],
                "cut {cut}, step {step}"
            );
        }
    }
}
