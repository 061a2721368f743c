//! What EventBridge Scheduler would cost on AWS, from AWS's public prices
//! (us-east-1): $1.00 per million scheduled invocations after the first 14
//! million of each month, which are free. Modelled: each firing of a schedule
//! is one invocation, counted in the calendar month (UTC, virtual time) it
//! fired in; the free 14 million apply to each month. Not modelled: retries of
//! a failed invocation (counted as one invocation), the API calls themselves
//! (free on AWS), and what the target bills for itself (Lambda, SQS, ...).

use crate::sim::time::civil_from_days;
use crate::sim::{Millis, DAY};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchedulerUsage {
    /// Invocations by (year, month).
    pub invocations: BTreeMap<(i64, u32), u64>,
}

impl SchedulerUsage {
    pub const USD_PER_MILLION_INVOCATIONS: f64 = 1.00;
    pub const FREE_INVOCATIONS_PER_MONTH: u64 = 14_000_000;

    pub fn record_invocation(&mut self, at: Millis) {
        let (year, month, _) = civil_from_days((at / DAY) as i64);
        *self.invocations.entry((year, month)).or_default() += 1;
    }

    pub fn add(&mut self, other: &SchedulerUsage) {
        for (month, n) in &other.invocations {
            *self.invocations.entry(*month).or_default() += n;
        }
    }

    pub fn total_invocations(&self) -> u64 {
        self.invocations.values().sum()
    }

    /// Invocations past each month's free 14 million.
    pub fn billed_invocations(&self) -> u64 {
        self.invocations
            .values()
            .map(|n| n.saturating_sub(Self::FREE_INVOCATIONS_PER_MONTH))
            .sum()
    }

    pub fn cost_usd(&self) -> f64 {
        self.billed_invocations() as f64 / 1_000_000.0 * Self::USD_PER_MILLION_INVOCATIONS
    }

    /// What the Cost views say of it.
    pub fn summary(&self) -> String {
        format!(
            "{} invocation(s), {} past the free 14 million a month: ${:.6}",
            self.total_invocations(),
            self.billed_invocations(),
            self.cost_usd()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::parse_iso;

    #[test]
    fn the_first_14_million_invocations_of_each_month_are_free() {
        let mut usage = SchedulerUsage::default();
        let jan = parse_iso("2026-01-15T00:00:00Z").unwrap();
        let feb = parse_iso("2026-02-15T00:00:00Z").unwrap();
        usage.invocations.insert((2026, 1), 15_000_000);
        usage.record_invocation(jan);
        usage.record_invocation(feb);
        assert_eq!(usage.total_invocations(), 15_000_002);
        assert_eq!(usage.billed_invocations(), 1_000_001);
        assert!((usage.cost_usd() - 1.000001).abs() < 1e-9);
    }
}
