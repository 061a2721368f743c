//! A seeded workload for benchmarks (native here, and in the browser): rules
//! of mixed operators, the way a busy event bus has them (most filter on a
//! `source` and `detail-type`, then on details with prefixes, numeric ranges,
//! anything-but, exists, IP ranges, wildcards and `$or`), and realistic
//! events of about 1 KB. No `rand`: a xorshift generator, so the same seed
//! gives the same rules and events everywhere.

use serde_json::{json, Value};

/// xorshift64*: small, fast, good enough for workloads.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub const SOURCES: usize = 40;
const DETAIL_TYPES: &[&str] = &[
    "Order Placed",
    "Order Shipped",
    "Order Cancelled",
    "Payment Captured",
    "Payment Failed",
    "Customer Created",
    "Inventory Low",
    "Refund Issued",
];
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
];
const STATUSES: &[&str] = &[
    "pending",
    "confirmed",
    "packed",
    "shipped",
    "delivered",
    "cancelled",
];
const TIERS: &[&str] = &["free", "silver", "gold", "platinum"];
const CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "JPY", "AUD"];
const DOMAINS: &[&str] = &["example.com", "mail.test", "corp.example", "shop.io"];
const CHANNELS: &[&str] = &["web", "mobile", "store", "partner"];

fn source(i: usize) -> String {
    format!("com.shop.service{i:02}")
}

/// One event of about 1 KB, shaped like an EventBridge event.
pub fn event(rng: &mut Rng) -> Value {
    let n_items = 1 + rng.below(3);
    let items: Vec<Value> = (0..n_items)
        .map(|k| {
            json!({
                "sku": format!("SKU-{:05}", rng.below(20_000)),
                "quantity": 1 + rng.below(5),
                "price": (rng.below(50_000) as f64) / 100.0,
                "line": k
            })
        })
        .collect();
    let tier = *rng.pick(TIERS);
    json!({
        "version": "0",
        "id": format!("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", rng.next_u64() as u32, rng.below(65536), rng.below(65536), rng.below(65536), rng.next_u64() & 0xffff_ffff_ffff),
        "detail-type": *rng.pick(DETAIL_TYPES),
        "source": source(rng.below(SOURCES)),
        "account": "123456789012",
        "time": format!("2026-{:02}-{:02}T{:02}:{:02}:{:02}Z", 1 + rng.below(12), 1 + rng.below(28), rng.below(24), rng.below(60), rng.below(60)),
        "region": *rng.pick(REGIONS),
        "resources": [format!("arn:aws:dynamodb:us-east-1:123456789012:table/orders-{}", rng.below(10))],
        "detail": {
            "orderId": format!("ORD-{:08}", rng.below(100_000_000)),
            "status": *rng.pick(STATUSES),
            "amount": (rng.below(200_000) as f64) / 100.0,
            "currency": *rng.pick(CURRENCIES),
            "channel": *rng.pick(CHANNELS),
            "customer": {
                "id": format!("CUST-{:06}", rng.below(1_000_000)),
                "tier": tier,
                "email": format!("user{}@{}", rng.below(100_000), rng.pick(DOMAINS)),
                "vip": tier == "platinum",
                "country": *rng.pick(&["US", "DE", "FR", "GB", "JP", "AU"])
            },
            "items": items,
            "shipping": {
                "method": *rng.pick(&["standard", "express", "overnight"]),
                "address": {"city": *rng.pick(&["Seattle", "Berlin", "Paris", "London", "Tokyo", "Sydney"]), "postcode": format!("{:05}", rng.below(99_999))}
            },
            "clientIp": format!("10.{}.{}.{}", rng.below(256), rng.below(256), rng.below(256)),
            "discountCode": if rng.below(3) == 0 { Value::Null } else { json!(format!("SAVE{}", rng.below(50))) },
            "tags": [*rng.pick(&["gift", "bulk", "repeat", "first"]), *rng.pick(&["promo", "none"])],
            "requestContext": {
                "userAgent": *rng.pick(&["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", "ShopApp/4.2 (iPhone; iOS 17.4)", "ShopApp/4.1 (Android 14; Pixel 8)"]),
                "sessionId": format!("sess-{:016x}", rng.next_u64()),
                "locale": *rng.pick(&["en-US", "de-DE", "fr-FR", "en-GB", "ja-JP"])
            }
        },
        "metadata": {"traceId": format!("Root=1-{:08x}-{:024x}", rng.next_u64() as u32, rng.next_u64() as u128 * 31), "schemaVersion": 3, "producer": "orders-api"}
    })
}

/// `n` events from `seed`.
pub fn events(seed: u64, n: usize) -> Vec<Value> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| event(&mut rng)).collect()
}

/// One EventBridge pattern, as text.
pub fn rule(rng: &mut Rng) -> String {
    let mut detail = serde_json::Map::new();
    let extra = 1 + rng.below(2);
    for _ in 0..extra {
        match rng.below(10) {
            0 => {
                detail.insert(
                    "status".into(),
                    json!([{"anything-but": [*rng.pick(STATUSES), *rng.pick(STATUSES)]}]),
                );
            }
            1 => {
                let low = rng.below(1500);
                detail.insert(
                    "amount".into(),
                    json!([{"numeric": [">=", low, "<", low + 1 + rng.below(800)]}]),
                );
            }
            2 => {
                detail.insert(
                    "customer".into(),
                    json!({"email": [{"suffix": format!("@{}", rng.pick(DOMAINS))}]}),
                );
            }
            3 => {
                detail.insert(
                    "currency".into(),
                    json!([{"equals-ignore-case": rng.pick(CURRENCIES).to_lowercase()}]),
                );
            }
            4 => {
                detail.insert(
                    "clientIp".into(),
                    json!([{"cidr": format!("10.{}.0.0/16", rng.below(256))}]),
                );
            }
            5 => {
                detail.insert(
                    "discountCode".into(),
                    json!([{"exists": rng.below(2) == 0}]),
                );
            }
            6 => {
                detail.insert(
                    "customer".into(),
                    json!({"tier": [*rng.pick(TIERS), *rng.pick(TIERS)]}),
                );
            }
            7 => {
                detail.insert(
                    "orderId".into(),
                    json!([{"prefix": format!("ORD-{}", rng.below(10))}]),
                );
            }
            8 => {
                detail.insert(
                    "items".into(),
                    json!({"sku": [{"wildcard": format!("SKU-{}*", rng.below(10))}]}),
                );
            }
            _ => {
                detail.insert(
                    "$or".into(),
                    json!([{"channel": [*rng.pick(CHANNELS)]}, {"customer": {"vip": [true]}}]),
                );
            }
        }
    }
    let mut pattern = serde_json::Map::new();
    pattern.insert("source".into(), json!([source(rng.below(SOURCES))]));
    if rng.below(4) != 0 {
        pattern.insert("detail-type".into(), json!([*rng.pick(DETAIL_TYPES)]));
    }
    if rng.below(5) == 0 {
        pattern.insert("region".into(), json!([{"prefix": "eu-"}]));
    }
    pattern.insert("detail".into(), Value::Object(detail));
    Value::Object(pattern).to_string()
}

/// `n` pattern texts from `seed`.
pub fn rules(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| rule(&mut rng)).collect()
}
