//! The invariants ARCHITECTURE.md states, checked on the source tree: a test
//! fails when one is broken.
//!
//! - No service imports another: cross-service work goes through the world.
//! - The engine reads no wall clock and no OS randomness: virtual time and the
//!   seeded source only, so the same scenario gives the same trace everywhere.
//! - The engine knows nothing of the browser: browser crates appear only in
//!   `src/web/` (and the wasm32 entry in `main.rs`).

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Engine sources outside tests: test modules may drive a whole world.
fn engine_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .filter(|(rel, _)| {
            !rel.starts_with("web/")
                && rel != "main.rs"
                && !rel.ends_with("tests.rs")
                && !rel.contains("/tests/")
        })
        .collect()
}

/// The code of a file without its `#[cfg(test)] mod tests { ... }` block at the end.
fn without_inline_tests(code: &str) -> &str {
    match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => &code[..at],
        None => code,
    }
}

#[test]
fn no_service_imports_another() {
    let services: Vec<String> = fs::read_dir(src().join("services"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(services.len() >= 3, "{services:?}");
    let mut broken = Vec::new();
    for (rel, code) in engine_files() {
        let Some(own) = rel
            .strip_prefix("services/")
            .and_then(|r| r.split('/').next())
        else {
            continue;
        };
        if !services.iter().any(|s| s == own) {
            continue;
        }
        let code = without_inline_tests(&code);
        for other in services.iter().filter(|s| *s != own) {
            for reference in [
                format!("services::{other}::"),
                format!("super::super::{other}"),
                format!("services::{{{other}"),
            ] {
                if code.contains(&reference) {
                    broken.push(format!("{rel} uses {reference}"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "services must not import each other: {broken:#?}"
    );
}

#[test]
fn the_engine_reads_no_wall_clock_and_no_os_randomness() {
    let forbidden = [
        "SystemTime",
        "Instant::now",
        "thread_rng",
        "getrandom",
        "OsRng",
        "js_sys::Date",
    ];
    let mut broken = Vec::new();
    for (rel, code) in engine_files() {
        let code = without_inline_tests(&code);
        for word in forbidden {
            if code.contains(word) {
                broken.push(format!("{rel} uses {word}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "virtual time and the seeded source only: {broken:#?}"
    );
}

#[test]
fn the_engine_knows_nothing_of_the_browser() {
    let browser = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo_timers"];
    let mut broken = Vec::new();
    for (rel, code) in engine_files() {
        let code = without_inline_tests(&code);
        for krate in browser {
            if code.contains(&format!("{krate}::")) || code.contains(&format!("use {krate}")) {
                broken.push(format!("{rel} uses {krate}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "browser crates belong in src/web: {broken:#?}"
    );
}
