//! The drafter on the 2025 notice and on variants written for the tests.

use std::sync::LazyLock;

use proptest::prelude::*;

use super::*;
use crate::plan::{Derivation, LedgerKind, load_default};

/// The 2025 notice as published (OCR noise and all).
const NOTICE: &str = include_str!("../../../tests/fixtures/notice/2025-浦东知识产权局工作要点.txt");

static BUILT_IN: LazyLock<Plan> = LazyLock::new(|| load_default().expect("the default plan"));
static SEED: LazyLock<Draft> = LazyLock::new(|| draft(NOTICE, Some(&BUILT_IN)));

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// ------------------------------------------------------------ the seed notice

#[test]
fn the_seed_drafts_a_valid_plan() {
    let d = &*SEED;
    assert_eq!(d.problems, Vec::<String>::new());
    assert_eq!(validate(&d.plan), Ok(()));
    assert!(d.plan.warnings.is_empty());
    assert_eq!(d.plan.name, BUILT_IN.name);
    assert_eq!(d.plan.bureau, BUILT_IN.bureau);
    assert_eq!(d.plan.year, 2025);
    assert_eq!(d.plan.document, "沪浦知局〔2025〕17号");
    assert_eq!(d.plan.document, BUILT_IN.document);
    assert_eq!(d.plan.calendar, BUILT_IN.calendar);
    assert_eq!(d.plan.departments, BUILT_IN.departments);
    assert!(d.cooperators.is_empty());
}

#[test]
fn the_seed_gives_the_built_in_sections_and_tasks() {
    let d = &*SEED;
    assert_eq!(d.plan.sections, BUILT_IN.sections);
    assert_eq!(d.plan.tasks.len(), 25);
    for (got, want) in d.plan.tasks.iter().zip(&BUILT_IN.tasks) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.section, want.section, "section of task {}", want.id);
        assert_eq!(got.title, want.title, "title of task {}", want.id);
        assert_eq!(got.leads, want.leads, "leads of task {}", want.id);
        assert_eq!(got.text, want.text, "text of task {}", want.id);
    }
}

#[test]
fn the_seed_gives_the_nine_headline_targets() {
    let d = &*SEED;
    let got: Vec<&Figure> = d
        .plan
        .figures
        .iter()
        .filter(|f| !f.is_milestone())
        .collect();
    let want: Vec<&Figure> = BUILT_IN
        .figures
        .iter()
        .filter(|f| !f.is_milestone())
        .collect();
    assert_eq!(got.len(), 9);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.id, w.id);
        assert_eq!(g.comparator, w.comparator, "{}", w.id);
        assert_eq!(g.target, w.target, "{}", w.id);
        assert_eq!(g.unit, w.unit, "{}", w.id);
        // Matched with last year's indicator: its name, owner, kind and ledger.
        assert_eq!(g.name, w.name, "{}", w.id);
        assert_eq!(g.owner, w.owner, "{}", w.id);
        assert_eq!(g.kind, w.kind, "{}", w.id);
        assert_eq!(g.ledger, w.ledger, "{}", w.id);
        assert_eq!(g.due, w.due, "{}", w.id);
        let row = d.row(&Subject::Figure(w.id.clone())).unwrap();
        let why = row.to_confirm.as_deref().unwrap_or("");
        assert!(why.contains("沿用上年计划"), "{}: {why}", w.id);
        assert!(!row.source.is_empty(), "{}", w.id);
    }
    // One sentence, two indicators.
    let i5 = d.row(&Subject::Figure("I5".into())).unwrap();
    let i6 = d.row(&Subject::Figure("I6".into())).unwrap();
    assert_eq!(i5.source, i6.source);
    assert!(i5.source.contains("均达到 100 亿"), "{}", i5.source);
    assert!(
        i5.to_confirm
            .as_deref()
            .unwrap()
            .contains("按金额记为“亿元”")
    );
    assert!(i5.to_confirm.as_deref().unwrap().contains("拆为2项指标"));
    // The notice's own wording is kept in the reason when the name differs.
    let i1 = d.row(&Subject::Figure("I1".into())).unwrap();
    assert!(
        i1.to_confirm
            .as_deref()
            .unwrap()
            .contains("原文作“浦东新区每万人口高价值发明专利拥有量”")
    );
}

#[test]
fn the_seed_gives_every_built_in_milestone() {
    let d = &*SEED;
    let key = |f: &Figure| {
        (
            f.id.clone(),
            f.task,
            f.kind,
            f.target,
            f.unit.clone(),
            f.due,
        )
    };
    let got: Vec<_> = d
        .plan
        .figures
        .iter()
        .filter(|f| f.is_milestone())
        .map(key)
        .collect();
    let want: Vec<_> = BUILT_IN
        .figures
        .iter()
        .filter(|f| f.is_milestone())
        .map(key)
        .collect();
    assert_eq!(got, want);
    for f in d.plan.figures.iter().filter(|f| f.is_milestone()) {
        let lead = &d.plan.task(f.task.unwrap()).unwrap().leads[0];
        assert_eq!(&f.owner, lead, "{}", f.id);
    }
    let name = |id: &str| d.plan.figure(id).unwrap().name.clone();
    assert_eq!(name("2.1"), BUILT_IN.figure("2.1").unwrap().name);
    assert_eq!(name("5.1"), "潜力企业关注名单");
    assert_eq!(name("8.1"), "专利导航分析报告");
    assert_eq!(name("12.1"), "第二、三批浦东新区重点商标保护名录征集、发布");
    assert_eq!(name("24.2"), "新闻通气会");
    assert_eq!(name("24.1"), "组织学习");
    // Dated in the text: sure. Guessed year-end deadlines: to be confirmed.
    assert_eq!(
        d.row(&Subject::Figure("2.1".into()))
            .unwrap()
            .to_confirm
            .as_deref(),
        Some("名称由上文补全")
    );
    assert_eq!(
        d.row(&Subject::Figure("24.1".into())).unwrap().to_confirm,
        None
    );
    let guessed = d.row(&Subject::Figure("22.1".into())).unwrap();
    assert!(guessed.to_confirm.as_deref().unwrap().contains("暂按年底"));
    assert!(guessed.source.contains("设立读书室"));
    let implied = d.row(&Subject::Figure("5.1".into())).unwrap();
    assert!(
        implied
            .to_confirm
            .as_deref()
            .unwrap()
            .contains("按不少于计")
    );
}

#[test]
fn the_seed_rows_say_where_each_fact_came_from() {
    let d = &*SEED;
    let leads = d.row(&Subject::Leads(16)).unwrap();
    assert_eq!(leads.value, "发展促进处");
    assert_eq!(leads.source, "(牵头部门:发展与促进处)");
    assert_eq!(leads.to_confirm, None);
    let split = d.row(&Subject::Leads(5)).unwrap();
    assert_eq!(
        split.source, "(牵头部门:发展促进处)",
        "the label broken over two lines"
    );
    let doc = d.row(&Subject::Plan(PlanField::Document)).unwrap();
    assert_eq!(doc.source, "沪浦知局[2025]17号");
    assert!(
        d.row(&Subject::Task(3))
            .unwrap()
            .source
            .ends_with("(牵头部门:监管与预警处、保护处)")
    );
    assert!(
        d.row(&Subject::Section("三".into()))
            .unwrap()
            .source
            .contains("提升知识产权治理能力")
    );
    // Every department leads something the notice names: none carried blindly.
    for dep in &d.plan.departments {
        assert_eq!(
            d.row(&Subject::Department(dep.name.clone()))
                .unwrap()
                .to_confirm,
            None
        );
    }
    let calendar = d.row(&Subject::Plan(PlanField::Calendar)).unwrap();
    assert!(
        calendar.value.contains("国办发明电〔2024〕12号"),
        "{}",
        calendar.value
    );
    for field in [PlanField::Thresholds, PlanField::Reporting] {
        assert!(d.row(&Subject::Plan(field)).unwrap().to_confirm.is_some());
    }
    // The front matter and the qualitative goal are left for a person.
    assert!(d.unplaced.iter().any(|u| u.starts_with("局机关各处室")));
    assert!(d.unplaced.iter().any(|u| u.starts_with("到 2025 年末")));
    for u in &d.unplaced {
        assert!(!u.contains("牵头部门"), "{u}");
    }
    assert_eq!(
        d.to_confirm().count(),
        d.rows.iter().filter(|r| r.to_confirm.is_some()).count()
    );
}

#[test]
fn without_a_reference_the_notice_alone_gives_tasks_and_targets() {
    let d = draft(NOTICE, None);
    assert_eq!(d.problems, Vec::<String>::new());
    assert_eq!(validate(&d.plan), Ok(()));
    assert_eq!(d.plan.tasks.len(), 25);
    let names: Vec<&str> = d.plan.departments.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "发展促进处",
            "办公室",
            "监管与预警处",
            "保护处",
            "保护中心",
            "发展与促进处"
        ]
    );
    let row = d.row(&Subject::Department("发展与促进处".into())).unwrap();
    assert!(
        row.to_confirm
            .as_deref()
            .unwrap()
            .contains("如与“发展促进处”是同一部门"),
        "{row:?}"
    );
    let i: Vec<&Figure> = d
        .plan
        .figures
        .iter()
        .filter(|f| !f.is_milestone())
        .collect();
    assert_eq!(i.len(), 9);
    assert_eq!(i[0].name, "浦东新区每万人口高价值发明专利拥有量");
    assert_eq!(i[0].owner, "监管与预警处", "task 7 monitors it");
    assert_eq!(i[2].name, "作品登记量占全市比例");
    assert_eq!(i[8].name, "受理到发证周期");
    let kinds: Vec<FigureKind> = i.iter().map(|f| f.kind).collect();
    let built_in: Vec<FigureKind> = BUILT_IN.figures.iter().take(9).map(|f| f.kind).collect();
    assert_eq!(kinds, built_in, "kinds guessed from the names");
    assert!(i.iter().all(|f| f.ledger.is_none()));
}

// ------------------------------------------------------------ a notice written differently

/// A milestone as the variant test compares it: id, name, kind, target, unit, due.
type MilestoneRow<'a> = (
    &'a str,
    &'a str,
    FigureKind,
    Option<f64>,
    &'a str,
    NaiveDate,
);

/// Next year's notice of the same bureau, written the other ways notices
/// are: full-width digits and brackets, 【】 labels with co-operators,
/// （1）/第3项 numbering, a lead not in last year's plan, spaces in names.
const VARIANT: &str = "\
上海市浦东新区知识产权局

沪浦知局〔2026〕5号

关于印发《浦东新区知识产权局2026年工作要点》的通知

浦东新区知识产权局2026年工作要点

一、主要目标

1．每万人口高价值发明专利拥有量达到１１０件；作品登记量不少于28万件。
2．知识产权质押融资金额超过120亿元，纠纷调解案件数不低于3,200件。

二、重点任务

（一）抓好重大事项落实

（1）编制“十五五”知识产权规划。6月底前完成规划编制，
年底前印发实施。【牵头单位：发展促进处、办公室；配合单位：监管与预警处】

（2）推进数据知识产权登记。上半年设立数据知识产权登记服务站，全年组织培训不少于 10 场。（牵头部门：知识产权 保护中心）

（二）强化知识产权保护

第3项 加强行政执法。在进博会期间开展专项执法行动，形成3篇以上执法典型案例报告。（牵头处室：保护处/法规处）

第4项 完善海外维权服务。开展第四、五批海外维权工作站建设。（保护处牵头，保护中心配合）

上海市浦东新区知识产权局办公室 2026年2月10日印发
";

#[test]
fn a_notice_written_differently() {
    let d = draft(VARIANT, Some(&BUILT_IN));
    assert_eq!(d.problems, Vec::<String>::new());
    assert_eq!(validate(&d.plan), Ok(()));
    let p = &d.plan;
    assert_eq!(p.name, "浦东新区知识产权局2026年工作要点");
    assert_eq!(p.bureau, "上海市浦东新区知识产权局");
    assert_eq!(p.year, 2026);
    assert_eq!(p.document, "沪浦知局〔2026〕5号");
    assert!(p.warnings.is_empty(), "2026 has a built-in calendar");
    assert!(!p.calendar.is_workday(day(2026, 2, 16)));
    assert_eq!(
        p.sections,
        [
            Section {
                id: "一".into(),
                title: "抓好重大事项落实".into()
            },
            Section {
                id: "二".into(),
                title: "强化知识产权保护".into()
            },
        ]
    );

    let tasks: Vec<(u32, &str, &str, Vec<&str>)> = p
        .tasks
        .iter()
        .map(|t| {
            (
                t.id,
                t.section.as_str(),
                t.title.as_str(),
                t.leads.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (
                1,
                "一",
                "编制“十五五”知识产权规划",
                vec!["发展促进处", "办公室"]
            ),
            (2, "一", "推进数据知识产权登记", vec!["保护中心"]),
            (3, "二", "加强行政执法", vec!["保护处", "法规处"]),
            (4, "二", "完善海外维权服务", vec!["保护处"]),
        ]
    );
    assert_eq!(
        p.task(1).unwrap().text,
        "6月底前完成规划编制，年底前印发实施。"
    );
    // Co-operators are recorded, never as leads.
    assert_eq!(d.cooperators[&1], ["监管与预警处"]);
    assert_eq!(d.cooperators[&4], ["保护中心"]);
    assert_eq!(
        d.row(&Subject::Cooperators(1)).unwrap().value,
        "监管与预警处"
    );
    // 法规处 is new: a department to confirm, and the leads row says so.
    let new = p.department("法规处").unwrap();
    assert!(new.aliases.is_empty());
    assert!(
        d.row(&Subject::Department("法规处".into()))
            .unwrap()
            .to_confirm
            .is_some()
    );
    assert!(
        d.row(&Subject::Leads(3))
            .unwrap()
            .to_confirm
            .as_deref()
            .unwrap()
            .contains("法规处")
    );
    assert_eq!(
        d.row(&Subject::Department("发展促进处".into()))
            .unwrap()
            .to_confirm,
        None
    );
    assert_eq!(
        d.row(&Subject::Department("监管与预警处".into()))
            .unwrap()
            .to_confirm,
        None,
        "named as a co-operator: the notice knows it"
    );

    let indicators: Vec<(&str, &str, Comparator, f64, &str, &str)> = p
        .figures
        .iter()
        .filter(|f| !f.is_milestone())
        .map(|f| {
            (
                f.id.as_str(),
                f.name.as_str(),
                f.comparator,
                f.target.unwrap(),
                f.unit.as_str(),
                f.owner.as_str(),
            )
        })
        .collect();
    assert_eq!(
        indicators,
        [
            (
                "I1",
                "每万人口高价值发明专利拥有量",
                Comparator::Ge,
                110.0,
                "件",
                "监管与预警处"
            ),
            (
                "I2",
                "作品登记量",
                Comparator::Ge,
                280000.0,
                "件",
                "监管与预警处"
            ),
            (
                "I3",
                "知识产权质押融资金额",
                Comparator::Gt,
                120.0,
                "亿元",
                "发展促进处"
            ),
            (
                "I4",
                "知识产权纠纷调解案件数",
                Comparator::Ge,
                3200.0,
                "件",
                "保护处"
            ),
        ]
    );
    assert_eq!(
        p.figure("I3")
            .unwrap()
            .ledger
            .map(|l| (l.ledger, l.derivation)),
        Some((LedgerKind::Finance, Derivation::SumPledge))
    );

    let milestones: Vec<MilestoneRow> = p
        .figures
        .iter()
        .filter(|f| f.is_milestone())
        .map(|f| {
            (
                f.id.as_str(),
                f.name.as_str(),
                f.kind,
                f.target,
                f.unit.as_str(),
                f.due,
            )
        })
        .collect();
    assert_eq!(
        milestones,
        [
            (
                "1.1",
                "完成规划编制",
                FigureKind::Date,
                None,
                "",
                day(2026, 6, 30)
            ),
            (
                "1.2",
                "印发实施",
                FigureKind::Date,
                None,
                "",
                day(2026, 12, 31)
            ),
            (
                "2.1",
                "设立数据知识产权登记服务站",
                FigureKind::Date,
                None,
                "",
                day(2026, 6, 30)
            ),
            (
                "2.2",
                "组织培训",
                FigureKind::Count,
                Some(10.0),
                "场",
                day(2026, 12, 31)
            ),
            (
                "3.1",
                "在进博会期间开展专项执法行动",
                FigureKind::Date,
                None,
                "",
                day(2026, 12, 31)
            ),
            (
                "3.2",
                "执法典型案例报告",
                FigureKind::Count,
                Some(3.0),
                "篇",
                day(2026, 12, 31)
            ),
            (
                "4.1",
                "第四、五批海外维权工作站建设",
                FigureKind::Count,
                Some(2.0),
                "批",
                day(2026, 12, 31)
            ),
        ]
    );
    assert_eq!(p.figure("2.1").unwrap().owner, "保护中心");
    assert_eq!(p.figure("1.1").unwrap().owner, "发展促进处");

    // The signature after the last label and the cover lines are unplaced.
    assert!(
        d.unplaced
            .iter()
            .any(|u| u.starts_with("上海市浦东新区知识产权局办公室"))
    );
    assert!(d.unplaced.iter().any(|u| u.starts_with("关于印发")));
}

#[test]
fn numbering_that_restarts_or_a_missing_label() {
    let text =
        "二、重点任务\n1. 严抓党风廉政。落实责任。\n1. 新的任务。内容。（牵头部门：办公室）\n";
    let d = draft(text, Some(&BUILT_IN));
    let ids: Vec<u32> = d.plan.tasks.iter().map(|t| t.id).collect();
    assert_eq!(ids, [1, 2]);
    assert!(
        d.row(&Subject::Task(2))
            .unwrap()
            .to_confirm
            .as_deref()
            .unwrap()
            .contains("顺延为2")
    );
    // No label: last year's task of the same title lends its leads.
    assert_eq!(d.plan.tasks[0].leads, ["办公室"]);
    assert!(
        d.row(&Subject::Leads(1))
            .unwrap()
            .to_confirm
            .as_deref()
            .unwrap()
            .contains("沿用上年计划任务23")
    );
    assert_eq!(
        d.plan.sections,
        [Section {
            id: "二".into(),
            title: "重点任务".into()
        }]
    );
    assert_eq!(
        d.plan.year, 2026,
        "no year in the text: the year after the reference's"
    );
    assert_eq!(d.problems, Vec::<String>::new());
}

#[test]
fn a_task_without_any_lead_is_a_problem() {
    let d = draft("1. 全新的任务。内容。\n", None);
    assert_eq!(d.plan.tasks.len(), 1);
    assert!(
        d.problems
            .iter()
            .any(|p| p.contains("任务1“全新的任务”没有牵头部门")),
        "{:?}",
        d.problems
    );
    assert!(validate(&d.plan).is_err());
}

#[test]
fn a_year_without_a_calendar_warns() {
    let d = draft(
        "浦东新区知识产权局2031年工作要点\n1. 任务。内容。（牵头部门：办公室）\n",
        None,
    );
    assert_eq!(d.plan.year, 2031);
    assert_eq!(
        d.plan.warnings,
        [crate::plan::PlanWarning::NoCalendar { year: 2031 }]
    );
    let row = d.row(&Subject::Plan(PlanField::Calendar)).unwrap();
    assert!(
        row.to_confirm
            .as_deref()
            .unwrap()
            .contains("2031 年没有内置的放假安排")
    );
    assert_eq!(d.problems, Vec::<String>::new());
}

// ------------------------------------------------------------ the pieces

#[test]
fn spaces_are_dropped_between_chinese_and_kept_beside_latin() {
    assert_eq!(tidy("综合评 价,完善"), "综合评价,完善");
    assert_eq!(
        tidy("增加 PCT 专利申请指标, 引导"),
        "增加 PCT 专利申请指标,引导"
    );
    assert_eq!(tidy("运营 (上海)国际"), "运营(上海)国际");
    assert_eq!(tidy("形成 3 篇以上"), "形成 3 篇以上");
    assert_eq!(tidy("12345 热线"), "12345 热线");
    assert_eq!(tidy("发展促进\u{3000}处"), "发展促进处");
}

#[test]
fn lines_are_classed() {
    let item = |s: &str| match classify(s) {
        Line::Item { number, rest } => Some((number, rest)),
        _ => None,
    };
    assert_eq!(item("1.编制规划。"), Some((1, "编制规划。".into())));
    assert_eq!(item("12、推进"), Some((12, "推进".into())));
    assert_eq!(item("（3）推进"), Some((3, "推进".into())));
    assert_eq!(item("(3) 推进"), Some((3, "推进".into())));
    assert_eq!(item("第4项 推进"), Some((4, "推进".into())));
    assert_eq!(item("第十二项推进"), Some((12, "推进".into())));
    assert_eq!(item("１．推进"), Some((1, "推进".into())));
    assert_eq!(item("⑤推进"), Some((5, "推进".into())));
    assert_eq!(item("2.1 万件"), None);
    assert_eq!(item("2025 年是"), None);
    assert_eq!(item("3月提交"), None);
    assert_eq!(
        classify("（二）强化知识产权创造质量"),
        Line::Section {
            numeral: "二".into(),
            title: "强化知识产权创造质量".into()
        }
    );
    assert_eq!(
        classify("(一) 抓好重大事项落实"),
        Line::Section {
            numeral: "一".into(),
            title: "抓好重大事项落实".into()
        }
    );
    assert_eq!(
        classify("十一、其他"),
        Line::Part {
            numeral: "十一".into(),
            title: "其他".into()
        }
    );
    assert!(matches!(
        classify("一、总体要求。以习近平新时代中国特色社会主义思想为指导，全面贯彻。"),
        Line::Text(_)
    ));
    assert_eq!(
        clean_line("- **2. 高水平。**知识"),
        Some("2. 高水平。知识".into())
    );
    assert_eq!(clean_line("#### (一) 抓好"), Some("(一) 抓好".into()));
    assert_eq!(clean_line("- 3 -"), None);
    assert_eq!(clean_line("   "), None);
}

#[test]
fn labels_name_leads_and_helpers() {
    let l = split_label("标题。正文。【牵头单位：A处、B处；配合单位：C处】");
    assert_eq!(l.body, "标题。正文。");
    assert_eq!(l.label.leads, ["A处", "B处"]);
    assert_eq!(l.label.helpers, ["C处"]);
    let l = split_label("标题。正文。（牵头部门： 保护处／保护中心，协办：办公室）");
    assert_eq!(l.label.leads, ["保护处", "保护中心"]);
    assert_eq!(l.label.helpers, ["办公室"]);
    let l = split_label("标题。正文。(保护处牵头,保护中心配合)");
    assert_eq!(
        (l.label.leads.as_slice(), l.label.helpers.as_slice()),
        (&["保护处".to_string()][..], &["保护中心".to_string()][..])
    );
    let l = split_label("标题(草案)。正文。责任部门：办公室");
    assert_eq!(l.body, "标题(草案)。正文。");
    assert_eq!(l.label.leads, ["办公室"]);
    // A label after the title: the text goes on.
    let l = split_label("标题（牵头部门：办公室）。正文。");
    assert_eq!(l.body, "标题。正文。");
    assert_eq!(l.trailing, None);
    // After a closing label: not the task's.
    let l = split_label("标题。正文。（牵头部门：办公室）\n局办公室 2025年3月19日印发");
    assert_eq!(l.trailing.as_deref(), Some("局办公室 2025年3月19日印发"));
    assert_eq!(read_label("RCEP"), None);
}

#[test]
fn targets_read_comparator_number_and_unit() {
    let t = targets(
        "作品登记量不少于26万件,占全市55%以上。周期少于 5 个工作日；增速超过 7.5%；规模不超过 2.5 亿元",
    );
    let got: Vec<(&str, Comparator, f64, &str)> = t
        .iter()
        .map(|t| (t.name.as_str(), t.comparator, t.value, t.unit.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("作品登记量", Comparator::Ge, 260000.0, "件"),
            ("作品登记量占全市比例", Comparator::Ge, 55.0, "%"),
            ("周期", Comparator::Lt, 5.0, "个工作日"),
            ("增速", Comparator::Gt, 7.5, "%"),
            ("规模", Comparator::Le, 2.5, "亿元"),
        ]
    );
    let t = targets("自贸区作品快速登记不少于 2.1 万件");
    assert_eq!(t[0].value, 21000.0);
    let t = targets("到 2025 年末,全面完成各项指标任务");
    assert!(t.is_empty());
    assert_eq!(
        split_measures("知识产权交易和质押融资金额"),
        ["知识产权交易金额", "知识产权质押融资金额"]
    );
}

#[test]
fn deadlines_and_counts() {
    let at = |s: &str| {
        let c = Chars::new(s);
        deadline(&c, &(0..c.len()), 2025).map(|d| d.0)
    };
    assert_eq!(at("3月提交审议"), Some(day(2025, 3, 31)));
    assert_eq!(at("6月底前完成"), Some(day(2025, 6, 30)));
    assert_eq!(at("2月完成"), Some(day(2025, 2, 28)));
    assert_eq!(at("9月30日前完成"), Some(day(2025, 9, 30)));
    assert_eq!(at("2026年1月中旬前完成"), Some(day(2026, 1, 20)));
    assert_eq!(at("上半年完成"), Some(day(2025, 6, 30)));
    assert_eq!(at("年底前完成"), Some(day(2025, 12, 31)));
    assert_eq!(at("三季度完成"), Some(day(2025, 9, 30)));
    assert_eq!(at("制定 2025 年度方案"), None);
    assert_eq!(at("12345 热线"), None);
    assert_eq!(at("13月"), None);
    let n = |s: &str| {
        let c = Chars::new(s);
        count(&c, &(0..c.len())).map(|n| (n.value, n.unit, n.comparator, n.name))
    };
    assert_eq!(n("不少于15次"), None, "nothing counted: no name");
    assert_eq!(
        n("年度组织学习不少于15次"),
        Some((15.0, "次".into(), Comparator::Ge, "组织学习".into()))
    );
    assert_eq!(
        n("形成 3 篇以上专利导航分析报告"),
        Some((3.0, "篇".into(), Comparator::Ge, "专利导航分析报告".into()))
    );
    assert_eq!(
        n("举办两场发布会"),
        Some((2.0, "场".into(), Comparator::Ge, "发布会".into()))
    );
    assert_eq!(n("形成一批侵权判定咨询报告"), None);
    assert_eq!(n("在前两批名单基础上"), None);
    assert_eq!(n("实现在一次执法中"), None);
}

#[test]
fn document_numbers_and_titles() {
    assert_eq!(
        document_number("沪浦知局[2025]17号"),
        Some(("沪浦知局〔2025〕17号".into(), 2025))
    );
    assert_eq!(
        document_number("沪浦知局（2025）17号"),
        Some(("沪浦知局〔2025〕17号".into(), 2025))
    );
    assert_eq!(document_number("〔2025〕17号"), None);
    assert_eq!(
        plan_name("浦东新区知识产权局 2025 年工作要点"),
        Some("浦东新区知识产权局2025年工作要点".into())
    );
    assert_eq!(
        plan_name("关于印发《浦东新区知识产权局 2025 年工作要点》 的通知"),
        Some("浦东新区知识产权局2025年工作要点".into())
    );
    assert_eq!(
        bureau_name("上海市浦东新区知识产权局 2025年3月19日"),
        Some("上海市浦东新区知识产权局".into())
    );
    assert_eq!(bureau_name("局机关各处室、保护中心:"), None);
}

// ------------------------------------------------------------ no text panics it

/// Pieces of notices, to build texts that reach deep into the drafter.
const TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "　",
    "一、",
    "二、主要目标",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（3）",
    "第4项",
    "①",
    "牵头部门",
    "：",
    ":",
    "（",
    "）",
    "(",
    ")",
    "【",
    "】",
    "、",
    "，",
    ",",
    "。",
    "；",
    "配合单位",
    "保护处",
    "办公室",
    "法规处",
    "不少于",
    "超过",
    "以上",
    "达到",
    "均",
    "和",
    "万",
    "亿",
    "件",
    "批",
    "次",
    "%",
    "％",
    "105",
    "2.1",
    "１２",
    "3月",
    "底前",
    "上半年",
    "第二、三批",
    "全年形成",
    "《",
    "》",
    "\"",
    "“",
    "”",
    "制定",
    "方案",
    "设立",
    "期间",
    "开展",
    "行动",
    "**",
    "- ",
    "#",
    "沪浦知局[2025]17号",
    "2026年工作要点",
    "占全市",
    "个工作日",
    "9999999999999999999999",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_drafts_without_panic(text in any::<String>()) {
        let d = draft(&text, Some(&BUILT_IN));
        if d.problems.is_empty() {
            prop_assert_eq!(validate(&d.plan), Ok(()));
        }
    }

    #[test]
    fn notice_like_text_drafts_without_panic(
        parts in prop::collection::vec(prop::sample::select(TOKENS), 0..120)
    ) {
        let text: String = parts.concat();
        for reference in [Some(&*BUILT_IN), None] {
            let d = draft(&text, reference);
            if d.problems.is_empty() {
                prop_assert_eq!(validate(&d.plan), Ok(()));
            }
        }
    }
}
