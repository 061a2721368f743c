//! API destinations: CreateApiDestination, DescribeApiDestination,
//! ListApiDestinations, UpdateApiDestination and DeleteApiDestination, with
//! the shapes of AWS's model. An API destination is an HTTPS endpoint (with
//! `*` for path parameters a target fills), an HTTP method, the connection
//! whose authorization its requests carry, and an invocation rate limit
//! (300 per second unless set): events above it wait, in virtual time.

use super::buses::seconds;
use super::connections::{
    connection_arn_name, connection_not_found, endpoint_chars_ok, HTTPS_ENDPOINT_PATTERN,
};
use super::errors::{self, Checks, NAME_PATTERN};
use super::Events;
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::Ctx;
use crate::sim::Millis;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// API destinations one account may have in a Region (EventBridge's quota).
pub const MAX_API_DESTINATIONS: usize = 3_000;
/// InvocationRateLimitPerSecond when CreateApiDestination gives none.
pub const DEFAULT_RATE_LIMIT: u32 = 300;
const HTTP_METHODS: &[&str] = &["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"];

#[derive(Clone, Debug)]
pub struct ApiDestination {
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub description: Option<String>,
    pub connection_arn: Rc<str>,
    pub invocation_endpoint: String,
    pub http_method: String,
    pub invocation_rate_limit_per_second: u32,
    pub created: Millis,
    pub modified: Millis,
    /// The first free invocation slot, in virtual microseconds (the rate limit's schedule).
    pub next_slot_us: u64,
}

impl ApiDestination {
    fn head(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("ApiDestinationArn".into(), json!(&*self.arn));
        out.insert("Name".into(), json!(&*self.name));
        out
    }

    fn fields(&self, out: &mut Map<String, Value>) {
        out.insert("ApiDestinationState".into(), json!("ACTIVE"));
        out.insert("ConnectionArn".into(), json!(&*self.connection_arn));
        out.insert("InvocationEndpoint".into(), json!(self.invocation_endpoint));
        out.insert("HttpMethod".into(), json!(self.http_method));
        out.insert(
            "InvocationRateLimitPerSecond".into(),
            json!(self.invocation_rate_limit_per_second),
        );
        out.insert("CreationTime".into(), seconds(self.created));
        out.insert("LastModifiedTime".into(), seconds(self.modified));
    }

    pub fn describe(&self) -> Value {
        let mut out = self.head();
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        self.fields(&mut out);
        Value::Object(out)
    }

    fn summary(&self) -> Value {
        let mut out = self.head();
        self.fields(&mut out);
        Value::Object(out)
    }

    fn answer(&self) -> Value {
        json!({
            "ApiDestinationArn": &*self.arn,
            "ApiDestinationState": "ACTIVE",
            "CreationTime": seconds(self.created),
            "LastModifiedTime": seconds(self.modified),
        })
    }

    /// When the next invocation may go, reserving its slot: at once while under the rate
    /// limit, else at the next free slot (1/rate seconds after the one before).
    pub fn reserve_slot(&mut self, now: Millis) -> Millis {
        let now_us = now.saturating_mul(1000);
        let slot = self.next_slot_us.max(now_us);
        let step = 1_000_000 / u64::from(self.invocation_rate_limit_per_second.max(1));
        self.next_slot_us = slot + step;
        slot.div_ceil(1000)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct CreateRequest {
    name: String,
    description: Option<String>,
    connection_arn: String,
    invocation_endpoint: String,
    http_method: String,
    invocation_rate_limit_per_second: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct UpdateRequest {
    name: String,
    description: Option<String>,
    connection_arn: Option<String>,
    invocation_endpoint: Option<String>,
    http_method: Option<String>,
    invocation_rate_limit_per_second: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameRequest {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListRequest {
    name_prefix: Option<String>,
    connection_arn: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

pub fn api_destination_not_found(name: &str) -> AwsError {
    errors::not_found(format!("An api-destination '{name}' does not exist."))
}

/// The model's constraints on the members CreateApiDestination and UpdateApiDestination share.
fn check_members(
    checks: &mut Checks,
    description: Option<&str>,
    connection_arn: Option<&str>,
    endpoint: Option<&str>,
    method: Option<&str>,
    rate: Option<i64>,
) {
    checks.string(description, "description", (0, 512), None);
    checks.string(connection_arn, "connectionArn", (1, 1600), None);
    if let Some(arn) = connection_arn {
        if !arn.is_empty() && !is_connection_arn(arn) {
            checks.fail(
                arn,
                "connectionArn",
                r"Member must satisfy regular expression pattern: ^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:connection\/[\.\-_A-Za-z0-9]+\/[\-A-Za-z0-9]+$",
            );
        }
    }
    checks.string(endpoint, "invocationEndpoint", (1, 2048), None);
    if let Some(e) = endpoint {
        if !e.is_empty() && !endpoint_chars_ok(e) {
            checks.fail(
                e,
                "invocationEndpoint",
                &format!(
                    "Member must satisfy regular expression pattern: {HTTPS_ENDPOINT_PATTERN}"
                ),
            );
        }
    }
    checks.one_of(method, "httpMethod", HTTP_METHODS);
    if let Some(r) = rate {
        checks.range(
            Some(r),
            "invocationRateLimitPerSecond",
            1,
            i64::from(i32::MAX),
        );
    }
}

fn is_connection_arn(arn: &str) -> bool {
    let Some(rest) = arn.strip_prefix("arn:aws") else {
        return false;
    };
    let Some((_, resource)) = rest.split_once(":events:") else {
        return false;
    };
    let mut parts = resource.splitn(3, ':');
    let (Some(_region), Some(account), Some(resource)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Some(path) = resource.strip_prefix("connection/") else {
        return false;
    };
    let Some((name, id)) = path.split_once('/') else {
        return false;
    };
    (account.is_empty() || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The endpoint must use HTTPS (the user guide: "The URL must use HTTPS").
fn check_https(endpoint: &str) -> Result<(), AwsError> {
    let host = endpoint
        .strip_prefix("https://")
        .map(|r| r.split(['/', '?']).next().unwrap_or_default());
    match host {
        Some(h) if !h.is_empty() => Ok(()),
        _ => Err(errors::validation(format!(
            "Invalid InvocationEndpoint {endpoint}: the endpoint must be an HTTPS URL."
        ))),
    }
}

impl Events {
    /// The connection a ConnectionArn names, by name, when its ARN is exactly that.
    fn connection_for(&self, arn: &str) -> Result<Rc<str>, AwsError> {
        let name = connection_arn_name(arn).unwrap_or(arn);
        match self.connections.get(name) {
            Some(c) if *c.arn == *arn => Ok(c.name.clone()),
            _ => Err(connection_not_found(name)),
        }
    }

    pub(super) fn create_api_destination(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: CreateRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        check_members(
            &mut checks,
            r.description.as_deref(),
            Some(&r.connection_arn),
            Some(&r.invocation_endpoint),
            Some(&r.http_method),
            r.invocation_rate_limit_per_second,
        );
        checks.done()?;
        check_https(&r.invocation_endpoint)?;
        if self.api_destinations.contains_key(r.name.as_str()) {
            return Err(errors::already_exists(format!(
                "An api-destination '{}' already exists.",
                r.name
            )));
        }
        self.connection_for(&r.connection_arn)?;
        if self.api_destinations.len() >= MAX_API_DESTINATIONS {
            return Err(errors::limit_exceeded(format!(
                "The limit of {MAX_API_DESTINATIONS} api-destinations per account in this Region is reached."
            )));
        }
        let uuid = ctx.rng.uuid();
        let destination = ApiDestination {
            name: r.name.as_str().into(),
            arn: ctx
                .identity
                .arn("events", &format!("api-destination/{}/{uuid}", r.name))
                .into(),
            description: r.description,
            connection_arn: r.connection_arn.as_str().into(),
            invocation_endpoint: r.invocation_endpoint,
            http_method: r.http_method,
            invocation_rate_limit_per_second: r
                .invocation_rate_limit_per_second
                .map_or(DEFAULT_RATE_LIMIT, |n| n as u32),
            created: ctx.now,
            modified: ctx.now,
            next_slot_us: 0,
        };
        let answer = destination.answer();
        self.api_destinations
            .insert(destination.name.clone(), destination);
        Ok(answer)
    }

    pub(super) fn describe_api_destination(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.done()?;
        self.api_destinations
            .get(r.name.as_str())
            .map(ApiDestination::describe)
            .ok_or_else(|| {
                errors::not_found(format!(
                    "Failed to describe the api-destination(s). An api-destination '{}' does not exist.",
                    r.name
                ))
            })
    }

    pub(super) fn list_api_destinations(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ListRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.string(
            r.connection_arn.as_deref(),
            "connectionArn",
            (1, 1600),
            None,
        );
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let items = self
            .api_destinations
            .values()
            .filter(|d| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| d.name.starts_with(p))
            })
            .filter(|d| {
                r.connection_arn
                    .as_deref()
                    .is_none_or(|a| *d.connection_arn == *a)
            })
            .map(ApiDestination::summary)
            .collect();
        Ok(paging::by_index(
            "ApiDestinations",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.limit.unwrap_or(100) as usize,
        ))
    }

    pub(super) fn update_api_destination(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: UpdateRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        check_members(
            &mut checks,
            r.description.as_deref(),
            r.connection_arn.as_deref(),
            r.invocation_endpoint.as_deref(),
            r.http_method.as_deref(),
            r.invocation_rate_limit_per_second,
        );
        checks.done()?;
        if let Some(e) = &r.invocation_endpoint {
            check_https(e)?;
        }
        if !self.api_destinations.contains_key(r.name.as_str()) {
            return Err(api_destination_not_found(&r.name));
        }
        if let Some(arn) = &r.connection_arn {
            self.connection_for(arn)?;
        }
        let Some(d) = self.api_destinations.get_mut(r.name.as_str()) else {
            return Err(api_destination_not_found(&r.name));
        };
        if let Some(v) = r.description {
            d.description = Some(v);
        }
        if let Some(v) = r.connection_arn {
            d.connection_arn = v.as_str().into();
        }
        if let Some(v) = r.invocation_endpoint {
            d.invocation_endpoint = v;
        }
        if let Some(v) = r.http_method {
            d.http_method = v;
        }
        if let Some(v) = r.invocation_rate_limit_per_second {
            d.invocation_rate_limit_per_second = v as u32;
        }
        d.modified = ctx.now;
        Ok(d.answer())
    }

    pub(super) fn delete_api_destination(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.done()?;
        self.api_destinations
            .remove(r.name.as_str())
            .map(|_| json!({}))
            .ok_or_else(|| api_destination_not_found(&r.name))
    }
}
