//! The Word export printed by LibreOffice: the sample issue's and the seed's `.docx`
//! convert to PDF headless without error, and the PDF is A4, holds every title, body
//! paragraph and source in order, and has within one page as many pages as the HTML
//! print of the same issue (Chromium's `--print-to-pdf` of the standalone file). The
//! bad inputs of issue 17 (`common::bad_issues`: control characters and other planes,
//! every field empty, 1,000 items, a 1 MB item) print too, with all their text.
//!
//! These tests need Debian's `libreoffice-writer-nogui`, `poppler-utils` and `chromium`;
//! `cargo xtask test` installs them (its `word` level runs this file). When a tool is
//! absent, the tests fail and say which package to install: they never pass unchecked.
//! Set `JIANBAO_UPDATE_DOCS=1` to refresh the page images in `docs/` from the seed.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::bad_issues;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::texts::{assert_in_order, expected_texts, squeeze};
use jianbao::core::ingest::import_bulletin;
use jianbao::core::issue::Issue;
use jianbao::core::render::{standalone_document, BULLETIN_CSS};
use jianbao::core::sample::sample_issue;
use jianbao::core::word::issue_docx;

/// A4 in PostScript points, and how far a PDF's page may differ from it.
const A4: (f64, f64) = (595.28, 841.89);
const A4_TOLERANCE: f64 = 2.0;

/// The path of a tool, or a failure naming the Debian package that has it.
fn tool(name: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "{name} is not installed, so the Word export cannot be checked: install Debian's \
             {package} (`cargo xtask test --only word` installs it)"
        )
    })
}

/// A folder for one test's files, emptied first.
fn work_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jianbao-word-print-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Runs a command; fails with its output when it does not succeed.
fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("{command:?} did not start: {err}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Converts a `.docx` to PDF with LibreOffice headless, in a private profile.
fn libreoffice_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let soffice = tool("soffice", "libreoffice-writer-nogui");
    let profile = dir.join("lo-profile");
    let start = Instant::now();
    run(Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx));
    let pdf = docx.with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote no {}", pdf.display());
    eprintln!(
        "LibreOffice converted {} in {:.1} s",
        docx.file_name().unwrap().to_string_lossy(),
        start.elapsed().as_secs_f64()
    );
    pdf
}

/// Prints the standalone HTML file with headless Chromium, as a reader would.
fn chromium_pdf(html: &Path, dir: &Path) -> PathBuf {
    let chromium = tool("chromium", "chromium");
    let pdf = html.with_extension("html.pdf");
    run(Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", dir.join("chromium-profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display())));
    assert!(pdf.is_file(), "Chromium wrote no {}", pdf.display());
    pdf
}

/// The page count and the first page's size in points, by pdfinfo.
fn pdf_info(pdf: &Path) -> (usize, f64, f64) {
    let info = run(Command::new(tool("pdfinfo", "poppler-utils")).arg(pdf));
    let field = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo gave no {name} for {}:\n{info}", pdf.display()))
            .to_string()
    };
    let pages = field("Pages:").parse().expect("a page count");
    let size = field("Page size:");
    let mut numbers = size.split_whitespace().filter_map(|word| word.parse::<f64>().ok());
    let (width, height) = (numbers.next().expect("a width"), numbers.next().expect("a height"));
    (pages, width, height)
}

/// The text of every page, squeezed, each page's own number `— N —` taken out, joined.
fn pdf_text(pdf: &Path, pages: usize) -> String {
    let pdftotext = tool("pdftotext", "poppler-utils");
    (1..=pages)
        .map(|n| {
            let page = run(Command::new(&pdftotext)
                .args(["-enc", "UTF-8", "-f", &n.to_string(), "-l", &n.to_string()])
                .arg(pdf)
                .arg("-"));
            let page = squeeze(&page);
            let number = format!("—{n}—");
            assert!(
                page.contains(&number),
                "page {n} does not show its number `— {n} —`: {page}"
            );
            page.replacen(&number, "", 1)
        })
        .collect()
}

/// Exports the issue to Word and HTML, prints both, and checks the Word print. Returns
/// the Word PDF and its page count.
fn check(issue: &Issue, name: &str) -> (PathBuf, usize) {
    let dir = work_dir(name);
    let docx = dir.join(format!("{name}.docx"));
    let bytes = issue_docx(issue).expect("the export succeeds");
    std::fs::write(&docx, &bytes).unwrap();
    let pdf = libreoffice_pdf(&docx, &dir);
    let (pages, width, height) = pdf_info(&pdf);
    assert!(
        (width - A4.0).abs() <= A4_TOLERANCE && (height - A4.1).abs() <= A4_TOLERANCE,
        "the Word print is {width} × {height} pt, not A4"
    );
    let text = pdf_text(&pdf, pages);
    let mut needles = vec![squeeze(&issue.masthead.title), squeeze(&issue.masthead.issue_line())];
    needles.extend(expected_texts(issue));
    assert_in_order(&text, &needles);

    let html = dir.join(format!("{name}.html"));
    std::fs::write(&html, standalone_document(issue, BULLETIN_CSS)).unwrap();
    let (html_pages, _, _) = pdf_info(&chromium_pdf(&html, &dir));
    eprintln!(
        "{name}: .docx {} bytes; LibreOffice prints {pages} pages, Chromium prints the HTML on {html_pages}",
        bytes.len()
    );
    assert!(
        pages.abs_diff(html_pages) <= 1,
        "the Word print has {pages} pages, the HTML print {html_pages}: more than one page apart"
    );
    (pdf, pages)
}

#[test]
fn libreoffice_prints_the_sample_issue() {
    check(&sample_issue(), "sample");
}

#[test]
fn libreoffice_prints_the_seed_issue() {
    // Imported as `jianbao convert` imports it.
    let (issue, _, _) = import_bulletin(&common::read_shared(common::SEED));
    let (pdf, pages) = check(&issue, "seed");
    if std::env::var_os("JIANBAO_UPDATE_DOCS").is_some() {
        let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs");
        for n in 1..=pages.min(2) {
            run(Command::new(tool("pdftoppm", "poppler-utils"))
                .args([
                    "-png",
                    "-r",
                    "50",
                    "-singlefile",
                    "-f",
                    &n.to_string(),
                    "-l",
                    &n.to_string(),
                ])
                .arg(&pdf)
                .arg(docs.join(format!("word-page{n}"))));
        }
    }
}

/// Has LibreOffice print the `.docx` of a bad-input issue: the conversion succeeds, the
/// PDF is A4 with at least one page, each showing its number `— N —`, and its text (all
/// pages at once, squeezed, the page numbers taken out) is returned for the caller's
/// checks.
fn print_bad_input(issue: &Issue, name: &str) -> (usize, String) {
    let dir = work_dir(name);
    let docx = dir.join(format!("{name}.docx"));
    let bytes = issue_docx(issue).expect("the export succeeds");
    std::fs::write(&docx, &bytes).unwrap();
    let pdf = libreoffice_pdf(&docx, &dir);
    let (pages, width, height) = pdf_info(&pdf);
    assert!(pages >= 1, "{name}: LibreOffice printed no page");
    assert!(
        (width - A4.0).abs() <= A4_TOLERANCE && (height - A4.1).abs() <= A4_TOLERANCE,
        "{name}: the Word print is {width} × {height} pt, not A4"
    );
    let text = run(Command::new(tool("pdftotext", "poppler-utils"))
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-"));
    eprintln!("{name}: .docx {} bytes; LibreOffice prints {pages} pages", bytes.len());
    // Each page's number is taken out, so that a phrase that runs over a page reads whole.
    let mut text = squeeze(&text);
    for n in (1..=pages).rev() {
        let number = format!("—{n}—");
        assert!(text.contains(&number), "{name}: page {n} shows no `— {n} —`");
        text = text.replacen(&number, "", 1);
    }
    (pages, text)
}

#[test]
fn libreoffice_prints_control_characters_other_planes_and_empty_fields() {
    let (_, text) = print_bad_input(&bad_issues::controls_and_other_planes(), "controls");
    // The controls are gone and the text around them is whole, in every field, with the
    // emoji from the other planes. (The CJK Extension B character is in the package, as
    // tests/docx_export.rs checks, but prints only where a font has it: Debian's
    // LibreOffice without such a font leaves it out of the PDF's text.)
    assert!(text.matches("甲乙").count() >= 8, "{text}");
    assert!(text.matches("甲乙😀丙").count() >= 8, "{text}");

    // Every field empty: still a page, with its number (checked by `print_bad_input`).
    print_bad_input(&bad_issues::empty_fields(), "empty");
}

#[test]
fn libreoffice_prints_a_thousand_items() {
    let issue = bad_issues::thousand_items();
    let (pages, text) = print_bad_input(&issue, "thousand");
    assert_in_order(&text, &expected_texts(&issue));
    assert!(pages > 10, "1,000 items on {pages} pages");
}

#[test]
fn libreoffice_prints_a_one_megabyte_item() {
    let issue = bad_issues::megabyte_item();
    let (pages, text) = print_bad_input(&issue, "megabyte");
    let phrases = text.matches(bad_issues::MEGABYTE_PARAGRAPH).count();
    let expected = issue.sections[0].items[0]
        .body
        .matches(bad_issues::MEGABYTE_PARAGRAPH)
        .count();
    assert_eq!(
        phrases, expected,
        "every phrase of the 1 MB item is printed, on {pages} pages"
    );
}
