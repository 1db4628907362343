//! Shared look of every workbook the tool writes (the consolidated report,
//! the 任务分解表 and the fill-in templates): fonts, formats, CJK-aware
//! column widths, print settings and pinned document properties.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The font for all cells: present in Windows Office and WPS; LibreOffice
/// substitutes a CJK font.
pub const FONT: &str = "宋体";
/// Body font size (points).
pub const FONT_SIZE: f64 = 11.0;

/// Light fills, as 督办 sheets use them.
pub const RED: u32 = 0xF8CBAD;
pub const YELLOW: u32 = 0xFFE699;
pub const BLUE: u32 = 0xBDD7EE;
pub const GREEN: u32 = 0xC6EFCE;
/// Header fill.
pub const HEADER_FILL: u32 = 0xD9E1F2;
/// Fill of cells a department fills in (templates).
pub const INPUT_FILL: u32 = 0xFFFFF0;

/// The base format: font, size, vertical centring, thin border.
pub fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

/// Wrapped body text, aligned left.
pub fn text() -> Format {
    base().set_text_wrap().set_align(FormatAlign::Left)
}

/// Centred body cell (ids, statuses, numbers that are labels).
pub fn centred() -> Format {
    base().set_align(FormatAlign::Center).set_text_wrap()
}

/// A number with thousands separators and up to two decimals.
pub fn number() -> Format {
    base()
        .set_num_format("#,##0.##")
        .set_align(FormatAlign::Right)
}

/// A ratio shown as a percentage with one decimal.
pub fn percent() -> Format {
    base().set_num_format("0.0%").set_align(FormatAlign::Right)
}

/// A date shown as 2025-03-31.
pub fn date() -> Format {
    base()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Center)
}

/// Column header: bold, filled, wrapped, centred.
pub fn header() -> Format {
    base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(HEADER_FILL))
}

/// Sheet title: large, bold, centred, no border.
pub fn title() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// A line under the title (period, unit, notes): no border.
pub fn subtitle() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

/// Fill for a light.
pub fn fill(rgb: u32) -> Format {
    Format::new().set_background_color(Color::RGB(rgb))
}

/// Display width of text in Excel character units: CJK characters count two.
/// For multi-line text, the longest line.
pub fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A column width that fits `texts` (header included), between `min` and
/// `max` character units; longer text wraps. rust_xlsxwriter's autofit
/// under-sizes CJK text, hence this.
pub fn fit_width<'a>(texts: impl IntoIterator<Item = &'a str>, min: f64, max: f64) -> f64 {
    let widest = texts.into_iter().map(text_width).max().unwrap_or(0) as f64;
    (widest * 1.1 + 2.0).clamp(min, max)
}

/// A4 landscape, fit to one page wide, centred, rows `header_rows` repeated
/// on every printed page, page numbers in the footer.
pub fn print_setup(ws: &mut Worksheet, header_rows: Option<(u32, u32)>) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    if let Some((first, last)) = header_rows {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Pins the document properties, the creation time included, so the same
/// inputs give a byte-identical workbook.
pub fn pin_properties(wb: &mut Workbook, title: &str, author: &str) -> Result<(), XlsxError> {
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(text_width("保护处"), 6);
        assert_eq!(text_width("I4"), 2);
        assert_eq!(text_width("短\n更长一点"), 8);
        assert!(fit_width(["浦东新区知识产权保护中心"], 8.0, 60.0) >= 24.0);
        assert_eq!(fit_width(["x"], 8.0, 60.0), 8.0);
    }
}
