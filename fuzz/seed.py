#!/usr/bin/env python3
"""Rebuilds the fuzzers' seed corpora and dictionaries (see the README's
"Fuzzing").

    python3 fuzz/seed.py

- fuzz/corpus/<target>/: small inputs (at most 64 KB) copied from
  tests/fixtures/ and samples/, by content, plus what is made here: a
  hand-built .xlsb (no tool on the build machine writes one), values as
  people type them, plan files, and the notice cut into its blocks. The
  fuzzers grow these folders; they are not committed (fuzz/.gitignore).
- fuzz/dict/<target>.dict: libFuzzer dictionaries (committed): the formats'
  tag and record names, and the Chinese words the importer looks for, taken
  from the source (src/import/vocab.rs, value.rs, state.rs, notice.rs), so
  that they follow the vocabulary as it changes.

Only the Python standard library is used. Running it again adds what is
missing and leaves what the fuzzers found.
"""

import hashlib
import io
import re
import struct
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
CORPUS = FUZZ / "corpus"
DICT = FUZZ / "dict"
MAX_SEED = 64 * 1024

# --------------------------------------------------------------- corpora


def put(target, data):
    """Adds one seed, named by its hash as libFuzzer names its finds."""
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def zip_names(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n.lower() for n in z.namelist()}
    except (zipfile.BadZipFile, ValueError, OSError):
        return set()


def formats_of(data):
    """The format targets a file seeds, by its content as the importer routes it."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ["xls"]
    if data.startswith(b"PK"):
        names = zip_names(data)
        if any(n.startswith("xl/") and n.endswith(".bin") for n in names):
            return ["xlsb"]
        if "xl/workbook.xml" in names:
            return ["xlsx"]
        if "content.xml" in names:
            return ["ods"]
        if "word/document.xml" in names:
            return ["docx"]
    return []


def files():
    for folder in [ROOT / "tests" / "fixtures", ROOT / "samples"]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.stat().st_size <= MAX_SEED:
                yield path


def wide(s):
    """An XLWideString: a u32 count of UTF-16 units, then the units."""
    units = s.encode("utf-16-le")
    return struct.pack("<I", len(units) // 2) + units


def record(typ, body=b""):
    """A BIFF12 record: type and size as 7-bit varints, then the body."""
    out = bytearray()
    out += bytes([typ]) if typ < 0x80 else bytes([(typ & 0x7F) | 0x80, typ >> 7])
    size = len(body)
    while True:
        b = size & 0x7F
        size >>= 7
        out.append(b | (0x80 if size else 0))
        if not size:
            break
    return bytes(out) + body


def xlsb():
    """A small task table as .xlsb: shared strings, inline strings, numbers
    (RK and real), a boolean and an error, so that every cell record the
    reader knows appears once."""
    strings = ["任务编号", "重点工作", "牵头部门", "完成状态", "完成进度", "推进情况"]
    sst = record(0x9F, struct.pack("<II", len(strings), len(strings)))
    for s in strings:
        sst += record(0x13, b"\x00" + wide(s))
    sst += record(0xA0)

    def cell(col, rest):
        return struct.pack("<I", col) + b"\x00\x00\x00\x00" + rest

    rows = [record(0x94, struct.pack("<IIII", 0, 3, 0, 5)), record(0x91)]
    rows.append(record(0x00, struct.pack("<IIHBBB", 0, 0, 300, 0, 0, 0)))
    for col in range(len(strings)):
        rows.append(record(0x07, cell(col, struct.pack("<I", col))))
    for r, (status, progress, text) in enumerate(
        [("已完成", 1.0, "已全部完成"), ("推进中", 0.6, "进度约60%"), ("滞后", 0.2, "受疫情影响延期")],
        start=1,
    ):
        rows.append(record(0x00, struct.pack("<IIHBBB", r, 0, 300, 0, 0, 0)))
        rows.append(record(0x02, cell(0, struct.pack("<i", (r << 2) | 2))))
        rows.append(record(0x06, cell(1, wide(f"第{r}项重点工作"))))
        rows.append(record(0x06, cell(2, wide("保护处"))))
        rows.append(record(0x06, cell(3, wide(status))))
        rows.append(record(0x05, cell(4, struct.pack("<d", progress))))
        rows.append(record(0x06, cell(5, wide(text))))
    rows.append(record(0x00, struct.pack("<IIHBBB", 4, 0, 300, 0, 0, 0)))
    rows.append(record(0x04, cell(0, b"\x01")))
    rows.append(record(0x03, cell(1, b"\x07")))
    rows.append(record(0x05, cell(2, struct.pack("<d", 45750.0))))
    sheet = record(0x81) + b"".join(rows) + record(0x92) + record(0x82)

    book = (
        record(0x83)
        + record(0x99, struct.pack("<II", 0, 0) + wide(""))
        + record(0x8F)
        + record(0x9C, struct.pack("<II", 0, 1) + wide("rId1") + wide("任务进展"))
        + record(0x90)
        + record(0x84)
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.bin"/>'
        "</Relationships>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [
            ("[Content_Types].xml", types.encode()),
            ("xl/workbook.bin", book),
            ("xl/_rels/workbook.bin.rels", rels.encode()),
            ("xl/sharedStrings.bin", sst),
            ("xl/worksheets/sheet1.bin", sheet),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 30, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


# Values as clerks type them: ids, numbers with units, percentages, dates,
# months, statuses, yes/no, and progress sentences.
VALUES = """\
1
（一）
第3项
十二
二十五
任务5
I3
指标4
3,000件
１２３
100亿元
1.2万
约60%
60％
百分之六十
0.6
-5
1e308
NaN
2025-03-31
2025/3/31
2025.3.31
2025年3月31日
3月31日
3.31
20250331
二〇二五年三月
45747
45747.5
2025年6月
6月
六月份
上半年
已完成
推进中
未启动
滞后
完成
正常推进
是
否
√
×
有
无
-
/
任务已全部完成
已完成初稿
进度约40%
完成率60%
过半
无滞后
受疫情影响延期，尚未启动
万元
（亿元）
人民币万元
"""


def seed_corpora():
    for path in files():
        data = path.read_bytes()
        for target in formats_of(data):
            put(target, data)
        if path.parent.name == "plan_book" and formats_of(data):
            put("plan_book", data)
        if formats_of(data) or data.startswith((b"\xd0\xcf", b"PK")) or path.suffix in (
            ".xls",
            ".xlsx",
            ".et",
        ):
            put("route", data)
        if path.parent.name == "notice" and path.suffix == ".txt":
            text = data.decode("utf-8")
            put("notice", data)
            # The notice's blocks too, so that small seeds reach each part.
            for block in re.split(r"\n\s*\n", text):
                if block.strip():
                    put("notice", block.encode("utf-8"))
    book = xlsb()
    put("xlsb", book)
    put("route", book)
    for line in VALUES.splitlines():
        put("value", line.encode("utf-8"))
    for toml in (ROOT / "templates").glob("*.toml"):
        put("plan_toml", toml.read_bytes())
    # Each table of the default plan alone beside the top keys, as small seeds.
    plan = (ROOT / "templates" / "plan-2025.toml").read_text("utf-8")
    head = plan.split("[[", 1)[0]
    for part in re.split(r"\n(?=\[)", plan)[1:]:
        put("plan_toml", (head + "\n" + part).encode("utf-8"))


# --------------------------------------------------------------- dictionaries


def entry(token):
    """A libFuzzer dictionary entry: printable ASCII as is, the rest as \\xNN."""
    out = []
    for b in token.encode("utf-8"):
        if 0x20 <= b < 0x7F and b not in (ord('"'), ord("\\")):
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02X}")
    return '"' + "".join(out) + '"'


def chinese_words(*sources):
    """The string literals with Chinese in them, short enough to be words."""
    words = set()
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    for source in sources:
        text = (ROOT / source).read_text("utf-8")
        for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
            if cjk.search(literal) and len(literal) <= 12 and "{" not in literal:
                words.add(literal)
    return sorted(words)


XML_OOXML = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
[Content_Types].xml _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels
xl/worksheets/sheet1.xml xl/sharedStrings.xml xl/styles.xml docProps/core.xml
<workbook <sheets> <sheet name=" sheetId=" r:id=" state="hidden" <workbookPr date1904="1"
<worksheet <sheetData> <row r=" <c r=" t="s" t="str" t="inlineStr" t="b" t="e" t="n" t="d" s="
<v> </v> <f> </f> <f t="shared" ref=" si=" <is><t> </t></is> <si> </si> <r><t> <t xml:space="preserve">
<sst count=" uniqueCount=" <mergeCells count=" <mergeCell ref=" <dimension ref="
<numFmts <numFmt numFmtId=" formatCode=" <cellXfs <xf numFmtId=" applyNumberFormat="1"
<Relationship Id=" Type=" Target=" TargetMode="External"
http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet
http://schemas.openxmlformats.org/spreadsheetml/2006/main
application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml
application/vnd.ms-excel.sheet.macroEnabled.main+xml
A1 XFD1048576 A1:XFD1048576 B2:G2 #DIV/0! #N/A #REF! &amp; &lt; &#x4E00; <![CDATA[ <!-- -->
"""

XML_ODS = """
mimetype application/vnd.oasis.opendocument.spreadsheet META-INF/manifest.xml content.xml
<office:document-content <office:body> <office:spreadsheet> <table:table table:name="
<table:table-row <table:table-cell <table:covered-table-cell table:number-columns-repeated="
table:number-rows-repeated=" table:number-columns-spanned=" table:number-rows-spanned="
office:value-type="float" office:value-type="string" office:value-type="date" office:value-type="percentage"
office:value-type="boolean" office:value-type="currency" office:value-type="time"
office:value=" office:date-value=" office:boolean-value=" office:string-value=" table:formula="of:=
<text:p> </text:p> <text:s text:c=" <text:span <text:a <text:line-break/> <table:table-column
manifest:encryption-data manifest:algorithm <table:named-expressions>
"""

XML_DOCX = """
word/document.xml word/_rels/document.xml.rels
application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml
http://schemas.openxmlformats.org/wordprocessingml/2006/main
http://schemas.openxmlformats.org/markup-compatibility/2006
<w:document <w:body> <w:p> </w:p> <w:r> <w:t> </w:t> <w:tbl> </w:tbl> <w:tr> <w:tc> </w:tc>
<w:tcPr> <w:gridSpan w:val=" <w:vMerge w:val="restart"/> <w:vMerge/> <w:gridBefore <w:gridAfter
<w:tab/> <w:br/> <w:cr/> <w:sdt> <w:sdtContent> <w:ins> <w:del> <w:delText> <w:hyperlink
<mc:AlternateContent> <mc:Choice Requires=" <mc:Fallback> <w:txbxContent> <w:footnoteReference
<w:pStyle w:val=" <w:numPr> <w:smartTag> <w:customXml> <w:fldSimple w:instr=" <w:sym w:char="
"""

BIFF = [
    # OLE header and names.
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xfe\xff\xff\xff",
    b"\xff\xff\xff\xff",
    b"\xfd\xff\xff\xff",
    b"\xfc\xff\xff\xff",
    "Workbook".encode("utf-16-le"),
    "Book".encode("utf-16-le"),
    "Root Entry".encode("utf-16-le"),
    "WordDocument".encode("utf-16-le"),
    "EncryptionInfo".encode("utf-16-le"),
    "EncryptedPackage".encode("utf-16-le"),
    # BIFF8 record ids (little-endian): BOF, EOF, BOUNDSHEET, SST, CONTINUE,
    # EXTSST, LABELSST, LABEL, NUMBER, RK, MULRK, BLANK, MULBLANK, FORMULA,
    # STRING, BOOLERR, DIMENSIONS, ROW, MERGEDCELLS, FILEPASS, CODEPAGE,
    # DATEMODE (1904), FORMAT, XF, FONT, SHAREDFMLA, ARRAY, RSTRING, NOTE.
    b"\x09\x08\x10\x00\x00\x06",
    b"\x0a\x00\x00\x00",
    b"\x85\x00",
    b"\xfc\x00",
    b"\x3c\x00",
    b"\xff\x00",
    b"\xfd\x00",
    b"\x04\x02",
    b"\x03\x02",
    b"\x7e\x02",
    b"\xbd\x00",
    b"\x01\x02",
    b"\xbe\x00",
    b"\x06\x00",
    b"\x07\x02",
    b"\x05\x02",
    b"\x00\x02",
    b"\x08\x02",
    b"\xe5\x00",
    b"\x2f\x00",
    b"\x42\x00",
    b"\x22\x00",
    b"\x1e\x04",
    b"\xe0\x00",
    b"\x31\x00",
    b"\xbc\x04",
    b"\x21\x02",
    b"\xd6\x00",
    b"\x1c\x00",
    b"\xb0\x04",
]

XLSB = [
    b"xl/workbook.bin",
    b"xl/worksheets/sheet1.bin",
    b"xl/sharedStrings.bin",
    b"xl/_rels/workbook.bin.rels",
    b"xl/styles.bin",
    b"worksheets/",
    b"chartsheets/",
    # Record types as written (one or two varint bytes): row header, cells
    # (blank, RK, error, bool, real, inline string, shared string, formula
    # kinds), sheet data, dimension, bundle sheet, shared strings, names.
    b"\x00",
    b"\x01",
    b"\x02",
    b"\x03",
    b"\x04",
    b"\x05",
    b"\x06",
    b"\x07",
    b"\x08",
    b"\x09",
    b"\x0a",
    b"\x0b",
    b"\x13",
    b"\x81\x01",
    b"\x82\x01",
    b"\x91\x01",
    b"\x92\x01",
    b"\x94\x01",
    b"\x9c\x01",
    b"\x90\x01",
    b"\x9f\x01",
    b"\x99\x01",
    b"\xa7\x01",
    b"\xff\xff\xff\xff",
]

ZIP = [
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"PK\x06\x06",
    b"PK\x06\x07",
    b"\x14\x00",
    b"\x08\x00",
    b"\xff\xff\xff\xff",
]


def write_dict(name, tokens):
    DICT.mkdir(parents=True, exist_ok=True)
    lines = [f"# libFuzzer dictionary for `{name}`, made by fuzz/seed.py: do not edit."]
    seen = set()
    for token in tokens:
        data = token if isinstance(token, bytes) else token.encode("utf-8")
        if data and data not in seen:
            seen.add(data)
            if isinstance(token, bytes):
                lines.append('"' + "".join(f"\\x{b:02X}" for b in token) + '"')
            else:
                lines.append(entry(token))
    (DICT / f"{name}.dict").write_text("\n".join(lines) + "\n", "utf-8")


def seed_dicts():
    words = chinese_words(
        "src/import/vocab.rs",
        "src/import/value.rs",
        "src/import/state.rs",
        "src/import/rows/meta.rs",
        "src/import/rows/titles.rs",
        "src/plan/mod.rs",
    )
    notice_words = chinese_words("src/import/notice.rs")
    ooxml = XML_OOXML.split()
    ods = XML_ODS.split()
    docx = XML_DOCX.split()
    toml_keys = sorted(
        set(re.findall(r"^\s*\[*([a-z_]+)\]*\s*=?", (ROOT / "templates" / "plan-2025.toml").read_text("utf-8"), re.M))
        | set(re.findall(r"^\s*\[\[?([a-z_.]+)\]\]?", (ROOT / "templates" / "holidays.toml").read_text("utf-8"), re.M))
    )
    toml = [f"{k} = " for k in toml_keys] + [f"[[{k}]]" for k in toml_keys] + [
        '"', "'''", '"""', "[", "]", "{", "}", "=", ",", "\n", "true", "false",
        "2025-03-31", "1979-05-27T07:32:00Z", ">=", "<=", "level", "cumulative", "growth",
        "count", "date", "inf", "nan", "0x1F", "1e9", "-0",
    ]
    write_dict("xlsx", ooxml + ZIP + words)
    write_dict("ods", ods + ZIP + words)
    write_dict("docx", docx + ZIP + words)
    write_dict("xls", BIFF + words)
    write_dict("xlsb", XLSB + ZIP + words)
    write_dict("route", ooxml + ods + docx + BIFF + XLSB + ZIP + words)
    write_dict("plan_book", ooxml + ods + BIFF + ZIP + words)
    write_dict("value", words + list("0123456789.,%％-+年月日号元万亿千件次批约第（）()/：:"))
    write_dict("plan_toml", toml + words)
    write_dict("notice", notice_words + words)


if __name__ == "__main__":
    seed_corpora()
    seed_dicts()
    for folder in sorted(CORPUS.iterdir()):
        print(f"{folder.name}: {sum(1 for _ in folder.iterdir())} seeds")
