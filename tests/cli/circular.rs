//! Integration tests for `workplan merge --circular`: the samples' circular
//! as a Word 公文, read back from the `.docx` (page, grid, fonts, sizes,
//! footers, signature and date) and compared line for line with the `.txt`
//! of the same merge; other extensions refused.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::util::{code, run, stderr, tempdir};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The June samples merged with `--circular` into `c.docx` and `c.txt`
/// (two runs), once per test run.
struct Circulars {
    docx: Vec<u8>,
    txt: String,
}

fn circulars() -> &'static Circulars {
    static RUN: OnceLock<Circulars> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("merge-circular");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("the output folder");
        let merge = |name: &str| {
            let path = out.join(name);
            let o = run(&[
                "merge",
                samples().to_str().expect("a UTF-8 path"),
                "--period",
                "2025-06",
                "-o",
                out.join("汇总.xlsx").to_str().expect("a UTF-8 path"),
                "--circular",
                path.to_str().expect("a UTF-8 path"),
            ]);
            assert_eq!(code(&o), 0, "merge --circular {name}: {}", stderr(&o));
            std::fs::read(&path).expect("the circular is written")
        };
        Circulars {
            docx: merge("c.docx"),
            txt: String::from_utf8(merge("c.txt")).expect("UTF-8 text"),
        }
    })
}

/// One part of the package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a .docx is a zip");
    let mut entry = zip.by_name(name).expect("the part exists");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// A paragraph as Word would show it: its style, its alignment and indents
/// when set on the paragraph, and its runs.
#[derive(Debug, Default)]
struct Para {
    style: String,
    jc: Option<String>,
    ind: Vec<(String, String)>,
    runs: Vec<RunLook>,
}

#[derive(Debug, Default, Clone)]
struct RunLook {
    east_asia: String,
    ascii: String,
    size: String,
    /// Character spacing (`w:spacing`), twips.
    spacing: String,
    bold: bool,
    text: String,
}

impl Para {
    fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| value(&a))
}

/// An attribute's value, entities resolved.
fn value(a: &Attribute<'_>) -> String {
    a.normalized_value(XmlVersion::Implicit1_0)
        .map(|v| v.into_owned())
        .unwrap_or_else(|_| a.value.clone().into_owned())
}

/// The paragraphs of a WordprocessingML part.
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut reader = Reader::from_str(xml);
    let mut paras = Vec::new();
    let mut para: Option<Para> = None;
    let mut run: Option<RunLook> = None;
    let mut in_text = false;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let opens = matches!(event, Event::Start(_));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                match name.as_ref() {
                    "w:p" => para = Some(Para::default()),
                    "w:pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:jc" if run.is_none() => {
                        if let Some(p) = para.as_mut() {
                            p.jc = attr(&e, "w:val");
                        }
                    }
                    "w:ind" if run.is_none() => {
                        if let Some(p) = para.as_mut() {
                            p.ind = e
                                .attributes()
                                .flatten()
                                .map(|a| (a.key.as_ref().to_string(), value(&a)))
                                .collect();
                        }
                    }
                    "w:r" => run = Some(RunLook::default()),
                    "w:rFonts" => {
                        if let Some(r) = run.as_mut() {
                            r.east_asia = attr(&e, "w:eastAsia").unwrap_or_default();
                            r.ascii = attr(&e, "w:ascii").unwrap_or_default();
                        }
                    }
                    "w:spacing" => {
                        if let Some(r) = run.as_mut() {
                            r.spacing = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:sz" => {
                        if let Some(r) = run.as_mut() {
                            r.size = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:b" => {
                        if let Some(r) = run.as_mut() {
                            r.bold = attr(&e, "w:val").is_none_or(|v| v != "false" && v != "0");
                        }
                    }
                    // An empty `<w:t/>` has no text and no end.
                    "w:t" => in_text = opens,
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(r) = run.as_mut() {
                    r.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_text => {
                if let Some(r) = run.as_mut() {
                    let entity = match g.xml10_content().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => g.resolve_char_ref().ok().flatten().unwrap_or('\u{fffd}'),
                    };
                    r.text.push(entity);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:r" => {
                    if let (Some(r), Some(p)) = (run.take(), para.as_mut()) {
                        p.runs.push(r);
                    }
                }
                "w:p" => paras.extend(para.take()),
                _ => {}
            },
            _ => {}
        }
    }
    paras
}

/// The `<w:style>` element with `id`, as text.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("style {id} missing"));
    let start = styles[..at].rfind("<w:style ").expect("the style's start");
    let end = at + styles[at..].find("</w:style>").expect("the style's end");
    &styles[start..end]
}

/// The runs that carry text.
fn text_runs(p: &Para) -> impl Iterator<Item = &RunLook> {
    p.runs.iter().filter(|r| !r.text.is_empty())
}

#[test]
fn the_docx_circular_has_the_page_and_grid_of_gb_t_9704() {
    let doc = part(&circulars().docx, "word/document.xml");
    // A4, margins 37 / 35 / 28 / 26 mm in twips.
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{doc}");
    for (side, twips) in [
        ("top", 2098),
        ("bottom", 1984),
        ("left", 1587),
        ("right", 1474),
    ] {
        assert!(
            doc.contains(&format!(r#"w:{side}="{twips}""#)),
            "pgMar {side} ≠ {twips}: {doc}"
        );
    }
    // A line grid of 22 lines (28.95 pt).
    assert!(
        doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#),
        "{doc}"
    );
    // Different odd and even footers.
    assert!(doc.contains(r#"w:type="default""#) && doc.contains(r#"w:type="even""#));
    let settings = part(&circulars().docx, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"), "{settings}");
    // Body text at exact 28.95 pt line spacing, by default and in the styles.
    let styles = part(&circulars().docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:line="579" w:lineRule="exact""#),
        "{styles}"
    );
}

#[test]
fn the_docx_circular_sets_the_fonts_and_sizes_of_gb_t_9704() {
    let paras = paragraphs(&part(&circulars().docx, "word/document.xml"));
    let styles = part(&circulars().docx, "word/styles.xml");

    // Title: 方正小标宋简体 二号, centred.
    let title = &paras[0];
    assert_eq!(title.style, "GwTitle");
    assert!(title.text().ends_with("推进情况通报"), "{title:?}");
    for r in text_runs(title) {
        assert_eq!(
            (r.east_asia.as_str(), r.size.as_str()),
            ("方正小标宋简体", "44")
        );
        assert_eq!(r.ascii, "Times New Roman");
    }
    let title_style = style(&styles, "GwTitle");
    assert!(
        title_style.contains(r#"<w:jc w:val="center""#),
        "{title_style}"
    );
    assert!(
        title_style.contains(r#"w:eastAsia="方正小标宋简体""#),
        "{title_style}"
    );

    // 主送 flush left, then the body in 仿宋_GB2312 三号, indented two characters.
    let to = paras
        .iter()
        .find(|p| p.style == "GwAddressee")
        .expect("the 主送 line");
    assert_eq!(to.text(), "局机关各处室、保护中心：");
    let body = style(&styles, "GwBody");
    assert!(body.contains(r#"w:firstLine="630""#), "{body}");
    // Condensed by 0.25 pt so that 28 fit a line (28 × 315 ≤ 8845 twips).
    assert!(body.contains(r#"<w:spacing w:val="-5""#), "{body}");
    let opening = paras
        .iter()
        .find(|p| p.text().starts_with("根据各处室报送的"))
        .expect("the opening");
    assert_eq!(opening.style, "GwBody");
    for r in text_runs(opening) {
        assert_eq!(
            (r.east_asia.as_str(), r.size.as_str()),
            ("仿宋_GB2312", "32")
        );
        assert_eq!(r.spacing, "-5");
        assert!(!r.bold);
    }

    // 一、 in 黑体, （一） in 楷体_GB2312, 1. in bold 仿宋.
    let level = |prefix: &str| {
        paras
            .iter()
            .find(|p| p.text().starts_with(prefix))
            .unwrap_or_else(|| panic!("no paragraph starts with {prefix}"))
    };
    let one = level("一、总体进展");
    assert_eq!(one.style, "GwHeading1");
    assert!(text_runs(one).all(|r| r.east_asia == "黑体" && r.size == "32"));
    let two = level("（一）");
    assert_eq!(two.style, "GwHeading2");
    assert!(text_runs(two).all(|r| r.east_asia == "楷体_GB2312" && r.size == "32"));
    let three = level("1.");
    let first = text_runs(three).next().expect("a run");
    assert!(first.bold && first.east_asia == "仿宋_GB2312", "{three:?}");
    assert!(first.text.starts_with("1.第"), "{first:?}");
    assert!(text_runs(three).skip(1).all(|r| !r.bold));
}

#[test]
fn the_docx_circular_numbers_its_pages_at_the_outside_foot() {
    let docx = &circulars().docx;
    let mut sides = Vec::new();
    for name in ["word/footer1.xml", "word/footer2.xml"] {
        let xml = part(docx, name);
        assert!(xml.contains("<w:instrText>PAGE</w:instrText>"), "{xml}");
        assert!(xml.contains(r#"w:fldCharType="begin""#) && xml.contains(r#"w:fldCharType="end""#));
        let paras = paragraphs(&xml);
        assert_eq!(paras.len(), 1, "{xml}");
        let p = &paras[0];
        assert_eq!(p.text(), "— 1 —");
        for r in text_runs(p) {
            assert_eq!((r.east_asia.as_str(), r.size.as_str()), ("宋体", "28"));
        }
        sides.push(p.jc.clone().unwrap_or_default());
    }
    sides.sort();
    assert_eq!(sides, ["left", "right"]);
    // The odd-page footer is the default one, at the right.
    let rels = part(docx, "word/_rels/document.xml.rels");
    let doc = part(docx, "word/document.xml");
    let default_rid = doc
        .split("<w:footerReference")
        .skip(1)
        .find(|s| s.contains(r#"w:type="default""#))
        .and_then(|s| s.split("r:id=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("a default footer");
    let target = rels
        .split("<Relationship ")
        .find(|r| r.contains(&format!("Id=\"{default_rid}\"")))
        .and_then(|r| r.split("Target=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("the default footer's part");
    let odd = paragraphs(&part(docx, &format!("word/{target}")));
    assert_eq!(odd[0].jc.as_deref(), Some("right"));
}

#[test]
fn the_docx_circular_ends_with_signature_and_date() {
    let paras = paragraphs(&part(&circulars().docx, "word/document.xml"));
    let lines: Vec<&str> = circulars().txt.lines().collect();
    let [.., signature, date] = paras.as_slice() else {
        panic!("too few paragraphs");
    };
    assert_eq!(signature.text(), "上海市浦东新区知识产权局办公室");
    assert_eq!(date.text(), lines[lines.len() - 1]);
    assert!(
        date.text().starts_with("2025年") && !date.text().contains('〇'),
        "Arabic numerals: {}",
        date.text()
    );
    // The signature (the longer) right-aligned two characters in; the date
    // starting two characters right of the signature's start.
    assert_eq!(signature.jc.as_deref(), Some("right"));
    assert!(
        signature
            .ind
            .contains(&("w:right".to_string(), "630".to_string())),
        "{signature:?}"
    );
    let left: i32 = date
        .ind
        .iter()
        .find(|(k, _)| k == "w:left")
        .and_then(|(_, v)| v.parse().ok())
        .expect("the date's indent");
    // Text width 8845 twips; the signature is 15 characters of 315 twips.
    assert_eq!(left, 8845 - 15 * 315);
    // A blank line between the text and the signature.
    assert_eq!(paras[paras.len() - 3].text(), "");
}

/// The docx says what the text says: each line of the `.txt` is one
/// paragraph, `1. ` written `1.` as the standard numbers.
#[test]
fn the_docx_circular_says_what_the_text_says() {
    let paras = paragraphs(&part(&circulars().docx, "word/document.xml"));
    let docx: Vec<String> = paras
        .iter()
        .map(Para::text)
        .filter(|t| !t.is_empty())
        .collect();
    let txt: Vec<String> = circulars()
        .txt
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(". ") {
            Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}.{rest}"),
            _ => l.to_string(),
        })
        .collect();
    assert_eq!(docx, txt);
}

#[test]
fn the_docx_circular_is_the_same_file_each_run() {
    let dir = tempdir();
    let path = dir.path().join("again.docx");
    let o = run(&[
        "merge",
        samples().to_str().expect("a UTF-8 path"),
        "--period",
        "2025-06",
        "-o",
        dir.path().join("汇总.xlsx").to_str().expect("a UTF-8 path"),
        "--circular",
        path.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let again = std::fs::read(&path).expect("the circular");
    assert!(again == circulars().docx, "two runs gave different bytes");
}

#[test]
fn a_circular_of_another_kind_is_refused_before_anything_is_written() {
    let dir = tempdir();
    for name in ["通报.pdf", "通报.doc", "通报"] {
        let out = dir.path().join("汇总.xlsx");
        let o = run(&[
            "merge",
            samples().to_str().expect("a UTF-8 path"),
            "--period",
            "2025-06",
            "-o",
            out.to_str().expect("a UTF-8 path"),
            "--circular",
            dir.path().join(name).to_str().expect("a UTF-8 path"),
        ]);
        assert_eq!(code(&o), 2, "{name}");
        let err = stderr(&o);
        assert!(
            err.contains(name) && err.contains(".txt") && err.contains(".docx"),
            "{name}: {err}"
        );
        assert!(!out.exists(), "{name}: the workbook was written");
        assert!(!dir.path().join(name).exists());
    }
}
