//! A schema inferred from one event, as the discovered-schemas registry
//! writes it: OpenAPI 3 (the registry's form) or JSON Schema draft 4 (what
//! ExportSchema gives). The envelope is `AWSEvent`; the detail and each
//! nested object become components named after their keys in PascalCase;
//! ISO 8601 strings are `date-time`; every key seen is required.

use serde_json::{json, Map, Value};

/// `Order Placed` → `OrderPlaced`; `order-items` → `OrderItems`.
pub fn pascal(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The discovered schema's name: `<source>@<DetailType>`.
pub fn schema_name(event: &Value) -> String {
    let text = |k: &str| event.get(k).and_then(Value::as_str).unwrap_or_default();
    format!("{}@{}", text("source"), pascal(text("detail-type")))
}

fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[..4].iter().all(u8::is_ascii_digit)
}

/// The type of one value; objects go into `components` under a name made from `key`.
fn type_of(key: &str, value: &Value, components: &mut Map<String, Value>, refs: &str) -> Value {
    match value {
        Value::String(s) if is_date_time(s) => json!({"type": "string", "format": "date-time"}),
        Value::String(_) => json!({"type": "string"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Null => json!({"type": "object"}),
        Value::Array(items) => match items.first() {
            Some(first) => json!({"type": "array", "items": type_of(key, first, components, refs)}),
            None => json!({"type": "array", "items": {"type": "object"}}),
        },
        Value::Object(fields) => {
            let mut name = pascal(key);
            if name.is_empty() {
                name = "Object".into();
            }
            let object = object_of(fields, components, refs);
            components.insert(name.clone(), object);
            json!({"$ref": format!("{refs}{name}")})
        }
    }
}

fn object_of(
    fields: &Map<String, Value>,
    components: &mut Map<String, Value>,
    refs: &str,
) -> Value {
    let mut required: Vec<&String> = fields.keys().collect();
    required.sort();
    let mut properties = Map::new();
    let mut keys: Vec<&String> = fields.keys().collect();
    keys.sort();
    for key in keys {
        properties.insert(key.clone(), type_of(key, &fields[key], components, refs));
    }
    json!({"type": "object", "required": required, "properties": properties})
}

/// The OpenAPI 3 document for an event.
pub fn openapi(event: &Value) -> Value {
    let detail_type = event
        .get("detail-type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let source = event
        .get("source")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let title = pascal(detail_type);
    let refs = "#/components/schemas/";
    let mut components = Map::new();
    let detail = event.get("detail").cloned().unwrap_or(json!({}));
    let detail_fields = detail.as_object().cloned().unwrap_or_default();
    let detail_object = object_of(&detail_fields, &mut components, refs);
    let detail_name = if title.is_empty() {
        "Detail".to_string()
    } else {
        title.clone()
    };
    components.insert(detail_name.clone(), detail_object);
    let mut envelope = Map::new();
    envelope.insert("type".into(), json!("object"));
    envelope.insert(
        "required".into(),
        json!([
            "detail-type",
            "resources",
            "detail",
            "id",
            "source",
            "time",
            "region",
            "version",
            "account"
        ]),
    );
    envelope.insert("x-amazon-events-detail-type".into(), json!(detail_type));
    envelope.insert("x-amazon-events-source".into(), json!(source));
    envelope.insert(
        "properties".into(),
        json!({
            "detail": {"$ref": format!("{refs}{detail_name}")},
            "account": {"type": "string"},
            "detail-type": {"type": "string"},
            "id": {"type": "string"},
            "region": {"type": "string"},
            "resources": {"type": "array", "items": {"type": "string"}},
            "source": {"type": "string"},
            "time": {"type": "string", "format": "date-time"},
            "version": {"type": "string"}
        }),
    );
    let mut schemas = Map::new();
    schemas.insert("AWSEvent".into(), Value::Object(envelope));
    schemas.extend(components);
    json!({
        "openapi": "3.0.0",
        "info": {"version": "1.0.0", "title": title},
        "paths": {},
        "components": {"schemas": schemas}
    })
}

/// The same document as JSON Schema draft 4 (ExportSchema's `JSONSchemaDraft4`): the envelope at
/// the top, components under `definitions`.
pub fn json_schema(openapi: &Value) -> Value {
    let text = openapi
        .to_string()
        .replace("#/components/schemas/", "#/definitions/");
    let doc: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let mut schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let envelope = schemas.shift_remove("AWSEvent").unwrap_or(json!({}));
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-04/schema#"),
    );
    out.insert("title".into(), json!("AWSEvent"));
    out.insert("definitions".into(), Value::Object(schemas));
    if let Value::Object(fields) = envelope {
        out.extend(fields);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Value {
        json!({"version": "0", "id": "1", "detail-type": "Order Placed", "source": "shop.orders", "account": "123456789012",
               "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
               "detail": {"orderId": "o-1", "amount": 12.5, "paid": true, "placedAt": "2026-01-01T00:00:00Z",
                          "customer": {"name": "Ada"}, "items": [{"sku": "b-1"}]}})
    }

    #[test]
    fn a_discovered_schema_is_named_source_at_detail_type() {
        assert_eq!(schema_name(&event()), "shop.orders@OrderPlaced");
    }

    #[test]
    fn the_detail_and_nested_objects_become_components() {
        let doc = openapi(&event());
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["AWSEvent"]["properties"]["detail"]["$ref"],
            "#/components/schemas/OrderPlaced"
        );
        assert_eq!(schemas["AWSEvent"]["x-amazon-events-source"], "shop.orders");
        let detail = &schemas["OrderPlaced"];
        assert_eq!(
            detail["required"],
            json!(["amount", "customer", "items", "orderId", "paid", "placedAt"])
        );
        assert_eq!(detail["properties"]["amount"], json!({"type": "number"}));
        assert_eq!(detail["properties"]["placedAt"]["format"], "date-time");
        assert_eq!(
            detail["properties"]["customer"]["$ref"],
            "#/components/schemas/Customer"
        );
        assert_eq!(
            detail["properties"]["items"]["items"]["$ref"],
            "#/components/schemas/Items"
        );
        assert_eq!(
            schemas["Customer"]["properties"]["name"],
            json!({"type": "string"})
        );
    }

    #[test]
    fn json_schema_export_moves_components_to_definitions() {
        let doc = json_schema(&openapi(&event()));
        assert_eq!(doc["$schema"], "http://json-schema.org/draft-04/schema#");
        assert_eq!(
            doc["properties"]["detail"]["$ref"],
            "#/definitions/OrderPlaced"
        );
        assert!(doc["definitions"]["Customer"].is_object());
    }
}
