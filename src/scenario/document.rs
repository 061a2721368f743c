//! The scenario document and its validation. Every problem is reported with
//! the path of the offending field (`steps[3].advance`), so a person can fix
//! a hand-written scenario without guessing.

use super::settings::ScenarioSettings;
use super::show::{note_field, Show};
use crate::api::ids::{valid_account, valid_region};
use crate::sim::{format_duration, parse_duration, Millis};
use serde_json::{json, Map, Value};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub settings: ScenarioSettings,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    /// A name later steps use to refer to this step's response: `${name.Field[0]}`.
    pub name: Option<String>,
    /// What a reader of the story is told at this step (plain text; the runner ignores it).
    pub note: Option<String>,
    /// What the page selects and opens when the story reaches this step.
    pub show: Option<Show>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepKind {
    Call {
        action: String,
        input: Value,
        /// The account (12 digits) and region the call acts in, when not the scenario's own.
        account: Option<String>,
        region: Option<String>,
    },
    Advance {
        duration: Millis,
    },
    RunIdle,
    /// An AWS SDK waiter (`lambda:FunctionActiveV2`) polling its operation with `input`.
    Wait {
        waiter: String,
        input: Value,
        /// The account and region the waiter's calls act in, as a call step's.
        account: Option<String>,
        region: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Where in the document: `steps[2].call`, `settings.epoch`, or empty for the whole document.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid scenario: {}", self.message)
        } else {
            write!(f, "invalid scenario: {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

pub(super) fn err(path: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError {
        path: path.into(),
        message: message.into(),
    }
}

/// A call or wait step's optional `account` and `region`: who its calls act as.
fn acting_in(
    obj: &Map<String, Value>,
    path: &str,
) -> Result<(Option<String>, Option<String>), ScenarioError> {
    let account = string_field(obj, path, "account")?;
    if let Some(a) = account.as_deref().filter(|a| !valid_account(a)) {
        return Err(err(
            join(path, "account"),
            format!("\"{a}\" is not a 12-digit account id"),
        ));
    }
    let region = string_field(obj, path, "region")?;
    if let Some(r) = region.as_deref().filter(|r| !valid_region(r)) {
        return Err(err(
            join(path, "region"),
            format!("\"{r}\" is not a region name like us-east-1"),
        ));
    }
    Ok((account, region))
}

/// Writes a step's `account` and `region` back, when it has them.
fn insert_acting_in(
    obj: &mut Map<String, Value>,
    account: &Option<String>,
    region: &Option<String>,
) {
    if let Some(a) = account {
        obj.insert("account".into(), Value::from(a.clone()));
    }
    if let Some(r) = region {
        obj.insert("region".into(), Value::from(r.clone()));
    }
}

/// A step's `input`: an object, `{}` when absent.
fn input_field(obj: &Map<String, Value>, path: &str) -> Result<Value, ScenarioError> {
    match obj.get("input") {
        None => Ok(json!({})),
        Some(v @ Value::Object(_)) => Ok(v.clone()),
        Some(other) => Err(err(
            join(path, "input"),
            format!("must be an object, not {}", kind_of(other)),
        )),
    }
}

pub(super) fn check_keys(
    obj: &Map<String, Value>,
    path: &str,
    allowed: &[&str],
) -> Result<(), ScenarioError> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => {
            let at = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            Err(err(
                at,
                format!("unknown field; expected one of {}", allowed.join(", ")),
            ))
        }
    }
}

pub(super) fn string_field(
    obj: &Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<Option<String>, ScenarioError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(err(
            join(path, key),
            format!("must be a string, not {}", kind_of(other)),
        )),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub(super) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `service:Action`: a lowercase service prefix and a PascalCase action.
fn valid_action(action: &str) -> bool {
    action.split_once(':').is_some_and(|(service, op)| {
        !service.is_empty()
            && service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && op.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && op.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

fn valid_step_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Scenario {
    /// An empty scenario with default settings.
    pub fn new(name: impl Into<String>) -> Self {
        Scenario {
            name: name.into(),
            description: String::new(),
            settings: ScenarioSettings::default(),
            steps: Vec::new(),
        }
    }

    pub fn from_json_str(text: &str) -> Result<Self, ScenarioError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| err("", format!("not valid JSON ({e})")))?;
        Self::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Self, ScenarioError> {
        let obj = value.as_object().ok_or_else(|| {
            err(
                "",
                format!("the document must be a JSON object, not {}", kind_of(value)),
            )
        })?;
        check_keys(obj, "", &["name", "description", "settings", "steps"])?;
        let name = string_field(obj, "", "name")?
            .ok_or_else(|| err("name", "required: the scenario's name"))?;
        let description = string_field(obj, "", "description")?.unwrap_or_default();
        let settings = match obj.get("settings") {
            None => ScenarioSettings::default(),
            Some(v) => ScenarioSettings::from_value(v)?,
        };
        let steps = match obj.get("steps") {
            None => {
                return Err(err(
                    "steps",
                    "required: an array of steps (it may be empty)",
                ))
            }
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, s)| Step::from_value(s, &format!("steps[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
            Some(other) => {
                return Err(err(
                    "steps",
                    format!("must be an array, not {}", kind_of(other)),
                ))
            }
        };
        let mut seen = std::collections::HashSet::new();
        for (i, step) in steps.iter().enumerate() {
            if let Some(name) = &step.name {
                if !seen.insert(name.as_str()) {
                    return Err(err(
                        format!("steps[{i}].as"),
                        format!("the name \"{name}\" is already used by an earlier step"),
                    ));
                }
            }
        }
        Ok(Scenario {
            name,
            description,
            settings,
            steps,
        })
    }

    pub fn to_value(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("name".into(), Value::from(self.name.clone()));
        if !self.description.is_empty() {
            obj.insert("description".into(), Value::from(self.description.clone()));
        }
        let settings = self.settings.to_value();
        if settings.as_object().is_some_and(|o| !o.is_empty()) {
            obj.insert("settings".into(), settings);
        }
        obj.insert(
            "steps".into(),
            Value::Array(self.steps.iter().map(Step::to_value).collect()),
        );
        Value::Object(obj)
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }
}

impl Step {
    pub fn call(action: impl Into<String>, input: Value) -> Self {
        Step {
            kind: StepKind::Call {
                action: action.into(),
                input,
                account: None,
                region: None,
            },
            name: None,
            note: None,
            show: None,
        }
    }

    pub fn advance(duration: Millis) -> Self {
        Step {
            kind: StepKind::Advance { duration },
            name: None,
            note: None,
            show: None,
        }
    }

    pub fn wait(waiter: impl Into<String>, input: Value) -> Self {
        Step {
            kind: StepKind::Wait {
                waiter: waiter.into(),
                input,
                account: None,
                region: None,
            },
            name: None,
            note: None,
            show: None,
        }
    }

    /// The same step with a note for the story's reader.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    fn from_value(value: &Value, path: &str) -> Result<Self, ScenarioError> {
        let obj = value.as_object().ok_or_else(|| {
            err(
                path,
                format!("a step must be an object, not {}", kind_of(value)),
            )
        })?;
        let kinds: Vec<&str> = ["call", "advance", "run", "wait"]
            .into_iter()
            .filter(|k| obj.contains_key(*k))
            .collect();
        let kind = match kinds.as_slice() {
            [one] => *one,
            [] => {
                return Err(err(
                    path,
                    "a step needs one of \"call\", \"advance\", \"run\" or \"wait\"",
                ))
            }
            many => {
                return Err(err(
                    path,
                    format!(
                        "a step has exactly one kind, but this one has {}",
                        many.join(" and ")
                    ),
                ))
            }
        };
        let name = string_field(obj, path, "as")?;
        if let Some(n) = name.as_deref().filter(|n| !valid_step_name(n)) {
            return Err(err(
                join(path, "as"),
                format!(
                    "\"{n}\" is not a name: use letters, digits, _ and -, starting with a letter"
                ),
            ));
        }
        let kind = match kind {
            "call" => {
                check_keys(
                    obj,
                    path,
                    &["call", "input", "as", "account", "region", "note", "show"],
                )?;
                let action = string_field(obj, path, "call")?.unwrap_or_default();
                if !valid_action(&action) {
                    return Err(err(
                        join(path, "call"),
                        format!("\"{action}\" is not an action like \"sqs:SendMessage\""),
                    ));
                }
                let input = input_field(obj, path)?;
                let (account, region) = acting_in(obj, path)?;
                StepKind::Call {
                    action,
                    input,
                    account,
                    region,
                }
            }
            "wait" => {
                check_keys(
                    obj,
                    path,
                    &["wait", "input", "as", "account", "region", "note", "show"],
                )?;
                let waiter = string_field(obj, path, "wait")?.unwrap_or_default();
                if super::waiters::find(&waiter).is_none() {
                    return Err(err(
                        join(path, "wait"),
                        format!(
                            "\"{waiter}\" is not a waiter of a simulated service; there are {}",
                            super::waiters::names().join(", ")
                        ),
                    ));
                }
                let input = input_field(obj, path)?;
                let (account, region) = acting_in(obj, path)?;
                StepKind::Wait {
                    waiter,
                    input,
                    account,
                    region,
                }
            }
            "advance" => {
                check_keys(obj, path, &["advance", "as", "note", "show"])?;
                let text = string_field(obj, path, "advance")?.unwrap_or_default();
                let duration = parse_duration(&text).ok_or_else(|| {
                    err(join(path, "advance"), format!("\"{text}\" is not a duration: a whole number and one of ms, s, m, h, d (\"31s\", \"4d\")"))
                })?;
                StepKind::Advance { duration }
            }
            _ => {
                check_keys(obj, path, &["run", "as", "note", "show"])?;
                match obj.get("run") {
                    Some(Value::String(s)) if s == "idle" => StepKind::RunIdle,
                    _ => {
                        return Err(err(
                            join(path, "run"),
                            "the only run step is {\"run\": \"idle\"}",
                        ))
                    }
                }
            }
        };
        let note = note_field(obj, path)?;
        let show = match obj.get("show") {
            None => None,
            Some(v) => Some(Show::from_value(v, &join(path, "show"))?),
        };
        Ok(Step {
            kind,
            name,
            note,
            show,
        })
    }

    pub fn to_value(&self) -> Value {
        let mut obj = Map::new();
        match &self.kind {
            StepKind::Call {
                action,
                input,
                account,
                region,
            } => {
                obj.insert("call".into(), Value::from(action.clone()));
                obj.insert("input".into(), input.clone());
                insert_acting_in(&mut obj, account, region);
            }
            StepKind::Advance { duration } => {
                obj.insert("advance".into(), Value::from(format_duration(*duration)));
            }
            StepKind::RunIdle => {
                obj.insert("run".into(), Value::from("idle"));
            }
            StepKind::Wait {
                waiter,
                input,
                account,
                region,
            } => {
                obj.insert("wait".into(), Value::from(waiter.clone()));
                obj.insert("input".into(), input.clone());
                insert_acting_in(&mut obj, account, region);
            }
        }
        if let Some(n) = &self.name {
            obj.insert("as".into(), Value::from(n.clone()));
        }
        if let Some(n) = &self.note {
            obj.insert("note".into(), Value::from(n.clone()));
        }
        if let Some(s) = &self.show {
            obj.insert("show".into(), s.to_value());
        }
        Value::Object(obj)
    }
}
