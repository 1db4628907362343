//! The words departments use: column headers and their aliases per sheet
//! kind, status words, yes/no words, meta-row labels. The template writes the
//! canonical names; the importer accepts every alias. Keep it all here.

use crate::import::{SheetKind, Status};
use crate::plan::LedgerKind;

/// A column the tool understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    // tasks
    TaskId,
    TaskTitle,
    Leads,
    Status,
    Progress,
    ProgressText,
    Planned,
    Actual,
    Problems,
    NextSteps,
    Note,
    /// 上月进展: last month's 本月进展, shown for reference beside this month's.
    LastProgressText,
    /// 上月问题: last month's 存在问题, shown for reference.
    LastProblems,
    // figures
    FigureId,
    FigureName,
    Unit,
    Target,
    MonthValue,
    Cumulative,
    LastYear,
    DoneDate,
    // ledgers
    Key,
    WorkTitle,
    Category,
    Owner,
    Company,
    Accepted,
    Issued,
    FastTrack,
    Result,
    Closed,
    Amount,
    Registered,
}

/// A column: its field, the canonical header the template writes, and the
/// other headers people use for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

const fn col(field: Field, name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        field,
        name,
        aliases,
    }
}

/// 任务进展 columns, in the template's order.
pub const TASK_COLUMNS: &[Column] = &[
    col(
        Field::TaskId,
        "任务编号",
        &["编号", "序号", "任务序号", "事项编号", "任务号"],
    ),
    col(
        Field::TaskTitle,
        "任务名称",
        &[
            "重点任务",
            "工作任务",
            "任务内容",
            "工作事项",
            "重点工作",
            "工作内容",
            "任务",
        ],
    ),
    col(
        Field::Leads,
        "牵头部门",
        &["牵头处室", "责任部门", "责任处室", "牵头单位", "责任单位"],
    ),
    col(
        Field::Status,
        "完成状态",
        &[
            "状态",
            "进度状态",
            "推进状态",
            "任务状态",
            "完成情况（状态）",
        ],
    ),
    col(
        Field::Progress,
        "完成进度(%)",
        &[
            "完成进度",
            "完成比例",
            "进度(%)",
            "进度",
            "完成率",
            "完成百分比",
            "进度（%）",
        ],
    ),
    col(
        Field::ProgressText,
        "本月进展",
        &[
            "进展情况",
            "工作进展",
            "推进情况",
            "完成情况",
            "本月工作进展",
            "进展",
        ],
    ),
    col(
        Field::Planned,
        "计划完成时间",
        &["完成时限", "时间节点", "计划完成日期", "完成时间节点"],
    ),
    col(Field::Actual, "实际完成时间", &["实际完成日期", "完成日期"]),
    col(
        Field::Problems,
        "存在问题",
        &[
            "困难问题",
            "存在的问题",
            "问题和困难",
            "困难和问题",
            "存在困难",
            "问题困难",
            "存在问题及困难",
        ],
    ),
    col(
        Field::NextSteps,
        "下步计划",
        &[
            "下一步工作",
            "下一步计划",
            "下步工作",
            "下一步打算",
            "下步打算",
            "下阶段计划",
            "下一步工作计划",
        ],
    ),
    col(Field::Note, "备注", &["说明"]),
];

/// Columns a template carried forward from last month shows after the
/// 任务进展 input columns, for reference only (locked, grey). The importer
/// knows them so that their headers are never taken for 本月进展 or 存在问题
/// (`上月进展` holds `进展`) and their values do not land among a report's
/// other columns; it reads nothing from them.
pub const TASK_REFERENCE_COLUMNS: &[Column] = &[
    col(
        Field::LastProgressText,
        "上月进展",
        &["上月工作进展", "上月进展情况", "上月推进情况"],
    ),
    col(
        Field::LastProblems,
        "上月问题",
        &["上月存在问题", "上月存在的问题"],
    ),
];

/// 量化指标 columns, in the template's order.
pub const FIGURE_COLUMNS: &[Column] = &[
    col(Field::FigureId, "指标编号", &["编号", "序号", "指标序号"]),
    col(
        Field::FigureName,
        "指标名称",
        &["指标", "名称", "里程碑", "指标内容", "考核指标"],
    ),
    col(Field::Unit, "单位", &["计量单位"]),
    col(Field::Target, "目标值", &["年度目标", "全年目标", "目标"]),
    col(
        Field::MonthValue,
        "本月值",
        &["当月值", "本月完成", "当月完成"],
    ),
    col(
        Field::Cumulative,
        "累计值",
        &[
            "本年累计",
            "累计完成",
            "完成值",
            "年度累计",
            "累计",
            "本年累计完成",
        ],
    ),
    col(Field::LastYear, "上年同期", &["上年同期累计", "去年同期"]),
    col(Field::DoneDate, "完成日期", &["实际完成时间", "完成时间"]),
    col(Field::Note, "备注", &["说明"]),
];

/// 作品登记台账 columns.
pub const WORKS_COLUMNS: &[Column] = &[
    col(
        Field::Key,
        "登记号",
        &["作品登记号", "证书编号", "登记编号"],
    ),
    col(Field::WorkTitle, "作品名称", &[]),
    col(Field::Category, "作品类别", &["作品类型", "类别"]),
    col(Field::Owner, "著作权人", &["申请人", "权利人"]),
    col(Field::Accepted, "受理日期", &["申请日期"]),
    col(Field::Issued, "发证日期", &["登记日期", "证书日期"]),
    col(
        Field::FastTrack,
        "快速登记",
        &["是否自贸区快速登记", "是否快速登记", "自贸区快速登记"],
    ),
    col(Field::Note, "备注", &[]),
];

/// 纠纷调解台账 columns.
pub const MEDIATION_COLUMNS: &[Column] = &[
    col(Field::Key, "案件编号", &["调解案号", "编号", "案号"]),
    col(Field::Accepted, "受理日期", &["收案日期"]),
    col(Field::Category, "纠纷类型", &["案件类型"]),
    col(Field::Result, "调解结果", &["结果", "办理结果"]),
    col(Field::Closed, "结案日期", &[]),
    col(Field::Note, "备注", &[]),
];

/// 运用转化台账 columns.
pub const FINANCE_COLUMNS: &[Column] = &[
    col(Field::Key, "合同编号", &["编号", "登记编号"]),
    col(Field::Company, "企业名称", &["企业", "出质人"]),
    col(Field::Category, "业务类型", &["类型"]),
    col(
        Field::Amount,
        "金额(万元)",
        &["金额", "融资金额", "交易金额"],
    ),
    col(Field::Registered, "登记日期", &["日期", "放款日期"]),
    col(Field::Note, "备注", &[]),
];

/// 专利预审台账 columns.
pub const PREREVIEW_COLUMNS: &[Column] = &[
    col(Field::Key, "预审编号", &["申请号", "案件编号"]),
    col(Field::Accepted, "受理日期", &[]),
    col(Field::Category, "技术领域", &[]),
    col(Field::Result, "预审结果", &[]),
    col(Field::Note, "备注", &[]),
];

/// The columns of a sheet kind (empty for [`SheetKind::Other`]).
pub fn columns(kind: SheetKind) -> &'static [Column] {
    match kind {
        SheetKind::Tasks => TASK_COLUMNS,
        SheetKind::Figures => FIGURE_COLUMNS,
        SheetKind::Ledger(LedgerKind::Works) => WORKS_COLUMNS,
        SheetKind::Ledger(LedgerKind::Mediation) => MEDIATION_COLUMNS,
        SheetKind::Ledger(LedgerKind::Finance) => FINANCE_COLUMNS,
        SheetKind::Ledger(LedgerKind::Prereview) => PREREVIEW_COLUMNS,
        SheetKind::Other => &[],
    }
}

/// The reference-only columns a sheet kind may carry besides its own
/// ([`TASK_REFERENCE_COLUMNS`] for 任务进展): recognised, never read.
pub fn reference_columns(kind: SheetKind) -> &'static [Column] {
    match kind {
        SheetKind::Tasks => TASK_REFERENCE_COLUMNS,
        _ => &[],
    }
}

/// The other words departments write for each status; the canonical word
/// is [`Status::as_str`].
pub const STATUS_ALIASES: &[(Status, &[&str])] = &[
    (
        Status::NotStarted,
        &["未开展", "暂缓", "未开始", "尚未启动", "尚未开展"],
    ),
    (
        Status::InProgress,
        &[
            "进行中",
            "正常推进",
            "按计划推进",
            "正在推进",
            "持续推进",
            "按序时推进",
            "有序推进",
            "稳步推进",
            "已启动",
            "正在开展",
            "开展中",
            "实施中",
        ],
    ),
    (Status::Done, &["完成", "已办结", "办结", "已完成。"]),
    (
        Status::Behind,
        &[
            "延期",
            "逾期",
            "未按期",
            "滞后推进",
            "进度滞后",
            "推进滞后",
            "未按期完成",
        ],
    ),
];

/// Every word of a status: the canonical one first, then its aliases.
pub fn status_words(status: Status) -> impl Iterator<Item = &'static str> {
    let aliases = STATUS_ALIASES
        .iter()
        .filter(move |(s, _)| *s == status)
        .flat_map(|(_, words)| words.iter().copied());
    std::iter::once(status.as_str()).chain(aliases)
}

/// Words meaning yes.
pub const YES_WORDS: &[&str] = &["是", "y", "yes", "√", "✓", "✔", "true", "1", "快速"];
/// Words meaning no.
pub const NO_WORDS: &[&str] = &["否", "n", "no", "×", "✗", "✘", "x", "false", "0", "普通"];

/// The sheet of guidance a template opens with.
pub const GUIDE_SHEET: &str = "填报说明";
/// The first sheet of a workbook returned to a department for correction.
pub const FEEDBACK_SHEET: &str = "反馈说明";
/// Sheets the tool writes for people to read beside the tables. They quote
/// headers, sheet names, labels and the department's own values (a returned
/// workbook lists `工作表「推进情况」 任务进展 D7`), so a row of them can look
/// like a header or a meta row: the importer never searches them for one.
/// Their rows are counted as skipped like any other sheet's.
pub const EXPLANATION_SHEETS: &[&str] = &[GUIDE_SHEET, FEEDBACK_SHEET];

/// Labels of the meta cell that names the sending department.
pub const DEPARTMENT_LABELS: &[&str] =
    &["填报单位", "报送单位", "填报部门", "报送部门", "填报处室"];
/// Labels of the meta cell that gives the date of filling in.
pub const FILLED_LABELS: &[&str] = &["填报日期", "报送日期", "填表日期"];
/// Labels of the meta cell that gives the reporting month.
pub const PERIOD_LABELS: &[&str] = &["报送月份", "填报月份", "报告期", "统计月份", "所属月份"];
/// Starts of notes rows below or above a table.
pub const NOTE_PREFIXES: &[&str] = &["填表说明", "注：", "注:", "说明：", "说明:", "备注："];

/// Words in finance 业务类型 that mark a pledge-financing deal.
pub const PLEDGE_WORDS: &[&str] = &["质押"];

/// The kinds of deal in the finance ledger's 业务类型, as the template's drop-down offers them.
pub const DEAL_TYPES: &[&str] = &["质押融资", "转让", "许可", "作价入股", "交易"];

/// Other labels of meta rows (who filled in, phone…): they end a meta value
/// and mark a row as a meta row, but carry nothing the tool uses.
pub const OTHER_META_LABELS: &[&str] = &[
    "填报人",
    "填表人",
    "联系人",
    "联系电话",
    "电话",
    "审核人",
    "负责人",
    "分管领导",
    "制表人",
    "处室负责人",
];

// ------------------------------------------------------------ state in words

/// Words in a progress text that say a task has not started (when the row
/// has no 完成状态): read by `import::state`.
pub const NOT_STARTED_WORDS: &[&str] = &[
    "尚未启动",
    "暂未启动",
    "未启动",
    "尚未开展",
    "暂未开展",
    "未开展",
    "尚未开始",
    "暂未开始",
    "未开始",
    "暂无进展",
    "尚无进展",
];

/// Words in a progress text that say a task is behind.
pub const BEHIND_WORDS: &[&str] = &[
    "进度滞后",
    "推进滞后",
    "有所滞后",
    "滞后",
    "延期",
    "推迟",
    "延后",
    "延缓",
    "未能按期",
    "未按期",
    "无法按期",
    "难以按期",
    "逾期",
];

/// Words that, just before a behind word, deny it (`无滞后`, `避免延期`).
pub const DENIALS: &[&str] = &[
    "无",
    "未",
    "没有",
    "不存在",
    "未出现",
    "未发生",
    "避免",
    "防止",
    "不会",
    "不得",
    "不",
];

/// Phrases that say the whole task is done.
pub const WHOLE_DONE_PHRASES: &[&str] = &[
    "任务已全部完成",
    "已全部完成",
    "已全面完成",
    "已圆满完成",
    "已按期完成",
    "已顺利完成",
    "任务已完成",
    "工作已完成",
    "已完成全部",
    "已完成全年",
    "已完成年度",
    "已完成各项",
    "全部完成",
    "全面完成",
];

/// Words that make a done phrase about a part of the task (`已完成初稿`,
/// `第二批已完成`): the task goes on.
pub const PART_WORDS: &[&str] = &[
    "初稿",
    "草案",
    "草稿",
    "征求意见稿",
    "批",
    "部分",
    "阶段",
    "一期",
    "首期",
    "前期",
    "初步",
    "第一",
    "第二",
    "第三",
    "第四",
    "首",
    "调研",
    "方案",
    "框架",
    "立项",
];

/// Words before a percentage that make it the task's progress
/// (`进度约40%`, `完成40%`, `完成率60%`).
pub const PROGRESS_WORDS: &[&str] = &["完成进度", "进度", "完成率", "完成"];

/// Words between a progress word and its number that do not change it.
pub const PROGRESS_FILLERS: &[&str] = &[
    "约为", "约", "近", "达到", "达", "为", "了", "已达", "已", "至", "到", "超过", "逾",
];

/// Headers that only number the rows; they rank below any other match.
pub const GENERIC_HEADERS: &[&str] = &["序号"];

/// Texts of a total row (skipped: the tool sums by itself).
pub const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计", "累计合计", "总合计"];

/// Texts meaning "nothing here" in a value cell.
pub const EMPTY_WORDS: &[&str] = &[
    "-", "--", "---", "/", "\\", "无", "暂无", "n/a", "na", "null", "空",
];

/// Texts in a date column meaning "no deadline" rather than a bad date.
pub const NO_DATE_WORDS: &[&str] = &[
    "长期",
    "长期坚持",
    "持续",
    "持续推进",
    "常态化",
    "常态化推进",
    "全年持续",
    "按上级要求",
    "按上级部署",
];

/// Words before a number that do not change it (`约3000件`, `累计3000件`).
pub const NUMBER_PREFIXES: &[&str] = &[
    "共计", "累计", "合计", "约", "共", "计", "达", "近", "超过", "超", "逾",
];

/// Units that may stand alone below a header or in its brackets.
pub const UNIT_WORDS: &[&str] = &[
    "元",
    "千元",
    "万元",
    "亿元",
    "%",
    "件",
    "万件",
    "个",
    "项",
    "批",
    "篇",
    "次",
    "场",
    "家",
    "个工作日",
    "工作日",
    "天",
    "日",
    "户",
    "人次",
    "笔",
    "万笔",
];

/// Prefixes of a department's name that do not tell departments apart; the
/// plan owns the list (the drafter reads notices with it too).
pub use crate::plan::DEPARTMENT_PREFIXES;

/// Section numerals (一…十) in section rows such as `（一）抓好重大事项落实`.
pub const SECTION_NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The columns a header must have for a kind: each group needs at least one of its fields.
pub fn required(kind: SheetKind) -> &'static [&'static [Field]] {
    match kind {
        SheetKind::Tasks => &[
            &[Field::TaskId, Field::TaskTitle],
            &[Field::Status, Field::Progress, Field::ProgressText],
        ],
        SheetKind::Figures => &[
            &[Field::FigureId, Field::FigureName],
            &[Field::Cumulative, Field::MonthValue, Field::DoneDate],
        ],
        SheetKind::Ledger(LedgerKind::Works) => {
            &[&[Field::Key], &[Field::Issued, Field::WorkTitle]]
        }
        SheetKind::Ledger(LedgerKind::Mediation) => {
            &[&[Field::Key], &[Field::Category, Field::Result]]
        }
        SheetKind::Ledger(LedgerKind::Finance) => {
            &[&[Field::Amount], &[Field::Category, Field::Company]]
        }
        SheetKind::Ledger(LedgerKind::Prereview) => {
            &[&[Field::Key], &[Field::Category, Field::Result]]
        }
        SheetKind::Other => &[],
    }
}

/// The kinds a header may be recognised as, in order of preference on a tie.
pub const KINDS: [SheetKind; 6] = [
    SheetKind::Tasks,
    SheetKind::Figures,
    SheetKind::Ledger(LedgerKind::Works),
    SheetKind::Ledger(LedgerKind::Mediation),
    SheetKind::Ledger(LedgerKind::Finance),
    SheetKind::Ledger(LedgerKind::Prereview),
];

/// The date column a ledger counts by: 发证日期, 受理日期 or 登记日期.
pub fn counting_field(kind: LedgerKind) -> Field {
    match kind {
        LedgerKind::Works => Field::Issued,
        LedgerKind::Mediation | LedgerKind::Prereview => Field::Accepted,
        LedgerKind::Finance => Field::Registered,
    }
}

/// The canonical header of a field in a kind's columns (the template's word).
pub fn canonical(kind: SheetKind, field: Field) -> &'static str {
    columns(kind)
        .iter()
        .find(|c| c.field == field)
        .map(|c| c.name)
        .unwrap_or("")
}
