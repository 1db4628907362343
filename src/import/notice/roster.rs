//! Departments as the notice names them, matched with last year's plan
//! and its aliases; new names become departments to confirm.

use super::*;

/// The departments of the draft: last year's, then those the notice adds.
pub(super) struct Roster {
    pub(super) departments: Vec<Department>,
    /// Whether each came from the reference plan.
    pub(super) carried: Vec<bool>,
    /// Where the notice first names each.
    pub(super) named: Vec<Option<String>>,
}

impl Roster {
    pub(super) fn new(reference: Option<&Plan>) -> Roster {
        let departments = reference.map(|r| r.departments.clone()).unwrap_or_default();
        let n = departments.len();
        Roster {
            departments,
            carried: vec![true; n],
            named: vec![None; n],
        }
    }

    /// A name as names are matched: folded, no spaces, no trailing 等, no
    /// prefix naming the bureau (`浦东新区`, `局`).
    pub(super) fn normal(s: &str) -> String {
        let s = squeeze(s);
        let mut s = strip_trailing(&s, &["等"]).to_string();
        loop {
            let before = s.len();
            for p in DEPARTMENT_PREFIXES {
                if let Some(rest) = s.strip_prefix(p)
                    && !rest.is_empty()
                {
                    s = rest.to_string();
                }
            }
            if s.len() == before {
                return s;
            }
        }
    }

    pub(super) fn find(&self, name: &str) -> Option<usize> {
        let n = Roster::normal(name);
        self.departments.iter().position(|d| {
            std::iter::once(&d.name)
                .chain(&d.aliases)
                .any(|x| Roster::normal(x) == n)
        })
    }

    pub(super) fn is_known(&self, spelling: &str) -> bool {
        self.departments
            .iter()
            .any(|d| d.name == spelling || d.aliases.iter().any(|a| a == spelling))
    }

    /// Known names written without a separator (`保护处保护中心`), split.
    pub(super) fn split_run(&self, name: &str) -> Option<Vec<usize>> {
        let n = Roster::normal(name);
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, d) in self.departments.iter().enumerate() {
            for x in std::iter::once(&d.name).chain(&d.aliases) {
                forms.push((squeeze(x), i));
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        let mut rest = n.as_str();
        let mut found = Vec::new();
        while !rest.is_empty() {
            let (form, i) = forms
                .iter()
                .find(|(f, _)| !f.is_empty() && rest.starts_with(f.as_str()))?;
            found.push(*i);
            rest = &rest[form.len()..];
        }
        (found.len() >= 2).then_some(found)
    }

    /// The canonical names a label's name stands for. An unknown lead is
    /// added as a new department; an unknown helper is kept as written.
    pub(super) fn resolve(&mut self, raw: &str, source: &str, add: bool) -> Vec<String> {
        let spelling = squeeze(raw);
        let found = match self.find(raw) {
            Some(i) => vec![i],
            None => self.split_run(raw).unwrap_or_default(),
        };
        if found.len() == 1 && !spelling.is_empty() && !self.is_known(&spelling) {
            // The notice's own spelling becomes an alias, so reports using it match.
            self.departments[found[0]].aliases.push(spelling.clone());
        }
        if found.is_empty() {
            let name = Roster::normal(raw);
            if name.is_empty() {
                return Vec::new();
            }
            if !add {
                return vec![name];
            }
            let mut aliases = Vec::new();
            if spelling != name && !self.is_known(&spelling) {
                aliases.push(spelling);
            }
            self.departments.push(Department {
                name: name.clone(),
                aliases,
            });
            self.carried.push(false);
            self.named.push(Some(source.to_string()));
            return vec![name];
        }
        for &i in &found {
            if self.named[i].is_none() {
                self.named[i] = Some(source.to_string());
            }
        }
        found
            .into_iter()
            .map(|i| self.departments[i].name.clone())
            .collect()
    }

    /// Another department whose name looks like `name`, for the hint on a
    /// new one (发展与促进处 beside 发展促进处).
    pub(super) fn similar(&self, name: &str) -> Option<&str> {
        self.departments
            .iter()
            .filter(|d| d.name != name)
            .map(|d| (likeness(name, &d.name).0, d.name.as_str()))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }
}
