//! The AWS-shaped edge of the engine: errors as AWS returns them, the
//! account/region identity, ARNs and queue URLs, and turning a JSON request
//! into a typed one with the same validation messages the AWS SDKs give.

pub mod arn;
mod checks;
pub mod error;
pub mod ids;
pub mod paging;
pub mod params;
pub mod waiters;
#[rustfmt::skip]
mod waiters_generated;

pub use arn::Arn;
pub use checks::Checks;
pub use error::AwsError;
pub use ids::Identity;
