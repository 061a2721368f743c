//! Helpers shared by the pattern tests.

use crate::pattern::{Dialect, InvalidPattern, Pattern};
use serde_json::Value;

/// Parses an EventBridge pattern that must be valid.
pub fn eb(text: &str) -> Pattern {
    match Pattern::parse(text, Dialect::EventBridge) {
        Ok(p) => p,
        Err(e) => panic!("{text} should be valid, got: {e}"),
    }
}

/// The rejection of a pattern that must be invalid.
pub fn rejected(text: &str, dialect: Dialect) -> InvalidPattern {
    match Pattern::parse(text, dialect) {
        Ok(_) => panic!("{text} should be rejected"),
        Err(e) => e,
    }
}

/// EventBridge's reason for rejecting `text`.
pub fn eb_reason(text: &str) -> String {
    rejected(text, Dialect::EventBridge).reason
}

/// Jackson's location suffix for a one-line pattern.
pub fn at(text: &str, column: usize) -> String {
    format!("\n at [Source: (String)\"{text}\"; line: 1, column: {column}]")
}

/// Whether the EventBridge pattern matches the event.
pub fn eb_matches(pattern: &str, event: Value) -> bool {
    eb(pattern).matches(&event)
}
