//! Recursive loop detection, as Lambda does it: every SQS message a function
//! sends through the SDK carries the chain of invocations it belongs to in
//! its AWSTraceHeader (`Lineage=<function>:<count>`), and an event source
//! mapping stops the invocation that would come after about 16 in the same
//! chain (the batch fails, so SQS's redrive policy takes over), unless the
//! function's recursion config says Allow. Also Put/GetFunctionRecursionConfig.

use super::errors;
use super::shapes::{GetFunctionRecursionConfigRequest, PutFunctionRecursionConfigRequest};
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Lambda stops the next invocation once a chain has invoked a function this many times.
pub const MAX_CHAIN: u32 = 16;

/// The 8 hex digits that stand for a function in a Lineage entry.
pub fn lineage_key(function_arn: &str) -> String {
    let digest = Sha256::digest(function_arn.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// The X-Ray trace header a function's SDK call stamps on a message it sends.
pub fn trace_header(request_id: &str, started_ms: u64, function_arn: &str, chain: u32) -> String {
    let id: String = Sha256::digest(request_id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!(
        "Root=1-{:08x}-{};Parent={};Sampled=0;Lineage={}:{chain}",
        started_ms / 1000,
        &id[..24],
        &id[24..40],
        lineage_key(function_arn)
    )
}

/// How many times a function has run in the chain a trace header carries (0 when none).
pub fn chain_in(header: &str, key: &str) -> u32 {
    header
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("Lineage="))
        .flat_map(|lineage| lineage.split(','))
        .filter_map(|entry| entry.split_once(':'))
        .filter(|(k, _)| *k == key)
        .filter_map(|(_, n)| n.parse().ok())
        .max()
        .unwrap_or(0)
}

/// Adds the trace header to an SQS send a function makes, unless the call sets its own.
pub fn stamp_send(target: &str, input: &mut Value, header: &str) {
    let stamp = |message: &mut Value| {
        if message.get("MessageSystemAttributes").is_none() {
            message["MessageSystemAttributes"] = json!({
                "AWSTraceHeader": {"DataType": "String", "StringValue": header}
            });
        }
    };
    match target {
        "sqs:SendMessage" => stamp(input),
        "sqs:SendMessageBatch" => {
            if let Some(entries) = input.get_mut("Entries").and_then(Value::as_array_mut) {
                entries.iter_mut().for_each(stamp);
            }
        }
        _ => {}
    }
}

impl Lambda {
    pub(super) fn put_function_recursion_config(
        &mut self,
        ctx: &mut Ctx,
        req: PutFunctionRecursionConfigRequest<'_>,
    ) -> Result<Value, AwsError> {
        let value = match req.recursive_loop.as_ref() {
            "Allow" => "Allow",
            "Terminate" => "Terminate",
            other => {
                return Err(errors::constraint(
                    other,
                    "recursiveLoop",
                    "Member must satisfy enum value set: [Allow, Terminate]",
                ))
            }
        };
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        if let Some(f) = self.functions.get_mut(&name) {
            f.recursive_loop = value;
        }
        Ok(json!({ "RecursiveLoop": value }))
    }

    pub(super) fn get_function_recursion_config(
        &mut self,
        ctx: &mut Ctx,
        req: GetFunctionRecursionConfigRequest<'_>,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        Ok(json!({ "RecursiveLoop": f.recursive_loop }))
    }

    /// The place in its chain an invocation of `function` for these SQS records would take:
    /// one more than the most any record carries for it.
    pub(super) fn chain_of_records(&self, function: &str, records: &[Value]) -> u32 {
        let Some(f) = self.functions.get(function) else {
            return 1;
        };
        let key = lineage_key(&f.arn);
        records
            .iter()
            .filter_map(|r| r["attributes"]["AWSTraceHeader"].as_str())
            .map(|h| chain_in(h, &key))
            .max()
            .unwrap_or(0)
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trace_header_carries_the_chain_of_its_function() {
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:loop";
        let h = trace_header("req-1", 1_767_225_600_000, arn, 3);
        assert!(h.starts_with("Root=1-695"), "{h}");
        assert!(h.ends_with(&format!("Lineage={}:3", lineage_key(arn))));
        assert_eq!(chain_in(&h, &lineage_key(arn)), 3);
        assert_eq!(chain_in(&h, "00000000"), 0);
        assert_eq!(chain_in("Root=1-abc;Sampled=0", &lineage_key(arn)), 0);
    }
}
