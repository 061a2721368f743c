//! The simulated AWS services, one folder each. Each owns its state,
//! validates its own requests, schedules its own timers and registers with the
//! world through `crate::kernel::Service`; none calls another directly
//! (cross-service work goes through the world's router).

pub mod events;
pub mod lambda;
pub mod logs;
pub mod scheduler;
pub mod schemas;
pub mod sqs;

// The kernel types every service works with, where the services' files have always found them.
pub use crate::kernel::{Ctx, Timer};
