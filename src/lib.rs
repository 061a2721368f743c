//! Stratus: AWS serverless simulated in one deterministic Rust engine that
//! runs natively and in a browser tab.
//!
//! - [`World`] owns the services, the virtual clock, the scheduler, the seeded
//!   random source and the trace; [`World::call`] takes `"sqs:SendMessage"`
//!   style actions with AWS JSON-protocol requests and returns the response or
//!   an [`AwsError`].
//! - [`scenario`] is the shareable document (settings and steps), its runner
//!   and its URL codec; the CLI, the UI and the tests all use it.

pub mod api;
pub mod bench;
pub mod endpoints;
pub mod fleet;
pub mod highlight;
pub mod kernel;
pub mod pattern;
pub mod runtime;
pub mod scenario;
pub mod services;
pub mod sim;
pub mod world;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use api::AwsError;
pub use world::{Settings, World};
