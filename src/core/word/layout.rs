//! The page: A4, the GB/T 9704 margins, and the page numbers in the page footers.

use docx_rs::{AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, PageMargin, Paragraph, Run};

use super::styles::{id, FOOTER_CHAR};

/// Twips (1/1440 inch) in a length given in millimetres, rounded.
pub const fn mm_to_twips(mm: u32) -> u32 {
    (mm * 1440 * 10 + 127) / 254
}

/// A4 width, 210 mm, in twips (Word's own figure).
pub const PAGE_WIDTH: u32 = 11906;
/// A4 height, 297 mm, in twips (Word's own figure).
pub const PAGE_HEIGHT: u32 = 16838;
/// Top margin, 37 mm.
pub const TOP: u32 = mm_to_twips(37);
/// Bottom margin, 35 mm.
pub const BOTTOM: u32 = mm_to_twips(35);
/// Left (inside) margin, 28 mm.
pub const LEFT: u32 = mm_to_twips(28);
/// Right (outside) margin, 26 mm.
pub const RIGHT: u32 = mm_to_twips(26);
/// The text block's width, 156 mm.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - LEFT - RIGHT;
/// From the page's bottom edge to the page number's baseline area: the number's line
/// (14 pt, about 6 mm) starts about 7 mm below the text block, as GB/T 9704 asks.
pub const FOOTER_DISTANCE: u32 = mm_to_twips(22);
/// From the page's top edge to the (empty) header.
pub const HEADER_DISTANCE: u32 = mm_to_twips(15);

/// Sets the page size, the margins and the two page footers (odd pages: the number at
/// the right; even pages: at the left; one character in from the text block's edge).
pub fn page(docx: Docx) -> Docx {
    let margin = PageMargin::new()
        .top(TOP as i32)
        .bottom(BOTTOM as i32)
        .left(LEFT as i32)
        .right(RIGHT as i32)
        .header(HEADER_DISTANCE as i32)
        .footer(FOOTER_DISTANCE as i32)
        .gutter(0);
    docx.page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(margin)
        .footer(Footer::new().add_paragraph(page_number(true)))
        .even_footer(Footer::new().add_paragraph(page_number(false)))
}

/// `— N —` from a PAGE field, so the number stays right however the text moves.
fn page_number(odd: bool) -> Paragraph {
    let paragraph = Paragraph::new().style(id::FOOTER);
    let paragraph = if odd {
        paragraph
            .align(AlignmentType::Right)
            .indent(Some(0), None, Some(FOOTER_CHAR as i32), None)
    } else {
        paragraph
            .align(AlignmentType::Left)
            .indent(Some(FOOTER_CHAR as i32), None, Some(0), None)
    };
    paragraph
        .add_run(Run::new().add_text("— "))
        .add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("1")
                .add_field_char(FieldCharType::End, false),
        )
        .add_run(Run::new().add_text(" —"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_in_twips() {
        assert_eq!((TOP, BOTTOM, LEFT, RIGHT), (2098, 1984, 1587, 1474));
        assert_eq!(TEXT_WIDTH, 8845);
    }
}
