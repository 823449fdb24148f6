//! Spaces and punctuation in Chinese text: no spaces between two Chinese characters or
//! beside full-width punctuation, and full-width punctuation beside Chinese text.
//!
//! Spaces between Chinese and Latin letters or digits are neither added nor removed:
//! `2023年第7期` and `2023 年第 7 期` both stay as they are, since official numbers are
//! not ours to respace. Code, links, addresses and character references are never touched
//! (see [`protected`]).

use super::text::{
    is_cjk_context, is_cjk_letter, is_fullwidth_punct, is_shared_punct, map_lines, protected, KEY_LINES,
};
use std::borrow::Cow;

/// A run of white space inside a line (not at either end), with its neighbours.
struct Gap {
    /// The index of the run's first character.
    start: usize,
    /// The index just after the run.
    end: usize,
    /// The character before the run.
    before: char,
    /// The character after the run.
    after: char,
}

/// The runs of white space inside a line that no protected span covers.
fn gaps(chars: &[char]) -> Vec<Gap> {
    let shield = protected(chars);
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if start > 0 && i < chars.len() && !shield[start..i].contains(&true) {
            found.push(Gap {
                start,
                end: i,
                before: chars[start - 1],
                after: chars[i],
            });
        }
    }
    found
}

/// Removes the gaps of one line that `remove` picks; None when it picks none.
fn remove_gaps(line: &str, mut remove: impl FnMut(&[char], &Gap) -> bool) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let doomed: Vec<Gap> = gaps(&chars).into_iter().filter(|gap| remove(&chars, gap)).collect();
    if doomed.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut next = doomed.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        match next.peek() {
            Some(gap) if gap.start == i => {
                i = gap.end;
                next.next();
            }
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    Some(out)
}

/// Whether `chars[at..]` starts with a footer key and its colon (`审核：`): the space
/// before it separates two fields of one line and stays.
fn key_follows(chars: &[char], at: usize) -> bool {
    let rest: String = chars[at..].iter().take(6).collect();
    KEY_LINES
        .iter()
        .any(|key| rest.strip_prefix(key).is_some_and(|r| r.starts_with(['：', ':'])))
}

/// For each position, how deep it sits inside Chinese quotation or book-title marks.
fn quote_depths(chars: &[char]) -> Vec<u32> {
    let mut depth = 0u32;
    chars
        .iter()
        .map(|&c| {
            let here = depth;
            match c {
                '“' | '《' | '「' | '『' | '〈' => depth += 1,
                '”' | '》' | '」' | '』' | '〉' => depth = depth.saturating_sub(1),
                _ => {}
            }
            here
        })
        .collect()
}

/// Removes white space between two Chinese characters (`信 息 简 报`, `科协 工作`).
///
/// Two kinds of space stay: the one before a footer key (`张三　审核：李四`), and inside
/// quotation or book-title marks the one between two phrases of two characters or more,
/// which is how slogans and speech titles are set (`《笃定前行 行稳致远》`).
pub fn cjk_spaces(text: &str) -> Cow<'_, str> {
    let result = map_lines(text, |line| {
        if !line.contains(char::is_whitespace) {
            return None;
        }
        let depths = quote_depths(&line.chars().collect::<Vec<_>>());
        remove_gaps(line, |chars, gap| {
            if !(is_cjk_letter(gap.before) && is_cjk_letter(gap.after)) || key_follows(chars, gap.end) {
                return false;
            }
            let left = chars[..gap.start]
                .iter()
                .rev()
                .take_while(|c| is_cjk_letter(**c))
                .count();
            let right = chars[gap.end..].iter().take_while(|c| is_cjk_letter(**c)).count();
            let slogan = depths[gap.start] > 0 && left >= 2 && right >= 2;
            !slogan
        })
    });
    result.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Removes white space beside full-width punctuation (`你好 ，世界`, `” 庆`).
///
/// Beside a mark Latin text shares (curly quotes, `…`, `—`) a space goes only when the
/// other side is Chinese. A space after ASCII punctuation stays: it may end a Markdown
/// marker (`## 【学会动态】`, `- （一）`).
pub fn punct_spaces(text: &str) -> Cow<'_, str> {
    let result = map_lines(text, |line| {
        if !line.contains(char::is_whitespace) {
            return None;
        }
        remove_gaps(line, |_, gap| {
            let (b, a) = (gap.before, gap.after);
            let plain = |c: char| !c.is_ascii_punctuation();
            (is_fullwidth_punct(b) && plain(a))
                || (is_fullwidth_punct(a) && plain(b))
                || (is_shared_punct(b) && (is_cjk_context(a) || is_shared_punct(a)))
                || (is_shared_punct(a) && is_cjk_context(b))
        })
    });
    result.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// The full-width form of a half-width mark.
fn wide_form(c: char) -> char {
    match c {
        ',' => '，',
        '.' => '。',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        other => other,
    }
}

/// Whether a character is transparent when looking for a mark's neighbour: white space
/// and emphasis markers (`**粗体**,`).
fn transparent(c: char) -> bool {
    c.is_whitespace() || matches!(c, '*' | '_' | '~')
}

/// What a half-width mark needs to be widened, as [`widen`] reads it. One byte per
/// character: a 1 MB line needs several tables of this length.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Need {
    /// Never widened here (shielded, between two digits, a URL's `:`, a run of two dots).
    Nothing,
    /// Widened when its neighbour on either side is Chinese context.
    Beside,
    /// A lone full stop: widened when the character before it is Chinese context.
    After,
    /// The first of a run of three or more full stops: the run becomes `……` when the
    /// character before it is Chinese context.
    Ellipsis,
    /// One of a pair of round brackets (its partner in `partner`): both change when they
    /// hold Chinese text or stand beside Chinese context.
    Pair,
}

/// No index, in the tables of [`widen`] (which hold `u32` indices to stay small).
const NONE: u32 = u32::MAX;

/// An index of the tables of [`widen`], or None.
fn index(k: u32) -> Option<usize> {
    (k != NONE).then_some(k as usize)
}

/// Widens a line's half-width marks; returns the new characters when a mark changed.
///
/// A mark is widened when it stands beside Chinese context, and a widened mark is Chinese
/// context for its neighbours (`真的?!`), so widening spreads along runs of marks. It
/// spreads here through a work list in one pass, each mark looked at when a neighbour
/// changes; sweeping the line again after each change took time that grew with the square
/// of a run of marks (`中文?????…`, one mark per sweep). The result is the same: the
/// marks that a repetition of sweeps would widen, which is the least fixed point.
fn widen(chars: &[char]) -> Option<Vec<char>> {
    // Nothing can change in a line without Chinese context: widening starts beside it.
    if !chars.iter().any(|&c| is_cjk_context(c)) {
        return None;
    }
    let n = chars.len();
    let shield = protected(chars);
    // The nearest characters that are not transparent, before and after each position.
    let mut before: Vec<u32> = vec![NONE; n];
    let mut last = NONE;
    for (i, &c) in chars.iter().enumerate() {
        before[i] = last;
        if !transparent(c) {
            last = i as u32;
        }
    }
    let mut after: Vec<u32> = vec![NONE; n];
    let mut next = NONE;
    for (i, &c) in chars.iter().enumerate().rev() {
        after[i] = next;
        if !transparent(c) {
            next = i as u32;
        }
    }
    // Pair the round brackets first: a pair changes together, so `（…）` never ends `)`.
    let mut partner: Vec<u32> = vec![NONE; n];
    let mut open: Vec<u32> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' if !shield[i] => open.push(i as u32),
            ')' if !shield[i] => {
                if let Some(o) = open.pop() {
                    partner[o as usize] = i as u32;
                    partner[i] = o;
                }
            }
            _ => {}
        }
    }
    // How many CJK letters the line holds before each position, to tell whether a pair
    // of brackets holds Chinese text (only when it has a pair).
    let letters: Vec<u32> = if partner.iter().any(|&p| p != NONE) {
        let mut letters = Vec::with_capacity(n + 1);
        let mut count = 0u32;
        letters.push(0);
        for &c in chars {
            count += u32::from(is_cjk_letter(c));
            letters.push(count);
        }
        letters
    } else {
        Vec::new()
    };
    let dots = |i: usize| chars[i..].iter().take_while(|x| **x == '.').count();
    // What each mark needs, read in the order a sweep reads the line (a run of full stops
    // is read from its first unshielded one).
    let mut need = vec![Need::Nothing; n];
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if shield[i] {
            i += 1;
            continue;
        }
        let digit_both_sides =
            i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        need[i] = match c {
            ',' | ';' | '!' | '?' if !digit_both_sides => Need::Beside,
            ':' if !digit_both_sides && chars.get(i + 1) != Some(&'/') => Need::Beside,
            '.' => {
                let run = dots(i);
                if run > 1 {
                    if run >= 3 && !shield[i..i + run].contains(&true) {
                        need[i] = Need::Ellipsis;
                    }
                    i += run;
                    continue;
                }
                if chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
                    Need::Nothing
                } else {
                    Need::After
                }
            }
            '(' | ')' if partner[i] != NONE => Need::Pair,
            '(' | ')' => Need::Beside,
            _ => Need::Nothing,
        };
        i += 1;
    }
    // Spread: `wide[i]` once the mark at `i` is widened; a widened mark is Chinese context.
    let mut wide = vec![false; n];
    let mut ellipsis = vec![false; n];
    let context = |k: u32, wide: &[bool]| index(k).is_some_and(|k| wide[k] || is_cjk_context(chars[k]));
    let mut work: Vec<u32> = (0..n as u32)
        .rev()
        .filter(|&i| need[i as usize] != Need::Nothing)
        .collect();
    while let Some(i) = work.pop() {
        let i = i as usize;
        if wide[i] || ellipsis[i] {
            continue;
        }
        let mut widened = [NONE; 2];
        match need[i] {
            Need::Beside if context(before[i], &wide) || context(after[i], &wide) => widened[0] = i as u32,
            Need::After if context(before[i], &wide) => widened[0] = i as u32,
            Need::Ellipsis => {
                // `……` is not Chinese context: nothing spreads from it.
                ellipsis[i] = context(before[i], &wide);
            }
            Need::Pair => {
                let p = partner[i] as usize;
                let (open, close) = if i < p { (i, p) } else { (p, i) };
                let holds_chinese = letters[close] > letters[open + 1];
                if holds_chinese || context(before[open], &wide) || context(after[close], &wide) {
                    widened = [open as u32, close as u32];
                }
            }
            Need::Nothing | Need::Beside | Need::After => {}
        }
        for k in widened.into_iter().filter_map(index) {
            wide[k] = true;
            // The marks whose neighbour this is: the nearest on either side.
            work.extend(
                [before[k], after[k]]
                    .into_iter()
                    .filter(|&m| index(m).is_some_and(|m| !wide[m])),
            );
        }
    }
    if !wide.contains(&true) && !ellipsis.contains(&true) {
        return None;
    }
    let mut out: Vec<char> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        if ellipsis[i] {
            // An ellipsis typed as dots after Chinese text is 省略号.
            out.extend(['…', '…']);
            i += dots(i);
            continue;
        }
        out.push(if wide[i] { wide_form(chars[i]) } else { chars[i] });
        i += 1;
    }
    Some(out)
}

/// Half-width `, . : ; ! ? ( )` beside Chinese text become `，。：；！？（）`, and `...`
/// after Chinese text becomes `……`.
///
/// Decimals (`3.14`), thousands (`1,000`), times (`10:30`), URLs, e-mail addresses,
/// Markdown links and images, code and Latin sentences keep their marks. A full stop
/// changes only after Chinese text and not before a Latin letter or digit (`文件.pdf`).
/// A bracket pair changes together, when it holds Chinese text or stands beside it.
pub fn fullwidth_punct(text: &str) -> Cow<'_, str> {
    const HALF: &[char] = &[',', '.', ':', ';', '!', '?', '(', ')'];
    if !text.contains(HALF) {
        return Cow::Borrowed(text);
    }
    let result = map_lines(text, |line| {
        if !line.contains(HALF) {
            return None;
        }
        let chars: Vec<char> = line.chars().collect();
        // One pass widens every mark that repeated sweeps would: the shield is the same
        // after widening (see `protected`), so the result is already a fixed point.
        widen(&chars).map(|chars| chars.into_iter().collect())
    });
    result.map_or(Cow::Borrowed(text), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nearest character before `i` that is not transparent.
    fn before(chars: &[char], i: usize) -> Option<char> {
        chars[..i].iter().rev().copied().find(|&c| !transparent(c))
    }

    /// The nearest character after `i` that is not transparent.
    fn after(chars: &[char], i: usize) -> Option<char> {
        chars[i + 1..].iter().copied().find(|&c| !transparent(c))
    }

    fn beside_chinese(chars: &[char], i: usize) -> bool {
        before(chars, i).is_some_and(is_cjk_context) || after(chars, i).is_some_and(is_cjk_context)
    }

    /// The sweep [`widen`] replaced, kept as the reference: one pass over the line on
    /// the characters as they were before it; repeated until nothing changes.
    fn widen_once(chars: &[char]) -> Option<Vec<char>> {
        let shield = protected(chars);
        // Pair the round brackets first: a pair changes together, so `（…）` never ends `)`.
        let mut partner: Vec<Option<usize>> = vec![None; chars.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '(' if !shield[i] => open.push(i),
                ')' if !shield[i] => {
                    if let Some(o) = open.pop() {
                        partner[o] = Some(i);
                        partner[i] = Some(o);
                    }
                }
                _ => {}
            }
        }
        let mut out: Vec<char> = Vec::with_capacity(chars.len());
        let mut changed = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if shield[i] {
                out.push(c);
                i += 1;
                continue;
            }
            let digit_both_sides =
                i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            let widen = match c {
                ',' | ';' | '!' | '?' => !digit_both_sides && beside_chinese(chars, i),
                ':' => !digit_both_sides && chars.get(i + 1) != Some(&'/') && beside_chinese(chars, i),
                '.' => {
                    let run = chars[i..].iter().take_while(|x| **x == '.').count();
                    let prev_chinese = before(chars, i).is_some_and(is_cjk_context);
                    if run >= 3 && prev_chinese && !shield[i..i + run].contains(&true) {
                        // An ellipsis typed as dots after Chinese text is 省略号.
                        out.extend(['…', '…']);
                        changed = true;
                        i += run;
                        continue;
                    }
                    if run > 1 {
                        out.extend(&chars[i..i + run]);
                        i += run;
                        continue;
                    }
                    let next_is_word = chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric());
                    prev_chinese && !next_is_word
                }
                '(' | ')' => match partner[i] {
                    Some(p) => {
                        let (o, close) = if c == '(' { (i, p) } else { (p, i) };
                        chars[o + 1..close].iter().any(|x| is_cjk_letter(*x))
                            || before(chars, o).is_some_and(is_cjk_context)
                            || after(chars, close).is_some_and(is_cjk_context)
                    }
                    None => beside_chinese(chars, i),
                },
                _ => false,
            };
            if widen {
                out.push(wide_form(c));
                changed = true;
            } else {
                out.push(c);
            }
            i += 1;
        }
        changed.then_some(out)
    }

    fn by_sweeps(line: &str) -> String {
        let mut chars: Vec<char> = line.chars().collect();
        while let Some(next) = widen_once(&chars) {
            chars = next;
        }
        chars.into_iter().collect()
    }

    fn in_one_pass(line: &str) -> String {
        let chars: Vec<char> = line.chars().collect();
        widen(&chars).map_or_else(|| line.to_string(), |chars| chars.into_iter().collect())
    }

    #[test]
    fn one_pass_widens_what_repeated_sweeps_widen() {
        // Random lines over the characters the rule and the shield look at; a small
        // generator of its own keeps the test free of dependencies and repeatable.
        const ALPHABET: &[char] = &[
            ',', '.', ':', ';', '!', '?', '(', ')', '（', '）', '中', '文', '，', ' ', '*', '_', '1', '2', 'a', 'b',
            '[', ']', '`', '<', '>', '/', '@', '&', '“', '…', '—',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let line: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            assert_eq!(in_one_pass(&line), by_sweeps(&line), "{line:?}");
        }
        for line in [
            "中文?????",
            "中(((((",
            "真的?!",
            "中...",
            "中,...",
            "( （中） x",
            "http://a.com,中",
            "[a](b(中 `)`",
        ] {
            assert_eq!(in_one_pass(line), by_sweeps(line), "{line:?}");
        }
    }

    #[test]
    fn a_run_of_marks_after_chinese_text_is_widened_whole() {
        let line = format!("中文{}", "?".repeat(50_000));
        assert_eq!(in_one_pass(&line), format!("中文{}", "？".repeat(50_000)));
    }
}
