//! Lambda versions: PublishVersion (a new version only when $LATEST changed
//! since the last one) and ListVersionsByFunction.

use super::errors::invalid_parameter;
use super::events::LambdaEvent;
use super::functions::{check_revision, page, page_size};
use super::model::*;
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct PublishVersionRequest {
    function_name: String,
    code_sha256: Option<String>,
    description: Option<String>,
    revision_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ListVersionsRequest {
    function_name: String,
    marker: Option<String>,
    max_items: Option<i64>,
}

impl Lambda {
    pub(super) fn list_versions_by_function(
        &mut self,
        ctx: &mut Ctx,
        req: ListVersionsRequest,
    ) -> Result<Value, AwsError> {
        let max = page_size(req.max_items)?;
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let configs = f.all_configurations().collect();
        Ok(page("Versions", configs, req.marker.as_deref(), max))
    }

    pub(super) fn publish_version(
        &mut self,
        ctx: &mut Ctx,
        req: PublishVersionRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        check_revision(&f.latest.revision_id, req.revision_id.as_deref())?;
        Self::check_changeable(f)?;
        if let Some(sha) = &req.code_sha256 {
            if *sha != f.latest.code.sha256 {
                return Err(invalid_parameter(format!(
                    "CodeSHA256 ({sha}) is different from current CodeSHA256 in $LATEST ({}). Please try again with the CodeSHA256 in $LATEST.",
                    f.latest.code.sha256
                )));
            }
        }
        self.publish(ctx, &name, req.description)
    }

    /// Publishes $LATEST as a new version, unless the newest version already has the same code
    /// and configuration (then AWS returns that version).
    pub(super) fn publish(
        &mut self,
        ctx: &mut Ctx,
        name: &str,
        description: Option<String>,
    ) -> Result<Value, AwsError> {
        let f = self.function_mut(name)?;
        if let (Some((&v, _)), Some(from)) = (f.versions.last_key_value(), &f.published_from) {
            if from.code == f.latest.code && same_settings(from, &f.latest) {
                return Ok(f.configuration(Some(v)));
            }
        }
        f.published_from = Some(f.latest.clone());
        let v = f.next_version;
        f.next_version += 1;
        let mut frozen = f.latest.clone();
        if let Some(d) = description {
            frozen.description = d;
        }
        frozen.revision_id = ctx.rng.uuid();
        frozen.last_modified = ctx.now;
        f.versions.insert(v, frozen);
        ctx.emit(LambdaEvent::FunctionVersionPublished {
            function: name.into(),
            version: v,
        });
        Ok(f.configuration(Some(v)))
    }
}

/// Whether a version already has what $LATEST has: any change of configuration,
/// a Description included, makes PublishVersion publish a new version.
fn same_settings(a: &Config, b: &Config) -> bool {
    (
        a.runtime.as_str(),
        a.role.as_str(),
        a.handler.as_str(),
        a.description.as_str(),
        a.memory_size,
        a.timeout,
    ) == (
        b.runtime.as_str(),
        b.role.as_str(),
        b.handler.as_str(),
        b.description.as_str(),
        b.memory_size,
        b.timeout,
    ) && a.environment == b.environment
}
