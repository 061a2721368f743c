//! What each service adds to the shared language: the size of a pattern, and
//! SNS's limits on keys and on the number of value combinations, with AWS's
//! wording.

use super::Dialect;
use serde_json::Value;

/// EventBridge's default quota on an event pattern's size, in characters.
pub const EVENT_PATTERN_MAX_CHARS: usize = 2048;
/// SNS's maximum filter policy size, in bytes (256 KB).
pub const SNS_FILTER_POLICY_MAX_BYTES: usize = 256 * 1024;
/// Lambda's maximum length of one filter pattern, in characters.
pub const LAMBDA_FILTER_PATTERN_MAX_CHARS: usize = 4096;
/// SNS: at most five keys in a filter policy.
pub const SNS_MAX_KEYS: usize = 5;
/// SNS: at most 150 combinations of values.
pub const SNS_MAX_COMBINATIONS: u64 = 150;

/// The size limit of a dialect, and whether `text` passes it.
pub(crate) fn too_long(text: &str, dialect: Dialect) -> Option<usize> {
    match dialect {
        Dialect::EventBridge => {
            (text.chars().count() > EVENT_PATTERN_MAX_CHARS).then_some(EVENT_PATTERN_MAX_CHARS)
        }
        Dialect::SnsFilterPolicy => {
            (text.len() > SNS_FILTER_POLICY_MAX_BYTES).then_some(SNS_FILTER_POLICY_MAX_BYTES)
        }
        Dialect::LambdaFilter => (text.chars().count() > LAMBDA_FILTER_PATTERN_MAX_CHARS)
            .then_some(LAMBDA_FILTER_PATTERN_MAX_CHARS),
    }
}

/// SNS's combination count, as its documentation computes it: the product,
/// over every array of values, of the array's length times its nesting depth
/// (a key at the top is depth 1); each `$or` adds up its branches.
pub(crate) fn sns_combinations(policy: &serde_json::Map<String, Value>) -> u64 {
    fn inner(policy: &serde_json::Map<String, Value>, depth: u64, mut combinations: u64) -> u64 {
        for (key, value) in policy {
            match value {
                Value::Object(child) => combinations = inner(child, depth + 1, combinations),
                Value::Array(items) if key == "$or" => {
                    let mut total: u64 = 0;
                    for item in items {
                        if let Value::Object(branch) = item {
                            total = total.saturating_add(inner(branch, depth, combinations));
                        }
                    }
                    combinations = total;
                }
                Value::Array(items) => {
                    combinations = combinations
                        .saturating_mul(items.len() as u64)
                        .saturating_mul(depth);
                }
                _ => {}
            }
        }
        combinations
    }
    inner(policy, 1, 1)
}

/// SNS's checks made before the policy's values are read: the key count, then
/// the complexity. `None` when the text is not a JSON object (the compiler
/// then reports why).
pub(crate) fn sns_precheck(text: &str) -> Option<String> {
    let Ok(Value::Object(policy)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    if policy.len() > SNS_MAX_KEYS {
        return Some("Filter policy can not have more than 5 keys".into());
    }
    if sns_combinations(&policy) > SNS_MAX_COMBINATIONS {
        return Some("Filter policy is too complex".into());
    }
    None
}

/// SNS's checks again on the compiled policy, for policies too deeply nested
/// for the early check to read: keys, then combinations (each branch's
/// product of value counts times depths, summed over the `$or` branches).
pub(crate) fn sns_postcheck(c: &super::compile::Compiled) -> Option<String> {
    if c.top_keys > SNS_MAX_KEYS {
        return Some("Filter policy can not have more than 5 keys".into());
    }
    let mut total: u64 = 0;
    for branch in &c.branches {
        let mut product: u64 = 1;
        for (name, conds) in branch {
            let depth = c.depths.iter().find(|(n, _)| n == name).map_or(1, |d| d.1) as u64;
            product = product
                .saturating_mul(conds.len() as u64)
                .saturating_mul(depth);
        }
        total = total.saturating_add(product);
    }
    (total > SNS_MAX_COMBINATIONS).then(|| "Filter policy is too complex".into())
}
