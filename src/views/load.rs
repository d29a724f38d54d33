//! The loading phase every page goes through once per team file: loading, no file there,
//! the file cannot be read, or ready. One hook and one pair of cards for all three pages.

use std::future::Future;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::error::UiError;
use super::markup;
use crate::chart::Markup;
use crate::storage::Source;

/// Where a page is with its team file.
#[derive(Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    /// There is no team file at the source.
    Missing,
    Failed(UiError),
    Ready(T),
}

impl<T> From<Result<T, UiError>> for Load<T> {
    fn from(result: Result<T, UiError>) -> Self {
        match result {
            Ok(value) => Self::Ready(value),
            Err(e) if e.is_missing() => Self::Missing,
            Err(e) => Self::Failed(e),
        }
    }
}

/// Loads the page's team file with `load` whenever the source changes (and at first); the
/// page may set the handle itself (a file picked on this computer, a change just written).
#[hook]
pub fn use_load<T, F, Fut>(source: &Source, load: F) -> UseStateHandle<Load<T>>
where
    T: 'static,
    F: FnOnce(Source) -> Fut + 'static,
    Fut: Future<Output = Result<T, UiError>> + 'static,
{
    use_load_when(source, Some(()), load)
}

/// [`use_load`] that also loads again whenever `when` changes, and waits while it is `None`
/// (e.g. a page drawn in a language whose texts are still on their way).
#[hook]
pub fn use_load_when<T, K, F, Fut>(
    source: &Source,
    when: Option<K>,
    load: F,
) -> UseStateHandle<Load<T>>
where
    T: 'static,
    K: PartialEq + Clone + 'static,
    F: FnOnce(Source) -> Fut + 'static,
    Fut: Future<Output = Result<T, UiError>> + 'static,
{
    let phase = use_state(|| Load::Loading);
    // Which load is the latest: one that finishes after a newer one started is dropped.
    let latest = use_mut_ref(|| 0_u64);
    {
        let phase = phase.clone();
        use_effect_with((source.clone(), when), move |(source, when)| {
            phase.set(Load::Loading);
            *latest.borrow_mut() += 1;
            let this = *latest.borrow();
            if when.is_some() {
                let source = source.clone();
                spawn_local(async move {
                    let loaded = load(source).await;
                    if *latest.borrow() == this {
                        phase.set(loaded.into());
                    }
                });
            }
        });
    }
    phase
}

/// The card shown while the file is read (`class`: the card's classes, e.g. to reserve the
/// room of what replaces it).
pub fn loading_card(class: &'static str, text: &str) -> Html {
    // Written as markup: a class from an argument in `html!` would become yew's `Classes`,
    // an ordered set that costs every page about 1 kB of wasm.
    let mut m = Markup::new();
    m.open("section", &[("class", class), ("aria-busy", "true")])
        .element("p", &[("class", "muted")], text)
        .close("section");
    markup(m.finish())
}

/// The card that says why the file cannot be used, under `title`: `why`, the error in the
/// page's words ([`UiError::sentence_in`]), then `more`, a paragraph of its own. Markup, as
/// [`loading_card`].
pub fn failed_card(title: &str, testid: &'static str, why: &str, more: Option<&str>) -> Html {
    let mut m = Markup::new();
    m.open(
        "section",
        &[
            ("class", "card notice error"),
            ("role", "alert"),
            ("data-testid", testid),
        ],
    )
    .element("h1", &[], title)
    .element("p", &[], why);
    if let Some(more) = more {
        m.element("p", &[], more);
    }
    m.close("section");
    markup(m.finish())
}
