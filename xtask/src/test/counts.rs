//! Counting test results from what the runners print or write.

/// Tests passed and failed.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
}

impl Counts {
    /// The two counts added up.
    pub fn total(self) -> u64 {
        self.passed + self.failed
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Sums the `test result:` lines that libtest and wasm-bindgen-test-runner print, such as
/// `test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; ...`.
pub fn from_libtest<S: AsRef<str>>(lines: &[S]) -> Counts {
    let mut counts = Counts::default();
    for line in lines {
        let Some((_, rest)) = line.as_ref().split_once("test result: ") else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            let (Some(number), Some(word)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u64>() else {
                continue;
            };
            match word {
                "passed" => counts.passed += number,
                "failed" => counts.failed += number,
                _ => {}
            }
        }
    }
    counts
}

/// Reads the `stats` of Playwright's JSON report: `expected` and `flaky` tests passed (a
/// flaky one passed on a retry), `unexpected` ones failed. Errors outside any test (a web
/// server that did not start, a file that did not load) count as one failure each.
pub fn from_playwright_json(report: &str) -> Result<Counts, String> {
    let value: serde_json::Value =
        serde_json::from_str(report).map_err(|err| format!("bad Playwright report: {err}"))?;
    let stat = |key: &str| value["stats"][key].as_u64().unwrap_or(0);
    let errors = value["errors"].as_array().map_or(0, Vec::len) as u64;
    Ok(Counts {
        passed: stat("expected") + stat("flaky"),
        failed: stat("unexpected") + errors,
    })
}

#[cfg(test)]
mod tests {
    use super::{from_libtest, from_playwright_json, Counts};

    #[track_caller]
    fn check(lines: &[&str], passed: u64, failed: u64) {
        assert_eq!(from_libtest(lines), Counts { passed, failed });
    }

    #[test]
    fn libtest_lines_are_summed() {
        check(&[], 0, 0);
        check(
            &[
                "running 0 tests",
                "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
            ],
            0,
            0,
        );
        check(
            &[
                "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.02s",
                "test tests::x ... ok",
                "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.50s",
            ],
            15,
            2,
        );
    }

    #[test]
    fn wasm_runner_lines_are_counted() {
        check(
            &["test result: ok. 4 passed; 0 failed; 0 ignored; 0 filtered out; finished in 0.31s"],
            4,
            0,
        );
    }

    #[test]
    fn other_lines_are_ignored() {
        check(&["test a_test_that_passed ... ok", "1 passed; 2 failed"], 0, 0);
    }

    #[test]
    fn playwright_stats_are_read() {
        let report = r#"{"stats": {"expected": 5, "unexpected": 1, "flaky": 2, "skipped": 3}, "errors": []}"#;
        assert_eq!(from_playwright_json(report), Ok(Counts { passed: 7, failed: 1 }));
        let broken = r#"{"stats": {"expected": 0, "unexpected": 0}, "errors": [{"message": "x"}]}"#;
        assert_eq!(from_playwright_json(broken), Ok(Counts { passed: 0, failed: 1 }));
        assert!(from_playwright_json("not json").is_err());
    }
}
