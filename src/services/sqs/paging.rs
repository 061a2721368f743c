//! The NextToken paging ListQueues and ListDeadLetterSourceQueues share:
//! queues in name order, MaxResults 1–1,000, and without MaxResults at most
//! 1,000 queues and no token.

use super::errors::{self, invalid_value};
use super::model::Queue;
use crate::api::AwsError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const MAX_PAGE: usize = 1000;

/// One page of `queues` (any order in, name order out) and the token for the next, if any.
pub(super) fn page_by_name<'a>(
    mut queues: Vec<&'a Queue>,
    max_results: Option<i64>,
    next_token: Option<&str>,
) -> Result<(Vec<&'a Queue>, Option<String>), AwsError> {
    let max = match max_results {
        None => None,
        Some(m) if (1..=MAX_PAGE as i64).contains(&m) => Some(m as usize),
        Some(m) => {
            return Err(invalid_value(
                "MaxResults",
                m,
                "MaxResults must be an integer between 1 and 1000.",
            ))
        }
    };
    let after = match next_token {
        None => None,
        Some(token) => Some(
            URL_SAFE_NO_PAD
                .decode(token)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| errors::invalid_parameter_value("Invalid NextToken value."))?,
        ),
    };
    queues.sort_by(|a, b| a.name.cmp(&b.name));
    let start = after.map_or(0, |a| queues.partition_point(|q| &*q.name <= a.as_str()));
    let end = (start + max.unwrap_or(MAX_PAGE)).min(queues.len());
    let page: Vec<&Queue> = queues[start.min(end)..end].to_vec();
    let token = match (max, page.last()) {
        (Some(_), Some(last)) if end < queues.len() => {
            Some(URL_SAFE_NO_PAD.encode(last.name.as_bytes()))
        }
        _ => None,
    };
    Ok((page, token))
}
