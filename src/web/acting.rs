//! "Acting as": the account and region the page acts in and shows. Calls made
//! while acting as another place are scenario steps with `account` and
//! `region`, so a replay or a shared link makes them there too; the lists and
//! panels show that place's resources (`AppState::read_in`).

use super::state::AppState;
use crate::api::ids::{valid_account, valid_region};
use crate::api::Identity;
use leptos::prelude::*;

/// Common AWS Regions, offered as suggestions (any well-formed region name is accepted).
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-central-1",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-southeast-1",
    "ap-southeast-2",
];

/// The value of the picker's option that opens the form for another account or region.
const OTHER: &str = "other";

fn label(who: &Identity) -> String {
    format!("{} · {}", who.account, who.region)
}

fn key(who: &Identity) -> String {
    format!("{}/{}", who.account, who.region)
}

#[component]
pub fn ActingAs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let home = Memo::new(move |_| state.home());
    let current = Memo::new(move |_| state.place());
    let elsewhere = move || current.get() != home.get();
    // The places to pick from: the scenario's own, those with resources, and the current one.
    let places = Memo::new(move |_| {
        let mut out = vec![home.get()];
        let world_places = state.read(|r| r.world().places());
        for p in world_places
            .iter()
            .map(|p| (**p).clone())
            .chain([current.get()])
        {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    });
    let adding = RwSignal::new(false);
    let account = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let account_input = NodeRef::<leptos::html::Input>::new();
    let open_form = move || {
        let here = current.get_untracked();
        account.set(here.account);
        region.set(here.region);
        error.set(None);
        adding.set(true);
        // The form is drawn on this change; the account field takes the keyboard after it.
        request_animation_frame(move || {
            if let Some(input) = account_input.get_untracked() {
                let _ = input.focus();
                input.select();
            }
        });
    };
    let cancel = move || {
        adding.set(false);
        error.set(None);
    };
    let on_pick = move |ev| {
        let value = event_target_value(&ev);
        if value == OTHER {
            open_form();
            return;
        }
        let picked = places.with_untracked(|p| p.iter().find(|p| key(p) == value).cloned());
        if let Some(who) = picked {
            adding.set(false);
            state.act_as(who);
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let a = account.get_untracked().trim().to_string();
        let r = region.get_untracked().trim().to_string();
        if !valid_account(&a) {
            error.set(Some(format!(
                "\"{a}\" is not an AWS account ID: 12 digits, like 111122223333."
            )));
            return;
        }
        if !valid_region(&r) {
            error.set(Some(format!(
                "\"{r}\" is not a Region name: like us-east-1 or eu-west-2."
            )));
            return;
        }
        error.set(None);
        adding.set(false);
        state.act_as(Identity {
            account: a,
            region: r,
        });
    };
    let back = move |_| {
        adding.set(false);
        state.act_as(home.get_untracked());
    };
    view! {
        <div class="acting-bar" class:elsewhere=elsewhere data-testid="acting-bar">
            <label class="acting-pick">
                "Acting as"
                <select data-testid="acting-place" aria-label="Account and Region the page acts as" on:change=on_pick>
                    {move || {
                        let here = current.get();
                        let own = home.get();
                        let mut options = places
                            .get()
                            .into_iter()
                            .map(|p| {
                                let text = if p == own {
                                    format!("{} (the scenario's own)", label(&p))
                                } else {
                                    label(&p)
                                };
                                view! { <option value=key(&p) selected=p == here && !adding.get()>{text}</option> }
                                    .into_any()
                            })
                            .collect::<Vec<_>>();
                        options.push(
                            view! { <option value=OTHER selected=move || adding.get()>"Another account or Region…"</option> }
                                .into_any(),
                        );
                        options
                    }}
                </select>
            </label>
            <span class="place-badge" data-testid="place-badge" title="The account and Region the lists, panels and calls are in">
                {move || label(&current.get())}
            </span>
            <Show when=elsewhere>
                <span class="acting-note" data-testid="acting-note">
                    {move || format!(
                        "Not the scenario's own place ({}): each call is a step with this account and Region; another account reaches a queue or function only as its resource-based policy allows.",
                        label(&home.get())
                    )}
                </span>
                <button class="small" data-testid="acting-home" on:click=back>"Back to the scenario's own"</button>
            </Show>
            <Show when=move || adding.get()>
                <form class="acting-form" novalidate=true on:submit=submit
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { cancel() }>
                    <label>
                        "Account ID"
                        <input
                            type="text"
                            inputmode="numeric"
                            maxlength="12"
                            size="14"
                            data-testid="acting-account"
                            node_ref=account_input
                            placeholder="111122223333"
                            prop:value=move || account.get()
                            on:input=move |ev| account.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        "Region"
                        <input
                            type="text"
                            list="acting-regions"
                            size="14"
                            data-testid="acting-region"
                            placeholder="eu-west-1"
                            prop:value=move || region.get()
                            on:input=move |ev| region.set(event_target_value(&ev))
                        />
                    </label>
                    <datalist id="acting-regions">
                        {REGIONS.iter().map(|r| view! { <option value=*r></option> }).collect_view()}
                    </datalist>
                    <button type="submit" class="small primary" data-testid="acting-apply">"Act as"</button>
                    <button type="button" class="small" data-testid="acting-cancel"
                        on:click=move |_| cancel()>"Cancel"</button>
                    {move || error.get().map(|e| view! { <span class="field-error" data-testid="acting-error" role="alert">{e}</span> })}
                </form>
            </Show>
        </div>
    }
}
