//! The dock's Cost tab: what the scenario's world has cost so far, in every
//! account and Region, by service and resource, with the prices it is
//! counted at. A view over each service's own billing (`SqsUsage`,
//! `LambdaUsage`, the same usage the inspector's Cost tabs read): nothing is
//! recomputed here. One `ServiceCost` row per service in `SERVICES`; SNS and
//! Kinesis add theirs.

use super::state::AppState;
use crate::services::events::{Events, EventsUsage};
use crate::services::lambda::{Lambda, LambdaUsage};
use crate::services::scheduler::{Scheduler, SchedulerUsage};
use crate::services::sqs::{Sqs, SqsUsage};
use crate::world::World;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// One line of the bill: a resource (or what a service bills as one) in one place.
#[derive(Clone, PartialEq)]
struct CostRow {
    resource: String,
    /// "account · Region", when not the scenario's own.
    place: Option<String>,
    usage: String,
    list_usd: f64,
}

/// A service's part of the bill.
#[derive(Clone, PartialEq)]
struct ServiceBill {
    rows: Vec<CostRow>,
    /// The whole scenario's usage, in words.
    usage: String,
    /// After each account's monthly free tier.
    billed_usd: f64,
}

/// How one service's cost is read and explained.
struct ServiceCost {
    id: &'static str,
    label: &'static str,
    bill: fn(&World) -> ServiceBill,
    /// The prices and what they count, in words.
    basis: fn() -> String,
    pricing_url: &'static str,
}

const SERVICES: &[ServiceCost] = &[
    ServiceCost {
        id: "sqs",
        label: "SQS",
        bill: sqs_bill,
        basis: || {
            format!(
                "${:.2} per million requests to standard queues and ${:.2} to FIFO queues; every 64 KiB of a request's payload counts as one request, and an empty receive is billed. The first {} million requests a month are free, per account. SQS bills per account, so its lines are per account and Region, not per queue.",
                SqsUsage::STANDARD_USD_PER_MILLION,
                SqsUsage::FIFO_USD_PER_MILLION,
                SqsUsage::FREE_REQUESTS_PER_MONTH / 1_000_000
            )
        },
        pricing_url: "https://aws.amazon.com/sqs/pricing/",
    },
    ServiceCost {
        id: "lambda",
        label: "Lambda",
        bill: lambda_bill,
        basis: || {
            format!(
                "${:.2} per million requests, and ${} per GB-second on x86_64 (${} on arm64): memory × billed duration, rounded up to 1 ms. The first {} million requests and {} GB-seconds a month are free, per account. Ephemeral storage above 512 MB: ${} per GB-second.",
                LambdaUsage::USD_PER_MILLION_REQUESTS,
                LambdaUsage::USD_PER_GB_SECOND,
                LambdaUsage::USD_PER_ARM_GB_SECOND,
                LambdaUsage::FREE_REQUESTS / 1_000_000,
                thousands(LambdaUsage::FREE_GB_SECONDS as u64),
                LambdaUsage::USD_PER_STORAGE_GB_SECOND
            )
        },
        pricing_url: "https://aws.amazon.com/lambda/pricing/",
    },
    ServiceCost {
        id: "events",
        label: "EventBridge",
        bill: events_bill,
        basis: || {
            format!(
                "${:.2} per million custom events put on a bus (PutEvents, and events received from another account's bus); every {} KB of an entry counts as one event. Events from AWS services and scheduled rules are free, and so is delivery to targets. API destinations: ${:.2} per million invocations (64 KB chunks, retries included). There is no free tier. Archive storage and replays are not priced here.",
                EventsUsage::USD_PER_MILLION_EVENTS,
                EventsUsage::BILLING_CHUNK_BYTES / 1024,
                EventsUsage::USD_PER_MILLION_API_DESTINATION_INVOCATIONS
            )
        },
        pricing_url: "https://aws.amazon.com/eventbridge/pricing/",
    },
    ServiceCost {
        id: "scheduler",
        label: "EventBridge Scheduler",
        bill: scheduler_bill,
        basis: || {
            format!(
                "${:.2} per million scheduled invocations; the first {} million a month are free, per account. Retries of a failed invocation are not billed again here.",
                SchedulerUsage::USD_PER_MILLION_INVOCATIONS,
                SchedulerUsage::FREE_INVOCATIONS_PER_MONTH / 1_000_000
            )
        },
        pricing_url: "https://aws.amazon.com/eventbridge/pricing/",
    },
];

/// "400,000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The place label of a service instance: None for the scenario's own.
fn place_label(world: &World, account: &str, region: &str) -> Option<String> {
    let home = &world.settings().identity;
    (home.account != account || home.region != region).then(|| format!("{account} · {region}"))
}

fn sqs_words(u: &SqsUsage) -> String {
    format!(
        "{} requests ({} to FIFO queues, {} empty receives)",
        u.requests, u.fifo_requests, u.empty_receives
    )
}

fn lambda_words(u: &LambdaUsage) -> String {
    u.summary()
}

/// SQS: one line per account and Region that made requests.
fn sqs_bill(world: &World) -> ServiceBill {
    let mut rows = Vec::new();
    let mut total = SqsUsage::default();
    let mut by_account = BTreeMap::<String, SqsUsage>::new();
    for p in world.places() {
        let Some(sqs) = world.service_in::<Sqs>(&p.account, &p.region) else {
            continue;
        };
        let u = sqs.usage();
        if u.requests == 0 {
            continue;
        }
        total.add(u);
        by_account.entry(p.account.clone()).or_default().add(u);
        rows.push(CostRow {
            resource: "All queues".to_string(),
            place: place_label(world, &p.account, &p.region),
            usage: sqs_words(u),
            list_usd: u.list_price_usd(),
        });
    }
    ServiceBill {
        rows,
        usage: sqs_words(&total),
        billed_usd: by_account.values().map(SqsUsage::cost_usd).sum(),
    }
}

/// Lambda: one line per function that was invoked, deleted ones included.
fn lambda_bill(world: &World) -> ServiceBill {
    let mut rows = Vec::new();
    let mut total = LambdaUsage::default();
    let mut by_account = BTreeMap::<String, LambdaUsage>::new();
    for p in world.places() {
        let Some(lambda) = world.service_in::<Lambda>(&p.account, &p.region) else {
            continue;
        };
        total.add(lambda.usage());
        by_account
            .entry(p.account.clone())
            .or_default()
            .add(lambda.usage());
        for (name, u) in lambda.usage_by_function() {
            let deleted = lambda.function(name).is_none();
            rows.push(CostRow {
                resource: format!("λ {name}{}", if deleted { " (deleted)" } else { "" }),
                place: place_label(world, &p.account, &p.region),
                usage: lambda_words(u),
                list_usd: u.list_price_usd(),
            });
        }
    }
    ServiceBill {
        rows,
        usage: lambda_words(&total),
        billed_usd: by_account.values().map(LambdaUsage::cost_usd).sum(),
    }
}

fn events_words(u: &EventsUsage) -> String {
    format!(
        "{} custom events billed ({} entries put, {} received from other buses), {} API destination invocations",
        u.custom_events, u.entries, u.cross_bus_events, u.api_destination_invocations
    )
}

/// EventBridge: one line per account and Region that put events.
fn events_bill(world: &World) -> ServiceBill {
    let mut rows = Vec::new();
    let mut total = EventsUsage::default();
    for p in world.places() {
        let Some(events) = world.service_in::<Events>(&p.account, &p.region) else {
            continue;
        };
        let u = &events.usage;
        if u.custom_events == 0 && u.api_destination_invocations == 0 {
            continue;
        }
        total.add(u);
        rows.push(CostRow {
            resource: "All event buses".to_string(),
            place: place_label(world, &p.account, &p.region),
            usage: events_words(u),
            list_usd: u.cost_usd(),
        });
    }
    ServiceBill {
        rows,
        usage: events_words(&total),
        billed_usd: total.cost_usd(),
    }
}

/// Scheduler: one line per account and Region whose schedules invoked targets.
fn scheduler_bill(world: &World) -> ServiceBill {
    let mut rows = Vec::new();
    let mut by_account = BTreeMap::<String, SchedulerUsage>::new();
    let mut total = SchedulerUsage::default();
    for p in world.places() {
        let Some(scheduler) = world.service_in::<Scheduler>(&p.account, &p.region) else {
            continue;
        };
        let u = &scheduler.usage;
        if u.total_invocations() == 0 {
            continue;
        }
        total.add(u);
        by_account.entry(p.account.clone()).or_default().add(u);
        rows.push(CostRow {
            resource: "All schedules".to_string(),
            place: place_label(world, &p.account, &p.region),
            usage: format!("{} invocations", u.total_invocations()),
            list_usd: u.total_invocations() as f64 / 1_000_000.0
                * SchedulerUsage::USD_PER_MILLION_INVOCATIONS,
        });
    }
    ServiceBill {
        rows,
        usage: format!("{} invocations", total.total_invocations()),
        billed_usd: by_account.values().map(SchedulerUsage::cost_usd).sum(),
    }
}

/// Dollars as the bill reads: cents, or more digits for a fraction of a cent.
fn dollars(usd: f64) -> String {
    if usd == 0.0 || usd >= 0.01 {
        format!("${usd:.2}")
    } else {
        format!("${usd:.6}")
    }
}

#[component]
pub fn CostPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let bills = Memo::new(move |_| {
        state.read(|r| {
            SERVICES
                .iter()
                .map(|s| (s.bill)(r.world()))
                .collect::<Vec<_>>()
        })
    });
    let total = move || bills.with(|b| b.iter().map(|b| b.billed_usd).sum::<f64>());
    let list_total = move || {
        bills.with(|b| {
            b.iter()
                .flat_map(|b| &b.rows)
                .map(|r| r.list_usd)
                .sum::<f64>()
        })
    };
    view! {
        <div class="cost-panel" data-testid="cost">
            <p class="cost-total" data-testid="cost-total">
                <strong>{move || format!("{} so far", dollars(total()))}</strong>
                {move || format!(" after the free tier · {} at list price, in every account and Region of the scenario.", dollars(list_total()))}
            </p>
            {SERVICES
                .iter()
                .enumerate()
                .map(|(i, service)| {
                    let bill = move || bills.with(|b| b.get(i).cloned());
                    view! {
                        <section class="cost-service" data-testid=format!("cost-{}", service.id)
                            aria-labelledby=format!("cost-{}-title", service.id)>
                            <h3 id=format!("cost-{}-title", service.id)>
                                {service.label}
                                <span class="muted">{move || bill().map(|b| format!(": {} · {} after the free tier", b.usage, dollars(b.billed_usd)))}</span>
                            </h3>
                            <div class="table-scroll">
                                <table class="cost-table">
                                    <thead>
                                        <tr><th scope="col">"Resource"</th><th scope="col">"Usage"</th><th scope="col" class="num">"List price"</th></tr>
                                    </thead>
                                    <tbody>
                                        {move || bill().map(|b| {
                                            if b.rows.is_empty() {
                                                return view! { <tr><td colspan="3" class="empty">"Nothing billed yet."</td></tr> }.into_any();
                                            }
                                            b.rows.into_iter().map(|row| view! {
                                                <tr data-testid="cost-row">
                                                    <td class="cost-resource">
                                                        {row.resource}
                                                        {row.place.map(|p| view! { " " <span class="t-place">{p}</span> })}
                                                    </td>
                                                    <td>{row.usage}</td>
                                                    <td class="num">{dollars(row.list_usd)}</td>
                                                </tr>
                                            }).collect_view().into_any()
                                        })}
                                    </tbody>
                                </table>
                            </div>
                            <p class="cost-basis muted">
                                {(service.basis)()} " "
                                <a href=service.pricing_url target="_blank" rel="noopener">{format!("{} pricing", service.label)}</a>
                            </p>
                        </section>
                    }
                })
                .collect_view()}
            <p class="cost-basis muted">
                "AWS's public list prices for us-east-1 (first tier), as if the whole scenario fell in one month. "
                "List price is before any free tier; a resource's share of the free tier is not defined, so the free tier applies to each account's total."
            </p>
        </div>
    }
}
