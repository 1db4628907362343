//! Ledger rows held compactly. A municipal month is millions of ledger rows
//! and one [`LedgerRow`] with its own strings is over 200 bytes; here a row
//! is 40 bytes: its key sits in one string shared by all rows, its category,
//! result and department are numbers into a table of the texts met (a
//! ledger has few categories), and its file and sheet one number for the
//! sheet it came from. Rows are added as [`LedgerRow`]s and read back as
//! borrowed [`LedgerRef`]s.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::Arc;

use foldhash::fast::FixedState;

use chrono::NaiveDate;

use super::LedgerRow;
use crate::flag::Origin;
use crate::plan::LedgerKind;

/// A row's key position, ledger and flags packed in 64 bits: 40 of offset
/// (1 TB of keys), 19 of length (512 KB; Excel itself holds at most 32,767
/// characters in a cell), 2 of ledger, 3 of flags.
const OFFSET_BITS: u32 = 40;
const LEN_BITS: u32 = 19;
const KIND_AT: u32 = OFFSET_BITS + LEN_BITS;
const FLAGS_AT: u32 = KIND_AT + 2;
const MAX_KEY: usize = (1 << LEN_BITS) - 1;

const PLEDGE: u64 = 1;
const FAST_TRACK: u64 = 2;
const HAS_AMOUNT: u64 = 4;

/// One row, its texts as numbers into its store's tables.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Compact {
    /// Offset and length of the key in `keys`, the ledger, the flags.
    packed: u64,
    amount: f64,
    date: Option<NaiveDate>,
    accepted: Option<NaiveDate>,
    category: u32,
    result: u32,
    /// The sheet (file, sheet, department) in `places`.
    place: u32,
    row: u32,
}

impl Compact {
    fn offset(&self) -> usize {
        (self.packed & ((1 << OFFSET_BITS) - 1)) as usize
    }

    fn key_len(&self) -> usize {
        ((self.packed >> OFFSET_BITS) & MAX_KEY as u64) as usize
    }

    fn kind(&self) -> LedgerKind {
        LedgerKind::ALL[((self.packed >> KIND_AT) & 3) as usize]
    }

    fn has(&self, flag: u64) -> bool {
        (self.packed >> FLAGS_AT) & flag != 0
    }
}

/// Where rows came from: file, sheet, department.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    file: Arc<str>,
    sheet: Arc<str>,
    department: Arc<str>,
}

/// Ledger rows in reading order.
#[derive(Debug, Clone, Default)]
pub struct Ledgers {
    rows: Vec<Compact>,
    keys: String,
    texts: Vec<Arc<str>>,
    /// Each text met, to its number (foldhash: short texts, hashed per row).
    text_index: HashMap<Arc<str>, u32, FixedState>,
    places: Vec<Place>,
}

impl PartialEq for Ledgers {
    fn eq(&self, other: &Ledgers) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// One row, borrowed from its store.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LedgerRef<'a> {
    pub kind: LedgerKind,
    pub department: &'a Arc<str>,
    pub key: &'a str,
    pub date: Option<NaiveDate>,
    pub category: &'a str,
    pub amount: Option<f64>,
    pub pledge: bool,
    pub fast_track: bool,
    pub accepted: Option<NaiveDate>,
    pub result: &'a str,
    pub file: &'a Arc<str>,
    pub sheet: &'a Arc<str>,
    /// 1-based Excel row.
    pub row: u32,
}

/// A pooling identity: the ledger and the key trimmed; none without a key.
fn identity(kind: LedgerKind, key: &str) -> Option<(LedgerKind, &str)> {
    let key = key.trim();
    (!key.is_empty()).then_some((kind, key))
}

impl<'a> LedgerRef<'a> {
    /// The row's pooling identity: its ledger and key trimmed; none for a
    /// row without a key, which stands alone.
    pub fn identity(&self) -> Option<(LedgerKind, &'a str)> {
        identity(self.kind, self.key)
    }

    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: self.row,
        }
    }

    /// The owned row.
    pub fn to_row(&self) -> LedgerRow {
        LedgerRow {
            kind: self.kind,
            department: self.department.clone(),
            key: self.key.to_string(),
            date: self.date,
            category: self.category.to_string(),
            amount: self.amount,
            pledge: self.pledge,
            fast_track: self.fast_track,
            accepted: self.accepted,
            result: self.result.to_string(),
            origin: self.origin(),
        }
    }
}

impl Ledgers {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Room for the rows and keys of `others`, to be appended: a store of
    /// millions of rows does not grow by doubling.
    pub fn reserve_for<'a>(&mut self, others: impl Iterator<Item = &'a Ledgers>) {
        let (rows, keys) = others.fold((0, 0), |(r, k), o| (r + o.rows.len(), k + o.keys.len()));
        self.rows.reserve_exact(rows);
        self.keys.reserve_exact(keys);
    }

    /// Gives back what the store grew into.
    pub fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.keys.shrink_to_fit();
    }

    fn text(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.text_index.get(s) {
            return i;
        }
        let a: Arc<str> = Arc::from(s);
        let i = self.texts.len() as u32;
        self.texts.push(a.clone());
        self.text_index.insert(a, i);
        i
    }

    fn place(&mut self, file: &Arc<str>, sheet: &Arc<str>, department: &Arc<str>) -> u32 {
        // Rows come sheet by sheet: the last place is nearly always it, the
        // very same texts, so the search starts there and compares pointers
        // before texts.
        let same = |a: &Arc<str>, b: &Arc<str>| Arc::ptr_eq(a, b) || a == b;
        if let Some(i) = self.places.iter().rposition(|p| {
            same(&p.file, file) && same(&p.sheet, sheet) && same(&p.department, department)
        }) {
            return i as u32;
        }
        self.places.push(Place {
            file: file.clone(),
            sheet: sheet.clone(),
            department: department.clone(),
        });
        (self.places.len() - 1) as u32
    }

    /// Adds the key; its offset and length packed.
    fn key(&mut self, key: &str) -> u64 {
        // Longer than any cell Excel writes: kept up to the limit.
        let mut end = key.len().min(MAX_KEY);
        while !key.is_char_boundary(end) {
            end -= 1;
        }
        let at = self.keys.len() as u64;
        self.keys.push_str(&key[..end]);
        (at & ((1 << OFFSET_BITS) - 1)) | ((end as u64) << OFFSET_BITS)
    }

    /// Adds a row.
    pub fn push(&mut self, row: LedgerRow) {
        self.add(row.as_ref());
    }

    /// Adds a row given by its parts.
    pub fn add(&mut self, r: LedgerRef<'_>) {
        let key = self.key(r.key);
        let category = self.text(r.category);
        let result = self.text(r.result);
        let place = self.place(r.file, r.sheet, r.department);
        let flags = (if r.pledge { PLEDGE } else { 0 })
            | (if r.fast_track { FAST_TRACK } else { 0 })
            | (if r.amount.is_some() { HAS_AMOUNT } else { 0 });
        self.rows.push(Compact {
            packed: key | ((r.kind.index() as u64) << KIND_AT) | (flags << FLAGS_AT),
            amount: r.amount.unwrap_or(0.0),
            date: r.date,
            accepted: r.accepted,
            category,
            result,
            place,
            row: r.row,
        });
    }

    /// Moves `other`'s rows to the end of this store.
    pub fn append(&mut self, other: Ledgers) {
        let texts: Vec<u32> = other.texts.iter().map(|t| self.text(t)).collect();
        let places: Vec<u32> = other
            .places
            .iter()
            .map(|p| self.place(&p.file, &p.sheet, &p.department))
            .collect();
        let shift = self.keys.len() as u64;
        self.keys.push_str(&other.keys);
        self.rows.extend(other.rows.iter().map(|c| Compact {
            packed: c.packed + shift,
            category: texts[c.category as usize],
            result: texts[c.result as usize],
            place: places[c.place as usize],
            ..*c
        }));
    }

    fn view(&self, c: &Compact) -> LedgerRef<'_> {
        let (at, len) = (c.offset(), c.key_len());
        let place = &self.places[c.place as usize];
        LedgerRef {
            kind: c.kind(),
            department: &place.department,
            key: self.keys.get(at..at + len).unwrap_or_default(),
            date: c.date,
            category: &self.texts[c.category as usize],
            amount: c.has(HAS_AMOUNT).then_some(c.amount),
            pledge: c.has(PLEDGE),
            fast_track: c.has(FAST_TRACK),
            accepted: c.accepted,
            result: &self.texts[c.result as usize],
            file: &place.file,
            sheet: &place.sheet,
            row: c.row,
        }
    }

    /// Row `i`'s ledger and key, without the rest of it.
    ///
    /// # Panics
    /// When `i` is not below [`Ledgers::len`].
    pub fn kind_key(&self, i: usize) -> (LedgerKind, &str) {
        let c = &self.rows[i];
        let (at, len) = (c.offset(), c.key_len());
        (c.kind(), self.keys.get(at..at + len).unwrap_or_default())
    }

    /// Row `i`'s pooling identity ([`LedgerRef::identity`]), without the
    /// rest of it.
    pub fn identity(&self, i: usize) -> Option<(LedgerKind, &str)> {
        let (kind, key) = self.kind_key(i);
        identity(kind, key)
    }

    /// Row `i`.
    ///
    /// # Panics
    /// When `i` is not below [`Ledgers::len`].
    pub fn get(&self, i: usize) -> LedgerRef<'_> {
        self.view(&self.rows[i])
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = LedgerRef<'_>> + '_ {
        self.rows.iter().map(|c| self.view(c))
    }

    /// The kind of each row, without its texts.
    pub fn kinds(&self) -> impl Iterator<Item = LedgerKind> + '_ {
        self.rows.iter().map(Compact::kind)
    }

    /// Removes the rows at `drop` (ascending indices).
    pub fn remove_sorted(&mut self, drop: &[usize]) {
        let mut drop = drop.iter().copied().peekable();
        let mut i = 0;
        self.rows.retain(|_| {
            let keep = drop.peek() != Some(&i);
            if !keep {
                drop.next();
            }
            i += 1;
            keep
        });
    }
}

/// The ledger rows of the months read so far (newest first), held here with
/// a table of their (ledger, key) — a row index each, 5 bytes a distinct
/// key, the keys staying in the rows: a month read after them drops the
/// rows a later month re-sent ([`Ledgers::set_aside`]), so that memory grows
/// with distinct records, not with the months a ledger is re-sent. The
/// stores come back with [`Later::into_stores`] for the pool.
pub struct Later {
    stores: Vec<Ledgers>,
    /// Index of each store's first row over all of them.
    starts: Vec<usize>,
    len: usize,
    table: hashbrown::HashTable<u32>,
    state: FixedState,
    /// Hashes a row's exact (ledger, key) for [`Ledgers::set_aside_unrepeated`].
    exact: FixedState,
}

impl Default for Later {
    fn default() -> Later {
        Later {
            stores: Vec::new(),
            starts: Vec::new(),
            len: 0,
            table: hashbrown::HashTable::new(),
            state: FixedState::with_seed(0x5eed),
            exact: FixedState::with_seed(0x0123_4567_89ab_cdef),
        }
    }
}

/// The identity of row `i` counted over all of `stores`, each starting at
/// its `starts`.
fn identity_of<'s>(
    stores: &'s [Ledgers],
    starts: &[usize],
    i: u32,
) -> Option<(LedgerKind, &'s str)> {
    let i = i as usize;
    let k = starts.partition_point(|&s| s <= i) - 1;
    stores[k].identity(i - starts[k])
}

impl Later {
    /// Whether a later month holds the row's (ledger, key).
    fn holds(&self, r: &LedgerRef<'_>) -> bool {
        let Some(id) = r.identity() else {
            return false;
        };
        let same = |&i: &u32| identity_of(&self.stores, &self.starts, i) == Some(id);
        self.table.find(self.state.hash_one(id), same).is_some()
    }

    /// Keeps a month's rows and remembers their keys; returns where its
    /// rows are in [`Later::into_stores`]. Past 4 billion rows the keys are
    /// no longer remembered: those rows then stay until the pool
    /// de-duplicates them, as it would anyway.
    pub fn add(&mut self, ledgers: Ledgers) -> usize {
        let slot = self.stores.len();
        let start = self.len;
        self.starts.push(start);
        self.len += ledgers.len();
        self.stores.push(ledgers);
        if self.len > u32::MAX as usize {
            return slot;
        }
        let (stores, starts, state) = (&self.stores, &self.starts, &self.state);
        let rehash = |&i: &u32| identity_of(stores, starts, i).map_or(0, |id| state.hash_one(id));
        let store = &stores[stores.len() - 1];
        self.table.reserve(store.len(), rehash);
        for (j, r) in store.iter().enumerate() {
            let Some(id) = r.identity() else {
                continue;
            };
            let hash = state.hash_one(id);
            let same = |&i: &u32| identity_of(stores, starts, i) == Some(id);
            if self.table.find(hash, same).is_none() {
                self.table.insert_unique(hash, (start + j) as u32, rehash);
            }
        }
        slot
    }

    /// The stores, in the order added.
    pub fn into_stores(self) -> Vec<Ledgers> {
        self.stores
    }
}

impl Ledgers {
    /// Drops the rows whose (ledger, key) `later` holds — the pool keeps
    /// the latest month's row of a key, so they would never count. Returns
    /// the rows dropped per ledger ([`LedgerKind::ALL`] order).
    pub fn set_aside(&mut self, later: &Later) -> [usize; 4] {
        let drop: Vec<usize> = self
            .iter()
            .enumerate()
            .filter(|(_, r)| later.holds(r))
            .map(|(i, _)| i)
            .collect();
        self.drop_rows(&drop)
    }

    /// [`Ledgers::set_aside`] for one file of a month still to be checked
    /// for duplicates: a row whose exact (ledger, key) comes twice in the
    /// file is kept for that check (and set aside after it). Returns the
    /// rows dropped per ledger and the exact (ledger, key) of every row
    /// `later` holds, hashed, sorted and once each: the same hash from two
    /// files is a duplicate the month's check has to see.
    pub fn set_aside_unrepeated(&mut self, later: &Later) -> ([usize; 4], Vec<u64>) {
        let held: Vec<(usize, u64)> = self
            .iter()
            .enumerate()
            .filter(|(_, r)| later.holds(r))
            .map(|(i, r)| (i, later.exact.hash_one((r.kind, r.key))))
            .collect();
        let mut resent: Vec<u64> = held.iter().map(|&(_, h)| h).collect();
        resent.sort_unstable();
        let repeated: HashSet<u64, FixedState> = resent
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        resent.dedup();
        let drop: Vec<usize> = held
            .iter()
            .filter(|(_, h)| !repeated.contains(h))
            .map(|&(i, _)| i)
            .collect();
        (self.drop_rows(&drop), resent)
    }

    /// Drops the rows at `drop` (ascending indices); returns how many per
    /// ledger ([`LedgerKind::ALL`] order).
    fn drop_rows(&mut self, drop: &[usize]) -> [usize; 4] {
        let mut dropped = [0usize; 4];
        for &i in drop {
            dropped[self.get(i).kind.index()] += 1;
        }
        if !drop.is_empty() {
            self.remove_sorted(drop);
            // Copied afresh, so the dropped rows' keys and room go too.
            let mut kept = Ledgers::default();
            kept.rows.reserve_exact(self.len());
            for r in self.iter() {
                kept.add(r);
            }
            kept.keys.shrink_to_fit();
            *self = kept;
        }
        dropped
    }
}

/// Rows that repeat an earlier row's identity: `(row, first row with that
/// identity)` for each, ascending by row. `id_at` gives row `i`'s identity
/// (`None`: a row without one, never a repeat). Each row is hashed once, on
/// all the cores; then the rows are shared out over the cores by hash, each
/// keeping a table of row indices (4 bytes and a control byte a row, the
/// identities staying in the rows) for its share, so the answer does not
/// depend on how many cores there are.
pub fn repeats<K>(len: usize, id_at: impl Fn(usize) -> Option<K> + Sync) -> Vec<(usize, usize)>
where
    K: std::hash::Hash + Eq,
{
    use rayon::prelude::*;
    let state = FixedState::with_seed(0x5eed);
    // 0 stands for "no identity"; a real hash of 0 becomes 1 (identities
    // are compared on every hash match anyway).
    let hash_of = |i: usize| id_at(i).map_or(0, |k| state.hash_one(k).max(1));
    const RUN: usize = 1 << 16;
    let mut hashes = vec![0u64; len];
    hashes.par_chunks_mut(RUN).enumerate().for_each(|(c, out)| {
        for (k, h) in out.iter_mut().enumerate() {
            *h = hash_of(c * RUN + k);
        }
    });
    let shares = rayon::current_num_threads().clamp(1, 8) as u64;
    let share = |part: u64| {
        let mut first: hashbrown::HashTable<u32> =
            hashbrown::HashTable::with_capacity(len / shares as usize + 1);
        let mut out = Vec::new();
        for (i, &hash) in hashes.iter().enumerate() {
            // The high bits pick the share; hashbrown uses the low ones.
            if hash == 0 || (hash >> 56) % shares != part {
                continue;
            }
            let id = id_at(i);
            let same = |&j: &u32| hashes[j as usize] == hash && id_at(j as usize) == id;
            match first.find(hash, same) {
                Some(&f) => out.push((i, f as usize)),
                None => {
                    first.insert_unique(hash, i as u32, |&j| hashes[j as usize]);
                }
            }
        }
        out
    };
    let mut out: Vec<(usize, usize)> = (0..shares).into_par_iter().flat_map_iter(share).collect();
    out.sort_unstable();
    out
}

impl LedgerRow {
    /// The row borrowed as a store hands it out.
    pub fn as_ref(&self) -> LedgerRef<'_> {
        LedgerRef {
            kind: self.kind,
            department: &self.department,
            key: &self.key,
            date: self.date,
            category: &self.category,
            amount: self.amount,
            pledge: self.pledge,
            fast_track: self.fast_track,
            accepted: self.accepted,
            result: &self.result,
            file: &self.origin.file,
            sheet: &self.origin.sheet,
            row: self.origin.row,
        }
    }
}

impl FromIterator<LedgerRow> for Ledgers {
    fn from_iter<I: IntoIterator<Item = LedgerRow>>(rows: I) -> Ledgers {
        let mut l = Ledgers::default();
        for r in rows {
            l.push(r);
        }
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, category: &str, file: &str, amount: Option<f64>) -> LedgerRow {
        LedgerRow {
            kind: LedgerKind::Finance,
            department: "发展促进处".into(),
            key: key.to_string(),
            date: NaiveDate::from_ymd_opt(2025, 3, 1),
            category: category.to_string(),
            amount,
            pledge: category == "质押融资",
            fast_track: false,
            accepted: None,
            result: String::new(),
            origin: Origin {
                file: file.into(),
                sheet: "台账".into(),
                row: 7,
            },
        }
    }

    #[test]
    fn rows_come_back_as_they_went_in() {
        let mut rows = vec![
            row("F-1", "质押融资", "a.xlsx", Some(1.5)),
            row("F-2", "转让", "a.xlsx", None),
            row("", "转让", "b.xlsx", Some(0.0)),
        ];
        rows[2].kind = LedgerKind::Prereview;
        rows[2].fast_track = true;
        let mut a: Ledgers = rows[..2].iter().cloned().collect();
        let b: Ledgers = rows[2..].iter().cloned().collect();
        a.append(b);
        let back: Vec<LedgerRow> = a.iter().map(|r| r.to_row()).collect();
        assert_eq!(back, rows);
        assert_eq!(a.texts.len(), 3, "质押融资, 转让 and the empty result");
        assert_eq!(a.places.len(), 2);
        a.remove_sorted(&[0, 2]);
        assert_eq!(a.len(), 1);
        assert_eq!(a.get(0).key, "F-2");
        assert_eq!(std::mem::size_of::<Compact>(), 40);
    }

    #[test]
    fn repeats_name_each_later_row_with_its_first() {
        let ids = [
            Some("a"),
            None,
            Some("b"),
            Some("a"),
            None,
            Some("a"),
            Some("b"),
        ];
        let found = repeats(ids.len(), |j| ids[j]);
        assert_eq!(found, [(3, 0), (5, 0), (6, 2)]);
        // Many rows: shared over the cores, the same answer as one pass.
        let many: Vec<Option<u32>> = (0..10_000u32)
            .map(|i| (i % 7 != 0).then_some(i % 1000))
            .collect();
        let found = repeats(many.len(), |j| many[j]);
        let mut first = HashMap::new();
        let mut expected = Vec::new();
        for (i, id) in many.iter().enumerate() {
            if let Some(id) = id {
                match first.get(id) {
                    Some(&f) => expected.push((i, f)),
                    None => {
                        first.insert(*id, i);
                    }
                }
            }
        }
        assert_eq!(found, expected);
    }

    #[test]
    fn rows_a_later_month_resent_are_dropped_and_counted() {
        let later_month: Ledgers = [row("F-1 ", "转让", "m2.xlsx", None)].into_iter().collect();
        let mut seen = Later::default();
        seen.add(later_month);
        let mut earlier: Ledgers = [
            row("F-1", "转让", "m1.xlsx", Some(1.0)),
            row("F-2", "转让", "m1.xlsx", None),
            row("", "转让", "m1.xlsx", None),
        ]
        .into_iter()
        .collect();
        assert_eq!(earlier.set_aside(&seen), [0, 0, 1, 0]);
        let keys: Vec<&str> = earlier.iter().map(|r| r.key).collect();
        assert_eq!(keys, ["F-2", ""]);
        assert_eq!(earlier.keys, "F-2");
    }
}
