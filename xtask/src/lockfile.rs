//! Reading a package's version out of Cargo.lock, without a TOML parser.
//!
//! The lock file is a list of `[[package]]` tables whose first two keys are `name` and
//! `version`, each on its own line; that is all this module relies on.

/// The versions of every package called `name` in the lock file's text, in file order.
pub fn versions(lock: &str, name: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current_name: Option<&str> = None;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            current_name = None;
        } else if let Some(value) = string_value(line, "name") {
            current_name = Some(value);
        } else if let Some(value) = string_value(line, "version") {
            if current_name == Some(name) {
                found.push(value.to_string());
            }
        }
    }
    found
}

/// The value of `key = "value"` when the line is that key, else `None`.
fn string_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
    rest.trim().strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::versions;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "syn"
version = "1.0.109"

[[package]]
name = "syn"
version = "2.0.100"
"#;

    #[test]
    fn finds_the_one_version_of_a_package() {
        assert_eq!(versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
    }

    #[test]
    fn finds_every_version_of_a_package() {
        assert_eq!(versions(LOCK, "syn"), ["1.0.109", "2.0.100"]);
    }

    #[test]
    fn a_missing_package_has_no_version() {
        assert!(versions(LOCK, "trunk").is_empty());
        // The lock file's own `version = 4` belongs to no package.
        assert!(versions(LOCK, "").is_empty());
    }
}
