//! Naming a task or a figure by its title when the id is missing: the title
//! must clearly name one task (exact, or contained either way, and unique).

use crate::import::value::squeeze;
use crate::plan::Plan;

/// Shortest row title that may match a longer plan title by containment.
const MIN_PART: usize = 4;
/// Shortest row title that may match a task's full text.
const MIN_TEXT_PART: usize = 8;
/// Most characters a figure name may carry beyond a plan name it contains
/// (`作品登记量累计` is 作品登记量; `作品登记量占全市比例` is another figure).
const MAX_FIGURE_EXTRA: usize = 4;

/// A title without punctuation, quotes, bracketed notes or a leading number:
/// `1、编制“十五五”知识产权规划（牵头）` → `编制十五五知识产权规划`.
pub(crate) fn norm(s: &str) -> String {
    let t = squeeze(s);
    let t = strip_number(&t);
    let mut out = String::with_capacity(t.len());
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '"' | '\'' | '“' | '”' | '‘' | '’' | '《' | '》' | '〈' | '〉' | '<' | '>' | '「'
            | '」' | '『' | '』' | ',' | '，' | '。' | '.' | '、' | ';' | '；' | ':' | '：'
            | '!' | '！' | '?' | '？' | '·' | '•' | '-' | '_' | '—' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Drops a leading `1.`, `1、`, `(1)`, `第1项`, `任务1：`.
fn strip_number(t: &str) -> &str {
    let body = t.strip_prefix("任务").unwrap_or(t);
    let mut saw_digit = false;
    let mut end = 0;
    for (i, c) in body.char_indices() {
        let keep = if c.is_ascii_digit() {
            saw_digit = true;
            true
        } else {
            matches!(c, '.' | '、' | '(' | ')' | ',' | ':' | '第' | ' ') || (c == '项' && saw_digit)
        };
        if !keep {
            break;
        }
        end = i + c.len_utf8();
    }
    if saw_digit { &body[end..] } else { t }
}

/// The plan's task titles and figure names, normalised once.
pub(crate) struct Titles<'p> {
    tasks: Vec<(u32, String, String)>,
    figures: Vec<(&'p str, String)>,
}

impl<'p> Titles<'p> {
    pub fn new(plan: &'p Plan) -> Titles<'p> {
        Titles {
            tasks: plan
                .tasks
                .iter()
                .map(|t| (t.id, norm(&t.title), norm(&t.text)))
                .collect(),
            figures: plan
                .figures
                .iter()
                .map(|f| (f.id.as_str(), norm(&f.name)))
                .collect(),
        }
    }

    /// The task a title clearly names.
    pub fn task(&self, title: &str) -> Option<u32> {
        let n = norm(title);
        let len = n.chars().count();
        if len < 2 {
            return None;
        }
        if let Some((id, ..)) = self.tasks.iter().find(|(_, t, _)| *t == n) {
            return Some(*id);
        }
        let unique = |ids: Vec<u32>| -> Option<u32> {
            let mut ids = ids;
            ids.dedup();
            (ids.len() == 1).then(|| ids[0])
        };
        let by_title: Vec<u32> = self
            .tasks
            .iter()
            .filter(|(_, t, _)| {
                n.contains(t.as_str()) || (len >= MIN_PART && t.contains(n.as_str()))
            })
            .map(|(id, ..)| *id)
            .collect();
        if !by_title.is_empty() {
            return unique(by_title);
        }
        if len >= MIN_TEXT_PART {
            let head: String = n.chars().take(20).collect();
            return unique(
                self.tasks
                    .iter()
                    .filter(|(_, _, text)| text.contains(head.as_str()))
                    .map(|(id, ..)| *id)
                    .collect(),
            );
        }
        None
    }

    /// The figure a name clearly names.
    pub fn figure(&self, name: &str) -> Option<&'p str> {
        let n = norm(name);
        let len = n.chars().count();
        if len < 2 {
            return None;
        }
        if let Some((id, _)) = self.figures.iter().find(|(_, f)| *f == n) {
            return Some(id);
        }
        let found: Vec<&'p str> = self
            .figures
            .iter()
            .filter(|(_, f)| {
                let flen = f.chars().count();
                (n.contains(f.as_str()) && len - flen <= MAX_FIGURE_EXTRA)
                    || (len >= MIN_PART && f.contains(n.as_str()))
            })
            .map(|(id, _)| *id)
            .collect();
        (found.len() == 1).then(|| found[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_tasks() {
        let plan = crate::plan::load_default().expect("plan");
        let t = Titles::new(&plan);
        assert_eq!(t.task("编制“十五五”知识产权规划"), Some(1));
        assert_eq!(t.task("1、编制\"十五五\"知识产权规划"), Some(1));
        assert_eq!(
            t.task("第13项 深化知识产权纠纷多元解决机制（牵头）"),
            Some(13)
        );
        assert_eq!(t.task("强化知识产权行政保护"), Some(10));
        assert_eq!(t.task("纠纷多元解决"), Some(13));
        assert_eq!(t.task("知识产权"), None, "names many tasks");
        assert_eq!(t.task("植树造林"), None);
        assert_eq!(
            t.task("积极推进《浦东新区促进知识产权运用若干规定(草案)》制定"),
            Some(2)
        );
    }

    #[test]
    fn names_name_figures() {
        let plan = crate::plan::load_default().expect("plan");
        let t = Titles::new(&plan);
        assert_eq!(t.figure("作品登记量（件）"), Some("I2"));
        assert_eq!(t.figure("作品登记量占全市比例"), Some("I3"));
        assert_eq!(
            t.figure("知识产权纠纷调解案件数（保持在3000件）"),
            Some("I4")
        );
        assert_eq!(t.figure("调解案件数"), Some("I4"));
        assert_eq!(t.figure("快速登记量"), Some("I8"));
        assert_eq!(t.figure("潜力企业关注名单"), Some("5.1"));
        assert_eq!(t.figure("理论学习中心组学习次数"), Some("24.1"));
        assert_eq!(t.figure("登记"), None);
    }
}
