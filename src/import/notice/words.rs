//! The vocabulary of notices: the words that label leads and helpers,
//! compare, measure, count and name deliverables. Data, read by the drafter.

use super::*;

/// Labels that name a task's lead departments (牵头部门).
pub(super) const LEAD_LABELS: &[&str] = &[
    "牵头部门",
    "牵头单位",
    "牵头处室",
    "责任部门",
    "责任单位",
    "责任处室",
    "主责部门",
    "牵头",
];

/// Labels that name the departments that help (配合部门); never leads.
pub(super) const HELPER_LABELS: &[&str] = &[
    "配合部门",
    "配合单位",
    "配合处室",
    "协办部门",
    "协办单位",
    "协办处室",
    "参与部门",
    "参与单位",
    "协办",
    "配合",
];

/// How names in a label are separated.
pub(super) const NAME_SEPARATORS: &[char] = &['、', ',', '，', '/', '／', ';', '；', '|'];

/// Words before a number that say how a value is compared with its target.
/// Longest first, so that 不超过 is not read as 超过.
pub(super) const COMPARATORS_BEFORE: &[(&str, Comparator)] = &[
    ("不少于", Comparator::Ge),
    ("不低于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("保持在", Comparator::Ge),
    ("稳定在", Comparator::Ge),
    ("不超过", Comparator::Le),
    ("不高于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("不多于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("至少", Comparator::Ge),
    ("达到", Comparator::Ge),
    ("超过", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("大于", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("突破", Comparator::Gt),
    ("少于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("小于", Comparator::Lt),
    ("不足", Comparator::Lt),
];

/// Words after a number and its unit that say how it is compared (以上 counts
/// the number itself, as in Chinese law).
pub(super) const COMPARATORS_AFTER: &[(&str, Comparator)] = &[
    ("及以上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以上", Comparator::Ge),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
];

/// Units a target may carry, longest first. 元 is money: with 万/亿 it keeps
/// the magnitude (亿元); every other unit is expanded (2.1 万件 → 21000 件).
pub(super) const UNITS: &[&str] = &[
    "个工作日",
    "个百分点",
    "工作日",
    "百分点",
    "人次",
    "场次",
    "%",
    "件",
    "个",
    "家",
    "项",
    "次",
    "场",
    "篇",
    "批",
    "元",
    "人",
    "天",
    "户",
    "笔",
    "份",
    "期",
    "部",
    "所",
    "条",
    "套",
    "本",
    "名",
    "倍",
    "轮",
    "堂",
    "门",
];

/// Units that count occurrences: a number with one of these in a task's text
/// is a count milestone (4 批, 15 次).
pub(super) const COUNT_UNITS: &[&str] = &[
    "人次", "场次", "个", "家", "项", "次", "场", "篇", "批", "件", "期", "份", "部", "名", "轮",
    "套", "本", "条", "所", "户", "堂", "门",
];

/// Verbs right before a count that make it a commitment (全年形成4批).
pub(super) const COUNT_VERBS: &[&str] = &[
    "组织开展",
    "形成",
    "完成",
    "举办",
    "开展",
    "组织",
    "发布",
    "召开",
    "培育",
    "新增",
    "推出",
    "编制",
    "征集",
    "制定",
    "出台",
    "建成",
    "打造",
    "认定",
    "举行",
    "办理",
    "评选",
];

/// Words that open a clause without adding to what it is about (积极推进…).
pub(super) const ADVERBS: &[&str] = &[
    "按上级部署",
    "高标准",
    "常态化",
    "进一步",
    "积极",
    "持续",
    "深入",
    "着力",
    "不断",
    "努力",
    "切实",
    "全面",
    "加快",
    "继续",
    "认真",
    "稳妥",
    "及时",
    "率先",
    "创新",
    "年度",
    "全年",
    "年内",
    "每年",
    "力争",
    "争取",
    "确保",
];

/// Words that open a target's sentence before the thing measured (争取实现…).
pub(super) const TARGET_LEADS: &[&str] = &[
    "争取", "力争", "确保", "实现", "预计", "全年", "年内", "其中", "推动", "使",
];

/// Verbs that make a document (制定…方案), and the documents.
pub(super) const DOCUMENT_VERBS: &[&str] = &[
    "研究制定",
    "制定",
    "出台",
    "发布",
    "印发",
    "编制",
    "形成",
    "建立健全",
    "更新",
    "修订完善",
];
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
    "方案", "细则", "办法", "指南", "措施", "制度", "报告", "清单", "名单", "名录", "意见", "规定",
    "流程", "标准",
];

/// Verbs that hold an event (召开…会议), and the events.
pub(super) const EVENT_VERBS: &[&str] = &["召开", "举办", "组织", "开展", "进行", "完成"];
pub(super) const EVENT_NOUNS: &[&str] = &[
    "总结评估",
    "评估",
    "调研",
    "课题研究",
    "抽查",
    "会议",
    "通气会",
    "发布会",
    "述法",
    "回头看",
    "演练",
    "验收",
];

/// Verbs that set something up: whatever follows is the deliverable (设立读书室).
pub(super) const SET_UP_VERBS: &[&str] = &["设立", "成立", "挂牌", "揭牌"];

/// Campaigns (开展专项保护行动): milestones only when bounded in time (…期间).
pub(super) const CAMPAIGN_VERBS: &[&str] = &["开展", "组织"];
pub(super) const CAMPAIGN_NOUNS: &[&str] = &["行动", "活动"];
pub(super) const CAMPAIGN_BOUNDS: &[&str] = &["期间"];

/// Trailing words that do not change what a deliverable is (…抽查工作).
pub(super) const FILLERS: &[&str] = &["工作", "探索", "等"];

/// Heads of a measured quantity, shared by the parts of `A和B金额均…`.
pub(super) const MEASURES: &[&str] = &[
    "案件数",
    "增长率",
    "金额",
    "数量",
    "件数",
    "规模",
    "比例",
    "占比",
    "数",
    "量",
    "率",
    "额",
];

/// Fields a measured quantity belongs to, shared by the parts of `A和B金额均…`.
pub(super) const DOMAINS: &[&str] = &["知识产权", "专利", "商标", "作品", "版权", "地理标志"];

/// Names of money amounts: a bare `亿` after one of these means 亿元.
pub(super) const MONEY: &[&str] = &["金额", "资金", "融资", "收入", "产值", "投资"];

/// What a plan is called at the end of its title.
pub(super) const PLAN_TITLES: &[&str] = &["工作要点", "工作计划", "要点", "计划"];

/// How the issuing body's name ends.
pub(super) const BUREAU_ENDINGS: &[&str] =
    &["局", "委员会", "委", "厅", "署", "院", "政府", "中心"];
