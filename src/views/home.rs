//! The start page: what Candor is and where to go.

use yew::prelude::*;

use crate::chart::Markup;
use crate::route::{Bundle, Page, Route};
use crate::views::markup;

/// A plain function rather than a component: it has no state, and every component costs the
/// wasm its own copy of Yew's lifecycle code. Written as markup, which costs the respondent
/// page's wasm a fraction of the same elements built one by one; the links keep the route's
/// parameters, escaped as every attribute value is.
pub fn home(route: &Route) -> Html {
    let href = |page| Bundle::Respond.href(&route.with_page(page));
    let mut m = Markup::new();
    m.fixed(
        "<section class=\"card\" data-testid=\"home-view\"><h1>Anonymous team pulse</h1>\
         <p>Candor asks your team a few short questions about psychological safety and \
         alignment, keeps every answer anonymous, and shows honest trends round after round: \
         every score with its uncertainty, agreement beside the average, and no result for \
         groups too small to stay anonymous.</p><ul class=\"actions\"><li>",
    )
    .element(
        "a",
        &[("class", "button"), ("href", &href(Page::Take))],
        "Take the survey",
    )
    .fixed("</li><li>")
    .element(
        "a",
        &[
            ("class", "button secondary"),
            ("href", &href(Page::Results)),
        ],
        "See results",
    )
    .fixed("</li><li>")
    .element(
        "a",
        &[("class", "button secondary"), ("href", &href(Page::Setup))],
        "Set up a survey",
    )
    .fixed("</li></ul></section>");
    markup(m.finish())
}
