//! The SDK shim against the simulated world: a handler's commands reach the
//! services, their errors come back as the modelled classes, and paginators
//! follow the service's own tokens.

use serde_json::{json, Value};

use crate::{Settings, World};

fn world_with(code: &str) -> World {
    let mut w = World::new(Settings::default());
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "fn",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": code}},
        }),
    )
    .unwrap();
    w.advance(60_000);
    w
}

fn invoke(w: &mut World) -> Value {
    let r = w
        .call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap();
    assert!(r.get("FunctionError").is_none(), "{r}");
    r["Payload"].clone()
}

#[test]
fn a_handler_pages_through_queues_and_catches_queue_does_not_exist() {
    let mut w = world_with(
        r#"import { SQSClient, GetQueueUrlCommand, QueueDoesNotExist, paginateListQueues } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async () => {
  const pages = [];
  for await (const page of paginateListQueues({ client: sqs, pageSize: 2 }, {})) pages.push(page.QueueUrls.length);
  try { await sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })); return 'found?'; }
  catch (e) { return { pages, modelled: e instanceof QueueDoesNotExist, name: e.name, code: e.Code, status: e.$metadata.httpStatusCode }; }
};"#,
    );
    for name in ["a", "b", "c"] {
        w.call("sqs:CreateQueue", json!({ "QueueName": name }))
            .unwrap();
    }
    assert_eq!(
        invoke(&mut w),
        json!({"pages": [2, 1], "modelled": true, "name": "QueueDoesNotExist",
            "code": "AWS.SimpleQueueService.NonExistentQueue", "status": 400})
    );
}

#[test]
fn a_handler_reads_its_own_log_group_with_the_cloudwatch_logs_client() {
    let mut w = world_with(
        r#"import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
export const handler = async () => {
  const out = await new CloudWatchLogsClient({}).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
  return out.logGroups.map((g) => g.logGroupName);
};"#,
    );
    invoke(&mut w);
    assert_eq!(invoke(&mut w), json!(["/aws/lambda/fn"]));
}

#[test]
fn a_handler_puts_events_on_a_bus_whose_rule_sends_them_to_a_queue() {
    let mut w = world_with(
        r#"import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const eb = new EventBridgeClient({});
export const handler = async () => {
  const r = await eb.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Order Placed', Detail: JSON.stringify({ amount: 120 }) }] }));
  return { failed: r.FailedEntryCount, id: typeof r.Entries[0].EventId, status: r.$metadata.httpStatusCode };
};"#,
    );
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "big"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "events:PutRule",
        json!({"Name": "big-orders", "EventPattern": "{\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]}}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "big-orders", "Targets": [{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:123456789012:big"}]}),
    )
    .unwrap();
    assert_eq!(
        invoke(&mut w),
        json!({"failed": 0, "id": "string", "status": 200})
    );
    let got = w
        .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    let body: Value = serde_json::from_str(got["Messages"][0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(body["detail"]["amount"], 120);
}

#[test]
fn a_handler_creates_and_reads_a_schedule_with_the_scheduler_client() {
    let mut w = world_with(
        r#"import { SchedulerClient, CreateScheduleCommand, GetScheduleCommand, ResourceNotFoundException, paginateListSchedules } from '@aws-sdk/client-scheduler';
const scheduler = new SchedulerClient({});
export const handler = async () => {
  const created = await scheduler.send(new CreateScheduleCommand({
    Name: 'reminder',
    ScheduleExpression: 'at(2026-01-02T09:00:00)',
    ScheduleExpressionTimezone: 'Europe/Paris',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: { Arn: 'arn:aws:sqs:us-east-1:123456789012:jobs', RoleArn: 'arn:aws:iam::123456789012:role/scheduler', Input: '{"remind":true}' },
  }));
  const got = await scheduler.send(new GetScheduleCommand({ Name: 'reminder' }));
  const names = [];
  for await (const page of paginateListSchedules({ client: scheduler }, {})) names.push(...page.Schedules.map((s) => s.Name));
  try { await scheduler.send(new GetScheduleCommand({ Name: 'missing' })); return 'found?'; }
  catch (e) {
    return { arn: created.ScheduleArn, zone: got.ScheduleExpressionTimezone, retries: got.Target.RetryPolicy.MaximumRetryAttempts,
      names, modelled: e instanceof ResourceNotFoundException, message: e.message, status: e.$metadata.httpStatusCode };
  }
};"#,
    );
    assert_eq!(
        invoke(&mut w),
        json!({"arn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/reminder", "zone": "Europe/Paris",
            "retries": 185, "names": ["reminder"], "modelled": true, "message": "Schedule missing does not exist.", "status": 404})
    );
}
