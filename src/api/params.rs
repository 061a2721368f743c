//! Typed requests from JSON input. A request the AWS SDKs would refuse before
//! sending (missing required member, wrong type, unknown member) gets the
//! message botocore gives, as a `ParamValidationError`.

use super::AwsError;
use serde::Deserialize;
use serde_json::Value;

/// Strings may borrow from `input` (`&'a str` members), sparing a copy per call.
pub fn parse<'a, T: Deserialize<'a>>(input: &'a Value) -> Result<T, AwsError> {
    if !input.is_object() {
        return Err(AwsError::param_validation(format!(
            "Parameter validation failed:\nInvalid type for parameter input, value: {input}, valid types: object"
        )));
    }
    // Fast path first; walk again with path tracking only to explain an error.
    match T::deserialize(input) {
        Ok(v) => Ok(v),
        Err(_) => match serde_path_to_error::deserialize::<_, T>(input) {
            Ok(v) => Ok(v),
            Err(e) => Err(explain(e.path().to_string(), e.inner().to_string(), input)),
        },
    }
}

fn explain(path: String, inner: String, input: &Value) -> AwsError {
    let detail = if let Some(field) = between(&inner, "missing field `", "`") {
        let at = if path == "." {
            String::new()
        } else {
            format!("{path}.")
        };
        format!("Missing required parameter in input: \"{at}{field}\"")
    } else if let Some(field) = between(&inner, "unknown field `", "`") {
        let expected: Vec<&str> = inner.split('`').skip(3).step_by(2).collect();
        format!(
            "Unknown parameter in input: \"{field}\", must be one of: {}",
            expected.join(", ")
        )
    } else if inner.starts_with("invalid type") || inner.starts_with("invalid value") {
        let value = lookup(input, &path)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let expected = inner
            .rsplit("expected ")
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        format!(
            "Invalid type for parameter {path}, value: {value}, valid types: {}",
            friendly(expected)
        )
    } else {
        format!("{path}: {inner}")
    };
    AwsError::param_validation(format!("Parameter validation failed:\n{detail}"))
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

fn friendly(expected: &str) -> &str {
    match expected {
        e if e.starts_with('i') || e.starts_with('u') => "integer",
        "a string" => "string",
        "a boolean" => "boolean",
        e if e.starts_with("a sequence") => "list",
        e if e.starts_with("a map") || e.starts_with("struct") => "map",
        e => e,
    }
}

fn lookup<'a>(input: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .filter(|p| !p.is_empty())
        .try_fold(input, |v, key| {
            match key.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
                Some(i) => v.get(i.parse::<usize>().ok()?),
                None => v.get(key),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields, rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Req {
        queue_url: String,
        max_number_of_messages: Option<i64>,
    }

    #[test]
    fn a_missing_required_member_is_named_as_the_sdk_names_it() {
        let e = parse::<Req>(&json!({})).unwrap_err();
        assert_eq!(e.code, "ParamValidationError");
        assert!(
            e.message
                .contains("Missing required parameter in input: \"QueueUrl\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn an_unknown_member_lists_the_valid_ones() {
        let e = parse::<Req>(&json!({"QueueUrl": "u", "MaxMessages": 3})).unwrap_err();
        assert!(e.message.contains("Unknown parameter in input: \"MaxMessages\", must be one of: QueueUrl, MaxNumberOfMessages"), "{}", e.message);
    }

    #[test]
    fn a_member_of_the_wrong_type_names_member_value_and_type() {
        let e = parse::<Req>(&json!({"QueueUrl": "u", "MaxNumberOfMessages": "3"})).unwrap_err();
        assert!(e.message.contains("Invalid type for parameter MaxNumberOfMessages, value: \"3\", valid types: integer"), "{}", e.message);
    }
}
