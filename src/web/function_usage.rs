//! The function panel's cost line: this function's billable requests and
//! GB-seconds and their list price (a view over Lambda's usage per function).
//! The free tier is the account's, so it applies only to the account's total
//! in the dock's Cost tab, not to one function's share.

use super::state::AppState;
use crate::services::lambda::LambdaUsage;
use leptos::prelude::*;

#[component]
pub fn FunctionUsage(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let usage = Memo::new(move |_| state.read_in(|r| r.lambda().usage_of(&name)));
    view! {
        <div class="function-usage" data-testid="function-usage">
            <h3>"Cost of this function "
                <a class="muted" href="https://aws.amazon.com/lambda/pricing/" target="_blank" rel="noopener">"(AWS pricing)"</a></h3>
            <p data-testid="function-cost">
                {move || usage.with(|u| format!("{} · ${:.6} at list price", u.summary(), u.list_price_usd()))}
            </p>
            <p class="muted">
                {format!(
                    "x86: ${:.2} per million requests and ${} per GB-second (memory × billed duration). ",
                    LambdaUsage::USD_PER_MILLION_REQUESTS, LambdaUsage::USD_PER_GB_SECOND
                )}
                "The free tier (1M requests and 400,000 GB-seconds a month) is per account: it applies to the account's total (the Cost tab under the diagram), not to each function."
            </p>
        </div>
    }
}
