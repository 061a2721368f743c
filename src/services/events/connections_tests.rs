//! Connections of API destinations as AWS describes them.

use crate::{Settings, World};
use serde_json::{json, Value};

fn world() -> World {
    World::new(Settings::default())
}

fn api_key(w: &mut World, name: &str) -> Value {
    w.call(
        "events:CreateConnection",
        json!({
            "Name": name,
            "AuthorizationType": "API_KEY",
            "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "s3cret"}}
        }),
    )
    .unwrap()
}

#[test]
fn an_api_key_connection_is_authorized_at_once_and_hides_its_secret() {
    let mut w = world();
    let created = api_key(&mut w, "orders-api");
    assert_eq!(created["ConnectionState"], "AUTHORIZED");
    let arn = created["ConnectionArn"].as_str().unwrap();
    assert!(arn.starts_with("arn:aws:events:us-east-1:123456789012:connection/orders-api/"));
    let d = w
        .call("events:DescribeConnection", json!({"Name": "orders-api"}))
        .unwrap();
    assert_eq!(d["AuthorizationType"], "API_KEY");
    assert_eq!(
        d["AuthParameters"],
        json!({"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key"}})
    );
    let secret = d["SecretArn"].as_str().unwrap();
    assert!(secret.starts_with(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/orders-api/"
    ));
    assert!(!d.to_string().contains("s3cret"));
}

#[test]
fn a_connection_name_is_unique_and_a_missing_one_is_not_found() {
    let mut w = world();
    api_key(&mut w, "c");
    let again = w
        .call(
            "events:CreateConnection",
            json!({"Name": "c", "AuthorizationType": "BASIC",
                   "AuthParameters": {"BasicAuthParameters": {"Username": "u", "Password": "p"}}}),
        )
        .unwrap_err();
    assert_eq!(again.code, "ResourceAlreadyExistsException");
    let missing = w
        .call("events:DescribeConnection", json!({"Name": "nope"}))
        .unwrap_err();
    assert_eq!(missing.code, "ResourceNotFoundException");
    assert_eq!(
        missing.message,
        "Failed to describe the connection(s). Connection 'nope' does not exist."
    );
}

#[test]
fn the_authorization_type_needs_its_own_parameters() {
    let mut w = world();
    let e = w
        .call(
            "events:CreateConnection",
            json!({"Name": "c", "AuthorizationType": "BASIC",
                   "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    let e = w
        .call(
            "events:CreateConnection",
            json!({"Name": "bad name", "AuthorizationType": "DIGEST", "AuthParameters": {}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert!(
        e.message.starts_with("2 validation errors detected"),
        "{}",
        e.message
    );
}

#[test]
fn an_oauth_connection_authorizes_with_a_token_from_its_authorization_endpoint() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": "https://auth.example.com/token", "Body": "{\"access_token\":\"tok-1\",\"expires_in\":3600}"}),
    )
    .unwrap();
    let created = w
        .call(
            "events:CreateConnection",
            json!({"Name": "oauth", "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
                   "AuthParameters": {"OAuthParameters": {
                       "ClientParameters": {"ClientID": "id", "ClientSecret": "secret"},
                       "AuthorizationEndpoint": "https://auth.example.com/token",
                       "HttpMethod": "POST",
                       "OAuthHttpParameters": {"BodyParameters": [{"Key": "grant_type", "Value": "client_credentials"}]}
                   }}}),
        )
        .unwrap();
    assert_eq!(created["ConnectionState"], "AUTHORIZING");
    w.run_until_idle();
    let d = w
        .call("events:DescribeConnection", json!({"Name": "oauth"}))
        .unwrap();
    assert_eq!(d["ConnectionState"], "AUTHORIZED");
    assert!(d.get("LastAuthorizedTime").is_some());
    let token_request = &w.endpoints().requests()[0];
    assert_eq!(token_request.method.as_ref(), "POST");
    assert!(token_request.body.contains("client_credentials"));
    assert!(token_request
        .headers
        .iter()
        .any(|(k, v)| k == "Authorization" && v == "Basic aWQ6c2VjcmV0"));
}

#[test]
fn an_oauth_connection_whose_endpoint_refuses_is_deauthorized() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": "https://auth.example.com/token", "Status": 401}),
    )
    .unwrap();
    w.call(
        "events:CreateConnection",
        json!({"Name": "oauth", "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
               "AuthParameters": {"OAuthParameters": {
                   "ClientParameters": {"ClientID": "id", "ClientSecret": "secret"},
                   "AuthorizationEndpoint": "https://auth.example.com/token",
                   "HttpMethod": "POST"}}}),
    )
    .unwrap();
    w.run_until_idle();
    let d = w
        .call("events:DescribeConnection", json!({"Name": "oauth"}))
        .unwrap();
    assert_eq!(d["ConnectionState"], "DEAUTHORIZED");
    assert!(d["StateReason"].as_str().unwrap().contains("401"));
}

#[test]
fn deauthorizing_removes_the_secret_and_updating_authorizes_again() {
    let mut w = world();
    api_key(&mut w, "c");
    let r = w
        .call("events:DeauthorizeConnection", json!({"Name": "c"}))
        .unwrap();
    assert_eq!(r["ConnectionState"], "DEAUTHORIZING");
    let listed = w
        .call(
            "events:ListConnections",
            json!({"ConnectionState": "DEAUTHORIZED"}),
        )
        .unwrap();
    assert_eq!(listed["Connections"][0]["Name"], "c");
    let e = w
        .call("events:UpdateConnection", json!({"Name": "c"}))
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    let r = w
        .call(
            "events:UpdateConnection",
            json!({"Name": "c", "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyValue": "new"}}}),
        )
        .unwrap_err();
    assert_eq!(
        r.code, "ValidationException",
        "the key's name went with the secret"
    );
    let r = w
        .call(
            "events:UpdateConnection",
            json!({"Name": "c", "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "new"}}}),
        )
        .unwrap();
    assert_eq!(r["ConnectionState"], "AUTHORIZED");
    let deleted = w
        .call("events:DeleteConnection", json!({"Name": "c"}))
        .unwrap();
    assert_eq!(deleted["ConnectionState"], "DELETING");
    assert_eq!(
        w.call("events:ListConnections", json!({})).unwrap()["Connections"],
        json!([])
    );
}
