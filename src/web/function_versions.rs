//! The function panel's versions and aliases, as the Lambda console shows
//! them: $LATEST and each published version (Description, CodeSha256,
//! LastModified, State), "Publish new version" (`lambda:PublishVersion`) and
//! deleting a version (`lambda:DeleteFunction` with its Qualifier); the
//! aliases, created (`CreateAlias`), pointed at another version
//! (`UpdateAlias`) and deleted (`DeleteAlias`). Each section is collapsible;
//! every action is a scenario step and its AWS error shows in its section.
//! The resource-based policy and the asynchronous-invocation settings of each
//! qualifier live in `function_access`.

use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::services::lambda::model::{Config, Function, LATEST};
use leptos::prelude::*;
use serde_json::{json, Value};

pub(super) const GUIDE: &str = "https://docs.aws.amazon.com/lambda/latest/dg/";

/// Runs an action as a scenario step; its AWS error, if any, shows in the section.
pub(super) fn run(
    state: AppState,
    error: RwSignal<Option<StepError>>,
    action: &str,
    input: Value,
) -> bool {
    super::message_forms::call_into(state, error, action, input).is_some()
}

/// The qualifiers of a function in the order Lambda lists them: $LATEST, the
/// published versions by number, then the aliases by name.
pub(super) fn qualifiers(f: &Function) -> Vec<String> {
    std::iter::once(LATEST.to_string())
        .chain(f.versions.keys().map(u32::to_string))
        .chain(f.aliases.keys().cloned())
        .collect()
}

/// A qualifier as a person reads it: "$LATEST", "version 3" or "alias live".
pub(super) fn qualifier_label(f: &Function, q: &str) -> String {
    if q == LATEST {
        LATEST.to_string()
    } else if f.aliases.contains_key(q) {
        format!("alias {q}")
    } else {
        format!("version {q}")
    }
}

/// LastModified as Lambda writes it, and a shorter form for a narrow table.
fn modified(config: &Config) -> (String, String) {
    let full = crate::sim::format_iso(config.last_modified).replace('Z', "+0000");
    let short = full.get(..19).unwrap_or(&full).replace('T', " ");
    (full, short)
}

/// One line of the versions table.
#[derive(Clone, Debug, PartialEq)]
struct VersionRow {
    version: String,
    description: String,
    sha: String,
    last_modified: (String, String),
    state: String,
    /// The aliases that point at this version.
    aliases: Vec<String>,
}

fn version_rows(f: &Function) -> Vec<VersionRow> {
    let row = |version: String, config: &Config, state: String| VersionRow {
        aliases: f
            .aliases
            .values()
            .filter(|a| a.function_version == version)
            .map(|a| a.name.clone())
            .collect(),
        version,
        description: config.description.clone(),
        sha: config.code.sha256.clone(),
        last_modified: modified(config),
        state,
    };
    let latest_state = match f.lifecycle.last_update_status() {
        Some("Successful") | None => f.lifecycle.state().to_string(),
        Some(status) => format!("{} · update {status}", f.lifecycle.state()),
    };
    let mut rows = vec![row(LATEST.to_string(), &f.latest, latest_state)];
    // Newest first, as the console lists them.
    rows.extend(
        f.versions
            .iter()
            .rev()
            .map(|(v, c)| row(v.to_string(), c, "Active".to_string())),
    );
    rows
}

/// The versions an alias can point at: the published ones, newest first, then $LATEST.
fn alias_targets(f: &Function) -> Vec<String> {
    f.versions
        .keys()
        .rev()
        .map(u32::to_string)
        .chain(std::iter::once(LATEST.to_string()))
        .collect()
}

#[component]
pub fn FunctionVersions(name: String) -> impl IntoView {
    view! {
        <Versions name=name.clone() />
        <Aliases name />
    }
}

#[component]
fn Versions(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = {
        let name = name.clone();
        Memo::new(move |_| state.read_function(&name, version_rows))
    };
    let error = RwSignal::new(None::<StepError>);
    let description = RwSignal::new(String::new());
    let pname = name.clone();
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = json!({ "FunctionName": pname });
        let d = description.get_untracked();
        if !d.trim().is_empty() {
            input["Description"] = Value::from(d.trim());
        }
        if run(state, error, "lambda:PublishVersion", input) {
            description.set(String::new());
        }
    };
    let delete = Callback::new(move |version: String| {
        let input = json!({ "FunctionName": name, "Qualifier": version });
        run(state, error, "lambda:DeleteFunction", input);
    });
    let count = move || match rows.with(|r| r.len().saturating_sub(1)) {
        0 => "none published".to_string(),
        1 => "1 published".to_string(),
        n => format!("{n} published"),
    };
    let body = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let latest = row.version == LATEST;
                let (version, testid_version) = (row.version.clone(), row.version.clone());
                let sha_short = format!("{}…", row.sha.get(..10).unwrap_or(&row.sha));
                let aliases = (!row.aliases.is_empty())
                    .then(|| format!(" ← {}", row.aliases.join(", ")));
                view! {
                    <tr data-testid="version-row" data-version=testid_version>
                        <td><code>{row.version.clone()}</code>
                            <span class="muted">{aliases}</span></td>
                        <td>{row.description}</td>
                        <td><code title=row.sha.clone()>{sha_short}</code></td>
                        <td class="num" title=row.last_modified.0>{row.last_modified.1}</td>
                        <td>{row.state}</td>
                        <td>{(!latest).then(|| view! {
                            <button type="button" class="small danger" data-testid="delete-version"
                                title="DeleteFunction with this Qualifier: deletes this version only"
                                on:click=move |_| delete.run(version.clone())>"Delete"</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <details class="access-section fn-section" data-testid="versions-section">
            <summary data-testid="open-versions"><h3>"Versions"</h3>" "<span class="muted" data-testid="versions-count">{count}</span></summary>
            <p class="access-note muted">
                "A version is a snapshot of $LATEST's code and configuration; it never changes. "
                "PublishVersion publishes only when $LATEST changed since the last one. "
                <a href=format!("{GUIDE}configuration-versions.html") target="_blank" rel="noopener">"Lambda function versions"</a>
            </p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="versions-error" /> })}
            <table class="messages fn-table" data-testid="versions-table">
                <thead><tr><th>"Version"</th><th>"Description"</th><th>"CodeSha256"</th><th>"LastModified"</th><th>"State"</th><th></th></tr></thead>
                <tbody>{body}</tbody>
            </table>
            <form class="row" novalidate=true on:submit=publish>
                <label title="Up to 256 characters; the new version's Description.">
                    "Description"
                    <input data-testid="publish-description" placeholder="e.g. first release"
                        prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="primary" data-testid="publish-version">"Publish new version"</button>
            </form>
        </details>
    }
}

/// One alias as the table shows it.
#[derive(Clone, Debug, PartialEq)]
struct AliasRow {
    name: String,
    version: String,
    description: String,
}

#[component]
fn Aliases(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let aliases = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_function(&name, |f| {
                f.aliases
                    .values()
                    .map(|a| AliasRow {
                        name: a.name.clone(),
                        version: a.function_version.clone(),
                        description: a.description.clone(),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let targets = {
        let name = name.clone();
        Memo::new(move |_| state.read_function(&name, alias_targets))
    };
    let error = RwSignal::new(None::<StepError>);
    let count = move || match aliases.with(Vec::len) {
        0 => "none".to_string(),
        n => n.to_string(),
    };
    let function = StoredValue::new(name.clone());
    view! {
        <details class="access-section fn-section" data-testid="aliases-section">
            <summary data-testid="open-aliases"><h3>"Aliases"</h3>" "<span class="muted" data-testid="aliases-count">{count}</span></summary>
            <p class="access-note muted">
                "An alias is a name for one version, changed without changing its callers. Weighted aliases (RoutingConfig) are not simulated yet. "
                <a href=format!("{GUIDE}configuration-aliases.html") target="_blank" rel="noopener">"Lambda function aliases"</a>
            </p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="aliases-error" /> })}
            <Show when=move || !aliases.with(Vec::is_empty)>
                <table class="messages fn-table" data-testid="aliases-table">
                    <thead><tr><th>"Name"</th><th>"FunctionVersion"</th><th>"Description"</th><th>"Change version"</th><th></th></tr></thead>
                    <tbody>
                        <For
                            each=move || {
                                let generation = state.generation.get();
                                aliases.with(|a| a.iter().map(|a| (generation, a.name.clone())).collect::<Vec<_>>())
                            }
                            key=|k| k.clone()
                            children=move |(_, alias)| {
                                let row = Memo::new(move |_| aliases.with(|a| a.iter().find(|a| a.name == alias).cloned()));
                                view! { <AliasItem function row targets error /> }
                            }
                        />
                    </tbody>
                </table>
            </Show>
            <CreateAlias name targets error />
        </details>
    }
}

/// One alias: its version, changed with UpdateAlias, and DeleteAlias (the row
/// is kept across other changes, so a version being picked is not lost).
#[component]
fn AliasItem(
    function: StoredValue<String>,
    row: Memo<Option<AliasRow>>,
    targets: Memo<Vec<String>>,
    error: RwSignal<Option<StepError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f: fn(&AliasRow) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    // The version picked in the list; None shows the alias's own.
    let picked = RwSignal::new(None::<String>);
    let shown = move || picked.get().unwrap_or_else(field(|r| r.version.clone()));
    let update = move |_| {
        let version = untrack(shown);
        let input = json!({
            "FunctionName": function.get_value(),
            "Name": untrack(field(|r| r.name.clone())),
            "FunctionVersion": version,
        });
        if run(state, error, "lambda:UpdateAlias", input) {
            picked.set(None);
        }
    };
    let delete = move |_| {
        let input = json!({
            "FunctionName": function.get_value(),
            "Name": untrack(field(|r| r.name.clone())),
        });
        run(state, error, "lambda:DeleteAlias", input);
    };
    view! {
        <tr data-testid="alias-row" data-alias=field(|r| r.name.clone())>
            <td><code>{field(|r| r.name.clone())}</code></td>
            <td data-testid="alias-version"><code>{field(|r| r.version.clone())}</code></td>
            <td>{field(|r| r.description.clone())}</td>
            <td class="fn-alias-change">
                <select class="small" aria-label="Version for this alias" data-testid="alias-new-version"
                    on:change=move |ev| picked.set(Some(event_target_value(&ev)))>
                    {move || targets.get().into_iter().map(|v| {
                        let (v2, label) = (v.clone(), v.clone());
                        view! { <option value=v selected=move || shown() == v2>{label}</option> }
                    }).collect_view()}
                </select>
                <button type="button" class="small" data-testid="update-alias" on:click=update>"UpdateAlias"</button>
            </td>
            <td><button type="button" class="small danger" data-testid="delete-alias" on:click=delete>"Delete"</button></td>
        </tr>
    }
}

/// CreateAlias: a name, the version it points at (the newest published one
/// until another is picked) and a description.
#[component]
fn CreateAlias(
    name: String,
    targets: Memo<Vec<String>>,
    error: RwSignal<Option<StepError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let alias = RwSignal::new(String::new());
    let version = RwSignal::new(None::<String>);
    let picked = move || {
        let chosen = version.get();
        targets.with(|t| match chosen {
            Some(v) if t.contains(&v) => v,
            _ => t.first().cloned().unwrap_or_default(),
        })
    };
    let description = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = json!({
            "FunctionName": name,
            "Name": alias.get_untracked().trim(),
            "FunctionVersion": untrack(picked),
        });
        let d = description.get_untracked();
        if !d.trim().is_empty() {
            input["Description"] = Value::from(d.trim());
        }
        if run(state, error, "lambda:CreateAlias", input) {
            alias.set(String::new());
            description.set(String::new());
            version.set(None);
        }
    };
    view! {
        <form class="row" novalidate=true on:submit=create>
            <label title="1–128 characters: letters, digits, - and _, not only digits.">
                "Name"
                <input class="fn-short" data-testid="alias-name" placeholder="e.g. live"
                    prop:value=move || alias.get() on:input=move |ev| alias.set(event_target_value(&ev)) />
            </label>
            <label title="The version the alias points at.">
                "FunctionVersion"
                <select data-testid="alias-version-choice" on:change=move |ev| version.set(Some(event_target_value(&ev)))>
                    {move || targets.get().into_iter().map(|v| {
                        let (v2, label) = (v.clone(), v.clone());
                        view! { <option value=v selected=move || picked() == v2>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Description"
                <input data-testid="alias-description"
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="primary" data-testid="create-alias">"Create alias"</button>
        </form>
    }
}
