//! One line a person reads for a step that has no note: the action, the
//! queue or function it acts on (a `${q.QueueUrl}` reference is named by the
//! queue its step created), and the request's telling fields, e.g.
//! `SendMessage · orders · "{"order": 1}"` or `Advance the clock 31 s`.

use super::{Scenario, Step, StepKind};
use crate::sim::spoken_duration;
use serde_json::Value;

/// Longest quoted text (a body, a payload) kept in a summary, in characters.
const MAX_QUOTE: usize = 48;

fn quote(text: &str) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_QUOTE {
        let cut: String = text.chars().take(MAX_QUOTE - 1).collect();
        format!("\"{cut}…\"")
    } else {
        format!("\"{text}\"")
    }
}

impl Scenario {
    /// What step `index` does, in one line (empty when there is no such step).
    pub fn step_summary(&self, index: usize) -> String {
        let Some(step) = self.steps.get(index) else {
            return String::new();
        };
        match &step.kind {
            StepKind::Call {
                action,
                input,
                account,
                region,
            } => {
                let operation = action.split_once(':').map_or(action.as_str(), |(_, op)| op);
                let mut parts = vec![operation.to_string()];
                if let Some(resource) = self.resource_of(input, index) {
                    parts.push(resource);
                }
                parts.extend(details(input));
                let mut line = parts.join(" · ");
                if let Some(place) = place_text(account, region) {
                    line.push_str(&format!(" (as {place})"));
                }
                line
            }
            StepKind::Advance { duration } => {
                format!("Advance the clock {}", spoken_duration(*duration))
            }
            StepKind::RunIdle => {
                "Run until no work is pending (deliveries, retries, in-flight messages)".into()
            }
            StepKind::Wait {
                waiter,
                input,
                account,
                region,
            } => {
                let name = waiter.split_once(':').map_or(waiter.as_str(), |(_, w)| w);
                let mut line = format!("Wait until {name}");
                if let Some(resource) = self.resource_of(input, index) {
                    line.push_str(&format!(" · {resource}"));
                }
                if let Some(place) = place_text(account, region) {
                    line.push_str(&format!(" (as {place})"));
                }
                line
            }
        }
    }

    /// The queue, function, fleet, schedule, bus or HTTP endpoint a request names: by name, by the last part of a URL or
    /// ARN, or, for a `${step.QueueUrl}` reference, by the queue that step created.
    fn resource_of(&self, input: &Value, before: usize) -> Option<String> {
        for key in [
            "QueueName",
            "QueueUrl",
            "FunctionName",
            "FleetName",
            "logGroupName",
            // A schedule, a schedule group, a bus or a rule (EventBridge and Scheduler).
            "Name",
            // A simulated HTTP endpoint, by its whole URL.
            "Url",
        ] {
            let Some(text) = input.get(key).and_then(Value::as_str) else {
                continue;
            };
            if key == "Url" {
                return Some(text.to_string());
            }
            if let Some(name) = self.referenced_queue(text, before) {
                return Some(name);
            }
            if text.contains("${") {
                return Some(text.to_string());
            }
            let last = text.rsplit(['/', ':']).next().unwrap_or(text);
            return Some(last.to_string());
        }
        None
    }

    /// `${q.QueueUrl}` → the QueueName of the step named `q`, when that step (before `before`)
    /// created or looked up a queue by name.
    fn referenced_queue(&self, text: &str, before: usize) -> Option<String> {
        let inner = text.strip_prefix("${")?.strip_suffix('}')?;
        let (name, path) = inner.split_once('.')?;
        if path != "QueueUrl" {
            return None;
        }
        let step: &Step = self.steps[..before]
            .iter()
            .find(|s| s.name.as_deref() == Some(name))?;
        match &step.kind {
            StepKind::Call { input, .. } => input
                .get("QueueName")
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        }
    }
}

/// "111122223333 · eu-west-1" for a step acting elsewhere.
fn place_text(account: &Option<String>, region: &Option<String>) -> Option<String> {
    match (account, region) {
        (None, None) => None,
        (a, r) => Some(
            [a.as_deref(), r.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        ),
    }
}

/// The request's telling fields, in a fixed order.
fn details(input: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(body) = input.get("MessageBody").and_then(Value::as_str) {
        out.push(quote(body));
    }
    if let Some(entries) = input.get("Entries").and_then(Value::as_array) {
        out.push(match entries.len() {
            1 => "1 entry".to_string(),
            n => format!("{n} entries"),
        });
    }
    for key in [
        "MaxNumberOfMessages",
        "WaitTimeSeconds",
        "VisibilityTimeout",
        "DelaySeconds",
        "MessageGroupId",
        "MessageDeduplicationId",
        "InvocationType",
        "BatchSize",
        "ReservedConcurrentExecutions",
        "Timeout",
        "filterPattern",
        "ScheduleExpression",
        "ScheduleExpressionTimezone",
        "State",
    ] {
        match input.get(key) {
            Some(Value::String(s)) => out.push(format!("{key} {s}")),
            Some(Value::Number(n)) => out.push(format!("{key} {n}")),
            _ => {}
        }
    }
    if let Some(Value::Object(attributes)) = input.get("Attributes") {
        let shown: Vec<String> = attributes
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) if s.len() <= 12 => format!("{k} {s}"),
                _ => k.clone(),
            })
            .collect();
        if !shown.is_empty() {
            out.push(shown.join(", "));
        }
    }
    if let Some(Value::Array(names)) = input.get("AttributeNames") {
        let names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
        out.push(names.join(", "));
    }
    if let Some(payload) = input.get("Payload") {
        let text = match payload {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.push(format!("payload {}", quote(&text)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scenario(steps: Value) -> Scenario {
        Scenario::from_value(&json!({ "name": "s", "steps": steps })).unwrap()
    }

    #[test]
    fn a_call_is_summarised_by_its_action_resource_and_telling_fields() {
        let s = scenario(json!([
            { "call": "sqs:CreateQueue", "input": { "QueueName": "orders", "Attributes": { "VisibilityTimeout": "30" } }, "as": "q" },
            { "call": "sqs:SendMessage", "input": { "QueueUrl": "${q.QueueUrl}", "MessageBody": "{\"order\": 1}" } },
            { "call": "sqs:ReceiveMessage", "input": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "WaitTimeSeconds": 20 } },
            { "call": "lambda:Invoke", "input": { "FunctionName": "hello", "Payload": { "name": "Ada" } }, "account": "111122223333" },
        ]));
        assert_eq!(
            s.step_summary(0),
            "CreateQueue · orders · VisibilityTimeout 30"
        );
        assert_eq!(
            s.step_summary(1),
            "SendMessage · orders · \"{\"order\": 1}\""
        );
        assert_eq!(
            s.step_summary(2),
            "ReceiveMessage · jobs · WaitTimeSeconds 20"
        );
        assert_eq!(
            s.step_summary(3),
            "Invoke · hello · payload \"{\"name\":\"Ada\"}\" (as 111122223333)"
        );
        assert_eq!(s.step_summary(4), "");
    }

    #[test]
    fn time_steps_and_waiters_say_what_they_wait_for() {
        let s = scenario(json!([
            { "advance": "90s" },
            { "run": "idle" },
            { "wait": "lambda:FunctionActiveV2", "input": { "FunctionName": "hello" } },
        ]));
        assert_eq!(s.step_summary(0), "Advance the clock 1 min 30 s");
        assert!(s
            .step_summary(1)
            .starts_with("Run until no work is pending"));
        assert_eq!(s.step_summary(2), "Wait until FunctionActiveV2 · hello");
    }

    #[test]
    fn a_simulated_endpoint_is_named_by_its_url() {
        let s = scenario(json!([
            { "call": "endpoints:PutEndpoint", "input": { "Url": "https://api.example.com/orders", "Status": 503 } },
        ]));
        assert!(
            s.step_summary(0)
                .starts_with("PutEndpoint · https://api.example.com/orders"),
            "{}",
            s.step_summary(0)
        );
    }

    #[test]
    fn a_long_body_is_cut_short() {
        let s = scenario(json!([
            { "call": "sqs:SendMessage", "input": { "QueueUrl": "q", "MessageBody": "x".repeat(200) } },
        ]));
        let line = s.step_summary(0);
        assert!(line.ends_with("…\""), "{line}");
        assert!(line.chars().count() < 80, "{line}");
    }

    #[test]
    fn a_schedule_step_names_the_schedule_its_expression_and_zone() {
        let scenario = Scenario::from_json_str(
            &json!({"name": "s", "description": "d", "steps": [
                {"call": "scheduler:CreateSchedule", "input": {"Name": "reminder", "ScheduleExpression": "at(2026-01-01T09:30:00)", "ScheduleExpressionTimezone": "Asia/Tokyo", "FlexibleTimeWindow": {"Mode": "OFF"}, "Target": {"Arn": "a", "RoleArn": "r"}}}
            ]})
            .to_string(),
        )
        .unwrap();
        assert_eq!(
            scenario.step_summary(0),
            "CreateSchedule · reminder · ScheduleExpression at(2026-01-01T09:30:00) · ScheduleExpressionTimezone Asia/Tokyo"
        );
    }
}
