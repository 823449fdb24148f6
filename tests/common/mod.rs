//! Helpers shared by the native integration tests.

#![allow(dead_code, reason = "each test file uses a different subset of these helpers")]

pub mod bad_issues;
pub mod texts;

use std::path::PathBuf;

/// The folder `../shared` beside the repository, where the seed and test data live.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Reads a file from `../shared`, failing with a plain message when it is absent: the
/// data is read there at test time and never copied into the repository.
pub fn read_shared(relative: &str) -> String {
    let path = shared_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "test data absent: {} could not be read ({err}). These tests read the shared data \
             beside the checkout (../shared); it is not copied into the repository.",
            path.display()
        )
    })
}

/// The path of the seed bulletin.
pub const SEED: &str = "seed/000_fc348747b8243834.txt";

/// Reads a fixture under `tests/fixtures`.
pub fn fixture(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("fixture {} unreadable: {err}", path.display()))
}

/// What one run of the command-line tool gave.
pub struct Outcome {
    /// The exit code.
    pub code: u8,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs the command-line tool in process with these arguments and this standard input.
pub fn jianbao(args: &[&str], stdin: &[u8]) -> Outcome {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let mut input = stdin;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = jianbao::cli::run(&args, &mut input, &mut stdout, &mut stderr);
    Outcome {
        code,
        stdout: String::from_utf8(stdout).expect("the tool writes UTF-8 to standard output"),
        stderr: String::from_utf8(stderr).expect("the tool writes UTF-8 to standard error"),
    }
}
