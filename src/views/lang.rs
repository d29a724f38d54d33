//! A translated view's language: which one is shown, its texts (fetched from `lang/` when it
//! is not English), the switcher, and `lang`/`dir` on the document while the view is shown.
//! Held by the view, not the app shell: the view fetches its own part of a language file. The
//! shell only follows the language the view marks the document with
//! ([`use_document_language`], for the header's words).
//!
//! The choice comes from this device (if the person chose one and the device is not shared),
//! else the browser's preferred languages, else English ([`i18n::negotiate`]). Nothing of it
//! reaches the team file: the texts only change what the page says (the set-up page's form
//! suggests the page's language for a new survey's questions, which the facilitator sees and
//! can change before creating it).

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n::{self, Catalog, ENGLISH, Language, Texts};
use crate::route::Bundle;
use crate::storage::browser;

/// The language in force, with the view's catalog of texts.
#[derive(Clone)]
pub struct Lang<C: Catalog> {
    /// The texts on screen (English until a chosen language's file has arrived).
    pub texts: Rc<Texts<C>>,
    /// The language asked for (shown in the switcher while its file arrives).
    pub wanted: &'static Language,
    /// The texts are final for the language asked for: its file arrived, or could not be
    /// read and the page stays in English. A page drawn once waits for this.
    pub settled: bool,
    /// Switch to a language, remembered on this device unless it is shared.
    pub choose: Callback<&'static Language>,
    /// Back to the browser's language, forgetting any choice: for the next person on a
    /// shared device.
    pub reset: Callback<()>,
}

/// How long a page waits for a language's file before it goes on in English.
const LANGUAGE_WAIT_MS: u32 = 4_000;

thread_local! {
    /// The language chosen while this page is open, in memory only: it carries from one view
    /// to the next (the dashboard to retro mode) also on a shared device, where no choice is
    /// stored, and it is gone when the page is closed or the next person starts.
    static CHOSEN_HERE: std::cell::Cell<Option<&'static Language>> =
        const { std::cell::Cell::new(None) };
}

thread_local! {
    /// Told the language the document is in: the app shell's header, which is drawn outside
    /// the view and speaks the view's language.
    static DOCUMENT_LANGUAGE: std::cell::RefCell<Option<Callback<&'static Language>>> =
        const { std::cell::RefCell::new(None) };
}

/// The language the document is in now (a translated view's, else English), for what the
/// shell draws around the view: the header.
#[hook]
pub fn use_document_language() -> &'static Language {
    let language = use_state_eq(|| &ENGLISH);
    // Registered while drawing, not in an effect: the view's effects (which say the language)
    // run before the shell's.
    let set = language.setter();
    DOCUMENT_LANGUAGE.with(|told| *told.borrow_mut() = Some(Callback::from(move |l| set.set(l))));
    *language
}

/// The language this device would show now: the one chosen while the page is open, else the
/// one kept on this (personal) device, else the browser's.
fn negotiated() -> &'static Language {
    if let Some(language) = CHOSEN_HERE.with(std::cell::Cell::get) {
        return language;
    }
    let chosen = (!browser::is_shared_device())
        .then(browser::chosen_language)
        .flatten();
    i18n::negotiate(chosen.as_deref(), &browser::preferred_languages())
}

/// Where a page finds its part of a language's file: beside the respondent page, at the
/// site's root.
fn file_url<C: Catalog>(bundle: Bundle, language: &Language) -> String {
    let up = if bundle.folder().is_empty() {
        ""
    } else {
        "../"
    };
    format!("{up}lang/{}.{}.json", language.code, C::PART)
}

/// The raw text of `language`'s file for catalog `C` (for a worker that draws in it).
pub async fn fetch_file<C: Catalog>(bundle: Bundle, language: &Language) -> Result<String, String> {
    browser::fetch_text(&file_url::<C>(bundle, language)).await
}

/// Holds the language of a translated view of `bundle`'s page.
#[hook]
pub fn use_language<C: Catalog>(bundle: Bundle) -> Lang<C> {
    let wanted = use_state(negotiated);
    let shown = *wanted;
    let texts = use_state(|| Rc::new(Texts::english()));
    // The language whose file last arrived or failed (English needs none).
    let settled = use_state(|| ENGLISH.code);
    // The language last asked for: a file that arrives after another was chosen is dropped.
    let asked = use_mut_ref(|| ENGLISH.code);
    // The language whose file last arrived or failed, as the tasks see it (state handles
    // keep the value of their render).
    let arrived = use_mut_ref(|| ENGLISH.code);
    {
        let texts = texts.clone();
        let settled = settled.clone();
        use_effect_with(shown, move |&language| {
            *asked.borrow_mut() = language.code;
            *arrived.borrow_mut() = "";
            if language == &ENGLISH {
                texts.set(Rc::new(Texts::english()));
                settled.set(ENGLISH.code);
            } else {
                // A file that has not come within a few seconds (a stalled network) does not
                // hold the page: it settles in English, and turns to the language if the file
                // still comes.
                {
                    let (asked, arrived) = (asked.clone(), arrived.clone());
                    let (settled, texts) = (settled.clone(), texts.clone());
                    spawn_local(async move {
                        browser::sleep(LANGUAGE_WAIT_MS).await;
                        if *asked.borrow() == language.code && *arrived.borrow() != language.code {
                            texts.set(Rc::new(Texts::english()));
                            settled.set(language.code);
                        }
                    });
                }
                spawn_local(async move {
                    let loaded = fetch_file::<C>(bundle, language)
                        .await
                        .and_then(|json| Texts::<C>::from_part(&json).map_err(|e| e.to_string()));
                    if *asked.borrow() != language.code {
                        return;
                    }
                    *arrived.borrow_mut() = language.code;
                    settled.set(language.code);
                    match loaded {
                        // Gaps show English text by text; the completeness test catches them
                        // before a release.
                        Ok(loaded) => texts.set(Rc::new(loaded)),
                        Err(why) => {
                            browser::warn(&format!(
                                "The {} texts could not be loaded, so the page is in English: {why}",
                                language.name
                            ));
                            texts.set(Rc::new(Texts::english()));
                        }
                    }
                });
            }
        });
    }
    // The document says which language and direction it is in (for screen readers, fonts,
    // hyphenation and the layout's logical sides).
    // Back to English when the view goes (the page's start and not-found views have no
    // texts of their own).
    use_effect_with(texts.language(), |language| {
        mark_document(language);
        || mark_document(&ENGLISH)
    });
    let choose = {
        let wanted = wanted.clone();
        Callback::from(move |language: &'static Language| {
            browser::keep_language(language.code);
            CHOSEN_HERE.with(|chosen| chosen.set(Some(language)));
            wanted.set(language);
        })
    };
    let reset = {
        let wanted = wanted.clone();
        Callback::from(move |()| {
            browser::forget_language();
            CHOSEN_HERE.with(|chosen| chosen.set(None));
            wanted.set(negotiated());
        })
    };
    Lang {
        texts: (*texts).clone(),
        wanted: shown,
        settled: *settled == shown.code,
        choose,
        reset,
    }
}

fn mark_document(language: &'static Language) {
    DOCUMENT_LANGUAGE.with(|told| {
        if let Some(told) = &*told.borrow() {
            told.emit(language);
        }
    });
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", language.code);
        let _ = root.set_attribute("dir", language.dir.attr());
    }
}

/// The language switcher: each language named in itself (and marked as that language, so a
/// screen reader says it right), the one in force selected; `label` names it ("Language", in
/// the language in force).
pub fn switcher<C: Catalog>(lang: &Lang<C>, label: &str) -> Html {
    let onchange = {
        let choose = lang.choose.clone();
        Callback::from(move |e: Event| {
            let code = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(language) = i18n::language(&code) {
                choose.emit(language);
            }
        })
    };
    html! {
        <label class="language">
            <span class="visually-hidden">{ label }</span>
            <select data-testid="language" {onchange} aria-label={label.to_owned()}>
                { for i18n::languages().map(|l| html! {
                    <option value={l.code} lang={l.code} selected={std::ptr::eq(l, lang.wanted)}>
                        { l.name }
                    </option>
                }) }
            </select>
        </label>
    }
}
