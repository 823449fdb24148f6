//! `cargo xtask bench --size`: where the first load's bytes go.
//!
//! The shipped wasm has no names (wasm-opt drops them), so the profile makes its own copy
//! from the same compiler output: the release build's `jianbao-web.wasm` (Cargo's release
//! profile keeps the name section; Trunk's copy in `dist/` is untouched) goes through
//! wasm-bindgen as Trunk runs it, then through wasm-opt with the flags `index.html` gives
//! plus `--debuginfo`, which keeps the function names. That copy is within a few tenths of
//! a percent of the shipped wasm once its names are left out. twiggy (crates.io) then lists
//! its items; this module prints the largest functions, the bytes per crate (per module for
//! ours) and twiggy's duplicated monomorphisations, then the gzip size of every shipped
//! file against `budgets.toml`.

use crate::cmd::{self, Ctx};
use crate::size;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The compiler's output that Trunk processes into the first load's wasm.
const RAW_WASM: &str = "target/wasm32-unknown-unknown/release/jianbao-web.wasm";
/// Where the named copy and twiggy's listing go.
const PROFILE_DIR: &str = "target/size-profile";
/// How many of the largest functions are printed.
const TOP_ITEMS: usize = 30;
/// How many groups of the per-crate summary are printed.
const TOP_GROUPS: usize = 30;
/// The group of the name section, which the shipped wasm does not have.
const NAMES_GROUP: &str = "(names: not shipped)";

/// One of twiggy's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its name, demangled.
    pub name: String,
    /// Its own size in bytes.
    pub size: u64,
}

/// Builds the named copy of the first load's wasm and prints the profile; `dist` is the
/// build whose shipped files are measured.
pub fn run(ctx: &Ctx, dist: &Path) -> Result<(), String> {
    let raw = ctx.path(RAW_WASM);
    if !raw.is_file() {
        return Err(format!("{} is missing: build the release first", raw.display()));
    }
    let dir = ctx.path(PROFILE_DIR);
    fs::create_dir_all(&dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    // As Trunk runs it (pipelines/rust: `--target=web`, no TypeScript).
    cmd::run(
        ctx.command("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "jianbao-web",
                "--out-dir",
            ])
            .arg(&dir)
            .arg(&raw),
    )?;
    let index = fs::read_to_string(ctx.path("index.html")).map_err(|err| format!("cannot read index.html: {err}"))?;
    let (level, params) = wasm_opt_flags(&index)?;
    let named = dir.join("named.wasm");
    cmd::run(
        ctx.command("wasm-opt")
            .arg(format!("-O{level}"))
            .args(&params)
            .arg("--debuginfo")
            .arg(dir.join("jianbao-web_bg.wasm"))
            .arg("-o")
            .arg(&named),
    )?;
    let listing = cmd::probe(
        ctx.command("twiggy")
            .args(["top", "-n", "1000000", "-f", "json"])
            .arg(&named),
    )
    .ok_or("twiggy top failed")?;
    let items = parse_items(&listing)?;
    print_profile(&items);
    let monos = cmd::probe(ctx.command("twiggy").args(["monos", "-n", "15"]).arg(&named)).unwrap_or_default();
    println!("\nDuplicated monomorphisations (twiggy monos; bloat: what one copy each would save):");
    // Only each generic function's line, not its copies one by one.
    for line in monos
        .lines()
        .filter(|line| line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    {
        println!("  {}", shorten(line.trim_start(), 150));
    }
    println!();
    let parts = size::measure(dist)?;
    println!("Shipped files of {} (raw, gzip -9):", dist.display());
    for part in &parts {
        println!(
            "  {:<24} {:>12} raw {:>10} gzip   {}",
            part.key,
            size::bytes(part.raw),
            size::bytes(part.gzip),
            part.files.join(" + ")
        );
    }
    Ok(())
}

/// The optimisation level and extra flags `index.html` gives wasm-opt for the app
/// (`data-wasm-opt` and `data-wasm-opt-params` of the `jianbao-web` link).
pub fn wasm_opt_flags(index: &str) -> Result<(String, Vec<String>), String> {
    let link = index
        .split("<link")
        .find(|tag| tag.contains("data-bin=\"jianbao-web\""))
        .ok_or("index.html has no <link data-bin=\"jianbao-web\">")?;
    let tag = link.split('>').next().unwrap_or(link);
    let attribute = |name: &str| crate::dist::between(tag, &format!("{name}=\""), "\"").map(str::to_string);
    let level = attribute("data-wasm-opt").unwrap_or_else(|| "z".into());
    let params = attribute("data-wasm-opt-params")
        .map(|text| text.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    Ok((level, params))
}

/// Reads twiggy's `top -f json` listing.
pub fn parse_items(json: &str) -> Result<Vec<Item>, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|err| format!("twiggy's listing: {err}"))?;
    let rows = value.as_array().ok_or("twiggy's listing is not a list")?;
    rows.iter()
        .map(|row| {
            let name = row["name"].as_str().ok_or("an item without a name")?;
            let size = row["shallow_size"].as_u64().ok_or("an item without a size")?;
            Ok(Item {
                name: name.to_string(),
                size,
            })
        })
        .collect()
}

/// Prints the largest functions and the bytes per group.
fn print_profile(items: &[Item]) {
    let names: u64 = items
        .iter()
        .filter(|item| group(&item.name) == NAMES_GROUP)
        .map(|item| item.size)
        .sum();
    let total: u64 = items.iter().map(|item| item.size).sum::<u64>() - names;
    println!(
        "\nThe first load's wasm by twiggy, names left out: {} (the names add {})",
        size::bytes(total),
        size::bytes(names)
    );
    println!("\nLargest items (bytes, share, item):");
    for item in items
        .iter()
        .filter(|item| group(&item.name) != NAMES_GROUP)
        .take(TOP_ITEMS)
    {
        println!(
            "  {:>9} {:>5.1} %  {}",
            size::bytes(item.size),
            item.size as f64 * 100.0 / total as f64,
            shorten(&item.name, 120)
        );
    }
    println!("\nBy crate (ours by module; data is strings, tables and vtables):");
    for (name, bytes, count) in groups(items).into_iter().take(TOP_GROUPS) {
        if name == NAMES_GROUP {
            continue;
        }
        println!(
            "  {:>9} {:>5.1} % {:>5} items  {name}",
            size::bytes(bytes),
            bytes as f64 * 100.0 / total as f64,
            count
        );
    }
}

/// The bytes and item counts per group, largest first.
pub fn groups(items: &[Item]) -> Vec<(String, u64, usize)> {
    let mut sums: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    for item in items {
        let entry = sums.entry(group(&item.name)).or_default();
        entry.0 += item.size;
        entry.1 += 1;
    }
    let mut out: Vec<(String, u64, usize)> = sums
        .into_iter()
        .map(|(name, (bytes, count))| (name, bytes, count))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The group an item belongs to: the crate of its path (`leptos`, `core`, ...), our own
/// crate by module (`jianbao::ui`, `jianbao::core`), and a few kinds of non-code item.
/// For `<A as B>::f`, the crate of `A` unless `A` is a generic parameter or a primitive,
/// then that of `B`.
pub fn group(name: &str) -> String {
    if name.starts_with("data segment") {
        return "(data)".into();
    }
    if name.contains("\" subsection") || name.starts_with("custom section") {
        return NAMES_GROUP.into();
    }
    if name.starts_with("code[") {
        return "(unnamed functions)".into();
    }
    if [
        "elem[", "table[", "type[", "global[", "import ", "export ", "memory[", "start",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
        || name.starts_with("wasm magic")
    {
        return "(wasm tables, types, imports)".into();
    }
    let path = without_hashes(name);
    let path = if let Some(rest) = path.strip_prefix('<') {
        match rest.split_once(" as ") {
            Some((own, trait_path)) => {
                let own = own
                    .trim_start_matches(['&', '*', '(', '['])
                    .replace("mut ", "")
                    .replace("const ", "")
                    .replace("dyn ", "");
                if own.contains("::") {
                    own
                } else {
                    trait_path.to_string()
                }
            }
            None => rest.to_string(),
        }
    } else {
        path
    };
    let mut segments = path.split("::");
    let first = segments
        .next()
        .unwrap_or("")
        .trim_start_matches(['<', '&', '*', '(', '[']);
    let first: String = first.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    match first.as_str() {
        "" => "(other)".into(),
        "jianbao" => match segments.next() {
            Some(module) => {
                let module: String = module
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                format!("jianbao::{module}")
            }
            None => "jianbao".into(),
        },
        // Methods of primitives (`<str>::to_lowercase`, `<char>::is_alphanumeric`) are core's.
        "str" | "char" | "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "isize" | "f32" | "f64" | "bool" => {
            "core".into()
        }
        other => other.to_string(),
    }
}

/// A name without the `[0123456789abcdef]` crate hashes of the v0 mangling.
fn without_hashes(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(start) = rest.find('[') {
        let candidate = &rest[start + 1..];
        if candidate.len() > 16
            && candidate.as_bytes()[16] == b']'
            && candidate[..16].bytes().all(|byte| byte.is_ascii_hexdigit())
        {
            out.push_str(&rest[..start]);
            rest = &candidate[17..];
        } else {
            out.push_str(&rest[..=start]);
            rest = candidate;
        }
    }
    out.push_str(rest);
    out
}

/// `text` cut to `width` characters, with `…` when cut.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(width - 1).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_grouped_by_crate_and_our_modules() {
        assert_eq!(
            group("jianbao::ui::forms::__component_form_pane::{{closure}}::hba5"),
            "jianbao::ui"
        );
        assert_eq!(group("jianbao::core::merge::merge::h5bfe"), "jianbao::core");
        assert_eq!(group("jianbao_web::main::he28e"), "jianbao_web");
        assert_eq!(
            group("pulldown_cmark::parse::Parser<F>::handle_inline::h6ff5"),
            "pulldown_cmark"
        );
        assert_eq!(group("<f64 as core[c5930c85a12de822]::fmt::Display>::fmt"), "core");
        assert_eq!(
            group("<leptos::children::TypedChildrenFn<C> as leptos::children::ToChildren<F>>::to_children"),
            "leptos"
        );
        assert_eq!(
            group("<T as tachys::html::attribute::any_attribute::IntoAnyAttribute>::into_any_attr"),
            "tachys"
        );
        assert_eq!(group("<&T as core::fmt::Debug>::fmt::hd51c"), "core");
        assert_eq!(group("<str>::to_lowercase"), "core");
        assert_eq!(
            group("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc[e24a27700634d609]::sys::System>>::malloc"),
            "dlmalloc"
        );
        assert_eq!(group("core::slice::sort::stable::drift::sort::h9e1b"), "core");
        assert_eq!(group("data segment \".rodata.61\""), "(data)");
        assert_eq!(group("\"function names\" subsection"), NAMES_GROUP);
        assert_eq!(group("code[4495]"), "(unnamed functions)");
        assert_eq!(group("elem[0]"), "(wasm tables, types, imports)");
    }

    #[test]
    fn groups_add_up_and_come_largest_first() {
        let items = vec![
            Item {
                name: "leptos::a".into(),
                size: 10,
            },
            Item {
                name: "core::b".into(),
                size: 30,
            },
            Item {
                name: "leptos::c".into(),
                size: 25,
            },
        ];
        assert_eq!(
            groups(&items),
            vec![("leptos".to_string(), 35, 2), ("core".to_string(), 30, 1)]
        );
    }

    #[test]
    fn twiggy_listing_is_read() {
        let json = r#"[{"name":"a::b","shallow_size":12,"shallow_size_percent":1.5},{"name":"c","shallow_size":3,"shallow_size_percent":0.1}]"#;
        assert_eq!(
            parse_items(json),
            Ok(vec![
                Item {
                    name: "a::b".into(),
                    size: 12
                },
                Item {
                    name: "c".into(),
                    size: 3
                }
            ])
        );
        assert!(parse_items("{}").is_err());
    }

    #[test]
    fn wasm_opt_flags_come_from_the_apps_link() {
        let index = r#"<link data-trunk rel="rust" data-bin="jianbao-web" data-wasm-opt="z" data-wasm-opt-params="--converge --strip-producers" />
            <link data-trunk rel="rust" data-bin="reader_worker" data-wasm-opt="s" />"#;
        assert_eq!(
            wasm_opt_flags(index),
            Ok((
                "z".to_string(),
                vec!["--converge".to_string(), "--strip-producers".to_string()]
            ))
        );
        assert!(wasm_opt_flags("<link data-bin=\"other\" />").is_err());
    }
}
