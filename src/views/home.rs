//! The start page: what Candor is and where to go.

use yew::prelude::*;

use crate::route::{Bundle, Page, Route};

/// A plain function rather than a component: it has no state, and every component costs the
/// wasm its own copy of Yew's lifecycle code.
pub fn home(route: &Route) -> Html {
    let href = |page| Bundle::Respond.href(&route.with_page(page));
    html! {
        <section class="card" data-testid="home-view">
            <h1>{ "Anonymous team pulse" }</h1>
            <p>{ "Candor asks your team a few short questions about psychological safety and \
                  alignment, keeps every answer anonymous, and shows honest trends round after \
                  round: every score with its uncertainty, agreement beside the average, and no \
                  result for groups too small to stay anonymous." }</p>
            <ul class="actions">
                <li><a class="button" href={href(Page::Take)}>{ "Take the survey" }</a></li>
                <li><a class="button secondary" href={href(Page::Results)}>{ "See results" }</a></li>
                <li><a class="button secondary" href={href(Page::Setup)}>{ "Set up a survey" }</a></li>
            </ul>
        </section>
    }
}
