//! A page of an area whose view is not built yet: says what the area is for.

use yew::prelude::*;

pub fn placeholder(title: &'static str, text: &'static str, testid: &'static str) -> Html {
    html! {
        <section class="card" data-testid={testid}>
            <h1>{ title }</h1>
            <p>{ text }</p>
            <p class="muted">{ "This part of Candor is not available yet." }</p>
        </section>
    }
}
