//! The organisation page (`#/org`): with `src`, the organisation view of many teams, read and
//! pooled in the results page's reader worker ([`crate::reader::org`]) while this page shows
//! progress and stays free to answer; without it, how to make an organisation file.
//!
//! The page is in the language of the switcher above it ([`use_language`], catalog
//! [`OrgMsg`](crate::i18n::OrgMsg)). The worker draws the view's cards and says what went
//! wrong in the same language: each request carries the page's language file (its part for
//! this page, which also holds the results page's texts the cards' numbers are written with),
//! and a change of language asks for the view again, drawn from the summaries the worker kept
//! (the teams' files are not read again).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::i18n::{OrgMsg as O, Texts};
use crate::reader::org::{Reply, View};
use crate::route::{Bundle, Route};
use crate::views::files::download_blob;
use crate::views::frames::use_parts_per_frame;
use crate::views::lang::{switcher, use_language};

/// The reader worker, built beside the results page.
const WORKER_URL: &str = "../results/candor-reader_loader.js";

#[derive(Properties, PartialEq)]
pub struct OrgProps {
    pub route: Route,
}

/// The page: the language switcher, then the view of an organisation file or how to make one.
#[component]
pub fn Org(props: &OrgProps) -> Html {
    let lang = use_language::<O>(Bundle::Org);
    let texts = lang.texts.clone();
    let body = match &props.route.src {
        Some(src) => html! {
            <OrgView src={src.clone()} texts={texts.clone()} settled={lang.settled} />
        },
        None => html! { <super::org_make::OrgMake texts={texts.clone()} /> },
    };
    html! {
        <>
            <div class="language-row">{ switcher(&lang, texts.get(O::Language)) }</div>
            { body }
        </>
    }
}

/// The language file to send the worker with a request: the page's (`undefined` for English,
/// which the worker has built in).
pub(super) fn language_file(texts: &Texts<O>) -> JsValue {
    texts.source().map_or(JsValue::UNDEFINED, JsValue::from)
}

/// Where the view is.
#[derive(Clone, PartialEq)]
enum Phase {
    /// The worker is starting, or the organisation file is being read.
    Starting,
    Reading {
        read: usize,
        total: usize,
    },
    Ready {
        view: Rc<View>,
        busy: bool,
    },
    Failed(Failure),
}

/// Why the view cannot be shown.
#[derive(Clone, PartialEq)]
enum Failure {
    /// The worker could not start, or stopped.
    Stopped,
    /// The worker answered something this page cannot read.
    Malformed,
    /// The file's address is no web address.
    NotAnAddress(String),
    /// What the worker said (in the language the page asked in).
    Said(String),
}

impl Failure {
    fn said(&self, t: &Texts<O>) -> String {
        match self {
            Self::Stopped => t.get(O::ReaderStopped).to_owned(),
            Self::Malformed => t.get(O::ReaderMalformed).to_owned(),
            Self::NotAnAddress(address) => {
                t.fill(O::NotAnAddress, &[("address", &t.name(address))])
            }
            Self::Said(why) => why.clone(),
        }
    }
}

/// What the page asks of the worker once the teams are read.
enum Ask {
    /// The view by month or quarter, of one period (the latest when `None`).
    View {
        kind: String,
        period: Option<String>,
    },
    /// The whole report by month or quarter, as "csv" or "json".
    Export {
        kind: &'static str,
        format: &'static str,
    },
}

/// The worker and its message handler, kept as long as the view.
struct Reader {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

#[derive(Properties)]
struct ViewProps {
    src: String,
    texts: Rc<Texts<O>>,
    /// The texts are final for the language asked for (see `views::lang::Lang::settled`).
    settled: bool,
}

impl PartialEq for ViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.src == other.src
            && Rc::ptr_eq(&self.texts, &other.texts)
            && self.settled == other.settled
    }
}

/// The texts the page is in now, and the language the worker was last asked to draw in: read
/// by the worker's message handler, made once for the view.
#[derive(Default)]
struct Asking {
    texts: Rc<Texts<O>>,
    drawn_in: Option<&'static str>,
}

#[component]
fn OrgView(props: &ViewProps) -> Html {
    let t = &props.texts;
    let phase = use_state(|| Phase::Starting);
    let reader: Rc<RefCell<Option<Reader>>> = use_mut_ref(|| None);
    let asking: Rc<RefCell<Asking>> = use_mut_ref(Asking::default);
    asking.borrow_mut().texts = t.clone();
    {
        let (phase, reader, asking) = (phase.clone(), reader.clone(), asking.clone());
        use_effect_with(props.src.clone(), move |src| {
            phase.set(Phase::Starting);
            let started = start(src, phase.clone(), asking);
            match started {
                Ok(started) => *reader.borrow_mut() = Some(started),
                Err(failure) => phase.set(Phase::Failed(failure)),
            }
            move || drop(reader.borrow_mut().take())
        });
    }
    let ask = {
        let (phase, reader, asking) = (phase.clone(), reader.clone(), asking.clone());
        let language = language_file(t);
        let code = t.language().code;
        Callback::from(move |ask: Ask| {
            let message = match ask {
                Ask::View { kind, period } => {
                    if let Phase::Ready { view, .. } = &*phase {
                        phase.set(Phase::Ready {
                            view: view.clone(),
                            busy: true,
                        });
                    }
                    asking.borrow_mut().drawn_in = Some(code);
                    js_sys::Array::of4(
                        &"org-view".into(),
                        &kind.into(),
                        &period.map_or(JsValue::NULL, JsValue::from),
                        &language,
                    )
                }
                Ask::Export { kind, format } => js_sys::Array::of4(
                    &"org-export".into(),
                    &kind.into(),
                    &format.into(),
                    &language,
                ),
            };
            if let Some(reader) = reader.borrow().as_ref() {
                let _ = reader.worker.post_message(&message);
            }
        })
    };
    // The view drawn in another language than the page's (chosen since, or its file arrived
    // after the worker was asked): drawn again, from what the worker kept.
    {
        let ready = match &*phase {
            Phase::Ready { view, .. } => Some((view.period.name(), view.shown.clone())),
            _ => None,
        };
        let (ask, asking) = (ask.clone(), asking.clone());
        let now = props.settled.then_some(t.language().code);
        use_effect_with((now, ready), move |(now, ready)| {
            if let (Some(now), Some((kind, period))) = (now, ready)
                && asking.borrow().drawn_in != Some(*now)
            {
                ask.emit(Ask::View {
                    kind: (*kind).to_owned(),
                    period: period.clone(),
                });
            }
        });
    }
    match &*phase {
        Phase::Starting => html! {
            <section class="card" aria-busy="true" data-testid="org-loading">
                <p class="muted">{ t.get(O::ReadingOrgFile) }</p>
            </section>
        },
        Phase::Reading { read, total } => html! {
            <section class="card" aria-busy="true" data-testid="org-progress">
                <h1>{ t.get(O::ReadingTeams) }</h1>
                <label for="org-progress-bar">
                    { t.fill(O::TeamsRead, &[("read", &t.count(*read)), ("total", &t.count(*total))]) }
                </label>
                <progress id="org-progress-bar" max={total.to_string()} value={read.to_string()}></progress>
            </section>
        },
        Phase::Failed(failure) => html! {
            <section class="card notice error" role="alert" data-testid="org-error">
                <h1>{ t.get(O::CannotShow) }</h1>
                <p>{ failure.said(t) }</p>
            </section>
        },
        Phase::Ready { view, busy } => html! {
            <Ready view={view.clone()} busy={*busy} {ask} texts={t.clone()} />
        },
    }
}

/// Starts the worker for the organisation file at `src` (relative to this page), feeding
/// its replies into `phase`; the first request carries the language the page is in when the
/// worker is ready (`asking`).
fn start(
    src: &str,
    phase: UseStateHandle<Phase>,
    asking: Rc<RefCell<Asking>>,
) -> Result<Reader, Failure> {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .ok_or(Failure::Stopped)?;
    // The worker lives in another folder: it is given the file's full address.
    let url = web_sys::Url::new_with_base(src, &page)
        .map_err(|_| Failure::NotAnAddress(src.to_owned()))?
        .href();
    let worker = crate::storage::browser::start_worker(WORKER_URL).map_err(|_| Failure::Stopped)?;
    let on_message = {
        let (worker, phase) = (worker.clone(), phase.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                let mut asking = asking.borrow_mut();
                asking.drawn_in = Some(asking.texts.language().code);
                let _ = worker.post_message(&js_sys::Array::of3(
                    &"org".into(),
                    &url.as_str().into(),
                    &language_file(&asking.texts),
                ));
                return;
            }
            phase.set(match Reply::from_js(&data) {
                // An export: handed to the browser as it came, the view stays as it is.
                Some(Reply::File { name, file }) => return download_blob(&name, &file),
                Some(Reply::Progress { read, total }) => Phase::Reading { read, total },
                Some(Reply::Ready(view)) => Phase::Ready {
                    view: Rc::from(view),
                    busy: false,
                },
                Some(Reply::Failed(why)) => Phase::Failed(Failure::Said(why)),
                None => Phase::Failed(Failure::Malformed),
            });
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        phase.set(Phase::Failed(Failure::Stopped))
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Reader {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

#[derive(Properties)]
struct ReadyProps {
    view: Rc<View>,
    busy: bool,
    ask: Callback<Ask>,
    texts: Rc<Texts<O>>,
}

impl PartialEq for ReadyProps {
    fn eq(&self, other: &Self) -> bool {
        // `ask` is made anew on each draw of the view (it reads the phase it was drawn in).
        Rc::ptr_eq(&self.view, &other.view)
            && self.busy == other.busy
            && self.ask == other.ask
            && Rc::ptr_eq(&self.texts, &other.texts)
    }
}

/// The view of one period: a title with the period picker and exports, then the cards one per
/// frame.
#[component]
fn Ready(props: &ReadyProps) -> Html {
    let (view, t) = (&props.view, &props.texts);
    let cards: Rc<Vec<Rc<str>>> = use_memo(view.clone(), |view| {
        view.cards.iter().map(|c| Rc::from(c.as_str())).collect()
    });
    let shown = use_parts_per_frame(cards.len());
    let kind = view.period.name();
    let on_kind = {
        let ask = props.ask.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                ask.emit(Ask::View {
                    kind: select.value(),
                    period: None,
                });
            }
        })
    };
    let on_period = {
        let ask = props.ask.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                ask.emit(Ask::View {
                    kind: kind.to_owned(),
                    period: Some(select.value()),
                });
            }
        })
    };
    let export = |format: &'static str| {
        let ask = props.ask.clone();
        Callback::from(move |_: MouseEvent| ask.emit(Ask::Export { kind, format }))
    };
    let (download_csv, download_json) = (export("csv"), export("json"));
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let read = view.teams.saturating_sub(view.problems);
    let (read, total) = (t.count(read), t.count(view.teams));
    let read_line = if view.problems > 0 {
        t.fill(
            O::TeamsReadSomeNot,
            &[
                ("read", &read),
                ("total", &total),
                ("unread", &t.count(view.problems)),
            ],
        )
    } else {
        t.fill(O::TeamsRead, &[("read", &read), ("total", &total)])
    };
    html! {
        // `data-drawn`: every card is on the page (for whoever waits for the whole view).
        <div class="org" data-testid="org-view" aria-busy={props.busy.then_some("true")}
            data-drawn={(shown >= cards.len()).then_some("")}>
            <section class="card org-head">
                <h1>{ &view.title }</h1>
                <p class="muted" data-testid="org-read">{ read_line }</p>
                <div class="org-controls no-print">
                    <label>{ t.get(O::PeriodKind) }
                        <select onchange={on_kind} data-testid="org-period-kind">
                            <option value="month" selected={kind == "month"}>{ t.get(O::Month) }</option>
                            <option value="quarter" selected={kind == "quarter"}>{ t.get(O::Quarter) }</option>
                        </select>
                    </label>
                    if !view.periods.is_empty() {
                        <label>{ t.get(O::Period) }
                            <select onchange={on_period} data-testid="org-period">
                                { for view.periods.iter().rev().map(|p| html! {
                                    <option value={p.clone()} selected={view.shown.as_ref() == Some(p)}>{ p }</option>
                                }) }
                            </select>
                        </label>
                    }
                </div>
                <div class="actions no-print">
                    <button type="button" class="button secondary" onclick={download_csv} data-testid="org-csv">{ t.get(O::DownloadCsv) }</button>
                    <button type="button" class="button secondary" onclick={download_json} data-testid="org-json">{ t.get(O::DownloadJson) }</button>
                    <button type="button" class="button secondary" onclick={print}>{ t.get(O::Print) }</button>
                </div>
            </section>
            { for cards.iter().take(shown).enumerate().map(card) }
        </div>
    }
}

/// One card, keyed by its place (see the results page's cards).
fn card((place, markup): (usize, &Rc<str>)) -> Html {
    html! { <Card key={place} markup={markup.clone()} /> }
}

#[derive(Properties)]
struct CardProps {
    markup: Rc<str>,
}

/// The same card when it is the same text, by pointer: the cards already on screen are not
/// compared again, character by character, each time one more is drawn (a thousand teams'
/// heatmaps are megabytes of markup, and comparing them all every frame made each frame
/// slower than the one before).
impl PartialEq for CardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.markup, &other.markup)
    }
}

/// A card of markup the worker wrote (escaped there, see `chart::SafeHtml`).
#[component]
fn Card(props: &CardProps) -> Html {
    Html::from_html_unchecked(AttrValue::from(props.markup.clone()))
}
