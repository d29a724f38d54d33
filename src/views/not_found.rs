//! Shown for a link that matches no page.

use yew::prelude::*;

pub fn not_found(path: &str) -> Html {
    html! {
        <section class="card" data-testid="not-found">
            <h1>{ "Page not found" }</h1>
            <p>{ format!("There is no page at \u{201c}{}\u{201d}. Check the link, or start again.", path) }</p>
            <p><a class="button" href="#/">{ "Go to the start page" }</a></p>
        </section>
    }
}
