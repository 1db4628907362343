//! Lines into blocks: each line cleaned of OCR noise and classed (part
//! heading, section heading, numbered item, running text), running text
//! joined to its paragraph.

use super::*;

/// A line as the drafter classes it.
#[derive(Debug, PartialEq)]
pub(super) enum Line {
    /// `一、主要目标`: a part of the notice.
    Part {
        numeral: String,
        title: String,
    },
    /// `（一）抓好重大事项落实`: a section of the tasks.
    Section {
        numeral: String,
        title: String,
    },
    /// `1. …`, `1、…`, `（1）…`, `第1项 …`, `① …`: a goal or a task.
    Item {
        number: u32,
        rest: String,
    },
    Text(String),
}

/// A paragraph of the notice, lines joined.
#[derive(Debug, PartialEq)]
pub(super) enum Block {
    /// A line before the first heading or item: title, document number, addressees.
    Front(String),
    Heading {
        numeral: String,
        title: String,
        /// Whether the heading is about targets (主要目标), so its items are indicators.
        goals: bool,
        source: String,
    },
    /// A paragraph under a heading about targets.
    Goal(String),
    /// A numbered item elsewhere: a task.
    Task { number: u32, text: String },
    /// Running text under a heading that is not in a numbered item.
    Loose(String),
}

/// A line without Markdown (`#`, `- `, `**`) and outer spaces; `None` for an
/// empty line or a page number (`- 3 -`).
pub(super) fn clean_line(raw: &str) -> Option<String> {
    let t = raw.trim_matches(is_space);
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && t.chars()
            .all(|c| c.is_ascii_digit() || is_space(c) || matches!(c, '-' | '—' | '–' | '－'))
    {
        return None;
    }
    let mut s = t.replace("**", "");
    loop {
        let before = s.len();
        let trimmed = s.trim_start_matches('#').trim_start_matches(is_space);
        let trimmed = ["- ", "* ", "+ ", "• ", "· ", "> "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m))
            .unwrap_or(trimmed)
            .trim_matches(is_space);
        s = trimmed.to_string();
        if s.len() == before {
            break;
        }
    }
    (!s.is_empty()).then_some(s)
}

/// A heading's title, or `None` when the rest of the line is a sentence.
pub(super) fn heading_title(rest: &str) -> Option<String> {
    let t = tidy(rest);
    let t = t.trim_matches(is_space);
    let t = t.strip_suffix('。').unwrap_or(t);
    (!t.contains('。') && t.chars().count() <= 40).then(|| t.to_string())
}

/// How a numbered item starts: its number and how many chars the numbering takes.
pub(super) fn numbering(f: &[char]) -> Option<(u32, usize)> {
    let digits = |from: usize| -> Option<(u32, usize)> {
        let n = f[from.min(f.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=3).contains(&n) {
            return None;
        }
        let text: String = f[from..from + n].iter().collect();
        text.parse().ok().map(|v| (v, from + n))
    };
    let spaces = |mut i: usize| {
        while f.get(i) == Some(&' ') {
            i += 1;
        }
        i
    };
    let (number, end) = match *f.first()? {
        c @ '\u{2460}'..='\u{2473}' => (c as u32 - 0x245F, 1),
        '(' => {
            let (n, i) = digits(spaces(1))?;
            let i = spaces(i);
            (f.get(i) == Some(&')')).then_some((n, i + 1))?
        }
        '第' => {
            let (n, i) = match digits(1) {
                Some(d) => d,
                None => {
                    let run = f[1..].iter().take_while(|c| is_cjk_numeral(**c)).count();
                    (cjk_number(&f[1..1 + run])?, 1 + run)
                }
            };
            if !matches!(f.get(i), Some('项' | '条')) {
                return None;
            }
            let i = i + 1;
            let i = if matches!(f.get(i), Some('.' | '、' | ':' | ',')) {
                i + 1
            } else {
                i
            };
            (n, i)
        }
        c if c.is_ascii_digit() => {
            let (n, i) = digits(0)?;
            let i = spaces(i);
            match f.get(i) {
                Some('.' | '、') if !f.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                    (n, i + 1)
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    (number > 0).then_some((number, spaces(end)))
}

pub(super) fn classify(line: &str) -> Line {
    let c = Chars::new(line);
    let f = &c.fold;
    // 一、…
    let run = f.iter().take_while(|ch| is_cjk_numeral(**ch)).count();
    if (1..=3).contains(&run)
        && f.get(run) == Some(&'、')
        && let Some(title) = heading_title(&c.text(run + 1, c.len()))
    {
        return Line::Part {
            numeral: c.text(0, run),
            title,
        };
    }
    // （一）…
    if f.first() == Some(&'(') {
        let start = c.skip_spaces(1);
        let run = f[start..]
            .iter()
            .take_while(|ch| is_cjk_numeral(**ch))
            .count();
        let close = c.skip_spaces(start + run);
        if (1..=3).contains(&run)
            && f.get(close) == Some(&')')
            && let Some(title) = heading_title(&c.text(close + 1, c.len()))
        {
            return Line::Section {
                numeral: c.text(start, start + run),
                title,
            };
        }
    }
    if let Some((number, end)) = numbering(f) {
        return Line::Item {
            number,
            rest: c.text(end, c.len()),
        };
    }
    Line::Text(line.to_string())
}

/// Appends a wrapped line to its paragraph: no space, unless both sides are
/// Latin letters or digits (`PCT` / `专利` join as `PCT专利`).
pub(super) fn join(paragraph: &mut String, line: &str) {
    let a = paragraph.chars().next_back().map(fold);
    let b = line.chars().next().map(fold);
    if a.is_some_and(is_latin) && b.is_some_and(is_latin) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// The notice as blocks: front-matter lines, headings, goal and task
/// paragraphs with their wrapped lines joined.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    #[derive(PartialEq)]
    enum Mode {
        Front,
        Goals,
        Tasks,
    }
    let mut mode = Mode::Front;
    let mut blocks: Vec<Block> = Vec::new();
    // Whether the last block takes the next running line.
    let mut open = false;
    for raw in text.lines() {
        let Some(line) = clean_line(raw) else {
            continue;
        };
        match classify(&line) {
            Line::Part { numeral, title } | Line::Section { numeral, title } => {
                let goals = title.contains("目标");
                mode = if goals { Mode::Goals } else { Mode::Tasks };
                blocks.push(Block::Heading {
                    numeral,
                    title,
                    goals,
                    source: line,
                });
                open = false;
            }
            Line::Item { number, rest } => {
                blocks.push(if mode == Mode::Goals {
                    Block::Goal(rest)
                } else {
                    mode = Mode::Tasks;
                    Block::Task { number, text: rest }
                });
                open = true;
            }
            Line::Text(text) => match (&mode, blocks.last_mut()) {
                (Mode::Front, _) => blocks.push(Block::Front(text)),
                (_, Some(Block::Goal(p) | Block::Task { text: p, .. } | Block::Loose(p)))
                    if open =>
                {
                    join(p, &text)
                }
                (Mode::Goals, _) => {
                    blocks.push(Block::Goal(text));
                    open = true;
                }
                (_, _) => {
                    blocks.push(Block::Loose(text));
                    open = true;
                }
            },
        }
    }
    blocks
}
