//! The function inspector, in tabs: Code (`function_code`: the code editor,
//! files as tabs, undeployed changes, deployed with UpdateFunctionCode), Test (test events — templates for the
//! SQS, SNS, S3 put, API Gateway proxy and EventBridge shapes, editable, saved
//! in the browser — sent with Invoke, with the response and its log tail),
//! Triggers (`triggers`), Configuration (AWS's ranges: UpdateFunctionConfiguration,
//! PutFunctionConcurrency; versions and aliases in `function_versions`, the
//! resource-based policy and asynchronous invocation in `function_access`),
//! Monitoring (its invocations and execution environments) and Cost
//! (`function_usage`). Every action is a scenario step.

use super::inspector::{TabPanel, Tabs};
use super::state::AppState;
use crate::services::lambda::model::RUNTIMES;
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const GUIDE: &str = "https://docs.aws.amazon.com/lambda/latest/dg/";

/// The function inspector's tabs: (id, label), the code first.
const TABS: &[(&str, &str)] = &[
    ("code", "Code"),
    ("test", "Test"),
    ("triggers", "Triggers"),
    ("configuration", "Configuration"),
    ("monitoring", "Monitoring"),
    ("cost", "Cost"),
];

/// (name, event JSON) of the test event templates, as the Lambda console offers them.
const TEMPLATES: &[(&str, &str)] = &[
    ("SQS", include_str!("../../www/test-events/sqs.json")),
    ("SNS", include_str!("../../www/test-events/sns.json")),
    ("S3 Put", include_str!("../../www/test-events/s3-put.json")),
    (
        "API Gateway proxy",
        include_str!("../../www/test-events/apigateway-proxy.json"),
    ),
    (
        "EventBridge",
        include_str!("../../www/test-events/eventbridge.json"),
    ),
];

/// Starter code for a new function: an ES module handler, as the console writes it.
pub const STARTER: &str = "export const handler = async (event, context) => {\n  console.log('event', JSON.stringify(event));\n  return {\n    statusCode: 200,\n    body: JSON.stringify({ message: 'Hello from Lambda!', requestId: context.awsRequestId }),\n  };\n};\n";

#[component]
pub fn FunctionPanel(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let exists = {
        let name = name.clone();
        Memo::new(move |_| state.read_in(|r| r.lambda().function(&name).is_some()))
    };
    view! {
        <section class="panel function-panel" data-testid="function-panel">
            {move || if exists.get() {
                view! { <FunctionDetails name=name.clone() /> }.into_any()
            } else {
                view! { <p class="empty">"This function no longer exists."</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn FunctionDetails(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let read = {
        let name = name.clone();
        move |f: fn(&crate::services::lambda::Function) -> String| {
            state.read_in(|r| r.lambda().function(&name).map(f).unwrap_or_default())
        }
    };
    let dname = name.clone();
    let delete = move |_| {
        let arn = state.peek_in(|r| r.lambda().function(&dname).map(|f| f.arn.clone()));
        let done = state.call("lambda:DeleteFunction", json!({ "FunctionName": dname }));
        if let (Some(_), Some(arn)) = (done, arn) {
            super::function_code::update_drafts(state, |d| d.drop(&arn));
        }
    };
    let [code, test, triggers, config, versions, access, invocations, environments] =
        std::array::from_fn(|_| name.clone());
    view! {
        <div class="queue-head">
            <h2 class="queue-title">"λ " {name.clone()}</h2>
            <button class="danger" data-testid="delete-function" on:click=delete>"Delete function"</button>
        </div>
        <p class="queue-url"><code data-testid="function-arn">{read(|f| f.arn.clone())}</code></p>
        <Tabs kind="function" label="Function inspector" tabs=TABS>
            <TabPanel id="code">
                <h3>"Code " <a class="muted" href=format!("{GUIDE}nodejs-handler.html") target="_blank" rel="noopener">"(Node.js handler)"</a></h3>
                <super::function_code::FunctionCode name=code />
            </TabPanel>
            <TabPanel id="test">
                <TestEvents name=test />
            </TabPanel>
            <TabPanel id="triggers">
                <super::triggers::Triggers name=triggers />
            </TabPanel>
            <TabPanel id="configuration">
                <FunctionConfig name=config />
                <super::function_versions::FunctionVersions name=versions />
                <super::function_access::FunctionAccess name=access />
            </TabPanel>
            <TabPanel id="monitoring">
                <Invocations name=invocations />
                <Environments name=environments />
            </TabPanel>
            <TabPanel id="cost">
                <super::function_usage::FunctionUsage name />
            </TabPanel>
        </Tabs>
    }
}

/// The function's invocations, newest first: cold or warm, duration, outcome (a view over the trace).
#[component]
fn Invocations(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state.read_in(|r| {
            use crate::kernel::TraceKind;
            use crate::services::lambda::LambdaEvent;
            let mut cold = BTreeMap::new();
            let mut out = Vec::new();
            for e in r.world().trace().all().iter().filter(|e| r.owns(e)) {
                match &e.kind {
                    TraceKind::Lambda(LambdaEvent::InvocationStarted {
                        function,
                        request_id,
                        cold: c,
                    }) if **function == *name => {
                        cold.insert(request_id.to_string(), *c);
                    }
                    TraceKind::Lambda(LambdaEvent::InvocationFinished {
                        function,
                        request_id,
                        error_type,
                        duration_ms,
                        billed_duration_ms,
                    }) if **function == *name => {
                        out.push((
                            crate::sim::format_iso(e.at),
                            request_id.to_string(),
                            if cold.get(&**request_id).copied().unwrap_or(false) {
                                "cold"
                            } else {
                                "warm"
                            },
                            format!("{duration_ms:.2} ms (billed {billed_duration_ms} ms)"),
                            error_type.as_deref().unwrap_or("Succeeded").to_string(),
                        ));
                    }
                    TraceKind::Lambda(LambdaEvent::InvocationThrottled { function, reason })
                        if **function == *name =>
                    {
                        out.push((
                            crate::sim::format_iso(e.at),
                            String::new(),
                            "",
                            String::new(),
                            format!("Throttled: {reason}"),
                        ));
                    }
                    _ => {}
                }
            }
            out.reverse();
            out.truncate(50);
            out
        })
    };
    view! {
        <h3>"Invocations " <a class="muted" href=format!("{GUIDE}lambda-invocation.html") target="_blank" rel="noopener">"(guide)"</a></h3>
        <table class="messages invocations" data-testid="invocations">
            <thead><tr><th>"Finished"</th><th>"Start"</th><th>"Duration"</th><th>"Outcome"</th></tr></thead>
            <tbody>
                {move || rows().into_iter().map(|(at, id, start, duration, outcome)| {
                    let failed = outcome != "Succeeded";
                    view! {
                    <tr data-testid="invocation-row" title=id>
                        <td class="num">{at[11..23].to_string()}</td>
                        <td>{start}</td>
                        <td>{duration}</td>
                        <td class:failed=failed>{outcome}</td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
    }
}

/// The function's execution environments: busy or idle, and when an idle one is reclaimed.
#[component]
fn Environments(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state.read_in(|r| {
            let now = r.world().now();
            r.lambda()
                .environments()
                .filter(|s| s.function == name)
                .map(|s| {
                    let status = match s.busy {
                        Some(_) => "busy".to_string(),
                        None => {
                            let reclaim =
                                s.idle_since + crate::services::lambda::environments::IDLE_RECLAIM;
                            format!(
                                "idle · reclaimed in {} s",
                                reclaim.saturating_sub(now).div_ceil(1000)
                            )
                        }
                    };
                    (s.id, s.version.clone(), status, s.invocations)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h3>"Execution environments " <a class="muted" href=format!("{GUIDE}lambda-runtime-environment.html") target="_blank" rel="noopener">"(guide)"</a></h3>
        <ul class="environments" data-testid="environments">
            {move || rows().into_iter().map(|(id, version, status, count)| view! {
                <li data-testid="environment">{format!("#{id} [{version}] {status} · {count} invocations")}</li>
            }).collect_view()}
        </ul>
    }
}

/// (runtime, handler, memory, timeout, environment as KEY=value lines, reserved concurrency).
type ConfigRow = (String, String, u32, u32, String, Option<u32>);

#[component]
fn FunctionConfig(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let config = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_in(|r| {
                r.lambda().function(&name).map(|f| {
                    (
                        f.latest.runtime.clone(),
                        f.latest.handler.clone(),
                        f.latest.memory_size,
                        f.latest.timeout,
                        f.latest
                            .environment
                            .iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                        f.reserved_concurrency,
                    )
                })
            })
        })
    };
    let memory = RwSignal::new(String::new());
    let timeout = RwSignal::new(String::new());
    let handler = RwSignal::new(String::new());
    let runtime = RwSignal::new(String::new());
    let env = RwSignal::new(None::<String>);
    let reserved = RwSignal::new(String::new());
    let uname = name.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = json!({ "FunctionName": uname });
        let number = |s: String| super::message_forms::number(&s);
        if let Some(m) = number(memory.get_untracked()) {
            input["MemorySize"] = m;
        }
        if let Some(t) = number(timeout.get_untracked()) {
            input["Timeout"] = t;
        }
        let h = handler.get_untracked();
        if !h.trim().is_empty() {
            input["Handler"] = Value::from(h.trim());
        }
        let r = runtime.get_untracked();
        if !r.is_empty() {
            input["Runtime"] = Value::from(r);
        }
        if let Some(text) = env.get_untracked() {
            let variables: BTreeMap<String, String> = text
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .collect();
            input["Environment"] = json!({ "Variables": variables });
        }
        if input.as_object().is_some_and(|o| o.len() > 1) {
            state.call("lambda:UpdateFunctionConfiguration", input);
        }
        if let Some(n) = number(reserved.get_untracked()) {
            state.call(
                "lambda:PutFunctionConcurrency",
                json!({ "FunctionName": uname, "ReservedConcurrentExecutions": n }),
            );
        }
        memory.set(String::new());
        timeout.set(String::new());
        handler.set(String::new());
        runtime.set(String::new());
        env.set(None);
        reserved.set(String::new());
    };
    let shown = move |pick: fn(&ConfigRow) -> String| {
        move || config.with(|c| c.as_ref().map(pick).unwrap_or_default())
    };
    // State and LastUpdateStatus, as GetFunction answers them, and the architecture.
    let lifecycle = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_in(|r| {
                r.lambda().function(&name).map(|f| {
                    let status = f
                        .lifecycle
                        .last_update_status()
                        .map(|s| format!(" · LastUpdateStatus {s}"))
                        .unwrap_or_default();
                    (
                        format!("{}{status}", f.lifecycle.state()),
                        f.latest.architecture.to_string(),
                    )
                })
            })
        })
    };
    view! {
        <form class="function-config" novalidate=true on:submit=save>
            <h3>"Configuration " <a class="muted" href=format!("{GUIDE}configuration-function-common.html") target="_blank" rel="noopener">"(guide)"</a></h3>
            <table class="attrs">
                <tbody>
                    <tr><th>"State"<div class="range">"Pending after create, Active a moment later; an update is InProgress until applied"</div></th>
                        <td><code data-testid="attr-State">{move || lifecycle.with(|l| l.as_ref().map(|l| l.0.clone()).unwrap_or_default())}</code></td><td></td></tr>
                    <tr><th>"Architectures"<div class="range">"x86_64 (default) or arm64, priced lower"</div></th>
                        <td><code>{move || lifecycle.with(|l| l.as_ref().map(|l| l.1.clone()).unwrap_or_default())}</code></td><td></td></tr>
                    <tr><th>"Runtime"<div class="range">{RUNTIMES.join(" | ")}</div></th><td><code data-testid="attr-Runtime">{shown(|c| c.0.clone())}</code></td>
                        <td><select class="small" aria-label="New runtime" data-testid="set-Runtime" prop:value=move || runtime.get() on:change=move |ev| runtime.set(event_target_value(&ev))>
                            <option value="">"unchanged"</option>
                            {RUNTIMES.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                        </select></td></tr>
                    <tr><th>"Handler"<div class="range">"file.export, e.g. index.handler"</div></th><td><code data-testid="attr-Handler">{shown(|c| c.1.clone())}</code></td>
                        <td><input class="small" aria-label="New handler" prop:value=move || handler.get() on:input=move |ev| handler.set(event_target_value(&ev)) /></td></tr>
                    <tr><th>"MemorySize"<div class="range">"128–10,240 MB, default 128"</div></th><td><code data-testid="attr-MemorySize">{shown(|c| c.2.to_string())}</code></td>
                        <td><input class="small" aria-label="New memory size" data-testid="set-MemorySize" prop:value=move || memory.get() on:input=move |ev| memory.set(event_target_value(&ev)) /></td></tr>
                    <tr><th>"Timeout"<div class="range">"1–900 s, default 3"</div></th><td><code data-testid="attr-Timeout">{shown(|c| c.3.to_string())}</code></td>
                        <td><input class="small" aria-label="New timeout" data-testid="set-Timeout" prop:value=move || timeout.get() on:input=move |ev| timeout.set(event_target_value(&ev)) /></td></tr>
                    <tr><th>"ReservedConcurrentExecutions"<div class="range">"0 to 900 (100 of the account's 1,000 stay unreserved)"</div></th>
                        <td><code>{shown(|c| c.5.map_or("none".to_string(), |n| n.to_string()))}</code></td>
                        <td><input class="small" aria-label="New reserved concurrency" prop:value=move || reserved.get() on:input=move |ev| reserved.set(event_target_value(&ev)) /></td></tr>
                </tbody>
            </table>
            <label>
                "Environment variables (KEY=value per line; 4 KB in all)"
                <textarea rows="3" data-testid="set-Environment"
                    prop:value=move || env.get().unwrap_or_else(|| config.with(|c| c.as_ref().map(|c| c.4.clone()).unwrap_or_default()))
                    on:input=move |ev| env.set(Some(event_target_value(&ev)))></textarea>
            </label>
            <button type="submit" class="primary" data-testid="save-config">"Save configuration"</button>
        </form>
    }
}

/// The browser's saved test events of a function, in localStorage (not part of the scenario).
fn saved_events(function: &str) -> BTreeMap<String, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| {
            s.get_item(&format!("stratus.test-events.{function}"))
                .ok()
                .flatten()
        })
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save_events(function: &str, events: &BTreeMap<String, String>) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(
            &format!("stratus.test-events.{function}"),
            &serde_json::to_string(events).unwrap_or_default(),
        );
    }
}

#[component]
fn TestEvents(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let saved = RwSignal::new(saved_events(&name));
    let event = RwSignal::new(TEMPLATES[0].1.to_string());
    let event_name = RwSignal::new(String::from("my-event"));
    let result = RwSignal::new(None::<String>);
    let log_tail = RwSignal::new(None::<String>);
    let choose = move |ev: leptos::ev::Event| {
        let pick = event_target_value(&ev);
        if let Some((_, t)) = TEMPLATES.iter().find(|(n, _)| *n == pick) {
            event.set(t.to_string());
        } else if let Some(t) = saved.with_untracked(|s| s.get(&pick).cloned()) {
            event.set(t);
            event_name.set(pick);
        }
    };
    let sname = name.clone();
    let save = move |_| {
        let key = event_name.get_untracked().trim().to_string();
        if key.is_empty() {
            return;
        }
        saved.update(|s| {
            s.insert(key, event.get_untracked());
        });
        save_events(&sname, &saved.get_untracked());
    };
    let arn = state.peek_in(|r| r.lambda().function(&name).map(|f| f.arn.clone()));
    let undeployed = move || {
        arn.as_ref()
            .is_some_and(|arn| state.drafts.with(|d| d.get(arn).is_some()))
    };
    let iname = name.clone();
    let invoke = move |_| {
        let payload = event.get_untracked();
        // Passed on as typed: text that is not JSON gets Lambda's own error.
        let out = state.call(
            "lambda:Invoke",
            json!({ "FunctionName": iname, "Payload": payload, "LogType": "Tail" }),
        );
        // The log tail comes base64-encoded (LogResult); show it as text beside the response.
        use base64::Engine;
        let tail = out
            .as_ref()
            .and_then(|v| v.get("LogResult"))
            .and_then(Value::as_str)
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        log_tail.set(tail);
        result.set(out.map(|mut v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("LogResult");
            }
            serde_json::to_string_pretty(&v).unwrap_or_default()
        }));
    };
    view! {
        <div class="test-events">
            <h3>"Test event " <a class="muted" href=format!("{GUIDE}testing-functions.html") target="_blank" rel="noopener">"(guide)"</a></h3>
            <div class="row">
                <select data-testid="event-template" on:change=choose aria-label="Test event template">
                    {TEMPLATES.iter().map(|(n, _)| view! { <option value=*n>{format!("template: {n}")}</option> }).collect_view()}
                    {move || saved.with(|s| s.keys().map(|n| { let n = n.clone(); view! { <option value=n.clone()>{format!("saved: {n}")}</option> } }).collect_view())}
                </select>
                <input class="small" aria-label="Event name" prop:value=move || event_name.get() on:input=move |ev| event_name.set(event_target_value(&ev)) />
                <button class="small" data-testid="save-event" on:click=save>"Save"</button>
            </div>
            <textarea class="event-json" rows="8" data-testid="event-json" aria-label="Test event JSON"
                prop:value=move || event.get() on:input=move |ev| event.set(event_target_value(&ev))></textarea>
            {move || undeployed().then(|| view! {
                <p class="undeployed-note" data-testid="invoke-undeployed">
                    <span class="undeployed">"Undeployed changes"</span>
                    " Invoke runs the deployed code ($LATEST), not what the Code tab shows: deploy first to test your edits."
                </p>
            })}
            <button class="primary" data-testid="invoke" on:click=invoke>"Invoke (RequestResponse)"</button>
            {move || result.get().map(|r| view! { <pre class="receive-result" data-testid="invoke-result" tabindex="0">{r}</pre> })}
            {move || log_tail.get().map(|t| view! {
                <h3>"Log output (LogType Tail: the last 4 KB)"</h3>
                <pre class="log-tail" data-testid="invoke-log" tabindex="0">{t}</pre>
            })}
        </div>
    }
}
