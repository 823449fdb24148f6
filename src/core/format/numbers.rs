//! Reading the numbers bulletins print: issue lines, dates and print runs, in Arabic or
//! Chinese numerals, with or without the spaces that PDF copying leaves.

use crate::core::issue::{Date, IssueStyle};

/// What an issue line says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IssueLine {
    pub year: Option<u32>,
    pub number: Option<u32>,
    pub total: Option<u32>,
    pub supplement: bool,
    /// How the line writes its numbers.
    pub style: IssueStyle,
}

/// A cursor over a line with the spaces removed.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, prefix: &str) -> bool {
        match self.rest.strip_prefix(prefix) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.eat(p))
    }

    /// An Arabic or Chinese number.
    fn number(&mut self) -> Option<u32> {
        let digits: String = self.rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let value = digits.parse::<u32>().ok()?;
            self.rest = &self.rest[digits.len()..];
            return Some(value);
        }
        let numeral: String = self
            .rest
            .chars()
            .take_while(|&c| chinese_digit(c).is_some() || "十百千〇零".contains(c))
            .collect();
        let value = chinese_number(&numeral)?;
        self.rest = &self.rest[numeral.len()..];
        Some(value)
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '零' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

/// Reads a Chinese numeral such as 八十二, 一百零五 or 二〇二五 (digit by digit).
pub fn chinese_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if !text.contains(['十', '百', '千']) {
        // Digit by digit, as years are written: 二〇二五.
        return text
            .chars()
            .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(chinese_digit(c)?));
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    for c in text.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                digit = Some(chinese_digit(c)?);
                continue;
            }
        };
        total = total.checked_add(digit.unwrap_or(1).checked_mul(unit)?)?;
        digit = None;
    }
    total.checked_add(digit.unwrap_or(0))
}

fn squeeze(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reads an issue line: `2023 年 第 7 期`, `2023年第7期（总第60期）`, `(总第 60 期)`,
/// `〔2025〕第八十二期（总第1265期）`, `[2012年第5期]`, `增刊第7期`, `2023年增刊第7期`.
pub fn parse_issue_line(line: &str) -> Option<IssueLine> {
    let squeezed = squeeze(line);
    let mut cur = Cursor { rest: &squeezed };
    let mut found = IssueLine::default();
    let bracketed = cur.eat_any(&["[", "［", "【"]);
    found.style.square_brackets = bracketed;
    // The year: `2023年`, or `〔2025〕` / `[2025]`.
    let checkpoint = cur.rest;
    if cur.eat_any(&["〔", "[", "［", "("]) {
        match cur.number() {
            Some(year) if cur.eat_any(&["〕", "]", "］", ")"]) => {
                found.year = Some(year);
                found.style.bracketed_year = true;
            }
            _ => cur.rest = checkpoint,
        }
    }
    if found.year.is_none() {
        let checkpoint = cur.rest;
        match cur.number() {
            Some(year) if cur.eat("年") => found.year = Some(year),
            _ => cur.rest = checkpoint,
        }
    }
    if cur.eat("增刊") {
        found.supplement = true;
    }
    let checkpoint = cur.rest;
    if cur.eat("第") {
        let chinese = !cur.rest.starts_with(|c: char| c.is_ascii_digit());
        match cur.number() {
            Some(n) if cur.eat("期") => {
                found.number = Some(n);
                found.style.chinese_number = chinese;
            }
            _ => cur.rest = checkpoint,
        }
    }
    let checkpoint = cur.rest;
    if cur.eat_any(&["（", "("]) {
        let ok = cur.eat("总第");
        let chinese = !cur.rest.starts_with(|c: char| c.is_ascii_digit());
        match cur.number() {
            Some(t) if ok && cur.eat("期") && cur.eat_any(&["）", ")"]) => {
                found.total = Some(t);
                found.style.chinese_total = chinese;
            }
            _ => cur.rest = checkpoint,
        }
    }
    if bracketed {
        cur.eat_any(&["]", "］", "】"]);
    }
    let any = found.year.is_some() || found.number.is_some() || found.total.is_some() || found.supplement;
    (any && cur.rest.is_empty()).then_some(found)
}

/// Reads a date at the end of a line (`2023 年 3 月 10 日`); returns the text before it
/// (trimmed) and the date.
pub fn split_trailing_date(line: &str) -> Option<(&str, Date)> {
    let trimmed = line.trim_end();
    let body = trimmed.strip_suffix('日')?;
    // Walk back over `Y 年 M 月 D` allowing spaces.
    let mut parts = [0u32; 3];
    let mut end = body.len();
    for (i, unit) in [(2, "月"), (1, "年"), (0, "")] {
        let text = body[..end].trim_end();
        let digits_start = text.len() - text.chars().rev().take_while(char::is_ascii_digit).count();
        let digits = &text[digits_start..];
        if digits.is_empty() || digits.len() > 4 {
            return None;
        }
        parts[i] = digits.parse().ok()?;
        let before = text[..digits_start].trim_end();
        if unit.is_empty() {
            end = digits_start;
        } else {
            end = before.strip_suffix(unit)?.len();
        }
    }
    let date = Date::new(parts[0], parts[1], parts[2])?;
    Some((line[..end].trim(), date))
}

/// Reads a print run: `（共印 100 份）`, `共印100份`.
pub fn parse_copies(line: &str) -> Option<u32> {
    let squeezed = squeeze(line);
    let inner = squeezed
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
        .unwrap_or(&squeezed);
    let mut cur = Cursor {
        rest: inner.strip_prefix("共印")?,
    };
    let n = cur.number()?;
    (cur.eat("份") && cur.rest.is_empty()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(year: Option<u32>, number: Option<u32>, total: Option<u32>, supplement: bool) -> Option<IssueLine> {
        Some(IssueLine {
            year,
            number,
            total,
            supplement,
            style: IssueStyle::default(),
        })
    }

    #[test]
    fn reads_the_issue_lines_bulletins_print() {
        let cases = [
            ("2023 年 第 7 期", line(Some(2023), Some(7), None, false)),
            ("2023年第7期（总第60期）", line(Some(2023), Some(7), Some(60), false)),
            ("(总第 60 期)", line(None, None, Some(60), false)),
            (
                "〔2025〕第八十二期（总第1265期）",
                line(Some(2025), Some(82), Some(1265), false),
            ),
            ("[2012年第5期]", line(Some(2012), Some(5), None, false)),
            ("增刊第7期", line(None, Some(7), None, true)),
            ("2023年增刊第7期", line(Some(2023), Some(7), None, true)),
            ("第一百零五期", line(None, Some(105), None, false)),
            ("北京市科协办公室", None),
            ("第7期是好的", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let without_style = parse_issue_line(text).map(|l| IssueLine {
                style: IssueStyle::default(),
                ..l
            });
            assert_eq!(without_style, expected, "{text}");
        }
    }

    #[test]
    fn reads_the_style_of_the_issue_line() {
        let style = |text: &str| parse_issue_line(text).map(|l| l.style);
        let plain = IssueStyle::default();
        assert_eq!(style("2023年第7期（总第60期）"), Some(plain));
        assert_eq!(
            style("〔2025〕第八十二期（总第1265期）"),
            Some(IssueStyle {
                bracketed_year: true,
                chinese_number: true,
                ..plain
            })
        );
        assert_eq!(
            style("[2012年第5期]"),
            Some(IssueStyle {
                square_brackets: true,
                ..plain
            })
        );
        assert_eq!(
            style("（总第一百期）"),
            Some(IssueStyle {
                chinese_total: true,
                ..plain
            })
        );
    }

    #[test]
    fn reads_dates_with_or_without_spaces() {
        assert_eq!(
            split_trailing_date("2023 年 3 月 10 日"),
            Some((
                "",
                Date {
                    year: 2023,
                    month: 3,
                    day: 10
                }
            ))
        );
        assert_eq!(
            split_trailing_date("北京市科协办公室 2023年3月10日"),
            Some((
                "北京市科协办公室",
                Date {
                    year: 2023,
                    month: 3,
                    day: 10
                }
            ))
        );
        assert_eq!(split_trailing_date("2023年2月30日"), None);
        assert_eq!(split_trailing_date("十日"), None);
    }

    #[test]
    fn reads_chinese_numerals_and_print_runs() {
        assert_eq!(chinese_number("八十二"), Some(82));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("二〇二五"), Some(2025));
        assert_eq!(parse_copies("（共印 100 份）"), Some(100));
        assert_eq!(parse_copies("共印一百份"), Some(100));
        assert_eq!(parse_copies("共印"), None);
    }
}
