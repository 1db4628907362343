//! Characters as notices hold them: full-width folded, spaces a line
//! wrap left dropped, CJK numerals read, likeness of two names.

/// Full-width forms folded to ASCII and odd spaces to a space, one char for
/// one char, so that a position in the folded text is one in the original.
pub(super) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{A0}' | '\u{2000}'..='\u{200B}' | '\u{FEFF}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '“' | '”' | '「' | '」' => '"',
        _ => c,
    }
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || fold(c) == ' '
}

/// A CJK ideograph (not punctuation).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

pub(super) fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// A text as chars, with its folded twin for matching; names and texts are
/// cut from the original, so the notice's own punctuation is kept.
pub(super) struct Chars {
    pub(super) orig: Vec<char>,
    pub(super) fold: Vec<char>,
}

impl Chars {
    pub(super) fn new(s: &str) -> Chars {
        let orig: Vec<char> = s.chars().collect();
        let fold = orig.iter().map(|&c| fold(c)).collect();
        Chars { orig, fold }
    }

    pub(super) fn len(&self) -> usize {
        self.orig.len()
    }

    /// The original text of `a..b`, clamped to the text.
    pub(super) fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.len());
        let a = a.min(b);
        self.orig[a..b].iter().collect()
    }

    /// Whether the folded text has `word` at `i`.
    pub(super) fn at(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(n, w)| self.fold.get(i + n) == Some(&w))
    }

    /// Whether the folded text has `word` ending just before `i`.
    pub(super) fn ends_at(&self, i: usize, word: &str) -> bool {
        let n = word.chars().count();
        i >= n && self.at(i - n, word)
    }

    /// The first of `words` at `i`, longest first as the list is ordered.
    pub(super) fn word_at<'w>(&self, i: usize, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.at(i, w))
    }

    pub(super) fn word_before<'w>(&self, i: usize, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.ends_at(i, w))
    }

    /// `i` moved forward past spaces.
    pub(super) fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.len() && self.fold[i] == ' ' {
            i += 1;
        }
        i
    }

    /// `i` moved back past spaces.
    pub(super) fn back_spaces(&self, mut i: usize) -> usize {
        while i > 0 && self.fold[i - 1] == ' ' {
            i -= 1;
        }
        i
    }
}

/// Spaces as the notice means them: a run of spaces (a line wrap, OCR noise)
/// is dropped between Chinese characters and beside punctuation, and kept as
/// one space beside a Latin word or a number (`PCT 专利`, `形成 3 篇`).
pub(super) fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            if let (Some(a), Some(&b)) = (last, chars.get(i)) {
                let (fa, fb) = (fold(a), fold(b));
                if (is_latin(fa) && (is_latin(fb) || is_cjk(fb))) || (is_cjk(fa) && is_latin(fb)) {
                    out.push(' ');
                }
            }
            continue;
        }
        out.push(chars[i]);
        last = Some(chars[i]);
        i += 1;
    }
    out
}

/// A name as names are compared: folded, without spaces.
pub(super) fn squeeze(s: &str) -> String {
    s.chars()
        .map(fold)
        .filter(|c| *c != ' ' && !c.is_whitespace())
        .collect()
}

/// The value of a CJK numeral up to 99 (`三`, `十五`, `二十`, `两`).
pub(super) fn cjk_number(s: &[char]) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    match s {
        [] => None,
        ['两'] => Some(2),
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

pub(super) fn is_cjk_numeral(c: char) -> bool {
    "〇一二两三四五六七八九十".contains(c)
}

/// How alike two names are: the longest common subsequence over the shorter
/// and over the longer name. Names are cut to 64 characters first.
pub(super) fn likeness(a: &str, b: &str) -> (f64, f64) {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let mut row = vec![0usize; b.len() + 1];
    for &x in &a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    let common = row[b.len()] as f64;
    let (short, long) = (a.len().min(b.len()) as f64, a.len().max(b.len()) as f64);
    (common / short, common / long)
}
