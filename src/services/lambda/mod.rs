//! AWS Lambda, the control plane: functions (Code.ZipFile, or inline files as
//! a documented Stratus extension), configuration with AWS's validation,
//! versions and aliases, reserved concurrency, asynchronous-invocation
//! settings, the resource-based policy and tags. `model` holds the state,
//! `functions`, `settings`, `event_invoke_configs` and `policies` the
//! actions, `shapes` the typed requests generated from AWS's model (by
//! `scripts/gen_shapes.py lambda`), `validate` the request checks,
//! `zip` the deployment package. Invocation runs on `crate::runtime` and lands
//! with the rest of the Lambda issue.

#[cfg(test)]
mod architecture_tests;
mod async_events;
pub mod environments;
mod errors;
mod event_invoke_configs;
#[cfg(test)]
mod event_source_tests;
pub mod event_sources;
mod events;
pub mod filters;
mod foresight;
mod function_config;
mod functions;
mod invocation_log;
pub mod invoke;
#[cfg(test)]
mod invoke_tests;
#[cfg(test)]
mod key_order_tests;
mod lifecycle;
#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod logging_tests;
pub mod model;
#[cfg(test)]
mod names_tests;
mod policies;
#[cfg(test)]
mod policy_tests;
pub mod recursion;
#[cfg(test)]
mod recursion_tests;
mod running;
#[cfg(test)]
mod runtime_tests;
mod service;
mod settings;
#[cfg(test)]
mod settings_tests;
mod shapes;
pub mod sqs_pollers;
#[cfg(test)]
mod storage_tests;
#[cfg(test)]
mod tests;
mod validate;
mod versions;
pub mod zip;

pub use event_sources::{EventSourceMapping, Queues, SourceQueue};
pub use events::LambdaEvent;
pub use invoke::Begin;
pub use model::{Config, Function};
pub use sqs_pollers::PollerRef;

use crate::api::{params::parse, AwsError};
use crate::kernel::Ctx;
use crate::kernel::Outbound;
use serde_json::Value;
use std::collections::BTreeMap;

/// Timers Lambda schedules for itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LambdaTimer {
    /// The handler starts (at once when warm, after INIT when cold).
    Start { invocation: u64 },
    /// A timer the handler set (or its deadline) is due.
    Wake { invocation: u64 },
    /// The answer to an SDK call arrives back in the function.
    HostResult { invocation: u64, call: u64 },
    /// The modelled duration has passed: the response leaves and the environment is free.
    Finish { invocation: u64 },
    /// An idle environment is reclaimed.
    Reclaim { environment: u64 },
    /// An asynchronous event is tried again (after an error or a throttle).
    RetryEvent { event: u64 },
    /// An event source mapping reviews its number of pollers.
    ScalePollers { mapping: u64 },
    /// A poller's batching window closes.
    BatchWindow { mapping: u64, poller: u32 },
    /// A poller that backed off polls again.
    PollerResume { mapping: u64, poller: u32 },
    /// A created function becomes Active, or an update finishes (`serial` names the change).
    Settle { function: String, serial: u64 },
}

/// Billable Lambda usage: requests, compute GB-seconds and ephemeral storage GB-seconds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LambdaUsage {
    pub requests: u64,
    /// Compute on every architecture.
    pub gb_seconds: f64,
    /// The part of `gb_seconds` that ran on arm64 (Graviton), billed at its lower rate.
    pub arm_gb_seconds: f64,
    /// Ephemeral storage configured above the free 512 MB, for as long as invocations ran.
    pub storage_gb_seconds: f64,
}

impl LambdaUsage {
    pub const FREE_REQUESTS: u64 = 1_000_000;
    pub const FREE_GB_SECONDS: f64 = 400_000.0;
    pub const USD_PER_MILLION_REQUESTS: f64 = 0.20;
    /// x86_64 compute, us-east-1, first pricing tier.
    pub const USD_PER_GB_SECOND: f64 = 0.000_016_666_7;
    /// arm64 compute, us-east-1, first pricing tier.
    pub const USD_PER_ARM_GB_SECOND: f64 = 0.000_013_333_4;
    /// Ephemeral storage above 512 MB, us-east-1, either architecture (no free tier).
    pub const USD_PER_STORAGE_GB_SECOND: f64 = 0.000_000_030_9;

    /// The compute of these GB-seconds, at each architecture's rate in proportion.
    fn compute_usd(&self, gb_seconds: f64) -> f64 {
        if self.gb_seconds <= 0.0 {
            return 0.0;
        }
        let arm_share = (self.arm_gb_seconds / self.gb_seconds).clamp(0.0, 1.0);
        gb_seconds
            * (arm_share * Self::USD_PER_ARM_GB_SECOND
                + (1.0 - arm_share) * Self::USD_PER_GB_SECOND)
    }

    /// What this usage costs before any free tier (a function's share of the bill).
    pub fn list_price_usd(&self) -> f64 {
        self.requests as f64 * Self::USD_PER_MILLION_REQUESTS / 1e6
            + self.compute_usd(self.gb_seconds)
            + self.storage_gb_seconds * Self::USD_PER_STORAGE_GB_SECOND
    }

    /// "3 requests · 0.384 GB-seconds", and the ephemeral storage's GB-seconds when billed.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} requests · {:.3} GB-seconds",
            self.requests, self.gb_seconds
        );
        if self.storage_gb_seconds > 0.0 {
            text.push_str(&format!(
                " · {:.3} GB-seconds of ephemeral storage",
                self.storage_gb_seconds
            ));
        }
        text
    }

    /// Adds another function's, account's or Region's usage.
    pub fn add(&mut self, other: &LambdaUsage) {
        self.requests += other.requests;
        self.gb_seconds += other.gb_seconds;
        self.arm_gb_seconds += other.arm_gb_seconds;
        self.storage_gb_seconds += other.storage_gb_seconds;
    }

    /// The bill after the monthly free tier (its GB-seconds count on either architecture).
    pub fn cost_usd(&self) -> f64 {
        self.requests.saturating_sub(Self::FREE_REQUESTS) as f64 * Self::USD_PER_MILLION_REQUESTS
            / 1e6
            + self.compute_usd((self.gb_seconds - Self::FREE_GB_SECONDS).max(0.0))
            + self.storage_gb_seconds * Self::USD_PER_STORAGE_GB_SECOND
    }
}

#[derive(Debug, Default)]
pub struct Lambda {
    /// Functions by name.
    functions: BTreeMap<String, Function>,
    environments: environments::Environments,
    invocations: BTreeMap<u64, invoke::Invocation>,
    next_invocation: u64,
    /// Asynchronous events in Lambda's internal queue.
    events: BTreeMap<u64, invoke::AsyncEvent>,
    next_event: u64,
    /// What Lambda's last steps left for the router (its `Service` impl hands it over).
    outgoing: Vec<Outbound>,
    usage: LambdaUsage,
    /// The same usage, function by function (the free tier applies to the account's total).
    usage_by_function: BTreeMap<String, LambdaUsage>,
    /// Event source mappings by creation order.
    mappings: BTreeMap<u64, EventSourceMapping>,
    next_mapping: u64,
    /// The action being served: what a FunctionName may look like and what errors name depend on it.
    action: String,
}

impl Lambda {
    /// One control-plane action; `queues` lets event source mappings look their queue up. Each
    /// request is decoded once into its typed request: Invoke, GetFunction,
    /// GetFunctionConfiguration, DeleteFunction, GetPolicy and the recursion configs into the
    /// ones generated from AWS's model (`shapes`); the other actions still into hand-written
    /// requests beside their code, until they move to `shapes` too.
    pub fn call(
        &mut self,
        ctx: &mut Ctx,
        queues: Queues,
        action: &str,
        input: &Value,
    ) -> Result<Value, AwsError> {
        self.action.clear();
        self.action.push_str(action);
        match action {
            "CreateEventSourceMapping" => {
                self.create_event_source_mapping(ctx, queues, parse(input)?)
            }
            "UpdateEventSourceMapping" => {
                self.update_event_source_mapping(ctx, queues, parse(input)?)
            }
            "GetEventSourceMapping" => self.get_event_source_mapping(parse(input)?),
            "DeleteEventSourceMapping" => self.delete_event_source_mapping(ctx, parse(input)?),
            "ListEventSourceMappings" => self.list_event_source_mappings(ctx, parse(input)?),
            "CreateFunction" => self.create_function(ctx, parse(input)?),
            "GetFunction" => self.get_function(ctx, parse(input)?),
            "GetFunctionConfiguration" => self.get_function_configuration(ctx, parse(input)?),
            "ListFunctions" => self.list_functions(ctx, parse(input)?),
            "UpdateFunctionCode" => self.update_function_code(ctx, parse(input)?),
            "UpdateFunctionConfiguration" => self.update_function_configuration(ctx, parse(input)?),
            "DeleteFunction" => self.delete_function(ctx, parse(input)?),
            "PublishVersion" => self.publish_version(ctx, parse(input)?),
            "ListVersionsByFunction" => self.list_versions_by_function(ctx, parse(input)?),
            "CreateAlias" => self.create_alias(ctx, parse(input)?),
            "GetAlias" => self.get_alias(ctx, parse(input)?),
            "UpdateAlias" => self.update_alias(ctx, parse(input)?),
            "DeleteAlias" => self.delete_alias(ctx, parse(input)?),
            "ListAliases" => self.list_aliases(ctx, parse(input)?),
            "PutFunctionConcurrency" => self.put_function_concurrency(ctx, parse(input)?),
            "GetFunctionConcurrency" => self.get_function_concurrency(ctx, parse(input)?),
            "DeleteFunctionConcurrency" => self.delete_function_concurrency(ctx, parse(input)?),
            "GetAccountSettings" => Ok(self.get_account_settings()),
            "PutFunctionRecursionConfig" => self.put_function_recursion_config(ctx, parse(input)?),
            "GetFunctionRecursionConfig" => self.get_function_recursion_config(ctx, parse(input)?),
            "PutFunctionEventInvokeConfig" => {
                self.put_function_event_invoke_config(ctx, parse(input)?)
            }
            "GetFunctionEventInvokeConfig" => {
                self.get_function_event_invoke_config(ctx, parse(input)?)
            }
            "UpdateFunctionEventInvokeConfig" => {
                self.update_function_event_invoke_config(ctx, parse(input)?)
            }
            "DeleteFunctionEventInvokeConfig" => {
                self.delete_function_event_invoke_config(ctx, parse(input)?)
            }
            "ListFunctionEventInvokeConfigs" => {
                self.list_function_event_invoke_configs(ctx, parse(input)?)
            }
            "AddPermission" => self.add_permission(ctx, parse(input)?),
            "RemovePermission" => self.remove_permission(ctx, parse(input)?),
            "GetPolicy" => self.get_policy(ctx, parse(input)?),
            "TagResource" => self.tag_resource(ctx, parse(input)?),
            "UntagResource" => self.untag_resource(ctx, parse(input)?),
            "ListTags" => self.list_tags(ctx, parse(input)?),
            "Invoke" => match self.invoke(ctx, parse(input)?)? {
                Begin::Answer(v) => Ok(v),
                // Only `World::call` drives a running invocation to its answer (see `invoke_action`).
                Begin::Running(_) => Err(errors::invalid_parameter(
                    "A synchronous Invoke must go through the world.",
                )),
            },
            "InvokeAsync" | "InvokeWithResponseStream" => Err(errors::invalid_parameter(format!(
                "{action} is not simulated by Stratus yet."
            ))),
            _ => Err(AwsError::unknown_operation(&format!("lambda:{action}"))),
        }
    }

    /// Invoke as the world runs it: an answer now, or a running invocation to drive. The
    /// payload moves out of the request into the invocation instead of being copied.
    pub fn invoke_action(&mut self, ctx: &mut Ctx, input: &mut Value) -> Result<Begin, AwsError> {
        self.action.clear();
        self.action.push_str("Invoke");
        // A `null` Payload is an absent one, as the typed request reads it.
        let payload = input
            .as_object_mut()
            .and_then(|members| members.remove("Payload"))
            .filter(|p| !p.is_null());
        let mut req: shapes::InvocationRequest = parse(input)?;
        req.payload = payload;
        self.invoke(ctx, req)
    }

    pub fn on_timer(&mut self, ctx: &mut Ctx, queues: Queues, timer: LambdaTimer) {
        match timer {
            LambdaTimer::ScalePollers { mapping } => self.scale_pollers(ctx, queues, mapping),
            LambdaTimer::BatchWindow { mapping, poller } => {
                self.batch_window_closed(ctx, mapping, poller)
            }
            LambdaTimer::PollerResume { mapping, poller } => self.poller_resume(mapping, poller),
            LambdaTimer::Settle { function, serial } => self.settle(ctx, &function, serial),
            other => self.on_invocation_timer(ctx, other),
        }
    }

    pub fn usage(&self) -> &LambdaUsage {
        &self.usage
    }

    /// One function's requests and GB-seconds so far.
    pub fn usage_of(&self, function: &str) -> LambdaUsage {
        self.usage_by_function
            .get(function)
            .cloned()
            .unwrap_or_default()
    }

    /// Every function's usage so far, by name, deleted functions' included (their usage was billed).
    pub fn usage_by_function(&self) -> impl Iterator<Item = (&str, &LambdaUsage)> {
        self.usage_by_function.iter().map(|(n, u)| (n.as_str(), u))
    }

    fn count_request(&mut self, function: &str) {
        self.usage.requests += 1;
        self.add_usage(function, |usage| usage.requests += 1);
    }

    /// Adds to one function's usage (its name copied only the first time).
    fn add_usage(&mut self, function: &str, add: impl FnOnce(&mut LambdaUsage)) {
        match self.usage_by_function.get_mut(function) {
            Some(usage) => add(usage),
            None => {
                let mut usage = LambdaUsage::default();
                add(&mut usage);
                self.usage_by_function.insert(function.to_string(), usage);
            }
        }
    }

    /// Execution environments (read-only view for the UI).
    pub fn environments(&self) -> impl Iterator<Item = &environments::Slot> {
        self.environments.slots.values()
    }

    /// Functions by name (read-only view for the UI).
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.functions.values()
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.get(name)
    }
}
