//! `cargo xtask`: the project's chores as one Rust program, so that a fresh machine needs
//! nothing but Rust, Node and (for the browser tests) Debian's packages.
//!
//! Each task is a module with a `run` function and a `HELP` text; the helpers that install
//! a missing tool live in [`tools`], shared by all tasks. To add a task (`bench`),
//! add a module and a line in [`main`]'s match and in [`help`].

mod bench;
mod cmd;
mod dist;
mod lighthouse;
mod lockfile;
mod profile;
mod serve;
mod size;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        println!("{}", help());
        return ExitCode::SUCCESS;
    };
    let result = match task.as_str() {
        "serve" => serve::run(rest).map(|()| true),
        "dist" => dist::run(rest).map(|()| true),
        "test" => test::run(rest),
        "bench" => bench::run(rest).map(|()| true),
        "size" => size::run(rest),
        "lighthouse" => lighthouse::run(rest).map(|()| true),
        "help" | "-h" | "--help" => {
            println!("{}", help());
            Ok(true)
        }
        other => Err(format!("no task `{other}`\n\n{}", help())),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The usage of every task.
fn help() -> String {
    format!(
        "Usage: cargo xtask <task> [options]\n\n{}\n\n{}\n\n{}\n\n{}\n\n{}\n\n{}",
        serve::HELP,
        dist::HELP,
        test::HELP,
        bench::HELP,
        size::HELP,
        lighthouse::HELP
    )
}
