//! The schema registry, as the EventBridge user guide's "Schema registry" describes it.

use crate::{Settings, World};
use serde_json::{json, Value};

const BUS: &str = "arn:aws:events:us-east-1:123456789012:event-bus/default";

fn put(w: &mut World, detail: Value) {
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop.orders", "DetailType": "Order Placed", "Detail": detail.to_string()}]}),
    )
    .unwrap();
}

#[test]
fn a_discoverer_runs_a_managed_rule_on_its_bus_that_people_cannot_change() {
    let mut w = World::new(Settings::default());
    let d = w
        .call("schemas:CreateDiscoverer", json!({"SourceArn": BUS}))
        .unwrap();
    assert_eq!(d["DiscovererId"], "events-event-bus-default");
    assert_eq!(d["State"], "STARTED");
    let rules = w.call("events:ListRules", json!({})).unwrap();
    assert_eq!(rules["Rules"][0]["ManagedBy"], "schemas.amazonaws.com");
    let name = rules["Rules"][0]["Name"].as_str().unwrap().to_string();
    let e = w
        .call("events:DeleteRule", json!({"Name": name}))
        .unwrap_err();
    assert_eq!(e.code, "ManagedRuleException");
    w.call(
        "schemas:DeleteDiscoverer",
        json!({"DiscovererId": "events-event-bus-default"}),
    )
    .unwrap();
    assert_eq!(
        w.call("events:ListRules", json!({})).unwrap()["Rules"],
        json!([])
    );
}

#[test]
fn discovered_schemas_get_a_new_version_when_the_shape_changes() {
    let mut w = World::new(Settings::default());
    w.call("schemas:CreateDiscoverer", json!({"SourceArn": BUS}))
        .unwrap();
    put(&mut w, json!({"orderId": "o-1", "amount": 10}));
    put(&mut w, json!({"orderId": "o-2", "amount": 20}));
    let list = w
        .call(
            "schemas:ListSchemas",
            json!({"RegistryName": "discovered-schemas"}),
        )
        .unwrap();
    assert_eq!(list["Schemas"][0]["SchemaName"], "shop.orders@OrderPlaced");
    assert_eq!(list["Schemas"][0]["VersionCount"], 1);
    put(
        &mut w,
        json!({"orderId": "o-3", "amount": 30, "coupon": "SPRING"}),
    );
    let versions = w
        .call(
            "schemas:ListSchemaVersions",
            json!({"RegistryName": "discovered-schemas", "SchemaName": "shop.orders@OrderPlaced"}),
        )
        .unwrap();
    assert_eq!(versions["SchemaVersions"].as_array().unwrap().len(), 2);
    let described = w
        .call(
            "schemas:DescribeSchema",
            json!({"RegistryName": "discovered-schemas", "SchemaName": "shop.orders@OrderPlaced"}),
        )
        .unwrap();
    assert_eq!(described["SchemaVersion"], "2");
    assert_eq!(described["Type"], "OpenApi3");
    let doc: Value = serde_json::from_str(described["Content"].as_str().unwrap()).unwrap();
    assert!(doc["components"]["schemas"]["OrderPlaced"]["properties"]["coupon"].is_object());
    let exported = w
        .call(
            "schemas:ExportSchema",
            json!({"RegistryName": "discovered-schemas", "SchemaName": "shop.orders@OrderPlaced", "SchemaVersion": "1", "Type": "JSONSchemaDraft4"}),
        )
        .unwrap();
    let doc: Value = serde_json::from_str(exported["Content"].as_str().unwrap()).unwrap();
    assert_eq!(doc["$schema"], "http://json-schema.org/draft-04/schema#");
    assert!(doc["definitions"]["OrderPlaced"]["properties"]["coupon"].is_null());
}

#[test]
fn a_stopped_discoverer_discovers_nothing() {
    let mut w = World::new(Settings::default());
    w.call("schemas:CreateDiscoverer", json!({"SourceArn": BUS}))
        .unwrap();
    w.call(
        "schemas:StopDiscoverer",
        json!({"DiscovererId": "events-event-bus-default"}),
    )
    .unwrap();
    put(&mut w, json!({"orderId": "o-1"}));
    let list = w
        .call(
            "schemas:ListSchemas",
            json!({"RegistryName": "discovered-schemas"}),
        )
        .unwrap();
    assert_eq!(list["Schemas"], json!([]));
}

#[test]
fn custom_registries_hold_schemas_written_by_hand() {
    let mut w = World::new(Settings::default());
    w.call("schemas:CreateRegistry", json!({"RegistryName": "shop"}))
        .unwrap();
    let e = w
        .call("schemas:CreateRegistry", json!({"RegistryName": "shop"}))
        .unwrap_err();
    assert_eq!(e.code, "ConflictException");
    let made = w
        .call(
            "schemas:CreateSchema",
            json!({"RegistryName": "shop", "SchemaName": "Order", "Type": "JSONSchemaDraft4", "Content": "{\"type\": \"object\"}"}),
        )
        .unwrap();
    assert_eq!(made["SchemaVersion"], "1");
    assert!(made.get("Content").is_none());
    let e = w
        .call(
            "schemas:DescribeSchema",
            json!({"RegistryName": "nope", "SchemaName": "Order"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "NotFoundException");
}
