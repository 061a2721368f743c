//! What SQS would cost on AWS, from AWS's public prices (us-east-1): $0.40 per
//! million requests to standard queues and $0.50 per million to FIFO queues,
//! after the first million requests each month, and every 64 KiB chunk of a
//! request's payload counts as one request (a batch of up to 10 messages is one
//! request, by payload). SQS counts the requests that succeeded, as the router
//! hands them to `Service::bill`; the cost shown assumes they all fall in one
//! month, and lets the free million cover standard requests first.

use super::queue_url_in;
use serde_json::Value;

/// Billable SQS usage so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SqsUsage {
    /// Requests as AWS bills them (64 KiB chunks).
    pub requests: u64,
    /// Of those, ReceiveMessage calls that returned no message (billed all the same).
    pub empty_receives: u64,
    /// Of those, requests to FIFO queues (billed at the FIFO price).
    pub fifo_requests: u64,
}

impl SqsUsage {
    pub const FREE_REQUESTS_PER_MONTH: u64 = 1_000_000;
    pub const STANDARD_USD_PER_MILLION: f64 = 0.40;
    pub const FIFO_USD_PER_MILLION: f64 = 0.50;
    pub const BILLING_CHUNK_BYTES: u64 = 64 * 1024;

    /// Records one successful call made and answered as JSON text. Text is never shorter than
    /// the payload it carries (escapes only lengthen it, base64 is longer than its bytes), so a
    /// request and answer within one 64 KiB chunk are one request without reading them; only
    /// a larger one is read as a tree to measure its payload.
    pub fn record_text(&mut self, operation: &str, input: &str, output: &str) {
        let small = (input.len() as u64) <= Self::BILLING_CHUNK_BYTES
            && (output.len() as u64) <= Self::BILLING_CHUNK_BYTES;
        if !small {
            let tree = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
            self.record(operation, &tree(input), &tree(output));
            return;
        }
        if operation == "ReceiveMessage" && !output.contains("\"Messages\"") {
            self.empty_receives += 1;
        }
        let url = queue_url_in(input);
        self.record_payload(url.as_deref().unwrap_or(""), 0);
    }

    /// Records one successful call.
    pub fn record(&mut self, operation: &str, input: &Value, output: &Value) {
        let payload = match operation {
            "SendMessage" => message_bytes(input),
            "SendMessageBatch" => input
                .get("Entries")
                .and_then(Value::as_array)
                .map_or(0, |e| e.iter().map(message_bytes).sum()),
            "ReceiveMessage" => {
                let messages = output.get("Messages").and_then(Value::as_array);
                if messages.is_none_or(|m| m.is_empty()) {
                    self.empty_receives += 1;
                }
                messages.map_or(0, |m| m.iter().map(message_bytes).sum())
            }
            _ => 0,
        };
        let url = input.get("QueueUrl").and_then(Value::as_str).unwrap_or("");
        self.record_payload(url, payload);
    }

    /// Records one successful request to the queue `url` carrying `payload` bytes of messages.
    pub fn record_payload(&mut self, url: &str, payload: u64) {
        let requests = payload.div_ceil(Self::BILLING_CHUNK_BYTES).max(1);
        self.requests += requests;
        if url.ends_with(".fifo") {
            self.fifo_requests += requests;
        }
    }

    /// Adds another account's or region's usage (the bill shown covers the whole scenario).
    pub fn add(&mut self, other: &SqsUsage) {
        self.requests += other.requests;
        self.empty_receives += other.empty_receives;
        self.fifo_requests += other.fifo_requests;
    }

    /// What these requests cost before any free tier (one account's or Region's share of the bill).
    pub fn list_price_usd(&self) -> f64 {
        let standard = self.requests - self.fifo_requests;
        (standard as f64 * Self::STANDARD_USD_PER_MILLION
            + self.fifo_requests as f64 * Self::FIFO_USD_PER_MILLION)
            / 1e6
    }

    /// The bill in US dollars, after the monthly free tier.
    pub fn cost_usd(&self) -> f64 {
        let standard = self.requests - self.fifo_requests;
        let free_left = Self::FREE_REQUESTS_PER_MONTH.saturating_sub(standard);
        let billed_standard = standard.saturating_sub(Self::FREE_REQUESTS_PER_MONTH);
        let billed_fifo = self.fifo_requests.saturating_sub(free_left);
        (billed_standard as f64 * Self::STANDARD_USD_PER_MILLION
            + billed_fifo as f64 * Self::FIFO_USD_PER_MILLION)
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
        let mut u = SqsUsage::default();
        u.record("SendMessage", &json!({"MessageBody": "x"}), &json!({}));
        u.record(
            "SendMessage",
            &json!({"MessageBody": "x".repeat(256 * 1024)}),
            &json!({}),
        );
        u.record(
            "SendMessage",
            &json!({"MessageBody": "x".repeat(64 * 1024 + 1)}),
            &json!({}),
        );
        assert_eq!(u.requests, 1 + 4 + 2);
    }

    #[test]
    fn a_batch_of_ten_small_messages_is_one_request_and_an_empty_receive_is_billed() {
        let mut u = SqsUsage::default();
        let entries: Vec<Value> = (0..10)
            .map(|i| json!({"Id": format!("e{i}"), "MessageBody": "small"}))
            .collect();
        u.record("SendMessageBatch", &json!({"Entries": entries}), &json!({}));
        u.record("ReceiveMessage", &json!({}), &json!({}));
        assert_eq!((u.requests, u.empty_receives), (2, 1));
    }

    #[test]
    fn the_first_million_requests_a_month_are_free_then_40_cents_a_million() {
        let u = SqsUsage {
            requests: 3_000_000,
            ..SqsUsage::default()
        };
        assert!((u.cost_usd() - 0.80).abs() < 1e-9);
        assert_eq!(
            SqsUsage {
                requests: 999_999,
                ..SqsUsage::default()
            }
            .cost_usd(),
            0.0
        );
    }

    #[test]
    fn fifo_requests_cost_50_cents_a_million_after_the_free_million() {
        let mut u = SqsUsage::default();
        u.record(
            "SendMessage",
            &json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/a.fifo", "MessageBody": "x"}),
            &json!({}),
        );
        assert_eq!((u.requests, u.fifo_requests), (1, 1));
        let u = SqsUsage {
            requests: 3_000_000,
            fifo_requests: 2_000_000,
            ..SqsUsage::default()
        };
        // 1 M standard requests use the free million; 2 M FIFO requests are billed.
        assert!((u.cost_usd() - 1.00).abs() < 1e-9);
    }

    #[test]
    fn the_list_price_counts_every_request_at_its_queue_type_s_price() {
        let u = SqsUsage {
            requests: 3_000_000,
            fifo_requests: 1_000_000,
            ..SqsUsage::default()
        };
        // 2 M standard at $0.40 and 1 M FIFO at $0.50 a million, no free tier.
        assert!((u.list_price_usd() - 1.30).abs() < 1e-9);
        assert!(u.list_price_usd() > u.cost_usd());
    }

    #[test]
    fn text_and_trees_bill_alike() {
        let url = "https://sqs.us-east-1.amazonaws.com/123456789012/a.fifo";
        let input = json!({"QueueUrl": url, "MessageBody": "x".repeat(70 * 1024)});
        let (mut text, mut tree) = (SqsUsage::default(), SqsUsage::default());
        for (op, input) in [
            ("SendMessage", &input),
            ("ReceiveMessage", &json!({"QueueUrl": url})),
        ] {
            text.record_text(op, &input.to_string(), "{}");
            tree.record(op, input, &json!({}));
        }
        assert_eq!(text, tree);
        assert_eq!(
            (text.requests, text.fifo_requests, text.empty_receives),
            (3, 3, 1)
        );
    }
}
