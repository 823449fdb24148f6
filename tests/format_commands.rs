//! Native tests of the body's formatting commands (`core::format::commands`): what Ctrl+B,
//! Ctrl+I, Ctrl+K and the list buttons write, with selections counted in UTF-16 units as
//! a browser counts them.

use jianbao::core::format::commands::{apply, byte_offset, Command, Edited};

/// The UTF-16 offset of the first occurrence of `needle` in `text`.
fn at(text: &str, needle: &str) -> u32 {
    text[..text.find(needle).expect("needle")].encode_utf16().count() as u32
}

fn len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// The selected text of an edit.
fn selected(edited: &Edited) -> String {
    let (a, b) = (
        byte_offset(&edited.text, edited.start),
        byte_offset(&edited.text, edited.end),
    );
    edited.text[a..b].to_string()
}

#[test]
fn bold_wraps_the_selection_and_a_second_press_unwraps_it() {
    let text = "会议强调要做好科普工作。";
    let start = at(text, "科普");
    let once = apply(Command::Bold, text, start, start + len("科普"));
    assert_eq!(once.text, "会议强调要做好**科普**工作。");
    assert_eq!(selected(&once), "科普");
    let twice = apply(Command::Bold, &once.text, once.start, once.end);
    assert_eq!(twice.text, text);
    assert_eq!(selected(&twice), "科普");
    // Selecting the marks too unwraps as well.
    let whole = apply(Command::Bold, &once.text, at(&once.text, "**"), at(&once.text, "工作"));
    assert_eq!(whole.text, text);
}

#[test]
fn italic_inside_bold_is_not_mistaken_for_bold() {
    let text = "前文**重点**后文";
    let start = at(text, "重点");
    let italic = apply(Command::Italic, text, start, start + len("重点"));
    assert_eq!(italic.text, "前文***重点***后文");
    let back = apply(Command::Italic, &italic.text, italic.start, italic.end);
    assert_eq!(back.text, text);
}

#[test]
fn with_nothing_selected_the_caret_lands_between_a_new_pair() {
    let text = "正文";
    let caret = len("正");
    let bold = apply(Command::Bold, text, caret, caret);
    assert_eq!(bold.text, "正****文");
    assert_eq!((bold.start, bold.end), (caret + 2, caret + 2));
}

#[test]
fn lists_mark_every_selected_line_and_toggle_back() {
    let text = "会议要求：\n加强组织建设\n做好科普宣传\n\n其他段落。";
    let (a, b) = (at(text, "加强"), at(text, "宣传") + len("宣传"));
    let bullets = apply(Command::BulletList, text, a, b);
    assert_eq!(bullets.text, "会议要求：\n- 加强组织建设\n- 做好科普宣传\n\n其他段落。");
    let numbers = apply(Command::NumberedList, text, a, b);
    assert_eq!(
        numbers.text,
        "会议要求：\n1. 加强组织建设\n2. 做好科普宣传\n\n其他段落。"
    );
    let off = apply(Command::NumberedList, &numbers.text, numbers.start, numbers.end);
    assert_eq!(off.text, text);
    // A caret inside one line marks that line only.
    let one = apply(Command::BulletList, text, a + 1, a + 1);
    assert_eq!(one.text, "会议要求：\n- 加强组织建设\n做好科普宣传\n\n其他段落。");
}

#[test]
fn a_link_selects_its_address_to_type_over() {
    let text = "详见市科协网站。";
    let (a, b) = (at(text, "市科协网站"), at(text, "。"));
    let link = apply(Command::Link, text, a, b);
    assert_eq!(link.text, "详见[市科协网站](https://)。");
    assert_eq!(selected(&link), "https://");
}

#[test]
fn offsets_count_utf16_units_past_characters_outside_the_bmp() {
    // 𠀀 is one character, two UTF-16 units, four bytes.
    let text = "𠀀科普";
    let start = len("𠀀");
    let bold = apply(Command::Bold, text, start, start + len("科普"));
    assert_eq!(bold.text, "𠀀**科普**");
    assert_eq!(selected(&bold), "科普");
    // An offset inside the pair or past the end is clamped, never a panic.
    assert_eq!(byte_offset(text, 1), 0);
    assert_eq!(byte_offset(text, 99), text.len());
    let clamped = apply(Command::Italic, text, 1, 99);
    assert_eq!(clamped.text, "*𠀀科普*");
}
