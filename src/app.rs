//! The app shell: follows `location.hash`, draws the header and the current view.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::route::{Page, Route};
use crate::views::{Take, home, not_found, placeholder};

/// Starts the app: replaces the static skeleton of `index.html` with the live app.
pub fn start() {
    if let Some(skeleton) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("skeleton"))
    {
        skeleton.remove();
    }
    yew::Renderer::<App>::new().render();
}

/// Reads the current route from the window's location.
fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let route = use_state(current_route);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| route.set(current_route()))
            });
            move || drop(listener)
        });
    }

    // Submissions kept on this device are sent again when the browser comes back online.
    use_effect_with((), |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "online", |_| {
                yew::platform::spawn_local(async {
                    crate::storage::browser::sync_outbox().await;
                });
            })
        });
        move || drop(listener)
    });

    let view = match &route.page {
        Page::Home => home(&route),
        Page::Take => html! { <Take route={(*route).clone()} /> },
        Page::Results => placeholder(
            "Results",
            "Trends in psychological safety and alignment, round by round.",
            "results-view",
        ),
        Page::Setup => placeholder(
            "Set up",
            "Create the survey, open rounds and share the link.",
            "setup-view",
        ),
        Page::NotFound(path) => not_found(path),
    };

    html! {
        <>
            if !route.embed {
                { header(&route) }
            }
            <main id="main" class="main" data-testid="main">{ view }</main>
        </>
    }
}

/// The top bar: the product name and the three areas.
fn header(route: &Route) -> Html {
    let link = |page: Page, label: &'static str| {
        let current = route.page == page;
        let href = route.with_page(page).to_hash();
        html! {
            <a href={href} class={classes!("nav-link", current.then_some("current"))}
               aria-current={current.then_some("page")}>{ label }</a>
        }
    };
    html! {
        <header class="top" data-testid="header">
            <a class="brand" href={route.with_page(Page::Home).to_hash()}>{ "Candor" }</a>
            <nav aria-label="Main">
                { link(Page::Take, "Take") }
                { link(Page::Results, "Results") }
                { link(Page::Setup, "Set up") }
            </nav>
        </header>
    }
}
