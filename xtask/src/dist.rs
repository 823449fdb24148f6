//! `cargo xtask dist`: the release build, made safe to ship and to use offline.
//!
//! After `trunk build --release` it post-processes the output folder:
//! - `index.html` gets, as its first script, the policy chooser: it gives the page a
//!   Content-Security-Policy `<meta>` whose `script-src` allows our inline loader (Trunk.toml's
//!   `pattern_script`) by its SHA-256 hash, with `'wasm-unsafe-eval'`, or with `'unsafe-eval'`
//!   in a browser that cannot compile WebAssembly under the first (Chromium 83 to 96; see
//!   [`policy_chooser`] and docs/BROWSERS.md). It also gets a `jianbao-offline` marker that
//!   tells the app it may register its service worker (a `trunk serve` build has neither).
//!   The hosted page's policy also names `worker-src 'self'` for the on-demand workers
//!   (`NAME_loader.js`, started on first use by src/ui/worker.rs).
//! - `sw.js` (copied from `public/`) gets the build's version and the list of files to
//!   precache.
//!
//! Then it writes `<dist>-single/jianbao.html`: one self-contained page with the CSS, the
//! JavaScript glue, the wasm (as base64) and the same loader inlined, which works when
//! opened from disk, under the same choice of policy. Every on-demand worker of the build
//! (each `NAME_loader.js` Trunk wrote) is embedded too, as a script element the browser
//! does not run (`type="text/x-jianbao-worker"`, `data-worker="NAME"`) holding the
//! worker's glue and its wasm as base64; the page starts it from a `blob:` URL, which the
//! single file's policy allows as a worker source and for nothing else.

use crate::cmd::{self, Ctx};
use crate::tools::Installer;
use crate::tools::RELEASE_BUILD_NEEDS;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Help for this task.
pub const HELP: &str = "\
cargo xtask dist [--dist DIR]
    Release build into dist/ (or DIR) with the Content-Security-Policy and the service
    worker's file list written in, then the single-file app dist-single/jianbao.html (or
    DIR-single/jianbao.html); prints the sizes, raw and gzip.";

/// The line of `public/sw.js` that the build replaces with the build's version.
const SW_VERSION_LINE: &str = "const VERSION = 'unbuilt';";
/// The line of `public/sw.js` that the build replaces with the files to precache.
const SW_FILES_LINE: &str = "const FILES = [];";
/// The marker that lets the app register its service worker.
const OFFLINE_MARKER: &str = r#"<meta name="jianbao-offline" content="service-worker" />"#;
/// The marker that tells the single-file app it has no files beside it: it starts its
/// on-demand workers from the script elements embedded in the page (src/ui/worker.rs).
const SINGLE_MARKER: &str = r#"<meta name="jianbao-single-file" content="embedded-workers" />"#;
/// The type of the script elements that carry an on-demand worker in the single file: not
/// JavaScript to the browser, so it never runs them in the page.
const WORKER_SCRIPT_TYPE: &str = "text/x-jianbao-worker";
/// The name of the single-file app inside its folder.
pub const SINGLE_NAME: &str = "jianbao.html";

/// The keyword that lets a browser compile WebAssembly without allowing `eval`. Chromium
/// knows it from version 97 on; older ones ignore it and refuse to compile (checked in
/// Chromium 83 and 86: "Wasm code generation disallowed by embedder").
const WASM_STRICT: &str = "'wasm-unsafe-eval'";
/// What Chromium 83 to 96 need to compile WebAssembly under a policy: `'unsafe-eval'`,
/// which also allows `eval`. Only those browsers get it (see [`policy_chooser`]).
const WASM_LEGACY: &str = "'unsafe-eval'";
/// The policy the chooser tries in a blank frame: does this browser compile WebAssembly
/// under [`WASM_STRICT`]?
const PROBE_POLICY: &str = "script-src 'wasm-unsafe-eval'";

/// The policy's parts that are the same for the hosted app and the single file.
const CSP_REST: &str = "img-src 'self' data: blob: https:; object-src 'none'; base-uri 'none'; \
                        form-action 'none'; connect-src 'self'";

/// Runs the task with the arguments after `dist`.
pub fn run(args: &[String]) -> Result<(), String> {
    let ctx = Ctx::new();
    let dist = match args {
        [] => ctx.path("dist"),
        [flag, dir] if flag == "--dist" => std::env::current_dir()
            .map_err(|err| format!("no current folder: {err}"))?
            .join(dir),
        _ => return Err(format!("unexpected arguments: {args:?}\n\n{HELP}")),
    };
    Installer::default().ensure(&ctx, &RELEASE_BUILD_NEEDS)?;
    let single = build(&ctx, &dist)?;
    print_sizes(&dist, &single)
}

/// The folder of the single-file app that goes with the build in `dist`.
pub fn single_dir(dist: &Path) -> PathBuf {
    let mut name = dist.file_name().unwrap_or_default().to_os_string();
    name.push("-single");
    dist.with_file_name(name)
}

/// Builds the release into `dist`, post-processes it and writes the single file; returns
/// the single file's path. Used by this task and by the test command's build level.
pub fn build(ctx: &Ctx, dist: &Path) -> Result<PathBuf, String> {
    cmd::run(
        ctx.command("trunk")
            .args(["build", "--release", "--offline", "--dist"])
            .arg(dist),
    )?;
    postprocess(dist)?;
    let single = single_dir(dist);
    fs::create_dir_all(&single).map_err(|err| format!("cannot create {}: {err}", single.display()))?;
    let path = single.join(SINGLE_NAME);
    write(&path, &single_file(dist)?)?;
    Ok(path)
}

/// Adds the policy chooser and the offline marker to `index.html` and writes the version
/// and file list into `sw.js`.
pub fn postprocess(dist: &Path) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let index = minify_stylesheets(dist, &read(&index_path)?)?;
    let loader = inline_script(&index).ok_or("index.html has no inline <script type=\"module\">")?;
    let hash = quoted(&sha256_source(loader));
    let styles = "'self'";
    let head = format!(
        "{}\n    {OFFLINE_MARKER}\n    ",
        policy_chooser(
            &policy("'self' ", &hash, styles, WASM_STRICT),
            &policy("'self' ", &hash, styles, WASM_LEGACY)
        )?
    );
    write(&index_path, &insert_after_charset(&index, &head)?)?;

    let sw_path = dist.join("sw.js");
    let sw = read(&sw_path)?;
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    files.retain(|file| file != "sw.js");
    files.sort();
    let mut hasher = Sha256::new();
    for file in &files {
        hasher.update(file.as_bytes());
        hasher.update(fs::read(dist.join(file)).map_err(|err| format!("cannot read {file}: {err}"))?);
    }
    let version: String = hasher.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let mut urls = vec!["./".to_string()];
    urls.extend(files.iter().map(|file| format!("./{file}")));
    let list = serde_json::to_string(&urls).map_err(|err| err.to_string())?;
    let sw = replace_once(&sw, SW_VERSION_LINE, &format!("const VERSION = '{version}';"))?;
    let sw = replace_once(&sw, SW_FILES_LINE, &format!("const FILES = {list};"))?;
    write(&sw_path, &sw)
}

/// Minifies each stylesheet the page links ([`minify_css`]) and gives its `<link>` the new
/// file's integrity hash; returns the page. Trunk 0.21 can minify CSS itself, but only
/// together with the HTML, whose minifier rewrites our inline loader (and so its hash and
/// the single file's loader), and its JavaScript minifier fails on wasm-bindgen's glue.
/// Measured on both stylesheets: 7,198 bytes gzip -9 before, about 4,500 after.
fn minify_stylesheets(dist: &Path, index: &str) -> Result<String, String> {
    let mut page = index.to_string();
    for name in stylesheets(index) {
        let path = dist.join(name);
        let css = minify_css(&read(&path)?);
        write(&path, &css)?;
        let link = format!("href=\"./{name}\" integrity=\"");
        if let Some(start) = page.find(&link) {
            let from = start + link.len();
            let to = from + page[from..].find('"').ok_or("an unclosed integrity attribute")?;
            let digest = sha2::Sha384::digest(css.as_bytes());
            let value = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(digest));
            page.replace_range(from..to, &value);
        }
    }
    Ok(page)
}

/// CSS without its comments and the white space that means nothing: runs of white space
/// become one space, none is kept beside `{`, `}`, `;`, `,` or `>` nor after `:`, and a
/// rule's last `;` goes. Strings are copied as they are. Spaces elsewhere (before `:`,
/// around `+` and `-`) are kept, since they can mean something (`a :hover`,
/// `calc(1px + 2px)`).
pub fn minify_css(css: &str) -> String {
    const TIGHT: &[char] = &['{', '}', ';', ',', '>'];
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut previous = ' ';
            for inner in chars.by_ref() {
                if previous == '*' && inner == '/' {
                    break;
                }
                previous = inner;
            }
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with(TIGHT) && !out.ends_with(':') && !TIGHT.contains(&c) {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
        if c == '"' || c == '\'' {
            while let Some(inner) = chars.next() {
                out.push(inner);
                if inner == '\\' {
                    if let Some(escaped) = chars.next() {
                        out.push(escaped);
                    }
                } else if inner == c {
                    break;
                }
            }
        }
    }
    out.push('\n');
    out
}

/// The single-file app made from a post-processed build: the CSS in one `<style>`, the glue,
/// the base64 wasm and the loader in one module script, and the policy chooser allowing
/// both by hash.
pub fn single_file(dist: &Path) -> Result<String, String> {
    let index = read(&dist.join("index.html"))?;
    let loader = inline_script(&index).ok_or("index.html has no inline module script")?;
    let js_name = between(loader, "from './", "'").ok_or("the loader imports no glue")?;
    let wasm_name = between(loader, "module_or_path: './", "'").ok_or("the loader names no wasm")?;
    let glue = read(&dist.join(js_name))?;
    let wasm = fs::read(dist.join(wasm_name)).map_err(|err| format!("cannot read {wasm_name}: {err}"))?;
    let mut css = String::new();
    for name in stylesheets(&index) {
        css.push_str(&read(&dist.join(name))?);
        css.push('\n');
    }
    let script = single_loader(
        loader,
        js_name,
        wasm_name,
        &module_to_script(&glue)?,
        &base64::engine::general_purpose::STANDARD.encode(&wasm),
    )?;
    let hash = quoted(&sha256_source(&script));
    let styles = quoted(&sha256_source(&css));
    let chooser = policy_chooser(
        &policy("", &hash, &styles, WASM_STRICT),
        &policy("", &hash, &styles, WASM_LEGACY),
    )?;
    let title = between(&index, "<title>", "</title>").unwrap_or("简报编辑器");
    let body = between(&index, "<body>", "</body>").unwrap_or("");
    let mut workers = String::new();
    for name in worker_names(dist)? {
        let loader = read(&dist.join(format!("{name}_loader.js")))?;
        let (glue_name, wasm_name) =
            worker_files(&loader).ok_or_else(|| format!("{name}_loader.js names no glue and wasm: {loader}"))?;
        let glue = read(&dist.join(glue_name))?;
        let wasm = fs::read(dist.join(wasm_name)).map_err(|err| format!("cannot read {wasm_name}: {err}"))?;
        workers.push_str(&embedded_worker(&name, &glue, &wasm)?);
    }
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n  <head>\n    <meta charset=\"utf-8\" />\n    \
         {chooser}\n    \
         {SINGLE_MARKER}
    \
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n    \
         <title>{title}</title>\n    <style>{css}</style>\n    \
         <script type=\"module\">{script}</script>\n  </head>\n  <body>{body}{workers}</body>\n</html>\n"
    ))
}

/// The single file's module script: the glue made a plain script, then the hosted loader
/// with its import removed and the wasm's bytes (decoded from base64) in place of its URL.
fn single_loader(
    loader: &str,
    js_name: &str,
    wasm_name: &str,
    glue: &str,
    wasm_base64: &str,
) -> Result<String, String> {
    let import = format!("import init from './{js_name}';");
    let call = format!("init({{ module_or_path: './{wasm_name}' }})");
    if loader.matches(&import).count() != 1 || loader.matches(&call).count() != 1 {
        return Err(format!(
            "the loader must hold `{import}` and `{call}` once each:\n{loader}"
        ));
    }
    // The glue's own name for the function, and the bytes made in a function of their own,
    // so that the loader adds no name beside the glue's.
    let bytes = format!(
        "(function () {{\n  var text = atob(\"{wasm_base64}\");\n  var bytes = new Uint8Array(text.length);\n  \
         for (var i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);\n  return bytes;\n}})()"
    );
    let body =
        loader
            .replacen(&import, "", 1)
            .replacen(&call, &format!("__wbg_init({{ module_or_path: {bytes} }})"), 1);
    Ok(format!("\n{glue}{body}"))
}

/// The names of the build's on-demand workers: every `NAME_loader.js` Trunk wrote
/// (`data-type="worker" data-loader-shim`), sorted.
fn worker_names(dist: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    let mut names: Vec<String> = files
        .iter()
        .filter(|file| !file.contains('/'))
        .filter_map(|file| file.strip_suffix("_loader.js"))
        .map(str::to_string)
        .collect();
    names.sort();
    Ok(names)
}

/// The glue and wasm file names a worker's loader shim names:
/// `importScripts("./NAME.js");wasm_bindgen("./NAME_bg.wasm");`.
fn worker_files(loader: &str) -> Option<(&str, &str)> {
    Some((
        between(loader, "importScripts(\"./", "\"")?,
        between(loader, "wasm_bindgen(\"./", "\"")?,
    ))
}

/// One on-demand worker for the single file: a script element the browser does not run,
/// holding the worker's whole script (its glue, then its start with the wasm's bytes
/// decoded from base64), which src/ui/worker.rs turns into a `blob:` URL.
fn embedded_worker(name: &str, glue: &str, wasm: &[u8]) -> Result<String, String> {
    // The element's text ends at the first `</script`, and `<!--` changes how the parser
    // reads on: neither may appear in what is embedded.
    for bad in ["</script", "<!--"] {
        if glue.to_ascii_lowercase().contains(bad) {
            return Err(format!(
                "{name}'s glue holds `{bad}`, which cannot go inside a script element"
            ));
        }
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(format!("a worker's name must be letters, digits, `_` and `-`: {name}"));
    }
    let wasm_base64 = base64::engine::general_purpose::STANDARD.encode(wasm);
    Ok(format!(
        "\n<script type=\"{WORKER_SCRIPT_TYPE}\" data-worker=\"{name}\">\n{glue}\n(function () {{\n  \
         var text = atob(\"{wasm_base64}\");\n  var bytes = new Uint8Array(text.length);\n  \
         for (var i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);\n  \
         wasm_bindgen({{ module_or_path: bytes }});\n}})();\n</script>"
    ))
}

/// A whole policy: scripts from `origin` (`'self' ` or nothing) and the one inline script
/// `hash`, the WebAssembly keyword `wasm`, styles from `styles`, and the rules both builds
/// share.
fn policy(origin: &str, hash: &str, styles: &str, wasm: &str) -> String {
    // The hosted page starts its on-demand workers from its own origin; the single file
    // (no origin) starts them from `blob:` URLs it makes of its embedded worker scripts.
    let worker = if origin.is_empty() {
        "worker-src blob:; "
    } else {
        "worker-src 'self'; "
    };
    format!("default-src 'self'; script-src {origin}{wasm} {hash}; style-src {styles}; {worker}{CSP_REST}")
}

/// A source expression in single quotes.
fn quoted(source: &str) -> String {
    format!("'{source}'")
}

/// The page's first script, which gives the page its Content-Security-Policy.
///
/// A policy in a `<meta>` element is the same for every browser, and a later policy can
/// only add restrictions, never lift one. Chromium 97 and newer compile WebAssembly under
/// `'wasm-unsafe-eval'`; Chromium 83 to 96 do not know that keyword and compile only under
/// `'unsafe-eval'`, which also allows `eval` (checked in Chromium 83, 86 and 156). Listing
/// both would allow `eval` everywhere. So this script, which runs before any other script
/// and before the page holds anything a user typed, asks the browser: it adds the strict
/// policy to a blank frame of its own and compiles an empty module there. Only a browser
/// that refuses (a `CompileError`) gets `legacy` instead of `strict`. A browser without
/// WebAssembly gets `strict`, and the loader tells the user. The script itself comes
/// before any policy and so needs no hash; it carries no user data.
fn policy_chooser(strict: &str, legacy: &str) -> Result<String, String> {
    let quote = |text: &str| serde_json::to_string(text).map_err(|err| err.to_string());
    Ok(format!(
        "<script>\n(function () {{\n  \
           var policy = {strict};\n  \
           if (typeof WebAssembly === 'object') {{\n    \
             var frame = document.createElement('iframe');\n    \
             document.documentElement.appendChild(frame);\n    \
             try {{\n      \
               var probe = frame.contentDocument.createElement('meta');\n      \
               probe.httpEquiv = 'Content-Security-Policy';\n      \
               probe.content = {probe};\n      \
               frame.contentDocument.head.appendChild(probe);\n      \
               new frame.contentWindow.WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));\n    \
             }} catch (error) {{\n      \
               if (error && error.name === 'CompileError') policy = {legacy};\n    \
             }}\n    \
             frame.parentNode.removeChild(frame);\n  \
           }}\n  \
           var meta = document.createElement('meta');\n  \
           meta.httpEquiv = 'Content-Security-Policy';\n  \
           meta.content = policy;\n  \
           document.head.appendChild(meta);\n\
         }})();\n</script>",
        strict = quote(strict)?,
        legacy = quote(legacy)?,
        probe = quote(PROBE_POLICY)?,
    ))
}

/// The wasm-bindgen glue as a plain module script: its `export` keywords and its closing
/// export list removed, so that it can be inlined (nothing imports it).
fn module_to_script(glue: &str) -> Result<String, String> {
    let mut out = String::with_capacity(glue.len());
    for line in glue.lines() {
        if line.starts_with("import ") {
            return Err(format!(
                "the glue imports another module, which one file cannot hold: {line}"
            ));
        }
        if line.starts_with("export {") {
            continue;
        }
        out.push_str(line.strip_prefix("export ").unwrap_or(line));
        out.push('\n');
    }
    Ok(out)
}

/// The text of the first inline `<script type="module">` element.
pub fn inline_script(html: &str) -> Option<&str> {
    between(html, "<script type=\"module\">", "</script>")
}

/// The file names of the page's stylesheets, in order.
pub fn stylesheets(html: &str) -> Vec<&str> {
    html.split("<link rel=\"stylesheet\" href=\"./")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The text between the first `start` and the next `end` after it.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

/// A CSP hash source (`sha256-…`) for an inline element's exact text.
fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// `html` with `insert` placed just after its `<meta charset>` element, so that the policy
/// comes before every script and stylesheet.
fn insert_after_charset(html: &str, insert: &str) -> Result<String, String> {
    let start = html.find("<meta charset").ok_or("index.html has no <meta charset>")?;
    let end = start + html[start..].find('>').ok_or("unclosed <meta charset>")? + 1;
    let rest = html[end..].trim_start();
    Ok(format!("{}\n    {insert}{rest}", &html[..end]))
}

/// `text` with the one occurrence of `from` replaced; an error when it is missing.
fn replace_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        count => Err(format!("expected `{from}` once in sw.js, found it {count} times")),
    }
}

/// Every file under `dir`, as paths relative to `root` with `/` between folders.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|err| err.to_string())?.path();
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// Prints the size of the build's wasm, JavaScript and CSS files and of the single file.
fn print_sizes(dist: &Path, single: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    files.sort();
    println!("\nSizes (raw, gzip -9):");
    for file in files
        .iter()
        .filter(|file| [".wasm", ".js", ".css", ".html"].iter().any(|ext| file.ends_with(ext)))
    {
        print_size(&dist.join(file), file);
    }
    print_size(single, &single.display().to_string());
    Ok(())
}

/// Prints one file's size raw and gzipped.
fn print_size(path: &Path, label: &str) {
    let raw = fs::metadata(path).map(|meta| meta.len()).unwrap_or(0);
    let gzip = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map_or_else(|| "?".to_string(), |output| kib(output.stdout.len() as u64));
    println!("  {label}: {} raw, {gzip} gzip", kib(raw));
}

/// A byte count in KiB with one decimal.
fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// A file's text.
fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

/// Writes a file's text.
fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<html><head>\n    <meta charset=\"utf-8\" />\n    <title>简报</title>\n\
        <script type=\"module\">\nimport init from './app-1.js';\n\
        init({ module_or_path: './app-1_bg.wasm' }).then(function (wasm) {});\n</script>\n\
        <link rel=\"stylesheet\" href=\"./a-1.css\" integrity=\"x\"/>\
        <link rel=\"stylesheet\" href=\"./b-2.css\"/></head></html>";

    #[test]
    fn the_loader_and_its_files_are_found() {
        let script = inline_script(INDEX).expect("a script");
        assert!(script.starts_with("\nimport init"));
        assert_eq!(between(script, "from './", "'"), Some("app-1.js"));
        assert_eq!(between(script, "module_or_path: './", "'"), Some("app-1_bg.wasm"));
        assert_eq!(stylesheets(INDEX), ["a-1.css", "b-2.css"]);
    }

    #[test]
    fn the_single_loader_inlines_the_glue_and_the_bytes() {
        let loader = inline_script(INDEX).expect("a script");
        let script = single_loader(
            loader,
            "app-1.js",
            "app-1_bg.wasm",
            "function __wbg_init() {}\n",
            "AGFzbQ==",
        )
        .expect("a loader");
        assert!(!script.contains("import "), "{script}");
        assert!(!script.contains("./app-1"), "{script}");
        assert!(script.starts_with("\nfunction __wbg_init() {}\n"));
        assert!(script.contains("__wbg_init({ module_or_path: (function () {\n  var text = atob(\"AGFzbQ==\");"));
        assert!(
            script.contains("return bytes;\n})() })"),
            "the bytes are passed as a value: {script}"
        );
        assert!(script.ends_with(".then(function (wasm) {});\n"), "{script}");
        // A loader that changed shape is an error, not a single file that cannot start.
        assert!(single_loader("await init('./x.wasm');", "app-1.js", "app-1_bg.wasm", "", "").is_err());
    }

    #[test]
    fn the_chooser_holds_both_policies_and_only_the_legacy_one_allows_eval() {
        let strict = policy("'self' ", "'sha256-x'", "'self'", WASM_STRICT);
        let legacy = policy("'self' ", "'sha256-x'", "'self'", WASM_LEGACY);
        assert_eq!(
            policy("", "'h'", "'s'", WASM_STRICT).split("; ").nth(1),
            Some("script-src 'wasm-unsafe-eval' 'h'")
        );
        assert_eq!(
            strict,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'; style-src 'self'; \
             worker-src 'self'; img-src 'self' data: blob: https:; object-src 'none'; base-uri 'none'; \
             form-action 'none'; connect-src 'self'"
        );
        // The single file has no origin: its workers come from blob: URLs and nowhere else.
        let single = policy("", "'h'", "'s'", WASM_STRICT);
        assert!(single.contains("; worker-src blob:; "), "{single}");
        assert!(
            !single.contains("'self' 'wasm") && !single.contains("worker-src 'self'"),
            "{single}"
        );
        assert_eq!(
            single.matches("blob:").count(),
            2,
            "worker-src and img-src only: {single}"
        );
        assert!(!strict.contains("'unsafe-eval'") && !strict.contains("unsafe-inline"));
        assert!(legacy.contains("'unsafe-eval'") && !legacy.contains("wasm-unsafe-eval"));
        let chooser = policy_chooser(&strict, &legacy).expect("a script");
        assert!(chooser.starts_with("<script>\n") && chooser.ends_with("</script>"));
        assert_eq!(chooser.matches("</script").count(), 1);
        assert!(chooser.contains(&format!("var policy = \"{strict}\";")));
        assert!(chooser.contains(&format!("policy = \"{legacy}\";")));
        assert!(chooser.contains("error.name === 'CompileError'"));
    }

    #[test]
    fn workers_are_found_by_their_loaders_and_embedded_as_scripts_that_do_not_run() {
        let loader = "importScripts(\"./word_worker.js\");wasm_bindgen(\"./word_worker_bg.wasm\");";
        assert_eq!(worker_files(loader), Some(("word_worker.js", "word_worker_bg.wasm")));
        assert_eq!(worker_files("import x from './y.js';"), None);
        let script = embedded_worker("word_worker", "let wasm_bindgen = 1;", b"\0asm").expect("embedded");
        assert!(script.starts_with(
            "\n<script type=\"text/x-jianbao-worker\" data-worker=\"word_worker\">\nlet wasm_bindgen = 1;\n"
        ));
        assert!(script.contains("atob(\"AGFzbQ==\")"), "{script}");
        assert!(script.contains("wasm_bindgen({ module_or_path: bytes });"), "{script}");
        assert!(script.ends_with("})();\n</script>"));
        assert_eq!(script.matches("</script").count(), 1);
        // What would end the element early, or a name that would break the attribute.
        assert!(embedded_worker("w", "var s = '</SCRIPT>';", b"").is_err());
        assert!(embedded_worker("w", "var s = '<!--';", b"").is_err());
        assert!(embedded_worker("w\"x", "", b"").is_err());
    }

    #[test]
    fn hashes_are_csp_sources() {
        // The SHA-256 of the empty string, as CSP spells it.
        assert_eq!(sha256_source(""), "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    #[test]
    fn the_policy_goes_right_after_the_charset() {
        let html = insert_after_charset(INDEX, "<meta x />\n    ").expect("inserted");
        assert!(html.contains("<meta charset=\"utf-8\" />\n    <meta x />\n    <title>"));
    }

    #[test]
    fn the_glue_loses_its_exports() {
        let glue = "export class A {}\nfunction f() {}\nexport { initSync, __wbg_init as default };\n";
        assert_eq!(
            module_to_script(glue).expect("no imports"),
            "class A {}\nfunction f() {}\n"
        );
        assert!(module_to_script("import x from './y.js';\n").is_err());
    }

    #[test]
    fn css_loses_comments_and_meaningless_space_only() {
        let css = "/* The page. */\nbody {\n  margin: 0 auto;\n  font-family: \"Noto  Serif\", serif;\n}\n\n\
                   .a :hover, .b > .c { width: calc(100% - 2px); }\n\
                   @media print {\n  .d::after { content: \"— \" counter(page) \" /* — */\"; }\n}\n";
        assert_eq!(
            minify_css(css),
            "body{margin:0 auto;font-family:\"Noto  Serif\",serif}.a :hover,.b>.c{width:calc(100% - 2px)}\
             @media print{.d::after{content:\"— \" counter(page) \" /* — */\"}}\n"
        );
        assert_eq!(minify_css("a { content: 'it\\'s' }"), "a{content:'it\\'s'}\n");
    }

    #[test]
    fn markers_are_replaced_exactly_once() {
        assert_eq!(replace_once("a X b", "X", "Y"), Ok("a Y b".to_string()));
        assert!(replace_once("a b", "X", "Y").is_err());
        assert!(replace_once("X X", "X", "Y").is_err());
    }

    #[test]
    fn the_single_folder_sits_beside_the_build() {
        assert_eq!(single_dir(Path::new("/tmp/d")), Path::new("/tmp/d-single"));
        assert_eq!(single_dir(Path::new("dist")), Path::new("dist-single"));
    }
}
