//! Numbers, quantities and the headline targets of 主要目标 (comparator,
//! number, unit; one target per measured quantity).

use super::*;

/// A number as written: Arabic (`2.1`, `3,000`) or a CJK numeral (`十五`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Number {
    /// ASCII digits with at most one `.`, separators dropped.
    pub(super) digits: String,
    pub(super) cjk: bool,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Number {
    /// The value times `10^shift`, moving the decimal point in the digits so
    /// that `2.1` 万 is exactly 21000.
    pub(super) fn value(&self, shift: usize) -> Option<f64> {
        let (int, frac) = self.digits.split_once('.').unwrap_or((&self.digits, ""));
        let all = format!("{int}{frac}");
        let point = int.len() + shift;
        let text = if point >= all.len() {
            format!("{all}{}", "0".repeat(point - all.len()))
        } else {
            format!("{}.{}", &all[..point], &all[point..])
        };
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

/// The number starting at `i`, if one does (not inside a longer number).
pub(super) fn number_at(c: &Chars, i: usize) -> Option<Number> {
    let f = &c.fold;
    let prev = i.checked_sub(1).map(|p| f[p]);
    if f.get(i)?.is_ascii_digit() {
        if prev.is_some_and(|p| p.is_ascii_digit() || p == '.') {
            return None;
        }
        let mut digits = String::new();
        let mut k = i;
        while k < f.len() {
            let ch = f[k];
            if ch.is_ascii_digit() {
                digits.push(ch);
            } else if ch == ','
                && f.get(k + 1..k + 4)
                    .is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !f.get(k + 4).is_some_and(|d| d.is_ascii_digit())
            {
                // thousands separator
            } else if ch == '.'
                && !digits.contains('.')
                && f.get(k + 1).is_some_and(|d| d.is_ascii_digit())
            {
                digits.push('.');
            } else {
                break;
            }
            k += 1;
        }
        // Forty digits is no target; keep the text from building huge numbers.
        return (digits.len() <= 40).then_some(Number {
            digits,
            cjk: false,
            start: i,
            end: k,
        });
    }
    if is_cjk_numeral(f[i]) && !prev.is_some_and(is_cjk_numeral) {
        let run = f[i..].iter().take_while(|ch| is_cjk_numeral(**ch)).count();
        let value = cjk_number(&f[i..i + run])?;
        return Some(Number {
            digits: value.to_string(),
            cjk: true,
            start: i,
            end: i + run,
        });
    }
    None
}

/// A number with what surrounds it: magnitude, unit, comparator words.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Quantity {
    pub(super) number: Number,
    /// 万 (4) or 亿 (8), as a power of ten.
    pub(super) shift: usize,
    /// `亿`/`万` as written, for amounts that keep it.
    pub(super) magnitude: Option<char>,
    pub(super) unit: Option<&'static str>,
    /// The comparator and whether a word before the number said it.
    pub(super) comparator: Option<(Comparator, bool)>,
    /// Where the words before the number begin (its comparator word).
    pub(super) lead: usize,
    /// Past the unit and any 以上/以下.
    pub(super) end: usize,
}

/// The quantity whose number starts at `i`, with a unit from `units`.
pub(super) fn quantity_at(c: &Chars, i: usize, units: &[&'static str]) -> Option<Quantity> {
    let number = number_at(c, i)?;
    let mut k = c.skip_spaces(number.end);
    let (shift, magnitude) = match c.fold.get(k) {
        Some('万') => (4, Some('万')),
        Some('亿') => (8, Some('亿')),
        _ => (0, None),
    };
    if magnitude.is_some() {
        k = c.skip_spaces(k + 1);
    }
    let unit = c.word_at(k, units);
    if let Some(u) = unit {
        k += u.chars().count();
    }
    let after = c.skip_spaces(k);
    let mut end = k;
    let mut comparator = None;
    if let Some(w) = c.word_at(
        after,
        &COMPARATORS_AFTER.iter().map(|p| p.0).collect::<Vec<_>>(),
    ) {
        comparator = COMPARATORS_AFTER
            .iter()
            .find(|p| p.0 == w)
            .map(|p| (p.1, false));
        end = after + w.chars().count();
    }
    let before = c.back_spaces(number.start);
    let mut lead = before;
    let words: Vec<&str> = COMPARATORS_BEFORE.iter().map(|p| p.0).collect();
    if let Some(w) = c.word_before(before, &words) {
        comparator = COMPARATORS_BEFORE
            .iter()
            .find(|p| p.0 == w)
            .map(|p| (p.1, true));
        lead = before - w.chars().count();
    }
    Some(Quantity {
        number,
        shift,
        magnitude,
        unit,
        comparator,
        lead,
        end,
    })
}

/// A headline target read from 主要目标.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Target {
    pub(super) name: String,
    pub(super) comparator: Comparator,
    pub(super) value: f64,
    pub(super) unit: String,
    /// Why it is to be confirmed beyond the carried-over owner and kind.
    pub(super) notes: Vec<String>,
    pub(super) sentence: String,
}

/// The measured quantity `A和B金额` split into `A金额` and `B金额`, sharing the
/// head (金额) and the field (知识产权) the notice writes once.
pub(super) fn split_measures(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name
        .split(['和', '及', '与', '、'])
        .map(|p| p.trim_matches(is_space))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return vec![name.to_string()];
    }
    let last = parts[parts.len() - 1];
    let head = MEASURES.iter().find(|m| last.ends_with(*m));
    let domain = DOMAINS.iter().find(|d| parts[0].starts_with(*d));
    parts
        .iter()
        .map(|p| {
            let mut s = p.to_string();
            if let Some(h) = head
                && !MEASURES.iter().any(|m| s.ends_with(m))
            {
                s.push_str(h);
            }
            if let Some(d) = domain
                && !DOMAINS.iter().any(|x| s.starts_with(x))
            {
                s = format!("{d}{s}");
            }
            s
        })
        .collect()
}

/// The targets of one paragraph of 主要目标: every number with a comparator
/// (`超过105件`, `55%以上`), named by the words before it.
pub(super) fn targets(paragraph: &str) -> Vec<Target> {
    let c = Chars::new(&tidy(paragraph));
    let mut out: Vec<Target> = Vec::new();
    let mut subject: Option<String> = None;
    for s in sentences(&c) {
        let sentence = piece(&c, &s);
        for clause in clauses(&c, s) {
            let mut from = clause.start;
            let mut i = clause.start;
            while i < clause.end {
                let Some(q) = quantity_at(&c, i, UNITS)
                    .filter(|q| q.comparator.is_some() && !q.number.cjk && q.end <= clause.end)
                else {
                    i += 1;
                    continue;
                };
                let Some((comparator, _)) = q.comparator else {
                    i += 1;
                    continue;
                };
                let mut notes = Vec::new();
                let raw = piece(&c, &(from..q.lead));
                let mut name = strip_leading(&raw, TARGET_LEADS).to_string();
                let mut split = false;
                for w in ["分别", "均", "都", "各"] {
                    if let Some(rest) = name.strip_suffix(w) {
                        name = rest.trim_end_matches(is_space).to_string();
                        split = true;
                        break;
                    }
                }
                if name.is_empty() || name.starts_with('占') {
                    let Some(s) = &subject else {
                        i = q.end.max(i + 1);
                        continue;
                    };
                    name = if name.is_empty() {
                        s.clone()
                    } else {
                        format!("{s}{name}比例")
                    };
                    notes.push("名称由上文补全".to_string());
                }
                let names = if split {
                    split_measures(&name)
                } else {
                    vec![name.clone()]
                };
                if names.len() > 1 {
                    notes.push(format!("由“{name}”拆为{}项指标", names.len()));
                }
                for name in names {
                    let mut notes = notes.clone();
                    let (value, unit) = target_value(&q, &name, &mut notes);
                    let Some(value) = value else { continue };
                    subject = Some(name.clone());
                    out.push(Target {
                        name,
                        comparator,
                        value,
                        unit,
                        notes,
                        sentence: sentence.clone(),
                    });
                }
                from = q.end;
                i = q.end.max(i + 1);
            }
        }
    }
    out
}

/// A target's value and unit by the built-in plan's convention: counts with
/// 万/亿 expanded to their unit (26万件 → 260000 件), money kept as written
/// (100亿元 → 100 亿元; a bare 亿 after a 金额 is 亿元).
pub(super) fn target_value(
    q: &Quantity,
    name: &str,
    notes: &mut Vec<String>,
) -> (Option<f64>, String) {
    match (q.magnitude, q.unit) {
        (Some(m), Some("元")) => (q.number.value(0), format!("{m}元")),
        (Some(_), Some(u)) => (q.number.value(q.shift), u.to_string()),
        (Some(m), None) if MONEY.iter().any(|w| name.contains(w)) => {
            notes.push(format!("原文只写“{m}”，按金额记为“{m}元”"));
            (q.number.value(0), format!("{m}元"))
        }
        (Some(m), None) => {
            notes.push("原文没有写单位".to_string());
            (q.number.value(0), m.to_string())
        }
        (None, Some(u)) => (q.number.value(0), u.to_string()),
        (None, None) => {
            notes.push("原文没有写单位".to_string());
            (q.number.value(0), String::new())
        }
    }
}
