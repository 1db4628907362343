//! A sheet's cells by row, with merged cells filled in: a merged cell's value
//! applies across its whole range, so a 牵头部门 merged down five rows is read
//! on each of them.

use crate::import::read::MAX_CELLS;
use crate::import::sheet::Slot;
use crate::import::{CellView, RawSheet};

/// At most this many cells, added up over a sheet's merged ranges, are
/// filled in. Each pass over the rows fills every merged cell once, so a
/// merge over B2:XFD1048576 beside a stray value at XFD1048576 (a 2 KB file:
/// tests/fixtures/fuzz/) would fill 17 billion cells. Real merges — a 牵头部门 down
/// a few rows, a title across a table — add up to far less; the largest
/// ranges are dropped first, their value staying in their top-left cell.
const MAX_MERGED_CELLS: u64 = MAX_CELLS;

/// One cell of a row as the reader sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub col: u32,
    pub cell: CellView<'a>,
    /// Where the value really sits: `(row, col)` of the cell itself, or of
    /// the top-left cell of the merged range it falls in.
    pub anchor: (u32, u32),
}

/// A row's non-empty cells, sorted by column.
pub(crate) type Line<'a> = Vec<Entry<'a>>;

/// The cell of `line` in column `col`.
pub(crate) fn get<'a>(line: &Line<'a>, col: u32) -> Option<CellView<'a>> {
    line.binary_search_by_key(&col, |e| e.col)
        .ok()
        .map(|i| line[i].cell)
}

#[derive(Debug, Clone, Copy)]
struct Merge {
    first_row: u32,
    first_col: u32,
    last_row: u32,
    last_col: u32,
    /// Index of the top-left cell in the grid's cells.
    cell: usize,
}

impl Merge {
    /// How many cells the range covers.
    fn area(&self) -> u64 {
        (u64::from(self.last_row - self.first_row) + 1)
            * (u64::from(self.last_col - self.first_col) + 1)
    }
}

/// A sheet indexed by row.
pub(crate) struct Grid<'a> {
    sheet: &'a RawSheet,
    /// `(row, start, end)` ranges into the sheet's cells, by row.
    rows: Vec<(u32, usize, usize)>,
    /// Merged ranges of more than one cell whose top-left cell has a value,
    /// clamped to the used area, sorted by first row.
    merges: Vec<Merge>,
    /// The last row holding a value (0-based), if any.
    pub last_row: Option<u32>,
}

impl<'a> Grid<'a> {
    pub fn new(sheet: &'a RawSheet) -> Grid<'a> {
        // A sheet's cells are sorted by row, then column.
        let cells = sheet.slots();
        let mut rows = Vec::new();
        let mut i = 0;
        while i < cells.len() {
            let r = cells[i].row;
            let start = i;
            while i < cells.len() && cells[i].row == r {
                i += 1;
            }
            rows.push((r, start, i));
        }
        let last_row = rows.last().map(|r| r.0);
        let max_col = cells.iter().map(|c| c.col()).max().unwrap_or(0);
        let mut merges = Vec::new();
        if let Some(last_row) = last_row {
            for &(fr, fc, lr, lc) in &sheet.merges {
                let (lr, lc) = (lr.min(last_row), lc.min(max_col));
                if fr > lr || fc > lc || (fr == lr && fc == lc) {
                    continue;
                }
                if let Ok(cell) = cells.binary_search_by_key(&(fr, fc), |x| (x.row, x.col())) {
                    merges.push(Merge {
                        first_row: fr,
                        first_col: fc,
                        last_row: lr,
                        last_col: lc,
                        cell,
                    });
                }
            }
        }
        // Smallest first, keeping ranges while the budget lasts.
        merges.sort_by_key(Merge::area);
        let mut budget = MAX_MERGED_CELLS;
        merges.retain(|m| match budget.checked_sub(m.area()) {
            Some(left) => {
                budget = left;
                true
            }
            None => false,
        });
        merges.sort_by_key(|m| (m.first_row, m.first_col));
        Grid {
            sheet,
            rows,
            merges,
            last_row,
        }
    }

    /// The raw cells of row `r`.
    fn raw_row(&self, r: u32) -> &'a [Slot] {
        match self.rows.binary_search_by_key(&r, |x| x.0) {
            Ok(i) => {
                let (_, s, e) = self.rows[i];
                &self.sheet.slots()[s..e]
            }
            Err(_) => &[],
        }
    }

    /// The rows holding a raw value, in order.
    pub fn value_rows(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.rows.iter().map(|r| r.0)
    }

    /// Row `r` with merged values filled in.
    pub fn line(&self, r: u32) -> Line<'a> {
        let active: Vec<usize> = self
            .merges
            .iter()
            .enumerate()
            .filter(|(_, m)| m.first_row <= r && r <= m.last_row)
            .map(|(i, _)| i)
            .collect();
        let mut line = Vec::new();
        self.build(r, &active, &mut line);
        line
    }

    /// Row `r` into `line` (emptied first), with the `active` merges filled in.
    fn build(&self, r: u32, active: &[usize], line: &mut Line<'a>) {
        self.build_from(self.raw_row(r), active, line);
    }

    /// [`Grid::build`] from the row's raw cells.
    fn build_from(&self, raw: &'a [Slot], active: &[usize], line: &mut Line<'a>) {
        line.clear();
        let sheet = self.sheet;
        line.extend(raw.iter().map(|s| Entry {
            col: s.col(),
            cell: sheet.view(s),
            anchor: (s.row, s.col()),
        }));
        if active.is_empty() {
            return;
        }
        let raw_len = line.len();
        for &i in active {
            let m = &self.merges[i];
            for col in m.first_col..=m.last_col {
                let present = line[..raw_len]
                    .binary_search_by_key(&col, |e| e.col)
                    .is_ok();
                if !present {
                    line.push(Entry {
                        col,
                        cell: sheet.view(&sheet.slots()[m.cell]),
                        anchor: (m.first_row, m.first_col),
                    });
                }
            }
        }
        line.sort_by_key(|e| e.col);
        line.dedup_by_key(|e| e.col);
    }

    /// Every row from `from` to the last row holding a value, with merges
    /// filled in; rows without values come as empty lines.
    pub fn lines_from(&self, from: u32) -> Lines<'_, 'a> {
        Lines {
            grid: self,
            next: from,
            pending: 0,
            active: Vec::new(),
            stored: self.rows.partition_point(|x| x.0 < from),
        }
    }
}

/// An iterator over consecutive rows (a sweep over the merged ranges, so a
/// sheet of many rows and many merges stays linear).
pub(crate) struct Lines<'g, 'a> {
    grid: &'g Grid<'a>,
    next: u32,
    /// Index of the first merge not yet activated.
    pending: usize,
    active: Vec<usize>,
    /// Index of the first stored row not yet passed.
    stored: usize,
}

impl<'a> Lines<'_, 'a> {
    /// The next row into `line` (emptied first), reusing its room: the
    /// reader of a long sheet allocates no line per row. `None` after the
    /// last row.
    pub fn next_into(&mut self, line: &mut Line<'a>) -> Option<u32> {
        let last = self.grid.last_row?;
        let r = self.next;
        if r > last {
            return None;
        }
        self.next = r + 1;
        let merges = &self.grid.merges;
        while self.pending < merges.len() && merges[self.pending].first_row <= r {
            self.active.push(self.pending);
            self.pending += 1;
        }
        self.active.retain(|&i| merges[i].last_row >= r);
        // Rows come in order: the stored row, if any, is the next one.
        let raw = match self.grid.rows.get(self.stored) {
            Some(&(row, s, e)) if row == r => {
                self.stored += 1;
                &self.grid.sheet.slots()[s..e]
            }
            _ => &[],
        };
        self.grid.build_from(raw, &self.active, line);
        Some(r)
    }
}

impl<'a> Iterator for Lines<'_, 'a> {
    type Item = (u32, Line<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::new();
        self.next_into(&mut line).map(|r| (r, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Cell;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn merged_values_fill_their_range() {
        let sheet = RawSheet::new(
            "s",
            vec![
                (0, 0, t("title")),
                (1, 0, t("a")),
                (1, 1, t("lead")),
                (2, 0, t("b")),
                (3, 0, t("c")),
            ],
            vec![(0, 0, 0, 5), (1, 1, 3, 1)],
        );
        let g = Grid::new(&sheet);
        assert_eq!(g.last_row, Some(3));
        let title = g.line(0);
        assert_eq!(title.len(), 2, "clamped to the used columns: {title:?}");
        let lines: Vec<_> = g.lines_from(1).collect();
        assert_eq!(lines.len(), 3);
        for (r, line) in &lines {
            assert_eq!(get(line, 1), Some(CellView::Text("lead")), "row {r}");
            assert_eq!(line[1].anchor, (1, 1));
        }
        assert_eq!(get(&lines[2].1, 0), Some(CellView::Text("c")));
    }

    #[test]
    fn merged_ranges_past_the_budget_are_dropped_largest_first() {
        // A title merged across, a lead merged down, and C2:XFD1048576 over
        // a stray value in the far corner: only the last one is dropped.
        let sheet = RawSheet::new(
            "s",
            vec![
                (0, 0, t("title")),
                (1, 0, t("a")),
                (1, 1, t("lead")),
                (1, 2, t("x")),
                (2, 0, t("b")),
                (1_048_575, 16_383, t("far")),
            ],
            vec![(0, 0, 0, 5), (1, 2, 1_048_575, 16_383), (1, 1, 2, 1)],
        );
        let g = Grid::new(&sheet);
        assert_eq!(g.merges.len(), 2);
        assert_eq!(g.line(0).len(), 6, "the title is still filled across");
        assert_eq!(
            get(&g.line(2), 1),
            Some(CellView::Text("lead")),
            "and the lead down"
        );
        assert_eq!(get(&g.line(2), 2), None, "the huge range is not filled");
        let filled: usize = g.lines_from(1).map(|(_, l)| l.len()).sum();
        assert_eq!(
            filled,
            3 + 2 + 1,
            "rows 2–3 and the far corner, nothing else"
        );
    }

    #[test]
    fn unsorted_cells_are_sorted() {
        let sheet = RawSheet::new(
            "s",
            vec![(2, 0, t("b")), (0, 1, t("x")), (0, 0, t("a"))],
            vec![],
        );
        let g = Grid::new(&sheet);
        assert_eq!(g.line(0).len(), 2);
        assert_eq!(g.value_rows().collect::<Vec<_>>(), vec![0, 2]);
        let all: Vec<_> = g.lines_from(0).map(|(r, l)| (r, l.len())).collect();
        assert_eq!(all, vec![(0, 2), (1, 0), (2, 1)]);
    }
}
