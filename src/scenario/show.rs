//! What a step of a story points at: its `note` (plain text for the reader)
//! and its `show` (the queue or function to select, the inspector tab to open
//! on it, the dock tab to bring forward). Both are for people: the runner
//! ignores them, and the page applies `show` when it reaches the step. The tab
//! ids are the inspector's own (`src/web/queue_panel.rs`, `function_panel.rs`)
//! and the dock's (`src/web/dock.rs`); a test here keeps the lists in step.

use super::document::{check_keys, err, kind_of, string_field, ScenarioError};
use serde_json::{Map, Value};

/// The queue inspector's tab ids, the live view first.
pub const QUEUE_TABS: &[&str] = &[
    "messages",
    "send",
    "consumers",
    "configuration",
    "monitoring",
    "cost",
];

/// The function inspector's tab ids, the code first.
pub const FUNCTION_TABS: &[&str] = &[
    "code",
    "test",
    "triggers",
    "configuration",
    "monitoring",
    "cost",
];

/// The event bus inspector's tab ids, the PutEvents composer first.
pub const BUS_TABS: &[&str] = &["send", "rules", "archives", "schemas", "details"];

/// The rule inspector's tab ids, the pattern editor first.
pub const RULE_TABS: &[&str] = &["pattern", "test", "targets", "details"];

/// The bottom dock's tab ids.
pub const DOCK_TABS: &[&str] = &["timeline", "logs"];

/// The longest note a step may carry, in characters: a few short paragraphs.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Where the page looks when a story reaches a step.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Show {
    /// The queue or function (by name) to select.
    pub resource: Option<String>,
    /// The inspector tab to open on it: one of `QUEUE_TABS` or `FUNCTION_TABS`.
    pub tab: Option<String>,
    /// The dock tab to bring forward: one of `DOCK_TABS`.
    pub dock: Option<String>,
}

impl Show {
    /// The tab ids `tab` may name for a resource of `kind` ("queue" or "function").
    pub fn tabs_of(kind: &str) -> &'static [&'static str] {
        match kind {
            "queue" => QUEUE_TABS,
            "function" => FUNCTION_TABS,
            "bus" => BUS_TABS,
            "rule" => RULE_TABS,
            _ => &[],
        }
    }

    /// `tab` as the static id of `kind`'s tab list, when it is one of them.
    pub fn tab_for(&self, kind: &str) -> Option<&'static str> {
        let tab = self.tab.as_deref()?;
        Self::tabs_of(kind).iter().copied().find(|t| *t == tab)
    }

    /// `dock` as the static id of the dock's tab, when given.
    pub fn dock_tab(&self) -> Option<&'static str> {
        let dock = self.dock.as_deref()?;
        DOCK_TABS.iter().copied().find(|t| *t == dock)
    }

    pub(super) fn from_value(value: &Value, path: &str) -> Result<Self, ScenarioError> {
        let obj = value.as_object().ok_or_else(|| {
            err(
                path,
                format!(
                    "must be an object like {{\"resource\": \"orders\", \"tab\": \"messages\"}}, not {}",
                    kind_of(value)
                ),
            )
        })?;
        check_keys(obj, path, &["resource", "tab", "dock"])?;
        let resource = string_field(obj, path, "resource")?;
        if resource.as_deref().is_some_and(|r| r.trim().is_empty()) {
            return Err(err(
                format!("{path}.resource"),
                "must name a queue, a function, an event bus or a rule",
            ));
        }
        let tab = string_field(obj, path, "tab")?;
        if let Some(t) = &tab {
            let kinds = [QUEUE_TABS, FUNCTION_TABS, BUS_TABS, RULE_TABS];
            if !kinds.iter().any(|tabs| tabs.contains(&t.as_str())) {
                return Err(err(
                    format!("{path}.tab"),
                    format!(
                        "\"{t}\" is not an inspector tab: a queue has {}; a function has {}; an event bus has {}; a rule has {}",
                        QUEUE_TABS.join(", "),
                        FUNCTION_TABS.join(", "),
                        BUS_TABS.join(", "),
                        RULE_TABS.join(", ")
                    ),
                ));
            }
            if resource.is_none() {
                return Err(err(
                    format!("{path}.tab"),
                    "needs show.resource: the queue or function whose tab to open",
                ));
            }
        }
        let dock = string_field(obj, path, "dock")?;
        if let Some(d) = dock.as_deref().filter(|d| !DOCK_TABS.contains(d)) {
            return Err(err(
                format!("{path}.dock"),
                format!(
                    "\"{d}\" is not a dock tab; there are {}",
                    DOCK_TABS.join(", ")
                ),
            ));
        }
        if resource.is_none() && dock.is_none() {
            return Err(err(
                path,
                "says nothing to show: give resource (and tab), or dock",
            ));
        }
        Ok(Show {
            resource,
            tab,
            dock,
        })
    }

    pub(super) fn to_value(&self) -> Value {
        let mut obj = Map::new();
        for (key, value) in [
            ("resource", &self.resource),
            ("tab", &self.tab),
            ("dock", &self.dock),
        ] {
            if let Some(v) = value {
                obj.insert(key.into(), Value::from(v.clone()));
            }
        }
        Value::Object(obj)
    }
}

/// A step's `note`: a string of at most `MAX_NOTE_CHARS` characters; blank is none.
pub(super) fn note_field(
    obj: &Map<String, Value>,
    path: &str,
) -> Result<Option<String>, ScenarioError> {
    let Some(note) = string_field(obj, path, "note")? else {
        return Ok(None);
    };
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(err(
            format!("{path}.note"),
            format!("is {chars} characters long; a note holds at most {MAX_NOTE_CHARS}"),
        ));
    }
    Ok(Some(note).filter(|n| !n.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of a `const TABS: &[(&str, &str)]` table in a web panel's source.
    fn tab_ids_in(source: &str) -> Vec<String> {
        let start = source
            .find("const TABS")
            .expect("the panel declares its TABS");
        let table = &source[start..];
        let table = &table[..table.find("];").expect("the table ends")];
        table
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let rest = line.strip_prefix("(\"")?;
                Some(rest[..rest.find('"')?].to_string())
            })
            .collect()
    }

    #[test]
    fn a_show_names_the_tabs_the_inspector_has() {
        let queue = tab_ids_in(include_str!("../web/queue_panel.rs"));
        let function = tab_ids_in(include_str!("../web/function_panel.rs"));
        let bus = tab_ids_in(include_str!("../web/bus_panel.rs"));
        let rule = tab_ids_in(include_str!("../web/rule_panel.rs"));
        assert_eq!(queue, QUEUE_TABS);
        assert_eq!(function, FUNCTION_TABS);
        assert_eq!(bus, BUS_TABS);
        assert_eq!(rule, RULE_TABS);
        let dock = include_str!("../web/dock.rs");
        for id in DOCK_TABS {
            assert!(
                dock.contains(&format!("=> \"{id}\"")),
                "the dock has a {id} tab"
            );
        }
    }

    fn refusal(step: Value) -> String {
        let doc = serde_json::json!({ "name": "s", "steps": [{ "advance": "1s" }, step] });
        crate::scenario::Scenario::from_value(&doc)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_bad_note_or_show_is_refused_with_its_path() {
        use serde_json::json;
        let call = |extra: Value| {
            let mut step = json!({ "call": "sqs:CreateQueue", "input": { "QueueName": "q" } });
            for (k, v) in extra.as_object().unwrap() {
                step[k] = v.clone();
            }
            refusal(step)
        };
        assert_eq!(
            call(json!({ "note": 3 })),
            "invalid scenario: steps[1].note: must be a string, not a number"
        );
        assert!(call(json!({ "note": "x".repeat(MAX_NOTE_CHARS + 1) }))
            .starts_with("invalid scenario: steps[1].note: is 2001 characters long"));
        assert!(call(json!({ "show": "orders" }))
            .starts_with("invalid scenario: steps[1].show: must be an object"));
        assert!(call(json!({ "show": { "resource": "q", "tab": "inbox" } })).starts_with(
            "invalid scenario: steps[1].show.tab: \"inbox\" is not an inspector tab: a queue has messages, send"
        ));
        assert_eq!(
            call(json!({ "show": { "tab": "messages" } })),
            "invalid scenario: steps[1].show.tab: needs show.resource: the queue or function whose tab to open"
        );
        assert!(
            call(json!({ "show": { "resource": "q", "dock": "metrics" } }))
                .starts_with("invalid scenario: steps[1].show.dock: \"metrics\" is not a dock tab")
        );
        assert!(
            call(json!({ "show": { "resource": "q", "colour": "red" } }))
                .starts_with("invalid scenario: steps[1].show.colour: unknown field")
        );
        assert!(call(json!({ "show": {} }))
            .starts_with("invalid scenario: steps[1].show: says nothing to show"));
        assert!(call(json!({ "show": { "resource": " " } }))
            .starts_with("invalid scenario: steps[1].show.resource: must name"));
        // Every kind of step may carry them.
        let ok = serde_json::json!({ "name": "s", "steps": [
            { "advance": "1s", "note": "time passes", "show": { "dock": "timeline" } },
            { "run": "idle", "note": "all done" },
            { "wait": "lambda:FunctionActiveV2", "input": { "FunctionName": "f" }, "show": { "resource": "f", "tab": "code", "dock": "logs" } },
        ]});
        let scenario = crate::scenario::Scenario::from_value(&ok).unwrap();
        assert_eq!(scenario.steps[0].note.as_deref(), Some("time passes"));
        assert_eq!(
            scenario.steps[2].show,
            Some(Show {
                resource: Some("f".into()),
                tab: Some("code".into()),
                dock: Some("logs".into())
            })
        );
    }

    #[test]
    fn a_blank_note_is_no_note() {
        let doc = serde_json::json!({ "name": "s", "steps": [{ "advance": "1s", "note": "  " }] });
        let scenario = crate::scenario::Scenario::from_value(&doc).unwrap();
        assert_eq!(scenario.steps[0].note, None);
    }

    #[test]
    fn a_tab_is_taken_only_for_a_resource_kind_that_has_it() {
        let show = Show {
            resource: Some("orders".into()),
            tab: Some("messages".into()),
            dock: None,
        };
        assert_eq!(show.tab_for("queue"), Some("messages"));
        assert_eq!(show.tab_for("function"), None);
    }
}
