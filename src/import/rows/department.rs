//! Telling the sending department from a text: a 填报单位 cell, a file name,
//! a 牵头部门 value. Canonical names and aliases are matched after
//! normalising (spaces, width, the bureau's own prefixes); inside a longer
//! text the longest name wins, so 保护中心 is not taken for 保护处.

use std::path::Path;

use crate::import::value::squeeze;
use crate::import::vocab;
use crate::plan::Plan;

/// The plan's departments, ready for matching.
pub(crate) struct Departments<'p> {
    names: Vec<&'p str>,
    /// Normalised name or alias → index into `names`, longest first.
    entries: Vec<(String, usize)>,
}

/// A name without spaces, width differences, the bureau's prefixes or a `（盖章）`.
fn normalise(text: &str) -> String {
    let mut s = squeeze(text);
    for suffix in ["(盖章)", "（盖章）", "盖章"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
        }
    }
    loop {
        let before = s.len();
        for p in vocab::DEPARTMENT_PREFIXES {
            if s.len() > p.len()
                && let Some(rest) = s.strip_prefix(p)
            {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

impl<'p> Departments<'p> {
    pub fn new(plan: &'p Plan) -> Departments<'p> {
        let mut names = Vec::new();
        let mut entries = Vec::new();
        for (i, d) in plan.departments.iter().enumerate() {
            names.push(d.name.as_str());
            for n in std::iter::once(&d.name).chain(d.aliases.iter()) {
                for form in [squeeze(n), normalise(n)] {
                    if !form.is_empty() && !entries.iter().any(|(e, _)| *e == form) {
                        entries.push((form, i));
                    }
                }
            }
        }
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Departments { names, entries }
    }

    /// Canonical names, for messages.
    pub fn names(&self) -> &[&'p str] {
        &self.names
    }

    /// The department a text names: exactly, or as the one department whose
    /// name or alias it contains (names inside longer names do not count).
    pub fn resolve(&self, text: &str) -> Option<&'p str> {
        let n = normalise(text);
        if n.is_empty() {
            return None;
        }
        if let Some((_, i)) = self.entries.iter().find(|(e, _)| *e == n) {
            return Some(self.names[*i]);
        }
        let raw = squeeze(text);
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for (e, i) in &self.entries {
            for (start, _) in raw.match_indices(e.as_str()) {
                let end = start + e.len();
                // Longest first: a span inside an earlier (longer) one is a part of it.
                if !spans.iter().any(|&(s, t, _)| s <= start && end <= t) {
                    spans.push((start, end, *i));
                }
            }
        }
        let first = spans.first()?.2;
        spans
            .iter()
            .all(|s| s.2 == first)
            .then(|| self.names[first])
    }

    /// The department a file's name names (`保护处-2025年3月.xlsx`), else one
    /// of its folders (`2025-03/保护处/进展.xlsx`).
    pub fn named_in_path(&self, file: &str) -> Option<&'p str> {
        let path = Path::new(file);
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            && let Some(d) = self.resolve(stem)
        {
            return Some(d);
        }
        path.parent()?
            .components()
            .rev()
            .filter_map(|c| c.as_os_str().to_str())
            .find_map(|c| self.resolve(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        crate::plan::load_default().expect("the default plan loads")
    }

    #[test]
    fn names_aliases_and_prefixes() {
        let p = plan();
        let d = Departments::new(&p);
        assert_eq!(d.resolve("保护处"), Some("保护处"));
        assert_eq!(d.resolve(" 保 护 处 "), Some("保护处"));
        assert_eq!(d.resolve("发展与促进处"), Some("发展促进处"));
        assert_eq!(d.resolve("浦东新区知识产权保护中心"), Some("保护中心"));
        assert_eq!(d.resolve("上海市浦东新区知识产权局保护处"), Some("保护处"));
        assert_eq!(d.resolve("保护处（盖章）"), Some("保护处"));
        assert_eq!(d.resolve("法规处"), None);
        assert_eq!(d.resolve("保护处、保护中心"), None, "two departments");
        assert_eq!(d.resolve(""), None);
    }

    #[test]
    fn longest_name_wins_in_file_names() {
        let p = plan();
        let d = Departments::new(&p);
        assert_eq!(
            d.named_in_path("2025-03/保护处-2025年3月.xlsx"),
            Some("保护处")
        );
        assert_eq!(
            d.named_in_path("2025-03/2025.03 知识产权保护中心 工作要点推进表.xls"),
            Some("保护中心")
        );
        assert_eq!(
            d.named_in_path("2025-03/知识产权保护处.xlsx"),
            Some("保护处")
        );
        assert_eq!(
            d.named_in_path("2025-03/监管与预警处/台账.xlsx"),
            Some("监管与预警处")
        );
        assert_eq!(d.named_in_path("2025-03/工作要点推进表.xlsx"), None);
    }
}
