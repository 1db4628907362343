#!/usr/bin/env python3
"""Generate the bundled sample submissions: samples/2025-01 … samples/2025-06.

How to run (from the repository root):

    pip install openpyxl                      # 3.1.x
    apt-get install -y libreoffice-calc       # only if `which soffice` fails
    python3 samples/generate.py               # rewrites samples/2025-0?/ and samples/facts.json

What it makes: for each month of January–June 2025, the monthly submissions
of the five departments of the 浦东新区知识产权局 plan (templates/plan-2025.toml,
read with tomllib), each in that department's own usual style:

  办公室        .xlsx, title + 填报单位/填报日期/报送月份 meta rows, header at row 4,
                status aliases (正常推进, 已办结), 完成比例 as "60%" text;
                a 量化指标 sheet for 2.1, 24.1, 24.2.
  发展促进处    .xls (LibreOffice conversion), written 发展与促进处 in its cells,
                two-row header with 完成情况 merged over 状态/进度/进展, section
                rows （一）… merged across, ids 第1项; 主要指标 sheet (I5, I6, 1.1,
                1.2, 5.1, 16.1); 运用转化台账 of 40–80 deals a month, 金额(万元).
  监管与预警处  .xlsx, header at row 3, 任务编号 as "03", dates as real dates and
                as text 2025年3月31日; 量化指标 by name only (序号 1,2,3…) for I1,
                I2, I3, I8, I9, 8.1; the 作品登记台账 (~17–23 thousand rows a
                month, √/× fast-track) in a second file.
  保护处        .ods (LibreOffice conversion), 填报单位：知识产权保护处, blank
                column A, 板块 and 牵头部门 merged down rows, 时间节点 as 12月底;
                指标完成情况 with I4 累计值 as text "1,234件"; 纠纷调解台账 of
                230–270 cases closed each month (some accepted the month before).
  保护中心      .xlsx, 浦东新区知识产权保护中心 in its cells and file name, notes
                rows (填表说明：…, 注：…) below the tables; 主要指标 with I7 累计值
                and 上年同期; 专利预审台账 whose 受理日期 cells use Excel's built-in
                Chinese date format id 31; January's file also holds the 2024
                January–June rows (the I7 baseline) in a sheet of its own.

History: progress rises month to month, ledgers grow, texts change monthly.

Planted problems (README.md lists them with file/sheet/row):
  - MISSING_TASK        监管与预警处 leaves task 15 out in 2025-06.
  - OVERDUE             milestone 2.1 (due 2025-03-31) not done in 2025-03 and
                        2025-04, done 2025-05-20 (reported in 2025-05);
                        保护处 task 11 planned 6月底, 85% in 2025-06.
  - STALE_PROGRESS      保护中心 task 4: the same text in 2025-05 and 2025-06.
  - INDICATOR_MISMATCH  保护处 reports I4 累计值 ~4.5% above its ledger in 2025-06.
  - late submission     发展促进处 fills in 2025-06 on 2025-07-08 (after the 5th).
  - NOT_LEAD            保护中心 reports task 12 (lead 保护处) in 2025-06.
  - STATUS_INCONSISTENT 发展促进处 task 20: 已完成 with 80% in 2025-06.
  - non-submissions     2025-06 holds an Excel lock file ~$办公室….xlsx, a
                        .DS_Store and a 说明.docx.

Deterministic: all randomness comes from string-seeded random.Random, every
zip-based file (xlsx, ods, docx) gets pinned entry times and document dates.
The .xls files come from LibreOffice and may differ in their OLE metadata
between runs; their cell contents do not.

Also writes samples/facts.json: per month the ledger counts and sums and
every reported figure, so that tests can assert them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # keep __pycache__ out of the tree
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE))

import officefile as of  # noqa: E402
from texts import ACTIVITIES, CONTRIBUTION, JULY_PLAN, PROBLEMS  # noqa: E402

SEED = "workplan-samples-2025"
# What generate.py plants on purpose, with where (written to facts.json).
PLANTED: list[dict] = []


def plant(period_month: int, what: str, dept: str, file: Path | str, sheet: str | None, row: int | None,
          column: str | None = None, **more):
    PLANTED.append({"period": f"{YEAR}-{period_month:02d}", "what": what, "department": dept,
                    "file": f"{YEAR}-{period_month:02d}/{Path(file).name}", "sheet": sheet, "row": row,
                    "column": column, **more})
YEAR = 2025
MONTHS = range(1, 7)
OUT = HERE

PLAN = of.load_plan()
CAL = of.Calendar(PLAN)
# 2024 holidays and make-up days, only for realistic 2024 baseline dates (the
# plan's calendar covers 2025; December 2024 has no holiday either way).
for _s in ["2024-01-01", "2024-02-10..2024-02-17", "2024-04-04..2024-04-06", "2024-05-01..2024-05-05",
           "2024-06-10"]:
    CAL.holidays.update(of.expand(_s))
for _s in ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11"]:
    CAL.workdays.update(of.expand(_s))
TASKS = {t["id"]: t for t in PLAN["tasks"]}
SECTIONS = {s["id"]: s["title"] for s in PLAN["sections"]}

ALIAS_TO_CANON = {}
for _d in PLAN["departments"]:
    ALIAS_TO_CANON[_d["name"]] = _d["name"]
    for _a in _d.get("aliases", []):
        ALIAS_TO_CANON[_a] = _d["name"]


def leads_of(task_id: int) -> list[str]:
    return [ALIAS_TO_CANON[x] for x in TASKS[task_id]["leads"]]


def tasks_led_by(dept: str) -> list[int]:
    return [t for t in sorted(TASKS) if dept in leads_of(t)]


def rng(*key) -> random.Random:
    return random.Random(SEED + "/" + "/".join(str(k) for k in key))


# ------------------------------------------------------------------ styles

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(name="宋体", bold=True, size=11)
TITLE = Font(name="黑体", bold=True, size=16)
BODY = Font(name="宋体", size=11)


def new_wb() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "user"
    wb.properties.lastModifiedBy = "user"
    wb.properties.created = of.PINNED
    wb.properties.modified = of.PINNED
    return wb


def put(ws, r, c, v, *, font=BODY, align=WRAP, box=True, fmt=None):
    cell = ws.cell(row=r, column=c, value=v)
    cell.font = font
    cell.alignment = align
    if box:
        cell.border = BOX
    if fmt:
        cell.number_format = fmt
    return cell


def merge(ws, r1, c1, r2, c2, v, *, font=BODY, align=CENTER, box=True):
    put(ws, r1, c1, v, font=font, align=align, box=box)
    if box:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                ws.cell(row=r, column=c).border = BOX
    ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def widths(ws, ws_widths: dict[int, float]):
    for c, w in ws_widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w


def save_xlsx(wb: Workbook, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    of.pin_zip(path)


# ------------------------------------------------------------------ dates

def filled_on(dept: str, m: int) -> dt.date:
    """The 填报日期: a working day among the 1st–5th of the following month
    (the last working day of the month itself when those are all holidays, as
    for April 2025: 5/1–5/5 are off); 发展促进处 is late in June (planted)."""
    if dept == "发展促进处" and m == 6:
        return dt.date(2025, 7, 8)
    y, nm = (YEAR, m + 1) if m < 12 else (YEAR + 1, 1)
    days = [dt.date(y, nm, d) for d in range(1, 6) if CAL.is_workday(dt.date(y, nm, d))]
    if not days:
        days = [CAL.month_workdays(YEAR, m)[-1]]
    idx = {"监管与预警处": 0, "办公室": 1, "保护中心": 1, "发展促进处": 2, "保护处": 2}[dept]
    return days[min(idx, len(days) - 1)]


def as_of(m: int) -> dt.date:
    return of.month_end(YEAR, m)


def spread_dates(r: random.Random, m: int, n: int, year: int = YEAR) -> list[dt.date]:
    """n working days of a month, sorted, roughly evenly spread."""
    days = CAL.month_workdays(year, m)
    return sorted(r.choice(days) for _ in range(n))


# ------------------------------------------------------------------ names

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏宇浩晨欣怡子涵梓轩雨萱思远一鸣嘉怡俊杰"
BRAND_A = [
    "浦江", "张江", "金桥", "外高桥", "临港", "陆家嘴", "森兰", "前滩", "世博", "川沙", "惠南", "周浦",
    "康桥", "唐镇", "高行", "曹路", "北蔡", "三林", "洋泾", "花木", "御桥", "合庆", "祝桥", "泥城",
    "书院", "万祥", "大团", "宣桥", "新场", "航头", "老港", "东明",
]
BRAND_B = [
    "云图", "星河", "启明", "智源", "微芯", "博研", "瑞康", "华擎", "天衡", "恒远", "蓝湾", "矽光", "芯动",
    "优睿", "和元", "君实", "联影", "海和", "灵犀", "众合", "赛诺", "辰光", "青禾", "远景", "凌越", "鼎峰",
    "卓然", "思创", "锐拓", "澜起", "泽润", "中科",
]
INDUSTRY = [
    "生物医药科技", "集成电路", "信息技术", "网络科技", "文化传播", "影视传媒", "智能科技", "新材料科技",
    "医疗器械", "软件科技", "数字科技", "创意设计", "动漫", "汽车科技", "电子科技", "文化创意",
]


def company_pool(key: str, n: int) -> list[str]:
    r = rng("companies", key)
    seen = []
    s = set()
    while len(seen) < n:
        name = f"上海{r.choice(BRAND_A)}{r.choice(BRAND_B)}{r.choice(INDUSTRY)}有限公司"
        if r.random() < 0.2:
            name = f"{r.choice(BRAND_B)}{r.choice(INDUSTRY)}（上海）有限公司"
        if name not in s:
            s.add(name)
            seen.append(name)
    return seen


def person(r: random.Random) -> str:
    g = r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.6 else "")
    return r.choice(SURNAMES) + g


# ------------------------------------------------------------------ ledgers

WORKS_MONTHLY = {1: 18500, 2: 16800, 3: 21200, 4: 21900, 5: 22400, 6: 23100}
FAST_MONTHLY = {1: 1640, 2: 1520, 3: 1780, 4: 1810, 5: 1870, 6: 1920}
WORK_CATEGORIES = [
    ("美术作品", "F", 52), ("文字作品", "A", 14), ("摄影作品", "G", 12), ("视听作品", "I", 8),
    ("图形作品", "J", 5), ("音乐作品", "C", 3), ("模型作品", "K", 2), ("其他作品", "L", 4),
]
WORK_WORDS_A = [
    "星河", "云端", "海派", "浦江", "晨曦", "山海", "国潮", "青花", "熊猫", "小满", "未来城", "梧桐",
    "灯塔", "银杏", "霓虹", "锦鲤", "石库门", "外滩", "东方", "潮汐", "萌宠", "童趣", "光影", "书韵",
]
WORK_WORDS_B = {
    "美术作品": ["系列插画", "IP形象设计", "文创图案", "卡通形象", "海报设计", "绘画", "包装图案", "表情包"],
    "文字作品": ["小说", "散文集", "剧本", "诗集", "科普读物", "童话"],
    "摄影作品": ["摄影作品集", "城市影像", "风光摄影"],
    "视听作品": ["短视频", "动画短片", "宣传片", "微电影"],
    "图形作品": ["产品设计图", "示意图", "工程设计图"],
    "音乐作品": ["原创歌曲", "主题曲", "器乐曲"],
    "模型作品": ["建筑模型", "手办模型"],
    "其他作品": ["字体设计", "游戏角色", "舞蹈编排"],
}
FAST_K = [(2, 20), (3, 30), (4, 25), (5, 15), (6, 10)]


def weighted(r: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = r.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def works_ledger(m: int, owners: list[str], seq0: int) -> list[dict]:
    """The works registrations certified (发证) in month m."""
    r = rng("works", m)
    n, n_fast = WORKS_MONTHLY[m], FAST_MONTHLY[m]
    fast_flags = [True] * n_fast + [False] * (n - n_fast)
    r.shuffle(fast_flags)
    issued = spread_dates(r, m, n)
    rows = []
    cats = [(c, w) for c, _, w in WORK_CATEGORIES]
    letters = {c: l for c, l, _ in WORK_CATEGORIES}
    for i, (b, fast) in enumerate(zip(issued, fast_flags)):
        k = weighted(r, FAST_K) if fast else r.randint(8, 25)
        a = CAL.back(b, k)
        cat = weighted(r, cats)
        title = f"{r.choice(WORK_WORDS_A)}{r.choice(WORK_WORDS_B[cat])}"
        if r.random() < 0.6:
            title += f"之{r.randint(1, 60)}"
        rows.append(
            {
                "key": f"沪作登字-{YEAR}-{letters[cat]}-{seq0 + i + 1:08d}",
                "title": title,
                "category": cat,
                "owner": r.choice(owners) if r.random() < 0.8 else person(r),
                "accepted": a,
                "issued": b,
                "fast": fast,
                "workdays": CAL.between(a, b),
                "accepted_text": r.random() < 0.02,
                "issued_text": r.random() < 0.005,
            }
        )
    return rows


MEDIATION_ACCEPTED = {(2024, 12): 250, (2025, 1): 246, (2025, 2): 226, (2025, 3): 250,
                      (2025, 4): 258, (2025, 5): 262, (2025, 6): 222}
DISPUTE_TYPES = [("专利侵权纠纷", 24), ("商标侵权纠纷", 28), ("著作权侵权纠纷", 30),
                 ("技术合同纠纷", 6), ("商业秘密纠纷", 4), ("不正当竞争纠纷", 8)]
MEDIATION_RESULTS = [("调解成功", 70), ("调解不成功", 20), ("撤回申请", 10)]


def mediation_cases(companies: list[str]) -> list[dict]:
    """Every case accepted from December 2024 to June 2025, with its closing
    date; a month's ledger lists the cases closed in that month."""
    cases = []
    for (y, m), n in MEDIATION_ACCEPTED.items():
        r = rng("mediation", y, m)
        for a in spread_dates(r, m, n, y):
            if r.random() < 0.8:
                days = r.randint(2, 12)
            else:
                days = r.randint(10, 30)
            c = CAL.on_or_after(a + dt.timedelta(days=days))
            cases.append(
                {
                    "accepted": a,
                    "closed": c,
                    "type": weighted(r, DISPUTE_TYPES),
                    "result": weighted(r, MEDIATION_RESULTS),
                    "applicant": r.choice(companies),
                    "mediator": person(r),
                }
            )
    # case numbers by year in order of acceptance
    cases.sort(key=lambda c: c["accepted"])
    per_year: dict[int, int] = {}
    for c in cases:
        y = c["accepted"].year
        per_year[y] = per_year.get(y, 0 if y == 2025 else 2870) + 1
        c["key"] = f"（{y}）浦知调字第{per_year[y]:04d}号"
    return cases


FINANCE_DEALS = {1: 45, 2: 40, 3: 62, 4: 58, 5: 66, 6: 74}
# monthly sums in 亿元: pledges (I6) and the other deals (I5)
PLEDGE_YI = {1: 6.6, 2: 5.7, 3: 9.5, 4: 9.0, 5: 9.8, 6: 11.1}
OTHER_YI = {1: 6.1, 2: 5.0, 3: 9.2, 4: 8.7, 5: 10.1, 6: 11.4}
DEAL_TYPES = [("质押融资", 55), ("转让", 20), ("许可", 17), ("作价入股", 8)]
DEAL_PREFIX = {"质押融资": "ZY", "转让": "ZR", "许可": "XK", "作价入股": "ZJ"}
BANKS = ["上海银行浦东分行", "浦发银行张江科技支行", "交通银行上海自贸试验区分行", "中国银行上海市浦东开发区支行",
         "建设银行上海张江分行", "工商银行上海市浦东开发区支行", "招商银行上海分行", "兴业银行上海分行",
         "北京银行上海分行", "农业银行上海自贸试验区分行", "上海农商银行浦东分行", "宁波银行上海分行"]


def finance_ledger(m: int, companies: list[str]) -> list[dict]:
    r = rng("finance", m)
    n = FINANCE_DEALS[m]
    deals = []
    for i in range(n):
        kind = weighted(r, DEAL_TYPES)
        deals.append({"type": kind, "raw": math.exp(r.gauss(0, 0.8)), "company": r.choice(companies)})
    for pledge, target in ((True, PLEDGE_YI[m]), (False, OTHER_YI[m])):
        group = [d for d in deals if (d["type"] == "质押融资") == pledge]
        total = sum(d["raw"] for d in group)
        for d in group:
            wan = d["raw"] / total * target * 10000
            d["amount"] = round(wan, 1) if wan < 100 else round(wan / 10) * 10.0
    dates = spread_dates(r, m, n)
    seq: dict[str, int] = {}
    for d, day in zip(deals, dates):
        seq[d["type"]] = seq.get(d["type"], 0) + 1
        d["key"] = f"{DEAL_PREFIX[d['type']]}-{YEAR}{m:02d}-{seq[d['type']]:03d}"
        d["date"] = day
        d["partner"] = r.choice(BANKS) if d["type"] == "质押融资" else r.choice(companies)
    return deals


PREREVIEW_2025 = {1: 345, 2: 265, 3: 410, 4: 395, 5: 420, 6: 430}
PREREVIEW_2024 = {1: 280, 2: 215, 3: 335, 4: 322, 5: 341, 6: 350}
FIELDS = [("新一代信息技术", 22), ("生物医药", 20), ("高端装备制造", 14), ("集成电路", 16),
          ("人工智能", 12), ("新材料", 6), ("新能源汽车", 7), ("节能环保", 3)]
PATENT_TYPES = [("发明", 82), ("实用新型", 14), ("外观设计", 4)]
PRE_RESULTS = [("合格", 88), ("不合格", 7), ("撤回", 5)]


def prereview_ledger(year: int, m: int, companies: list[str], seq0: int) -> list[dict]:
    r = rng("prereview", year, m)
    n = (PREREVIEW_2025 if year == 2025 else PREREVIEW_2024)[m]
    rows = []
    for i, d in enumerate(spread_dates(r, m, n, year)):
        rows.append(
            {
                "key": f"YS{year}{seq0 + i + 1:05d}",
                "accepted": d,
                "field": weighted(r, FIELDS),
                "ptype": weighted(r, PATENT_TYPES),
                "applicant": r.choice(companies),
                "result": weighted(r, PRE_RESULTS),
            }
        )
    return rows


# ------------------------------------------------------------------ task reports

STATUS_WORDS = {
    "办公室": {"in": "正常推进", "done": "已办结", "not": "未启动"},
    "发展促进处": {"in": "进行中", "done": "已完成", "not": "未启动"},
    "监管与预警处": {"in": "推进中", "done": "已完成", "not": "未启动"},
    "保护处": {"in": "按计划推进", "done": "已完成", "not": "未开展"},
    "保护中心": {"in": "推进中", "done": "已完成", "not": "未启动"},
}

PROGRESS = {
    ("办公室", 2): [10, 20, 30, 40, 75, 100],
    ("发展促进处", 20): [10, 25, 40, 55, 75, 80],
    ("发展促进处", 21): [0, 10, 25, 35, 45, 55],
    ("保护处", 11): [10, 20, 35, 50, 70, 85],
    ("保护处", 14): [0, 10, 20, 30, 45, 55],
    ("保护中心", 4): [10, 20, 35, 55, 65, 65],
    ("保护中心", 18): [10, 20, 30, 45, 60, 75],
}


def progress(dept: str, task: int, m: int) -> int:
    if (dept, task) in PROGRESS:
        return PROGRESS[(dept, task)][m - 1]
    start = 5 + (task * 7) % 3 * 5
    step = 8 + (task * 3) % 4
    # departments write round numbers
    return min(90, 5 * round((start + step * (m - 1)) / 5))


def status(dept: str, task: int, m: int) -> str:
    w = STATUS_WORDS[dept]
    if (dept, task, m) in (("办公室", 2, 6), ("发展促进处", 20, 6)):
        return w["done"]
    if progress(dept, task, m) == 0:
        return w["not"]
    return w["in"]


DONE_DATES = {("办公室", 2, 6): dt.date(2025, 6, 20), ("发展促进处", 20, 6): dt.date(2025, 6, 25)}


def report(dept: str, task: int, m: int, counts: dict) -> dict:
    acts = ACTIVITIES[(dept, task)]
    n = counts.get((dept, task, m), "")
    text = acts[m - 1].format(n=n)
    nxt = acts[m].format(n="").replace("，本月发证件", "").replace("，本月受理预审请求件", "") \
        .replace("，本月结案件", "").replace("，本月办理质押登记笔", "") if m < 6 else JULY_PLAN
    done = DONE_DATES.get((dept, task, m))
    return {
        "task": task,
        "title": TASKS[task]["title"].replace('"', "“", 1).replace('"', "”", 1),
        "section": TASKS[task]["section"],
        "status": status(dept, task, m),
        "progress": progress(dept, task, m),
        "text": text,
        "problems": PROBLEMS.get((dept, task, m), "无"),
        "next": nxt,
        "done": done,
    }


# ------------------------------------------------------------------ 办公室

def write_office(m: int, dest: Path, figs: dict):
    dept = "办公室"
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    headers = ["序号", "重点任务", "牵头处室", "推进状态", "完成比例", "实际完成时间",
               "工作进展", "存在问题", "下一步工作", "备注"]
    merge(ws, 1, 1, 1, len(headers), "浦东新区知识产权局2025年工作要点推进情况表", font=TITLE, box=False)
    put(ws, 2, 1, "填报单位：办公室", box=False, align=Alignment(vertical="center"))
    put(ws, 2, 7, f"填报日期：{of.cn_date(filled_on(dept, m))}", box=False, align=Alignment(vertical="center"))
    put(ws, 3, 1, f"报送月份：{YEAR}年{m}月", box=False, align=Alignment(vertical="center"))
    for c, h in enumerate(headers, 1):
        put(ws, 4, c, h, font=BOLD, align=CENTER)
    r = 5
    for t in tasks_led_by(dept):
        rep = report(dept, t, m, {})
        put(ws, r, 1, t, align=CENTER)
        put(ws, r, 2, rep["title"])
        put(ws, r, 3, "办公室", align=CENTER)
        put(ws, r, 4, rep["status"], align=CENTER)
        put(ws, r, 5, f"{rep['progress']}%", align=CENTER)
        put(ws, r, 6, of.cn_date(rep["done"]) if rep["done"] else None, align=CENTER)
        put(ws, r, 7, rep["text"])
        put(ws, r, 8, rep["problems"])
        put(ws, r, 9, rep["next"])
        put(ws, r, 10, None)
        r += 1
    widths(ws, {1: 6, 2: 24, 3: 10, 4: 10, 5: 9, 6: 14, 7: 50, 8: 24, 9: 36, 10: 10})
    ws.freeze_panes = "A5"

    fs = wb.create_sheet("量化指标")
    merge(fs, 1, 1, 1, 7, f"办公室{YEAR}年{m}月量化指标完成情况", font=TITLE, box=False)
    fh = ["编号", "指标名称", "单位", "本月值", "累计值", "完成日期", "备注"]
    for c, h in enumerate(fh, 1):
        put(fs, 2, c, h, font=BOLD, align=CENTER)
    rows = [
        ("2.1", "《浦东新区促进知识产权运用若干规定（草案）》提交区政府常务会议审议", None, None, None,
         figs["2.1"]["done"], figs["2.1"]["note"]),
        ("24.1", "理论学习中心组学习", "次", figs["24.1"]["month"], figs["24.1"]["cum"], None, None),
        ("24.2", "新闻通气会", "场", figs["24.2"]["month"], figs["24.2"]["cum"], None, None),
    ]
    for i, row in enumerate(rows):
        for c, v in enumerate(row, 1):
            if c == 6 and v is not None:
                put(fs, 3 + i, c, v, fmt="yyyy-mm-dd", align=CENTER)
            else:
                put(fs, 3 + i, c, v, align=CENTER if c != 2 else WRAP)
    widths(fs, {1: 8, 2: 40, 3: 8, 4: 10, 5: 10, 6: 14, 7: 30})
    path = dest / f"办公室_{YEAR}年{m}月工作要点推进情况.xlsx"
    save_xlsx(wb, path)
    if m in (3, 4):
        plant(m, "OVERDUE", dept, path, "量化指标", 3, "F", figure="2.1",
              detail="milestone 2.1 due 2025-03-31, 完成日期 empty (done 2025-05-20, reported in 2025-05)")
    return [path]


def office_figures(m: int) -> dict:
    monthly_241 = [2, 1, 1, 2, 1, 1]
    monthly_242 = [0, 0, 0, 1, 0, 0]
    done21 = dt.date(2025, 5, 20) if m >= 5 else None
    note21 = {
        1: "草案起草中",
        2: "草案征求意见中",
        3: "已报区政府办公室，待排期上会",
        4: "待区政府常务会议排期",
    }.get(m, "已于5月20日提交区政府常务会议审议")
    return {
        "2.1": {"done": done21, "note": note21},
        "24.1": {"month": monthly_241[m - 1], "cum": sum(monthly_241[:m])},
        "24.2": {"month": monthly_242[m - 1], "cum": sum(monthly_242[:m])},
    }


# ------------------------------------------------------------------ 发展促进处

CN_NUM = {"一": "（一）", "二": "（二）", "三": "（三）", "四": "（四）", "五": "（五）", "六": "（六）"}


def write_dev(m: int, stage: Path, figs: dict, deals: list[dict], counts: dict):
    dept = "发展促进处"
    wb = new_wb()
    ws = wb.create_sheet("推进表")
    ncol = 10
    merge(ws, 1, 1, 1, ncol, f"浦东新区知识产权局2025年工作要点推进情况表（{YEAR}年{m}月）", font=TITLE, box=False)
    put(ws, 2, 1, "填报单位：发展与促进处", box=False, align=Alignment(vertical="center"))
    fd = filled_on(dept, m)
    put(ws, 2, 7, f"填报日期：{fd.year}.{fd.month}.{fd.day}", box=False, align=Alignment(vertical="center"))
    # two-row header
    for c, h in [(1, "序号"), (2, "重点任务"), (3, "牵头处室"), (7, "计划完成时间"), (8, "实际完成时间"),
                 (9, "存在问题"), (10, "下一步工作")]:
        merge(ws, 3, c, 4, c, h, font=BOLD)
    merge(ws, 3, 4, 3, 6, "完成情况", font=BOLD)
    for c, h in [(4, "状态"), (5, "进度"), (6, "进展")]:
        put(ws, 4, c, h, font=BOLD, align=CENTER)
    r = 5
    section = None
    for t in tasks_led_by(dept):
        rep = report(dept, t, m, counts)
        if rep["section"] != section:
            section = rep["section"]
            merge(ws, r, 1, r, ncol, f"{CN_NUM[section]}{SECTIONS[section]}", font=BOLD,
                  align=Alignment(horizontal="left", vertical="center"))
            r += 1
        if (t, m) == (20, 6):
            plant(m, "STATUS_INCONSISTENT", dept, f"发展与促进处{YEAR}年{m}月重点工作推进表.xls", "推进表", r, "D",
                  task=t, detail="已完成 with 进度 80%")
        put(ws, r, 1, f"第{t}项", align=CENTER)
        put(ws, r, 2, rep["title"])
        put(ws, r, 3, "发展与促进处", align=CENTER)
        put(ws, r, 4, rep["status"], align=CENTER)
        put(ws, r, 5, rep["progress"] / 100, fmt="0%", align=CENTER)
        put(ws, r, 6, rep["text"])
        put(ws, r, 7, f"{YEAR}年12月", align=CENTER)
        put(ws, r, 8, rep["done"], fmt="yyyy-mm-dd", align=CENTER)
        put(ws, r, 9, rep["problems"])
        put(ws, r, 10, rep["next"])
        r += 1
    widths(ws, {1: 8, 2: 26, 3: 12, 4: 9, 5: 8, 6: 46, 7: 13, 8: 13, 9: 22, 10: 34})

    fs = wb.create_sheet("主要指标")
    merge(fs, 1, 1, 1, 7, f"发展与促进处主要指标完成情况（{YEAR}年{m}月）", font=TITLE, box=False)
    fh = ["编号", "指标名称", "单位", "本月值", "本年累计", "完成时间", "备注"]
    for c, h in enumerate(fh, 1):
        put(fs, 2, c, h, font=BOLD, align=CENTER)
    rows = [
        ("I5", "知识产权交易金额", "亿元", figs["I5"]["month"], figs["I5"]["cum"], None, "转让、许可、作价入股合计"),
        ("I6", "知识产权质押融资金额", "亿元", figs["I6"]["month"], figs["I6"]["cum"], None, None),
        ("5.1", "潜力企业关注名单", "批", figs["5.1"]["month"], figs["5.1"]["cum"], None, None),
        ("1.1", "完成“十四五”规划总结评估", None, None, None, None, "评估推进中"),
        ("1.2", "研究制定“十五五”期间科技发展基金知识产权专项操作细则", None, None, None, None,
         "细则起草中" if m >= 6 else "尚未启动"),
        ("16.1", "更新发布知识产权质押融资和保险产品清单", None, None, None, figs["16.1"]["done"], None),
    ]
    for i, row in enumerate(rows):
        for c, v in enumerate(row, 1):
            put(fs, 3 + i, c, v, align=WRAP if c in (2, 7) else CENTER, fmt="yyyy-mm-dd" if c == 6 else None)
    widths(fs, {1: 8, 2: 40, 3: 8, 4: 10, 5: 10, 6: 13, 7: 24})

    ls = wb.create_sheet("运用转化台账")
    merge(ls, 1, 1, 1, 8, f"{YEAR}年{m}月知识产权运用转化台账", font=TITLE, box=False)
    lh = ["序号", "登记编号", "企业名称", "业务类型", "金额(万元)", "登记日期", "质权人/交易对方", "备注"]
    for c, h in enumerate(lh, 1):
        put(ls, 2, c, h, font=BOLD, align=CENTER)
    for i, d in enumerate(deals):
        rr = 3 + i
        put(ls, rr, 1, i + 1, align=CENTER)
        put(ls, rr, 2, d["key"], align=CENTER)
        put(ls, rr, 3, d["company"])
        put(ls, rr, 4, d["type"], align=CENTER)
        put(ls, rr, 5, d["amount"], fmt="#,##0.0", align=CENTER)
        put(ls, rr, 6, d["date"], fmt="yyyy-mm-dd", align=CENTER)
        put(ls, rr, 7, d["partner"])
        put(ls, rr, 8, None)
    widths(ls, {1: 6, 2: 16, 3: 36, 4: 10, 5: 12, 6: 12, 7: 32, 8: 10})
    if m == 6:
        plant(m, "late submission", dept, f"发展与促进处{YEAR}年{m}月重点工作推进表.xls", "推进表", 2, "G",
              detail="填报日期：2025.7.8, after the 5th of the next month")
    path = stage / f"发展与促进处{YEAR}年{m}月重点工作推进表.xlsx"
    save_xlsx(wb, path)
    return path


# ------------------------------------------------------------------ 监管与预警处

def write_reg(m: int, dest: Path, figs: dict, works: list[dict], counts: dict):
    dept = "监管与预警处"
    wb = new_wb()
    ws = wb.create_sheet("工作推进情况")
    headers = ["任务编号", "重点任务", "牵头部门", "完成状态", "完成进度(%)", "本月进展", "计划完成时间",
               "实际完成时间", "存在问题", "下步计划"]
    merge(ws, 1, 1, 1, len(headers), f"监管与预警处2025年工作要点推进情况（{YEAR}年{m}月）", font=TITLE, box=False)
    put(ws, 2, 1, "填报单位：监管与预警处", box=False, align=Alignment(vertical="center"))
    put(ws, 2, 6, f"填报日期：{of.cn_date(filled_on(dept, m))}", box=False, align=Alignment(vertical="center"))
    for c, h in enumerate(headers, 1):
        put(ws, 3, c, h, font=BOLD, align=CENTER)
    r = 4
    for t in tasks_led_by(dept):
        if m == 6 and t == 15:
            plant(m, "MISSING_TASK", dept, f"监管与预警处-{YEAR}年{m}月工作要点推进情况.xlsx", "工作推进情况", None,
                  task=t, detail="task 15 left out")
            continue
        rep = report(dept, t, m, counts)
        put(ws, r, 1, f"{t:02d}", align=CENTER)
        put(ws, r, 2, rep["title"])
        put(ws, r, 3, "、".join(leads_of(t)), align=CENTER)
        put(ws, r, 4, rep["status"], align=CENTER)
        put(ws, r, 5, rep["progress"], align=CENTER)
        put(ws, r, 6, rep["text"])
        # dates both as real dates and as text
        if t % 2:
            put(ws, r, 7, dt.date(2025, 12, 31), fmt="yyyy-mm-dd", align=CENTER)
        else:
            put(ws, r, 7, "2025年12月31日", align=CENTER)
        put(ws, r, 8, None)
        put(ws, r, 9, rep["problems"])
        put(ws, r, 10, rep["next"])
        r += 1
    widths(ws, {1: 9, 2: 26, 3: 20, 4: 10, 5: 11, 6: 48, 7: 15, 8: 13, 9: 22, 10: 36})
    ws.freeze_panes = "A4"

    fs = wb.create_sheet("量化指标")
    merge(fs, 1, 1, 1, 6, f"监管与预警处量化指标完成情况（{YEAR}年{m}月）", font=TITLE, box=False)
    put(fs, 2, 1, "填报单位：监管与预警处", box=False, align=Alignment(vertical="center"))
    fh = ["序号", "指标名称", "单位", "本月值", "累计值", "备注"]
    for c, h in enumerate(fh, 1):
        put(fs, 3, c, h, font=BOLD, align=CENTER)
    rows = [
        ("每万人口高价值发明专利拥有量", "件", None, figs["I1"]["cum"], "截至月末"),
        ("作品登记量", "件", figs["I2"]["month"], f"{figs['I2']['cum']:,}", None),
        ("作品登记量占全市比例", "%", None, figs["I3"]["cum"], None),
        ("自贸区作品快速登记量", "件", figs["I8"]["month"], f"{figs['I8']['cum']:,}", None),
        ("自贸区作品快速登记受理到发证周期", "个工作日", figs["I9"]["month"], figs["I9"]["cum"], "年度平均"),
        ("专利导航分析报告", "篇", figs["8.1"]["month"], figs["8.1"]["cum"], None),
    ]
    for i, row in enumerate(rows):
        put(fs, 4 + i, 1, i + 1, align=CENTER)
        for c, v in enumerate(row, 2):
            put(fs, 4 + i, c, v, align=WRAP if c == 2 else CENTER)
    widths(fs, {1: 6, 2: 34, 3: 10, 4: 10, 5: 12, 6: 14})
    path = dest / f"监管与预警处-{YEAR}年{m}月工作要点推进情况.xlsx"
    save_xlsx(wb, path)

    lw = new_wb()
    ls = lw.create_sheet("作品登记台账")
    lh = ["序号", "登记号", "作品名称", "作品类别", "著作权人", "受理日期", "发证日期", "是否自贸区快速登记"]
    merge(ls, 1, 1, 1, len(lh), f"{YEAR}年{m}月作品登记台账", font=TITLE, box=False)
    put(ls, 2, 1, "填报单位：监管与预警处", box=False, align=Alignment(vertical="center"))
    for c, h in enumerate(lh, 1):
        put(ls, 3, c, h, font=BOLD, align=CENTER)
    for i, w in enumerate(works):
        rr = 4 + i
        ls.cell(rr, 1, i + 1)
        ls.cell(rr, 2, w["key"])
        ls.cell(rr, 3, w["title"])
        ls.cell(rr, 4, w["category"])
        ls.cell(rr, 5, w["owner"])
        for col, field, as_text in ((6, "accepted", "accepted_text"), (7, "issued", "issued_text")):
            if w[as_text]:
                ls.cell(rr, col, of.cn_date(w[field]))
            else:
                ls.cell(rr, col, w[field]).number_format = "yyyy-mm-dd"
        ls.cell(rr, 8, "√" if w["fast"] else "×")
    widths(ls, {1: 7, 2: 26, 3: 24, 4: 10, 5: 34, 6: 12, 7: 12, 8: 10})
    ls.freeze_panes = "A4"
    lpath = dest / f"监管与预警处-{YEAR}年{m}月作品登记台账.xlsx"
    save_xlsx(lw, lpath)
    return [path, lpath]


# ------------------------------------------------------------------ 保护处

def write_prot(m: int, stage: Path, figs: dict, cases: list[dict], counts: dict):
    dept = "保护处"
    wb = new_wb()
    ws = wb.create_sheet("推进情况")
    # column A is left blank on purpose; the table starts at B
    headers = ["序号", "板块", "重点任务", "牵头部门", "时间节点", "完成状态", "完成进度", "推进情况", "存在问题", "下步计划"]
    c0 = 2
    merge(ws, 1, c0, 1, c0 + len(headers) - 1, "2025年工作要点推进情况表", font=TITLE, box=False)
    put(ws, 2, c0, "填报单位：知识产权保护处", box=False, align=Alignment(vertical="center"))
    put(ws, 2, c0 + 4, f"填报日期：{of.cn_date(filled_on(dept, m))}", box=False, align=Alignment(vertical="center"))
    put(ws, 2, c0 + 7, f"报送月份：{YEAR}年{m}月", box=False, align=Alignment(vertical="center"))
    for c, h in enumerate(headers):
        put(ws, 4, c0 + c, h, font=BOLD, align=CENTER)
    tasks = tasks_led_by(dept)
    reps = [report(dept, t, m, counts) for t in tasks]
    r0 = 5
    for i, rep in enumerate(reps):
        r = r0 + i
        t = rep["task"]
        put(ws, r, c0, t, align=CENTER)
        put(ws, r, c0 + 2, rep["title"])
        put(ws, r, c0 + 4, "6月底" if t == 11 else "12月底", align=CENTER)
        if t == 11 and m == 6:
            plant(m, "OVERDUE", dept, f"保护处{YEAR}年{m}月工作推进情况.ods", "推进情况", r, "F", task=t,
                  detail="时间节点 6月底, 按计划推进 85%")
        put(ws, r, c0 + 5, rep["status"], align=CENTER)
        put(ws, r, c0 + 6, rep["progress"], align=CENTER)
        put(ws, r, c0 + 7, rep["text"])
        put(ws, r, c0 + 8, rep["problems"])
        put(ws, r, c0 + 9, rep["next"])
    # 板块 and 牵头部门 merged down over runs of equal values
    for col, key in ((c0 + 1, lambda rep: f"{rep['section']}、{SECTIONS[rep['section']]}"),
                     (c0 + 3, lambda rep: "、".join(leads_of(rep["task"])))):
        i = 0
        while i < len(reps):
            j = i
            while j + 1 < len(reps) and key(reps[j + 1]) == key(reps[i]):
                j += 1
            if j > i:
                merge(ws, r0 + i, col, r0 + j, col, key(reps[i]))
            else:
                put(ws, r0 + i, col, key(reps[i]), align=CENTER)
            i = j + 1
    widths(ws, {1: 3, 2: 6, 3: 14, 4: 24, 5: 14, 6: 9, 7: 11, 8: 9, 9: 46, 10: 24, 11: 34})

    fs = wb.create_sheet("指标完成情况")
    merge(fs, 1, 1, 1, 7, f"保护处指标完成情况（{YEAR}年{m}月）", font=TITLE, box=False)
    fh = ["编号", "指标名称", "单位", "本月值", "累计值", "完成日期", "备注"]
    for c, h in enumerate(fh, 1):
        put(fs, 2, c, h, font=BOLD, align=CENTER)
    rows = [
        ("I4", "知识产权纠纷调解案件数", "件", f"{figs['I4']['month']}件", f"{figs['I4']['cum']:,}件", None, None),
        ("10.1", "发布《中小企业知识产权保护指南》", None, None, None, None, "指南起草中"),
        ("11.1", "制定2025年度浦东新区地理标志保护工作方案", None, None, None, None,
         "待局党组审议" if m >= 4 else "编制中"),
        ("12.1", "征集、发布第二、三批浦东新区重点商标保护名录", "批", figs["12.1"]["month"], figs["12.1"]["cum"],
         None, None),
        ("13.1", "建立浦东新区知识产权纠纷快速处理试点工作方案和流程", None, None, None, None, None),
    ]
    for i, row in enumerate(rows):
        for c, v in enumerate(row, 1):
            put(fs, 3 + i, c, v, align=WRAP if c == 2 else CENTER)
    widths(fs, {1: 8, 2: 40, 3: 8, 4: 10, 5: 12, 6: 13, 7: 20})

    if m == 6:
        plant(m, "INDICATOR_MISMATCH", dept, f"保护处{YEAR}年{m}月工作推进情况.ods", "指标完成情况", 3, "E",
              figure="I4", detail=f"reported {figs['I4']['cum']:,}件, ledger (pooled 2025-01..06, by 受理日期) "
                                  f"{figs['I4']['ledger_ytd']:,}")
    ls = wb.create_sheet("纠纷调解台账")
    lh = ["序号", "案件编号", "收案日期", "纠纷类型", "申请人", "调解结果", "结案日期", "承办调解员"]
    merge(ls, 1, 1, 1, len(lh), f"知识产权纠纷调解案件台账（{YEAR}年{m}月结案）", font=TITLE, box=False)
    for c, h in enumerate(lh, 1):
        put(ls, 2, c, h, font=BOLD, align=CENTER)
    for i, cse in enumerate(cases):
        rr = 3 + i
        put(ls, rr, 1, i + 1, align=CENTER)
        put(ls, rr, 2, cse["key"], align=CENTER)
        put(ls, rr, 3, cse["accepted"], fmt="yyyy-mm-dd", align=CENTER)
        put(ls, rr, 4, cse["type"], align=CENTER)
        put(ls, rr, 5, cse["applicant"])
        put(ls, rr, 6, cse["result"], align=CENTER)
        put(ls, rr, 7, cse["closed"], fmt="yyyy-mm-dd", align=CENTER)
        put(ls, rr, 8, cse["mediator"], align=CENTER)
    widths(ls, {1: 6, 2: 26, 3: 12, 4: 16, 5: 34, 6: 12, 7: 12, 8: 10})
    path = stage / f"保护处{YEAR}年{m}月工作推进情况.xlsx"
    save_xlsx(wb, path)
    return path


# ------------------------------------------------------------------ 保护中心

CN_DATE_FMT = 'yyyy"年"m"月"d"日"'


def write_center(m: int, dest: Path, figs: dict, pre: list[dict], pre_2024: list[dict] | None, counts: dict):
    dept = "保护中心"
    wb = new_wb()
    ws = wb.create_sheet("工作推进")
    headers = ["编号", "工作任务", "责任部门", "状态", "进度(%)", "推进情况", "完成时限", "存在问题", "下一步计划", "备注"]
    n = len(headers)
    merge(ws, 1, 1, 1, n, f"浦东新区知识产权保护中心2025年工作要点推进情况（{m}月）", font=TITLE, box=False)
    put(ws, 2, 1, "填报单位：浦东新区知识产权保护中心", box=False, align=Alignment(vertical="center"))
    put(ws, 3, 1, f"填报日期：{of.cn_date(filled_on(dept, m))}", box=False, align=Alignment(vertical="center"))
    for c, h in enumerate(headers, 1):
        put(ws, 5, c, h, font=BOLD, align=CENTER)
    r = 6
    rows = [report(dept, t, m, counts) for t in tasks_led_by(dept)]
    for rep in rows:
        t = rep["task"]
        if t == 4 and m in (5, 6):
            plant(m, "STALE_PROGRESS" if m == 6 else "stale text, first month", dept,
                  f"浦东新区知识产权保护中心{YEAR}年{m}月推进情况.xlsx", "工作推进", r, "F", task=t,
                  detail="本月进展 identical in 2025-05 and 2025-06")
        put(ws, r, 1, t, align=CENTER)
        put(ws, r, 2, rep["title"])
        put(ws, r, 3, "、".join(leads_of(t)), align=CENTER)
        put(ws, r, 4, rep["status"], align=CENTER)
        put(ws, r, 5, rep["progress"], align=CENTER)
        put(ws, r, 6, rep["text"])
        put(ws, r, 7, "2025.12.31", align=CENTER)
        put(ws, r, 8, rep["problems"])
        put(ws, r, 9, rep["next"])
        put(ws, r, 10, None)
        r += 1
    if m == 6:  # planted NOT_LEAD: a task led by 保护处
        t, text = CONTRIBUTION
        plant(m, "NOT_LEAD", dept, f"浦东新区知识产权保护中心{YEAR}年{m}月推进情况.xlsx", "工作推进", r, "A", task=t,
              detail="保护中心 reports task 12 (lead 保护处) as 配合事项")
        put(ws, r, 1, t, align=CENTER)
        put(ws, r, 2, TASKS[t]["title"])
        put(ws, r, 3, "保护处", align=CENTER)
        put(ws, r, 4, "推进中", align=CENTER)
        put(ws, r, 5, 50, align=CENTER)
        put(ws, r, 6, text)
        put(ws, r, 7, "2025.12.31", align=CENTER)
        put(ws, r, 8, "无")
        put(ws, r, 9, "继续配合保护处做好重点商标保护")
        put(ws, r, 10, "配合事项")
        r += 1
    r += 1  # a blank row, then the notes
    merge(ws, r, 1, r, n, "填表说明：1.状态填写未启动、推进中、已完成、滞后；2.进度(%)填写0—100的数字；3.请于每月5日前报送。",
          align=Alignment(horizontal="left", vertical="center", wrap_text=True), box=False)
    merge(ws, r + 1, 1, r + 1, n, "注：本表由中心综合办公室汇总，联系人：王老师，电话：5879××××。",
          align=Alignment(horizontal="left", vertical="center", wrap_text=True), box=False)
    widths(ws, {1: 6, 2: 26, 3: 18, 4: 9, 5: 8, 6: 48, 7: 12, 8: 22, 9: 34, 10: 10})

    fs = wb.create_sheet("主要指标")
    fh = ["指标编号", "指标名称", "单位", "本月值", "累计值", "上年同期", "完成日期", "备注"]
    merge(fs, 1, 1, 1, len(fh), f"浦东新区知识产权保护中心主要指标（{YEAR}年{m}月）", font=TITLE, box=False)
    for c, h in enumerate(fh, 1):
        put(fs, 2, c, h, font=BOLD, align=CENTER)
    i7 = figs["I7"]
    rows = [
        ("I7", "专利快速审查预审受理量", "件", i7["month"], i7["cum"], i7["last_year"], None,
         f"同比增长{(i7['cum'] / i7['last_year'] - 1) * 100:.1f}%"),
        ("4.1", "设立数据产品知识产权登记浦东中心", None, None, None, None, figs["4.1"]["done"], None),
        ("18.1", "组织召开新一届“浦东科创板知识产权工作会议”", None, None, None, None, figs["18.1"]["done"], None),
    ]
    for i, row in enumerate(rows):
        for c, v in enumerate(row, 1):
            put(fs, 3 + i, c, v, align=WRAP if c == 2 else CENTER, fmt="yyyy-mm-dd" if c == 7 else None)
    merge(fs, 7, 1, 7, len(fh), "注：I7累计值为本年1月至本月预审受理量，上年同期为2024年同期受理量。",
          align=Alignment(horizontal="left", vertical="center", wrap_text=True), box=False)
    widths(fs, {1: 9, 2: 36, 3: 7, 4: 9, 5: 9, 6: 10, 7: 13, 8: 16})

    def ledger_sheet(name: str, title: str, data: list[dict]):
        ls = wb.create_sheet(name)
        lh = ["序号", "预审编号", "申请人", "专利类型", "技术领域", "受理日期", "预审结果"]
        merge(ls, 1, 1, 1, len(lh), title, font=TITLE, box=False)
        for c, h in enumerate(lh, 1):
            put(ls, 2, c, h, font=BOLD, align=CENTER)
        for i, p in enumerate(data):
            rr = 3 + i
            ls.cell(rr, 1, i + 1)
            ls.cell(rr, 2, p["key"])
            ls.cell(rr, 3, p["applicant"])
            ls.cell(rr, 4, p["ptype"])
            ls.cell(rr, 5, p["field"])
            ls.cell(rr, 6, p["accepted"]).number_format = CN_DATE_FMT
            ls.cell(rr, 7, p["result"])
        widths(ls, {1: 6, 2: 14, 3: 36, 4: 10, 5: 14, 6: 16, 7: 10})

    ledger_sheet("专利预审台账", f"专利预审受理台账（{YEAR}年{m}月）", pre)
    if pre_2024 is not None:
        ledger_sheet("2024年1-6月预审台账", "专利预审受理台账（2024年1—6月，上年同期基数）", pre_2024)
    path = dest / f"浦东新区知识产权保护中心{YEAR}年{m}月推进情况.xlsx"
    wb.save(path)
    of.builtin_numfmt(path, CN_DATE_FMT, 31)
    of.pin_zip(path)
    return [path]


# ------------------------------------------------------------------ main

def main():
    for m in MONTHS:
        d = OUT / f"{YEAR}-{m:02d}"
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)

    companies = company_pool("all", 1600)
    owners = company_pool("owners", 1200)

    # ledgers for all months first: figures and texts quote them
    works, seq = {}, 0
    for m in MONTHS:
        works[m] = works_ledger(m, owners, seq)
        seq += len(works[m])
    all_cases = mediation_cases(companies)
    cases = {m: [c for c in all_cases if c["closed"].year == YEAR and c["closed"].month == m] for m in MONTHS}
    for m in MONTHS:
        cases[m].sort(key=lambda c: (c["closed"], c["key"]))
    deals = {m: finance_ledger(m, companies) for m in MONTHS}
    pre, seq = {}, 0
    for m in MONTHS:
        pre[m] = prereview_ledger(2025, m, companies, seq)
        seq += len(pre[m])
    pre24, seq = [], 0
    for m in MONTHS:
        rows = prereview_ledger(2024, m, companies, seq)
        seq += len(rows)
        pre24.extend(rows)

    counts = {}
    for m in MONTHS:
        counts[("监管与预警处", 19, m)] = f"{len(works[m]):,}"
        counts[("保护处", 13, m)] = len(cases[m])
        counts[("保护中心", 6, m)] = len(pre[m])
        counts[("发展促进处", 16, m)] = sum(1 for x in deals[m] if x["type"] == "质押融资")

    facts = {"note": "Generated by samples/generate.py; see samples/README.md.", "months": {}}
    for m in MONTHS:
        period = f"{YEAR}-{m:02d}"
        dest = OUT / period
        ytd_works = [w for mm in MONTHS if mm <= m for w in works[mm]]
        fast = [w for w in ytd_works if w["fast"]]
        fast_m = [w for w in works[m] if w["fast"]]
        # mediation: pooled rows of the files of January..m counted by 受理日期 in 2025
        pooled_cases = [c for mm in MONTHS if mm <= m for c in cases[mm]]
        i4_ledger = sum(1 for c in pooled_cases if c["accepted"].year == YEAR and c["accepted"] <= as_of(m))
        i4_reported = i4_ledger if m < 6 else round(i4_ledger * 1.045)  # planted INDICATOR_MISMATCH
        i4_prev = facts["months"][f"{YEAR}-{m - 1:02d}"]["figures"]["I4"]["cum"] if m > 1 else 0
        pledge = {mm: sum(x["amount"] for x in deals[mm] if x["type"] == "质押融资") for mm in MONTHS}
        other = {mm: sum(x["amount"] for x in deals[mm] if x["type"] != "质押融资") for mm in MONTHS}
        i7_cum = sum(len(pre[mm]) for mm in MONTHS if mm <= m)
        i7_last = sum(1 for p in pre24 if p["accepted"].month <= m)
        count_241 = office_figures(m)

        figs = {
            **count_241,
            "I1": {"cum": [102.1, 102.6, 103.4, 104.0, 104.7, 105.3][m - 1]},
            "I2": {"month": len(works[m]), "cum": len(ytd_works)},
            "I3": {"cum": [55.8, 56.3, 56.9, 57.2, 57.6, 58.1][m - 1]},
            "I8": {"month": len(fast_m), "cum": len(fast)},
            "I9": {"month": round(sum(w["workdays"] for w in fast_m) / len(fast_m), 2),
                   "cum": round(sum(w["workdays"] for w in fast) / len(fast), 2)},
            "8.1": {"month": [0, 0, 1, 0, 1, 0][m - 1], "cum": [0, 0, 1, 1, 2, 2][m - 1]},
            "I4": {"month": i4_reported - i4_prev, "cum": i4_reported, "ledger_ytd": i4_ledger,
                   "ledger_rows_this_month": len(cases[m])},
            "12.1": {"month": [0, 0, 0, 0, 1, 0][m - 1], "cum": [0, 0, 0, 0, 1, 1][m - 1]},
            "I5": {"month": round(other[m] / 10000, 2), "cum": round(sum(other[mm] for mm in MONTHS if mm <= m) / 10000, 2)},
            "I6": {"month": round(pledge[m] / 10000, 2), "cum": round(sum(pledge[mm] for mm in MONTHS if mm <= m) / 10000, 2)},
            "5.1": {"month": [0, 0, 1, 0, 0, 1][m - 1], "cum": [0, 0, 1, 1, 1, 2][m - 1]},
            "16.1": {"done": dt.date(2025, 3, 28) if m >= 3 else None},
            "I7": {"month": len(pre[m]), "cum": i7_cum, "last_year": i7_last},
            "4.1": {"done": dt.date(2025, 4, 26) if m >= 4 else None},
            "18.1": {"done": dt.date(2025, 6, 18) if m >= 6 else None},
        }

        with tempfile.TemporaryDirectory(prefix="samples_stage_") as tmp:
            stage = Path(tmp)
            files = []
            files += write_office(m, dest, figs)
            dev = write_dev(m, stage, figs, deals[m], counts)
            files += of.convert([dev], "xls", dest)
            files += write_reg(m, dest, figs, works[m], counts)
            prot = write_prot(m, stage, figs, cases[m], counts)
            files += of.convert([prot], "ods", dest)
            files += write_center(m, dest, figs, pre[m], pre24 if m == 1 else None, counts)

        if m == 6:  # files that are not submissions
            (dest / f"~$办公室_{YEAR}年6月工作要点推进情况.xlsx").write_bytes(of.excel_lock_file("zhangwei"))
            (dest / ".DS_Store").write_bytes(of.ds_store())
            for name, why in ((f"~$办公室_{YEAR}年6月工作要点推进情况.xlsx", "Excel lock file"),
                              (".DS_Store", "hidden macOS file"), ("说明.docx", "not a spreadsheet")):
                plant(m, "ignored file", "", name, None, None, detail=why)
            (dest / "说明.docx").write_bytes(of.docx([
                "6月份各处室工作要点推进情况材料说明",
                "1. 发展与促进处材料于7月8日补报。",
                "2. 保护中心报送材料中含配合保护处开展的重点商标保护工作。",
            ]))

        def jd(v):
            return v.isoformat() if isinstance(v, dt.date) else v

        facts["months"][period] = {
            "as_of": as_of(m).isoformat(),
            "files": sorted(p.name for p in dest.iterdir()),
            "filled": {dept: filled_on(dept, m).isoformat() for dept in STATUS_WORDS},
            "ledgers": {
                "works": {"rows": len(works[m]), "fast_track": len(fast_m),
                          "fast_track_mean_workdays": figs["I9"]["month"],
                          "ytd_rows": len(ytd_works), "ytd_fast_track": len(fast),
                          "ytd_fast_track_mean_workdays": figs["I9"]["cum"],
                          "text_dates": sum(1 for w in works[m] if w["accepted_text"] or w["issued_text"]),
                          "accepted_before_2025": sum(1 for w in works[m] if w["accepted"].year < YEAR)},
                "mediation": {"rows": len(cases[m]),
                              "accepted_previous_month": sum(1 for c in cases[m] if c["accepted"].month != m),
                              "accepted_in_2024": sum(1 for c in cases[m] if c["accepted"].year < YEAR),
                              "ytd_count_pooled": i4_ledger},
                "finance": {"rows": len(deals[m]),
                            "pledge_rows": sum(1 for x in deals[m] if x["type"] == "质押融资"),
                            "pledge_wan": round(pledge[m], 1), "other_wan": round(other[m], 1)},
                "prereview": {"rows": len(pre[m]), "ytd": i7_cum, "last_year_same_period": i7_last,
                              "growth_percent": round((i7_cum / i7_last - 1) * 100, 2),
                              "rows_2024_sheet": len(pre24) if m == 1 else 0},
            },
            "figures": {k: {kk: jd(vv) for kk, vv in v.items()} for k, v in figs.items()},
        }
        print(f"{period}: {', '.join(p.name for p in files)}")

    facts["planted"] = PLANTED
    (OUT / "facts.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")


if __name__ == "__main__":
    main()
