//! Milestones inside a task's text: dated (`3月提交…`, `上半年`) and
//! counted (`全年形成4批`, `不少于15次`) commitments, named deliverables.

use super::*;

/// A commitment inside a task's text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Milestone {
    pub(super) name: String,
    pub(super) kind: FigureKind,
    pub(super) comparator: Comparator,
    pub(super) target: Option<f64>,
    pub(super) unit: String,
    pub(super) due: NaiveDate,
    pub(super) notes: Vec<String>,
    pub(super) sentence: String,
}

/// The last day of a month.
pub(super) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Periods of the year a notice names, and the day they end.
pub(super) const PERIODS: &[(&str, u32, u32)] = &[
    ("前三季度", 9, 30),
    ("第一季度", 3, 31),
    ("第二季度", 6, 30),
    ("第三季度", 9, 30),
    ("第四季度", 12, 31),
    ("一季度", 3, 31),
    ("二季度", 6, 30),
    ("三季度", 9, 30),
    ("四季度", 12, 31),
    ("上半年", 6, 30),
    ("下半年", 12, 31),
    ("年底前", 12, 31),
    ("年底", 12, 31),
    ("年末", 12, 31),
    ("年内", 12, 31),
];

/// A deadline in a clause (`3月`, `6月底前`, `2025年9月30日前`, `上半年`,
/// `年底前`): the day and the words that say it.
pub(super) fn deadline(
    c: &Chars,
    clause: &Range<usize>,
    year: i32,
) -> Option<(NaiveDate, Range<usize>)> {
    let words: Vec<&str> = PERIODS.iter().map(|p| p.0).collect();
    for i in clause.clone() {
        if let Some(w) = c.word_at(i, &words)
            && let Some(&(_, m, d)) = PERIODS.iter().find(|p| p.0 == w)
            && let Some(day) = NaiveDate::from_ymd_opt(year, m, d)
        {
            let mut end = i + w.chars().count();
            if let Some(w) = c.word_at(end, &["之前", "以前", "前"]) {
                end += w.chars().count();
            }
            return Some((day, i..end));
        }
        let Some(n) = number_at(c, i) else { continue };
        let after = c.skip_spaces(n.end);
        if c.fold.get(after) != Some(&'月') || n.digits.contains('.') || n.digits.len() > 2 {
            continue;
        }
        let Ok(month) = n.digits.parse::<u32>() else {
            continue;
        };
        if !(1..=12).contains(&month) {
            continue;
        }
        // An explicit year before the month: `2025年3月`.
        let mut start = i;
        let mut y = year;
        let before = c.back_spaces(i);
        if before >= 5 && c.fold[before - 1] == '年' {
            let digits: String = c.fold[before - 5..before - 1].iter().collect();
            if let Ok(v) = digits.parse::<i32>()
                && digits.chars().all(|d| d.is_ascii_digit())
            {
                y = v;
                start = before - 5;
            }
        }
        let mut end = after + 1;
        if c.fold.get(end) == Some(&'份') {
            end += 1;
        }
        let mut day = month_end(y, month);
        if let Some(d) = number_at(c, c.skip_spaces(end)).filter(|d| !d.cjk)
            && matches!(c.fold.get(d.end), Some('日' | '号'))
        {
            day = d
                .digits
                .parse()
                .ok()
                .and_then(|dd| NaiveDate::from_ymd_opt(y, month, dd));
            end = d.end + 1;
        } else if let Some(w) = c.word_at(end, &["上旬", "中旬", "下旬", "底", "末"]) {
            day = match w {
                "上旬" => NaiveDate::from_ymd_opt(y, month, 10),
                "中旬" => NaiveDate::from_ymd_opt(y, month, 20),
                _ => day,
            };
            end += w.chars().count();
        }
        if let Some(w) = c.word_at(end, &["之前", "以前", "前"]) {
            end += w.chars().count();
        }
        return day.map(|d| (d, start..end));
    }
    None
}

/// A count milestone in a clause: `全年形成4批…`, `不少于15次`, `形成 3 篇以上…`,
/// `第二、三批…`.
pub(super) struct Count {
    pub(super) value: f64,
    pub(super) unit: String,
    pub(super) comparator: Comparator,
    pub(super) name: String,
    /// Deliverables named after the counted one (`4批名单和相关报告`).
    pub(super) extra: Vec<String>,
    pub(super) notes: Vec<String>,
}

pub(super) fn count(c: &Chars, clause: &Range<usize>) -> Option<Count> {
    let text = piece(c, clause);
    // 第二、三批: as many batches as ordinals.
    for i in clause.clone() {
        if c.fold[i] != '第' {
            continue;
        }
        let mut k = i + 1;
        let mut n: u32 = 0;
        while let Some(num) = number_at(c, k).filter(|num| num.end <= clause.end) {
            n += 1;
            k = num.end;
            if matches!(c.fold.get(k), Some('、' | ',')) {
                k += 1;
            } else {
                break;
            }
        }
        if n >= 2
            && let Some(unit) = c.word_at(k, &["批", "期", "届", "轮"])
        {
            let name = strip_leading(&text, ADVERBS);
            let name = strip_leading(name, COUNT_VERBS);
            let name = strip_trailing(name, FILLERS);
            let listed = c.text(i, k + 1);
            return Some(Count {
                value: f64::from(n),
                unit: unit.to_string(),
                comparator: Comparator::Ge,
                name: name.to_string(),
                extra: Vec::new(),
                notes: vec![format!("按“{listed}”计为 {n} {unit}")],
            });
        }
    }
    for i in clause.clone() {
        let Some(q) = quantity_at(c, i, COUNT_UNITS) else {
            continue;
        };
        let Some(unit) = q.unit else { continue };
        if q.end > clause.end
            || (q.number.cjk && (q.number.digits == "1" && unit == "批"))
            || (q.number.cjk && i > 0 && c.fold[i - 1] == '第')
        {
            continue;
        }
        let before = c.back_spaces(q.number.start);
        let verb = c.word_before(before, COUNT_VERBS);
        let (comparator, said) = match (q.comparator, verb) {
            (Some((cmp, _)), _) => (cmp, true),
            (None, Some(_)) => (Comparator::Ge, false),
            (None, None) => continue,
        };
        let lead = match (q.comparator, verb) {
            (Some((_, true)), _) => q.lead,
            (_, Some(v)) => before - v.chars().count(),
            _ => before,
        };
        let after = piece(c, &(q.end..clause.end));
        let after = strip_trailing(&after, FILLERS);
        let mut parts = after
            .split(['和', '及'])
            .map(|p| p.trim_matches(is_space).to_string())
            .filter(|p| !p.is_empty());
        let name = match parts.next() {
            Some(first) => first,
            None => {
                let raw = piece(c, &(clause.start..lead));
                let raw = strip_leading(&raw, ADVERBS);
                let bare = strip_leading(raw, COUNT_VERBS);
                let chosen = if bare.chars().count() >= 3 { bare } else { raw };
                chosen.to_string()
            }
        };
        let extra = parts
            .filter(|p| DOCUMENT_NOUNS.iter().any(|n| p.ends_with(n)))
            .collect();
        if name.is_empty() {
            continue;
        }
        let shift = if q.number.cjk { 0 } else { q.shift };
        let Some(value) = q.number.value(shift) else {
            continue;
        };
        let mut notes = Vec::new();
        if !said {
            notes.push("原文未写“不少于”，按不少于计".to_string());
        }
        return Some(Count {
            value,
            unit: unit.to_string(),
            comparator,
            name,
            extra,
            notes,
        });
    }
    None
}

/// A deliverable without a date or a count (制定…方案, 召开…会议, 设立读书室,
/// a campaign bounded in time): its name, or `None`.
pub(super) fn deliverable(c: &Chars, clause: &Range<usize>) -> Option<String> {
    let text = piece(c, clause);
    let name = strip_leading(&text, ADVERBS);
    let core = strip_trailing(name, FILLERS);
    let core = core.trim_end_matches(['"', '”', '」', '\'', '’']);
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    let ends = |words: &[&str], s: &str| words.iter().any(|w| s.ends_with(w));
    let parts_end = |words: &[&str]| core.split(['和', '及', '与']).any(|p| ends(words, p));
    let found = SET_UP_VERBS.iter().any(|v| name.starts_with(v))
        || (has(DOCUMENT_VERBS) && parts_end(DOCUMENT_NOUNS))
        || (has(&["发布", "印发", "出台"]) && core.ends_with('》'))
        || (has(EVENT_VERBS) && ends(EVENT_NOUNS, core))
        || (has(CAMPAIGN_VERBS) && ends(CAMPAIGN_NOUNS, core) && has(CAMPAIGN_BOUNDS));
    found.then(|| name.to_string())
}

/// The last `《…》` title in a range, to name a dated step that leaves its
/// object to the clause before (`《…(草案)》制定，3月提交…审议`).
pub(super) fn last_title(c: &Chars, r: &Range<usize>) -> Option<String> {
    let close = (r.start..r.end).rev().find(|&k| c.fold[k] == '》')?;
    let open = (r.start..close).rev().find(|&k| c.fold[k] == '《')?;
    Some(tidy(&c.text(open, close + 1)))
}

/// The milestones in a task's text, in the order the text states them.
pub(super) fn milestones(text: &str, year: i32) -> Vec<Milestone> {
    let Some(year_end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Vec::new();
    };
    let c = Chars::new(text);
    let mut out = Vec::new();
    for s in sentences(&c) {
        let sentence = piece(&c, &s);
        let mut title: Option<String> = None;
        for clause in clauses(&c, s) {
            let date = deadline(&c, &clause, year);
            if let Some(n) = count(&c, &clause) {
                let due = date.as_ref().map_or(year_end, |d| d.0);
                out.push(Milestone {
                    name: n.name,
                    kind: FigureKind::Count,
                    comparator: n.comparator,
                    target: Some(n.value),
                    unit: n.unit,
                    due,
                    notes: n.notes,
                    sentence: sentence.clone(),
                });
                for extra in n.extra {
                    out.push(Milestone {
                        name: extra,
                        kind: FigureKind::Date,
                        comparator: Comparator::Le,
                        target: None,
                        unit: String::new(),
                        due,
                        notes: vec!["原文未写时限，暂按年底；请确认是否列为节点".to_string()],
                        sentence: sentence.clone(),
                    });
                }
            } else if let Some((due, words)) = date {
                let rest = format!(
                    "{}{}",
                    c.text(clause.start, words.start),
                    c.text(words.end, clause.end)
                );
                let rest = tidy(&rest);
                let mut name = strip_leading(rest.trim_matches(is_space), ADVERBS).to_string();
                let mut notes = Vec::new();
                if !name.contains('《')
                    && let Some(t) = &title
                {
                    name = format!("{t}{name}");
                    notes.push("名称由上文补全".to_string());
                }
                if !name.is_empty() {
                    out.push(Milestone {
                        name,
                        kind: FigureKind::Date,
                        comparator: Comparator::Le,
                        target: None,
                        unit: String::new(),
                        due,
                        notes,
                        sentence: sentence.clone(),
                    });
                }
            } else if let Some(name) = deliverable(&c, &clause) {
                out.push(Milestone {
                    name,
                    kind: FigureKind::Date,
                    comparator: Comparator::Le,
                    target: None,
                    unit: String::new(),
                    due: year_end,
                    notes: vec!["原文未写时限，暂按年底；请确认是否列为节点".to_string()],
                    sentence: sentence.clone(),
                });
            }
            if let Some(t) = last_title(&c, &clause) {
                title = Some(t);
            }
        }
    }
    out
}
