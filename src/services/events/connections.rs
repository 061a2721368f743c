//! Connections of API destinations: CreateConnection, DescribeConnection,
//! ListConnections, UpdateConnection, DeleteConnection and
//! DeauthorizeConnection, with the shapes of AWS's model. A connection holds
//! the authorization EventBridge adds to each request to an API destination
//! (BASIC, API_KEY or OAUTH_CLIENT_CREDENTIALS) and the extra header, query
//! string and body parameters of its InvocationHttpParameters. Its secret is
//! the Secrets Manager secret AWS reports (`events!connection/<name>/<uuid>`),
//! only named here. BASIC and API_KEY connections are AUTHORIZED at once; an
//! OAuth connection is AUTHORIZING until its authorization endpoint (a
//! simulated HTTP endpoint, `crate::endpoints`) answers the token request with
//! an `access_token`, then AUTHORIZED, or DEAUTHORIZED when it cannot.

use super::buses::seconds;
pub use super::connection_auth::{
    append_query, endpoint_chars_ok, merge_parameters, Authorization, HTTPS_ENDPOINT_PATTERN,
};
use super::connection_auth::{
    check_auth, hide_secrets, merge_authorization, read_authorization, AuthParameters,
};
use super::errors::{self, NAME_PATTERN};
use super::{Events, EventsEvent};
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::{Ctx, Outbound, Payload, Token};
use crate::sim::Millis;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// Connections one account may have in a Region (EventBridge's quota).
pub const MAX_CONNECTIONS: usize = 3_000;
/// How long EventBridge waits for an HTTP endpoint's answer.
pub const HTTP_TIMEOUT_MS: u64 = 5_000;

#[derive(Clone, Debug)]
pub struct Connection {
    /// Its number, for the token request's reply.
    pub id: u64,
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub description: Option<String>,
    pub authorization_type: &'static str,
    /// None once deauthorized: the secret is gone.
    pub authorization: Option<Authorization>,
    /// The non-secret parts DescribeConnection shows (kept after deauthorization).
    pub shown: Value,
    pub invocation_http_parameters: Option<Value>,
    pub state: &'static str,
    pub state_reason: Option<String>,
    pub secret_arn: String,
    pub created: Millis,
    pub modified: Millis,
    pub last_authorized: Option<Millis>,
    /// The OAuth access token, once the authorization endpoint gave one.
    pub access_token: Option<String>,
}

impl Connection {
    fn times(&self, out: &mut Map<String, Value>) {
        out.insert("CreationTime".into(), seconds(self.created));
        out.insert("LastModifiedTime".into(), seconds(self.modified));
        if let Some(t) = self.last_authorized {
            out.insert("LastAuthorizedTime".into(), seconds(t));
        }
    }

    /// Create/Update/Delete/DeauthorizeConnection's answer.
    fn answer(&self, state: &str) -> Value {
        let mut out = Map::new();
        out.insert("ConnectionArn".into(), json!(&*self.arn));
        out.insert("ConnectionState".into(), json!(state));
        self.times(&mut out);
        Value::Object(out)
    }

    /// One entry of ListConnections.
    fn summary(&self) -> Value {
        let mut out = Map::new();
        out.insert("ConnectionArn".into(), json!(&*self.arn));
        out.insert("Name".into(), json!(&*self.name));
        out.insert("ConnectionState".into(), json!(self.state));
        if let Some(r) = &self.state_reason {
            out.insert("StateReason".into(), json!(r));
        }
        out.insert("AuthorizationType".into(), json!(self.authorization_type));
        self.times(&mut out);
        Value::Object(out)
    }

    /// DescribeConnection's answer: no secret values.
    pub fn describe(&self) -> Value {
        let mut out = Map::new();
        out.insert("ConnectionArn".into(), json!(&*self.arn));
        out.insert("Name".into(), json!(&*self.name));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        out.insert("ConnectionState".into(), json!(self.state));
        if let Some(r) = &self.state_reason {
            out.insert("StateReason".into(), json!(r));
        }
        out.insert("AuthorizationType".into(), json!(self.authorization_type));
        out.insert("SecretArn".into(), json!(self.secret_arn));
        let mut auth = self.shown.clone();
        if let (Some(p), Some(map)) = (&self.invocation_http_parameters, auth.as_object_mut()) {
            map.insert("InvocationHttpParameters".into(), hide_secrets(p));
        }
        out.insert("AuthParameters".into(), auth);
        self.times(&mut out);
        Value::Object(out)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct CreateConnectionRequest {
    name: String,
    description: Option<String>,
    authorization_type: String,
    auth_parameters: AuthParameters,
    invocation_connectivity_parameters: Option<Value>,
    kms_key_identifier: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct UpdateConnectionRequest {
    name: String,
    description: Option<String>,
    authorization_type: Option<String>,
    auth_parameters: Option<AuthParameters>,
    invocation_connectivity_parameters: Option<Value>,
    kms_key_identifier: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameRequest {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListConnectionsRequest {
    name_prefix: Option<String>,
    connection_state: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

const AUTHORIZATION_TYPES: &[&str] = &["BASIC", "OAUTH_CLIENT_CREDENTIALS", "API_KEY"];
const CONNECTION_STATES: &[&str] = &[
    "CREATING",
    "UPDATING",
    "DELETING",
    "AUTHORIZED",
    "DEAUTHORIZED",
    "AUTHORIZING",
    "DEAUTHORIZING",
    "ACTIVE",
    "FAILED_CONNECTIVITY",
];

pub fn connection_not_found(name: &str) -> AwsError {
    errors::not_found(format!("Connection '{name}' does not exist."))
}

/// The connection name of a connection ARN (`...:connection/<name>/<uuid>`).
pub fn connection_arn_name(arn: &str) -> Option<&str> {
    let (_, resource) = arn.split_once(":connection/")?;
    resource.split('/').next()
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "BASIC" => "BASIC",
        "API_KEY" => "API_KEY",
        _ => "OAUTH_CLIENT_CREDENTIALS",
    }
}

fn unsupported(what: &str) -> AwsError {
    errors::validation(format!("{what} is not simulated by Stratus yet."))
}

impl Events {
    pub(super) fn create_connection(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: CreateConnectionRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.string(r.description.as_deref(), "description", (0, 512), None);
        checks.one_of(
            Some(&r.authorization_type),
            "authorizationType",
            AUTHORIZATION_TYPES,
        );
        check_auth(&mut checks, &r.auth_parameters);
        checks.done()?;
        if r.invocation_connectivity_parameters.is_some()
            || r.auth_parameters.connectivity_parameters.is_some()
        {
            return Err(unsupported(
                "Private APIs (InvocationConnectivityParameters)",
            ));
        }
        if r.kms_key_identifier.is_some() {
            return Err(unsupported("KmsKeyIdentifier"));
        }
        if self.connections.contains_key(r.name.as_str()) {
            return Err(errors::already_exists(format!(
                "Connection '{}' already exists.",
                r.name
            )));
        }
        if self.connections.len() >= MAX_CONNECTIONS {
            return Err(errors::limit_exceeded(format!(
                "The limit of {MAX_CONNECTIONS} connections per account in this Region is reached."
            )));
        }
        let kind = kind_name(&r.authorization_type);
        let (authorization, shown) = read_authorization(kind, &r.auth_parameters)?;
        let uuid = ctx.rng.uuid();
        let arn: Rc<str> = ctx
            .identity
            .arn("events", &format!("connection/{}/{uuid}", r.name))
            .into();
        let secret_uuid = ctx.rng.uuid();
        let suffix: String = ctx
            .rng
            .uuid()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(6)
            .collect();
        let secret_arn = ctx.identity.arn(
            "secretsmanager",
            &format!("secret:events!connection/{}/{secret_uuid}-{suffix}", r.name),
        );
        self.next_connection += 1;
        let connection = Connection {
            id: self.next_connection,
            name: r.name.as_str().into(),
            arn,
            description: r.description,
            authorization_type: kind,
            authorization: Some(authorization),
            shown,
            invocation_http_parameters: r.auth_parameters.invocation_http_parameters,
            state: "CREATING",
            state_reason: None,
            secret_arn,
            created: ctx.now,
            modified: ctx.now,
            last_authorized: None,
            access_token: None,
        };
        self.connections.insert(connection.name.clone(), connection);
        let state = self.authorize(ctx, &r.name);
        let c = &self.connections[r.name.as_str()];
        Ok(c.answer(state))
    }

    /// Authorizes a connection: BASIC and API_KEY at once, OAuth by asking its authorization
    /// endpoint for a token (AUTHORIZING until it answers). The state it is now in.
    pub(super) fn authorize(&mut self, ctx: &mut Ctx, name: &str) -> &'static str {
        let Some(c) = self.connections.get_mut(name) else {
            return "DEAUTHORIZED";
        };
        match c.authorization.clone() {
            Some(Authorization::OAuth {
                client_id,
                client_secret,
                endpoint,
                method,
                parameters,
            }) => {
                c.access_token = None;
                set_state(ctx, c, "AUTHORIZING", None);
                let credentials = base64::engine::general_purpose::STANDARD
                    .encode(format!("{client_id}:{client_secret}"));
                let mut headers = Map::new();
                let mut url = endpoint.clone();
                let mut body = Map::new();
                if let Some(p) = &parameters {
                    merge_parameters(p, &mut headers, &mut url, &mut body);
                }
                headers.insert(
                    "Authorization".into(),
                    json!(format!("Basic {credentials}")),
                );
                headers.insert(
                    "Content-Type".into(),
                    json!("application/json; charset=utf-8"),
                );
                headers.insert("User-Agent".into(), json!(USER_AGENT));
                ctx.send(Outbound::Call {
                    token: Some(Token::Connection { connection: c.id }),
                    action: "endpoints:SendRequest".into(),
                    input: Payload::Json(json!({
                        "Method": method,
                        "Url": url,
                        "Headers": headers,
                        "Body": Value::Object(body).to_string(),
                        "TimeoutMs": HTTP_TIMEOUT_MS,
                    })),
                });
                "AUTHORIZING"
            }
            Some(_) => {
                c.last_authorized = Some(ctx.now);
                set_state(ctx, c, "AUTHORIZED", None);
                "AUTHORIZED"
            }
            None => {
                set_state(ctx, c, "DEAUTHORIZED", None);
                "DEAUTHORIZED"
            }
        }
    }

    /// The authorization endpoint's answer to a connection's token request.
    pub(super) fn on_token_reply(
        &mut self,
        ctx: &mut Ctx,
        id: u64,
        result: Result<Value, AwsError>,
    ) {
        let Some(c) = self.connections.values_mut().find(|c| c.id == id) else {
            return;
        };
        if c.state != "AUTHORIZING" {
            return;
        }
        let token = match &result {
            Ok(answer) => {
                let status = answer["StatusCode"].as_u64().unwrap_or_default();
                let body = answer["Body"].as_str().unwrap_or_default();
                let token = serde_json::from_str::<Value>(body).ok().and_then(|b| {
                    b.get("access_token")
                        .and_then(Value::as_str)
                        .map(String::from)
                });
                match token {
                    Some(t) if (200..300).contains(&status) => Ok(t),
                    _ if !(200..300).contains(&status) => Err(format!(
                        "The authorization endpoint answered HTTP {status}."
                    )),
                    _ => Err("The authorization endpoint's answer has no access_token.".into()),
                }
            }
            Err(e) => Err(e.message.clone()),
        };
        match token {
            Ok(t) => {
                c.access_token = Some(t);
                c.last_authorized = Some(ctx.now);
                set_state(ctx, c, "AUTHORIZED", None);
            }
            Err(reason) => set_state(ctx, c, "DEAUTHORIZED", Some(reason)),
        }
    }

    pub(super) fn describe_connection(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        self.check_name(&r.name)?;
        self.connections
            .get(r.name.as_str())
            .map(Connection::describe)
            .ok_or_else(|| {
                errors::not_found(format!(
                    "Failed to describe the connection(s). Connection '{}' does not exist.",
                    r.name
                ))
            })
    }

    fn check_name(&self, name: &str) -> Result<(), AwsError> {
        let mut checks = errors::checks();
        checks.string(Some(name), "name", (1, 64), Some(NAME_PATTERN));
        checks.done()
    }

    pub(super) fn list_connections(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ListConnectionsRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.one_of(
            r.connection_state.as_deref(),
            "connectionState",
            CONNECTION_STATES,
        );
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let items = self
            .connections
            .values()
            .filter(|c| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| c.name.starts_with(p))
            })
            .filter(|c| r.connection_state.as_deref().is_none_or(|s| c.state == s))
            .map(Connection::summary)
            .collect();
        Ok(paging::by_index(
            "Connections",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.limit.unwrap_or(100) as usize,
        ))
    }

    pub(super) fn update_connection(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: UpdateConnectionRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.string(r.description.as_deref(), "description", (0, 512), None);
        checks.one_of(
            r.authorization_type.as_deref(),
            "authorizationType",
            AUTHORIZATION_TYPES,
        );
        if let Some(a) = &r.auth_parameters {
            check_auth(&mut checks, a);
        }
        checks.done()?;
        if r.invocation_connectivity_parameters.is_some() {
            return Err(unsupported(
                "Private APIs (InvocationConnectivityParameters)",
            ));
        }
        if r.kms_key_identifier.is_some() {
            return Err(unsupported("KmsKeyIdentifier"));
        }
        let c = self
            .connections
            .get_mut(r.name.as_str())
            .ok_or_else(|| connection_not_found(&r.name))?;
        let kind = r
            .authorization_type
            .as_deref()
            .map_or(c.authorization_type, kind_name);
        let auth = r.auth_parameters.unwrap_or_default();
        // Members the request leaves out keep their values (the secrets too, while they exist).
        let merged = merge_authorization(c, kind, &auth);
        let (authorization, shown) = read_authorization(kind, &merged)?;
        if let Some(d) = r.description {
            c.description = Some(d);
        }
        if auth.invocation_http_parameters.is_some() {
            c.invocation_http_parameters = auth.invocation_http_parameters;
        }
        c.authorization_type = kind;
        c.authorization = Some(authorization);
        c.shown = shown;
        c.modified = ctx.now;
        c.state_reason = None;
        let state = self.authorize(ctx, &r.name);
        Ok(self.connections[r.name.as_str()].answer(state))
    }

    pub(super) fn delete_connection(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        self.check_name(&r.name)?;
        let c = self
            .connections
            .remove(r.name.as_str())
            .ok_or_else(|| connection_not_found(&r.name))?;
        ctx.emit(EventsEvent::ConnectionStateChanged {
            connection: c.name.clone(),
            state: "DELETING".into(),
            reason: None,
        });
        Ok(c.answer("DELETING"))
    }

    pub(super) fn deauthorize_connection(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        self.check_name(&r.name)?;
        let c = self
            .connections
            .get_mut(r.name.as_str())
            .ok_or_else(|| connection_not_found(&r.name))?;
        c.authorization = None;
        c.access_token = None;
        c.modified = ctx.now;
        let answer = c.answer("DEAUTHORIZING");
        set_state(ctx, c, "DEAUTHORIZED", None);
        Ok(answer)
    }

    /// A BASIC or API_KEY connection whose endpoint answered 401 or 407 is deauthorized.
    pub(super) fn deauthorize_after(&mut self, ctx: &mut Ctx, name: &str, status: u64) {
        if let Some(c) = self.connections.get_mut(name) {
            let reason = format!(
                "The endpoint answered HTTP {status}: update the connection's credentials."
            );
            set_state(ctx, c, "DEAUTHORIZED", Some(reason));
        }
    }
}

/// The User-Agent of every request EventBridge makes to an HTTP endpoint.
pub const USER_AGENT: &str = "Amazon/EventBridge/ApiDestinations";

fn set_state(ctx: &mut Ctx, c: &mut Connection, state: &'static str, reason: Option<String>) {
    c.state = state;
    c.state_reason = reason.clone();
    ctx.emit(EventsEvent::ConnectionStateChanged {
        connection: c.name.clone(),
        state: state.into(),
        reason: reason.map(|r| r.as_str().into()),
    });
}
