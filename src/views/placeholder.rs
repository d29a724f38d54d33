//! A page of an area whose view is not built yet: says what the area is for.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlaceholderProps {
    pub title: AttrValue,
    pub text: AttrValue,
    pub testid: AttrValue,
}

#[component]
pub fn Placeholder(props: &PlaceholderProps) -> Html {
    html! {
        <section class="card" data-testid={props.testid.clone()}>
            <h1>{ props.title.clone() }</h1>
            <p>{ props.text.clone() }</p>
            <p class="muted">{ "This part of Candor is not available yet." }</p>
        </section>
    }
}
