//! The circular as plain text: one paragraph a line, Chinese numbering, a
//! blank line before each part and before the signature.

use std::fmt::Write as _;

use super::{Block, Circular};
use crate::text::numeral;

/// The circular's draft text.
pub fn text(c: &Circular) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", c.title);
    let _ = writeln!(out, "{}", c.subtitle);
    let _ = writeln!(out);
    if let Some(to) = &c.addressee {
        let _ = writeln!(out, "{to}");
    }
    for block in &c.body {
        let _ = match block {
            Block::Text(t) => writeln!(out, "{t}"),
            Block::Heading(n, t) => writeln!(out, "\n{}、{t}", numeral(*n)),
            Block::Subheading(n, t) => writeln!(out, "（{}）{t}", numeral(*n)),
            Block::Point(n, p) => writeln!(out, "{n}. {}{}", p.lead, p.text),
        };
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", c.signature);
    let _ = writeln!(out, "{}", c.date_text());
    out
}
