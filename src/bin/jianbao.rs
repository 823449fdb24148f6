//! `jianbao`: the command-line tool over Jianbao's core, for scripting and batch work.
//!
//! ```text
//! jianbao convert <file|-> --to md|html|json|docx [-o FILE]
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let code = jianbao::cli::run(&args, &mut stdin, &mut stdout, &mut stderr);
    std::process::ExitCode::from(code)
}

/// The CLI has no meaning inside a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
