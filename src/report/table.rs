//! Text tables for the terminal (`workplan plan`, `workplan status`):
//! columns aligned by display width — a CJK character takes two — and long
//! cells wrapped within their column.

use unicode_width::UnicodeWidthStr;

/// How a column's cells sit in their width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column of a text table: its header, the widest it may grow (display
/// columns; longer cells wrap) and its alignment.
pub struct Column {
    pub header: &'static str,
    pub max: usize,
    pub align: Align,
}

/// Splits `text` into lines no wider than `width` display columns (CJK
/// characters count two). Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for source in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        for c in source.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `text` padded with spaces to `width` display columns.
pub fn pad(text: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// Renders rows under a header line and a rule, columns two spaces apart,
/// cells wrapped to their column's width. Lines carry no trailing spaces.
pub fn render_table(columns: &[Column], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(i))
                .flat_map(|cell| cell.lines().map(UnicodeWidthStr::width))
                .max()
                .unwrap_or(0);
            widest.min(c.max).max(c.header.width())
        })
        .collect();
    let mut out = String::new();
    let mut push_line = |cells: Vec<String>| {
        let line = cells.join("  ");
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_line(
        columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| pad(c.header, w, Align::Left))
            .collect(),
    );
    push_line(widths.iter().map(|&w| "-".repeat(w)).collect());
    for row in rows {
        let wrapped: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| wrap(row.get(i).map(String::as_str).unwrap_or(""), w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for n in 0..height {
            push_line(
                columns
                    .iter()
                    .zip(&widths)
                    .zip(&wrapped)
                    .map(|((c, &w), lines)| {
                        pad(lines.get(n).map(String::as_str).unwrap_or(""), w, c.align)
                    })
                    .collect(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(wrap("知识产权保护", 4), ["知识", "产权", "保护"]);
        assert_eq!(wrap("ab知识", 3), ["ab", "知", "识"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(pad("保护处", 8, Align::Left), "保护处  ");
        assert_eq!(pad("13", 4, Align::Right), "  13");
    }
}
