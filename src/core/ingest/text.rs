//! What the cleanup rules need to know about characters and lines: which characters are
//! Chinese, which punctuation ends a sentence, which lines are Markdown structure, and
//! which stretches of a line (code, links, addresses) no rule may touch.

/// Whether a character is a CJK ideograph (汉字), including 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x30000..=0x3134F)
}

/// Whether a character is a CJK letter for spacing purposes: an ideograph, kana or hangul.
pub fn is_cjk_letter(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xAC00..=0xD7AF)
}

/// Whether a character is unambiguously full-width punctuation: the CJK symbols block
/// (、。《》【】…) and the full-width forms of ASCII punctuation (，！（）：；？…).
///
/// Curly quotes, the ellipsis and the dash are left out: Latin text uses them too (see
/// [`is_shared_punct`]).
pub fn is_fullwidth_punct(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3006 | 0x3008..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Punctuation that Chinese and Latin text share: curly quotes, the ellipsis, dashes and
/// the middle dot. Whether a space beside one is Chinese layout depends on its other side.
pub fn is_shared_punct(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether a character belongs to Chinese running text: a CJK letter or full-width
/// punctuation. Half-width punctuation beside one of these is written full-width.
pub fn is_cjk_context(c: char) -> bool {
    is_cjk_letter(c) || is_fullwidth_punct(c)
}

/// Marks after which a paragraph may end: sentence-final punctuation and the closing
/// brackets and quotes that follow it.
const FINAL: &[char] = &[
    '。', '！', '？', '；', '…', '”', '’', '」', '』', '）', ')', '】', '》', '〉', '〕', '.', '!', '?', ';',
];

/// Marks after which a clause, never a paragraph, continues.
const CLAUSE: &[char] = &['，', '、', ','];

/// The line without the emphasis and code markers that may close it (`**重要。**`).
fn without_closing_markers(line: &str) -> &str {
    line.trim_end().trim_end_matches(['*', '_', '~', '`'])
}

/// Whether a line ends with sentence-final punctuation (emphasis markers aside).
pub fn ends_sentence(line: &str) -> bool {
    without_closing_markers(line).ends_with(FINAL)
}

/// Whether a line ends inside a clause: with a comma or an enumeration comma.
pub fn ends_clause(line: &str) -> bool {
    without_closing_markers(line).ends_with(CLAUSE)
}

/// Whether a line ends with a colon, which introduces what follows (a list, a quote).
pub fn ends_colon(line: &str) -> bool {
    without_closing_markers(line).ends_with(['：', ':'])
}

/// The longest line (in characters, white space not counted) that can be a title.
pub const TITLE_MAX_CHARS: usize = 40;

/// Marks a title never ends with: a title may end with a closing quote or bracket
/// (`学会举办“科普日”`), but not with a full stop, a comma or a colon.
const NOT_TITLE_END: &[char] = &[
    '。', '！', '？', '；', '…', '，', '、', '：', '.', '!', '?', ';', ',', ':',
];

/// Whether a line reads like a title: short, with no sentence punctuation inside it and
/// none at its end (a title may hold 、, quotes, 《》 and numbers).
pub fn is_title_like(line: &str) -> bool {
    let text = line.trim();
    // Counted only as far as the limit: a paragraph being joined line by line asks again
    // after each line.
    let count = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(TITLE_MAX_CHARS + 1)
        .count();
    count > 0
        && count <= TITLE_MAX_CHARS
        && !without_closing_markers(text).ends_with(NOT_TITLE_END)
        && !text.contains(['，', '。', '；', '！', '？', ',', ';'])
}

/// Keys that start a footer line or a by-line: `编辑：…`, `供稿：…`.
pub const KEY_LINES: [&str; 14] = [
    "责任编辑",
    "编辑",
    "审核",
    "签发",
    "核稿",
    "校对",
    "主编",
    "撰稿",
    "摄影",
    "通讯员",
    "供稿",
    "来源",
    "稿件来源",
    "信息来源",
];

/// Labels that start a distribution group, longest first (抄送 before 送).
pub const DISTRIBUTION_LABELS: [&str; 6] = ["抄送", "抄报", "分送", "报", "送", "发"];

/// The text after `key：` or `key:` at the start of a line.
pub fn after_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.trim_start().strip_prefix(key)?.strip_prefix(['：', ':'])
}

/// Whether a line is a footer or by-line key line (`编辑：张三`, `来源：某中心`).
pub fn is_key_line(line: &str) -> bool {
    KEY_LINES.iter().any(|key| after_key(line, key).is_some())
}

/// Whether a line starts a distribution group (`分送：…`).
pub fn is_distribution_line(line: &str) -> bool {
    DISTRIBUTION_LABELS.iter().any(|label| after_key(line, label).is_some())
}

/// Whether a whole line is one pair of brackets, `（…）` or `(…)`: sources, or a print run.
pub fn is_bracketed_line(line: &str) -> bool {
    let t = line.trim();
    let full = t.starts_with('（') && t.ends_with('）');
    let half = t.starts_with('(') && t.ends_with(')');
    (full || half) && t.chars().nth(1).is_some()
}

/// Whether a whole line is a date, `2023年3月10日` (spaces allowed).
pub fn is_date_line(line: &str) -> bool {
    // A date has at most 15 characters besides white space (`2023年12月31日`, digits
    // four at most): a longer line is not read further.
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).take(16).collect();
    if squeezed.chars().nth(15).is_some() {
        return false;
    }
    let mut rest = squeezed.as_str();
    for unit in ['年', '月', '日'] {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if !(1..=4).contains(&digits) {
            return false;
        }
        match rest[digits..].strip_prefix(unit) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether a line starts the way a news text's first sentence does: with a date
/// (`4月2日，…`, `2024年…`) or a word such as 近日 or 日前. A title never runs on into such
/// a line.
pub fn starts_news_lead(line: &str) -> bool {
    let line = line.trim_start();
    if [
        "近日",
        "日前",
        "近期",
        "今年以来",
        "本周",
        "上周",
        "当天",
        "昨天",
        "今天",
    ]
    .iter()
    .any(|word| line.starts_with(word))
    {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    match digits {
        4 => rest.starts_with('年'),
        1 | 2 => rest
            .strip_prefix('月')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())),
        _ => false,
    }
}

/// Chinese numerals as enumerators use them.
fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Whether a line starts with a Chinese enumerator (`一、`, `（一）`, `(1)`, `1、`, `①`),
/// which always begins a new paragraph.
pub fn starts_with_enumerator(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('\u{2460}'..='\u{249B}').contains(&first) || ('\u{3251}'..='\u{325F}').contains(&first) {
        return true;
    }
    let numeral_then = |text: &str, ends: &[char]| {
        let numeral = text
            .char_indices()
            .take_while(|&(_, c)| is_chinese_numeral(c) || c.is_ascii_digit())
            .take(4)
            .map(|(at, c)| at + c.len_utf8())
            .collect::<Vec<_>>();
        let count = numeral.len();
        count > 0 && count <= 3 && text[numeral[count - 1]..].starts_with(ends)
    };
    if let Some(inner) = t.strip_prefix(['（', '(']) {
        return numeral_then(inner, &['）', ')']);
    }
    if is_chinese_numeral(first) {
        return numeral_then(t, &['、', '．']);
    }
    if first.is_ascii_digit() {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let rest = &t[digits..];
        return digits <= 3
            && (rest.starts_with(['、', '．'])
                || rest
                    .strip_prefix('.')
                    .is_some_and(|after| after.chars().next().is_some_and(is_cjk_context)));
    }
    false
}

/// Up to three leading spaces removed, as CommonMark allows before structure; None when
/// the line is indented more (indented code, or a list item's continuation).
fn block_start(line: &str) -> Option<&str> {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    (spaces <= 3).then(|| &line[spaces..])
}

/// Whether a line opens or closes a code fence: its marker character and length.
pub fn fence_marker(line: &str) -> Option<(char, usize)> {
    let rest = block_start(line)?;
    let c = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let count = rest.chars().take_while(|&x| x == c).count();
    (count >= 3).then_some((c, count))
}

/// Whether a line is an ATX heading (`#` to `######`).
pub fn is_heading(line: &str) -> bool {
    let Some(rest) = block_start(line) else {
        return false;
    };
    let level = rest.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&level) && (rest.len() == level || rest[level..].starts_with([' ', '\t']))
}

/// The text of an ATX heading, without its marks, closing sequence and `**…**` wrapper.
pub fn heading_text(line: &str) -> Option<&str> {
    if !is_heading(line) {
        return None;
    }
    let rest = line.trim_start().trim_start_matches('#').trim();
    let without_closing = rest.trim_end_matches('#');
    let rest = if without_closing.len() < rest.len() && (without_closing.is_empty() || without_closing.ends_with(' ')) {
        without_closing.trim_end()
    } else {
        rest
    };
    let unbolded = rest
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .filter(|r| !r.contains("**") && !r.is_empty());
    Some(unbolded.unwrap_or(rest).trim())
}

/// Whether a line is a thematic break (`---`, `***`, `___`) or a setext underline (`===`).
pub fn is_rule_line(line: &str) -> bool {
    let Some(rest) = block_start(line) else {
        return false;
    };
    // Read without copying, and only up to the first character that is not the mark.
    let mut marks = rest.chars().filter(|c| *c != ' ' && *c != '\t');
    let Some(first) = marks.next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_' | '=') {
        return false;
    }
    let mut count = 1;
    for c in marks {
        if c != first {
            return false;
        }
        count += 1;
    }
    first == '=' || count >= 3
}

/// Whether a line is a list item: `- `, `* `, `+ `, `1. ` or `1) ` (or the bare marker).
pub fn is_list_item(line: &str) -> bool {
    let Some(rest) = block_start(line) else {
        return false;
    };
    let marker_end = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if !(1..=9).contains(&digits) || !rest[digits..].starts_with(['.', ')']) {
            return false;
        }
        digits + 1
    };
    let after = &rest[marker_end..];
    after.is_empty() || after.starts_with([' ', '\t'])
}

/// Whether a line is Markdown structure that joins nothing: a heading, a rule, a list
/// item, a quote, a table row, an HTML block, a link definition, or an indented line
/// (code, or the continuation of a list item).
pub fn is_markdown_structure(line: &str) -> bool {
    let Some(rest) = block_start(line) else {
        return !line.trim().is_empty();
    };
    is_heading(line)
        || is_rule_line(line)
        || is_list_item(line)
        || fence_marker(line).is_some()
        || rest.starts_with('>')
        || rest.contains('|')
        || rest.starts_with('\t')
        || (rest.starts_with('<') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'))
        || (rest.starts_with('[') && rest.contains("]:"))
}

/// The lines of a text with whether each belongs to a fenced code block (its fences
/// included), in order. The rules leave those lines exactly as they are.
pub fn lines_with_fences(text: &str) -> Vec<(&str, bool)> {
    let mut open: Option<(char, usize)> = None;
    text.split('\n')
        .map(|line| {
            let marker = fence_marker(line);
            match (open, marker) {
                (None, Some(m)) => {
                    open = Some(m);
                    (line, true)
                }
                (Some((c, n)), Some((mc, mn)))
                    if c == mc && mn >= n && line.trim_start().trim_start_matches(c).trim().is_empty() =>
                {
                    open = None;
                    (line, true)
                }
                (Some(_), _) => (line, true),
                (None, None) => (line, false),
            }
        })
        .collect()
}

/// Maps every line outside code fences through `f`; returns the text unchanged when no
/// line changed.
///
/// Nothing is copied until a line changes: the text before it is copied once, then each
/// line after it.
pub fn map_lines(text: &str, mut f: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut out: Option<String> = None;
    let mut start = 0; // where the current line starts in `text`
    for (line, fenced) in lines_with_fences(text) {
        let new = if fenced {
            None
        } else {
            f(line).filter(|new| new != line)
        };
        match (&mut out, new) {
            (Some(out), new) => {
                out.push('\n');
                out.push_str(new.as_deref().unwrap_or(line));
            }
            (None, Some(new)) => {
                let mut first = String::with_capacity(text.len());
                first.push_str(&text[..start]);
                first.push_str(&new);
                out = Some(first);
            }
            (None, None) => {}
        }
        start += line.len() + 1;
    }
    out
}

/// Which characters of a line no rule may change: inline code, HTML tags and comments,
/// autolinks, URLs, e-mail addresses, Markdown link destinations, character references,
/// the `!` of an image, and a leading ordered-list marker. One flag per character.
///
/// It takes time linear in the line: every closing part (the backticks that close a code
/// span, the `>` of a tag, the `)` of a link destination) is found through tables made in
/// one pass, never by a search from each opening part, which took time quadratic in the
/// line on a line of openers that nothing closes (`<a <a <a …`, `](](](…`).
///
/// A link destination's brackets are counted in both widths (`(` and `（`), so that the
/// shield stays the same when [`fullwidth_punct`](super::spacing::fullwidth_punct) widens
/// the brackets around it; that rule can then widen everything in one pass.
pub fn protected(chars: &[char]) -> Vec<bool> {
    let mut shield = vec![false; chars.len()];
    let mark = |from: usize, to: usize, shield: &mut Vec<bool>| {
        for flag in &mut shield[from..to.min(chars.len())] {
            *flag = true;
        }
    };
    // A leading list marker, `1.` or `1)`.
    let indent = chars.iter().take_while(|c| **c == ' ').count();
    let digits = chars[indent..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && matches!(chars.get(indent + digits), Some('.' | ')')) {
        mark(0, indent + digits + 1, &mut shield);
    }
    let runs = BacktickRuns::of(chars);
    let closes = bracket_closes(chars);
    // The last `>` found, or None once a search found none: it stays the next `>` until
    // `i` passes it, and after a search that found none no later one can find any.
    let mut next_gt: Option<Option<usize>> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|x| **x == '`').count();
            if let Some(k) = runs.next_of_length(run, i + run) {
                mark(i, k + run, &mut shield);
                i = k + run;
                continue;
            }
            i += run;
            continue;
        }
        if c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
        {
            let found = match next_gt {
                Some(Some(k)) if k > i => Some(k),
                Some(None) => None,
                _ => (i + 1..chars.len()).find(|&k| chars[k] == '>'),
            };
            next_gt = Some(found);
            if let Some(k) = found {
                mark(i, k + 1, &mut shield);
                i = k + 1;
                continue;
            }
        }
        if c == '&' {
            let name = chars[i + 1..]
                .iter()
                .take(10)
                .take_while(|x| x.is_ascii_alphanumeric() || **x == '#')
                .count();
            if name > 0 && chars.get(i + 1 + name) == Some(&';') {
                mark(i, i + name + 2, &mut shield);
                i += name + 2;
                continue;
            }
        }
        if c == '!' && chars.get(i + 1) == Some(&'[') {
            mark(i, i + 1, &mut shield);
        }
        if c == ']' && chars.get(i + 1) == Some(&'(') {
            if let Some(&k) = closes.get(&(i + 1)) {
                mark(i + 1, k + 1, &mut shield);
                i = k + 1;
                continue;
            }
        }
        if c == ']' && chars.get(i + 1) == Some(&':') && chars.first() == Some(&'[') {
            mark(i + 1, chars.len(), &mut shield);
            break;
        }
        if let Some(end) = url_end(chars, i) {
            mark(i, end, &mut shield);
            i = end;
            continue;
        }
        if c == '@' {
            if let Some((from, to)) = email_around(chars, i) {
                mark(from, to, &mut shield);
                i = to;
                continue;
            }
        }
        i += 1;
    }
    shield
}

/// The runs of backticks of a line, to find the run that closes a code span: the next
/// run of exactly the same length.
struct BacktickRuns {
    /// For each run length, the starts of the runs of that length, ascending.
    starts: std::collections::HashMap<usize, Vec<usize>>,
}

impl BacktickRuns {
    fn of(chars: &[char]) -> BacktickRuns {
        let mut starts: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != '`' {
                i += 1;
                continue;
            }
            let run = chars[i..].iter().take_while(|x| **x == '`').count();
            starts.entry(run).or_default().push(i);
            i += run;
        }
        BacktickRuns { starts }
    }

    /// The start of the first run of exactly `length` backticks that starts at or after
    /// `from`.
    fn next_of_length(&self, length: usize, from: usize) -> Option<usize> {
        let starts = self.starts.get(&length)?;
        starts.get(starts.partition_point(|&s| s < from)).copied()
    }
}

/// For each link destination's opening bracket (a `(` right after `]`), the index of the
/// bracket that closes it, counting brackets of both widths (`(` and `（`) alike.
fn bracket_closes(chars: &[char]) -> std::collections::HashMap<usize, usize> {
    let mut closes = std::collections::HashMap::new();
    // The open brackets, and whether each opens a link destination.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push((k, c == '(' && k > 0 && chars[k - 1] == ']')),
            ')' | '）' => {
                if let Some((o, true)) = open.pop() {
                    closes.insert(o, k);
                }
            }
            _ => {}
        }
    }
    closes
}

/// Whether `chars[at..]` starts with `prefix`, ignoring ASCII case.
fn starts_with_at(chars: &[char], at: usize, prefix: &str) -> bool {
    let n = prefix.chars().count();
    at + n <= chars.len()
        && chars[at..at + n]
            .iter()
            .zip(prefix.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b))
}

/// The end of a URL starting at `at` (`http://`, `https://`, `ftp://`, `www.`, `mailto:`):
/// it runs to white space, Chinese text or an angle bracket, less any trailing punctuation.
fn url_end(chars: &[char], at: usize) -> Option<usize> {
    // Every prefix starts with one of these letters: most characters stop here.
    if !matches!(chars[at].to_ascii_lowercase(), 'h' | 'f' | 'w' | 'm')
        || (at > 0 && chars[at - 1].is_ascii_alphanumeric())
    {
        return None;
    }
    let scheme = ["http://", "https://", "ftp://", "www.", "mailto:"]
        .iter()
        .any(|p| starts_with_at(chars, at, p));
    if !scheme {
        return None;
    }
    let mut end = at;
    while end < chars.len() {
        let c = chars[end];
        if c.is_whitespace() || is_cjk_context(c) || is_shared_punct(c) || matches!(c, '<' | '>' | '"') || !c.is_ascii()
        {
            break;
        }
        end += 1;
    }
    // Punctuation that ends the sentence is not part of the address, nor is an unmatched
    // closing bracket. (The brackets are counted once, then as they are taken off.)
    let mut opens = chars[at..end].iter().filter(|c| **c == '(').count();
    let mut closes = chars[at..end].iter().filter(|c| **c == ')').count();
    while let Some(&last) = chars[at..end].last() {
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '(') || (last == ')' && closes > opens) {
            end -= 1;
            match last {
                '(' => opens -= 1,
                ')' => closes -= 1,
                _ => {}
            }
        } else {
            break;
        }
    }
    (end > at).then_some(end)
}

/// The span of an e-mail address around the `@` at `at`, if there is one.
fn email_around(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let local = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let domain = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    let from = at - chars[..at].iter().rev().take_while(|c| local(c)).count();
    let mut to = at + 1 + chars[at + 1..].iter().take_while(|c| domain(c)).count();
    while to > at + 1 && matches!(chars[to - 1], '.' | '-') {
        to -= 1;
    }
    let host: String = chars[at + 1..to].iter().collect();
    let tld_ok = host
        .rsplit_once('.')
        .is_some_and(|(name, tld)| !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    (from < at && tld_ok).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shield as it was computed before it took linear time, kept as the reference:
    /// a search from each opening part for its closing part.
    fn protected_by_search(chars: &[char]) -> Vec<bool> {
        let mut shield = vec![false; chars.len()];
        let mark = |from: usize, to: usize, shield: &mut Vec<bool>| {
            for flag in &mut shield[from..to.min(chars.len())] {
                *flag = true;
            }
        };
        // A leading list marker, `1.` or `1)`.
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let digits = chars[indent..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && matches!(chars.get(indent + digits), Some('.' | ')')) {
            mark(0, indent + digits + 1, &mut shield);
        }
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '`' {
                let run = chars[i..].iter().take_while(|x| **x == '`').count();
                let close = (i + run..chars.len()).find(|&k| {
                    chars[k] == '`'
                        && chars[k..].iter().take_while(|x| **x == '`').count() == run
                        && (k == 0 || chars[k - 1] != '`')
                });
                if let Some(k) = close {
                    mark(i, k + run, &mut shield);
                    i = k + run;
                    continue;
                }
                i += run;
                continue;
            }
            if c == '<'
                && chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
            {
                if let Some(k) = (i + 1..chars.len()).find(|&k| chars[k] == '>') {
                    mark(i, k + 1, &mut shield);
                    i = k + 1;
                    continue;
                }
            }
            if c == '&' {
                let name = chars[i + 1..]
                    .iter()
                    .take(10)
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == '#')
                    .count();
                if name > 0 && chars.get(i + 1 + name) == Some(&';') {
                    mark(i, i + name + 2, &mut shield);
                    i += name + 2;
                    continue;
                }
            }
            if c == '!' && chars.get(i + 1) == Some(&'[') {
                mark(i, i + 1, &mut shield);
            }
            if c == ']' && chars.get(i + 1) == Some(&'(') {
                let mut depth = 0usize;
                let close = (i + 1..chars.len()).find(|&k| {
                    match chars[k] {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                });
                if let Some(k) = close {
                    mark(i + 1, k + 1, &mut shield);
                    i = k + 1;
                    continue;
                }
            }
            if c == ']' && chars.get(i + 1) == Some(&':') && chars.first() == Some(&'[') {
                mark(i + 1, chars.len(), &mut shield);
                break;
            }
            if let Some(end) = url_end(chars, i) {
                mark(i, end, &mut shield);
                i = end;
                continue;
            }
            if c == '@' {
                if let Some((from, to)) = email_around(chars, i) {
                    mark(from, to, &mut shield);
                    i = to;
                    continue;
                }
            }
            i += 1;
        }
        shield
    }

    #[test]
    fn the_shield_is_what_searching_from_each_opening_part_finds() {
        // Without full-width brackets (which the shield now counts in a link destination)
        // the two agree on every line; a small generator keeps the test repeatable.
        const ALPHABET: &[char] = &[
            '`', '<', '>', 'a', '/', '!', '[', ']', '(', ')', ':', '&', '#', ';', '@', '.', 'h', 't', 'p', 'w', 'c',
            'n', ' ', '中', '1', '"', ',',
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 32) as usize;
            let chars: Vec<char> = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let line: String = chars.iter().collect();
            assert_eq!(protected(&chars), protected_by_search(&chars), "{line:?}");
        }
        for line in [
            "http://a.b/c,,,",
            "www.((((",
            "[a](b(c)d)e",
            "`a``b`",
            "<a <b>",
            "x@y.cn.z@w.org",
            "1. a",
        ] {
            let chars: Vec<char> = line.chars().collect();
            assert_eq!(protected(&chars), protected_by_search(&chars), "{line:?}");
        }
    }

    #[test]
    fn a_link_destination_counts_brackets_of_both_widths() {
        let chars: Vec<char> = "[a](b（c）d)e".chars().collect();
        let shield = protected(&chars);
        assert!(shield[3..=9].iter().all(|s| *s) && !shield[10], "{shield:?}");
    }
}
