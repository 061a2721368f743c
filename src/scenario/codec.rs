//! Share URLs: the scenario's JSON, deflated (pure-Rust miniz_oxide) and
//! base64url-encoded into the fragment `#s=...`, so nothing reaches a server.
//! Decoding refuses anything that inflates past 1 MB.

use super::{Scenario, ScenarioError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The largest scenario a share URL may unpack to.
pub const MAX_DECODED_BYTES: usize = 1_000_000;

pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(&scenario.to_value()).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

/// `#s=<encoded>` for a page URL.
pub fn fragment(scenario: &Scenario) -> String {
    format!("#s={}", encode(scenario))
}

#[derive(Debug, PartialEq)]
pub enum DecodeError {
    NotBase64,
    NotDeflate,
    TooLarge,
    NotUtf8,
    Invalid(ScenarioError),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotBase64 => write!(
                f,
                "The shared link is damaged: its scenario is not base64url text."
            ),
            DecodeError::NotDeflate => write!(
                f,
                "The shared link is damaged: its scenario does not decompress."
            ),
            DecodeError::TooLarge => write!(
                f,
                "The shared link's scenario is larger than 1 MB, so it was not opened."
            ),
            DecodeError::NotUtf8 => write!(
                f,
                "The shared link is damaged: its scenario is not UTF-8 text."
            ),
            DecodeError::Invalid(e) => write!(f, "The shared link holds an {e}"),
        }
    }
}

pub fn decode(encoded: &str) -> Result<Scenario, DecodeError> {
    let packed = URL_SAFE_NO_PAD
        .decode(encoded.trim().trim_end_matches('='))
        .map_err(|_| DecodeError::NotBase64)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => DecodeError::TooLarge,
            _ => DecodeError::NotDeflate,
        })?;
    let text = String::from_utf8(bytes).map_err(|_| DecodeError::NotUtf8)?;
    Scenario::from_json_str(&text).map_err(DecodeError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Step;
    use serde_json::json;

    #[test]
    fn a_scenario_survives_the_share_url() {
        let mut s = Scenario::new("round trip");
        s.steps
            .push(Step::call("sqs:CreateQueue", json!({"QueueName": "q"})));
        s.steps.push(Step::advance(31_000));
        assert_eq!(decode(&encode(&s)), Ok(s));
    }

    #[test]
    fn a_story_s_notes_and_shows_survive_the_share_url() {
        let mut s = Scenario::new("story");
        s.description = "What this shows.".into();
        let mut step = Step::call("sqs:CreateQueue", json!({"QueueName": "orders"}))
            .with_note("A queue.\n\nIt starts empty.");
        step.show = Some(crate::scenario::Show {
            resource: Some("orders".into()),
            tab: Some("messages".into()),
            dock: Some("timeline".into()),
        });
        s.steps.push(step);
        s.steps
            .push(Step::advance(1_000).with_note("A second later."));
        let back = decode(&encode(&s)).unwrap();
        assert_eq!(back, s);
        assert_eq!(
            back.steps[0].note.as_deref(),
            Some("A queue.\n\nIt starts empty.")
        );
        // And through the document's own JSON, as Export and Import carry it.
        assert_eq!(Scenario::from_json_str(&s.to_json_pretty()), Ok(s));
    }

    #[test]
    fn damaged_or_oversized_links_are_refused_with_a_reason() {
        assert_eq!(decode("!!!"), Err(DecodeError::NotBase64));
        assert_eq!(decode("AAAA"), Err(DecodeError::NotDeflate));
        let big = format!(
            "{{\"name\":\"{}\",\"steps\":[]}}",
            "x".repeat(MAX_DECODED_BYTES + 1)
        );
        let packed =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(big.as_bytes(), 9));
        assert_eq!(decode(&packed), Err(DecodeError::TooLarge));
        let not_scenario =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"steps\":[]}", 9));
        assert!(matches!(
            decode(&not_scenario),
            Err(DecodeError::Invalid(_))
        ));
    }
}
