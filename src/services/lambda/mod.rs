//! AWS Lambda, the control plane: functions (Code.ZipFile, or inline files as
//! a documented Stratus extension), configuration with AWS's validation,
//! versions and aliases, reserved concurrency, asynchronous-invocation
//! settings, the resource-based policy and tags. `model` holds the state,
//! `functions` and `settings` the actions, `validate` the request checks,
//! `zip` the deployment package. Invocation runs on `crate::runtime` and lands
//! with the rest of the Lambda issue.

mod errors;
mod functions;
pub mod model;
mod settings;
#[cfg(test)]
mod tests;
mod validate;
pub mod zip;

pub use model::{Config, Function};

use super::Ctx;
use crate::api::{params::parse, AwsError};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Lambda {
    /// Functions by name.
    functions: BTreeMap<String, Function>,
}

impl Lambda {
    pub fn call(&mut self, ctx: &mut Ctx, action: &str, input: &Value) -> Result<Value, AwsError> {
        match action {
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
            "PutFunctionEventInvokeConfig" => self.put_function_event_invoke_config(ctx, parse(input)?),
            "GetFunctionEventInvokeConfig" => self.get_function_event_invoke_config(ctx, parse(input)?),
            "AddPermission" => self.add_permission(ctx, parse(input)?),
            "RemovePermission" => self.remove_permission(ctx, parse(input)?),
            "GetPolicy" => self.get_policy(ctx, parse(input)?),
            "TagResource" => self.tag_resource(ctx, parse(input)?),
            "UntagResource" => self.untag_resource(ctx, parse(input)?),
            "ListTags" => self.list_tags(ctx, parse(input)?),
            "Invoke" | "InvokeAsync" | "InvokeWithResponseStream" | "CreateEventSourceMapping" => {
                Err(errors::invalid_parameter(format!(
                    "{action} is not simulated by Stratus yet: the Lambda runtime and its invocation models arrive with the rest of the Lambda issue."
                )))
            }
            _ => Err(AwsError::unknown_operation(&format!("lambda:{action}"))),
        }
    }

    /// Functions by name (read-only view for the UI).
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.functions.values()
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.get(name)
    }
}
