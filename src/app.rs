//! The app shell: follows `location.hash`, draws the header and the current view.
//!
//! The shell is shared by Candor's three pages (see [`Bundle`]); each page's binary passes the
//! function that draws its own views, so no page's wasm carries another's.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::chart::Markup;
use crate::i18n::Language;
use crate::route::{Bundle, Page, Route};
use crate::views::lang::use_document_language;
use crate::views::markup;

/// Draws the view of a route that this bundle draws.
pub type Draw = fn(&Route) -> Html;

/// Starts the app: replaces the static skeleton of the page with the live app.
pub fn start(bundle: Bundle, draw: Draw) {
    if let Some(skeleton) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("skeleton"))
    {
        skeleton.remove();
    }
    yew::Renderer::<App>::with_props(AppProps { bundle, draw }).render();
}

/// Reads the current route from the window's location.
fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

#[derive(Properties)]
pub struct AppProps {
    pub bundle: Bundle,
    pub draw: Draw,
}

/// Each bundle has exactly one draw function, so the bundle identifies the props (function
/// pointers themselves have no reliable equality).
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        self.bundle == other.bundle
    }
}

/// The whole app of one page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let AppProps { bundle, draw } = *props;
    let route = use_state(current_route);
    let language = use_document_language();
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| route.set(current_route()))
            });
            move || drop(listener)
        });
    }

    // Inside an iframe, tell the embedding page how tall the content is, whenever it changes,
    // so the frame can fit it (see the iframe snippet in crate::share).
    use_effect_with(route.embed, |&embed| {
        let observer = embed.then(post_height_on_resize).flatten();
        move || {
            if let Some((observer, _keep)) = observer {
                observer.disconnect();
            }
        }
    });

    // A page drawn by the other bundle (an old link, a typed address): go there, keeping the
    // parameters, without leaving a history entry that would bounce back.
    if !bundle.draws(&route.page) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().replace(&bundle.href(&route));
        }
        return html! {};
    }
    let view = match &route.page {
        Page::NotFound(path) => crate::views::not_found(path),
        _ => draw(&route),
    };

    html! {
        <>
            if !route.embed {
                { header(bundle, &route, language) }
            }
            <main id="main" class="main" data-testid="main">{ view }</main>
        </>
    }
}

type HeightPoster = wasm_bindgen::closure::Closure<dyn FnMut()>;

/// Posts `{candorHeight: <px>}` to the embedding page now and whenever the page grows. Only to
/// the embedding page's origin (as its address reaches this frame as the referrer; the
/// snippet asks for it with `referrerpolicy="origin"`), never to any window; without it,
/// nothing is posted and the frame keeps its own height. The height only ever grows: the
/// thank-you after sending is shorter than the form, and a frame that shrank at that moment
/// would tell the host page when someone sent answers.
fn post_height_on_resize() -> Option<(web_sys::ResizeObserver, HeightPoster)> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let referrer = window.document()?.referrer();
    let parent_origin = web_sys::Url::new(&referrer).ok()?.origin();
    if parent_origin == "null" || parent_origin.is_empty() {
        return None;
    }
    // The body's own height is its content's (the root element is never shorter than the
    // frame, so it could not shrink).
    let document = window.document()?;
    let root = document.body()?;
    // The main area keeps the tallest height it has had, and shows shorter content (the
    // thank-you) at its end (`data-embedded` in app.css): the person sees it where they
    // pressed "send", and the host page sees no change of size or scroll.
    let main: Option<web_sys::HtmlElement> = document
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into().ok());
    let _ = root.set_attribute("data-embedded", "");
    let tallest = std::cell::Cell::new(0);
    let tallest_main = std::cell::Cell::new(0);
    let post = {
        let (window, root) = (window.clone(), root.clone());
        move || {
            if let Some(main) = &main {
                let height = main.offset_height();
                if height > tallest_main.get() {
                    tallest_main.set(height);
                    let _ = main
                        .style()
                        .set_property("min-height", &format!("{height}px"));
                }
            }
            let height = root.offset_height();
            if height <= tallest.get() {
                return;
            }
            tallest.set(height);
            let Ok(Some(parent)) = window.parent() else {
                return;
            };
            let message = js_sys::Object::new();
            let height = wasm_bindgen::JsValue::from(height);
            if js_sys::Reflect::set(&message, &"candorHeight".into(), &height).is_ok() {
                let _ = parent.post_message(&message, &parent_origin);
            }
        }
    };
    post();
    let callback = HeightPoster::new(post);
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some((observer, callback))
}

/// The top bar: the product name and the three areas, in the document's language. Written as
/// markup (links only, nothing to listen to): a fraction of the wasm of the same elements
/// built one by one, on every page.
fn header(bundle: Bundle, route: &Route, language: &Language) -> Html {
    let mut m = Markup::new();
    // The survey links nowhere: on a phone passed around a meeting, the results and the team
    // file (on this device's store) must not be one tap from the form. Results and set-up are
    // reached by their own links.
    if route.page == Page::Take {
        m.fixed(
            "<header class=\"top\" data-testid=\"header\"><span class=\"brand\">Candor</span></header>",
        );
    } else {
        let home = bundle.href(&route.with_page(Page::Home));
        m.fixed("<header class=\"top\" data-testid=\"header\">")
            .element("a", &[("class", "brand"), ("href", &home)], "Candor")
            .open("nav", &[("aria-label", language.nav.menu)]);
        for (page, label) in [
            (Page::Take, language.nav.take),
            (Page::Results, language.nav.results),
            (Page::Setup, language.nav.set_up),
        ] {
            let href = bundle.href(&route.with_page(page.clone()));
            // The current page is marked by `aria-current` alone (app.css styles it).
            let mut attrs = vec![("href", href.as_str()), ("class", "nav-link")];
            if route.page == page {
                attrs.push(("aria-current", "page"));
            }
            m.element("a", &attrs, label);
        }
        m.fixed("</nav></header>");
    }
    markup(m.finish())
}
