//! Running external commands: the shared context (repository root and `PATH`), echoing
//! each command before it runs, and running a command while both showing and keeping its
//! output, so that a task can count test results without hiding the log.

use std::env;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// What every task needs: where the repository is and the `PATH` its tools run with.
pub struct Ctx {
    /// The repository root: the folder holding the workspace's Cargo.toml.
    pub root: PathBuf,
    /// `PATH` with `node_modules/.bin` and Cargo's `bin` folder in front, so that a tool
    /// installed by this run (or wasm-opt from npm) is found at once.
    path: OsString,
}

impl Ctx {
    /// Builds the context from where this crate lives and the current environment.
    pub fn new() -> Ctx {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives one folder below the repository root")
            .to_path_buf();
        let cargo_bin = env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
            .map(|home| home.join("bin"));
        let mut dirs = vec![root.join("node_modules").join(".bin")];
        dirs.extend(cargo_bin);
        dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let path = env::join_paths(dirs).expect("PATH entries contain no separator");
        Ctx { root, path }
    }

    /// A command that runs in the repository root with the context's `PATH`.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// A path inside the repository.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }
}

/// The command as a person would type it, for the log.
pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    words.join(" ")
}

/// Runs a command with its output shown as it comes; fails unless it exits with 0.
pub fn run(command: &mut Command) -> Result<(), String> {
    println!("$ {}", describe(command));
    let status = command
        .status()
        .map_err(|err| format!("could not start `{}`: {err}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs a command quietly and returns its standard output when it succeeds. Used to ask
/// a tool for its version: `None` means "missing or broken".
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).output().ok()?;
    if output.status.success() {
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        None
    }
}

/// What a command printed (standard output and error, interleaved by line) and whether it
/// succeeded.
pub struct Captured {
    /// Whether the command exited with 0.
    pub success: bool,
    /// Every line it printed, on either stream.
    pub lines: Vec<String>,
}

/// Runs a command, showing each line of its output as it comes and keeping it all.
pub fn run_captured(command: &mut Command) -> Result<Captured, String> {
    println!("$ {}", describe(command));
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("could not start `{}`: {err}", describe(command)))?;
    let (sender, receiver) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let readers = [forward(stdout, sender.clone(), false), forward(stderr, sender, true)];
    // The channel closes once both readers have reached the end of their stream.
    let lines: Vec<String> = receiver.iter().collect();
    for reader in readers {
        reader.join().expect("an output reader panicked");
    }
    let status = child
        .wait()
        .map_err(|err| format!("`{}` could not be waited for: {err}", describe(command)))?;
    Ok(Captured {
        success: status.success(),
        lines,
    })
}

/// Copies one output stream to ours, line by line, and sends each line on.
fn forward(
    stream: impl Read + Send + 'static,
    sender: mpsc::Sender<String>,
    to_stderr: bool,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for line in BufReader::new(stream).split(b'\n') {
            let Ok(bytes) = line else { break };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // A closed terminal is no reason to stop collecting the output.
            let _ = if to_stderr {
                writeln!(std::io::stderr(), "{text}")
            } else {
                writeln!(std::io::stdout(), "{text}")
            };
            if sender.send(text).is_err() {
                break;
            }
        }
    })
}

/// Whether this process runs as root (and so may call `apt-get install`).
pub fn is_root() -> bool {
    probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}
