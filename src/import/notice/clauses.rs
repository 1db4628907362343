//! Sentences and clauses of a paragraph, and trimming words at their ends.

use super::*;

/// Sentences of a text: ranges ending before `。`, `；`, `！` or `？`.
pub(super) fn sentences(c: &Chars) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in c.fold.iter().enumerate() {
        if matches!(ch, '。' | ';' | '；' | '!' | '?' | '！' | '？') {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..c.len());
    out.retain(|r| c.text(r.start, r.end).chars().any(|ch| !is_space(ch)));
    out
}

/// Clauses of a sentence: split at commas outside brackets and quotes, and
/// not inside a number (`3,000`).
pub(super) fn clauses(c: &Chars, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    let mut depth = 0usize;
    let mut quoted = false;
    for i in sentence.clone() {
        match c.fold[i] {
            '(' | '《' | '[' | '〈' => depth += 1,
            ')' | '》' | ']' | '〉' => depth = depth.saturating_sub(1),
            '"' => quoted = !quoted,
            ',' | '，' if depth == 0 && !quoted => {
                let digits = i > 0
                    && c.fold[i - 1].is_ascii_digit()
                    && c.fold.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                if !digits {
                    out.push(start..i);
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    out.push(start..sentence.end);
    out.retain(|r| c.text(r.start, r.end).chars().any(|ch| !is_space(ch)));
    out
}

/// The text of a range, spaces tidied and trimmed.
pub(super) fn piece(c: &Chars, r: &Range<usize>) -> String {
    tidy(&c.text(r.start, r.end))
        .trim_matches(is_space)
        .to_string()
}

/// `s` without the words of `words` it starts with, as often as they come.
pub(super) fn strip_leading<'s>(mut s: &'s str, words: &[&str]) -> &'s str {
    loop {
        let before = s.len();
        for w in words {
            if let Some(rest) = s.strip_prefix(w)
                && !rest.is_empty()
            {
                s = rest.trim_start_matches(is_space);
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `s` without the words of `words` it ends with, as often as they come.
pub(super) fn strip_trailing<'s>(mut s: &'s str, words: &[&str]) -> &'s str {
    loop {
        let before = s.len();
        for w in words {
            if let Some(rest) = s.strip_suffix(w)
                && !rest.is_empty()
            {
                s = rest.trim_end_matches(is_space);
            }
        }
        if s.len() == before {
            return s;
        }
    }
}
