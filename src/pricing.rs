//! What a scenario would cost on AWS, from AWS's public prices (us-east-1):
//! SQS bills $0.40 per million requests to standard queues and $0.50 per
//! million to FIFO queues, after the first million requests each month, and
//! every 64 KiB chunk of a request's payload counts as one request (a batch of
//! up to 10 messages is one request, by payload). Stratus counts the requests
//! that succeeded; the cost shown assumes they all fall in one month, and lets
//! the free million cover standard requests first.

use serde_json::Value;

pub const SQS_FREE_REQUESTS_PER_MONTH: u64 = 1_000_000;
pub const SQS_STANDARD_USD_PER_MILLION: f64 = 0.40;
pub const SQS_FIFO_USD_PER_MILLION: f64 = 0.50;
pub const SQS_BILLING_CHUNK_BYTES: u64 = 64 * 1024;

/// Billable usage so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// SQS requests as AWS bills them (64 KiB chunks).
    pub sqs_requests: u64,
    /// Of those, ReceiveMessage calls that returned no message (billed all the same).
    pub sqs_empty_receives: u64,
    /// Of those, requests to FIFO queues (billed at the FIFO price).
    pub sqs_fifo_requests: u64,
}

impl Usage {
    /// Records one successful call of any service that bills per request (SQS today; Lambda
    /// counts its requests and GB-seconds itself, as invocations end).
    pub fn record(&mut self, service: &str, operation: &str, input: &Value, output: &Value) {
        if service == "sqs" {
            self.record_sqs(operation, input, output);
        }
    }

    /// Records one successful call made and answered as JSON text. Text is never shorter than
    /// the payload it carries (escapes only lengthen it, base64 is longer than its bytes), so a
    /// request and answer within one 64 KiB chunk are one request without reading them; only
    /// a larger one is read as a tree to measure its payload.
    pub fn record_text(&mut self, service: &str, operation: &str, input: &str, output: &str) {
        if service != "sqs" {
            return;
        }
        let small = (input.len() as u64) <= SQS_BILLING_CHUNK_BYTES
            && (output.len() as u64) <= SQS_BILLING_CHUNK_BYTES;
        if !small {
            let tree = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
            self.record_sqs(operation, &tree(input), &tree(output));
            return;
        }
        if operation == "ReceiveMessage" && !output.contains("\"Messages\"") {
            self.sqs_empty_receives += 1;
        }
        self.sqs_requests += 1;
        let fifo =
            crate::services::sqs::queue_url_in(input).is_some_and(|url| url.ends_with(".fifo"));
        if fifo {
            self.sqs_fifo_requests += 1;
        }
    }

    /// Records one successful SQS call.
    pub fn record_sqs(&mut self, operation: &str, input: &Value, output: &Value) {
        let payload = match operation {
            "SendMessage" => message_bytes(input),
            "SendMessageBatch" => input
                .get("Entries")
                .and_then(Value::as_array)
                .map_or(0, |e| e.iter().map(message_bytes).sum()),
            "ReceiveMessage" => {
                let messages = output.get("Messages").and_then(Value::as_array);
                if messages.is_none_or(|m| m.is_empty()) {
                    self.sqs_empty_receives += 1;
                }
                messages.map_or(0, |m| m.iter().map(message_bytes).sum())
            }
            _ => 0,
        };
        let requests = payload.div_ceil(SQS_BILLING_CHUNK_BYTES).max(1);
        self.sqs_requests += requests;
        let fifo = input
            .get("QueueUrl")
            .and_then(Value::as_str)
            .is_some_and(|url| url.ends_with(".fifo"));
        if fifo {
            self.sqs_fifo_requests += requests;
        }
    }

    /// The SQS bill in US dollars, after the monthly free tier.
    pub fn sqs_cost_usd(&self) -> f64 {
        let standard = self.sqs_requests - self.sqs_fifo_requests;
        let free_left = SQS_FREE_REQUESTS_PER_MONTH.saturating_sub(standard);
        let billed_standard = standard.saturating_sub(SQS_FREE_REQUESTS_PER_MONTH);
        let billed_fifo = self.sqs_fifo_requests.saturating_sub(free_left);
        (billed_standard as f64 * SQS_STANDARD_USD_PER_MILLION
            + billed_fifo as f64 * SQS_FIFO_USD_PER_MILLION)
            / 1e6
    }
}

/// Body plus attribute names, types and values, as SQS sizes a message.
fn message_bytes(message: &Value) -> u64 {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map_or(0, str::len) as u64;
    let body = text(message, "MessageBody") + text(message, "Body");
    let attributes = message
        .get("MessageAttributes")
        .and_then(Value::as_object)
        .map_or(0, |attrs| {
            attrs
                .iter()
                .map(|(name, a)| {
                    let binary = text(a, "BinaryValue") * 3 / 4;
                    name.len() as u64 + text(a, "DataType") + text(a, "StringValue") + binary
                })
                .sum()
        });
    body + attributes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_64_kib_chunk_of_payload_is_one_request() {
        let mut u = Usage::default();
        u.record_sqs("SendMessage", &json!({"MessageBody": "x"}), &json!({}));
        u.record_sqs(
            "SendMessage",
            &json!({"MessageBody": "x".repeat(256 * 1024)}),
            &json!({}),
        );
        u.record_sqs(
            "SendMessage",
            &json!({"MessageBody": "x".repeat(64 * 1024 + 1)}),
            &json!({}),
        );
        assert_eq!(u.sqs_requests, 1 + 4 + 2);
    }

    #[test]
    fn a_batch_of_ten_small_messages_is_one_request_and_an_empty_receive_is_billed() {
        let mut u = Usage::default();
        let entries: Vec<Value> = (0..10)
            .map(|i| json!({"Id": format!("e{i}"), "MessageBody": "small"}))
            .collect();
        u.record_sqs("SendMessageBatch", &json!({"Entries": entries}), &json!({}));
        u.record_sqs("ReceiveMessage", &json!({}), &json!({}));
        assert_eq!((u.sqs_requests, u.sqs_empty_receives), (2, 1));
    }

    #[test]
    fn the_first_million_requests_a_month_are_free_then_40_cents_a_million() {
        let u = Usage {
            sqs_requests: 3_000_000,
            ..Usage::default()
        };
        assert!((u.sqs_cost_usd() - 0.80).abs() < 1e-9);
        assert_eq!(
            Usage {
                sqs_requests: 999_999,
                ..Usage::default()
            }
            .sqs_cost_usd(),
            0.0
        );
    }

    #[test]
    fn fifo_requests_cost_50_cents_a_million_after_the_free_million() {
        let mut u = Usage::default();
        u.record_sqs(
            "SendMessage",
            &json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/a.fifo", "MessageBody": "x"}),
            &json!({}),
        );
        assert_eq!((u.sqs_requests, u.sqs_fifo_requests), (1, 1));
        let u = Usage {
            sqs_requests: 3_000_000,
            sqs_fifo_requests: 2_000_000,
            ..Usage::default()
        };
        // 1 M standard requests use the free million; 2 M FIFO requests are billed.
        assert!((u.sqs_cost_usd() - 1.00).abs() < 1e-9);
    }
}
