//! The simulated HTTP endpoints' trace events (a Stratus built-in, labelled
//! `"service":"endpoints"`): endpoints programmed and deleted, and every
//! request one receives with the status it answers.

use serde::Serialize;
use std::rc::Rc;

/// Something that happened at a simulated HTTP endpoint.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum EndpointsEvent {
    EndpointProgrammed {
        url: Rc<str>,
        status: u16,
        latency_ms: u64,
        fail_first: u32,
    },
    EndpointDeleted {
        url: Rc<str>,
    },
    /// A request arrived (`request` is its number in the request log, from 1).
    HttpRequestReceived {
        url: Rc<str>,
        method: Rc<str>,
        request: u64,
    },
    /// The endpoint answered it.
    HttpResponseSent {
        url: Rc<str>,
        method: Rc<str>,
        request: u64,
        status: u16,
    },
    /// The client stopped waiting before the endpoint answered.
    HttpRequestTimedOut {
        url: Rc<str>,
        method: Rc<str>,
        request: u64,
        timeout_ms: u64,
    },
    /// No endpoint is programmed for the URL: the client's connection fails.
    HttpConnectionFailed {
        url: Rc<str>,
        method: Rc<str>,
    },
}

impl EndpointsEvent {
    pub fn name(&self) -> &'static str {
        match self {
            EndpointsEvent::EndpointProgrammed { .. } => "EndpointProgrammed",
            EndpointsEvent::EndpointDeleted { .. } => "EndpointDeleted",
            EndpointsEvent::HttpRequestReceived { .. } => "HttpRequestReceived",
            EndpointsEvent::HttpResponseSent { .. } => "HttpResponseSent",
            EndpointsEvent::HttpRequestTimedOut { .. } => "HttpRequestTimedOut",
            EndpointsEvent::HttpConnectionFailed { .. } => "HttpConnectionFailed",
        }
    }

    /// The endpoint's URL (for a request, the URL it was sent to, query string included).
    pub fn url(&self) -> &Rc<str> {
        match self {
            EndpointsEvent::EndpointProgrammed { url, .. }
            | EndpointsEvent::EndpointDeleted { url }
            | EndpointsEvent::HttpRequestReceived { url, .. }
            | EndpointsEvent::HttpResponseSent { url, .. }
            | EndpointsEvent::HttpRequestTimedOut { url, .. }
            | EndpointsEvent::HttpConnectionFailed { url, .. } => url,
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            EndpointsEvent::EndpointProgrammed {
                url,
                status,
                latency_ms,
                fail_first,
            } => {
                let fails = if *fail_first > 0 {
                    format!(", failing the first {fail_first} requests")
                } else {
                    String::new()
                };
                format!("endpoint {url} answers {status} after {latency_ms} ms{fails}")
            }
            EndpointsEvent::EndpointDeleted { url } => format!("endpoint {url} deleted"),
            EndpointsEvent::HttpRequestReceived {
                url,
                method,
                request,
            } => format!("request #{request}: {method} {url}"),
            EndpointsEvent::HttpResponseSent {
                url,
                method,
                request,
                status,
            } => format!("request #{request} ({method} {url}) answered {status}"),
            EndpointsEvent::HttpRequestTimedOut {
                url,
                method,
                request,
                timeout_ms,
            } => format!(
                "request #{request} ({method} {url}) timed out: no answer within {timeout_ms} ms"
            ),
            EndpointsEvent::HttpConnectionFailed { url, method } => {
                format!("{method} {url}: connection failed, no endpoint is programmed for this URL")
            }
        }
    }
}
