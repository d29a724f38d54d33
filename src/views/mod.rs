//! The app's pages, one module each, and the two functions that pick the view of a route for
//! each of Candor's four pages (see [`crate::route::Bundle`]).

pub mod error;
mod files;
mod frames;
mod home;
pub mod lang;
mod load;
mod not_found;
mod org;
mod org_make;
mod results;
mod setup;
mod take;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chart::SafeHtml;
use crate::route::{Page, Route};

pub use home::home;
pub use not_found::not_found;
pub use org::Org;
pub use results::Results;
pub use setup::Setup;
pub use take::Take;

/// The respondent page: the start page and the survey form.
pub fn respond_page(route: &Route) -> Html {
    match route.page {
        Page::Take => html! { <Take route={route.clone()} /> },
        _ => home(route),
    }
}

/// The results page: the dashboard, or retro mode. Keyed by which, so moving between the two
/// mounts the other afresh (it draws the file its own way).
pub fn results_page(route: &Route) -> Html {
    let key = if route.page == Page::Retro {
        "retro"
    } else {
        "results"
    };
    html! { <Results {key} route={route.clone()} /> }
}

/// The organisation page.
pub fn org_page(route: &Route) -> Html {
    html! { <Org route={route.clone()} /> }
}

/// The set-up page.
pub fn setup_page(route: &Route) -> Html {
    html! { <Setup route={route.clone()} /> }
}

/// Markup from the escaping writer ([`crate::chart::Markup`]), on the page as it is: the one
/// way a view inserts markup it wrote itself.
pub(crate) fn markup(html: SafeHtml) -> Html {
    Html::from_html_unchecked(AttrValue::from(html.into_string()))
}

/// The element an event came from, or its nearest ancestor, that carries `attr`, and what
/// that attribute names, read back with `parse`: how the pages' delegated listeners find which
/// of their controls was used (an element without the attribute, or with a name `parse`
/// does not know, is none of them).
pub(crate) fn named_target<T>(
    target: Option<web_sys::EventTarget>,
    attr: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<(web_sys::Element, T)> {
    let element: web_sys::Element = target?.dyn_into().ok()?;
    let marked = element.closest(&format!("[{attr}]")).ok()??;
    let named = parse(&marked.get_attribute(attr)?)?;
    Some((marked, named))
}
