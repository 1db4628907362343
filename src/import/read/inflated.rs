//! An `.xlsx` package as calamine reads it, with its worksheet parts shown
//! as stored (uncompressed) entries that are inflated as calamine reads
//! them. The merged ranges of a sheet follow its cells in the part, past the
//! point where calamine's cell reader stops; they are taken from the same
//! inflation, so each sheet part is inflated once instead of twice (a tenth
//! of a municipal merge's time).
//!
//! The package calamine sees is built from the original one: its bytes
//! where nothing changes, a new local header for each worksheet part (method
//! 0, the original CRC and size: the bytes are the same once inflated), a
//! central directory with the new offsets. Anything unusual — a ZIP64
//! package, entries out of order or overlapping, an encrypted part, a
//! method other than deflate — and there is no such package: the caller
//! reads the original and inflates the parts a second time for their merges.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

use flate2::{Decompress, FlushDecompress, Status};

use super::package::{MAX_MERGE_TAIL, find_tag, merge_tags};

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// Central directory record: fixed part.
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;
const END_LEN: usize = 22;
/// Bytes kept from one read to the next: more than a `<x:mergeCell` tag.
const CARRY: usize = 16;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// One entry of the original central directory.
struct Entry {
    /// The whole central record (fixed part, name, extra, comment).
    record: std::ops::Range<usize>,
    name: Vec<u8>,
    local: usize,
    method: u16,
    flags: u16,
    packed: usize,
    size: usize,
}

/// A stretch of the package calamine sees.
#[derive(Clone)]
enum Piece {
    /// Bytes of the original package.
    Original(std::ops::Range<usize>),
    /// Bytes made here (headers, the central directory).
    Made(std::ops::Range<usize>),
    /// The inflated bytes of part `n` (an index into the parts).
    Inflated(usize),
}

/// A worksheet part inflated as it is read.
pub(super) struct Part {
    /// Its deflated bytes in the original package.
    packed: std::ops::Range<usize>,
    size: usize,
    inflater: Decompress,
    /// Bytes taken from `packed`, bytes given out.
    read: usize,
    made: usize,
    /// The last bytes given out, for a tag cut between two reads.
    carry: Vec<u8>,
    /// From the first `mergeCell` tag on, everything given out.
    tail: Option<Vec<u8>>,
    broken: bool,
}

impl Part {
    /// The part deflated at `packed`, `size` bytes once inflated.
    fn new(packed: std::ops::Range<usize>, size: usize) -> Part {
        Part {
            packed,
            size,
            inflater: Decompress::new(false),
            read: 0,
            made: 0,
            carry: Vec::new(),
            tail: None,
            broken: false,
        }
    }

    fn restart(&mut self) {
        self.inflater.reset(false);
        self.read = 0;
        self.made = 0;
        self.carry.clear();
        self.tail = None;
        self.broken = false;
    }

    /// Inflates into `out`; the bytes given out. Stops at the declared
    /// size, as the zip reader does.
    fn inflate(&mut self, original: &[u8], out: &mut [u8]) -> io::Result<usize> {
        let want = out.len().min(self.size - self.made);
        if want == 0 {
            return Ok(0);
        }
        let input = &original[self.packed.start + self.read..self.packed.end];
        let (before_in, before_out) = (self.inflater.total_in(), self.inflater.total_out());
        let status = self
            .inflater
            .decompress(input, &mut out[..want], FlushDecompress::None)
            .map_err(|e| {
                self.broken = true;
                io::Error::new(io::ErrorKind::InvalidData, e)
            })?;
        let took = (self.inflater.total_in() - before_in) as usize;
        let gave = (self.inflater.total_out() - before_out) as usize;
        self.read += took;
        self.made += gave;
        if gave == 0 && (status == Status::StreamEnd || took == 0) {
            // Shorter than declared: the zip reader reports it.
            return Ok(0);
        }
        self.watch(&out[..gave]);
        Ok(gave)
    }

    /// Looks for the first `mergeCell` tag in what is given out and keeps
    /// everything from it on (at most [`MAX_MERGE_TAIL`] bytes).
    pub(super) fn watch(&mut self, bytes: &[u8]) {
        if let Some(tail) = &mut self.tail {
            let room = (MAX_MERGE_TAIL as usize).saturating_sub(tail.len());
            tail.extend_from_slice(&bytes[..bytes.len().min(room)]);
            return;
        }
        // A tag begun in the last bytes given out before these.
        let carried = self.carry.len();
        let mut joined = std::mem::take(&mut self.carry);
        joined.extend_from_slice(&bytes[..bytes.len().min(CARRY)]);
        if let Some(at) = find_tag(&joined).filter(|&at| at < carried) {
            let mut tail = joined[at..carried].to_vec();
            tail.extend_from_slice(bytes);
            self.tail = Some(tail);
            return;
        }
        if let Some(at) = find_tag(bytes) {
            self.tail = Some(bytes[at..].to_vec());
            return;
        }
        // The last bytes given out, over this read and the ones before.
        joined.truncate(carried);
        joined.extend_from_slice(&bytes[bytes.len().saturating_sub(CARRY)..]);
        let cut = joined.len().saturating_sub(CARRY);
        joined.drain(..cut);
        self.carry = joined;
    }
}

/// A part that only watches what it is given, for tests.
#[cfg(test)]
pub(super) fn watcher() -> Part {
    Part::new(0..0, 0)
}

#[cfg(test)]
impl Part {
    pub(super) fn tail(&self) -> Option<&[u8]> {
        self.tail.as_deref()
    }
}

/// What the package and the reader of merges share.
struct Shared<'a> {
    original: &'a [u8],
    parts: Vec<Part>,
}

/// The package calamine reads.
pub(super) struct Package<'a> {
    shared: Rc<RefCell<Shared<'a>>>,
    made: Vec<u8>,
    /// `(start in this package, piece)`, in order.
    pieces: Vec<(u64, Piece)>,
    len: u64,
    pos: u64,
}

/// The merged ranges of the parts read through a [`Package`].
pub(super) struct Merges<'a> {
    shared: Rc<RefCell<Shared<'a>>>,
    /// Entry name (as in the package) → index into the parts.
    parts: HashMap<String, usize>,
}

impl Merges<'_> {
    /// The merged ranges of `part` (an entry name), 0-based inclusive: the
    /// rest of its inflation is run to find them. `None` when the part is
    /// not one of this package's, or its bytes were not all read well.
    pub(super) fn of(&self, part: &str) -> Option<Vec<(u32, u32, u32, u32)>> {
        let n = *self.parts.get(part)?;
        let mut shared = self.shared.borrow_mut();
        let Shared { original, parts } = &mut *shared;
        let p = &mut parts[n];
        if p.made == 0 || p.broken {
            return None;
        }
        let mut buf = vec![0u8; 1 << 16];
        while p.made < p.size {
            if p.tail
                .as_ref()
                .is_some_and(|t| t.len() as u64 >= MAX_MERGE_TAIL)
            {
                break;
            }
            match p.inflate(original, &mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        Some(p.tail.as_deref().map(merge_tags).unwrap_or_default())
    }
}

/// The package calamine is to read, and its sheets' merged ranges; `None`
/// when the original is anything but a plain zip (see the module).
/// `sheet_parts` names the worksheet parts to show inflated.
pub(super) fn open<'a>(
    original: &'a [u8],
    sheet_parts: &[&str],
) -> Option<(Package<'a>, Merges<'a>)> {
    let entries = central_directory(original)?;
    let (cd_start, end_at) = end_record(original)?;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| entries[i].local);
    let mut made = Vec::new();
    let mut pieces = Vec::new();
    let mut parts = Vec::new();
    let mut names = HashMap::new();
    let mut offsets = vec![0u64; entries.len()];
    let mut at = 0u64;
    let push = |pieces: &mut Vec<(u64, Piece)>, at: &mut u64, piece: Piece, len: usize| {
        if len > 0 {
            pieces.push((*at, piece));
            *at += len as u64;
        }
    };
    let first = order.first().map_or(cd_start, |&i| entries[i].local);
    push(&mut pieces, &mut at, Piece::Original(0..first), first);
    for (k, &i) in order.iter().enumerate() {
        let e = &entries[i];
        let next = order.get(k + 1).map_or(cd_start, |&j| entries[j].local);
        if next <= e.local {
            return None;
        }
        offsets[i] = at;
        let name_len = usize::from(u16_at(original, e.local + 26)?);
        let extra_len = usize::from(u16_at(original, e.local + 28)?);
        if u32_at(original, e.local)? != LOCAL {
            return None;
        }
        let data = e.local + LOCAL_LEN + name_len + extra_len;
        if data.checked_add(e.packed)? > next {
            return None;
        }
        let name = String::from_utf8_lossy(&e.name).into_owned();
        let inflate = e.method == 8
            && e.flags & 1 == 0
            && sheet_parts.iter().any(|p| *p == name)
            && !names.contains_key(&name);
        if inflate {
            let header = made.len();
            made.extend_from_slice(&original[e.local..e.local + LOCAL_LEN]);
            made.extend_from_slice(&original[e.local + LOCAL_LEN..e.local + LOCAL_LEN + name_len]);
            let h = &mut made[header..];
            h[6..8].copy_from_slice(&(e.flags & !8).to_le_bytes());
            h[8..10].copy_from_slice(&0u16.to_le_bytes());
            h[14..18].copy_from_slice(&u32_at(original, e.record.start + 16)?.to_le_bytes());
            h[18..22].copy_from_slice(&u32::try_from(e.size).ok()?.to_le_bytes());
            h[22..26].copy_from_slice(&u32::try_from(e.size).ok()?.to_le_bytes());
            h[28..30].copy_from_slice(&0u16.to_le_bytes());
            let len = made.len() - header;
            push(&mut pieces, &mut at, Piece::Made(header..made.len()), len);
            names.insert(name, parts.len());
            push(&mut pieces, &mut at, Piece::Inflated(parts.len()), e.size);
            parts.push(Part::new(data..data + e.packed, e.size));
        } else {
            push(
                &mut pieces,
                &mut at,
                Piece::Original(e.local..next),
                next - e.local,
            );
        }
    }
    if parts.is_empty() {
        return None;
    }
    // The central directory, each record with its new offset (and, for an
    // inflated part, method 0 and its size as the packed size).
    let cd_new = at;
    let cd_made = made.len();
    for (i, e) in entries.iter().enumerate() {
        let r = made.len();
        made.extend_from_slice(&original[e.record.clone()]);
        let rec = &mut made[r..];
        let name = String::from_utf8_lossy(&e.name);
        if names.contains_key(name.as_ref()) {
            rec[8..10].copy_from_slice(&(e.flags & !8).to_le_bytes());
            rec[10..12].copy_from_slice(&0u16.to_le_bytes());
            rec[20..24].copy_from_slice(&u32::try_from(e.size).ok()?.to_le_bytes());
        }
        rec[42..46].copy_from_slice(&u32::try_from(offsets[i]).ok()?.to_le_bytes());
    }
    let cd_len = made.len() - cd_made;
    let end = made.len();
    made.extend_from_slice(original.get(end_at..)?);
    let rec = &mut made[end..];
    rec[12..16].copy_from_slice(&u32::try_from(cd_len).ok()?.to_le_bytes());
    rec[16..20].copy_from_slice(&u32::try_from(cd_new).ok()?.to_le_bytes());
    let tail_len = made.len() - cd_made;
    push(
        &mut pieces,
        &mut at,
        Piece::Made(cd_made..made.len()),
        tail_len,
    );
    u32::try_from(at).ok()?;
    let shared = Rc::new(RefCell::new(Shared { original, parts }));
    Some((
        Package {
            shared: Rc::clone(&shared),
            made,
            pieces,
            len: at,
            pos: 0,
        },
        Merges {
            shared,
            parts: names,
        },
    ))
}

/// The end-of-central-directory record: where the directory starts and
/// where the record is. `None` for ZIP64 or a split archive.
fn end_record(b: &[u8]) -> Option<(usize, usize)> {
    let last = b.len().checked_sub(END_LEN)?;
    let from = last.saturating_sub(u16::MAX as usize);
    let at = (from..=last).rev().find(|&i| {
        u32_at(b, i) == Some(END)
            && i + END_LEN + usize::from(u16_at(b, i + 20).unwrap_or(0)) == b.len()
    })?;
    let (disk, cd_disk) = (u16_at(b, at + 4)?, u16_at(b, at + 6)?);
    let (here, total) = (u16_at(b, at + 8)?, u16_at(b, at + 10)?);
    let (cd_len, cd_start) = (u32_at(b, at + 12)?, u32_at(b, at + 16)?);
    if disk != 0 || cd_disk != 0 || here != total || total == u16::MAX {
        return None;
    }
    if cd_len == u32::MAX || cd_start == u32::MAX {
        return None;
    }
    let cd_start = cd_start as usize;
    (cd_start.checked_add(cd_len as usize)? == at).then_some((cd_start, at))
}

/// The entries of the central directory; `None` when it is not plain.
fn central_directory(b: &[u8]) -> Option<Vec<Entry>> {
    let (start, end) = end_record(b)?;
    let total = usize::from(u16_at(b, end + 10)?);
    let mut entries = Vec::with_capacity(total);
    let mut at = start;
    for _ in 0..total {
        if u32_at(b, at)? != CENTRAL {
            return None;
        }
        let flags = u16_at(b, at + 8)?;
        let method = u16_at(b, at + 10)?;
        let packed = u32_at(b, at + 20)?;
        let size = u32_at(b, at + 24)?;
        let name_len = usize::from(u16_at(b, at + 28)?);
        let extra_len = usize::from(u16_at(b, at + 30)?);
        let comment_len = usize::from(u16_at(b, at + 32)?);
        let local = u32_at(b, at + 42)?;
        if [packed, size, local].contains(&u32::MAX) {
            return None;
        }
        let record_end = at + CENTRAL_LEN + name_len + extra_len + comment_len;
        let name = b
            .get(at + CENTRAL_LEN..at + CENTRAL_LEN + name_len)?
            .to_vec();
        if record_end > end {
            return None;
        }
        entries.push(Entry {
            record: at..record_end,
            name,
            local: local as usize,
            method,
            flags,
            packed: packed as usize,
            size: size as usize,
        });
        at = record_end;
    }
    (at == end).then_some(entries)
}

impl Read for Package<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.len || out.is_empty() {
            return Ok(0);
        }
        let k = self.pieces.partition_point(|(s, _)| *s <= self.pos) - 1;
        let (start, piece) = self.pieces[k].clone();
        let within = (self.pos - start) as usize;
        let n = match piece {
            Piece::Original(r) => {
                let original = self.shared.borrow().original;
                copy(&original[r], within, out)
            }
            Piece::Made(r) => copy(&self.made[r], within, out),
            Piece::Inflated(n) => {
                let mut shared = self.shared.borrow_mut();
                let Shared { original, parts } = &mut *shared;
                let p = &mut parts[n];
                if p.made > within {
                    // Read again from an earlier point: inflate afresh.
                    p.restart();
                }
                if p.made < within {
                    // A seek past unread bytes: inflate up to it.
                    let mut skip = vec![0u8; (within - p.made).min(1 << 16)];
                    while p.made < within {
                        let step = (within - p.made).min(skip.len());
                        if p.inflate(original, &mut skip[..step])? == 0 {
                            return Ok(0);
                        }
                    }
                }
                p.inflate(original, out)?
            }
        };
        self.pos += n as u64;
        Ok(n)
    }
}

/// Copies from `from[within..]` into `out`.
fn copy(from: &[u8], within: usize, out: &mut [u8]) -> usize {
    let rest = from.get(within..).unwrap_or_default();
    let n = rest.len().min(out.len());
    out[..n].copy_from_slice(&rest[..n]);
    n
}

impl Seek for Package<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek"))?;
        Ok(self.pos)
    }
}
