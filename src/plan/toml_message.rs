//! What the TOML reader (and serde behind it) says about a plan file, said
//! in Chinese: the mistakes a person editing the plan makes — a misspelt or
//! missing key, a value of the wrong kind, a broken line — each get a
//! sentence that names the key and what to write. Anything else is said as
//! a TOML mistake with the reader's own words after it, for maintainers.

/// `english`, a message of `toml::de::Error`, in Chinese.
pub(super) fn chinese(english: &str) -> String {
    let english = english.trim();
    said(english).unwrap_or_else(|| {
        let words = english
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("；");
        format!("这一行不是有效的 TOML：请检查引号、方括号、逗号和等号（{words}）")
    })
}

/// The Chinese for the messages this module knows.
fn said(english: &str) -> Option<String> {
    if let Some(rest) = english.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        return Some(match expected.and_then(listed) {
            Some(fields) => format!("没有 {field} 这一项：请检查拼写，这里可写的有 {fields}"),
            None => format!("没有 {field} 这一项：请检查拼写"),
        });
    }
    if let Some(rest) = english.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        return Some(match expected.and_then(listed) {
            Some(values) => format!("取值 {value} 无效：可选的取值有 {values}"),
            None => format!("取值 {value} 无效"),
        });
    }
    if let Some(field) = english.strip_prefix("missing field ") {
        return Some(format!("缺少 {field}：请补上这一项"));
    }
    if let Some(field) = english.strip_prefix("duplicate field ") {
        return Some(format!("{field} 写了两次：请只保留一个"));
    }
    if english.starts_with("duplicate key") {
        return Some("同一个键写了两次：请只保留一个".to_string());
    }
    let broken = [
        (
            "unclosed array table",
            "方括号没有闭合：表头写成 [名称] 或 [[名称]]",
        ),
        (
            "unclosed table",
            "方括号没有闭合：表头写成 [名称] 或 [[名称]]",
        ),
        ("unclosed array", "列表的方括号没有闭合"),
        (
            "invalid basic string",
            "引号没有闭合：文本写在一对引号里，如 \"办公室\"",
        ),
        (
            "invalid literal string",
            "引号没有闭合：文本写在一对引号里，如 \"办公室\"",
        ),
        (
            "string values must be quoted",
            "文本要加引号，如 name = \"办公室\"",
        ),
        (
            "missing comma between array elements",
            "列表的各项之间要用逗号隔开",
        ),
        (
            "missing assignment between key-value pairs",
            "键和值之间要有等号，如 year = 2025",
        ),
        ("key with no value", "键和值之间要有等号，如 year = 2025"),
    ];
    for (start, chinese) in broken {
        if english.starts_with(start) {
            return Some(format!("这一行不是有效的 TOML：{chinese}"));
        }
    }
    if english.starts_with("data did not match any variant of untagged enum DateText") {
        return Some("日期写法不对：请写成 2025-03-31".to_string());
    }
    for (prefix, what) in [("invalid type: ", "类型"), ("invalid value: ", "取值")] {
        if let Some(rest) = english.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ")?;
            return Some(format!(
                "{what}不对：这里写的是{}，应为{}",
                found_kind(found)?,
                expected_kind(expected)?
            ));
        }
    }
    None
}

/// `` `lead`, expected one of `id`, `title` `` → (`` `lead` ``, the list).
fn split_expected(rest: &str) -> (&str, Option<&str>) {
    match rest.split_once(", ") {
        Some((name, tail)) => (name, Some(tail)),
        None => (rest, None),
    }
}

/// serde's list of what may stand here, joined with 、; `None` when there
/// is nothing to list.
fn listed(tail: &str) -> Option<String> {
    let list = tail
        .strip_prefix("expected one of ")
        .or_else(|| tail.strip_prefix("expected "))?;
    Some(list.split(", ").collect::<Vec<_>>().join("、"))
}

/// What was written, as serde describes it (`string "many"`, `integer `5``).
fn found_kind(found: &str) -> Option<String> {
    let kinds = [
        ("string ", "文本 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
    ];
    for (english, chinese) in kinds {
        if let Some(value) = found.strip_prefix(english) {
            return Some(format!("{chinese}{value}"));
        }
    }
    Some(
        match found {
            "sequence" => "列表 […]",
            "map" => "表",
            "unit value" | "option" => "空值",
            _ => return None,
        }
        .to_string(),
    )
}

/// What should have been written, as serde names it (`f64`, `a string`).
fn expected_kind(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "f64" | "f32" => "数值（如 3000 或 0.55）",
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数（如 2025）",
        "u8" | "u16" | "u32" | "u64" | "usize" => "不小于 0 的整数（如 5）",
        "a string" | "a borrowed string" | "string" => "加引号的文本（如 \"办公室\"）",
        "a sequence" | "sequence" => "方括号括起的列表（如 [\"办公室\"]）",
        "a boolean" | "bool" => "true 或 false",
        e if e.starts_with("struct ") || e == "a map" || e == "map" => "表（[…] 下的若干项）",
        e if e.contains("date") => "日期（如 2025-03-31）",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serdes_messages_in_chinese() {
        assert_eq!(
            chinese("unknown field `lead`, expected one of `id`, `section`, `title`"),
            "没有 `lead` 这一项：请检查拼写，这里可写的有 `id`、`section`、`title`"
        );
        assert_eq!(
            chinese("unknown field `x`, there are no fields"),
            "没有 `x` 这一项：请检查拼写"
        );
        assert_eq!(
            chinese("unknown variant `levle`, expected one of `level`, `cumulative`"),
            "取值 `levle` 无效：可选的取值有 `level`、`cumulative`"
        );
        assert_eq!(
            chinese("missing field `bureau`"),
            "缺少 `bureau`：请补上这一项"
        );
        assert_eq!(
            chinese("invalid type: string \"many\", expected f64"),
            "类型不对：这里写的是文本 \"many\"，应为数值（如 3000 或 0.55）"
        );
        assert_eq!(
            chinese("invalid value: integer `-1`, expected u32"),
            "取值不对：这里写的是整数 `-1`，应为不小于 0 的整数（如 5）"
        );
    }

    #[test]
    fn common_slips_of_syntax_in_chinese() {
        assert_eq!(
            chinese("unclosed array table, expected `]`"),
            "这一行不是有效的 TOML：方括号没有闭合：表头写成 [名称] 或 [[名称]]"
        );
        assert_eq!(
            chinese("invalid basic string, expected `\"`"),
            "这一行不是有效的 TOML：引号没有闭合：文本写在一对引号里，如 \"办公室\""
        );
    }

    #[test]
    fn anything_else_keeps_the_readers_words_after_the_chinese() {
        let said = chinese("invalid table header\nexpected `.`, `]`");
        assert!(said.starts_with("这一行不是有效的 TOML："), "{said}");
        assert!(
            said.ends_with("（invalid table header；expected `.`, `]`）"),
            "{said}"
        );
        let said = chinese("invalid type: string \"x\", expected something odd");
        assert!(said.starts_with("这一行不是有效的 TOML："), "{said}");
    }
}
