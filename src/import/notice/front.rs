//! The front matter: the document number, the year, the plan's name and
//! the issuing bureau.

use super::*;

/// The document number in a line (`沪浦知局[2025]17号`), written the official
/// way (`沪浦知局〔2025〕17号`), with its year.
pub(super) fn document_number(line: &str) -> Option<(String, i32)> {
    let c = Chars::new(line);
    for i in 0..c.len() {
        if !matches!(c.fold[i], '[' | '(') {
            continue;
        }
        let digits: String = c.fold.get(i + 1..i + 5)?.iter().collect();
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        if !digits.chars().all(|d| d.is_ascii_digit())
            || !matches!(c.fold.get(i + 5), Some(']' | ')'))
        {
            continue;
        }
        let n: String = c.fold[i + 6..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .collect();
        if n.is_empty() || c.fold.get(i + 6 + n.chars().count()) != Some(&'号') {
            continue;
        }
        let before = c.back_spaces(i);
        let prefix_len = c.orig[..before]
            .iter()
            .rev()
            .take_while(|ch| is_cjk(**ch))
            .take(12)
            .count();
        if prefix_len == 0 {
            continue;
        }
        let prefix = c.text(before - prefix_len, before);
        return Some((format!("{prefix}〔{year}〕{n}号"), year));
    }
    None
}

/// A line without any spaces.
pub(super) fn no_spaces(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

/// The first year written `2025年` in a text.
pub(super) fn year_in(s: &str) -> Option<i32> {
    let c = Chars::new(&no_spaces(s));
    (0..c.len()).find_map(|i| {
        let n = number_at(&c, i).filter(|n| !n.cjk && n.digits.len() == 4)?;
        (c.fold.get(n.end) == Some(&'年'))
            .then(|| n.digits.parse().ok())
            .flatten()
    })
}

/// The plan's title in a line: `浦东新区知识产权局 2025 年工作要点`, or the
/// `《…》` of `关于印发《…》的通知`.
pub(super) fn plan_name(line: &str) -> Option<String> {
    let s = no_spaces(line);
    let is_title = |t: &str| PLAN_TITLES.iter().any(|w| t.ends_with(w)) && year_in(t).is_some();
    if !s.starts_with("关于") && s.chars().count() <= 40 && is_title(&s) {
        return Some(s);
    }
    if s.starts_with("关于") {
        let open = s.find('《')?;
        let close = s[open..].find('》')? + open;
        let inner = &s[open + '《'.len_utf8()..close];
        return is_title(inner).then(|| inner.to_string());
    }
    None
}

/// The issuing body in a line: a name alone (`上海市浦东新区知识产权局`), or
/// before the date of a signature (`…知识产权局 2025年3月19日`).
pub(super) fn bureau_name(line: &str) -> Option<String> {
    let s = no_spaces(line);
    let lead: String = s.chars().take_while(|c| is_cjk(*c)).collect();
    let rest = &s[lead.len()..];
    let fits = (2..=30).contains(&lead.chars().count())
        && BUREAU_ENDINGS.iter().any(|e| lead.ends_with(e))
        && !lead.starts_with("关于")
        && (rest.is_empty()
            || (rest.starts_with(|c: char| c.is_ascii_digit()) && rest.contains('年')));
    fits.then_some(lead)
}
