"""Shared helpers for the sample and fixture generators (samples/generate.py,
tools/make_variations.py): the 2025 working-day calendar read from the plan,
LibreOffice conversion, and post-processing that makes openpyxl and
LibreOffice output byte-reproducible and realistic.

Not a library of the Rust crate: these scripts only produce test inputs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLAN_FILE = REPO / "templates" / "plan-2025.toml"

# Every zip entry and every document property gets this timestamp, so that
# running a generator twice gives the same bytes.
PINNED = dt.datetime(2025, 1, 1, 0, 0, 0)
PINNED_ISO = "2025-01-01T00:00:00Z"


def load_plan() -> dict:
    """The default plan, parsed with tomllib."""
    with open(PLAN_FILE, "rb") as f:
        return tomllib.load(f)


class Calendar:
    """Working days per the plan's calendar: weekends off, holidays off,
    make-up working days (调休) on. Days outside the plan year follow the
    weekend rule only."""

    def __init__(self, plan: dict):
        self.holidays: set[dt.date] = set()
        self.workdays: set[dt.date] = set()
        for spec in plan["calendar"]["holidays"]:
            for d in expand(spec):
                self.holidays.add(d)
        for spec in plan["calendar"]["workdays"]:
            for d in expand(spec):
                self.workdays.add(d)

    def is_workday(self, d: dt.date) -> bool:
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days d with a < d <= b (docs/workbook.md, I9)."""
        n = 0
        d = a + dt.timedelta(days=1)
        while d <= b:
            if self.is_workday(d):
                n += 1
            d += dt.timedelta(days=1)
        return n

    def back(self, b: dt.date, k: int) -> dt.date:
        """The working day a with between(a, b) == k."""
        d = b
        seen = 0
        while True:
            if self.is_workday(d):
                if seen == k:
                    return d
                seen += 1
            d -= dt.timedelta(days=1)

    def month_workdays(self, year: int, month: int) -> list[dt.date]:
        d = dt.date(year, month, 1)
        out = []
        while d.month == month:
            if self.is_workday(d):
                out.append(d)
            d += dt.timedelta(days=1)
        return out

    def on_or_after(self, d: dt.date) -> dt.date:
        while not self.is_workday(d):
            d += dt.timedelta(days=1)
        return d


def expand(spec: str) -> list[dt.date]:
    if ".." in spec:
        a, b = spec.split("..")
        a, b = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]
    return [dt.date.fromisoformat(spec)]


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def cn_date(d: dt.date) -> str:
    """2025年3月31日"""
    return f"{d.year}年{d.month}月{d.day}日"


# ------------------------------------------------------------------ zip pinning

_DATE_PATTERNS = [
    (re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)"), PINNED_ISO.encode()),
    (re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"), PINNED_ISO.encode()),
    (re.compile(rb"(<meta:creation-date>)[^<]*(</meta:creation-date>)"), b"2025-01-01T00:00:00"),
    (re.compile(rb"(<dc:date>)[^<]*(</dc:date>)"), b"2025-01-01T00:00:00"),
    (re.compile(rb"(<meta:editing-duration>)[^<]*(</meta:editing-duration>)"), b"PT0S"),
    (re.compile(rb"(<meta:print-date>)[^<]*(</meta:print-date>)"), b"2025-01-01T00:00:00"),
]


def pin_zip(path: Path) -> None:
    """Rewrite a zip-based workbook (xlsx, ods, docx) with fixed entry
    timestamps and fixed document dates, keeping entry order and compression
    (an ods `mimetype` entry stays first and stored). LibreOffice's
    Thumbnails/thumbnail.png is left out (it is not reproducible)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in entries:
            # LibreOffice renders a thumbnail that differs run to run: drop it
            if info.filename.startswith("Thumbnails/"):
                continue
            if info.filename == "META-INF/manifest.xml":
                data = re.sub(rb"\s*<manifest:file-entry[^>]*Thumbnails/[^>]*/>", b"", data)
            if info.filename == "styles.xml" and path.suffix == ".ods":
                data = _sort_master_pages(data)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                for pat, val in _DATE_PATTERNS:
                    data = pat.sub(lambda m, v=val: m.group(1) + v + m.group(2), data)
            zi = zipfile.ZipInfo(info.filename, date_time=PINNED.timetuple()[:6])
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            out.writestr(zi, data, compress_type=info.compress_type, compresslevel=9)
    os.replace(tmp, path)


_MASTER_PAGE = re.compile(rb"<style:master-page .*?</style:master-page>", re.S)


def _sort_master_pages(data: bytes) -> bytes:
    """LibreOffice writes one master page per sheet in hash order: sort them
    by name so that the ods bytes do not change from run to run."""
    m = re.search(rb"(<office:master-styles>)(.*?)(</office:master-styles>)", data, re.S)
    if not m:
        return data
    pages = _MASTER_PAGE.findall(m.group(2))
    rest = _MASTER_PAGE.sub(b"", m.group(2))
    body = b"".join(sorted(pages)) + rest
    return data[: m.start(2)] + body + data[m.end(2):]


def builtin_numfmt(path: Path, code: str, builtin_id: int) -> None:
    """Turn the custom number format `code` in an openpyxl-written xlsx into a
    reference to Excel's built-in format `builtin_id` with no definition, as
    Chinese-locale Excel writes `yyyy"年"m"月"d"日"` (id 31). calamine then
    sees a built-in id it does not know as a date."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    escaped = code.replace('"', "&quot;").encode()
    out_entries = []
    for info, data in entries:
        if info.filename == "xl/styles.xml":
            m = re.search(rb'<numFmt numFmtId="(\d+)" formatCode="' + re.escape(escaped) + rb'"\s*/>', data)
            if not m:
                raise RuntimeError(f"{path}: number format {code} not found in styles.xml")
            custom_id = m.group(1)
            data = data.replace(m.group(0), b"")
            data = data.replace(b'numFmtId="' + custom_id + b'"', b'numFmtId="%d"' % builtin_id)
            # fix or drop the <numFmts count=..> wrapper
            n = len(re.findall(rb"<numFmt ", data))
            if n == 0:
                data = re.sub(rb"<numFmts[^>]*?/>", b"", data)
                data = re.sub(rb"<numFmts[^>]*>\s*</numFmts>", b"", data)
            else:
                data = re.sub(rb'<numFmts count="\d+"', b'<numFmts count="%d"' % n, data)
        out_entries.append((info, data))
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in out_entries:
            out.writestr(info, data, compress_type=info.compress_type)
    os.replace(tmp, path)


# ------------------------------------------------------------------ LibreOffice

FILTERS = {
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xlsm": "xlsm:Calc MS Excel 2007 VBA XML",
    "doc": "doc:MS Word 97",
}


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit(
            "LibreOffice is needed for .xls/.ods conversion: apt-get install -y libreoffice-calc"
        )
    return exe


def convert(sources: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert workbooks with LibreOffice headless into `outdir`, keeping each
    file's stem. Uses a private profile so it never clashes with another
    running LibreOffice."""
    if not sources:
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as prof:
        cmd = [
            soffice(),
            f"-env:UserInstallation=file://{prof}",
            "--headless",
            "--norestore",
            "--convert-to",
            FILTERS[fmt],
            "--outdir",
            str(outdir),
            *[str(s) for s in sources],
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    outs = [outdir / (s.stem + "." + fmt) for s in sources]
    for o in outs:
        if not o.exists():
            raise RuntimeError(f"LibreOffice did not write {o}")
        if fmt in ("ods", "xlsx", "xlsm"):
            pin_zip(o)
    return outs


# ------------------------------------------------------------------ stray files

def excel_lock_file(user: str = "Administrator") -> bytes:
    """An Excel owner file (`~$name.xlsx`): 165 bytes, the user name once as
    a length-prefixed ANSI string padded to 54 bytes, then again as UTF-16."""
    name = user.encode("latin-1")[:53]
    ansi = bytes([len(name)]) + name
    ansi = ansi + b" " * (54 - len(ansi))
    wide = len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    data = ansi + wide
    return data + b"\x00" * (165 - len(data))


def ds_store() -> bytes:
    """A small macOS .DS_Store (Buddy allocator header, no records)."""
    head = b"\x00\x00\x00\x01Bud1" + (0x1000).to_bytes(4, "big") + (0x800).to_bytes(4, "big")
    head += (0x1000).to_bytes(4, "big") + b"\x00" * 16
    return head + b"\x00" * (6148 - len(head))


def docx(text_lines: list[str]) -> bytes:
    """A minimal but valid Word document holding the given paragraphs."""
    import io

    body = "".join(
        f"<w:p><w:r><w:t xml:space=\"preserve\">{_xml(t)}</w:t></w:r></w:p>" for t in text_lines
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            zi = zipfile.ZipInfo(name, date_time=PINNED.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, xml.encode("utf-8"))
    return buf.getvalue()


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
