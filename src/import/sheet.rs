//! A sheet's cells as read, held compactly: a ledger sheet of a quarter of a
//! million rows is two million cells, so a cell is a position and a value in
//! 16 bytes, and every text of the sheet sits in one string it points into.
//! Nothing is allocated per cell, and reading a cell borrows it
//! ([`CellView`]); [`Cell`] is the owned form for tests and small users.
//!
//! While a reading thread holds a [`Reuse`], the memory of a large sheet it
//! has finished with is kept for its next large sheet: a municipal month is
//! tens of millions of cells through two threads, and memory taken fresh for
//! every sheet is memory the system hands over, zeroed, page by page again.

use std::cell::RefCell;
use std::marker::PhantomData;

use super::Cell;

/// A cell's value borrowed from its sheet: what [`Cell`] holds, without
/// owning its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellView<'a> {
    Text(&'a str),
    Number(f64),
    Bool(bool),
    /// An Excel serial day number (1900 system); see [`Cell::Date`].
    Date(f64),
    /// A cell error such as `#DIV/0!`.
    Error(&'a str),
    /// A formula with no cached value; its text.
    Formula(&'a str),
}

impl CellView<'_> {
    /// The owned cell.
    pub fn to_cell(self) -> Cell {
        match self {
            CellView::Text(s) => Cell::Text(s.to_string()),
            CellView::Number(x) => Cell::Number(x),
            CellView::Bool(b) => Cell::Bool(b),
            CellView::Date(x) => Cell::Date(x),
            CellView::Error(e) => Cell::Error(e.to_string()),
            CellView::Formula(f) => Cell::Formula(f.to_string()),
        }
    }
}

impl<'a> From<&'a Cell> for CellView<'a> {
    fn from(cell: &'a Cell) -> CellView<'a> {
        match cell {
            Cell::Text(s) => CellView::Text(s),
            Cell::Number(x) => CellView::Number(*x),
            Cell::Bool(b) => CellView::Bool(*b),
            Cell::Date(x) => CellView::Date(*x),
            Cell::Error(e) => CellView::Error(e),
            Cell::Formula(f) => CellView::Formula(f),
        }
    }
}

impl<'a> From<&CellView<'a>> for CellView<'a> {
    fn from(cell: &CellView<'a>) -> CellView<'a> {
        *cell
    }
}

/// What a slot's 64 bits hold, in the top bits of its column.
const TEXT: u32 = 0;
const NUMBER: u32 = 1;
const BOOL: u32 = 2;
const DATE: u32 = 3;
const ERROR: u32 = 4;
const FORMULA: u32 = 5;
const TAG_AT: u32 = 28;
/// Columns below 2²⁸; Excel's last is 16,384.
const COL_MASK: u32 = (1 << TAG_AT) - 1;

/// One cell in 16 bytes: 0-based row, column (its kind in the top bits) and
/// value (numbers as their bits, texts as offset and length in the sheet's
/// text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Slot {
    pub row: u32,
    col_tag: u32,
    bits: u64,
}

impl Slot {
    pub fn col(&self) -> u32 {
        self.col_tag & COL_MASK
    }
}

/// Sheets of fewer cells than this (1 MB of slots) take fresh memory.
const REUSE_FROM: usize = 1 << 16;

/// A sheet's memory: its slots and its text.
type Memory = (Vec<Slot>, String);

/// Room for far more cells than the sheet holds — as when a file declares
/// A1:XFD1048576 around a few cells — is not kept.
fn oversized(slots: &Vec<Slot>) -> bool {
    slots.capacity() > 4 * slots.len().max(REUSE_FROM)
}

thread_local! {
    /// The memory of large sheets already dropped on this thread, largest
    /// first, while a [`Reuse`] is held (else `None`).
    static SPARE: RefCell<Option<Vec<Memory>>> = const { RefCell::new(None) };
}

/// While held, the large sheets dropped on this thread give their memory to
/// the next large sheets read on it; dropping it frees what is kept. Held
/// by each thread reading a month's files, so nothing stays after them.
pub(crate) struct Reuse(PhantomData<*const ()>);

impl Reuse {
    pub fn start() -> Reuse {
        SPARE.with(|s| *s.borrow_mut() = Some(Vec::new()));
        Reuse(PhantomData)
    }
}

impl Drop for Reuse {
    fn drop(&mut self) {
        SPARE.with(|s| *s.borrow_mut() = None);
    }
}

/// Kept memory for a sheet of about `cells` cells: the smallest that holds
/// it, else the largest.
fn take_spare(cells: usize) -> Option<Memory> {
    SPARE.with(|s| {
        let mut s = s.try_borrow_mut().ok()?;
        let list = s.as_mut()?;
        let at = list
            .iter()
            .rposition(|(slots, _)| slots.capacity() >= cells)
            .or((!list.is_empty()).then_some(0))?;
        let (mut slots, mut text) = list.remove(at);
        slots.clear();
        text.clear();
        Some((slots, text))
    })
}

/// One sheet's cells, sparse, with true 0-based coordinates (row 0 is Excel
/// row 1), sorted by row then column; empty cells are absent.
#[derive(Debug, Clone, Default)]
pub struct RawSheet {
    pub name: String,
    slots: Vec<Slot>,
    /// Every text of the sheet, one after another.
    text: String,
    /// Merged ranges, inclusive, 0-based: `(first_row, first_col, last_row, last_col)`.
    pub merges: Vec<(u32, u32, u32, u32)>,
}

impl Drop for RawSheet {
    fn drop(&mut self) {
        if self.slots.capacity() < REUSE_FROM || oversized(&self.slots) {
            return;
        }
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut()
                && let Some(list) = s.as_mut()
            {
                list.push((
                    std::mem::take(&mut self.slots),
                    std::mem::take(&mut self.text),
                ));
                list.sort_by_key(|(slots, _)| std::cmp::Reverse(slots.capacity()));
                // A file's two largest sheets are enough for the next file.
                list.truncate(2);
            }
        });
    }
}

impl PartialEq for RawSheet {
    fn eq(&self, other: &RawSheet) -> bool {
        self.name == other.name
            && self.merges == other.merges
            && self.slots.len() == other.slots.len()
            && self.views().eq(other.views())
    }
}

impl RawSheet {
    /// A sheet of these cells, in any order (the last of two at one place
    /// wins), with its merged ranges kept as given.
    pub fn new(
        name: impl Into<String>,
        cells: impl IntoIterator<Item = (u32, u32, Cell)>,
        merges: Vec<(u32, u32, u32, u32)>,
    ) -> RawSheet {
        let mut b = SheetBuilder::new(u64::MAX);
        for (r, c, cell) in cells {
            // Cannot fail: no cap, and a test's text is far below 4 GB.
            let _ = b.push(r, c, CellView::from(&cell));
        }
        let mut sheet = b.sorted(name.into());
        sheet.merges = merges;
        sheet
    }

    /// How many cells hold a value.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every cell, owned, in order: for tests and small sheets.
    pub fn cells(&self) -> Vec<(u32, u32, Cell)> {
        self.views().map(|(r, c, v)| (r, c, v.to_cell())).collect()
    }

    /// Every cell, borrowed, in order.
    pub fn views(&self) -> impl DoubleEndedIterator<Item = (u32, u32, CellView<'_>)> + '_ {
        self.slots.iter().map(|s| (s.row, s.col(), self.view(s)))
    }

    /// The cells, for the reader of rows (`rows::grid`).
    pub(crate) fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// A cell's value.
    pub(crate) fn view(&self, slot: &Slot) -> CellView<'_> {
        let text = || {
            let (at, len) = (slot.bits as u32 as usize, (slot.bits >> 32) as usize);
            self.text.get(at..at + len).unwrap_or_default()
        };
        match slot.col_tag >> TAG_AT {
            TEXT => CellView::Text(text()),
            NUMBER => CellView::Number(f64::from_bits(slot.bits)),
            BOOL => CellView::Bool(slot.bits != 0),
            DATE => CellView::Date(f64::from_bits(slot.bits)),
            ERROR => CellView::Error(text()),
            _ => CellView::Formula(text()),
        }
    }

    /// A sheet of text cells, for tests: `rows[r][c]`, empty strings left blank.
    #[cfg(test)]
    pub(crate) fn of_text(
        name: &str,
        rows: &[&[&str]],
        merges: Vec<(u32, u32, u32, u32)>,
    ) -> RawSheet {
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    cells.push((r as u32, c as u32, Cell::Text(v.to_string())));
                }
            }
        }
        RawSheet::new(name, cells, merges)
    }
}

/// Why a cell could not be added to a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Full {
    /// More cells than the cap.
    Cells,
    /// More text than one sheet holds (4 GB).
    Text,
}

/// A sheet being read, cell by cell.
#[derive(Debug)]
pub(crate) struct SheetBuilder {
    slots: Vec<Slot>,
    text: String,
    max: u64,
    /// The memory came from a sheet read before ([`Reuse`]): kept whole.
    reused: bool,
}

impl SheetBuilder {
    /// At most `max` cells.
    pub fn new(max: u64) -> SheetBuilder {
        SheetBuilder {
            slots: Vec::new(),
            text: String::new(),
            max,
            reused: false,
        }
    }

    /// Room for about `cells` cells (as the sheet declares its size), within
    /// the cap; for a large sheet, the memory of one read before if kept.
    pub fn reserve(&mut self, cells: u64) {
        let n = cells.min(self.max).min(1 << 24) as usize;
        if n >= REUSE_FROM
            && self.slots.is_empty()
            && let Some((slots, text)) = take_spare(n)
        {
            (self.slots, self.text, self.reused) = (slots, text, true);
        }
        self.slots.reserve(n);
    }

    /// Adds a text; its offset and length in 64 bits.
    fn span(&mut self, s: &str) -> Result<u64, Full> {
        let at = u32::try_from(self.text.len()).map_err(|_| Full::Text)?;
        let len = u32::try_from(s.len()).map_err(|_| Full::Text)?;
        at.checked_add(len).ok_or(Full::Text)?;
        self.text.push_str(s);
        Ok(u64::from(at) | (u64::from(len) << 32))
    }

    /// Adds a cell.
    pub fn push(&mut self, row: u32, col: u32, cell: CellView<'_>) -> Result<(), Full> {
        if self.slots.len() as u64 >= self.max {
            return Err(Full::Cells);
        }
        // Past any spreadsheet's last column: not a sheet anyone wrote.
        if col > COL_MASK {
            return Err(Full::Cells);
        }
        let (tag, bits) = match cell {
            CellView::Text(s) => (TEXT, self.span(s)?),
            CellView::Number(x) => (NUMBER, x.to_bits()),
            CellView::Bool(b) => (BOOL, u64::from(b)),
            CellView::Date(x) => (DATE, x.to_bits()),
            CellView::Error(e) => (ERROR, self.span(e)?),
            CellView::Formula(f) => (FORMULA, self.span(f)?),
        };
        self.slots.push(Slot {
            row,
            col_tag: col | (tag << TAG_AT),
            bits,
        });
        Ok(())
    }

    /// The sheet, its cells sorted by position (the last of duplicates wins)
    /// and its merges not yet set.
    fn sorted(mut self, name: String) -> RawSheet {
        let in_order = self
            .slots
            .windows(2)
            .all(|w| (w[0].row, w[0].col()) < (w[1].row, w[1].col()));
        if !in_order {
            // Stable: of two cells at one place, the later stays later.
            self.slots.sort_by_key(|s| (s.row, s.col()));
            let mut unique: Vec<Slot> = Vec::with_capacity(self.slots.len());
            for s in self.slots {
                match unique.last_mut() {
                    Some(last) if (last.row, last.col()) == (s.row, s.col()) => *last = s,
                    _ => unique.push(s),
                }
            }
            self.slots = unique;
        }
        if !self.reused || oversized(&self.slots) {
            self.slots.shrink_to_fit();
            self.text.shrink_to_fit();
        }
        RawSheet {
            name,
            slots: self.slots,
            text: self.text,
            merges: Vec::new(),
        }
    }

    /// The sheet, sorted as [`RawSheet`] promises, keeping the merges that
    /// touch the used area, clipped to it, so that a stray merge over
    /// A1:XFD1048576 stays as small as the data.
    pub fn finish(self, name: &str, merges: &[(u32, u32, u32, u32)]) -> RawSheet {
        let mut sheet = self.sorted(name.to_string());
        let bounds = sheet.slots.iter().fold(None, |b: Option<(u32, u32)>, s| {
            Some(b.map_or((s.row, s.col()), |(mr, mc)| {
                (mr.max(s.row), mc.max(s.col()))
            }))
        });
        let mut kept: Vec<(u32, u32, u32, u32)> = match bounds {
            None => Vec::new(),
            Some((max_row, max_col)) => merges
                .iter()
                .map(|&(a, b, c, d)| (a.min(c), b.min(d), a.max(c), b.max(d)))
                .filter(|&(r0, c0, r1, c1)| (r0, c0) != (r1, c1) && r0 <= max_row && c0 <= max_col)
                .map(|(r0, c0, r1, c1)| (r0, c0, r1.min(max_row), c1.min(max_col)))
                .collect(),
        };
        kept.sort_unstable();
        kept.dedup();
        sheet.merges = kept;
        sheet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn cells_keep_their_values_and_the_last_of_two_wins() {
        let sheet = RawSheet::new(
            "s",
            vec![
                (2, 0, t("b")),
                (0, 1, Cell::Number(1.5)),
                (0, 0, t("a")),
                (2, 0, t("c")),
                (1, 3, Cell::Formula("A1*2".into())),
                (1, 4, Cell::Error("#N/A".into())),
                (1, 5, Cell::Date(45000.0)),
                (1, 6, Cell::Bool(true)),
            ],
            vec![],
        );
        assert_eq!(
            sheet.cells(),
            vec![
                (0, 0, t("a")),
                (0, 1, Cell::Number(1.5)),
                (1, 3, Cell::Formula("A1*2".into())),
                (1, 4, Cell::Error("#N/A".into())),
                (1, 5, Cell::Date(45000.0)),
                (1, 6, Cell::Bool(true)),
                (2, 0, t("c")),
            ]
        );
        assert_eq!(sheet.len(), 7);
        assert_eq!(std::mem::size_of::<Slot>(), 16);
    }

    #[test]
    fn the_cap_is_kept_and_merges_are_clipped() {
        let mut b = SheetBuilder::new(2);
        b.push(0, 0, CellView::Text("x")).unwrap();
        b.push(3, 2, CellView::Number(1.0)).unwrap();
        assert_eq!(b.push(4, 0, CellView::Number(1.0)), Err(Full::Cells));
        let sheet = b.finish(
            "s",
            &[(0, 0, 1_048_575, 16_383), (9, 0, 9, 3), (1, 1, 1, 1)],
        );
        assert_eq!(sheet.merges, vec![(0, 0, 3, 2)]);
    }

    #[test]
    fn a_large_sheet_gives_its_memory_to_the_next_only_while_reusing() {
        let large = |name: &str, cells: u32, text: &str| {
            let mut b = SheetBuilder::new(u64::MAX);
            b.reserve(u64::from(cells).max(REUSE_FROM as u64));
            for r in 0..cells {
                b.push(r, 0, CellView::Text(text)).unwrap();
            }
            b.finish(name, &[])
        };
        let reuse = Reuse::start();
        let first = large("a", REUSE_FROM as u32, "abc");
        let memory = first.slots.as_ptr();
        drop(first);
        let second = large("b", 2, "x");
        assert_eq!(second.slots.as_ptr(), memory);
        assert_eq!(second.cells(), vec![(0, 0, t("x")), (1, 0, t("x"))]);
        drop(second);
        // A sheet declaring far more room than it fills (it took the kept
        // memory and grew it) is shrunk, and not kept.
        let mut b = SheetBuilder::new(u64::MAX);
        b.reserve(1 << 22);
        b.push(0, 0, CellView::Text("z")).unwrap();
        let sparse = b.finish("d", &[]);
        assert!(sparse.slots.capacity() < REUSE_FROM);
        drop(sparse);
        SPARE.with(|s| assert_eq!(s.borrow().as_ref().map(Vec::len), Some(0)));
        drop(reuse);
        SPARE.with(|s| assert!(s.borrow().is_none()));
        // Not reusing: a dropped sheet keeps nothing.
        drop(large("c", 1, "y"));
        SPARE.with(|s| assert!(s.borrow().is_none()));
    }
}
