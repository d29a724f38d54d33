//! The results page's view (`#/results`): fetches the team file, has the drawing worker read
//! and draw it ([`crate::reader::draw`]), shows the [`crate::dashboard`]'s cards one per frame, and answers the dashboard's
//! actions through [`listeners`]. The cards themselves are drawn by the pure dashboard layer.

mod listeners;
mod retro;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::dashboard::{
    self, FILE_PICK, FILE_PICK_ATTR, KEY_PICK, Mode, Prepared, RELEASE_KEY_ID, Readouts,
};
use crate::i18n::{ResultsMsg as M, Texts};
use crate::reader::draw::{self, DrawError, Drawing, Read};
use crate::route::{Bundle, Page, Route};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::files::read_picked_text;
use crate::views::frames::use_parts_per_frame;
use crate::views::lang::{switcher, use_language};
use crate::views::load::{Load, failed_card, loading_card, use_load_when};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub route: Route,
}

/// A loaded file's dashboard, and what its exports need.
pub(crate) struct Loaded {
    pub source: Source,
    /// The bytes of a file picked from this computer (no source to read them from again).
    pub picked: Option<Vec<u8>>,
    pub survey_id: String,
    pub csv: String,
    pub readouts: Readouts,
    /// Read and drawn in the drawing worker (always, but in the browser tests).
    pub in_worker: bool,
    /// The results key to offer in the release card: from the key holder's link, or kept in
    /// this browser when the survey was created here.
    pub key: Option<String>,
    /// Retro mode's address for the same file (the dashboard's "Present" button).
    pub retro_hash: String,
    /// The texts the cards were drawn in (the page's own words match them).
    pub texts: Rc<Texts<M>>,
    /// The cards as the framework holds them (moved, not copied, from the dashboard's).
    cards: Vec<AttrValue>,
}

impl Loaded {
    fn new(
        source: Source,
        picked: Option<Vec<u8>>,
        read: Read,
        key: Option<String>,
        retro_hash: String,
        texts: Rc<Texts<M>>,
    ) -> Rc<Self> {
        let Read {
            prepared:
                Prepared {
                    survey_id,
                    csv,
                    cards,
                    readouts,
                },
            in_worker,
        } = read;
        let key = key.or_else(|| browser::kept_key(&survey_id));
        Rc::new(Self {
            source,
            picked,
            survey_id,
            csv,
            key,
            retro_hash,
            texts,
            readouts,
            in_worker,
            cards: cards
                .into_iter()
                .map(|card| AttrValue::from(card.into_string()))
                .collect(),
        })
    }
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let source = Source::from_src(props.route.src.as_deref());
    let route_key = props.route.key.clone();
    let retro = props.route.page == Page::Retro;
    let retro_hash = props.route.with_page(Page::Retro).to_hash();
    let results_hash = props.route.with_page(Page::Results).to_hash();
    // The key holder's link carries the key in its fragment: kept in memory for the release
    // card, and taken out of the address (and so out of this browser's history) at once.
    {
        let route = props.route.clone();
        use_effect_with(route.key.is_some(), move |&has_key| {
            if has_key {
                let hash = Route { key: None, ..route }.to_hash();
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&hash),
                    );
                }
            }
        });
    }
    let lang = use_language::<M>(Bundle::Results);
    let texts = lang.texts.clone();
    let mode = if retro {
        Mode::Retro
    } else {
        Mode::Dashboard { presentable: true }
    };
    // A file picked from this computer, kept so that a change of language draws it again
    // (it has no address to read it from).
    let picked = use_mut_ref(|| None::<(Source, Vec<u8>)>);
    let phase = {
        let (retro_hash, texts, picked) = (retro_hash.clone(), texts.clone(), picked.clone());
        // Retro mode and the dashboard are separate mounts (keyed by page in
        // `views::results_page`), so each reads the file for itself. Drawn once the
        // language's texts are there, and again in another language when one is chosen.
        let when = lang.settled.then_some(texts.language().code);
        use_load_when(&source, when, move |source| async move {
            let kept = picked.borrow().clone().filter(|(from, _)| *from == source);
            if let Some((_, bytes)) = kept {
                return draw_picked(source, bytes, retro_hash, texts).await;
            }
            // The drawing worker loads while the file is fetched.
            let drawing = Drawing::start();
            let (bytes, offline_copy) = browser::read_file(&source).await?;
            let read = draw::prepare(drawing, bytes, offline_copy, mode, &texts)
                .await
                .map_err(|e| match e {
                    DrawError::File(why) => UiError::BadFile(why),
                    DrawError::Worker(e) => UiError::Reader(e),
                })?;
            Ok(Loaded::new(
                source, None, read, route_key, retro_hash, texts,
            ))
        })
    };
    // "Open a team file…" (in the dashboard's markup): recognised by its input, so no other
    // change event on the page is taken for a file pick.
    let onchange = {
        let (phase, source, retro_hash) = (phase.clone(), source.clone(), retro_hash.clone());
        let texts = texts.clone();
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            match input.get_attribute(FILE_PICK_ATTR).as_deref() {
                Some(FILE_PICK) => {}
                // The release card's key file: its key goes into the key field.
                Some(KEY_PICK) => {
                    spawn_local(async move {
                        let key = read_picked_text(&input).await.ok().and_then(|text| {
                            text.lines()
                                .map(str::trim)
                                .find(|l| !l.is_empty() && !l.starts_with('#'))
                                .map(str::to_owned)
                        });
                        let field = element(RELEASE_KEY_ID)
                            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
                        if let (Some(key), Some(field)) = (key, field) {
                            // Shares of a split key are gathered one file at a time.
                            let held = field.value();
                            if crate::seal::is_share(&key) && crate::seal::is_share(held.trim()) {
                                field.set_value(&format!("{} {key}", held.trim()));
                            } else {
                                field.set_value(&key);
                            }
                        }
                    });
                    return;
                }
                _ => return,
            }
            let (phase, source, retro_hash) = (phase.clone(), source.clone(), retro_hash.clone());
            let (texts, picked) = (texts.clone(), picked.clone());
            spawn_local(async move {
                let opened = async {
                    let bytes = read_picked_text(&input).await?.into_bytes();
                    *picked.borrow_mut() = Some((source.clone(), bytes.clone()));
                    draw_picked(source, bytes, retro_hash, texts).await
                };
                phase.set(opened.await.into());
            });
        })
    };
    let body = match &*phase {
        Load::Loading => loading_card("card chart-space", texts.get(M::Loading)),
        Load::Missing => missing(&texts, &source, &props.route),
        Load::Failed(error) => failed_card(
            texts.get(M::CannotShow),
            "results-error",
            &error.sentence_in(&texts),
            None,
        ),
        Load::Ready(loaded) if retro => {
            html! { <retro::Retro loaded={loaded.clone()} back={results_hash.clone()} /> }
        }
        Load::Ready(loaded) => html! { <Dashboard loaded={loaded.clone()} /> },
    };
    // The switcher sits above the dashboard; retro mode, on a shared screen, has none.
    let language = (!retro).then(|| {
        html! { <div class="language-row">{ switcher(&lang, texts.get(M::Language)) }</div> }
    });
    html! {
        <div class="results" data-testid="results-view" {onchange}>
            { for language }
            { body }
        </div>
    }
}

/// The dashboard of a file picked from this computer (drawn in the drawing worker too); the
/// bytes are kept for "Download team file". No retro button: a picked file has no
/// address to present it from.
async fn draw_picked(
    source: Source,
    bytes: Vec<u8>,
    retro_hash: String,
    texts: Rc<Texts<M>>,
) -> Result<Rc<Loaded>, UiError> {
    let dashboard = Mode::Dashboard { presentable: false };
    let read = draw::prepare(Drawing::start(), bytes.clone(), false, dashboard, &texts)
        .await
        .map_err(|e| match e {
            DrawError::File(why) => UiError::NotATeamFile(why),
            DrawError::Worker(e) => UiError::Reader(e),
        })?;
    Ok(Loaded::new(
        source,
        Some(bytes),
        read,
        None,
        retro_hash,
        texts,
    ))
}

fn missing(t: &Texts<M>, source: &Source, route: &Route) -> Html {
    let demo = Route {
        page: Page::Results,
        src: Some("demo.json".to_owned()),
        embed: route.embed,
        key: None,
    };
    let text = match source {
        Source::Device => t.get(M::NoSurveyHere).to_owned(),
        Source::Remote(url) => t.fill(M::NoFileAt, &[("url", url)]),
    };
    let card = dashboard::missing(
        t,
        &text,
        &Bundle::Results.href(&demo),
        &Bundle::Results.href(&route.with_page(Page::Setup)),
    );
    crate::views::markup(card)
}

/// One card of the dashboard, keyed by its place: a framework list without keys would match
/// the cards from the end and write every card again when one is added.
fn card((place, markup): (usize, &AttrValue)) -> Html {
    yew::virtual_dom::VList::with_children(
        vec![Html::from_html_unchecked(markup.clone())],
        Some(place.into()),
    )
    .into()
}

#[derive(Properties)]
struct DashboardProps {
    loaded: Rc<Loaded>,
}

impl PartialEq for DashboardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded)
    }
}

/// The dashboard with its three listeners. The first card (title, summary, exports) is
/// painted first; every frame after it adds one more card, so each frame lays out one card
/// instead of one task laying out the whole page (on a slow phone, that task kept the page
/// from answering taps for a quarter of a second).
#[component]
fn Dashboard(props: &DashboardProps) -> Html {
    let loaded = &props.loaded;
    let shown = use_parts_per_frame(loaded.cards.len());
    let onclick = {
        let loaded = loaded.clone();
        Callback::from(move |e: MouseEvent| listeners::click(&loaded, &e))
    };
    let onfocusin = {
        let loaded = loaded.clone();
        Callback::from(move |e: FocusEvent| listeners::focus(&loaded, &e))
    };
    let onkeydown = Callback::from(|e: KeyboardEvent| listeners::key(&e));
    // The key from the key holder's link (or kept here) goes into the release card's field
    // once it is drawn, unless someone typed there already.
    {
        let key = loaded.key.clone();
        use_effect_with(shown, move |_| {
            let field = element(RELEASE_KEY_ID)
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (Some(key), Some(field)) = (key, field)
                && field.value().is_empty()
            {
                field.set_value(&key);
            }
        });
    }
    html! {
        <div class="dashboard" data-read-in={if loaded.in_worker { "worker" } else { "page" }} {onclick} {onfocusin} {onkeydown}>
            { for loaded.cards.iter().take(shown).enumerate().map(card) }
        </div>
    }
}

/// The element with `id` on the page.
fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// `target` as an element, if it is one.
fn as_element(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target?.dyn_into().ok()
}
