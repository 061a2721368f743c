//! Resources, the left panel (the first on a phone): the resource tree of the
//! place the page acts as, one collapsible group per service (`GROUPS`), each
//! with its count, its resources and the form that creates one. A service
//! joins the tree with one `ServiceGroup` row (SQS's in `queues.rs`, Lambda's
//! in `functions.rs`); this file knows no service. Every group header and item
//! is a button: Tab reaches them, Enter or Space operates them, and the arrow
//! keys (Up, Down, Home, End) move between them. The selected resource carries
//! `aria-current`. Collapsing a group is view state: it adds no step.

use super::state::{AppState, Place};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// One service's group in the tree.
pub struct ServiceGroup {
    /// A short id, used in element ids and test ids ("sqs").
    pub id: &'static str,
    /// The group's heading as AWS's console names the service ("SQS").
    pub label: &'static str,
    /// What its items are, one and many ("queue", "queues").
    pub noun: (&'static str, &'static str),
    /// The test id of each item's button ("queue-item").
    pub item_testid: &'static str,
    /// Shown before an item's name ("λ " for a function), or "".
    pub item_prefix: &'static str,
    /// The resource names in the place shown, in the order listed.
    pub names: fn(&Place) -> Vec<String>,
    /// Whether the inspector shows this resource (reactive).
    pub is_selected: fn(AppState, &str) -> bool,
    /// Opens the resource in the inspector.
    pub select: fn(AppState, String),
    /// The item's live line under its name (counts, state), or nothing.
    pub detail: fn(String) -> AnyView,
    /// The form that creates a resource of this service.
    pub create: fn() -> AnyView,
}

/// The tree's groups, in the order shown. SNS and Kinesis add theirs here.
const GROUPS: &[&ServiceGroup] = &[
    &super::queues::GROUP,
    &super::functions::GROUP,
    &super::buses::GROUP,
    &super::schedules::GROUP,
    &super::endpoints::GROUP,
];

/// The element id of a group's header button.
fn group_element_id(group: &ServiceGroup) -> String {
    format!("tree-{}", group.id)
}

/// The element id of an item's button.
fn item_element_id(group: &ServiceGroup, name: &str) -> String {
    format!("tree-{}-item-{name}", group.id)
}

#[component]
pub fn Resources() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The groups folded away (view state).
    let collapsed = RwSignal::new(BTreeSet::<&'static str>::new());
    // Each group's names; they change only when a resource is made or deleted.
    let names: Vec<Memo<Vec<String>>> = GROUPS
        .iter()
        .map(|g| {
            let list = g.names;
            Memo::new(move |_| state.read_in(list))
        })
        .collect();
    let order = {
        let names = names.clone();
        move || {
            let folded = collapsed.get_untracked();
            GROUPS
                .iter()
                .zip(&names)
                .flat_map(|(g, n)| {
                    let items = if folded.contains(g.id) {
                        Vec::new()
                    } else {
                        n.get_untracked()
                            .iter()
                            .map(|name| item_element_id(g, name))
                            .collect()
                    };
                    std::iter::once(group_element_id(g)).chain(items)
                })
                .collect::<Vec<_>>()
        }
    };
    // Up and Down move between the tree's buttons; Home and End go to the first and last.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(at) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| el.id())
        else {
            return;
        };
        let ids = order();
        let Some(i) = ids.iter().position(|id| *id == at) else {
            return;
        };
        let next = match ev.key().as_str() {
            "ArrowDown" => (i + 1).min(ids.len() - 1),
            "ArrowUp" => i.saturating_sub(1),
            "Home" => 0,
            "End" => ids.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        super::inspector::focus_tab(&ids[next]);
    };
    view! {
        <section class="panel tree" data-testid="resource-tree" aria-labelledby="tree-title">
            <h2 id="tree-title">"Resources"</h2>
            <p class="tree-hint muted">"By service, in the account and Region acted as."</p>
            <ul class="tree-groups" on:keydown=on_key>
                {GROUPS
                    .iter()
                    .zip(names)
                    .map(|(group, names)| view! { <Group group names collapsed /> })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// One service: its header (a button that folds it, with the count), its items, its create form.
#[component]
fn Group(
    group: &'static ServiceGroup,
    names: Memo<Vec<String>>,
    collapsed: RwSignal<BTreeSet<&'static str>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = move || !collapsed.with(|c| c.contains(group.id));
    let toggle = move |_| {
        collapsed.update(|c| {
            if !c.remove(group.id) {
                c.insert(group.id);
            }
        })
    };
    let count = move || names.with(Vec::len);
    let count_words = move || {
        let n = count();
        format!(" {}", if n == 1 { group.noun.0 } else { group.noun.1 })
    };
    let body_id = format!("tree-{}-body", group.id);
    // Keyed by generation too: a new scenario starts its rows afresh.
    let keyed = move || {
        let generation = state.generation.get();
        names
            .get()
            .into_iter()
            .map(|n| (generation, n))
            .collect::<Vec<_>>()
    };
    view! {
        <li class="tree-group" data-testid=format!("tree-group-{}", group.id)>
            <h3 class="tree-group-head">
                <button type="button" class="tree-toggle" id=group_element_id(group)
                    data-testid=format!("tree-toggle-{}", group.id)
                    aria-expanded=move || open().to_string()
                    aria-controls=body_id.clone()
                    on:click=toggle>
                    <span class="tree-caret" aria-hidden="true">{move || if open() { "▾" } else { "▸" }}</span>
                    <span class="tree-label">{group.label}</span>
                    <span class="tree-count" data-testid=format!("tree-count-{}", group.id)>
                        {count}<span class="visually-hidden">{count_words}</span>
                    </span>
                </button>
            </h3>
            <div class="tree-group-body" id=body_id hidden=move || !open()>
                <ul class="tree-items" aria-label=format!("{} {}", group.label, group.noun.1)>
                    <For each=keyed key=|k| k.clone() children=move |(_, name)| view! { <Item group name /> } />
                </ul>
                <Show when=move || count() == 0>
                    <p class="empty">{format!("No {} yet.", group.noun.1)}</p>
                </Show>
                {(group.create)()}
            </div>
        </li>
    }
}

/// One resource: a button that opens it in the inspector, marked while it is open there.
#[component]
fn Item(group: &'static ServiceGroup, name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = {
        let name = name.clone();
        move || (group.is_selected)(state, &name)
    };
    let select = {
        let name = name.clone();
        move |_| {
            (group.select)(state, name.clone());
            super::reveal_inspector();
        }
    };
    let current = selected.clone();
    let element_id = item_element_id(group, &name);
    view! {
        <li>
            <button type="button" class="tree-item" id=element_id
                data-testid=group.item_testid
                class:selected=selected
                aria-current=move || current().then_some("true")
                on:click=select>
                <span class="tree-item-name">{group.item_prefix}{name.clone()}</span>
                {(group.detail)(name)}
            </button>
        </li>
    }
}
