//! The organisation page (`#/org`): with `src`, the organisation view of many teams, read and
//! pooled in the results page's reader worker ([`crate::reader::org`]) while this page shows
//! progress and stays free to answer; without it, how to make an organisation file.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::chart::thousands;
use crate::reader::org::{Reply, View};
use crate::route::Route;
use crate::views::files::download_blob;
use crate::views::frames::use_parts_per_frame;

/// The reader worker, built beside the results page.
const WORKER_URL: &str = "../results/candor-reader_loader.js";

#[derive(Properties, PartialEq)]
pub struct OrgProps {
    pub route: Route,
}

#[component]
pub fn Org(props: &OrgProps) -> Html {
    match &props.route.src {
        Some(src) => html! { <OrgView src={src.clone()} /> },
        None => html! { <super::org_make::OrgMake /> },
    }
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
    Failed(String),
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

#[derive(Properties, PartialEq)]
struct ViewProps {
    src: String,
}

#[component]
fn OrgView(props: &ViewProps) -> Html {
    let phase = use_state(|| Phase::Starting);
    let reader: Rc<RefCell<Option<Reader>>> = use_mut_ref(|| None);
    {
        let (phase, reader) = (phase.clone(), reader.clone());
        use_effect_with(props.src.clone(), move |src| {
            phase.set(Phase::Starting);
            let started = start(src, phase.clone());
            match started {
                Ok(started) => *reader.borrow_mut() = Some(started),
                Err(why) => phase.set(Phase::Failed(why)),
            }
            move || drop(reader.borrow_mut().take())
        });
    }
    let ask = {
        let (phase, reader) = (phase.clone(), reader.clone());
        Callback::from(move |ask: Ask| {
            let message = match ask {
                Ask::View { kind, period } => {
                    if let Phase::Ready { view, .. } = &*phase {
                        phase.set(Phase::Ready {
                            view: view.clone(),
                            busy: true,
                        });
                    }
                    js_sys::Array::of3(
                        &"org-view".into(),
                        &kind.into(),
                        &period.map_or(JsValue::NULL, JsValue::from),
                    )
                }
                Ask::Export { kind, format } => {
                    js_sys::Array::of3(&"org-export".into(), &kind.into(), &format.into())
                }
            };
            if let Some(reader) = reader.borrow().as_ref() {
                let _ = reader.worker.post_message(&message);
            }
        })
    };
    match &*phase {
        Phase::Starting => html! {
            <section class="card" aria-busy="true" data-testid="org-loading">
                <p class="muted">{ "Reading the organisation file…" }</p>
            </section>
        },
        Phase::Reading { read, total } => html! {
            <section class="card" aria-busy="true" data-testid="org-progress">
                <h1>{ "Reading the teams' results" }</h1>
                <label for="org-progress-bar">{ format!("{} of {} teams read", thousands(*read), thousands(*total)) }</label>
                <progress id="org-progress-bar" max={total.to_string()} value={read.to_string()}></progress>
            </section>
        },
        Phase::Failed(why) => html! {
            <section class="card notice error" role="alert" data-testid="org-error">
                <h1>{ "The organisation cannot be shown" }</h1>
                <p>{ why }</p>
            </section>
        },
        Phase::Ready { view, busy } => html! {
            <Ready view={view.clone()} busy={*busy} {ask} />
        },
    }
}

/// Starts the worker for the organisation file at `src` (relative to this page), feeding
/// its replies into `phase`.
fn start(src: &str, phase: UseStateHandle<Phase>) -> Result<Reader, String> {
    let failed = "the file reader could not start".to_owned();
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .ok_or_else(|| failed.clone())?;
    // The worker lives in another folder: it is given the file's full address.
    let url = web_sys::Url::new_with_base(src, &page)
        .map_err(|_| format!("{src} is not a web address"))?
        .href();
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| failed.clone())?;
    let on_message = {
        let (worker, phase) = (worker.clone(), phase.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                let _ =
                    worker.post_message(&js_sys::Array::of2(&"org".into(), &url.as_str().into()));
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
                Some(Reply::Failed(why)) => Phase::Failed(why),
                None => Phase::Failed("the file reader sent an answer Candor cannot use".into()),
            });
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        phase.set(Phase::Failed(
            "the file reader could not start or stopped".into(),
        ))
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
}

impl PartialEq for ReadyProps {
    fn eq(&self, other: &Self) -> bool {
        // `ask` is made anew on each draw of the view (it reads the phase it was drawn in).
        Rc::ptr_eq(&self.view, &other.view) && self.busy == other.busy && self.ask == other.ask
    }
}

/// The view of one period: a title with the period picker and exports, then the cards one per
/// frame.
#[component]
fn Ready(props: &ReadyProps) -> Html {
    let view = &props.view;
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
    let read = view.teams - view.problems;
    html! {
        // `data-drawn`: every card is on the page (for whoever waits for the whole view).
        <div class="org" data-testid="org-view" aria-busy={props.busy.then_some("true")}
            data-drawn={(shown >= cards.len()).then_some("")}>
            <section class="card org-head">
                <h1>{ &view.title }</h1>
                <p class="muted" data-testid="org-read">
                    { format!("{} of {} teams read", thousands(read), thousands(view.teams)) }
                    if view.problems > 0 { { format!("; {} could not be (listed at the end)", thousands(view.problems)) } }
                </p>
                <div class="org-controls no-print">
                    <label>{ "Line rounds up by " }
                        <select onchange={on_kind} data-testid="org-period-kind">
                            <option value="month" selected={kind == "month"}>{ "month" }</option>
                            <option value="quarter" selected={kind == "quarter"}>{ "quarter" }</option>
                        </select>
                    </label>
                    if !view.periods.is_empty() {
                        <label>{ "Period " }
                            <select onchange={on_period} data-testid="org-period">
                                { for view.periods.iter().rev().map(|p| html! {
                                    <option value={p.clone()} selected={view.shown.as_ref() == Some(p)}>{ p }</option>
                                }) }
                            </select>
                        </label>
                    }
                </div>
                <div class="actions no-print">
                    <button type="button" class="button secondary" onclick={download_csv} data-testid="org-csv">{ "Download CSV" }</button>
                    <button type="button" class="button secondary" onclick={download_json} data-testid="org-json">{ "Download JSON" }</button>
                    <button type="button" class="button secondary" onclick={print}>{ "Print" }</button>
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
