//! A task's state read from the words of its progress text, for the sheets
//! departments really keep — 序号 | 重点工作 | 推进情况 | 存在问题 … with no
//! 完成状态 or 完成进度 column, or with the cell left empty.
//!
//! Only clear words count, and the caller says what it read (an info flag
//! quoting the words) so the department can confirm it or fill the column:
//! - 未启动 from 尚未启动, 暂未开展, …; 滞后 from 滞后, 延期, 推迟, 未能按期,
//!   … unless denied (`无滞后`, `避免延期`);
//! - 已完成 only when the whole task is said to be done (`任务已全部完成`, or
//!   `已完成` closing the text) — never from a part (`已完成初稿`,
//!   `已完成第二批名录征集`, `第一批已完成`);
//! - words of two of these states at once: unclear (a warning);
//! - else, when there is any text: 推进中.
//!
//! The progress from `进度约40%`, `完成40%`, `完成率60%`; `过半` is not a
//! number. The word lists are data in [`vocab`].

use super::Status;
use super::value::squeeze;
use super::vocab;

/// What a progress text says of the task's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Clear words of one state, quoted as written (squeezed).
    Clearly(Status, String),
    /// Words of more than one state: `(state, words)` for each.
    Unclear(Vec<(Status, String)>),
    /// Text without words of a state: the task is going on (推进中).
    Going,
    /// No text at all.
    Nothing,
}

/// Punctuation that ends a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | ';' | ',' | '！' | '!' | '？' | '?' | '、' | '\n' | '：' | ':'
    )
}

/// The text split into clauses, each squeezed (no spaces, full-width folded).
fn clauses(text: &str) -> Vec<String> {
    squeeze(text)
        .split(ends_clause)
        .map(str::to_string)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether `word` at byte `at` of `clause` is denied by the words just before it.
fn denied(clause: &str, at: usize) -> bool {
    let before = &clause[..at];
    vocab::DENIALS.iter().any(|d| before.ends_with(d))
        || before.ends_with("是否")
        || before.ends_with("防范")
}

/// The first word of `words` found in `clause` and not denied.
fn first_word<'w>(clause: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .copied()
        .find(|w| clause.match_indices(w).any(|(at, _)| !denied(clause, at)))
}

/// Whether a clause says the whole task is done.
fn whole_done(clause: &str, last: bool) -> Option<String> {
    let part = vocab::PART_WORDS.iter().any(|p| clause.contains(p));
    if let Some(p) = vocab::WHOLE_DONE_PHRASES
        .iter()
        .find(|p| clause.match_indices(*p).any(|(at, _)| !denied(clause, at)))
    {
        // `尚未全部完成` is denied above; `第一批已全部完成` is a part.
        if !part {
            return Some((*p).to_string());
        }
    }
    // `……已完成。` closing the text, about no part of the task.
    if last && !part && (clause.ends_with("已完成") || clause.ends_with("已经完成")) {
        let at = clause.len() - "已完成".len();
        if !denied(clause, at) {
            return Some(clause.to_string());
        }
    }
    None
}

/// What the text says of the status.
pub fn status_in(text: &str) -> Said {
    let clauses = clauses(text);
    if clauses.is_empty() {
        return Said::Nothing;
    }
    let mut found: Vec<(Status, String)> = Vec::new();
    let mut note = |s: Status, w: String| {
        if !found.iter().any(|(t, _)| *t == s) {
            found.push((s, w));
        }
    };
    let n = clauses.len();
    for (i, c) in clauses.iter().enumerate() {
        if let Some(w) = first_word(c, vocab::NOT_STARTED_WORDS) {
            note(Status::NotStarted, w.to_string());
        }
        if let Some(w) = first_word(c, vocab::BEHIND_WORDS) {
            note(Status::Behind, w.to_string());
        }
        if let Some(w) = whole_done(c, i + 1 == n) {
            note(Status::Done, w);
        }
    }
    match found.len() {
        0 => Said::Going,
        1 => {
            let (s, w) = found.remove(0);
            Said::Clearly(s, w)
        }
        _ => Said::Unclear(found),
    }
}

/// A progress written in the text (`进度约40%`, `完成40%`), 0–100, with the
/// words it was read from.
pub fn progress_in(text: &str) -> Option<(f64, String)> {
    let t = squeeze(text);
    for word in vocab::PROGRESS_WORDS {
        for (at, _) in t.match_indices(word) {
            if denied(&t, at) {
                continue;
            }
            let mut rest = &t[at + word.len()..];
            while let Some(filler) = vocab::PROGRESS_FILLERS
                .iter()
                .find(|f| rest.starts_with(**f))
            {
                rest = &rest[filler.len()..];
            }
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let after = &rest[digits.len()..];
            if digits.is_empty() || !after.starts_with('%') {
                continue;
            }
            let Ok(v) = digits.parse::<f64>() else {
                continue;
            };
            if (0.0..=100.0).contains(&v) {
                let end = at + word.len() + (t[at + word.len()..].len() - after.len()) + 1;
                return Some((v, t[at..end].to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clearly(text: &str) -> Option<Status> {
        match status_in(text) {
            Said::Clearly(s, _) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn not_started_words() {
        for t in [
            "尚未启动",
            "该项工作暂未开展，待上级部署",
            "未启动。",
            "目前尚无进展",
            "暂 未 开 展",
        ] {
            assert_eq!(clearly(t), Some(Status::NotStarted), "{t}");
        }
    }

    #[test]
    fn behind_words_unless_denied() {
        for t in [
            "受机构调整影响，进度滞后",
            "专家评审延期至7月",
            "发布会推迟举行",
            "未能按期提交审议",
        ] {
            assert_eq!(clearly(t), Some(Status::Behind), "{t}");
        }
        for t in [
            "按计划推进，无滞后",
            "加强调度，避免延期",
            "未出现推迟情况，工作正常推进",
        ] {
            assert_eq!(status_in(t), Said::Going, "{t}");
        }
    }

    #[test]
    fn done_only_when_the_whole_task_is() {
        for t in [
            "任务已全部完成",
            "规划评估工作已完成。",
            "已按期完成立法调研并提交审议，任务已全部完成。",
            "已完成全年目标",
        ] {
            assert_eq!(clearly(t), Some(Status::Done), "{t}");
        }
        // Parts of the task, or done not said: the task goes on.
        for t in [
            "已完成初稿",
            "已完成第二批名录征集",
            "第一批已完成。",
            "方案已完成。",
            "方案已起草，进度约40%",
            "尚未全部完成",
            "部分子项已全部完成，其余正在推进",
            "正在推进",
        ] {
            assert_eq!(status_in(t), Said::Going, "{t}");
        }
    }

    #[test]
    fn words_of_two_states_are_unclear() {
        match status_in("前期工作滞后；目前尚未启动评审") {
            Said::Unclear(found) => {
                let states: Vec<Status> = found.iter().map(|(s, _)| *s).collect();
                assert_eq!(states, [Status::Behind, Status::NotStarted]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(status_in(""), Said::Nothing);
        assert_eq!(status_in("  。"), Said::Nothing);
    }

    #[test]
    fn progress_in_words() {
        assert_eq!(
            progress_in("方案已起草，进度约40%"),
            Some((40.0, "进度约40%".to_string()))
        );
        assert_eq!(
            progress_in("已完成60%，下月完成验收"),
            Some((60.0, "完成60%".to_string()))
        );
        assert_eq!(
            progress_in("完成率 75.5 ％"),
            Some((75.5, "完成率75.5%".to_string()))
        );
        assert_eq!(progress_in("工作已过半"), None);
        assert_eq!(progress_in("完成120%"), None);
        assert_eq!(progress_in("完成第二批"), None);
        assert_eq!(progress_in("全市占比55%"), None);
    }

    #[test]
    fn every_word_of_every_list_is_read() {
        for w in vocab::NOT_STARTED_WORDS {
            assert_eq!(
                clearly(&format!("该项工作{w}。")),
                Some(Status::NotStarted),
                "{w}"
            );
        }
        for w in vocab::BEHIND_WORDS {
            assert_eq!(
                clearly(&format!("受客观因素影响{w}")),
                Some(Status::Behind),
                "{w}"
            );
        }
        for d in vocab::DENIALS {
            assert_eq!(status_in(&format!("正常推进，{d}滞后")), Said::Going, "{d}");
        }
        for p in vocab::WHOLE_DONE_PHRASES {
            assert_eq!(clearly(&format!("经努力，{p}")), Some(Status::Done), "{p}");
        }
        for w in vocab::PART_WORDS {
            let text = format!("{w}工作已完成。");
            assert_eq!(status_in(&text), Said::Going, "{text}");
        }
        for w in vocab::PROGRESS_WORDS {
            for f in vocab::PROGRESS_FILLERS {
                let text = format!("目前{w}{f}35%");
                assert_eq!(progress_in(&text).map(|(p, _)| p), Some(35.0), "{text}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panic(s in "\\PC{0,60}") {
            let _ = status_in(&s);
            let _ = progress_in(&s);
        }
    }
}
