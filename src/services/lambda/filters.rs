//! Event filtering for event source mappings (`FilterCriteria`): up to five
//! patterns in the content-filtering language EventBridge shares
//! (`crate::pattern`, Lambda's dialect), OR'ed together, tested against each
//! SQS record with its `body` read as JSON when it is JSON. A record no
//! filter keeps is deleted from the queue without invoking the function, as
//! Lambda does for SQS.

use super::errors::{constraint, invalid_parameter};
use crate::api::AwsError;
use crate::pattern::{Dialect, Pattern};
use serde_json::Value;

/// Filters one mapping may have (AWS's default quota).
pub const MAX_FILTERS: usize = 5;
pub const MAX_PATTERN_LENGTH: usize = 4096;

#[derive(Clone, Debug)]
pub struct Filters {
    /// FilterCriteria as given: the mapping's description answers with it.
    pub raw: Value,
    patterns: Vec<Pattern>,
}

impl Filters {
    /// FilterCriteria as Create or UpdateEventSourceMapping takes it; `None` for no filters.
    pub fn parse(criteria: &Value) -> Result<Option<Filters>, AwsError> {
        let filters = match criteria.get("Filters") {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Array(list)) => list,
            Some(other) => {
                return Err(AwsError::param_validation(format!(
                    "Parameter validation failed:\nInvalid type for parameter FilterCriteria.Filters, value: {other}, valid types: list"
                )))
            }
        };
        if filters.is_empty() {
            return Ok(None);
        }
        if filters.len() > MAX_FILTERS {
            return Err(constraint(
                criteria,
                "filterCriteria.filters",
                &format!("Member must have length less than or equal to {MAX_FILTERS}"),
            ));
        }
        let mut patterns = Vec::with_capacity(filters.len());
        for (i, filter) in filters.iter().enumerate() {
            let Some(text) = filter.get("Pattern").and_then(Value::as_str) else {
                return Err(invalid_parameter("Invalid filter pattern definition."));
            };
            if text.chars().count() > MAX_PATTERN_LENGTH {
                return Err(constraint(
                    text,
                    &format!("filterCriteria.filters.{}.member.pattern", i + 1),
                    &format!("Member must have length less than or equal to {MAX_PATTERN_LENGTH}"),
                ));
            }
            let pattern = Pattern::parse(text, Dialect::LambdaFilter)
                .map_err(|e| invalid_parameter(e.message()))?;
            patterns.push(pattern);
        }
        Ok(Some(Filters {
            raw: criteria.clone(),
            patterns,
        }))
    }

    /// Whether a record passes: some filter matches it, its body read as JSON when it is JSON.
    pub fn keeps(&self, record: &Value) -> bool {
        let parsed = record
            .get("body")
            .and_then(Value::as_str)
            .and_then(|body| serde_json::from_str::<Value>(body).ok());
        let view;
        let seen = match parsed {
            Some(body) => {
                let mut r = record.clone();
                r["body"] = body;
                view = r;
                &view
            }
            None => record,
        };
        self.patterns.iter().any(|p| p.matches(seen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn filters(patterns: &[&str]) -> Result<Option<Filters>, AwsError> {
        let list: Vec<Value> = patterns.iter().map(|p| json!({"Pattern": p})).collect();
        Filters::parse(&json!({"Filters": list}))
    }

    #[test]
    fn a_malformed_pattern_is_an_invalid_filter_pattern_definition() {
        let e = filters(&["{\"body\": 5}"]).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            (
                "InvalidParameterValueException",
                "Invalid filter pattern definition."
            )
        );
        let e = filters(&["not json"]).unwrap_err();
        assert_eq!(e.message, "Invalid filter pattern definition.");
    }

    #[test]
    fn at_most_five_filters() {
        let six = ["{\"body\": {\"a\": [1]}}"; 6];
        let e = filters(&six).unwrap_err();
        assert!(
            e.message
                .contains("Member must have length less than or equal to 5"),
            "{}",
            e.message
        );
        assert!(filters(&six[..5]).unwrap().is_some());
        assert!(filters(&[]).unwrap().is_none());
    }

    #[test]
    fn a_json_body_is_filtered_on_its_fields_and_filters_are_ored() {
        let f = filters(&[
            "{\"body\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}",
            "{\"body\": {\"vip\": [true]}}",
        ])
        .unwrap()
        .unwrap();
        let record = |body: &str| json!({"messageId": "m", "body": body, "attributes": {}});
        assert!(f.keeps(&record("{\"amount\": 150}")));
        assert!(f.keeps(&record("{\"amount\": 5, \"vip\": true}")));
        assert!(!f.keeps(&record("{\"amount\": 5}")));
        assert!(!f.keeps(&record("plain text")));
    }

    #[test]
    fn a_plain_text_body_matches_a_string_pattern() {
        let f = filters(&["{\"body\": [\"ping\"]}"]).unwrap().unwrap();
        assert!(f.keeps(&json!({"body": "ping"})));
        assert!(!f.keeps(&json!({"body": "pong"})));
    }
}
