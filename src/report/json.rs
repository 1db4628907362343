//! The JSON report, the machine-readable twin of the workbook: exactly the
//! keys of `docs/json.md`, built by hand so that no field added to a summary
//! type leaks into the contract. Absent values are `null`, never missing keys.

use serde_json::{Value, json};

use crate::import::Submission;
use crate::summarise::{LeadReport, Summary};

/// The JSON report, exactly the keys of `docs/json.md`.
pub fn json(s: &Summary) -> Value {
    json!({
        "period": s.period.to_string(),
        "as_of": s.as_of.format("%Y-%m-%d").to_string(),
        "plan": s.plan,
        "inputs": s.inputs.iter().map(input).collect::<Vec<_>>(),
        "tasks": s.tasks.iter().map(|t| json!({
            "id": t.id,
            "section": t.section,
            "title": t.title,
            "leads": t.leads,
            "status": t.status.as_str(),
            "progress": number(t.progress, 6),
            "light": t.light.as_str(),
            "reports": t.reports.iter().map(report).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "figures": s.figures.iter().map(|f| json!({
            "id": f.figure.id,
            "task": f.figure.task,
            "name": f.figure.name,
            "unit": f.figure.unit,
            "comparator": f.figure.comparator.as_str(),
            "target": number(f.figure.target, 6),
            "value": number(f.value, 6),
            "source": source(f.source),
            "reported": number(f.reported, 6),
            "expected": number(f.expected, 6),
            "completion": number(f.completion, 4),
            "light": f.light.as_str(),
        })).collect::<Vec<_>>(),
        "departments": s.departments.iter().map(|d| json!({
            "name": d.name,
            "submitted": d.submitted,
            "files": d.files,
            "tasks_assigned": d.tasks_assigned,
            "tasks_reported": d.tasks_reported,
            "errors": d.errors,
            "warnings": d.warnings,
        })).collect::<Vec<_>>(),
        "flags": s.flags.iter().map(|f| json!({
            "code": f.code.as_str(),
            "severity": f.severity().as_str(),
            "department": f.department,
            "task": f.task,
            "figure": f.figure,
            "file": f.file,
            "sheet": f.sheet,
            "row": f.row,
            "column": f.column,
            "message": f.message,
        })).collect::<Vec<_>>(),
        "totals": {
            "files": s.totals.files,
            "rows_read": s.totals.rows_read,
            "accepted": s.totals.accepted,
            "rejected": s.totals.rejected,
            "skipped": s.totals.skipped,
        },
    })
}

fn input(f: &Submission) -> Value {
    json!({
        "file": f.file,
        "status": match f.status {
            crate::import::FileStatus::Accepted => "accepted",
            crate::import::FileStatus::Ignored => "ignored",
            crate::import::FileStatus::Unreadable => "unreadable",
        },
        "department": f.department,
        "reason": f.reason,
        "sheets": f.sheets.iter().map(|s| json!({
            "name": s.name,
            "kind": s.kind.as_str(),
            "header_row": s.header_row,
            "rows_read": s.rows_read,
            "accepted": s.accepted,
            "rejected": s.rejected,
            "skipped": s.skipped,
        })).collect::<Vec<_>>(),
    })
}

fn report(r: &LeadReport) -> Value {
    json!({
        "department": r.department,
        "status": r.status.map(|s| s.as_str()),
        "progress": number(r.progress, 6),
        "text": r.text,
        "file": r.file,
        "sheet": r.sheet,
        "row": r.row,
    })
}

fn source(s: crate::measure::Source) -> &'static str {
    match s {
        crate::measure::Source::Ledger => "ledger",
        crate::measure::Source::Reported => "reported",
        crate::measure::Source::None => "none",
    }
}

/// A number rounded to `decimals`, written as an integer when whole;
/// `null` when absent or not finite.
pub fn number(v: Option<f64>, decimals: i32) -> Value {
    let Some(v) = v.filter(|v| v.is_finite()) else {
        return Value::Null;
    };
    let scale = 10f64.powi(decimals);
    let r = (v * scale).round() / scale;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 && r.abs() < 9.0e15 {
        return Value::from(r as i64);
    }
    serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_whole_ones_are_integers_absent_ones_null() {
        assert_eq!(number(Some(0.455_769), 4), json!(0.4558));
        assert_eq!(number(Some(3000.0), 6), json!(3000));
        assert!(number(Some(3000.0), 6).is_i64());
        assert_eq!(number(Some(45.300_000_000_000_004), 6), json!(45.3));
        assert_eq!(number(None, 4), Value::Null);
        assert_eq!(number(Some(f64::NAN), 4), Value::Null);
        assert_eq!(number(Some(-0.000_01), 4), json!(0));
    }
}
