//! Putting the draft together: the plan built from the blocks, each drafted
//! fact with its row (source sentence, 待确认 and why).

use super::*;

/// A heading tasks may sit under, and the section made from it once one does.
pub(super) struct Heading {
    pub(super) numeral: String,
    pub(super) title: String,
    pub(super) source: String,
    pub(super) section: Option<String>,
}

/// A row's 待确认 reason from its notes.
pub(super) fn reason(notes: &[String]) -> Option<String> {
    (!notes.is_empty()).then(|| notes.join("；"))
}

pub(super) fn row(subject: Subject, value: String, source: &str, notes: &[String]) -> DraftRow {
    DraftRow {
        subject,
        value,
        source: source.to_string(),
        to_confirm: reason(notes),
    }
}

/// A figure's kind guessed from its name and unit, when last year's plan has
/// no such indicator.
pub(super) fn guess_kind(name: &str, unit: &str) -> FigureKind {
    if name.contains("增长") && unit == "%" {
        FigureKind::Growth
    } else if ["拥有量", "比例", "占比", "周期", "平均", "率"]
        .iter()
        .any(|w| name.contains(w))
        || unit == "%"
        || unit.ends_with("工作日")
    {
        FigureKind::Level
    } else {
        FigureKind::Cumulative
    }
}

pub(super) struct Builder<'r> {
    pub(super) reference: Option<&'r Plan>,
    pub(super) roster: Roster,
    pub(super) year: i32,
    pub(super) plan_rows: Vec<DraftRow>,
    pub(super) name: String,
    pub(super) bureau: String,
    pub(super) document: String,
    pub(super) sections: Vec<Section>,
    pub(super) section_ids: HashSet<String>,
    /// The next suffix for a section numeral written twice (`一-2`).
    pub(super) repeats: HashMap<String, u32>,
    pub(super) section_rows: Vec<DraftRow>,
    pub(super) tasks: Vec<Task>,
    pub(super) last_task: u32,
    pub(super) task_rows: Vec<DraftRow>,
    /// Milestones by task id, in text order.
    pub(super) milestones: Vec<(u32, Milestone)>,
    /// Paragraphs under 主要目标.
    pub(super) goals: Vec<String>,
    pub(super) cooperators: BTreeMap<u32, Vec<String>>,
    pub(super) unplaced: Vec<String>,
    pub(super) problems: Vec<String>,
}

impl<'r> Builder<'r> {
    pub(super) fn new(reference: Option<&'r Plan>) -> Builder<'r> {
        Builder {
            reference,
            roster: Roster::new(reference),
            year: 0,
            plan_rows: Vec::new(),
            name: String::new(),
            bureau: String::new(),
            document: String::new(),
            sections: Vec::new(),
            section_ids: HashSet::new(),
            repeats: HashMap::new(),
            section_rows: Vec::new(),
            tasks: Vec::new(),
            last_task: 0,
            task_rows: Vec::new(),
            milestones: Vec::new(),
            goals: Vec::new(),
            cooperators: BTreeMap::new(),
            unplaced: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Name, bureau, year and document number from the lines before the
    /// first heading; the other front lines are unplaced.
    pub(super) fn front_matter(&mut self, blocks: &[Block]) {
        let lines: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Front(l) => Some(l.as_str()),
                _ => None,
            })
            .collect();
        let mut used = vec![false; lines.len()];
        let mut take = |pick: &dyn Fn(&str) -> Option<String>| -> Option<(String, String)> {
            let (i, v) = lines
                .iter()
                .enumerate()
                .find_map(|(i, l)| pick(l).map(|v| (i, v)))?;
            used[i] = true;
            Some((v, tidy(lines[i])))
        };
        let name = take(&|l| plan_name(l).filter(|_| !l.trim_start().starts_with("关于")))
            .or_else(|| take(&plan_name));
        let document = take(&|l| document_number(l).map(|d| d.0));
        let bureau = take(&|l| bureau_name(l).filter(|_| no_spaces(l).chars().all(is_cjk)))
            .or_else(|| take(&bureau_name));
        for (i, l) in lines.iter().enumerate() {
            if !used[i] {
                self.unplaced
                    .push(tidy(l).trim_matches(is_space).to_string());
            }
        }

        let mut year_notes = Vec::new();
        let year = name
            .as_ref()
            .and_then(|(n, s)| year_in(n).map(|y| (y, s.clone())))
            .or_else(|| {
                document
                    .as_ref()
                    .and_then(|(d, s)| document_number(d).map(|x| (x.1, s.clone())))
            })
            .or_else(|| {
                year_notes.push("原文没有写明年度，取前文第一个年份".to_string());
                lines.iter().find_map(|l| year_in(l).map(|y| (y, tidy(l))))
            });
        let year = match (year, self.reference) {
            (Some(y), _) => Some(y),
            (None, Some(r)) => {
                year_notes = vec![format!("原文没有年份，暂按上年计划的次年 {}", r.year + 1)];
                Some((r.year + 1, String::new()))
            }
            (None, None) => None,
        };
        match year {
            Some((y, source)) => {
                self.year = y;
                self.plan_rows.push(row(
                    Subject::Plan(PlanField::Year),
                    y.to_string(),
                    &source,
                    &year_notes,
                ));
            }
            None => self
                .problems
                .push("原文中没有找到计划年度（如“2026 年工作要点”），请在计划中填写".to_string()),
        }

        let missing = |what: &str| vec![format!("原文中没有找到{what}")];
        let (name, source, notes) = match name {
            Some((v, s)) => (v, s, Vec::new()),
            None => (String::new(), String::new(), missing("计划名称")),
        };
        self.plan_rows.insert(
            0,
            row(
                Subject::Plan(PlanField::Name),
                name.clone(),
                &source,
                &notes,
            ),
        );
        self.name = name;
        let (bureau, source, notes) = match (bureau, self.reference) {
            (Some((v, s)), _) => (v, s, Vec::new()),
            (None, Some(r)) => (
                r.bureau.clone(),
                String::new(),
                vec!["原文中没有找到发文单位，沿用上年计划".to_string()],
            ),
            (None, None) => (String::new(), String::new(), missing("发文单位")),
        };
        self.plan_rows.insert(
            1,
            row(
                Subject::Plan(PlanField::Bureau),
                bureau.clone(),
                &source,
                &notes,
            ),
        );
        self.bureau = bureau;
        let (document, source, notes) = match document {
            Some((v, s)) => (v, s, Vec::new()),
            None => (String::new(), String::new(), missing("文号")),
        };
        self.plan_rows.push(row(
            Subject::Plan(PlanField::Document),
            document.clone(),
            &source,
            &notes,
        ));
        self.document = document;
    }

    /// Headings, goals and tasks in the order of the notice.
    pub(super) fn walk(&mut self, blocks: &[Block]) {
        let mut heading: Option<Heading> = None;
        for b in blocks {
            match b {
                Block::Front(_) => {}
                Block::Heading {
                    numeral,
                    title,
                    goals,
                    source,
                } => {
                    heading = (!goals).then(|| Heading {
                        numeral: numeral.clone(),
                        title: title.clone(),
                        source: source.clone(),
                        section: None,
                    });
                }
                Block::Goal(text) => self.goals.push(text.clone()),
                Block::Task { number, text } => self.task(*number, text, &mut heading),
                Block::Loose(text) => self
                    .unplaced
                    .push(tidy(text).trim_matches(is_space).to_string()),
            }
        }
        if self.tasks.is_empty() {
            self.problems.push(
                "原文中没有找到编号的重点任务（如“1. 标题。内容……（牵头部门：…）”）".to_string(),
            );
        }
    }

    /// The section a task sits in: its heading's, made on first use.
    pub(super) fn section(&mut self, heading: &mut Option<Heading>) -> String {
        if let Some(id) = heading.as_ref().and_then(|h| h.section.clone()) {
            return id;
        }
        let (numeral, title, source) = match heading.as_ref() {
            Some(h) => (h.numeral.clone(), h.title.clone(), h.source.clone()),
            None => (String::new(), String::new(), String::new()),
        };
        let mut notes = Vec::new();
        let free = |id: &str| !self.section_ids.contains(id);
        let id = if !numeral.is_empty() && free(&numeral) {
            numeral.clone()
        } else if numeral.is_empty() {
            notes.push("原文在此之前没有分部分标题".to_string());
            let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
            numerals
                .iter()
                .map(|n| n.to_string())
                .chain((11..).map(|n| format!("部分{n}")))
                .find(|id| free(id))
                .unwrap_or_default()
        } else {
            let next = self.repeats.entry(numeral.clone()).or_insert(2);
            let id = (*next..)
                .map(|k| format!("{numeral}-{k}"))
                .find(|id| !self.section_ids.contains(id))
                .unwrap_or_default();
            *next += 1;
            notes.push(format!("原文部分编号“{numeral}”重复，记为“{id}”"));
            id
        };
        self.section_ids.insert(id.clone());
        self.sections.push(Section {
            id: id.clone(),
            title: title.clone(),
        });
        self.section_rows
            .push(row(Subject::Section(id.clone()), title, &source, &notes));
        match heading {
            Some(h) => h.section = Some(id.clone()),
            None => {
                *heading = Some(Heading {
                    numeral: id.clone(),
                    title: String::new(),
                    source: String::new(),
                    section: Some(id.clone()),
                });
            }
        }
        id
    }

    pub(super) fn task(&mut self, number: u32, paragraph: &str, heading: &mut Option<Heading>) {
        let section = self.section(heading);
        let source = tidy(paragraph).trim_matches(is_space).to_string();
        let mut notes = Vec::new();
        let last = self.last_task;
        let id = if number > last {
            if last > 0 && number > last + 1 {
                notes.push(format!("原文编号不连续：上一项为{last}"));
            }
            number
        } else {
            notes.push(format!(
                "原文编号为{number}，与前文重复，顺延为{}",
                last + 1
            ));
            last + 1
        };
        let labelled = split_label(paragraph);
        if let Some(t) = labelled.trailing {
            self.unplaced.push(t);
        }
        let body = Chars::new(&labelled.body);
        let (title, text) = match body.fold.iter().position(|c| *c == '。') {
            Some(p) => (piece(&body, &(0..p)), piece(&body, &(p + 1..body.len()))),
            None => {
                notes.push("原文没有句号，整段作为标题".to_string());
                (piece(&body, &(0..body.len())), String::new())
            }
        };
        if title.is_empty() {
            self.problems.push(format!("任务{id}没有标题，请补充"));
        }

        // Leads from the label; else last year's task of the same title.
        let mut leads: Vec<String> = Vec::new();
        let mut new_names = Vec::new();
        for raw in &labelled.label.leads {
            let known = self.roster.departments.len();
            for name in self.roster.resolve(raw, &labelled.label_text, true) {
                if self.roster.departments.len() > known {
                    new_names.push(name.clone());
                }
                if !leads.contains(&name) {
                    leads.push(name);
                }
            }
        }
        let mut lead_notes: Vec<String> = new_names
            .iter()
            .map(|n| format!("“{n}”是原文新出现的部门，请确认"))
            .collect();
        let mut lead_source = labelled.label_text.clone();
        if leads.is_empty() {
            let same = self.reference.and_then(|r| {
                r.tasks
                    .iter()
                    .find(|t| squeeze(&t.title) == squeeze(&title) && !title.is_empty())
            });
            match same {
                Some(t) => {
                    leads = t.leads.clone();
                    lead_notes.push(format!(
                        "原文未写牵头部门，沿用上年计划任务{}“{}”",
                        t.id, t.title
                    ));
                    lead_source = String::new();
                }
                None => self
                    .problems
                    .push(format!("任务{id}“{title}”没有牵头部门：原文未写，请补充")),
            }
        }
        let mut helpers: Vec<String> = Vec::new();
        for raw in &labelled.label.helpers {
            for name in self.roster.resolve(raw, &labelled.label_text, false) {
                if !leads.contains(&name) && !helpers.contains(&name) {
                    helpers.push(name);
                }
            }
        }

        for m in milestones(&text, self.year) {
            self.milestones.push((id, m));
        }
        self.task_rows
            .push(row(Subject::Task(id), title.clone(), &source, &notes));
        self.task_rows.push(row(
            Subject::Leads(id),
            leads.join("、"),
            &lead_source,
            &lead_notes,
        ));
        if !helpers.is_empty() {
            self.task_rows.push(row(
                Subject::Cooperators(id),
                helpers.join("、"),
                &labelled.label_text,
                &[],
            ));
            self.cooperators.insert(id, helpers);
        }
        self.last_task = id;
        self.tasks.push(Task {
            id,
            section,
            title,
            text,
            leads,
        });
    }

    /// The owner of an indicator last year's plan does not have: the first
    /// lead of a task that mentions it, else the first department.
    pub(super) fn guess_owner(&self, name: &str) -> String {
        self.tasks
            .iter()
            .find(|t| t.text.contains(name) || t.title.contains(name))
            .and_then(|t| t.leads.first().cloned())
            .or_else(|| self.roster.departments.first().map(|d| d.name.clone()))
            .unwrap_or_default()
    }

    /// The indicators of 主要目标, matched with last year's by name and unit.
    pub(super) fn indicators(&mut self, year_end: NaiveDate) -> (Vec<Figure>, Vec<DraftRow>) {
        let goals = std::mem::take(&mut self.goals);
        let reference: Vec<&Figure> = self
            .reference
            .map(|r| r.figures.iter().filter(|f| !f.is_milestone()).collect())
            .unwrap_or_default();
        let mut used = vec![false; reference.len()];
        let mut figures = Vec::new();
        let mut rows = Vec::new();
        for paragraph in goals {
            let found = targets(&paragraph);
            if found.is_empty() {
                self.unplaced
                    .push(tidy(&paragraph).trim_matches(is_space).to_string());
            }
            for t in found {
                let id = format!("I{}", figures.len() + 1);
                let best = reference
                    .iter()
                    .enumerate()
                    .filter(|(k, r)| !used[*k] && r.unit == t.unit)
                    .map(|(k, r)| (k, likeness(&t.name, &r.name)))
                    .filter(|(_, (short, long))| *short >= 0.8 && *long >= 0.4)
                    .max_by(|a, b| (a.1.0 + a.1.1).total_cmp(&(b.1.0 + b.1.1)))
                    .map(|(k, _)| k);
                let mut notes = t.notes.clone();
                let figure = match best {
                    Some(k) => {
                        used[k] = true;
                        let r = reference[k];
                        if r.name != t.name {
                            notes.push(format!("名称沿用上年计划，原文作“{}”", t.name));
                        }
                        notes.push("责任部门、指标类型、台账口径沿用上年计划".to_string());
                        Figure {
                            id: id.clone(),
                            task: None,
                            name: r.name.clone(),
                            unit: t.unit.clone(),
                            kind: r.kind,
                            comparator: t.comparator,
                            target: Some(t.value),
                            due: year_end,
                            owner: r.owner.clone(),
                            ledger: r.ledger,
                        }
                    }
                    None => {
                        notes.push("上年计划没有对应指标：责任部门、指标类型为推测".to_string());
                        Figure {
                            id: id.clone(),
                            task: None,
                            name: t.name.clone(),
                            unit: t.unit.clone(),
                            kind: guess_kind(&t.name, &t.unit),
                            comparator: t.comparator,
                            target: Some(t.value),
                            due: year_end,
                            owner: self.guess_owner(&t.name),
                            ledger: None,
                        }
                    }
                };
                rows.push(row(
                    Subject::Figure(id),
                    format!(
                        "{}：{}；{}；{}",
                        figure.name,
                        figure.goal_text(),
                        figure.kind.as_chinese(),
                        figure.owner
                    ),
                    &t.sentence,
                    &notes,
                ));
                figures.push(figure);
            }
        }
        (figures, rows)
    }

    pub(super) fn finish(mut self) -> Draft {
        let year_end = NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MIN);
        let (mut figures, mut figure_rows) = self.indicators(year_end);
        let mut numbered: BTreeMap<u32, u32> = BTreeMap::new();
        let first_lead: HashMap<u32, &str> = self
            .tasks
            .iter()
            .filter_map(|t| t.leads.first().map(|l| (t.id, l.as_str())))
            .collect();
        for (task, m) in std::mem::take(&mut self.milestones) {
            let n = numbered.entry(task).or_insert(0);
            *n += 1;
            let id = format!("{task}.{n}");
            let owner = first_lead
                .get(&task)
                .map(|l| l.to_string())
                .unwrap_or_default();
            let figure = Figure {
                id: id.clone(),
                task: Some(task),
                name: m.name,
                unit: m.unit,
                kind: m.kind,
                comparator: m.comparator,
                target: m.target,
                due: m.due,
                owner,
                ledger: None,
            };
            figure_rows.push(row(
                Subject::Figure(id),
                format!("{}：{}，{}", figure.name, figure.goal_text(), figure.due),
                &m.sentence,
                &m.notes,
            ));
            figures.push(figure);
        }

        // Calendar, thresholds and deadline: the notice says none of them.
        let (calendar, warning) = calendar::of_year(self.year);
        let calendar_row = match (calendar::official(self.year), &warning) {
            (Some(o), _) => row(
                Subject::Plan(PlanField::Calendar),
                format!("采用内置放假安排：{}（{}）", o.notice, o.document),
                "",
                &[],
            ),
            (None, Some(w)) => row(
                Subject::Plan(PlanField::Calendar),
                "只按周末计算".to_string(),
                "",
                &[w.to_string()],
            ),
            (None, None) => row(Subject::Plan(PlanField::Calendar), String::new(), "", &[]),
        };
        self.plan_rows.push(calendar_row);
        let carried = |what: &str| match self.reference {
            Some(_) => vec![format!("原文未写{what}，沿用上年计划")],
            None => vec![format!("原文未写{what}，采用默认值")],
        };
        let thresholds = self
            .reference
            .map_or_else(Thresholds::default, |r| r.thresholds);
        let reporting = self
            .reference
            .map_or_else(Reporting::default, |r| r.reporting);
        self.plan_rows.push(row(
            Subject::Plan(PlanField::Thresholds),
            format!(
                "低于序时进度为黄灯，低于其 {}% 为红灯；与台账相差超过 {}% 提示不一致",
                crate::text::number(thresholds.behind_red * 100.0),
                crate::text::number(thresholds.mismatch * 100.0)
            ),
            "",
            &carried("预警阈值"),
        ));
        self.plan_rows.push(row(
            Subject::Plan(PlanField::Reporting),
            format!("次月 {} 日前报送", reporting.due_day),
            "",
            &carried("报送时限"),
        ));

        let roster = self.roster;
        let mut department_rows = Vec::new();
        for (i, d) in roster.departments.iter().enumerate() {
            let value = if d.aliases.is_empty() {
                d.name.clone()
            } else {
                format!("{}（又称{}）", d.name, d.aliases.join("、"))
            };
            let notes = match (roster.carried[i], &roster.named[i]) {
                (true, Some(_)) => Vec::new(),
                (true, None) => vec!["原文未提及，沿用上年计划".to_string()],
                (false, _) => {
                    let mut note = "原文新出现的部门，请确认名称".to_string();
                    if let Some(s) = roster.similar(&d.name) {
                        note.push_str(&format!("；如与“{s}”是同一部门，请改为其别名"));
                    }
                    vec![note]
                }
            };
            department_rows.push(row(
                Subject::Department(d.name.clone()),
                value,
                roster.named[i].as_deref().unwrap_or(""),
                &notes,
            ));
        }

        let plan = Plan {
            name: self.name,
            bureau: self.bureau,
            year: self.year,
            document: self.document,
            departments: roster.departments,
            sections: self.sections,
            tasks: self.tasks,
            figures,
            calendar,
            thresholds,
            reporting,
            warnings: warning.into_iter().collect(),
        };
        let mut problems = self.problems;
        if problems.is_empty()
            && let Err(e) = validate(&plan)
        {
            problems.push(format!("草稿未通过计划校验（{e}），请按提示修改"));
        }
        let mut rows = self.plan_rows;
        rows.extend(department_rows);
        rows.extend(self.section_rows);
        rows.extend(self.task_rows);
        rows.extend(figure_rows);
        Draft {
            plan,
            rows,
            cooperators: self.cooperators,
            unplaced: self
                .unplaced
                .into_iter()
                .filter(|u| !u.is_empty())
                .collect(),
            problems,
        }
    }
}
