//! Simulated HTTP endpoints: a Stratus built-in, not an AWS service. Stratus
//! has no internet, so an HTTP endpoint outside AWS (an EventBridge API
//! destination, an SNS http/https subscription) is simulated here: a URL
//! (scheme, host and path) with a programmed behaviour: the status it answers
//! (200 by default), an optional body, a latency in virtual milliseconds, and
//! optionally "fail the first N requests with status S, then succeed", so
//! retries show, and a Retry-After header (seconds) on its answers outside 2xx. Every request it receives is kept in its request log (time,
//! method, URL, headers, body, the status answered) and is a trace event.
//! A request to a URL no endpoint is programmed for fails as a connection
//! error would.
//!
//! Actions (`endpoints:` prefix in a scenario): PutEndpoint, DeleteEndpoint,
//! ListEndpoints, ListRequests, and SendRequest, the HTTP request itself, which
//! services send through the router (`{Method, Url, Headers, Body, TimeoutMs}`
//! answered `{StatusCode, Headers, Body, Request}`), and a person may send too.
//! Endpoints live in the account and Region that programmed them, like every
//! instance; a request reaches the endpoints of the caller's account and Region.

mod events;
mod service;
#[cfg(test)]
mod tests;

pub use events::EndpointsEvent;

use crate::api::{params::parse, AwsError};
use crate::kernel::{Ctx, Outcome, Timer};
use crate::sim::{Millis, TimerClass};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The namespace of the endpoints' errors (they are not an AWS service).
pub const NAMESPACE: &str = "stratus.endpoints";
/// The code of a request to a URL no endpoint is programmed for.
pub const CONNECTION_FAILED: &str = "ConnectionFailed";
/// The code of a request whose client stopped waiting (`TimeoutMs`).
pub const TIMED_OUT: &str = "RequestTimedOut";
/// Requests kept in the log; the oldest go first.
const LOG_LIMIT: usize = 10_000;
/// The longest latency an endpoint may be programmed with: one hour.
const MAX_LATENCY_MS: u64 = 3_600_000;

/// A timer of the endpoints: a request's answer is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointsTimer {
    Respond { ticket: u64 },
}

/// One programmed endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// `https://host/path` (no query string).
    pub url: Rc<str>,
    pub status: u16,
    pub body: Option<String>,
    pub latency_ms: u64,
    /// The first this many requests are answered `fail_status`.
    pub fail_first: u32,
    pub fail_status: u16,
    /// The Retry-After header (seconds) its answers outside 2xx carry.
    pub retry_after: Option<i64>,
    /// Requests received since it was (re)programmed.
    pub received: u32,
}

impl Endpoint {
    fn describe(&self) -> Value {
        json!({
            "Url": &*self.url,
            "Status": self.status,
            "Body": self.body,
            "LatencyMs": self.latency_ms,
            "FailFirst": self.fail_first,
            "FailStatus": self.fail_status,
            "RetryAfter": self.retry_after,
            "RequestsReceived": self.received,
        })
    }
}

/// One request an endpoint received, as its log keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpRequest {
    /// Its number in the log, from 1.
    pub number: u64,
    pub at: Millis,
    pub method: Rc<str>,
    /// The URL as sent, query string included.
    pub url: Rc<str>,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The status the endpoint answered (also when the client had stopped waiting).
    pub status: u16,
    /// When the answer left (`at` + the endpoint's latency).
    pub answered_at: Millis,
    /// Whether the client stopped waiting first.
    pub timed_out: bool,
}

impl HttpRequest {
    pub fn to_json(&self) -> Value {
        let headers: serde_json::Map<String, Value> = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        json!({
            "Request": self.number,
            "Time": crate::sim::format_iso(self.at),
            "Method": &*self.method,
            "Url": &*self.url,
            "Headers": headers,
            "Body": self.body,
            "Status": self.status,
            "AnsweredTime": crate::sim::format_iso(self.answered_at),
            "TimedOut": self.timed_out,
        })
    }
}

/// A request waiting for its answer (the endpoint's latency).
#[derive(Debug)]
struct InFlight {
    request: u64,
    url: Rc<str>,
    method: Rc<str>,
    result: Result<Value, AwsError>,
    timed_out: Option<u64>,
}

#[derive(Debug, Default)]
pub struct Endpoints {
    endpoints: BTreeMap<Rc<str>, Endpoint>,
    log: Vec<HttpRequest>,
    next_request: u64,
    in_flight: BTreeMap<u64, InFlight>,
    next_ticket: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PutEndpointRequest {
    url: String,
    status: Option<i64>,
    body: Option<String>,
    latency_ms: Option<i64>,
    fail_first: Option<i64>,
    fail_status: Option<i64>,
    retry_after: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct UrlRequest {
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListRequestsRequest {
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct SendRequest {
    method: String,
    url: String,
    #[serde(default)]
    headers: serde_json::Map<String, Value>,
    #[serde(default)]
    body: String,
    timeout_ms: Option<u64>,
}

fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::new(NAMESPACE, "InvalidParameterValue", 400, message)
}

fn not_found(url: &str) -> AwsError {
    AwsError::new(
        NAMESPACE,
        "ResourceNotFound",
        400,
        format!("No endpoint is programmed for {url}."),
    )
}

/// The endpoint a URL reaches: the URL without its query string or fragment.
pub fn endpoint_key(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// Whether `url` is an absolute http(s) URL with a host.
fn valid_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

fn status_in_range(value: Option<i64>, name: &str, default: u16) -> Result<u16, AwsError> {
    match value {
        None => Ok(default),
        Some(v) if (100..=599).contains(&v) => Ok(v as u16),
        Some(v) => Err(invalid(format!(
            "{name} must be an HTTP status from 100 to 599, not {v}."
        ))),
    }
}

impl Endpoints {
    /// The programmed endpoints, by URL.
    pub fn endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.endpoints.values()
    }

    pub fn endpoint(&self, url: &str) -> Option<&Endpoint> {
        self.endpoints.get(endpoint_key(url))
    }

    /// Every request received, oldest first (the most recent 10,000).
    pub fn requests(&self) -> &[HttpRequest] {
        &self.log
    }

    /// The requests one endpoint received, oldest first.
    pub fn requests_to<'a>(&'a self, url: &'a str) -> impl Iterator<Item = &'a HttpRequest> {
        let key = endpoint_key(url);
        self.log.iter().filter(move |r| endpoint_key(&r.url) == key)
    }

    pub(crate) fn call(&mut self, ctx: &mut Ctx, operation: &str, input: &Value) -> Outcome {
        let result = match operation {
            "PutEndpoint" => self.put_endpoint(ctx, input),
            "DeleteEndpoint" => self.delete_endpoint(ctx, input),
            "ListEndpoints" => Ok(json!({
                "Endpoints": self.endpoints.values().map(Endpoint::describe).collect::<Vec<_>>()
            })),
            "ListRequests" => self.list_requests(input),
            "SendRequest" => return self.send_request(ctx, input),
            other => Err(AwsError::new(
                NAMESPACE,
                "UnknownOperationException",
                400,
                format!("The simulated HTTP endpoints have no action {other}."),
            )),
        };
        Outcome::Done(result)
    }

    fn put_endpoint(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: PutEndpointRequest = parse(input)?;
        if !valid_url(&r.url) {
            return Err(invalid(format!(
                "Url must be an absolute http or https URL with a host, not '{}'.",
                r.url
            )));
        }
        let status = status_in_range(r.status, "Status", 200)?;
        let fail_status = status_in_range(r.fail_status, "FailStatus", 503)?;
        let latency_ms = match r.latency_ms {
            None => 0,
            Some(v) if (0..=MAX_LATENCY_MS as i64).contains(&v) => v as u64,
            Some(v) => {
                return Err(invalid(format!(
                    "LatencyMs must be from 0 to {MAX_LATENCY_MS}, not {v}."
                )))
            }
        };
        let fail_first = match r.fail_first {
            None => 0,
            Some(v) if (0..=1_000_000).contains(&v) => v as u32,
            Some(v) => {
                return Err(invalid(format!(
                    "FailFirst must be from 0 to 1000000, not {v}."
                )))
            }
        };
        let url: Rc<str> = endpoint_key(&r.url).into();
        let endpoint = Endpoint {
            url: url.clone(),
            status,
            body: r.body,
            latency_ms,
            fail_first,
            fail_status,
            retry_after: r.retry_after,
            received: 0,
        };
        let described = endpoint.describe();
        self.endpoints.insert(url.clone(), endpoint);
        ctx.emit(EndpointsEvent::EndpointProgrammed {
            url,
            status,
            latency_ms,
            fail_first,
        });
        Ok(described)
    }

    fn delete_endpoint(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: UrlRequest = parse(input)?;
        let key = endpoint_key(&r.url);
        let Some(endpoint) = self.endpoints.remove(key) else {
            return Err(not_found(key));
        };
        ctx.emit(EndpointsEvent::EndpointDeleted { url: endpoint.url });
        Ok(json!({}))
    }

    fn list_requests(&self, input: &Value) -> Result<Value, AwsError> {
        let r: ListRequestsRequest = if input.is_null() {
            ListRequestsRequest { url: None }
        } else {
            parse(input)?
        };
        let requests: Vec<Value> = match &r.url {
            Some(url) => self.requests_to(url).map(HttpRequest::to_json).collect(),
            None => self.log.iter().map(HttpRequest::to_json).collect(),
        };
        Ok(json!({ "Requests": requests }))
    }

    /// One HTTP request: answered after the endpoint's latency (or the client's timeout, if
    /// shorter), or at once with a connection error when no endpoint is programmed for the URL.
    fn send_request(&mut self, ctx: &mut Ctx, input: &Value) -> Outcome {
        let r: SendRequest = match parse(input) {
            Ok(r) => r,
            Err(e) => return Outcome::Done(Err(e)),
        };
        let method: Rc<str> = r.method.to_ascii_uppercase().into();
        let url: Rc<str> = r.url.as_str().into();
        let Some(endpoint) = self.endpoints.get_mut(endpoint_key(&r.url)) else {
            ctx.emit(EndpointsEvent::HttpConnectionFailed {
                url: url.clone(),
                method,
            });
            return Outcome::Done(Err(AwsError::new(
                NAMESPACE,
                CONNECTION_FAILED,
                503,
                format!("Could not connect to {url}: no endpoint is programmed for this URL."),
            )));
        };
        endpoint.received = endpoint.received.saturating_add(1);
        let (status, body) = if endpoint.received <= endpoint.fail_first {
            (endpoint.fail_status, None)
        } else {
            (endpoint.status, endpoint.body.clone())
        };
        let latency = endpoint.latency_ms;
        let mut response_headers = serde_json::Map::new();
        response_headers.insert("Content-Type".into(), json!("application/json"));
        if let (Some(after), false) = (endpoint.retry_after, (200..300).contains(&status)) {
            response_headers.insert("Retry-After".into(), json!(after.to_string()));
        }
        self.next_request += 1;
        let number = self.next_request;
        let timeout = r.timeout_ms.filter(|t| *t < latency);
        ctx.emit(EndpointsEvent::HttpRequestReceived {
            url: url.clone(),
            method: method.clone(),
            request: number,
        });
        if self.log.len() >= LOG_LIMIT {
            self.log.remove(0);
        }
        self.log.push(HttpRequest {
            number,
            at: ctx.now,
            method: method.clone(),
            url: url.clone(),
            headers: r
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str().map_or_else(|| v.to_string(), String::from),
                    )
                })
                .collect(),
            body: r.body,
            status,
            answered_at: ctx.now + latency,
            timed_out: timeout.is_some(),
        });
        let result = match timeout {
            Some(t) => Err(AwsError::new(
                NAMESPACE,
                TIMED_OUT,
                504,
                format!("{method} {url} did not answer within {t} ms."),
            )),
            None => Ok(json!({
                "StatusCode": status,
                "Headers": response_headers,
                "Body": body.unwrap_or_default(),
                "Request": number,
            })),
        };
        let wait = timeout.unwrap_or(latency);
        let flight = InFlight {
            request: number,
            url,
            method,
            result,
            timed_out: timeout,
        };
        if wait == 0 {
            return Outcome::Done(self.answer(ctx, flight));
        }
        self.next_ticket += 1;
        let ticket = self.next_ticket;
        self.in_flight.insert(ticket, flight);
        ctx.schedule(
            ctx.now + wait,
            TimerClass::Pending,
            Timer::Endpoints(EndpointsTimer::Respond { ticket }),
        );
        Outcome::Later(ticket)
    }

    /// The answer of a request leaves now: its trace event, its result.
    fn answer(&mut self, ctx: &mut Ctx, flight: InFlight) -> Result<Value, AwsError> {
        match (&flight.result, flight.timed_out) {
            (_, Some(timeout_ms)) => ctx.emit(EndpointsEvent::HttpRequestTimedOut {
                url: flight.url,
                method: flight.method,
                request: flight.request,
                timeout_ms,
            }),
            (Ok(v), None) => ctx.emit(EndpointsEvent::HttpResponseSent {
                url: flight.url,
                method: flight.method,
                request: flight.request,
                status: v["StatusCode"].as_u64().unwrap_or_default() as u16,
            }),
            (Err(_), None) => {}
        }
        flight.result
    }

    /// What a pending answer will show when it leaves.
    fn foresee_answer(&self, ticket: u64) -> Option<crate::kernel::Foreseen> {
        let flight = self.in_flight.get(&ticket)?;
        let (event, text) = match (&flight.result, flight.timed_out) {
            (_, Some(t)) => (
                "HttpRequestTimedOut",
                format!(
                    "request #{} ({} {}) times out after {t} ms",
                    flight.request, flight.method, flight.url
                ),
            ),
            (Ok(v), None) => (
                "HttpResponseSent",
                format!(
                    "{} answers request #{} with {}",
                    flight.url, flight.request, v["StatusCode"]
                ),
            ),
            (Err(_), None) => return None,
        };
        Some(crate::kernel::Foreseen {
            event,
            resource: Some(flight.url.clone()),
            text,
        })
    }

    /// A request's answer is due.
    fn respond(&mut self, ctx: &mut Ctx, ticket: u64) {
        let Some(flight) = self.in_flight.remove(&ticket) else {
            return;
        };
        let result = self.answer(ctx, flight);
        ctx.send(crate::kernel::Outbound::Answer { ticket, result });
    }
}
