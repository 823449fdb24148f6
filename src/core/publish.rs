//! What leaves Jianbao besides the exported HTML file: file names, rich text with inline
//! styles for the clipboard (WeChat's and Word's editors drop stylesheets), and plain text.

use crate::core::issue::{Issue, Masthead};
use crate::core::render::render_issue;

/// The stem of an exported file's name: `科协每周动态-2023年第7期`, with characters that
/// are invalid in file names on Windows, macOS or Linux replaced by `_`, no trailing dots
/// or spaces, not a reserved Windows device name, at most 80 characters.
pub fn file_stem(masthead: &Masthead) -> String {
    let name = masthead.short_name().replace(' ', "-");
    let mut stem: String = name
        .chars()
        .map(|c| {
            if matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    while stem.ends_with(['.', ' ']) {
        stem.pop();
    }
    let upper = stem.to_ascii_uppercase();
    let base = upper.split('.').next().unwrap_or("");
    let reserved = matches!(base, "CON" | "PRN" | "AUX" | "NUL")
        || (base.len() == 4
            && (base.starts_with("COM") || base.starts_with("LPT"))
            && base.as_bytes()[3].is_ascii_digit());
    if stem.is_empty() || stem.chars().all(|c| c == '_' || c == '-') {
        "简报".to_string()
    } else if reserved {
        format!("_{stem}")
    } else {
        stem
    }
}

const FANGSONG: &str = "font-family:'仿宋_GB2312','FangSong_GB2312','仿宋','FangSong','STFangsong',serif";
const HEITI: &str = "font-family:'SimHei','STHeiti','Heiti SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif";
const XIAOBIAOSONG: &str = "font-family:'方正小标宋简体','FZXiaoBiaoSong-B05S','SimSun','Noto Serif CJK SC',serif";

/// Inline styles by class, for the rich-text copy.
fn style_for(class: &str) -> Option<String> {
    let style = match class {
        "bulletin" => format!("{FANGSONG};font-size:16pt;line-height:1.8;color:#000;max-width:156mm"),
        "masthead" => "text-align:center;border-bottom:3px solid #E60012;padding-bottom:6pt;margin-bottom:12pt".into(),
        "masthead-title" => format!("{XIAOBIAOSONG};color:#E60012;font-size:36pt;font-weight:normal;letter-spacing:4pt;margin:0 0 6pt;text-align:center"),
        "masthead-issue" => "text-align:center;margin:0".into(),
        "masthead-meta" => "display:flex;justify-content:space-between;margin:6pt 0 0".into(),
        "toc" => "border:1px solid #000;padding:6pt 12pt;margin:12pt 0".into(),
        "toc-heading" => format!("{HEITI};font-size:16pt;text-align:center;margin:0 0 6pt"),
        "toc-list" => "list-style:none;margin:0;padding:0".into(),
        "section-heading" => format!("{HEITI};font-size:16pt;margin:12pt 0 6pt"),
        "column-heading" => "font-family:'楷体_GB2312','KaiTi','STKaiti',serif;font-weight:bold;font-size:16pt;margin:8pt 0 4pt".into(),
        "item-title" => format!("{HEITI};font-size:16pt;text-align:center;margin:12pt 0 4pt"),
        "colophon" => "border-top:1px solid #000;margin-top:24pt;padding-top:6pt;font-size:14pt".into(),
        "distribution" => "border-top:1px solid #000;border-bottom:1px solid #000;padding:4pt 0;margin:6pt 0".into(),
        "colophon-copies" => "text-align:right;margin:0".into(),
        _ => return None,
    };
    Some(style)
}

/// The issue as HTML with inline styles, for pasting into the WeChat public-platform
/// editor or Word: the same markup as the preview, each element styled in place.
pub fn rich_html(issue: &Issue) -> String {
    let mut html = String::new();
    render_issue(issue, &mut html);
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        out.push_str(&style_tag(tag));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Adds a `style` attribute to one opening tag, by its class or (for body paragraphs) its name.
fn style_tag(tag: &str) -> String {
    if tag.starts_with("</") || tag.contains(" style=") {
        return tag.to_string();
    }
    let class = tag
        .split("class=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|c| c.split(' ').next());
    let style = match class.and_then(style_for) {
        Some(style) => style,
        None if tag == "<p>" => "text-indent:2em;text-align:justify;margin:0".into(),
        None => return tag.to_string(),
    };
    let cut = tag.len() - if tag.ends_with("/>") { 2 } else { 1 };
    format!(
        "{} style=\"{}\"{}",
        &tag[..cut],
        style.replace('"', "&quot;"),
        &tag[cut..]
    )
}

/// The issue as plain text: masthead, 目录提要, sections, items with their sources, footer.
pub fn plain_text(issue: &Issue) -> String {
    let mut out = String::new();
    let m = &issue.masthead;
    out.push_str(&m.title);
    out.push('\n');
    let line = m.issue_line();
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    let date = m.date.map(|d| d.to_chinese()).unwrap_or_default();
    let meta = [m.publisher.as_str(), date.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("　");
    if !meta.is_empty() {
        out.push_str(&meta);
        out.push('\n');
    }
    // Sections and columns without items are left out, as in every output.
    for section in issue.sections.iter().filter(|s| s.is_printed()) {
        out.push('\n');
        if !section.is_lead() {
            out.push_str(&crate::core::issue::bracketed(&section.heading));
            out.push_str("\n\n");
        }
        let columns = section
            .columns
            .iter()
            .filter(|c| c.is_printed())
            .flat_map(|c| std::iter::once(Err(c.heading.as_str())).chain(c.items.iter().map(Ok)));
        for entry in section.items.iter().map(Ok).chain(columns) {
            match entry {
                Err(heading) => out.push_str(&format!("{heading}\n\n")),
                Ok(item) => {
                    out.push_str(&item.title);
                    out.push_str("\n\n");
                    let body = plain_body(&item.body);
                    if !body.is_empty() {
                        out.push_str(&body);
                    }
                    if !item.sources.is_empty() {
                        out.push_str(&format!("（{}）", item.sources.join("、")));
                    }
                    out.push_str("\n\n");
                }
            }
        }
    }
    let f = &issue.footer;
    let staff: Vec<String> = [("编辑", &f.editor), ("审核", &f.reviewer), ("签发", &f.signer)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}：{v}"))
        .collect();
    if !staff.is_empty() {
        out.push_str(&staff.join("　"));
        out.push('\n');
    }
    for group in &f.distribution {
        for (n, line) in group.lines.iter().enumerate() {
            let lead = if n == 0 {
                format!("{}：", group.label)
            } else {
                "　".repeat(group.label.chars().count() + 1)
            };
            out.push_str(&format!("{lead}{line}\n"));
        }
    }
    if let Some(copies) = f.copies {
        out.push_str(&format!("（共印{copies}份）\n"));
    }
    out.trim_end().to_string() + "\n"
}

/// An item body's text without Markdown markup: paragraphs on their own lines.
pub fn plain_body(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => out.push_str(&text),
            Event::SoftBreak => {}
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => out.push_str("· "),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock) => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_issue;

    #[test]
    fn file_stems_are_safe_everywhere() {
        let mut m = Masthead {
            title: "科协每周动态".into(),
            year: Some(2023),
            number: Some(7),
            ..Masthead::default()
        };
        assert_eq!(file_stem(&m), "科协每周动态-2023年第7期");
        let cases = [
            ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"),
            ("CON", "_CON"),
            ("lpt1", "_lpt1"),
            ("名称...", "名称"),
            ("", "简报"),
            ("///", "简报"),
        ];
        for (title, expected) in cases {
            m.title = title.into();
            m.year = None;
            m.number = None;
            assert_eq!(file_stem(&m), expected, "{title}");
        }
    }

    #[test]
    fn rich_html_styles_every_part_inline_and_stays_safe() {
        let html = rich_html(&sample_issue());
        assert!(html.contains("<h1 class=\"masthead-title\" style=\""), "{html}");
        assert!(html.contains("color:#E60012"));
        assert!(html.contains("<p style=\"text-indent:2em"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn plain_text_reads_like_the_bulletin() {
        let text = plain_text(&sample_issue());
        assert!(text.starts_with("科协工作简报\n2024年第3期（总第41期）\n"), "{text}");
        assert!(text.contains("【学会动态】"));
        assert!(text.contains("（市植物保护学会、市科技社团服务中心）"));
        assert!(text.contains("编辑：王晓明　审核：陈立华"));
        assert!(!text.contains("**"), "markup is gone");
    }
}
