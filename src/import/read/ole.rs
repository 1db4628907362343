//! OLE compound files (`D0 CF 11 E0`): what is inside, and whether handing
//! the file to calamine is safe.
//!
//! calamine's compound-file reader follows sector chains without loop
//! detection and its `.xls` reader allocates every sheet's whole rectangle
//! (and reserves what a DIMENSIONS record claims) while opening the file.
//! A few hundred hostile bytes could make it loop or abort the process. This
//! module walks the same structures with bounds first: the directory, the
//! mini stream, and for a workbook the BIFF records of every sheet, so that
//! calamine only ever sees files whose allocations are bounded.

use std::collections::HashSet;

/// End of a sector chain.
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids from here on are markers, not sectors.
const MAXREGSECT: u32 = 0xFFFF_FFFA;
/// DIFAT sector marker: ids below it in the DIFAT are FAT sectors.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: u64 = 4096;
const MINI_SECTOR: usize = 64;

const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What an OLE compound file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Content {
    /// An `.xls` workbook whose sheets were checked; safe for calamine.
    Workbook,
    /// An `.xls` workbook with a FILEPASS record: password-protected.
    EncryptedWorkbook,
    /// An encrypted OOXML package (`EncryptionInfo` + `EncryptedPackage`).
    EncryptedPackage,
    /// A Word `.doc`.
    Word,
    /// A PowerPoint `.ppt`.
    PowerPoint,
    /// Some other compound file (a WPS `.et`, an `.msg` …).
    Other,
}

/// Why an OLE file cannot be handed to calamine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// The container or the workbook stream is malformed.
    Corrupt,
    /// A sheet claims more cells than the cap: `(sheet name, cells)`.
    TooLarge(String, u64),
}

/// Looks inside an OLE file. `max_cells` bounds any one sheet's rectangle
/// (first to last used cell) and DIMENSIONS claim.
pub(super) fn inspect(bytes: &[u8], max_cells: u64) -> Result<Content, Refusal> {
    let cfb = Cfb::parse(bytes).ok_or(Refusal::Corrupt)?;
    let has = |name: &str| cfb.entry(name).is_some();
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return Ok(Content::EncryptedPackage);
    }
    let book = cfb.entry("Workbook").or_else(|| cfb.entry("Book"));
    let Some(book) = book else {
        return Ok(if has("WordDocument") {
            Content::Word
        } else if has("PowerPoint Document") {
            Content::PowerPoint
        } else {
            Content::Other
        });
    };
    let stream = cfb.stream(book).ok_or(Refusal::Corrupt)?;
    check_biff(&stream, max_cells)
}

// ------------------------------------------------------------ container

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    start: u32,
    size: u64,
}

/// The parts of a compound file calamine reads, parsed with bounds. It
/// mirrors calamine's reading (calamine 0.38 `cfb.rs`) so that a file passing
/// here is one calamine reads in bounded time and memory.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    entries: Vec<Entry>,
}

impl<'a> Cfb<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        if bytes.len() < 512 || bytes[..8] != MAGIC {
            return None;
        }
        let sector = match u16_at(bytes, 30)? {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        if u16_at(bytes, 32)? != 6 || bytes.len() < sector {
            return None;
        }
        let version = u16_at(bytes, 26)?;
        let dir_start = u32_at(bytes, 48)?;
        let mini_fat_start = u32_at(bytes, 60)?;
        let mini_fat_len = u32_at(bytes, 64)? as u64;
        let difat_start = u32_at(bytes, 68)?;
        let mut cfb = Cfb {
            bytes,
            sector,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };

        // DIFAT: 109 ids in the header, then a chain of DIFAT sectors whose
        // last id points to the next one.
        let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
        let mut id = difat_start;
        let mut seen = HashSet::new();
        while id < MAXREGSECT {
            if !seen.insert(id) {
                return None;
            }
            let s = cfb.sector_bytes(id)?;
            difat.extend(s.chunks_exact(4).map(le_u32));
            id = difat.pop()?;
        }
        for id in difat.into_iter().filter(|&id| id < DIFSECT) {
            let s = cfb.sector_bytes(id)?;
            cfb.fat.extend(s.chunks_exact(4).map(le_u32));
        }

        // The directory chain is read to its end: it must end.
        let dir = cfb.chain(dir_start, u64::MAX, false)?;
        cfb.entries = dir
            .chunks_exact(128)
            .map(|d| Entry {
                name: entry_name(d),
                start: le_u32(&d[116..120]),
                size: if sector == 512 {
                    u64::from(le_u32(&d[120..124]))
                } else {
                    u64::from_le_bytes(d[120..128].try_into().unwrap_or_default())
                },
            })
            .collect();
        let root = cfb.entries.first()?.clone();
        if version != 3 && root.start == ENDOFCHAIN {
            return None;
        }
        if mini_fat_len > 0 {
            cfb.mini_stream = cfb.chain(root.start, root.size, false)?;
            let mini_fat = cfb.chain(mini_fat_start, mini_fat_len * sector as u64, false)?;
            cfb.mini_fat = mini_fat.chunks_exact(4).map(le_u32).collect();
        }
        Some(cfb)
    }

    /// The first entry with this name (ASCII case-insensitive), as calamine
    /// looks them up.
    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    fn stream(&self, entry: &Entry) -> Option<Vec<u8>> {
        if entry.size > self.bytes.len() as u64 {
            return None;
        }
        self.chain(entry.start, entry.size, entry.size < MINI_CUTOFF)
    }

    /// A regular sector's bytes; the last one may be short.
    fn sector_bytes(&self, id: u32) -> Option<&'a [u8]> {
        if id >= MAXREGSECT {
            return None;
        }
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        if start >= self.bytes.len() {
            return None;
        }
        let end = (start + self.sector).min(self.bytes.len());
        Some(&self.bytes[start..end])
    }

    fn mini_sector_bytes(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize).checked_mul(MINI_SECTOR)?;
        let end = start.checked_add(MINI_SECTOR)?;
        self.mini_stream.get(start..end)
    }

    /// Follows a chain until `len` bytes are read or the chain ends; `None`
    /// on a loop, a dangling id or a sector outside the file.
    fn chain(&self, start: u32, len: u64, mini: bool) -> Option<Vec<u8>> {
        let table = if mini { &self.mini_fat } else { &self.fat };
        let mut out = Vec::new();
        let mut seen = vec![false; table.len()];
        let mut id = start;
        while id != ENDOFCHAIN && (out.len() as u64) < len {
            let slot = seen.get_mut(id as usize)?;
            if *slot {
                return None;
            }
            *slot = true;
            let s = if mini {
                self.mini_sector_bytes(id)?
            } else {
                self.sector_bytes(id)?
            };
            let take = (len - out.len() as u64).min(s.len() as u64) as usize;
            out.extend_from_slice(&s[..take]);
            id = table[id as usize];
        }
        Some(out)
    }
}

fn entry_name(d: &[u8]) -> String {
    let units: Vec<u16> = d[..64]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
    String::from_utf16_lossy(&units[..end])
}

// ------------------------------------------------------------ BIFF

/// Walks the workbook globals and every sheet substream as calamine 0.38
/// `xls.rs` does, and checks what it would allocate: each sheet's
/// DIMENSIONS claim and the rectangle between its first and last cell.
fn check_biff(stream: &[u8], max_cells: u64) -> Result<Content, Refusal> {
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for record in Records::new(stream) {
        let (typ, data) = record.ok_or(Refusal::Corrupt)?;
        match typ {
            // FilePass: the workbook is encrypted.
            0x002F => return Ok(Content::EncryptedWorkbook),
            // BoundSheet8: stream position and name of a sheet.
            0x0085 if data.len() >= 6 => {
                let pos = le_u32(&data[..4]) as usize;
                sheets.push((pos, sheet_name(&data[6..])));
            }
            0x000A => break,
            _ => {}
        }
    }
    for (pos, name) in sheets {
        let sub = stream.get(pos..).ok_or(Refusal::Corrupt)?;
        let cells = sheet_extent(sub).ok_or(Refusal::Corrupt)?;
        if cells > max_cells {
            return Err(Refusal::TooLarge(name, cells));
        }
    }
    Ok(Content::Workbook)
}

/// The largest allocation a sheet substream makes in calamine, in cells.
fn sheet_extent(sub: &[u8]) -> Option<u64> {
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut claimed = 0u64;
    let mut add = |r: u32, c: u32| {
        bounds = Some(match bounds {
            None => (r, c, r, c),
            Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
        });
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    for record in Records::new(sub) {
        let (typ, data) = record?;
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let pos = || Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // Dimensions: calamine reserves rows × columns up front.
            0x0200 => claimed = claimed.max(dimensions_claim(data)?),
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                let (r, c) = pos()?;
                add(r, c);
            }
            // MulRk: one row, columns first..last.
            0x00BD => {
                let (r, first) = pos()?;
                let last = u32::from(u16_at(data, data.len().checked_sub(2)?)?);
                if last < first {
                    return None;
                }
                add(r, first);
                add(r, last);
            }
            _ => {}
        }
    }
    let rect = bounds.map_or(0, |(r0, c0, r1, c1)| {
        u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
    });
    Some(rect.max(claimed))
}

/// What calamine reserves for a DIMENSIONS record; `None` where its
/// arithmetic would overflow.
fn dimensions_claim(r: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (
            u32::from(u16_at(r, 0)?),
            u32::from(u16_at(r, 2)?),
            u32::from(u16_at(r, 4)?),
            u32::from(u16_at(r, 6)?),
        ),
        14 | 16 => (
            u32_at(r, 0)?,
            u32_at(r, 4)?,
            u32::from(u16_at(r, 8)?),
            u32::from(u16_at(r, 10)?),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl >= 1 && cl >= 1 {
        let rows = (rl - 1).checked_sub(rf)?;
        let cols = (cl - 1).checked_sub(cf)?;
        Some((u64::from(rows) + 1) * (u64::from(cols) + 1))
    } else {
        Some(1)
    }
}

/// A BoundSheet8 name: ShortXLUnicodeString (BIFF8) or a byte string.
fn sheet_name(d: &[u8]) -> String {
    let Some(&cch) = d.first() else {
        return String::new();
    };
    let cch = cch as usize;
    match d.get(1) {
        Some(&flags) if flags & 1 == 1 => {
            let units: Vec<u16> = d
                .get(2..)
                .unwrap_or_default()
                .chunks_exact(2)
                .take(cch)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Some(_) => d
            .get(2..)
            .unwrap_or_default()
            .iter()
            .take(cch)
            .map(|&b| char::from(b))
            .collect(),
        None => String::new(),
    }
}

/// BIFF records as calamine splits them: CONTINUE records (0x003C) that
/// follow a record belong to it and are skipped. Yields `None` once on a
/// truncated record, then stops.
struct Records<'s> {
    rest: &'s [u8],
    done: bool,
}

impl<'s> Records<'s> {
    fn new(stream: &'s [u8]) -> Self {
        Records {
            rest: stream,
            done: false,
        }
    }

    fn split(&mut self) -> Option<(u16, &'s [u8])> {
        let typ = u16_at(self.rest, 0)?;
        let len = u16_at(self.rest, 2)? as usize;
        let data = self.rest.get(4..4 + len)?;
        self.rest = &self.rest[4 + len..];
        Some((typ, data))
    }
}

impl<'s> Iterator for Records<'s> {
    type Item = Option<(u16, &'s [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.rest.is_empty() {
            return None;
        }
        let Some(record) = self.split() else {
            self.done = true;
            return Some(None);
        };
        while self.rest.len() > 4 && u16_at(self.rest, 0) == Some(0x003C) {
            if self.split().is_none() {
                self.done = true;
                return Some(None);
            }
        }
        Some(Some(record))
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le_u32(c: &[u8]) -> u32 {
    u32::from_le_bytes([c[0], c[1], c[2], c[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/formats/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn tells_what_is_inside() {
        assert_eq!(inspect(&fixture("tasks.xls"), 1000), Ok(Content::Workbook));
        assert_eq!(
            inspect(&fixture("encrypted.xlsx"), 1000),
            Ok(Content::EncryptedPackage)
        );
        assert_eq!(
            inspect(&fixture("ole_not_excel.xls"), 1000),
            Ok(Content::Other)
        );
    }

    #[test]
    fn refuses_a_sheet_over_the_cap() {
        // tasks.xls spans B2:G8 = 7 × 6 cells.
        assert_eq!(
            inspect(&fixture("tasks.xls"), 41),
            Err(Refusal::TooLarge("任务进展".into(), 42))
        );
        assert_eq!(inspect(&fixture("tasks.xls"), 42), Ok(Content::Workbook));
    }

    #[test]
    fn a_far_cell_counts_its_whole_rectangle() {
        // A sheet substream: BOF, a Number at A1, a LabelSst at (65535, 255), EOF.
        let mut s = Vec::new();
        let mut rec = |typ: u16, data: &[u8]| {
            s.extend_from_slice(&typ.to_le_bytes());
            s.extend_from_slice(&(data.len() as u16).to_le_bytes());
            s.extend_from_slice(data);
        };
        rec(0x0809, &[0; 16]);
        rec(0x0203, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        rec(0x00FD, &[0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0]);
        rec(0x000A, &[]);
        assert_eq!(sheet_extent(&s), Some(65536 * 256));
    }

    #[test]
    fn dimension_claims_follow_calamine() {
        let mut r = Vec::new();
        r.extend_from_slice(&0u32.to_le_bytes());
        r.extend_from_slice(&1_000_000u32.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        r.extend_from_slice(&200u16.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        assert_eq!(dimensions_claim(&r), Some(1_000_000 * 200));
        // Last row before first row: calamine's subtraction would overflow.
        let mut bad = r.clone();
        bad[..4].copy_from_slice(&2_000_000u32.to_le_bytes());
        assert_eq!(dimensions_claim(&bad), None);
    }

    #[test]
    fn a_looping_directory_chain_is_corrupt() {
        let mut b = fixture("tasks.xls");
        let cfb = Cfb::parse(&b).unwrap();
        let dir_start = u32_at(&b, 48).unwrap();
        // Point the FAT entry of the directory's first sector at itself.
        let first_fat_sector = u32_at(&b, 76).unwrap() as usize;
        let at = (first_fat_sector + 1) * cfb.sector + 4 * dir_start as usize;
        b[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
        assert!(Cfb::parse(&b).is_none());
        assert_eq!(inspect(&b, 1000), Err(Refusal::Corrupt));
    }
}
