//! A connection's authorization: the AuthParameters of CreateConnection and
//! UpdateConnection read and checked against AWS's model (BASIC, API_KEY,
//! OAUTH_CLIENT_CREDENTIALS; a member UpdateConnection leaves out keeps its
//! value), what DescribeConnection shows of them (never a secret), and the
//! ConnectionHttpParameters added to each request (headers, query string,
//! body parameters).

use super::connections::Connection;
use super::errors::{self, Checks};
use crate::api::AwsError;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// A connection's authorization, with its secrets.
#[derive(Clone, Debug, PartialEq)]
pub enum Authorization {
    Basic {
        username: String,
        password: String,
    },
    ApiKey {
        name: String,
        value: String,
    },
    OAuth {
        client_id: String,
        client_secret: String,
        endpoint: String,
        method: String,
        /// OAuthHttpParameters as given.
        parameters: Option<Value>,
    },
}

/// ConnectionHttpParameters as DescribeConnection shows them: a value marked IsValueSecret is
/// left out.
pub(super) fn hide_secrets(parameters: &Value) -> Value {
    let mut out = parameters.clone();
    if let Some(map) = out.as_object_mut() {
        for list in map.values_mut() {
            if let Some(items) = list.as_array_mut() {
                for item in items {
                    if item.get("IsValueSecret") == Some(&json!(true)) {
                        if let Some(o) = item.as_object_mut() {
                            o.remove("Value");
                        }
                    }
                }
            }
        }
    }
    out
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub(super) struct AuthParameters {
    basic_auth_parameters: Option<BasicAuth>,
    #[serde(rename = "OAuthParameters")]
    oauth_parameters: Option<OAuthShape>,
    api_key_auth_parameters: Option<ApiKeyAuth>,
    pub(super) invocation_http_parameters: Option<Value>,
    pub(super) connectivity_parameters: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub(super) struct BasicAuth {
    username: Option<String>,
    password: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub(super) struct ApiKeyAuth {
    api_key_name: Option<String>,
    api_key_value: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub(super) struct OAuthShape {
    client_parameters: Option<ClientParameters>,
    authorization_endpoint: Option<String>,
    http_method: Option<String>,
    #[serde(rename = "OAuthHttpParameters")]
    oauth_http_parameters: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClientParameters {
    #[serde(rename = "ClientID")]
    client_id: Option<String>,
    #[serde(rename = "ClientSecret")]
    client_secret: Option<String>,
}

/// The model's pattern of HttpsEndpoint, as the validation message spells it.
pub const HTTPS_ENDPOINT_PATTERN: &str =
    r"^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$";

/// Whether `url` satisfies HttpsEndpoint's pattern (its characters).
pub fn endpoint_chars_ok(url: &str) -> bool {
    let bytes = url.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c == '%' {
            let hex = |j: usize| bytes.get(j).is_some_and(|b| b.is_ascii_hexdigit());
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(c.is_ascii_alphanumeric() || "-()_.!~*';/?:@&=+$,".contains(c)) {
            return false;
        }
        i += 1;
    }
    !url.is_empty()
}

/// Checks one ConnectionHttpParameters (its lists at most 100 long).
pub(super) fn check_http_parameters(checks: &mut Checks, value: Option<&Value>, member: &str) {
    let Some(value) = value else { return };
    for list in [
        "HeaderParameters",
        "QueryStringParameters",
        "BodyParameters",
    ] {
        let len = value
            .get(list)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if len > 100 {
            let camel = format!("{}{}", list[..1].to_ascii_lowercase(), &list[1..]);
            checks.fail(
                len,
                &format!("{member}.{camel}"),
                "Member must have length less than or equal to 100",
            );
        }
    }
}

/// The authorization a request gives for `kind`, with what DescribeConnection shows of it.
pub(super) fn read_authorization(
    kind: &str,
    auth: &AuthParameters,
) -> Result<(Authorization, Value), AwsError> {
    let missing = |what: &str| {
        errors::validation(format!(
            "{what} must be specified for authorization type {kind}."
        ))
    };
    match kind {
        "BASIC" => {
            let b = auth
                .basic_auth_parameters
                .as_ref()
                .ok_or_else(|| missing("BasicAuthParameters"))?;
            let username = b.username.clone().ok_or_else(|| missing("Username"))?;
            let password = b.password.clone().ok_or_else(|| missing("Password"))?;
            let shown = json!({"BasicAuthParameters": {"Username": username}});
            Ok((Authorization::Basic { username, password }, shown))
        }
        "API_KEY" => {
            let k = auth
                .api_key_auth_parameters
                .as_ref()
                .ok_or_else(|| missing("ApiKeyAuthParameters"))?;
            let name = k
                .api_key_name
                .clone()
                .ok_or_else(|| missing("ApiKeyName"))?;
            let value = k
                .api_key_value
                .clone()
                .ok_or_else(|| missing("ApiKeyValue"))?;
            let shown = json!({"ApiKeyAuthParameters": {"ApiKeyName": name}});
            Ok((Authorization::ApiKey { name, value }, shown))
        }
        _ => {
            let o = auth
                .oauth_parameters
                .as_ref()
                .ok_or_else(|| missing("OAuthParameters"))?;
            let client = o
                .client_parameters
                .as_ref()
                .ok_or_else(|| missing("ClientParameters"))?;
            let client_id = client
                .client_id
                .clone()
                .ok_or_else(|| missing("ClientID"))?;
            let client_secret = client
                .client_secret
                .clone()
                .ok_or_else(|| missing("ClientSecret"))?;
            let endpoint = o
                .authorization_endpoint
                .clone()
                .ok_or_else(|| missing("AuthorizationEndpoint"))?;
            let method = o.http_method.clone().ok_or_else(|| missing("HttpMethod"))?;
            let mut shown = json!({
                "ClientParameters": {"ClientID": client_id},
                "AuthorizationEndpoint": endpoint,
                "HttpMethod": method,
            });
            if let Some(p) = &o.oauth_http_parameters {
                shown["OAuthHttpParameters"] = hide_secrets(p);
            }
            Ok((
                Authorization::OAuth {
                    client_id,
                    client_secret,
                    endpoint,
                    method,
                    parameters: o.oauth_http_parameters.clone(),
                },
                json!({ "OAuthParameters": shown }),
            ))
        }
    }
}

/// The modelled constraints of AuthParameters' members.
pub(super) fn check_auth(checks: &mut Checks, auth: &AuthParameters) {
    let header = |checks: &mut Checks, v: Option<&String>, member: &str| {
        checks.string(v.map(String::as_str), member, (1, 512), None);
    };
    if let Some(b) = &auth.basic_auth_parameters {
        header(
            checks,
            b.username.as_ref(),
            "authParameters.basicAuthParameters.username",
        );
        header(
            checks,
            b.password.as_ref(),
            "authParameters.basicAuthParameters.password",
        );
    }
    if let Some(k) = &auth.api_key_auth_parameters {
        header(
            checks,
            k.api_key_name.as_ref(),
            "authParameters.apiKeyAuthParameters.apiKeyName",
        );
        header(
            checks,
            k.api_key_value.as_ref(),
            "authParameters.apiKeyAuthParameters.apiKeyValue",
        );
    }
    if let Some(o) = &auth.oauth_parameters {
        if let Some(c) = &o.client_parameters {
            header(
                checks,
                c.client_id.as_ref(),
                "authParameters.oAuthParameters.clientParameters.clientID",
            );
            header(
                checks,
                c.client_secret.as_ref(),
                "authParameters.oAuthParameters.clientParameters.clientSecret",
            );
        }
        checks.string(
            o.authorization_endpoint.as_deref(),
            "authParameters.oAuthParameters.authorizationEndpoint",
            (1, 2048),
            None,
        );
        if let Some(e) = &o.authorization_endpoint {
            if !e.is_empty() && !endpoint_chars_ok(e) {
                checks.fail(
                    e,
                    "authParameters.oAuthParameters.authorizationEndpoint",
                    &format!(
                        "Member must satisfy regular expression pattern: {HTTPS_ENDPOINT_PATTERN}"
                    ),
                );
            }
        }
        checks.one_of(
            o.http_method.as_deref(),
            "authParameters.oAuthParameters.httpMethod",
            &["GET", "POST", "PUT"],
        );
        check_http_parameters(
            checks,
            o.oauth_http_parameters.as_ref(),
            "authParameters.oAuthParameters.oAuthHttpParameters",
        );
    }
    check_http_parameters(
        checks,
        auth.invocation_http_parameters.as_ref(),
        "authParameters.invocationHttpParameters",
    );
}

/// UpdateConnection's AuthParameters over what the connection has: a member left out keeps
/// its value.
pub(super) fn merge_authorization(
    c: &Connection,
    kind: &str,
    given: &AuthParameters,
) -> AuthParameters {
    let current = c.authorization.as_ref();
    let mut out = AuthParameters::default();
    match kind {
        "BASIC" => {
            let (u, p) = match current {
                Some(Authorization::Basic { username, password }) => {
                    (Some(username.clone()), Some(password.clone()))
                }
                _ => (None, None),
            };
            let g = given.basic_auth_parameters.as_ref();
            out.basic_auth_parameters = Some(BasicAuth {
                username: g.and_then(|g| g.username.clone()).or(u),
                password: g.and_then(|g| g.password.clone()).or(p),
            });
        }
        "API_KEY" => {
            let (n, v) = match current {
                Some(Authorization::ApiKey { name, value }) => {
                    (Some(name.clone()), Some(value.clone()))
                }
                _ => (None, None),
            };
            let g = given.api_key_auth_parameters.as_ref();
            out.api_key_auth_parameters = Some(ApiKeyAuth {
                api_key_name: g.and_then(|g| g.api_key_name.clone()).or(n),
                api_key_value: g.and_then(|g| g.api_key_value.clone()).or(v),
            });
        }
        _ => {
            let (id, secret, endpoint, method, parameters) = match current {
                Some(Authorization::OAuth {
                    client_id,
                    client_secret,
                    endpoint,
                    method,
                    parameters,
                }) => (
                    Some(client_id.clone()),
                    Some(client_secret.clone()),
                    Some(endpoint.clone()),
                    Some(method.clone()),
                    parameters.clone(),
                ),
                _ => (None, None, None, None, None),
            };
            let g = given.oauth_parameters.as_ref();
            let gc = g.and_then(|g| g.client_parameters.as_ref());
            out.oauth_parameters = Some(OAuthShape {
                client_parameters: Some(ClientParameters {
                    client_id: gc.and_then(|c| c.client_id.clone()).or(id),
                    client_secret: gc.and_then(|c| c.client_secret.clone()).or(secret),
                }),
                authorization_endpoint: g
                    .and_then(|g| g.authorization_endpoint.clone())
                    .or(endpoint),
                http_method: g.and_then(|g| g.http_method.clone()).or(method),
                oauth_http_parameters: g
                    .and_then(|g| g.oauth_http_parameters.clone())
                    .or(parameters),
            });
        }
    }
    out
}

/// Adds ConnectionHttpParameters (or HttpParameters lists) to a request: headers, query
/// string parameters appended to `url`, body parameters into `body`.
pub fn merge_parameters(
    parameters: &Value,
    headers: &mut Map<String, Value>,
    url: &mut String,
    body: &mut Map<String, Value>,
) {
    let pairs = |list: &str| -> Vec<(String, String)> {
        parameters
            .get(list)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| {
                        Some((
                            i.get("Key")?.as_str()?.to_string(),
                            i.get("Value")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for (k, v) in pairs("HeaderParameters") {
        headers.insert(k, json!(v));
    }
    for (k, v) in pairs("QueryStringParameters") {
        append_query(url, &k, &v);
    }
    for (k, v) in pairs("BodyParameters") {
        body.insert(k, json!(v));
    }
}

/// Appends `key=value` (percent-encoded) to a URL's query string.
pub fn append_query(url: &mut String, key: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(&percent_encode(key));
    url.push('=');
    url.push_str(&percent_encode(value));
}

pub(super) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
