#!/usr/bin/env python3
"""Make tests/fixtures/variations/: one small workbook per spreadsheet
variation of docs/inputs.md, written by openpyxl (and some converted by
LibreOffice), never by the Rust code under test.

How to run (from the repository root):

    pip install openpyxl                      # 3.1.x
    apt-get install -y libreoffice-calc       # only if `which soffice` fails
    python3 tools/make_variations.py

Writes every fixture plus tests/fixtures/variations/expected.json, the values
the importer must read from each file (the README there says the same in
words). Output is byte-reproducible for the .xlsx/.xlsm/.ods files (pinned zip
times and document dates); LibreOffice's .xls output may differ in OLE
metadata between runs, never in cell contents.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # keep __pycache__ out of the tree
import officefile as of  # noqa: E402

OUT = of.REPO / "tests" / "fixtures" / "variations"
EXCEL_EPOCH = dt.date(1899, 12, 30)
CN_DATE_FMT = 'yyyy"年"m"月"d"日"'
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

EXPECTED: dict[str, dict] = {}


def serial(d: dt.date) -> int:
    return (d - EXCEL_EPOCH).days


def new_wb() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "user"
    wb.properties.created = of.PINNED
    wb.properties.modified = of.PINNED
    return wb


def row(ws, r: int, values: list, c0: int = 1, bold: bool = False):
    for i, v in enumerate(values):
        if v is None:
            continue
        cell = ws.cell(row=r, column=c0 + i, value=v)
        if bold:
            cell.font = BOLD


def save(wb: Workbook, name: str, expected: dict, stage: Path | None = None) -> Path:
    path = (stage or OUT) / name
    wb.save(path)
    of.pin_zip(path)
    EXPECTED[name] = expected
    return path


def task(r, task, status, progress, text, **more):
    """An expected task row."""
    out = {"row": r, "task": task, "status": status, "progress": progress, "text": text}
    out.update(more)
    return out


# ------------------------------------------------------------------ fixtures

def title_and_meta_rows():
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    ws.cell(1, 1, "浦东新区知识产权局2025年工作要点推进情况表").font = Font(bold=True, size=16)
    ws.merge_cells("A1:G1")
    ws.cell(2, 1, "填报单位：保护处")
    ws.cell(3, 1, "填报日期：2025年4月3日")
    ws.cell(4, 1, "报送月份：2025年3月")
    row(ws, 6, ["任务编号", "任务名称", "牵头部门", "完成状态", "完成进度", "本月进展", "备注"], bold=True)
    row(ws, 7, [9, "健全完善立体交叉保护制度", "保护处", "正常推进", 40, "与区检察院召开两法衔接联席会议", None])
    row(ws, 8, [11, "推进浦东地理标志保护", "保护处", "推进中", 35, "形成地理标志保护工作方案征求意见稿", None])
    row(ws, 9, [12, "加强浦东重点商标保护", "保护处", "推进中", 30, "完成第二批名录评审", "拟入选95件"])
    return save(wb, "title_and_meta_rows.xlsx", {
        "made": "openpyxl",
        "what": "title row merged A1:G1, meta rows 填报单位/填报日期/报送月份 (A2:A4), blank row 5, header row 6",
        "department": "保护处", "department_source": "meta", "filled": "2025-04-03", "period": "2025-03",
        "sheets": [{"name": "推进情况", "kind": "tasks", "header_row": 6, "rows_read": 3, "accepted": 3,
                    "tasks": [task(7, 9, "推进中", 40, "与区检察院召开两法衔接联席会议"),
                              task(8, 11, "推进中", 35, "形成地理标志保护工作方案征求意见稿"),
                              task(9, 12, "推进中", 30, "完成第二批名录评审", note="拟入选95件")]}],
    })


def header_at_row_12():
    wb = new_wb()
    ws = wb.create_sheet("Sheet1")
    ws.cell(1, 1, "监管与预警处2025年工作要点推进情况")
    ws.cell(2, 1, "填报单位：监管与预警处")
    ws.cell(3, 1, "填报日期：2025年4月2日")
    ws.cell(5, 1, "说明：")
    ws.cell(6, 1, "一、本表按局办公室统一格式填写，请勿调整列顺序。")
    ws.cell(7, 1, "二、完成进度按百分比填写数字。")
    ws.cell(8, 1, "三、本月进展请写明具体工作和数量。")
    ws.cell(10, 1, "报送月份：2025年3月")
    row(ws, 12, ["任务编号", "任务名称", "牵头部门", "完成状态", "完成进度(%)", "本月进展", "计划完成时间"], bold=True)
    row(ws, 13, [7, "大力推进高价值专利培育", "监管与预警处", "推进中", 30, "走访重点企业15家", "2025-12-31"])
    row(ws, 14, [8, "落实专利导航引领创新发展行动", "监管与预警处", "推进中", 25, "完成生物医药产业专利导航分析报告", "2025-12-31"])
    return save(wb, "header_at_row_12.xlsx", {
        "made": "openpyxl",
        "what": "11 rows of title, meta and instructions above the header at row 12; rows 4, 9, 11 blank",
        "department": "监管与预警处", "department_source": "meta", "filled": "2025-04-02", "period": "2025-03",
        "sheets": [{"name": "Sheet1", "kind": "tasks", "header_row": 12, "rows_read": 2, "accepted": 2,
                    "tasks": [task(13, 7, "推进中", 30, "走访重点企业15家", planned="2025-12-31"),
                              task(14, 8, "推进中", 25, "完成生物医药产业专利导航分析报告", planned="2025-12-31")]}],
    })


def two_row_merged_header(stage: Path):
    wb = new_wb()
    ws = wb.create_sheet("推进表")
    ws.cell(1, 1, "浦东新区知识产权局2025年工作要点推进情况表")
    ws.merge_cells("A1:H1")
    ws.cell(2, 1, "填报单位：发展与促进处")
    ws.cell(2, 6, "填报日期：2025.4.3")
    for c, h in [(1, "序号"), (2, "重点任务"), (3, "牵头处室"), (7, "计划完成时间"), (8, "存在问题")]:
        ws.cell(3, c, h).font = BOLD
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.cell(3, 4, "完成情况").font = BOLD
    ws.merge_cells("D3:F3")
    row(ws, 4, ["状态", "进度", "进展"], c0=4, bold=True)
    row(ws, 5, [1, "编制“十五五”知识产权规划", "发展与促进处", "进行中", 0.35, "形成“十四五”规划评估报告初稿", "2025年12月", "无"])
    ws.cell(5, 5).number_format = "0%"
    row(ws, 6, [5, "持续挖掘培育优质企业", "发展与促进处", "进行中", 0.4, "形成第一批潜力企业关注名单86家", "2025年12月", "无"])
    ws.cell(6, 5).number_format = "0%"
    exp = {
        "made": "openpyxl",
        "what": "header in rows 3–4: 完成情况 merged D3:F3 over 状态/进度/进展 (row 4); 序号, 重点任务, 牵头处室, "
                "计划完成时间, 存在问题 each merged down A3:A4 … H3:H4. The upper 完成情况 is itself an alias of "
                "本月进展: the sub-header 进展 must win for column F, 状态 → status (D), 进度 → progress (E, 0.35 with "
                "a 0% format)",
        "department": "发展促进处", "department_source": "meta (发展与促进处 is an alias)", "filled": "2025-04-03",
        "period": None,
        "sheets": [{"name": "推进表", "kind": "tasks", "header_row": 4, "header_rows": [3, 4], "rows_read": 2,
                    "accepted": 2,
                    "tasks": [task(5, 1, "推进中", 35, "形成“十四五”规划评估报告初稿", planned="2025-12-31"),
                              task(6, 5, "推进中", 40, "形成第一批潜力企业关注名单86家", planned="2025-12-31")]}],
    }
    return save(wb, "two_row_merged_header.xlsx", exp), exp


def notes_and_section_rows():
    wb = new_wb()
    ws = wb.create_sheet("工作推进")
    ws.cell(1, 1, "浦东新区知识产权保护中心2025年工作要点推进情况（3月）")
    ws.merge_cells("A1:F1")
    ws.cell(2, 1, "填报单位：浦东新区知识产权保护中心")
    row(ws, 3, ["编号", "工作任务", "责任部门", "状态", "进度(%)", "推进情况"], bold=True)
    ws.cell(4, 1, "（一）抓好重大事项落实")
    ws.merge_cells("A4:F4")
    row(ws, 5, [4, "开展数据产品知识产权登记", "保护中心", "推进中", 35, "完成数据产品登记存证23件"])
    ws.cell(6, 1, "（三）提升知识产权治理能力")
    ws.merge_cells("A6:F6")
    row(ws, 7, [10, "强化知识产权行政保护", "保护处、保护中心", "推进中", 30, "召开生物医药知识产权保护专业委员会会议"])
    row(ws, 8, [13, "深化知识产权纠纷多元解决机制", "保护处、保护中心", "推进中", 30, "开展纠纷快速处理试点流程设计"])
    ws.cell(10, 1, "填表说明：1.状态填写未启动、推进中、已完成、滞后；2.进度填写0—100的数字。")
    ws.merge_cells("A10:F10")
    ws.cell(11, 1, "注：本表由中心综合办公室汇总。")
    ws.merge_cells("A11:F11")
    return save(wb, "notes_and_section_rows.xlsx", {
        "made": "openpyxl",
        "what": "section rows （一）/（三） merged A:F at rows 4 and 6, blank row 9, notes rows 10 (填表说明：…) and "
                "11 (注：…) merged A:F",
        "department": "保护中心", "department_source": "meta (浦东新区知识产权保护中心)", "filled": None, "period": None,
        "sheets": [{"name": "工作推进", "kind": "tasks", "header_row": 3, "rows_read": 7, "accepted": 3,
                    "rejected": 0, "skipped": 4, "skipped_rows": [4, 6, 10, 11], "blank_rows": [9],
                    "tasks": [task(5, 4, "推进中", 35, "完成数据产品登记存证23件"),
                              task(7, 10, "推进中", 30, "召开生物医药知识产权保护专业委员会会议"),
                              task(8, 13, "推进中", 30, "开展纠纷快速处理试点流程设计")]}],
        "note": "rows_read counts rows 4–11 that are not blank (7); whether blank row 9 is counted as read+skipped "
                "is the importer's choice, but accepted must be 3 and rows 4, 6, 10, 11 never become tasks",
    })


def merged_lead_column(stage: Path):
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    ws.cell(1, 2, "2025年工作要点推进情况表")
    ws.cell(2, 2, "填报单位：知识产权保护处")
    ws.cell(2, 6, "报送月份：2025年3月")
    row(ws, 3, ["序号", "板块", "重点任务", "牵头部门", "完成状态", "完成进度", "推进情况", "实际完成时间"], c0=2, bold=True)
    data = [
        (9, "健全完善立体交叉保护制度", "逾期", 30, "两法衔接试点申报材料未按期报送", None),
        (11, "推进浦东地理标志保护", "推进中", 35, "形成地理标志保护工作方案征求意见稿", None),
        (12, "加强浦东重点商标保护", "完成", 100, "第二批重点商标保护名录已发布", dt.date(2025, 3, 28)),
    ]
    for i, (t, title, st, p, text, done) in enumerate(data):
        r = 4 + i
        row(ws, r, [t, None, title, None, st, p, text], c0=2)
        if done:
            ws.cell(r, 9, done).number_format = "yyyy-mm-dd"
    ws.cell(4, 3, "三、提升知识产权治理能力")
    ws.merge_cells("C4:C6")
    ws.cell(4, 5, "保护处")
    ws.merge_cells("E4:E6")
    exp = {
        "made": "openpyxl",
        "what": "column A blank; 板块 merged C4:C6 and 牵头部门 merged E4:E6 (only the top cell holds 保护处); "
                "statuses 逾期 → 滞后 and 完成 → 已完成",
        "department": "保护处", "department_source": "meta (知识产权保护处)", "filled": None, "period": "2025-03",
        "sheets": [{"name": "推进情况", "kind": "tasks", "header_row": 3, "rows_read": 3, "accepted": 3,
                    "tasks": [task(4, 9, "滞后", 30, "两法衔接试点申报材料未按期报送", leads=["保护处"]),
                              task(5, 11, "推进中", 35, "形成地理标志保护工作方案征求意见稿", leads=["保护处"]),
                              task(6, 12, "已完成", 100, "第二批重点商标保护名录已发布", leads=["保护处"],
                                   actual="2025-03-28")]}],
        "columns": "task id in column B, lead in column E (letters as Excel shows them)",
    }
    return save(wb, "merged_lead_column.xlsx", exp), exp


def columns_shuffled_extra():
    wb = new_wb()
    ws = wb.create_sheet("Sheet1")
    ws.cell(1, 1, "填报单位：办公室")
    headers = ["本月进展", "备注", "完成进度(%)", "联系人", "任务名称", "完成状态", None, "任务编号", "联系电话", "牵头部门"]
    row(ws, 2, headers, bold=True)
    row(ws, 3, ["召开全面从严治党工作会议", None, 20, "李明", "严抓党风廉政", "推进中", None, 23, "58790001", "办公室"])
    row(ws, 4, ["机关读书室建成启用", "读书分享会1场", 45, "李明", "夯实基层党建", "推进中", None, 22, "58790001", "办公室"])
    return save(wb, "columns_shuffled_extra.xlsx", {
        "made": "openpyxl",
        "what": "header row 2 in a shuffled order with a blank column G and two extra columns 联系人 (D) and 联系电话 (I)",
        "department": "办公室", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "Sheet1", "kind": "tasks", "header_row": 2, "rows_read": 2, "accepted": 2,
                    "columns": {"本月进展": "A", "备注": "B", "完成进度(%)": "C", "任务名称": "E", "完成状态": "F",
                                "任务编号": "H", "牵头部门": "J"},
                    "tasks": [task(3, 23, "推进中", 20, "召开全面从严治党工作会议",
                                   extra={"联系人": "李明", "联系电话": "58790001"}),
                              task(4, 22, "推进中", 45, "机关读书室建成启用", note="读书分享会1场",
                                   extra={"联系人": "李明", "联系电话": "58790001"})]}],
    })


def task_id_forms():
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    ws.cell(1, 1, "填报单位：保护处")
    row(ws, 2, ["任务编号", "任务名称", "完成状态", "完成进度", "本月进展"], bold=True)
    ids = [
        (3, 3, "加快实施两部管理措施", "number 3"),
        ("10.0", 10, "强化知识产权行政保护", "text 10.0"),
        ("09", 9, "健全完善立体交叉保护制度", "text 09 (leading zero)"),
        ("１１", 11, "推进浦东地理标志保护", "full-width digits １１"),
        ("第12项", 12, "加强浦东重点商标保护", "第12项"),
        ("任务13", 13, "深化知识产权纠纷多元解决机制", "任务13"),
        (None, 14, "完善海外知识产权纠纷维权服务", "no id; the title names task 14 exactly"),
    ]
    tasks = []
    for i, (cell, t, title, _) in enumerate(ids):
        r = 3 + i
        text = f"任务{t}本月进展"
        row(ws, r, [cell, title, "推进中", 20 + i, text])
        tasks.append(task(r, t, "推进中", 20 + i, text, id_cell=cell))
    return save(wb, "task_id_forms.xlsx", {
        "made": "openpyxl",
        "what": "task ids in column A as: number 3, text 10.0, text 09, full-width １１, 第12项, 任务13, and an empty "
                "id whose title (B9) is task 14's title. All seven tasks are 保护处's",
        "department": "保护处", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "推进情况", "kind": "tasks", "header_row": 2, "rows_read": 7, "accepted": 7,
                    "tasks": tasks}],
    })


def numbers_with_units():
    wb = new_wb()
    ws = wb.create_sheet("量化指标")
    ws.cell(1, 1, "填报单位：办公室")
    row(ws, 2, ["指标编号", "指标名称", "单位", "本月值", "累计值", "备注"], bold=True)
    rows = [
        ("I4", "知识产权纠纷调解案件数", "件", "236件", "3,000件", 236, 3000),
        ("I5", "知识产权交易金额", "亿元", "8.5亿元", "100亿元", 8.5, 100),
        ("I2", "作品登记量", "件", "2.1万", "12.4万件", 21000, 124000),
        ("5.1", "潜力企业关注名单", "批", "1批", "4批", 1, 4),
        ("I8", "自贸区作品快速登记量", "件", "１８２０", "１０５４０件", 1820, 10540),
        ("24.1", "理论学习中心组学习", "次", " 2 ", "待统计", 2, None),
    ]
    figs = []
    for i, (fid, name, unit, mv, cum, emv, ecum) in enumerate(rows):
        r = 3 + i
        row(ws, r, [fid, name, unit, mv, cum])
        figs.append({"row": r, "figure": fid, "month_value": emv, "cumulative": ecum, "month_cell": mv,
                     "cumulative_cell": cum})
    ws.cell(8, 6, "累计数据待统计")
    return save(wb, "numbers_with_units.xlsx", {
        "made": "openpyxl",
        "what": "numbers as text with units and separators: 236件, 3,000件, 8.5亿元, 100亿元, 2.1万 (=21000), "
                "12.4万件, 1批, 4批, full-width １８２０ and １０５４０件, padded ' 2 '; row 8's 累计值 '待统计' "
                "is not a number: INVALID_VALUE, field empty, row kept",
        "department": "办公室", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "量化指标", "kind": "figures", "header_row": 2, "rows_read": 6, "accepted": 6,
                    "figures": figs}],
        "flags": [{"code": "INVALID_VALUE", "row": 8, "column": "E"}],
    })


def percent_forms():
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    ws.cell(1, 1, "填报单位：保护处")
    row(ws, 2, ["任务编号", "任务名称", "完成状态", "完成进度(%)", "本月进展"], bold=True)
    forms = [
        (9, "35%", 35, "text 35%"),
        (10, 35, 35, "number 35"),
        (11, 0.35, 35, "number 0.35 with a 0% format"),
        (12, "35", 35, "text 35"),
        (13, "62.5%", 62.5, "text 62.5%"),
        (14, 0.6, 60, "number 0.6, General format"),
        (3, "８０％", 80, "full-width ８０％"),
    ]
    tasks = []
    for i, (t, v, expect, _) in enumerate(forms):
        r = 3 + i
        st = "推进中"
        row(ws, r, [t, f"任务{t}", st, v, f"任务{t}进展"])
        tasks.append(task(r, t, st, expect, f"任务{t}进展", progress_cell=v))
    ws.cell(5, 4).number_format = "0%"
    return save(wb, "percent_forms.xlsx", {
        "made": "openpyxl",
        "what": "完成进度(%) column D as 35%, 35, 0.35 (0% format), '35', '62.5%', 0.6 (General), '８０％'; "
                "titles are placeholders 任务N (the ids decide; TITLE_MISMATCH may be raised for them)",
        "department": "保护处", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "推进情况", "kind": "tasks", "header_row": 2, "rows_read": 7, "accepted": 7,
                    "tasks": tasks}],
    })


def date_forms(stage: Path):
    wb = new_wb()
    ws = wb.create_sheet("里程碑")
    ws.cell(1, 1, "填报单位：办公室")
    row(ws, 2, ["指标编号", "指标名称", "完成日期", "备注"], bold=True)
    forms = [
        ("2.1", dt.date(2025, 5, 20), "2025-05-20", "real date, yyyy-mm-dd format"),
        ("1.1", serial(dt.date(2025, 2, 28)), "2025-02-28", f"serial number {serial(dt.date(2025, 2, 28))}, General format"),
        ("1.2", "2025-04-15", "2025-04-15", "text 2025-04-15"),
        ("4.1", "2025/4/26", "2025-04-26", "text 2025/4/26"),
        ("10.1", "2025年6月30日", "2025-06-30", "text 2025年6月30日"),
        ("11.1", "2025.7.8", "2025-07-08", "text 2025.7.8"),
        ("13.1", "2025年5月", "2025-05-31", "text 2025年5月 (month's last day)"),
        ("16.1", "3月底", "2025-03-31", "text 3月底 (plan year, month's last day)"),
        ("18.1", dt.date(2025, 6, 18), "2025-06-18", "real date with built-in number format id 31 yyyy\"年\"m\"月\"d\"日\""),
    ]
    figs = []
    for i, (fid, cell, expect, how) in enumerate(forms):
        r = 3 + i
        row(ws, r, [fid, f"里程碑{fid}", cell, how])
        figs.append({"row": r, "figure": fid, "done": expect})
    ws.cell(3, 3).number_format = "yyyy-mm-dd"
    ws.cell(11, 3).number_format = CN_DATE_FMT
    name = "date_forms.xlsx"
    path = OUT / name
    wb.save(path)
    of.builtin_numfmt(path, CN_DATE_FMT, 31)
    of.pin_zip(path)
    exp = {
        "made": "openpyxl; C11's style then rewritten to the built-in numFmtId 31 with no numFmt definition, as "
                "Chinese-locale Excel writes it (calamine 0.38 returns it as a plain number)",
        "what": "完成日期 column C in nine forms, one per dated milestone (see each row's 备注 in column D)",
        "department": "办公室", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "里程碑", "kind": "figures", "header_row": 2, "rows_read": 9, "accepted": 9,
                    "figures": figs}],
    }
    EXPECTED[name] = exp
    return path, exp


def status_aliases():
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    ws.cell(1, 1, "填报单位：保护处")
    row(ws, 2, ["任务编号", "任务名称", "完成状态", "完成进度", "本月进展", "实际完成时间"], bold=True)
    forms = [
        (3, "未开展", "未启动", 0), (9, "暂缓", "未启动", 0), (10, "进行中", "推进中", 40),
        (11, "按计划推进", "推进中", 45), (12, "已办结", "已完成", 100), (13, "延期", "滞后", 30),
        (14, "未按期", "滞后", 20),
    ]
    tasks = []
    for i, (t, word, canon, p) in enumerate(forms):
        r = 3 + i
        row(ws, r, [t, None, word, p, f"任务{t}本月情况"])
        extra = {}
        if canon == "已完成":
            ws.cell(r, 6, dt.date(2025, 3, 20)).number_format = "yyyy-mm-dd"
            extra["actual"] = "2025-03-20"
        tasks.append(task(r, t, canon, p, f"任务{t}本月情况", status_cell=word, **extra))
    return save(wb, "status_aliases.xlsx", {
        "made": "openpyxl",
        "what": "完成状态 as aliases 未开展, 暂缓, 进行中, 按计划推进, 已办结, 延期, 未按期 (正常推进 is in "
                "title_and_meta_rows, 逾期 and 完成 in merged_lead_column); no titles",
        "department": "保护处", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "推进情况", "kind": "tasks", "header_row": 2, "rows_read": 7, "accepted": 7,
                    "tasks": tasks}],
    })


def yes_no_forms():
    wb = new_wb()
    ws = wb.create_sheet("作品登记")
    ws.cell(1, 1, "填报单位：监管与预警处")
    row(ws, 2, ["登记号", "作品名称", "作品类别", "著作权人", "受理日期", "发证日期", "是否自贸区快速登记"], bold=True)
    forms = ["是", "否", "Y", "N", "√", "×", "y", "n"]
    rows = []
    for i, yn in enumerate(forms):
        r = 3 + i
        issued = [dt.date(2025, 3, d) for d in (10, 11, 12, 13, 14, 17, 18, 19)][i]
        key = f"沪作登字-2025-F-{i + 1:08d}"
        row(ws, r, [key, f"测试作品{i + 1}", "美术作品", "上海某某文化传播有限公司", dt.date(2025, 3, 3), issued, yn])
        ws.cell(r, 5).number_format = "yyyy-mm-dd"
        ws.cell(r, 6).number_format = "yyyy-mm-dd"
        rows.append({"row": r, "key": key, "date": issued.isoformat(), "fast_track": yn in ("是", "Y", "√", "y"),
                     "cell": yn})
    return save(wb, "yes_no_forms.xlsx", {
        "made": "openpyxl",
        "what": "works ledger, 是否自贸区快速登记 column G as 是/否, Y/N, √/×, y/n; 发证日期 2025-03-10 … 2025-03-19 (working days)",
        "department": "监管与预警处", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "作品登记", "kind": "works", "header_row": 2, "rows_read": 8, "accepted": 8,
                    "ledger": rows}],
    })


def money_units():
    wb = new_wb()
    sheets = [
        ("元", "金额(元)", [("ZY-1", "质押融资", 5000000, 0.05), ("ZR-1", "转让", 12000000, 0.12)]),
        ("亿元", "金额（亿元）", [("ZY-2", "质押融资", 0.3, 0.3), ("XK-1", "许可", 1.25, 1.25)]),
        ("万元", "金额(万元)", [("ZY-3", "质押融资", 800, 0.08), ("ZJ-1", "作价入股", "500万元", 0.05),
                           ("ZR-2", "转让", "1,200", 0.12)]),
        ("无单位", "交易金额", [("ZY-4", "质押融资", "500万元", 0.05), ("ZR-3", "转让", "0.2亿元", 0.2),
                           ("XK-2", "许可", "3000000元", 0.03)]),
    ]
    exp_sheets = []
    pledge = other = 0.0
    for name, header, deals in sheets:
        ws = wb.create_sheet(name)
        ws.cell(1, 1, "填报单位：发展促进处")
        row(ws, 2, ["合同编号", "企业名称", "业务类型", header, "登记日期"], bold=True)
        rows = []
        for i, (key, kind, amount, yi) in enumerate(deals):
            r = 3 + i
            row(ws, r, [key, f"上海测试{key}科技有限公司", kind, amount, dt.date(2025, 3, 5 + i)])
            ws.cell(r, 5).number_format = "yyyy-mm-dd"
            rows.append({"row": r, "key": key, "type": kind, "pledge": kind == "质押融资", "amount_cell": amount,
                         "amount_yi": yi, "amount_wan": round(yi * 10000, 4), "date": f"2025-03-{5 + i:02d}"})
            if kind == "质押融资":
                pledge += yi
            else:
                other += yi
        exp_sheets.append({"name": name, "kind": "finance", "header_row": 2, "rows_read": len(deals),
                           "accepted": len(deals), "amount_header": header, "ledger": rows})
    return save(wb, "money_units.xlsx", {
        "made": "openpyxl",
        "what": "finance ledger in four sheets: 金额(元), 金额（亿元）(full-width parentheses), 金额(万元) with cells "
                "800, '500万元', '1,200', and a unitless 交易金额 whose cells carry units '500万元', '0.2亿元', "
                "'3000000元'. A cell's own unit wins over the header's",
        "department": "发展促进处", "department_source": "meta", "filled": None, "period": None,
        "sheets": exp_sheets,
        "totals_yi": {"I6_pledge": round(pledge, 4), "I5_other": round(other, 4)},
    })


def formula_cached(stage: Path):
    wb = new_wb()
    ws = wb.create_sheet("量化指标")
    ws.cell(1, 1, "填报单位：保护处")
    row(ws, 2, ["指标编号", "指标名称", "单位", "1月", "2月", "3月", "累计值"], bold=True)
    row(ws, 3, ["I4", "知识产权纠纷调解案件数", "件", 212, 238, 265, "=SUM(D3:F3)"])
    row(ws, 4, ["12.1", '="征集、发布第二、三批"&"浦东新区重点商标保护名录"', "批", 0, 0, 1, "=SUM(D4:F4)"])
    ts = wb.create_sheet("推进情况")
    row(ts, 1, ["任务编号", "任务名称", "牵头部门", "完成状态", "完成进度", "本月进展"], bold=True)
    row(ts, 2, [9, "健全完善立体交叉保护制度", "保护处", '=IF(E2>=100,"已完成","推进中")', "=20+15",
                '="向海关移送侵权线索"&4&"条"'])
    src = stage / "formula_cached.xlsx"
    wb.save(src)
    of.convert([src], "xlsx", OUT)
    name = "formula_cached.xlsx"
    exp = {
        "made": "openpyxl with formulas (no cached values), then `soffice --convert-to xlsx`, which recalculates "
                "and stores each formula's cached value",
        "what": "formulas with cached values: G3 =SUM(D3:F3) → 715, G4 → 1, B4 string formula, 推进情况 D2 "
                "=IF(...) → 推进中, E2 =20+15 → 35, F2 string formula",
        "department": "保护处", "department_source": "meta (量化指标 A1)", "filled": None, "period": None,
        "sheets": [
            {"name": "量化指标", "kind": "figures", "header_row": 2, "rows_read": 2, "accepted": 2,
             "figures": [{"row": 3, "figure": "I4", "cumulative": 715},
                         {"row": 4, "figure": "12.1", "cumulative": 1,
                          "name": "征集、发布第二、三批浦东新区重点商标保护名录"}],
             "extra_columns": ["1月", "2月", "3月"]},
            {"name": "推进情况", "kind": "tasks", "header_row": 1, "rows_read": 1, "accepted": 1,
             "tasks": [task(2, 9, "推进中", 35, "向海关移送侵权线索4条")]},
        ],
        "flags": [],
        "note": "no FORMULA_NOT_CALCULATED: every formula has a cached value",
    }
    EXPECTED[name] = exp
    return OUT / name


def department_from_filename():
    wb = new_wb()
    ws = wb.create_sheet("Sheet1")
    row(ws, 1, ["任务编号", "任务名称", "牵头部门", "完成状态", "完成进度", "本月进展"], bold=True)
    row(ws, 2, [3, "加快实施两部管理措施", "监管与预警处、保护处", "推进中", 30, "建立裁决与调解衔接工作机制"])
    row(ws, 3, [9, "健全完善立体交叉保护制度", "保护处", "推进中", 35, "向海关移送侵权线索4条"])
    return save(wb, "department_from_filename_保护处.xlsx", {
        "made": "openpyxl",
        "what": "no title, no meta cell; header in row 1; the 牵头部门 column does not agree across rows, so only the "
                "file name (…_保护处.xlsx) tells the department",
        "department": "保护处", "department_source": "file name", "filled": None, "period": None,
        "sheets": [{"name": "Sheet1", "kind": "tasks", "header_row": 1, "rows_read": 2, "accepted": 2,
                    "tasks": [task(2, 3, "推进中", 30, "建立裁决与调解衔接工作机制"),
                              task(3, 9, "推进中", 35, "向海关移送侵权线索4条")]}],
    })


def department_conflict():
    wb = new_wb()
    ws = wb.create_sheet("工作推进")
    ws.cell(1, 1, "填报单位：浦东新区知识产权保护中心")
    row(ws, 2, ["编号", "工作任务", "状态", "进度(%)", "推进情况"], bold=True)
    row(ws, 3, [4, "开展数据产品知识产权登记", "推进中", 35, "完成数据产品登记存证23件"])
    row(ws, 4, [18, "深入推进科创板拟上市企业知识产权服务站建设", "推进中", 30, "开展拟上市企业知识产权合规辅导"])
    return save(wb, "department_conflict_保护处.xlsx", {
        "made": "openpyxl",
        "what": "the file name says 保护处, the 填报单位 cell (A1) says 浦东新区知识产权保护中心: the cell wins",
        "department": "保护中心", "department_source": "meta", "filled": None, "period": None,
        "sheets": [{"name": "工作推进", "kind": "tasks", "header_row": 2, "rows_read": 2, "accepted": 2,
                    "tasks": [task(3, 4, "推进中", 35, "完成数据产品登记存证23件"),
                              task(4, 18, "推进中", 30, "开展拟上市企业知识产权合规辅导")]}],
        "flags": [{"code": "DEPARTMENT_CONFLICT", "severity": "warning"}],
    })


def lead_column_only():
    wb = new_wb()
    ws = wb.create_sheet("Sheet1")
    row(ws, 1, ["序号", "重点任务", "牵头部门", "完成状态", "完成进度", "本月进展"], bold=True)
    data = [(7, "大力推进高价值专利培育", 30), (8, "落实专利导航引领创新发展行动", 25),
            (15, "持续加强知识产权领域监管", 35), (19, "深化跨地区作品登记改革", 40)]
    tasks = []
    for i, (t, title, p) in enumerate(data):
        row(ws, 2 + i, [t, title, "监管与预警处", "推进中", p, f"{title}本月推进情况"])
        tasks.append(task(2 + i, t, "推进中", p, f"{title}本月推进情况"))
    return save(wb, "lead_column_only.xlsx", {
        "made": "openpyxl",
        "what": "no meta cell, a neutral file name; every row's 牵头部门 is 监管与预警处, so that is the department",
        "department": "监管与预警处", "department_source": "lead column", "filled": None, "period": None,
        "sheets": [{"name": "Sheet1", "kind": "tasks", "header_row": 1, "rows_read": 4, "accepted": 4,
                    "tasks": tasks}],
    })


def all_kinds_one_workbook():
    wb = new_wb()
    # sheet names say nothing about the kind, and the order is mixed
    s = wb.create_sheet("表1")
    row(s, 1, ["案件编号", "收案日期", "纠纷类型", "调解结果", "结案日期"], bold=True)
    row(s, 2, ["（2025）浦知调字第0001号", dt.date(2025, 3, 3), "商标侵权纠纷", "调解成功", dt.date(2025, 3, 12)])
    row(s, 3, ["（2025）浦知调字第0002号", dt.date(2025, 2, 27), "专利侵权纠纷", "调解不成功", dt.date(2025, 3, 14)])
    s = wb.create_sheet("表2")
    s.cell(1, 1, "填报单位：保护处")
    s.cell(2, 1, "报送月份：2025年3月")
    row(s, 3, ["任务编号", "任务名称", "完成状态", "完成进度", "本月进展"], bold=True)
    row(s, 4, [13, "深化知识产权纠纷多元解决机制", "推进中", 30, "完善行政调解与司法确认衔接机制"])
    s = wb.create_sheet("表3")
    row(s, 1, ["指标编号", "指标名称", "单位", "本月值", "累计值", "上年同期"], bold=True)
    row(s, 2, ["I4", "知识产权纠纷调解案件数", "件", 2, 2, None])
    row(s, 3, ["I7", "专利快速审查预审受理量", "件", 2, 2, 1])
    s = wb.create_sheet("表4")
    row(s, 1, ["预审编号", "受理日期", "技术领域", "预审结果"], bold=True)
    row(s, 2, ["YS202500001", dt.date(2025, 3, 4), "集成电路", "合格"])
    row(s, 3, ["YS202500002", dt.date(2025, 3, 6), "生物医药", "不合格"])
    s = wb.create_sheet("表5")
    row(s, 1, ["登记编号", "企业名称", "业务类型", "金额(万元)", "登记日期"], bold=True)
    row(s, 2, ["ZY-202503-001", "上海测试甲科技有限公司", "质押融资", 1000, dt.date(2025, 3, 10)])
    row(s, 3, ["ZR-202503-001", "上海测试乙科技有限公司", "转让", 500, dt.date(2025, 3, 11)])
    s = wb.create_sheet("表6")
    row(s, 1, ["登记号", "作品名称", "作品类别", "著作权人", "受理日期", "发证日期", "快速登记"], bold=True)
    row(s, 2, ["沪作登字-2025-F-00000001", "测试插画", "美术作品", "张三", dt.date(2025, 3, 3), dt.date(2025, 3, 6), "是"])
    row(s, 3, ["沪作登字-2025-A-00000002", "测试小说", "文字作品", "李四", dt.date(2025, 2, 10), dt.date(2025, 3, 7), "否"])
    s = wb.create_sheet("说明")
    s.cell(1, 1, "本工作簿用于测试：每张表的类型由表头识别。")
    for ws in wb.worksheets:
        for r in ws.iter_rows():
            for c in r:
                if isinstance(c.value, dt.date):
                    c.number_format = "yyyy-mm-dd"
    return save(wb, "all_kinds_one_workbook.xlsx", {
        "made": "openpyxl",
        "what": "one workbook with every sheet kind under neutral names 表1…表6 in mixed order, plus a text-only "
                "sheet 说明; the 填报单位 cell is on 表2 only",
        "department": "保护处", "department_source": "meta (on sheet 表2)", "filled": None, "period": "2025-03",
        "sheets": [
            {"name": "表1", "kind": "mediation", "header_row": 1, "rows_read": 2, "accepted": 2,
             "ledger": [{"row": 2, "key": "（2025）浦知调字第0001号", "date": "2025-03-03"},
                        {"row": 3, "key": "（2025）浦知调字第0002号", "date": "2025-02-27"}]},
            {"name": "表2", "kind": "tasks", "header_row": 3, "rows_read": 1, "accepted": 1,
             "tasks": [task(4, 13, "推进中", 30, "完善行政调解与司法确认衔接机制")]},
            {"name": "表3", "kind": "figures", "header_row": 1, "rows_read": 2, "accepted": 2,
             "figures": [{"row": 2, "figure": "I4", "month_value": 2, "cumulative": 2},
                         {"row": 3, "figure": "I7", "month_value": 2, "cumulative": 2, "last_year": 1}]},
            {"name": "表4", "kind": "prereview", "header_row": 1, "rows_read": 2, "accepted": 2,
             "ledger": [{"row": 2, "key": "YS202500001", "date": "2025-03-04"},
                        {"row": 3, "key": "YS202500002", "date": "2025-03-06"}]},
            {"name": "表5", "kind": "finance", "header_row": 1, "rows_read": 2, "accepted": 2,
             "ledger": [{"row": 2, "key": "ZY-202503-001", "pledge": True, "amount_wan": 1000, "date": "2025-03-10"},
                        {"row": 3, "key": "ZR-202503-001", "pledge": False, "amount_wan": 500,
                         "date": "2025-03-11"}]},
            {"name": "表6", "kind": "works", "header_row": 1, "rows_read": 2, "accepted": 2,
             "ledger": [{"row": 2, "key": "沪作登字-2025-F-00000001", "date": "2025-03-06", "fast_track": True,
                         "workdays": 3},
                        {"row": 3, "key": "沪作登字-2025-A-00000002", "date": "2025-03-07", "fast_track": False}]},
            {"name": "说明", "kind": "other"},
        ],
    })


# ------------------------------------------------------------------ main

def main():
    if OUT.exists():
        for p in OUT.iterdir():
            if p.name != "README.md":
                p.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="variations_") as tmp:
        stage = Path(tmp)
        title = title_and_meta_rows()
        header_at_row_12()
        two_row, two_row_exp = two_row_merged_header(stage)
        notes_and_section_rows()
        merged, merged_exp = merged_lead_column(stage)
        columns_shuffled_extra()
        task_id_forms()
        numbers_with_units()
        percent_forms()
        dates, dates_exp = date_forms(stage)
        status_aliases()
        yes_no_forms()
        money_units()
        formula_cached(stage)
        department_from_filename()
        department_conflict()
        lead_column_only()
        all_kinds_one_workbook()

        # conversions by LibreOffice
        for fmt in ("xls", "ods"):
            for src, exp in ((two_row, two_row_exp), (merged, merged_exp), (dates, dates_exp)):
                of.convert([src], fmt, OUT)
                conv = dict(exp)
                conv["made"] = f"{src.name} converted by `soffice --convert-to {fmt}`"
                EXPECTED[f"{src.stem}.{fmt}"] = conv
        xlsm_src = stage / "title_and_meta_rows.xlsx"
        shutil.copy(title, xlsm_src)
        out = of.convert([xlsm_src], "xlsm", OUT)
        conv = dict(EXPECTED["title_and_meta_rows.xlsx"])
        conv["made"] = "title_and_meta_rows.xlsx converted by `soffice --convert-to xlsm` (macro-enabled package)"
        EXPECTED[out[0].name] = conv

    (OUT / "expected.json").write_text(
        json.dumps(EXPECTED, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    for name in sorted(EXPECTED):
        print(f"{name:45s} {(OUT / name).stat().st_size:7d} bytes")


if __name__ == "__main__":
    main()
