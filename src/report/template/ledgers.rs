//! Ledger (台账) sheets: the vocabulary's headers, then the rows received
//! (a returned workbook) and a few hundred empty formatted rows to fill or
//! paste into, one record per row, with validations on dates, yes/no, deal
//! types and amounts.

use rust_xlsxwriter::{DataValidation, Format, Worksheet, XlsxError};

use super::sheet::{
    self, Context, FIRST_DATA_ROW, Frame, HEADER_ROW, amount_validation, date_validation,
    write_cell,
};
use crate::import::SheetKind;
use crate::import::vocab::{self, DEAL_TYPES, Field, NO_WORDS, YES_WORDS};
use crate::plan::LedgerKind;
use crate::report::xlsx::{self, Cell, Lists, hint};
use crate::summarise::fill::{Spot, Value};

/// How many empty formatted rows a ledger sheet offers; the columns stay
/// unlocked below them, so longer ledgers can be pasted in.
pub const EMPTY_ROWS: u32 = 300;

/// The unit a header states in brackets: `金额(万元)` → `万元`.
fn header_unit(name: &str) -> Option<&str> {
    let start = name.find(['(', '（'])?;
    let rest = &name[start..];
    let open = rest.chars().next()?.len_utf8();
    let end = rest.find([')', '）'])?;
    (end > open).then(|| &rest[open..end])
}

/// A column's width, cell format and column default.
fn layout<'f>(ctx: &'f Context, field: Field, name: &str) -> (f64, &'f Format, &'f Format) {
    let f = &ctx.f;
    match field {
        Field::Key => (
            xlsx::fit_width([name], 16.0, 20.0),
            &f.input_key,
            &f.column_key,
        ),
        Field::Accepted | Field::Issued | Field::Closed | Field::Registered => {
            (13.0, &f.input_date, &f.column_date)
        }
        Field::Amount => (
            xlsx::fit_width([name], 12.0, 14.0),
            &f.input_number,
            &f.column_number,
        ),
        Field::FastTrack => (
            xlsx::fit_width([name], 10.0, 12.0),
            &f.input_centre,
            &f.column_text,
        ),
        Field::WorkTitle | Field::Company => (28.0, &f.input_text, &f.column_text),
        Field::Owner => (22.0, &f.input_text, &f.column_text),
        Field::Note => (18.0, &f.input_text, &f.column_text),
        _ => (
            xlsx::fit_width([name], 12.0, 16.0),
            &f.input_text,
            &f.column_text,
        ),
    }
}

/// The validation of a ledger column, when one helps.
fn validation(
    ctx: &Context,
    kind: LedgerKind,
    field: Field,
    name: &str,
    lists: &mut Lists,
) -> Result<Option<DataValidation>, XlsxError> {
    let v = match field {
        Field::Accepted | Field::Issued | Field::Closed | Field::Registered => {
            Some(date_validation(ctx, name)?)
        }
        Field::FastTrack => {
            let words: Vec<&str> = [YES_WORDS.first(), NO_WORDS.first()]
                .into_iter()
                .flatten()
                .copied()
                .collect();
            Some(lists.validation(name, &words)?)
        }
        Field::Category if kind == LedgerKind::Finance => Some(lists.validation(name, DEAL_TYPES)?),
        Field::Amount => {
            let unit = header_unit(name).unwrap_or("表头所示单位");
            Some(amount_validation(
                name,
                &format!("按{unit}填写金额，如 500 表示 500{unit}；不要带单位。"),
            )?)
        }
        Field::Key => Some(hint(
            DataValidation::new().allow_any_value(),
            name,
            "每条记录必填且不重复；同一编号只计一次。",
        )?),
        _ => None,
    };
    Ok(v)
}

/// Builds the sheet of one ledger; `filled_date` puts the workbook's 填报日期 input on it.
pub(super) fn sheet(
    ctx: &Context,
    kind: LedgerKind,
    lists: &mut Lists,
    filled_date: bool,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(kind.title())?;
    let columns = vocab::columns(SheetKind::Ledger(kind));
    let title = format!("{}（每行一条记录）", kind.title());
    let frame = Frame {
        title: &title,
        columns,
        filled_date,
    };
    sheet::write_frame(&mut ws, ctx, &frame, 0)?;

    let received = ctx.fill.map_or(&[][..], |f| f.ledger(kind));
    let sent = u32::try_from(received.len()).unwrap_or(0);
    let last_row = FIRST_DATA_ROW + sent + EMPTY_ROWS - 1;
    let mut row_lines = vec![1; received.len()];
    for (c, column) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        let (width, cell, default) = layout(ctx, column.field, column.name);
        ws.set_column_width(c, width)?;
        ws.set_column_format(c, default)?;
        for (i, values) in received.iter().enumerate() {
            let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
            let value = values.iter().find(|(f, _)| *f == column.field).map_or(
                Cell::Empty,
                |(_, v)| match v {
                    Value::Text(s) => Cell::text(s.as_str()),
                    Value::Number(n) => Cell::Num(*n),
                    Value::Date(d) => Cell::Date(*d),
                },
            );
            if let Cell::Text(s) = &value {
                row_lines[i] = row_lines[i].max(xlsx::lines_in(s, width));
            }
            let spot = Spot::Ledger(kind, i, column.field);
            write_cell(&mut ws, ctx, (r, c), &value, cell, &spot)?;
        }
        for r in FIRST_DATA_ROW + sent..=last_row {
            ws.write_blank(r, c, cell)?;
        }
        if let Some(v) = validation(ctx, kind, column.field, column.name, lists)? {
            ws.add_data_validation(FIRST_DATA_ROW, c, xlsx::LAST_ROW, c, &v)?;
        }
    }
    for (i, lines) in row_lines.iter().enumerate() {
        if *lines > 1 {
            let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
            ws.set_row_height(r, xlsx::height(*lines))?;
        }
    }
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    xlsx::protect(&mut ws, true);
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_come_from_the_header() {
        assert_eq!(header_unit("金额(万元)"), Some("万元"));
        assert_eq!(header_unit("金额（亿元）"), Some("亿元"));
        assert_eq!(header_unit("金额"), None);
        assert_eq!(header_unit("金额()"), None);
    }
}
