//! The circular as a Word 公文, laid out as GB/T 9704-2012 asks: A4, the
//! standard's margins, 22 lines of 28 characters, 方正小标宋简体 title,
//! 仿宋_GB2312 body, 黑体 / 楷体_GB2312 / bold 仿宋 for the three levels
//! of numbering, `— 1 —` page numbers at the outside foot, signature and
//! date at the end. The only docx-rs user: a [`Circular`] in, `.docx`
//! bytes out, the same bytes for the same circular.
//!
//! Every run names its East-Asian font (`w:eastAsia`) beside a Latin
//! fallback, and so does every style, so that Word and WPS pick the fonts
//! the standard names whichever they read.
//!
//! 28 三号 characters (16 pt) are 448 pt, a little more than the 156 mm
//! (442 pt) text width: they fit only 0.25 pt closer together. Word's
//! character grid (`linesAndChars` with a negative `w:charSpace`) does that
//! in Word and WPS, but LibreOffice will not set a 16 pt character in a
//! grid cell narrower than 16 pt and gives each two cells (14 to 18
//! characters a line, depending on what it takes the grid's base size to
//! be). So the grid here is the line grid only, and body-size runs are
//! condensed by 0.25 pt (`w:spacing`), a plain run property that Word and
//! WPS apply as LibreOffice does.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Style,
    StyleType,
};
use unicode_width::UnicodeWidthStr;

use super::{Block, Circular};
use crate::text;

/// Twips (1/20 pt) in `mm` millimetres, rounded.
const fn mm(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4 + 0.5) as i32
}

/// A4 (§5.2.1), in twips.
const PAGE_WIDTH: i32 = 11906;
const PAGE_HEIGHT: i32 = 16838;
/// §5.2.2: 天头 37 mm, 订口 28 mm, and a 156 × 225 mm text area, which
/// leaves 35 mm at the foot and 26 mm on the right.
const TOP: i32 = mm(37.0);
const BOTTOM: i32 = mm(35.0);
const LEFT: i32 = mm(28.0);
const RIGHT: i32 = mm(26.0);
const TEXT_WIDTH: i32 = PAGE_WIDTH - LEFT - RIGHT;
const TEXT_HEIGHT: i32 = PAGE_HEIGHT - TOP - BOTTOM;
/// §5.2.3: 22 lines of 28 characters a page.
const LINES: i32 = 22;
const CHARS: i32 = 28;
/// The line pitch: the largest whole number of twips that still fits 22
/// lines (579 twips, 28.95 pt): the grid's, and every paragraph's exact
/// line spacing.
const LINE_PITCH: i32 = TEXT_HEIGHT / LINES;
/// The character pitch: the largest whole number of twips that still fits
/// 28 characters (315 twips, 15.75 pt).
const CHAR_PITCH: i32 = TEXT_WIDTH / CHARS;
/// 三号 (16 pt), the body's size, in half-points.
const SIZE_3: usize = 32;
/// 二号 (22 pt), the title's.
const SIZE_2: usize = 44;
/// 四号 (14 pt), the page number's.
const SIZE_4: usize = 28;
/// How much closer body-size characters sit to make the character pitch,
/// in twips (−5: 0.25 pt).
const CONDENSED: i32 = CHAR_PITCH - SIZE_3 as i32 * 10;
// 22 lines and 28 condensed characters fit the text area, one more of
// either would not; 28 characters at their natural width would not fit.
const _: () = assert!(LINE_PITCH * LINES <= TEXT_HEIGHT && (LINE_PITCH + 1) * LINES > TEXT_HEIGHT);
const _: () = assert!(
    CHARS * (SIZE_3 as i32 * 10 + CONDENSED) <= TEXT_WIDTH
        && (CHARS + 1) * (SIZE_3 as i32 * 10 + CONDENSED) > TEXT_WIDTH
);
const _: () = assert!(CHARS * SIZE_3 as i32 * 10 > TEXT_WIDTH);

/// The page number's line: exact, its own size, off the grid.
const PAGE_NUMBER_LINE: i32 = SIZE_4 as i32 * 10;
/// §7.5: the dashes round the page number sit 7 mm below the text area;
/// the footer's line is centred on them.
const FOOTER: i32 = mm(35.0 - 7.0) - PAGE_NUMBER_LINE / 2;
/// Where a header would go; the 公文 has none.
const HEADER: i32 = mm(15.0);

/// Twips for `halves` half-width characters of the body (a CJK character
/// is two).
const fn halves(halves: i32) -> i32 {
    halves * CHAR_PITCH / 2
}

/// The Latin fallback beside every East-Asian font.
const LATIN: &str = "Times New Roman";
const XIAOBIAOSONG: &str = "方正小标宋简体";
const FANGSONG: &str = "仿宋_GB2312";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体_GB2312";
const SONGTI: &str = "宋体";

/// How one kind of paragraph looks: its style, and the font and size its
/// runs repeat, so that the text keeps them when pasted elsewhere or read
/// by a program that looks at runs only.
struct Look {
    id: &'static str,
    name: &'static str,
    font: &'static str,
    size: usize,
    align: AlignmentType,
    /// First line indented two characters.
    indent: bool,
    /// Outline level, for Word's navigation pane.
    outline: Option<usize>,
    /// Exact line spacing, twips.
    line: i32,
    /// Whether lines snap to the line grid. Lines taller than its pitch
    /// (the title's, the page number's) would take two grid lines in
    /// LibreOffice; exact spacing alone places them.
    on_grid: bool,
}

const TITLE: Look = Look {
    id: "GwTitle",
    name: "公文标题",
    font: XIAOBIAOSONG,
    size: SIZE_2,
    align: AlignmentType::Center,
    indent: false,
    outline: None,
    line: LINE_PITCH,
    on_grid: false,
};
const SUBTITLE: Look = Look {
    id: "GwSubtitle",
    name: "公文副标题",
    font: KAITI,
    size: SIZE_3,
    align: AlignmentType::Center,
    indent: false,
    outline: None,
    line: LINE_PITCH,
    on_grid: true,
};
/// §7.3.2: 主送机关 flush left, under the title with a line between.
const ADDRESSEE: Look = Look {
    id: "GwAddressee",
    name: "主送机关",
    font: FANGSONG,
    size: SIZE_3,
    align: AlignmentType::Both,
    indent: false,
    outline: None,
    line: LINE_PITCH,
    on_grid: true,
};
const BODY: Look = Look {
    id: "GwBody",
    name: "公文正文",
    font: FANGSONG,
    size: SIZE_3,
    align: AlignmentType::Both,
    indent: true,
    outline: None,
    line: LINE_PITCH,
    on_grid: true,
};
/// §7.3.3: level one in 黑体, level two in 楷体, level three in 仿宋.
const HEADING_1: Look = Look {
    id: "GwHeading1",
    name: "一级标题",
    font: HEITI,
    size: SIZE_3,
    align: AlignmentType::Both,
    indent: true,
    outline: Some(0),
    line: LINE_PITCH,
    on_grid: true,
};
const HEADING_2: Look = Look {
    id: "GwHeading2",
    name: "二级标题",
    font: KAITI,
    size: SIZE_3,
    align: AlignmentType::Both,
    indent: true,
    outline: Some(1),
    line: LINE_PITCH,
    on_grid: true,
};
/// Signature and date; placed by their own indents.
const SIGNATURE: Look = Look {
    id: "GwSignature",
    name: "署名日期",
    font: FANGSONG,
    size: SIZE_3,
    align: AlignmentType::Left,
    indent: false,
    outline: None,
    line: LINE_PITCH,
    on_grid: true,
};
/// §7.5: 4号半角宋体阿拉伯数字 between two 一字线.
const PAGE_NUMBER: Look = Look {
    id: "GwPageNumber",
    name: "页码",
    font: SONGTI,
    size: SIZE_4,
    align: AlignmentType::Right,
    indent: false,
    outline: None,
    line: PAGE_NUMBER_LINE,
    on_grid: false,
};

const LOOKS: [&Look; 8] = [
    &TITLE,
    &SUBTITLE,
    &ADDRESSEE,
    &BODY,
    &HEADING_1,
    &HEADING_2,
    &SIGNATURE,
    &PAGE_NUMBER,
];

/// The circular as `.docx` bytes.
pub fn docx(c: &Circular) -> std::io::Result<Vec<u8>> {
    let mut ids = ParaIds::default();
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH as u32, PAGE_HEIGHT as u32)
        .page_margin(
            PageMargin::new()
                .top(TOP)
                .bottom(BOTTOM)
                .left(LEFT)
                .right(RIGHT)
                .header(HEADER)
                .footer(FOOTER)
                .gutter(0),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(SIZE_3)
        .default_line_spacing(exact(LINE_PITCH))
        // §7.5: odd pages numbered at the right, even pages at the left.
        .footer(page_number(Page::Odd, &mut ids))
        .even_footer(page_number(Page::Even, &mut ids))
        // Pinned, so the same circular gives the same bytes.
        .created_at(&timestamp(c))
        .updated_at(&timestamp(c));
    for look in LOOKS {
        doc = doc.add_style(style(look));
    }
    doc.document = doc.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH as usize),
    );

    let mut add = |doc: Docx, p: Paragraph| doc.add_paragraph(p.id(ids.next()));
    doc = add(doc, paragraph(&TITLE).add_run(run(&TITLE, &c.title)));
    doc = add(
        doc,
        paragraph(&SUBTITLE).add_run(run(&SUBTITLE, &c.subtitle)),
    );
    if let Some(to) = &c.addressee {
        doc = add(doc, paragraph(&BODY));
        doc = add(doc, paragraph(&ADDRESSEE).add_run(run(&ADDRESSEE, to)));
    }
    for (i, block) in c.body.iter().enumerate() {
        let p = match block {
            Block::Text(t) => paragraph(&BODY).add_run(run(&BODY, t)),
            Block::Heading(n, t) => paragraph(&HEADING_1)
                .keep_next(true)
                .add_run(run(&HEADING_1, &format!("{}、{t}", text::numeral(*n)))),
            Block::Subheading(n, t) => paragraph(&HEADING_2)
                .keep_next(true)
                .add_run(run(&HEADING_2, &format!("（{}）{t}", text::numeral(*n)))),
            // Level three: the number and what the point is about in bold 仿宋.
            Block::Point(n, point) => paragraph(&BODY)
                .add_run(run(&BODY, &format!("{n}.{}", point.lead)).bold())
                .add_run(run(&BODY, &point.text)),
        };
        // The last paragraph goes with the signature, so that a page never
        // holds the signature and date alone.
        let p = if i + 1 == c.body.len() {
            p.keep_next(true)
        } else {
            p
        };
        doc = add(doc, p);
    }
    // §7.3.5.2: a line under the text, then the signature and the date.
    doc = add(doc, paragraph(&BODY).keep_next(true));
    let (signature, date) = signature_and_date(&c.signature, &c.date_text());
    doc = add(doc, signature.keep_next(true));
    doc = add(doc, date);

    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// Signature and date, unsealed (§7.3.5.2): the signature 右空二字, the date
/// under it starting two characters further right; when the date is the
/// longer, it takes the two-character right margin and the signature starts
/// two characters right of the date's start.
fn signature_and_date(signature: &str, date: &str) -> (Paragraph, Paragraph) {
    let width = |s: &str| halves(UnicodeWidthStr::width(s) as i32);
    let line = |text: &str| paragraph(&SIGNATURE).add_run(run(&SIGNATURE, text));
    // The longer line: right-aligned, two characters from the edge.
    let longer = |text: &str| {
        line(text)
            .align(AlignmentType::Right)
            .indent(Some(0), None, Some(halves(4)), None)
    };
    // The shorter: starting two characters right of the longer's start.
    let shorter = |text: &str, longer: &str| {
        line(text).indent(Some(TEXT_WIDTH - width(longer)), None, None, None)
    };
    if width(signature) >= width(date) {
        (longer(signature), shorter(date, signature))
    } else {
        (shorter(signature, date), longer(date))
    }
}

/// Odd or even pages, which number at different sides.
#[derive(Debug, Clone, Copy)]
enum Page {
    Odd,
    Even,
}

/// The footer with the page number, `— 1 —`, one character (of its own
/// size) in from the outside edge of the text area: right on odd pages,
/// left on even ones.
fn page_number(page: Page, ids: &mut ParaIds) -> Footer {
    let one = SIZE_4 as i32 * 10;
    let p = paragraph(&PAGE_NUMBER).id(ids.next());
    let p = match page {
        Page::Odd => p
            .align(AlignmentType::Right)
            .indent(Some(0), None, Some(one), None),
        Page::Even => p
            .align(AlignmentType::Left)
            .indent(Some(one), None, None, None),
    };
    let field = run(&PAGE_NUMBER, "")
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    Footer::new().add_paragraph(
        p.add_run(run(&PAGE_NUMBER, "— "))
            .add_run(field)
            .add_run(run(&PAGE_NUMBER, " —")),
    )
}

/// A paragraph of `look`, its style named; spacing and alignment come from
/// the style.
fn paragraph(look: &Look) -> Paragraph {
    Paragraph::new().style(look.id)
}

/// A run of `text` in `look`'s font and size.
fn run(look: &Look, text: &str) -> Run {
    let mut r = Run::new().fonts(fonts(look.font)).size(look.size);
    if let Some(twips) = condensed(look) {
        r = r.character_spacing(twips);
    }
    if text.is_empty() { r } else { r.add_text(text) }
}

/// Body-size text is condensed to the character pitch; the title and the
/// page number keep their natural spacing.
fn condensed(look: &Look) -> Option<i32> {
    (look.size == SIZE_3).then_some(CONDENSED)
}

fn style(look: &Look) -> Style {
    let mut s = Style::new(look.id, StyleType::Paragraph)
        .name(look.name)
        .based_on("Normal")
        .next(BODY.id)
        .q_format(true)
        .fonts(fonts(look.font))
        .size(look.size)
        .align(look.align);
    if let Some(twips) = condensed(look) {
        s.run_property = s.run_property.character_spacing(twips);
    }
    s = s.line_spacing(exact(look.line));
    if !look.on_grid {
        s = s.snap_to_grid(false);
    }
    if look.indent {
        s = s.indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(halves(4))),
            None,
            None,
        );
    }
    if let Some(level) = look.outline {
        s = s.outline_lvl(level);
    }
    s
}

/// `east_asia` for CJK text, Times New Roman for Latin letters and digits;
/// ambiguous characters (the page number's 一字线, quotes) in the CJK font.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
        .east_asia(east_asia)
        .hint("eastAsia")
}

fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
        .before(0)
        .after(0)
}

/// The package's created and modified time: the circular's date, so that
/// nothing in the file depends on when it was written.
fn timestamp(c: &Circular) -> String {
    format!("{}T00:00:00Z", c.date.format("%Y-%m-%d"))
}

/// Paragraph ids (`w14:paraId`) numbered here: docx-rs numbers paragraphs
/// from a per-thread counter as they are made, so its ids would depend on
/// what the thread made before.
#[derive(Default)]
struct ParaIds(u32);

impl ParaIds {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("{:08X}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::report::circular::{Point, draft};
    use crate::report::fixture::june as sample_summary;

    fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("the part")
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    }

    #[test]
    fn the_grid_is_22_lines_of_28_characters() {
        assert_eq!((TOP, BOTTOM, LEFT, RIGHT), (2098, 1984, 1587, 1474));
        assert_eq!(LINE_PITCH, 579);
        assert_eq!(CHAR_PITCH, 315);
        assert_eq!(CONDENSED, -5);
        assert_eq!(halves(4), 630);
    }

    #[test]
    fn the_same_circular_gives_the_same_bytes() {
        let c = draft(&sample_summary());
        let first = docx(&c).expect("a docx");
        let second = docx(&c).expect("a docx");
        assert!(first == second, "two renders differ");
        // docx-rs numbers paragraphs per thread: a fresh thread, the same bytes.
        let elsewhere = std::thread::spawn(move || docx(&c).expect("a docx"))
            .join()
            .expect("the thread");
        assert!(first == elsewhere, "a render on another thread differs");
        // The package's times are the circular's date, not the clock's.
        let core = part(&first, "docProps/core.xml");
        let date = timestamp(&draft(&sample_summary()));
        assert_eq!(core.matches(&date).count(), 2, "{core}");
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        let mut c = draft(&sample_summary());
        c.body.push(Block::Point(
            1,
            Point {
                lead: "第9项「<b>&</b>」：".to_string(),
                text: "\"引号\" & 'x'".to_string(),
            },
        ));
        let doc = part(&docx(&c).expect("a docx"), "word/document.xml");
        assert!(doc.contains("「&lt;b&gt;&amp;&lt;/b&gt;」"), "{doc}");
        assert!(!doc.contains("<b>"));
    }

    #[test]
    fn the_longer_of_signature_and_date_takes_the_right_margin() {
        let xml = |p: Paragraph| {
            let mut doc = Vec::new();
            let _ = Docx::new()
                .add_paragraph(p)
                .build()
                .pack(Cursor::new(&mut doc));
            part(&doc, "word/document.xml")
        };
        // A short signature: the date is right-aligned, the signature
        // starts two characters right of the date's start.
        let (signature, date) = signature_and_date("办公室", "2025年12月31日");
        let (s, d) = (xml(signature), xml(date));
        assert!(d.contains(r#"<w:jc w:val="right""#), "{d}");
        assert!(d.contains(&format!(r#"w:right="{}""#, halves(4))), "{d}");
        let date_width = halves(14);
        assert!(
            s.contains(&format!(r#"w:left="{}""#, TEXT_WIDTH - date_width)),
            "{s}"
        );
    }
}
