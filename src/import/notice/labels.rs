//! The label at the end of a task (`（牵头部门：A、B；配合部门：C）`):
//! leads and co-operators, in any bracket and colon.

use super::*;

/// Who a task's label names.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Label {
    pub(super) leads: Vec<String>,
    pub(super) helpers: Vec<String>,
}

/// Reads a label's content (`牵头部门：A、B；配合部门：C`, `A牵头，B配合`);
/// `None` when it is not a label (`(草案)`, `(RCEP)`).
pub(super) fn read_label(content: &str) -> Option<Label> {
    let s = squeeze(content);
    let starts_with_label = |t: &str| {
        LEAD_LABELS
            .iter()
            .chain(HELPER_LABELS)
            .copied()
            .filter(|l| t.starts_with(l))
            .max_by_key(|l| l.len())
    };
    let names = |t: &str| -> Vec<String> {
        t.split(NAME_SEPARATORS)
            .map(|n| n.trim_start_matches([':', '：']))
            .map(|n| strip_trailing(n, &["等"]).to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let mut label = Label::default();
    if starts_with_label(&s).is_some() {
        // Segments start at a label word; other pieces add names to the segment before.
        let mut role_is_lead = true;
        for piece in s.split([';', '；', ',', '，']) {
            let rest = match starts_with_label(piece) {
                Some(word) => {
                    role_is_lead = LEAD_LABELS.contains(&word);
                    &piece[word.len()..]
                }
                None => piece,
            };
            let list = if role_is_lead {
                &mut label.leads
            } else {
                &mut label.helpers
            };
            list.extend(names(rest));
        }
    } else if s.contains("牵头") {
        for piece in s.split([';', '；', ',', '，']) {
            if let Some(rest) = piece
                .strip_suffix("牵头")
                .or_else(|| piece.strip_suffix("负责"))
            {
                label.leads.extend(names(rest));
            } else if let Some(rest) = ["配合", "协办", "参与"]
                .iter()
                .find_map(|w| piece.strip_suffix(w))
            {
                label.helpers.extend(names(rest));
            }
        }
    } else {
        return None;
    }
    (!label.leads.is_empty() || !label.helpers.is_empty()).then_some(label)
}

/// A task paragraph split into its body, its label and what follows the label.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Labelled {
    pub(super) body: String,
    pub(super) label: Label,
    /// The labels as written, for the 来源原文 of the leads.
    pub(super) label_text: String,
    /// Text after a label that closes the task (a signature, a page footer).
    pub(super) trailing: Option<String>,
}

/// How far a label's closing bracket may be from its opening one.
pub(super) const LABEL_REACH: usize = 120;

/// Finds the labels of a task paragraph (any bracket, anywhere; or an
/// unbracketed `牵头部门：…` after the last sentence) and takes them out.
pub(super) fn split_label(paragraph: &str) -> Labelled {
    let c = Chars::new(paragraph);
    let mut groups: Vec<(usize, usize, Label)> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if matches!(c.fold[i], '(' | '[') {
            // A label is short; one left open runs to the paragraph's end.
            let reach = c.len().min(i + 1 + LABEL_REACH);
            let close = (i + 1..reach)
                .find(|&k| matches!(c.fold[k], ')' | ']'))
                .or((reach == c.len()).then_some(c.len()));
            if let Some(close) = close
                && let Some(label) = read_label(&c.text(i + 1, close))
            {
                groups.push((i, (close + 1).min(c.len()), label));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    if groups.is_empty() {
        let last_stop = c
            .fold
            .iter()
            .rposition(|ch| *ch == '。')
            .map_or(0, |p| p + 1);
        let start = (last_stop..c.len()).find(|&k| {
            c.word_at(k, LEAD_LABELS)
                .is_some_and(|w| matches!(c.fold.get(k + w.chars().count()), Some(':')))
        });
        if let Some(start) = start
            && let Some(label) = read_label(&c.text(start, c.len()))
        {
            groups.push((start, c.len(), label));
        }
    }
    let mut out = Labelled::default();
    let Some(&(_, last_end, _)) = groups.last() else {
        out.body = paragraph.trim_matches(is_space).to_string();
        return out;
    };
    let mut body = String::new();
    let mut at = 0;
    let mut texts = Vec::new();
    for (start, end, label) in &groups {
        body.push_str(&c.text(at, *start));
        texts.push(c.text(*start, *end));
        out.label.leads.extend(label.leads.iter().cloned());
        out.label.helpers.extend(label.helpers.iter().cloned());
        at = *end;
    }
    let after = c.text(last_end, c.len());
    let after = after.trim_matches(is_space);
    // After a label that follows a whole sentence, the task is over.
    let closed = body
        .trim_end_matches(is_space)
        .ends_with(['。', '；', ';', '.']);
    if !after.is_empty() {
        if closed {
            out.trailing = Some(after.to_string());
        } else {
            body.push_str(after);
        }
    }
    out.body = tidy(&body).trim_matches(is_space).to_string();
    out.label_text = tidy(&texts.join(""));
    out
}
