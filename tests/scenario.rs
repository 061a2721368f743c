//! The scenario contract: determinism, the CLI's JSON lines, references, and
//! clear refusals of bad documents.

use std::path::PathBuf;
use std::process::Command;
use stratus::scenario::{runner::render, Runner, Scenario};

fn example(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("www/examples")
            .join(name),
    )
    .unwrap()
}

fn stratus(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stratus"));
    cmd.args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdin(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_same_scenario_gives_byte_identical_output_and_trace() {
    let s = Scenario::from_json_str(&example("visibility-timeout.json")).unwrap();
    let a = render(s.clone(), true);
    let b = render(s, true);
    assert_eq!(a, b);
    assert!(a.contains("VisibilityTimeoutExpired"));
}

#[test]
fn a_different_seed_gives_different_ids_but_the_same_behaviour() {
    let text = example("visibility-timeout.json");
    let other = text.replace("\"seed\": 42", "\"seed\": 43");
    let (a, b) = (
        render(Scenario::from_json_str(&text).unwrap(), false),
        render(Scenario::from_json_str(&other).unwrap(), false),
    );
    assert_ne!(a, b);
    let shape = |s: &str| s.lines().map(|l| l.contains("\"ok\"")).collect::<Vec<_>>();
    assert_eq!(shape(&a), shape(&b));
}

/// The consumer fleet's golden file: its pollers, failures and scaling replay byte for byte in the browser too.
#[test]
fn the_consumer_fleet_example_matches_its_golden_output() {
    let golden_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/consumer-fleet.jsonl");
    let out = render(
        Scenario::from_json_str(&example("consumer-fleet.json")).unwrap(),
        true,
    );
    if std::env::var("STRATUS_BLESS").is_ok() {
        std::fs::write(&golden_path, &out).unwrap();
    }
    assert!(out.contains("ConsumerFleetScaled") && out.contains("MovedToDeadLetterQueue"));
    assert_eq!(
        out,
        std::fs::read_to_string(golden_path).unwrap(),
        "run STRATUS_BLESS=1 cargo test if the change is intended"
    );
}

/// The SQS → Lambda example's golden file: pollers, batches run by the JavaScript runtime,
/// partial batch failures and the dead-letter queue replay byte for byte in the browser too.
#[test]
fn the_sqs_to_lambda_example_matches_its_golden_output() {
    let golden_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sqs-lambda-batches.jsonl");
    let out = render(
        Scenario::from_json_str(&example("sqs-lambda-batches.json")).unwrap(),
        true,
    );
    if std::env::var("STRATUS_BLESS").is_ok() {
        std::fs::write(&golden_path, &out).unwrap();
    }
    assert!(out.contains("BatchProcessed") && out.contains("MovedToDeadLetterQueue"));
    assert_eq!(
        out,
        std::fs::read_to_string(golden_path).unwrap(),
        "run STRATUS_BLESS=1 cargo test if the change is intended"
    );
}

/// EventBridge Scheduler's, partner event sources' and API destinations' golden files: time
/// zones, flexible windows from the seeded random source, retries, dead-letter queues, the
/// partner's events and a simulated HTTP endpoint's answers replay byte for byte.
#[test]
fn the_scheduler_partner_and_api_destination_examples_match_their_golden_output() {
    for (name, expected) in [
        ("eventbridge-scheduler", "SentToDeadLetterQueue"),
        ("eventbridge-partner-events", "EventSourceStateChanged"),
        ("eventbridge-api-destination", "HttpResponseSent"),
    ] {
        let golden_path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{name}.jsonl"));
        let out = render(
            Scenario::from_json_str(&example(&format!("{name}.json"))).unwrap(),
            true,
        );
        if std::env::var("STRATUS_BLESS").is_ok() {
            std::fs::write(&golden_path, &out).unwrap();
        }
        assert!(out.contains(expected), "{name}");
        assert_eq!(
            out,
            std::fs::read_to_string(golden_path).unwrap(),
            "{name}: run STRATUS_BLESS=1 cargo test if the change is intended"
        );
    }
}

/// The golden file the browser test compares against; regenerate with `STRATUS_BLESS=1 cargo test`.
#[test]
fn the_example_scenario_matches_its_golden_output() {
    let golden_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/visibility-timeout.jsonl");
    let out = render(
        Scenario::from_json_str(&example("visibility-timeout.json")).unwrap(),
        true,
    );
    if std::env::var("STRATUS_BLESS").is_ok() {
        std::fs::write(&golden_path, &out).unwrap();
    }
    assert_eq!(
        out,
        std::fs::read_to_string(golden_path).unwrap(),
        "run STRATUS_BLESS=1 cargo test if the change is intended"
    );
}

#[test]
fn the_cli_prints_one_json_line_per_step_of_every_kind() {
    let (code, out, _) = stratus(&["run", "www/examples/visibility-timeout.json"], None);
    assert_eq!(code, 0, "an AWS error in a step is a result, not a failure");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let steps = Scenario::from_json_str(&example("visibility-timeout.json"))
        .unwrap()
        .steps
        .len();
    assert_eq!(lines.len(), steps);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["step"], i);
        assert!(line["at"].as_str().unwrap().ends_with('Z'));
        assert!(line.get("ok").is_some() ^ line.get("error").is_some());
        assert!(
            line.get("call").is_some()
                || line.get("advance").is_some()
                || line.get("run").is_some()
        );
    }
    assert_eq!(lines[0]["call"], "sqs:CreateQueue");
    assert_eq!(lines[5]["advance"], "29s");
    assert_eq!(lines[5]["at"], "2026-01-01T00:00:00.000Z");
    assert_eq!(lines[5]["ok"]["now"], "2026-01-01T00:00:29.000Z");
    assert_eq!(lines[11]["error"]["code"], "InvalidParameterValue");
    assert_eq!(lines.last().unwrap()["run"], "idle");
}

#[test]
fn the_cli_reads_stdin_and_prints_the_trace_with_it() {
    let doc =
        r#"{"name": "t", "steps": [{"call": "sqs:CreateQueue", "input": {"QueueName": "q"}}]}"#;
    let (code, out, _) = stratus(&["run", "-", "--trace"], Some(doc));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains("\"event\":\"QueueCreated\""));
}

#[test]
fn an_invalid_document_exits_non_zero_naming_the_field_and_step() {
    let cases = [
        (
            r#"{"name": "t", "steps": [{"call": "sqs:ListQueues"}, {"advance": "31x"}]}"#,
            "steps[1].advance",
        ),
        (
            r#"{"name": "t", "steps": [{"cal": "sqs:ListQueues"}]}"#,
            "steps[0]",
        ),
        (
            r#"{"name": "t", "steps": [{"call": "ListQueues"}]}"#,
            "steps[0].call",
        ),
        (
            r#"{"name": "t", "steps": [{"run": "forever"}]}"#,
            "steps[0].run",
        ),
        (
            r#"{"name": "t", "steps": [{"call": "sqs:ListQueues", "input": []}]}"#,
            "steps[0].input",
        ),
        (
            r#"{"name": "t", "steps": [{"call": "sqs:ListQueues", "advance": "1s"}]}"#,
            "steps[0]",
        ),
        (
            r#"{"name": "t", "settings": {"epoch": "yesterday"}, "steps": []}"#,
            "settings.epoch",
        ),
        (
            r#"{"name": "t", "settings": {"seed": -1}, "steps": []}"#,
            "settings.seed",
        ),
        (
            r#"{"name": "t", "settings": {"colour": "red"}, "steps": []}"#,
            "settings.colour",
        ),
        (r#"{"steps": []}"#, "name"),
        (r#"{"name": "t"}"#, "steps"),
        (
            r#"{"name": "t", "steps": [{"advance": "1s", "as": "x"}, {"advance": "1s", "as": "x"}]}"#,
            "steps[1].as",
        ),
        ("not json", "not valid JSON"),
        (
            r#"{"name": "t", "steps": [{"call": "sqs:ListQueues", "account": "42"}]}"#,
            "steps[0].account",
        ),
        (
            r#"{"name": "t", "steps": [{"call": "sqs:ListQueues", "region": "moon"}]}"#,
            "steps[0].region",
        ),
        (
            r#"{"name": "t", "steps": [{"advance": "1s", "account": "111122223333"}]}"#,
            "steps[0]",
        ),
        (
            r#"{"name": "t", "settings": {"trace": {"last": 0}}, "steps": []}"#,
            "settings.trace",
        ),
        (
            r#"{"name": "t", "settings": {"trace": "some"}, "steps": []}"#,
            "settings.trace",
        ),
    ];
    for (doc, expected) in cases {
        let (code, out, err) = stratus(&["run", "-"], Some(doc));
        assert_ne!(code, 0, "{doc}");
        assert!(out.is_empty());
        assert!(err.contains(expected), "{doc}: {err}");
    }
}

#[test]
fn a_call_step_acts_as_another_account_or_region_and_its_line_says_so() {
    let doc = r#"{"name": "t", "steps": [
        {"call": "sqs:CreateQueue", "input": {"QueueName": "q"}, "account": "111122223333", "region": "eu-west-1", "as": "q"},
        {"call": "sqs:SendMessage", "input": {"QueueUrl": "${q.QueueUrl}", "MessageBody": "hi"}},
        {"call": "sqs:CreateQueue", "input": {"QueueName": "q"}}
    ]}"#;
    let scenario = Scenario::from_json_str(doc).unwrap();
    // The fields survive a round trip through the document (and so a share link).
    assert_eq!(
        Scenario::from_value(&scenario.to_value()).unwrap(),
        scenario
    );
    let mut runner = Runner::new(scenario);
    let lines: Vec<_> = runner.run_all().into_iter().map(|r| r.line).collect();
    assert_eq!(
        lines[0]["ok"]["QueueUrl"],
        "https://sqs.eu-west-1.amazonaws.com/111122223333/q"
    );
    assert_eq!(
        (lines[0]["account"].as_str(), lines[0]["region"].as_str()),
        (Some("111122223333"), Some("eu-west-1"))
    );
    // The scenario's own account may not send to it: no policy allows it.
    assert_eq!(lines[1]["error"]["code"], "AccessDenied");
    assert_eq!(
        lines[2]["ok"]["QueueUrl"],
        "https://sqs.us-east-1.amazonaws.com/123456789012/q"
    );
    assert!(lines[2].get("account").is_none());
}

#[test]
fn a_wait_step_polls_as_another_account_or_region_like_a_call_step() {
    let doc = r#"{"name": "t", "steps": [
        {"call": "lambda:CreateFunction", "account": "111122223333", "region": "eu-west-1", "input": {
            "FunctionName": "hello", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::111122223333:role/r",
            "Handler": "index.handler", "Code": {"Files": {"index.mjs": "export const handler = async () => 1;"}}}},
        {"wait": "lambda:FunctionActiveV2", "input": {"FunctionName": "hello"}, "account": "111122223333", "region": "eu-west-1"},
        {"wait": "lambda:FunctionActiveV2", "input": {"FunctionName": "hello"}}
    ]}"#;
    let scenario = Scenario::from_json_str(doc).unwrap();
    assert_eq!(
        Scenario::from_value(&scenario.to_value()).unwrap(),
        scenario
    );
    let mut runner = Runner::new(scenario);
    let lines: Vec<_> = runner.run_all().into_iter().map(|r| r.line).collect();
    assert_eq!(lines[1]["ok"]["state"], "success", "{}", lines[1]);
    assert_eq!(
        (lines[1]["account"].as_str(), lines[1]["region"].as_str()),
        (Some("111122223333"), Some("eu-west-1"))
    );
    // In the scenario's own account and region there is no such function.
    assert!(lines[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("ResourceNotFoundException"));
    assert!(lines[2].get("account").is_none());
}

#[test]
fn an_unresolvable_reference_is_a_step_error_and_the_run_goes_on() {
    let doc = r#"{"name": "t", "steps": [
        {"call": "sqs:ReceiveMessage", "input": {"QueueUrl": "${q.QueueUrl}"}},
        {"call": "sqs:CreateQueue", "input": {"QueueName": "q"}, "as": "q"},
        {"call": "sqs:GetQueueAttributes", "input": {"QueueUrl": "${q.QueueUrl}", "AttributeNames": ["QueueArn"]}},
        {"call": "sqs:SendMessage", "input": {"QueueUrl": "${q.QueueUrl}", "MessageBody": "queue ${q.QueueUrl} says hi"}, "as": "m"}
    ]}"#;
    let mut runner = Runner::new(Scenario::from_json_str(doc).unwrap());
    let lines: Vec<_> = runner.run_all().into_iter().map(|r| r.line).collect();
    assert_eq!(lines[0]["error"]["code"], "ScenarioReferenceError");
    assert_eq!(
        lines[2]["ok"]["Attributes"]["QueueArn"],
        "arn:aws:sqs:us-east-1:123456789012:q"
    );
    let body = &runner
        .world()
        .sqs()
        .queue("q")
        .unwrap()
        .messages
        .values()
        .next()
        .unwrap()
        .body;
    assert_eq!(
        &**body,
        "queue https://sqs.us-east-1.amazonaws.com/123456789012/q says hi"
    );
}

#[test]
fn settings_choose_the_epoch_region_and_account() {
    let doc = r#"{"name": "t", "settings": {"epoch": "2030-06-01T12:00:00Z", "region": "eu-west-1", "account": "111122223333"},
        "steps": [{"call": "sqs:CreateQueue", "input": {"QueueName": "q"}}]}"#;
    let out = render(Scenario::from_json_str(doc).unwrap(), false);
    assert!(out.contains("\"at\":\"2030-06-01T12:00:00.000Z\""));
    assert!(out.contains("https://sqs.eu-west-1.amazonaws.com/111122223333/q"));
}

#[test]
fn run_idle_advances_to_the_last_pending_visibility_timeout_and_stops() {
    let doc = r#"{"name": "t", "steps": [
        {"call": "sqs:CreateQueue", "input": {"QueueName": "q", "Attributes": {"VisibilityTimeout": "90"}}, "as": "q"},
        {"call": "sqs:SendMessage", "input": {"QueueUrl": "${q.QueueUrl}", "MessageBody": "a"}},
        {"call": "sqs:ReceiveMessage", "input": {"QueueUrl": "${q.QueueUrl}"}},
        {"run": "idle"},
        {"run": "idle"}
    ]}"#;
    let lines: Vec<_> = Runner::new(Scenario::from_json_str(doc).unwrap())
        .run_all()
        .into_iter()
        .map(|r| r.line)
        .collect();
    assert_eq!(lines[3]["ok"]["advanced"], "90s");
    assert_eq!(lines[3]["ok"]["idle"], true);
    assert_eq!(lines[4]["ok"]["advanced"], "0ms");
}

#[test]
fn a_scenario_replayed_from_its_share_fragment_reaches_the_same_state() {
    use stratus::scenario::codec;
    let s = Scenario::from_json_str(&example("visibility-timeout.json")).unwrap();
    let (code, out, _) = stratus(&["share", "www/examples/visibility-timeout.json"], None);
    assert_eq!(code, 0);
    let decoded = codec::decode(out.trim().strip_prefix("#s=").unwrap()).unwrap();
    assert_eq!(render(decoded, true), render(s, true));
}

#[test]
fn every_example_scenario_is_valid_and_its_references_all_resolve() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario =
            Scenario::from_json_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !scenario.description.is_empty(),
            "{}: an example says what it shows",
            path.display()
        );
        let out = render(scenario, false);
        assert!(
            !out.contains("ScenarioReferenceError"),
            "{}: {out}",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 4);
}
