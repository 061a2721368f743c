//! Property: the matcher, and each pattern alone, give the same answers as a
//! direct and obviously correct reading of the pattern's JSON against the
//! event's JSON (written here, independently of the engine).

use crate::pattern::{Dialect, Matcher, Pattern};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

// ---- The reference evaluator -------------------------------------------

/// A branch: (dotted name, the conditions of that field).
type RefBranch = Vec<(String, Vec<Value>)>;

fn branches(pattern: &Map<String, Value>, prefix: &str, acc: Vec<RefBranch>) -> Vec<RefBranch> {
    let mut acc = acc;
    for (key, value) in pattern {
        if key == "$or" {
            let mut out = Vec::new();
            for alt in value.as_array().into_iter().flatten() {
                if let Value::Object(o) = alt {
                    out.extend(branches(o, prefix, acc.clone()));
                }
            }
            acc = out;
            continue;
        }
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(o) => acc = branches(o, &name, acc),
            Value::Array(conds) => {
                for b in acc.iter_mut() {
                    b.retain(|(n, _)| *n != name);
                    b.push((name.clone(), conds.clone()));
                }
            }
            _ => {}
        }
    }
    acc
}

/// (dotted name, value, the (array, index) pairs it sits in).
type RefLeaf = (String, Value, Vec<(usize, usize)>);

fn leaves(
    v: &Value,
    name: &str,
    members: &mut Vec<(usize, usize)>,
    next: &mut usize,
    out: &mut Vec<RefLeaf>,
) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                let n = if name.is_empty() {
                    k.clone()
                } else {
                    format!("{name}.{k}")
                };
                leaves(child, &n, members, next, out);
            }
        }
        Value::Array(items) => {
            let id = *next;
            *next += 1;
            for (i, item) in items.iter().enumerate() {
                members.push((id, i));
                leaves(item, name, members, next, out);
                members.pop();
            }
        }
        scalar => out.push((name.to_string(), scalar.clone(), members.clone())),
    }
}

fn wild(p: &[char], s: &[char]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some('*') => (0..=s.len()).any(|k| wild(&p[1..], &s[k..])),
        Some('\\') if p.len() > 1 => s.first() == Some(&p[1]) && wild(&p[2..], &s[1..]),
        Some(c) => s.first() == Some(c) && wild(&p[1..], &s[1..]),
    }
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn cond_ok(c: &Value, v: &Value) -> bool {
    let s = v.as_str();
    match c {
        Value::Object(o) => {
            let (op, arg) = o.iter().next().expect("one key");
            match op.as_str() {
                "prefix" => match arg {
                    Value::String(p) => s.is_some_and(|s| s.starts_with(p.as_str())),
                    _ => {
                        let p = arg["equals-ignore-case"]
                            .as_str()
                            .unwrap_or("")
                            .to_lowercase();
                        s.is_some_and(|s| s.to_lowercase().starts_with(&p))
                    }
                },
                "suffix" => match arg {
                    Value::String(p) => s.is_some_and(|s| s.ends_with(p.as_str())),
                    _ => {
                        let p = arg["equals-ignore-case"]
                            .as_str()
                            .unwrap_or("")
                            .to_lowercase();
                        s.is_some_and(|s| s.to_lowercase().ends_with(&p))
                    }
                },
                "equals-ignore-case" => {
                    s.is_some_and(|s| s.to_lowercase() == arg.as_str().unwrap_or("").to_lowercase())
                }
                "wildcard" => s.is_some_and(|s| {
                    let p: Vec<char> = arg.as_str().unwrap_or("").chars().collect();
                    let s: Vec<char> = s.chars().collect();
                    wild(&p, &s)
                }),
                "exists" => arg.as_bool() == Some(true),
                "cidr" => in_block(v, arg.as_str().unwrap_or("")),
                "numeric" => {
                    let Some(x) = num(v).filter(|_| v.is_number()) else {
                        return false;
                    };
                    let terms = arg.as_array().expect("array");
                    terms.chunks(2).all(|t| {
                        let bound = t[1].as_f64().unwrap_or(0.0);
                        match t[0].as_str().unwrap_or("") {
                            ">" => x > bound,
                            ">=" => x >= bound,
                            "<" => x < bound,
                            "<=" => x <= bound,
                            _ => x == bound,
                        }
                    })
                }
                "anything-but" => match arg {
                    Value::Object(inner) => {
                        let (kind, list) = inner.iter().next().expect("one key");
                        let list: Vec<String> = match list {
                            Value::Array(a) => a
                                .iter()
                                .map(|x| x.as_str().unwrap_or("").to_string())
                                .collect(),
                            x => vec![x.as_str().unwrap_or("").to_string()],
                        };
                        let Some(s) = s else { return true };
                        !list.iter().any(|p| match kind.as_str() {
                            "prefix" => s.starts_with(p.as_str()),
                            "suffix" => s.ends_with(p.as_str()),
                            _ => s.to_lowercase() == p.to_lowercase(),
                        })
                    }
                    Value::Array(list) => !list.iter().any(|x| same(x, v)),
                    x => !same(x, v),
                },
                other => panic!("operator {other} not generated"),
            }
        }
        exact => same(exact, v),
    }
}

fn ip(v: &Value) -> Option<std::net::IpAddr> {
    let s = v.as_str()?;
    if !(s.contains('.') || s.contains(':')) {
        return None;
    }
    match s.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V6(a) => Some(
            a.to_ipv4_mapped()
                .map(std::net::IpAddr::V4)
                .unwrap_or(std::net::IpAddr::V6(a)),
        ),
        v4 => Some(v4),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => match (ip(a), ip(b)) {
            (Some(x), Some(y)) => x == y,
            (Some(_), None) => false,
            _ => a == b,
        },
    }
}

fn in_block(v: &Value, block: &str) -> bool {
    let (base, bits) = block.split_once('/').expect("cidr");
    let bits: u32 = bits.parse().expect("bits");
    match (ip(v), base.parse::<std::net::Ipv4Addr>()) {
        (Some(std::net::IpAddr::V4(a)), Ok(b)) => {
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            (u32::from(a) & mask) == (u32::from(b) & mask) && u32::from(a) >= u32::from(b)
        }
        _ => false,
    }
}

fn is_absent(c: &Value) -> bool {
    c == &json!({"exists": false})
}

fn reference(pattern: &Value, event: &Value) -> bool {
    let Value::Object(p) = pattern else {
        return false;
    };
    if !event.is_object() {
        return false;
    }
    let mut all = Vec::new();
    leaves(event, "", &mut Vec::new(), &mut 0, &mut all);
    'branch: for branch in branches(p, "", vec![Vec::new()]) {
        // For each field, the leaves that could satisfy it (None: absent is fine).
        let mut choices: Vec<Vec<Option<&RefLeaf>>> = Vec::new();
        for (name, conds) in &branch {
            let present: Vec<&RefLeaf> = all.iter().filter(|l| l.0 == *name).collect();
            let mut options: Vec<Option<&RefLeaf>> = present
                .iter()
                .filter(|l| conds.iter().any(|c| !is_absent(c) && cond_ok(c, &l.1)))
                .map(|l| Some(*l))
                .collect();
            if present.is_empty() && conds.iter().any(is_absent) {
                options.push(None);
            }
            if options.is_empty() {
                continue 'branch;
            }
            choices.push(options);
        }
        // Try every combination for one whose array elements agree.
        let mut idx = vec![0usize; choices.len()];
        loop {
            let picked: Vec<&RefLeaf> = idx
                .iter()
                .zip(&choices)
                .filter_map(|(&i, c)| c[i])
                .collect();
            let ok = picked.iter().enumerate().all(|(i, a)| {
                picked[i + 1..].iter().all(|b| {
                    a.2.iter()
                        .all(|(arr, ix)| b.2.iter().all(|(arr2, ix2)| arr != arr2 || ix == ix2))
                })
            });
            if ok {
                return true;
            }
            let mut k = 0;
            loop {
                if k == idx.len() {
                    continue 'branch;
                }
                idx[k] += 1;
                if idx[k] < choices[k].len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
        }
    }
    false
}

// ---- Generators --------------------------------------------------------

const NAMES: &[&str] = &["a", "b", "c", "c.d"];
const WORDS: &[&str] = &["x", "y", "xy", "Xy", "yx", ""];

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_string)
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        word().prop_map(Value::from),
        (0i64..5).prop_map(Value::from),
        Just(json!(2.5)),
        Just(Value::Bool(true)),
        Just(Value::Null),
        prop::sample::select(
            &[
                "10.0.0.1",
                "10.1.2.3",
                "::1",
                "0:0:0:0:0:0:0:1",
                "192.168.0.1"
            ][..]
        )
        .prop_map(Value::from),
    ]
}

fn condition() -> impl Strategy<Value = Value> {
    prop_oneof![
        scalar(),
        word().prop_map(|w| json!({"prefix": w})),
        word().prop_map(|w| json!({"suffix": w})),
        word().prop_map(|w| json!({"prefix": {"equals-ignore-case": w}})),
        word().prop_map(|w| json!({"suffix": {"equals-ignore-case": w}})),
        word().prop_map(|w| json!({"equals-ignore-case": w})),
        prop::sample::select(&["x*", "*y", "*", "x*y", "*x*"][..])
            .prop_map(|w| json!({"wildcard": w})),
        word().prop_map(|w| json!({"anything-but": w})),
        prop::collection::vec(0i64..5, 1..3).prop_map(|l| json!({"anything-but": l})),
        prop::sample::select(&["x", "y"][..]).prop_map(|w| json!({"anything-but": {"prefix": w}})),
        prop::sample::select(&["x", "y"][..]).prop_map(|w| json!({"anything-but": {"suffix": w}})),
        word().prop_map(|w| json!({"anything-but": {"equals-ignore-case": [w]}})),
        (0i64..4).prop_map(|n| json!({"numeric": [">", n]})),
        (0i64..3, 1i64..3).prop_map(|(lo, w)| json!({"numeric": [">=", lo, "<", lo + w]})),
        (0i64..4).prop_map(|n| json!({"numeric": ["=", n]})),
        any::<bool>().prop_map(|b| json!({"exists": b})),
        prop::sample::select(&["10.0.0.0/8", "10.0.0.0/24", "192.168.0.0/16"][..])
            .prop_map(|c| json!({"cidr": c})),
    ]
}

fn field_conds() -> impl Strategy<Value = Value> {
    prop::collection::vec(condition(), 1..3).prop_map(Value::from)
}

fn pattern_object(depth: u32) -> BoxedStrategy<Map<String, Value>> {
    let leaf = (prop::sample::select(NAMES), field_conds());
    let nested = if depth == 0 {
        leaf.prop_map(|(k, v)| (k.to_string(), v)).boxed()
    } else {
        prop_oneof![
            3 => leaf.prop_map(|(k, v)| (k.to_string(), v)),
            1 => (prop::sample::select(NAMES), pattern_object(depth - 1))
                .prop_map(|(k, o)| (k.to_string(), Value::Object(o))),
            1 => prop::collection::vec(pattern_object(depth - 1), 2..3)
                .prop_map(|alts| ("$or".to_string(), Value::from(alts.into_iter().map(Value::Object).collect::<Vec<_>>()))),
        ]
        .boxed()
    };
    prop::collection::vec(nested, 1..4)
        .prop_map(|fields| fields.into_iter().collect::<Map<String, Value>>())
        .boxed()
}

fn event_value(depth: u32) -> BoxedStrategy<Value> {
    if depth == 0 {
        return scalar().boxed();
    }
    prop_oneof![
        4 => scalar(),
        1 => prop::collection::vec(scalar(), 0..3).prop_map(Value::from),
        1 => event_object(depth - 1).prop_map(Value::Object),
        1 => prop::collection::vec(event_object(depth - 1).prop_map(Value::Object), 1..3).prop_map(Value::from),
    ]
    .boxed()
}

fn event_object(depth: u32) -> BoxedStrategy<Map<String, Value>> {
    prop::collection::vec((prop::sample::select(NAMES), event_value(depth)), 0..4)
        .prop_map(|fields| {
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect()
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn the_matcher_agrees_with_a_direct_reading_of_every_pattern(
        patterns in prop::collection::vec(pattern_object(2), 1..8),
        events in prop::collection::vec(event_object(2), 1..6),
    ) {
        let mut matcher = Matcher::new();
        let mut parsed = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let text = Value::Object(p.clone()).to_string();
            if let Ok(pat) = Pattern::parse(&text, Dialect::EventBridge) {
                matcher.add(i, &pat);
                parsed.push((i, Value::Object(p.clone()), pat));
            }
        }
        for e in &events {
            let event = Value::Object(e.clone());
            let expected: Vec<usize> = parsed
                .iter()
                .filter(|(_, json, _)| reference(json, &event))
                .map(|(i, _, _)| *i)
                .collect();
            for (i, json, pat) in &parsed {
                prop_assert_eq!(pat.matches(&event), expected.contains(i),
                    "pattern {} event {}", json, event);
                prop_assert_eq!(pat.explain(&event).is_ok(), expected.contains(i));
            }
            prop_assert_eq!(matcher.matching(&event), expected, "event {}", event);
        }
    }

    #[test]
    fn removing_rules_leaves_the_others_answering_the_same(
        patterns in prop::collection::vec(pattern_object(1), 2..8),
        events in prop::collection::vec(event_object(2), 1..4),
        drop_mask in any::<u8>(),
    ) {
        let mut matcher = Matcher::new();
        let mut kept = Matcher::new();
        for (i, p) in patterns.iter().enumerate() {
            let text = Value::Object(p.clone()).to_string();
            if let Ok(pat) = Pattern::parse(&text, Dialect::EventBridge) {
                matcher.add(i, &pat);
                if drop_mask & (1 << (i % 8)) == 0 {
                    kept.add(i, &pat);
                }
            }
        }
        for i in 0..patterns.len() {
            if drop_mask & (1 << (i % 8)) != 0 {
                matcher.remove(&i);
            }
        }
        prop_assert_eq!(matcher.len(), kept.len());
        for e in &events {
            let event = Value::Object(e.clone());
            prop_assert_eq!(matcher.matching(&event), kept.matching(&event));
        }
    }
}
