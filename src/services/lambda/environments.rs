//! Lambda execution environments and concurrency: one invocation at a time
//! per environment; a cold start creates one (module scope runs once, with
//! its Init Duration); warm invocations reuse an idle one of the same
//! function version and configuration; an idle environment is reclaimed after
//! `IDLE_RECLAIM` of virtual time; a timeout or crash discards it. Concurrency
//! counts busy environments against the account's 1,000 and the function's
//! reserved concurrency.

use super::model::{Function, ACCOUNT_CONCURRENCY};
use crate::runtime::{Environment, FunctionConfig, Limits};
use crate::sim::{Millis, TimerId, MINUTE};
use std::collections::BTreeMap;

/// How long an idle environment lives on. AWS does not document it; Stratus reclaims after 10
/// minutes of virtual idleness (within the range commonly observed).
pub const IDLE_RECLAIM: Millis = 10 * MINUTE;

pub struct Slot {
    pub id: u64,
    pub function: String,
    /// The version label it runs (`$LATEST` or a number) and the RevisionId of that configuration.
    pub version: String,
    pub revision: String,
    pub env: Environment,
    pub busy: Option<u64>,
    pub created: Millis,
    pub idle_since: Millis,
    pub reclaim_timer: Option<TimerId>,
    pub invocations: u32,
}

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Slot")
            .field("id", &self.id)
            .field("function", &self.function)
            .field("version", &self.version)
            .field("busy", &self.busy)
            .finish()
    }
}

/// Why an invocation cannot start now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttle {
    /// The function's reserved concurrency is in use.
    Reserved,
    /// The account's unreserved concurrency is in use.
    Account,
    /// The function is still Pending: Lambda invokes nothing until it is Active.
    NotActive,
}

impl Throttle {
    pub fn reason(self) -> &'static str {
        match self {
            Throttle::Reserved => "ReservedFunctionConcurrentInvocationLimitExceeded",
            Throttle::Account => "ConcurrentInvocationLimitExceeded",
            Throttle::NotActive => "FunctionPending",
        }
    }
}

#[derive(Debug, Default)]
pub struct Environments {
    pub slots: BTreeMap<u64, Slot>,
    next_id: u64,
}

impl Environments {
    /// Invocations running (or starting) for one function.
    pub fn busy_for(&self, function: &str) -> usize {
        self.slots
            .values()
            .filter(|s| s.function == function && s.busy.is_some())
            .count()
    }

    /// Whether one more invocation of `function` fits, given every function's reservations.
    pub fn admit(
        &self,
        function: &Function,
        all: &BTreeMap<String, Function>,
    ) -> Result<(), Throttle> {
        if function.lifecycle == super::model::Lifecycle::Pending {
            return Err(Throttle::NotActive);
        }
        let busy = self.busy_for(&function.name);
        if let Some(reserved) = function.reserved_concurrency {
            return if busy < reserved as usize {
                Ok(())
            } else {
                Err(Throttle::Reserved)
            };
        }
        // Functions without a reservation share what the reservations leave of the account's quota.
        let reserved: u32 = all.values().map(Function::reserved).sum();
        let unreserved_busy = self
            .slots
            .values()
            .filter(|s| {
                s.busy.is_some()
                    && all
                        .get(&s.function)
                        .is_none_or(|f| f.reserved_concurrency.is_none())
            })
            .count();
        if unreserved_busy < (ACCOUNT_CONCURRENCY - reserved) as usize {
            Ok(())
        } else {
            Err(Throttle::Account)
        }
    }

    /// An idle, reusable environment of this function version and configuration.
    pub fn idle(&self, function: &str, version: &str, revision: &str) -> Option<u64> {
        self.slots
            .values()
            .find(|s| {
                s.function == function
                    && s.version == version
                    && s.revision == revision
                    && s.busy.is_none()
                    && s.env.is_reusable()
            })
            .map(|s| s.id)
    }

    pub fn add(
        &mut self,
        function: &str,
        version: &str,
        revision: &str,
        env: Environment,
        now: Millis,
    ) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.slots.insert(
            id,
            Slot {
                id,
                function: function.to_string(),
                version: version.to_string(),
                revision: revision.to_string(),
                env,
                busy: None,
                created: now,
                idle_since: now,
                reclaim_timer: None,
                invocations: 0,
            },
        );
        id
    }
}

/// The runtime configuration of one environment of `function` at `version`.
pub fn runtime_config(
    function: &Function,
    version: Option<u32>,
    region: &str,
    account: &str,
    log_stream_name: String,
    seed: u64,
) -> FunctionConfig {
    let config = version
        .and_then(|v| function.versions.get(&v))
        .unwrap_or(&function.latest);
    FunctionConfig {
        function_name: function.name.clone(),
        function_version: version.map_or("$LATEST".to_string(), |v| v.to_string()),
        region: region.to_string(),
        account: account.to_string(),
        memory_mb: config.memory_size,
        timeout_ms: config.timeout as Millis * 1000,
        runtime: config.runtime.clone(),
        handler: config.handler.clone(),
        files: config.code.files.clone(),
        environment: config.environment.clone(),
        log_stream_name,
        json_log_level: config.logging.json.map(|(app, _)| app.to_string()),
        log_group: config.logging.log_group.clone(),
        seed,
        limits: Limits::default(),
        ephemeral_storage_mb: config.ephemeral_storage,
        architecture: config.architecture.to_string(),
    }
}
