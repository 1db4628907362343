//! Deadlines: what is overdue and what falls due within the next month.

use chrono::NaiveDate;

use super::{Look, Month, at_cell, figure_label, status_word, task_label};
use crate::flag::{Code, Flag};
use crate::import::Status;
use crate::import::vocab::Field;
use crate::plan::FigureKind;
use crate::text;

/// OVERDUE: a dated milestone due on or before the as-of date without a
/// completion date; a count milestone due by then below its target; a lead's
/// task whose planned completion date has passed and that is not 已完成.
pub fn overdue(m: &Month) -> Vec<Flag> {
    let as_of = m.period.as_of();
    let mut out = Vec::new();
    for f in m.plan.figures.iter().filter(|f| f.due <= as_of) {
        if !m.covers_figure(f) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let label = figure_label(f);
        let message = match f.kind {
            FigureKind::Date if fm.done.is_none() => format!(
                "{label}：完成时限为{}，截至{}未报送完成日期，已逾期，请填写完成日期或说明原因。",
                text::date(f.due),
                text::date(as_of)
            ),
            FigureKind::Count => {
                let (Some(target), true) = (f.target, f.comparator.higher_is_better()) else {
                    continue;
                };
                match fm.value {
                    Some(v) if f.comparator.holds(v, target) => continue,
                    Some(v) => format!(
                        "{label}：完成时限为{}，目标 {}，截至{}累计 {}，未完成，已逾期，请说明原因。",
                        text::date(f.due),
                        text::quantity(target, &f.unit),
                        text::date(as_of),
                        text::quantity(v, &f.unit)
                    ),
                    None => format!(
                        "{label}：完成时限为{}，目标 {}，截至{}未报送完成数，已逾期，请填写累计值或说明原因。",
                        text::date(f.due),
                        text::quantity(target, &f.unit),
                        text::date(as_of)
                    ),
                }
            }
            _ => continue,
        };
        let look = if f.kind == FigureKind::Date {
            Look::DoneDate
        } else {
            Look::Value
        };
        out.push(m.figure_flag(Code::Overdue, f, look, message));
    }
    for (t, r) in m.lead_reports() {
        let Some(planned) = r.planned.filter(|p| *p <= as_of) else {
            continue;
        };
        if r.status == Some(Status::Done) {
            continue;
        }
        // The status is what must change (or be explained); the message
        // gives the planned date that passed.
        let flag = Flag::new(
            Code::Overdue,
            format!(
                "{}：计划完成时间为{}，截至{}完成状态为{}，已逾期，请说明原因并明确完成时间。",
                task_label(t),
                text::date(planned),
                text::date(as_of),
                status_word(r.status)
            ),
        )
        .department(r.department.clone())
        .task(t.id);
        out.push(at_cell(
            flag,
            r,
            &[Field::Status, Field::Progress, Field::Planned],
        ));
    }
    out
}

/// DUE_SOON: a milestone or a lead's planned completion date falls within
/// the next month (after the as-of date, up to the next month's end) and it
/// is not done.
pub fn due_soon(m: &Month) -> Vec<Flag> {
    let as_of = m.period.as_of();
    let horizon = m.period.next().as_of();
    let soon = |d: NaiveDate| as_of < d && d <= horizon;
    let mut out = Vec::new();
    for f in m.plan.figures.iter().filter(|f| soon(f.due)) {
        if !f.is_milestone() || !m.covers_figure(f) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let label = figure_label(f);
        let message = match (f.kind, f.target) {
            (FigureKind::Date, _) if fm.done.is_none() => format!(
                "{label}：完成时限为{}，尚未报送完成，请抓紧推进。",
                text::date(f.due)
            ),
            (FigureKind::Count, Some(target))
                if !fm.value.is_some_and(|v| f.comparator.holds(v, target)) =>
            {
                format!(
                    "{label}：完成时限为{}，目标 {}，目前累计 {}，请抓紧推进。",
                    text::date(f.due),
                    text::quantity(target, &f.unit),
                    fm.value
                        .map_or("未报送".to_string(), |v| text::quantity(v, &f.unit))
                )
            }
            _ => continue,
        };
        let look = if f.kind == FigureKind::Date {
            Look::DoneDate
        } else {
            Look::Value
        };
        out.push(m.figure_flag(Code::DueSoon, f, look, message));
    }
    for (t, r) in m.lead_reports() {
        let Some(planned) = r.planned.filter(|p| soon(*p)) else {
            continue;
        };
        if r.status == Some(Status::Done) {
            continue;
        }
        let flag = Flag::new(
            Code::DueSoon,
            format!(
                "{}：计划完成时间为{}，临近时限，请抓紧推进。",
                task_label(t),
                text::date(planned)
            ),
        )
        .department(r.department.clone())
        .task(t.id);
        out.push(at_cell(flag, r, &[Field::Planned]));
    }
    out
}
