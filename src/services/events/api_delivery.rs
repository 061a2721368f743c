//! Sending an event to an API destination: the HTTP request EventBridge makes
//! to the simulated endpoint (`endpoints:SendRequest`): the target's input as
//! the body, the endpoint with the target's PathParameterValues in place of
//! its `*`, the target's and the connection's header and query string
//! parameters, the connection's authorization (Basic, the API key header, or
//! the OAuth bearer token) and the headers AWS documents (User-Agent
//! Amazon/EventBridge/ApiDestinations, Content-Type application/json;
//! charset=utf-8, Range, Accept-Encoding, Connection, Content-Length, Host),
//! a 5 second timeout; the invocation rate limit (`reserve_slot`); and what
//! the answer means: 2xx delivered; 429, 5xx, timeouts and connection
//! failures retried; other statuses not. A BASIC or API_KEY connection
//! answered 401 or 407 is deauthorized; an OAuth one gets a new token and the
//! event is retried.

use super::connections::{
    append_query, merge_parameters, Authorization, HTTP_TIMEOUT_MS, USER_AGENT,
};
use super::errors;
use super::model::Target;
use super::transform::TargetInput;
use super::Events;
use crate::api::AwsError;
use crate::kernel::Ctx;
use crate::sim::Millis;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// The code of a failed try that EventBridge retries after refreshing an OAuth token.
pub const TOKEN_REFRESH: &str = "OAuthTokenRefresh";
/// The code of an answer outside 2xx.
pub const HTTP_ERROR: &str = "HttpError";

/// The name of the API destination an ARN names (`...:api-destination/<name>/<uuid>`).
pub fn api_destination_name(arn: &str) -> Option<&str> {
    let (_, resource) = arn.split_once(":api-destination/")?;
    resource.split('/').next()
}

fn api_destination_missing(arn: &str) -> AwsError {
    super::api_destinations::api_destination_not_found(api_destination_name(arn).unwrap_or(arn))
}

impl Events {
    /// When an invocation of the API destination `arn` may go (its slot reserved), if later
    /// than now.
    pub(super) fn rate_limited_until(
        &mut self,
        now: Millis,
        arn: &str,
    ) -> Option<(Rc<str>, Millis)> {
        let name = api_destination_name(arn)?;
        let d = self.api_destinations.get_mut(name)?;
        if *d.arn != *arn {
            return None;
        }
        let at = d.reserve_slot(now);
        (at > now).then(|| (d.name.clone(), at))
    }

    /// The HTTP request one try sends to the API destination `target.arn`.
    pub(super) fn api_destination_request(
        &self,
        target: &Target,
        input: &TargetInput,
    ) -> Result<Value, AwsError> {
        let d = api_destination_name(&target.arn)
            .and_then(|n| self.api_destinations.get(n))
            .filter(|d| *d.arn == *target.arn)
            .ok_or_else(|| api_destination_missing(&target.arn))?;
        let connection = super::connections::connection_arn_name(&d.connection_arn)
            .and_then(|n| self.connections.get(n))
            .filter(|c| *c.arn == *d.connection_arn)
            .ok_or_else(|| {
                errors::not_found(format!(
                    "The connection of api-destination '{}' does not exist.",
                    d.name
                ))
            })?;
        match connection.state {
            "AUTHORIZED" => {}
            "AUTHORIZING" => {
                return Err(AwsError::new(
                    "",
                    "ConnectionAuthorizing",
                    503,
                    format!("Connection '{}' is still AUTHORIZING.", connection.name),
                ))
            }
            state => {
                return Err(AwsError::new(
                    "",
                    "ConnectionNotAuthorized",
                    400,
                    format!(
                        "Connection '{}' is {state}: update it with valid credentials.",
                        connection.name
                    ),
                ))
            }
        }
        let http = target.http_parameters.as_ref();
        // The endpoint's `*`, in order, by PathParameterValues.
        let mut values = http
            .and_then(|h| h.get("PathParameterValues"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str);
        let mut url = String::with_capacity(d.invocation_endpoint.len());
        for c in d.invocation_endpoint.chars() {
            match (c, c == '*') {
                (_, true) => match values.next() {
                    Some(v) => url.push_str(v),
                    None => url.push('*'),
                },
                (c, false) => url.push(c),
            }
        }
        let mut headers = Map::new();
        let mut body_parameters = Map::new();
        if let Some(h) = http {
            for (k, v) in h
                .get("HeaderParameters")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                headers.insert(k.clone(), json!(v.as_str().unwrap_or_default()));
            }
            for (k, v) in h
                .get("QueryStringParameters")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                append_query(&mut url, k, v.as_str().unwrap_or_default());
            }
        }
        // The connection's parameters come after the target's, so they win.
        if let Some(p) = &connection.invocation_http_parameters {
            merge_parameters(p, &mut headers, &mut url, &mut body_parameters);
        }
        match &connection.authorization {
            Some(Authorization::Basic { username, password }) => {
                let encoded = base64::engine::general_purpose::STANDARD
                    .encode(format!("{username}:{password}"));
                headers.insert("Authorization".into(), json!(format!("Basic {encoded}")));
            }
            Some(Authorization::ApiKey { name, value }) => {
                headers.insert(name.clone(), json!(value));
            }
            Some(Authorization::OAuth { .. }) => {
                let token = connection.access_token.as_deref().unwrap_or_default();
                headers.insert("Authorization".into(), json!(format!("Bearer {token}")));
            }
            None => {}
        }
        let method = d.http_method.as_str();
        let body = if matches!(method, "GET" | "HEAD") {
            String::new()
        } else {
            input.text()
        };
        if !headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case("Content-Type"))
        {
            headers.insert(
                "Content-Type".into(),
                json!("application/json; charset=utf-8"),
            );
        }
        headers.insert("User-Agent".into(), json!(USER_AGENT));
        headers.insert("Range".into(), json!("bytes=0-1048575"));
        headers.insert("Accept-Encoding".into(), json!("gzip,deflate"));
        headers.insert("Connection".into(), json!("close"));
        headers.insert("Content-Length".into(), json!(body.len().to_string()));
        let host = url.split_once("://").map_or("", |(_, rest)| {
            rest.split(['/', '?']).next().unwrap_or_default()
        });
        headers.insert("Host".into(), json!(host));
        Ok(json!({
            "Method": method,
            "Url": url,
            "Headers": headers,
            "Body": body,
            "TimeoutMs": HTTP_TIMEOUT_MS,
        }))
    }

    /// What the endpoint's answer means for the delivery to `arn`: `Ok` for 2xx, else the
    /// error EventBridge records (its status decides whether it is retried). 401 and 407
    /// deauthorize a BASIC or API_KEY connection, and make an OAuth one fetch a new token.
    pub(super) fn http_outcome(
        &mut self,
        ctx: &mut Ctx,
        arn: &str,
        result: Result<Value, AwsError>,
    ) -> Result<Value, AwsError> {
        let answer = result?;
        let status = answer["StatusCode"].as_u64().unwrap_or_default();
        if (200..300).contains(&status) {
            return Ok(answer);
        }
        let connection = api_destination_name(arn)
            .and_then(|n| self.api_destinations.get(n))
            .and_then(|d| super::connections::connection_arn_name(&d.connection_arn))
            .map(String::from);
        let mut code = HTTP_ERROR;
        if status == 401 || status == 407 {
            if let Some(name) = connection {
                let oauth = self
                    .connections
                    .get(name.as_str())
                    .is_some_and(|c| matches!(c.authorization, Some(Authorization::OAuth { .. })));
                if oauth {
                    code = TOKEN_REFRESH;
                    if self.connections[name.as_str()].state == "AUTHORIZED" {
                        self.authorize(ctx, &name);
                    }
                } else {
                    self.deauthorize_after(ctx, &name, status);
                }
            }
        }
        Err(AwsError::new(
            "",
            code,
            status as u16,
            format!("The API destination endpoint answered HTTP {status}."),
        ))
    }
}
