//! What EventBridge would cost on AWS, from AWS's public prices (us-east-1):
//! $1.00 per million custom events put on a bus (PutEvents), each 64 KB
//! chunk of an entry counting as one event; events from AWS services and
//! scheduled rules are free, and so is delivery to targets other than API
//! destinations: each request to an API destination costs $0.20 per million
//! invocations, each 64 KB chunk of its body counting as one. Events a bus
//! receives from another account's bus are billed to the receiver as custom
//! events, and so are the events a SaaS partner sends to a partner bus.
//! Archive storage and replays are not priced here (the Cost view says so).

use super::put_events::entry_size;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventsUsage {
    /// Custom events billed (64 KB chunks of the entries put).
    pub custom_events: u64,
    /// Entries accepted, whatever their size.
    pub entries: u64,
    /// Events received from another bus (billed as custom events too).
    pub cross_bus_events: u64,
    /// Events a SaaS partner sent to a partner bus (billed to the receiving account).
    pub partner_events: u64,
    /// Requests made to API destinations (64 KB chunks of their bodies), retries included.
    pub api_destination_invocations: u64,
}

impl EventsUsage {
    pub const USD_PER_MILLION_EVENTS: f64 = 1.00;
    pub const BILLING_CHUNK_BYTES: usize = 64 * 1024;
    pub const USD_PER_MILLION_API_DESTINATION_INVOCATIONS: f64 = 0.20;

    /// Records one request to an API destination with a body of `bytes`.
    pub fn record_api_destination_invocation(&mut self, bytes: usize) {
        self.api_destination_invocations += bytes.div_ceil(Self::BILLING_CHUNK_BYTES).max(1) as u64;
    }

    /// Records one successful PutEvents: each accepted entry in 64 KB chunks.
    pub fn record(&mut self, operation: &str, input: &Value, output: &Value) {
        match operation {
            "PutEvents" => {
                let (Some(entries), Some(results)) = (
                    input.get("Entries").and_then(Value::as_array),
                    output.get("Entries").and_then(Value::as_array),
                ) else {
                    return;
                };
                for (entry, result) in entries.iter().zip(results) {
                    if result.get("EventId").is_some() {
                        self.entries += 1;
                        self.custom_events +=
                            entry_size(entry).div_ceil(Self::BILLING_CHUNK_BYTES).max(1) as u64;
                    }
                }
            }
            "PartnerEvent" => {
                let size = input.get("Event").map_or(0, |e| e.to_string().len());
                self.partner_events += 1;
                self.custom_events += size.div_ceil(Self::BILLING_CHUNK_BYTES).max(1) as u64;
            }
            "ForwardEvent" => {
                let size = input.get("Event").map_or(0, |e| e.to_string().len());
                self.cross_bus_events += 1;
                self.custom_events += size.div_ceil(Self::BILLING_CHUNK_BYTES).max(1) as u64;
            }
            _ => {}
        }
    }

    pub fn add(&mut self, other: &EventsUsage) {
        self.custom_events += other.custom_events;
        self.entries += other.entries;
        self.cross_bus_events += other.cross_bus_events;
        self.partner_events += other.partner_events;
        self.api_destination_invocations += other.api_destination_invocations;
    }

    pub fn cost_usd(&self) -> f64 {
        self.custom_events as f64 / 1_000_000.0 * Self::USD_PER_MILLION_EVENTS
            + self.api_destination_invocations as f64 / 1_000_000.0
                * Self::USD_PER_MILLION_API_DESTINATION_INVOCATIONS
    }

    /// What the Cost views say of it.
    pub fn summary(&self) -> String {
        format!(
            "{} custom event(s) billed ({} entries put, {} received from other buses, {} from partners), {} API destination invocation(s): ${:.6}",
            self.custom_events,
            self.entries,
            self.cross_bus_events,
            self.partner_events,
            self.api_destination_invocations,
            self.cost_usd()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_64_kb_chunk_of_an_entry_is_one_billed_event() {
        let mut usage = EventsUsage::default();
        let big = "x".repeat(70 * 1024);
        let input = json!({"Entries": [
            {"Source": "s", "DetailType": "d", "Detail": "{}"},
            {"Source": "s", "DetailType": "d", "Detail": format!("{{\"a\":\"{big}\"}}")},
            {"Source": "s", "DetailType": "d"}
        ]});
        let output = json!({"FailedEntryCount": 1, "Entries": [{"EventId": "1"}, {"EventId": "2"}, {"ErrorCode": "InvalidArgument"}]});
        usage.record("PutEvents", &input, &output);
        assert_eq!(usage.entries, 2);
        assert_eq!(usage.custom_events, 3);
        assert!((usage.cost_usd() - 0.000003).abs() < 1e-12);
    }
}
