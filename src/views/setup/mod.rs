//! The facilitator's page (`#/setup`): create a survey from the templates, choose where its
//! file lives, open and close rounds, note events and agreed actions, edit the questions, and
//! share the link (copy, share sheet, QR code, iframe snippet).
//!
//! One module per card; the page's state once a file is open is a pure reducer
//! ([`state::Workspace`]). Every change goes through [`crate::model::Change`] and is written
//! by [`write`] where the file lives, through the same write protocol as answers, so a
//! facilitator's edit and respondents' submissions never overwrite each other.

mod command;
mod create;
mod editor;
mod file;
mod key;
mod listeners;
mod next;
mod rounds;
mod share;
mod state;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::chart::{Markup, SafeHtml};
use crate::i18n::{SetupMsg as S, Texts};
use crate::model::{Change, Document, templates};
use crate::route::{Bundle, Page, Route};
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::lang::{switcher, use_language};
use crate::views::load::{Load, failed_card, loading_card, use_load};
use crate::views::named_target;
use state::{Action, Home, Status, Workspace};

#[derive(Properties, PartialEq)]
pub struct SetupProps {
    pub route: Route,
}

impl Reducible for Workspace {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.next(action))
    }
}

/// A team file just opened or created, and what to say about it.
#[derive(PartialEq)]
struct Opened {
    doc: Document,
    home: Home,
    said: Option<String>,
}

#[component]
pub fn Setup(props: &SetupProps) -> Html {
    let source = Source::from_src(props.route.src.as_deref());
    let lang = use_language::<S>(Bundle::Setup);
    let t = lang.texts.clone();
    // What to say once the file named by the address is read: a survey just created at a
    // URL moves the address to that file, and the page reads it from there.
    let carried = use_mut_ref(|| None::<String>);
    let phase = {
        let carried = carried.clone();
        use_load(&source, move |source| async move {
            let doc = browser::load(&source).await?;
            Ok(Rc::new(Opened {
                doc,
                home: Home::Store(source),
                said: carried.borrow_mut().take(),
            }))
        })
    };
    // What the page says before a file is open (opening one from disk can fail).
    let status = use_state(|| None::<Status>);
    let body = match &*phase {
        Load::Loading => loading_card("card", t.get(S::Loading)),
        Load::Failed(error) => failed_card(
            t.get(S::CannotOpen),
            "setup-error",
            error.sentence_in(&t),
            html! { <p>{ t.get(S::NeverOverwrites) }</p> },
        ),
        Load::Ready(opened) => {
            html! { <WorkspaceView opened={opened.clone()} texts={t.clone()} /> }
        }
        Load::Missing => {
            let embed = props.route.embed;
            let ready = {
                let (phase, carried) = (phase.clone(), carried.clone());
                Callback::from(move |opened: Opened| {
                    if let Home::Store(Source::Remote(url)) = &opened.home {
                        // Set-up of the shared file from now on (the address says which file):
                        // the page reads it from there, and says what was done.
                        let route = Route {
                            page: Page::Setup,
                            src: Some(url.clone()),
                            embed,
                            key: None,
                        };
                        let location = web_sys::window().map(|w| w.location());
                        let hash = route.to_hash();
                        if let Some(location) =
                            location.filter(|l| l.hash().ok().as_deref() != Some(hash.as_str()))
                        {
                            *carried.borrow_mut() = opened.said.clone();
                            let _ = location.set_hash(&hash);
                        }
                    }
                    phase.set(Load::Ready(Rc::new(opened)));
                })
            };
            let openers = listeners::Openers {
                opened: {
                    let (ready, t) = (ready.clone(), t.clone());
                    Callback::from(move |(file, doc): (DiskFile, Document)| {
                        let said = Some(t.fill(S::Opened, &[("name", &t.name(&file.name))]));
                        ready.emit(Opened {
                            doc,
                            home: Home::Disk(file),
                            said,
                        });
                    })
                },
                failed: {
                    let status = status.clone();
                    Callback::from(move |e: UiError| status.set(Some(Status::Failed(e))))
                },
            };
            let onclick = {
                let openers = openers.clone();
                Callback::from(move |e: MouseEvent| {
                    let used =
                        named_target(e.target(), command::COMMAND_ATTR, command::Command::parse);
                    if matches!(used, Some((_, command::Command::OpenDisk))) {
                        listeners::open_disk(&openers);
                    }
                })
            };
            let onchange = Callback::from(move |e: Event| listeners::pick(None, &openers, &e));
            // The new-survey form is drawn once its language has settled: drawn again in
            // another language, it would lose what was typed.
            if !lang.settled {
                return html! {
                    <div class="setup" data-testid="setup-view">{ loading_card("card", t.get(S::Loading)) }</div>
                };
            }
            let mut m = Markup::new();
            m.open(
                "section",
                &[("class", "card"), ("data-testid", "open-disk")],
            )
            .element("h2", &[], t.get(S::HaveFile))
            .element("p", &[("class", "hint")], t.get(S::HaveFileHint));
            file::open_from_disk(&mut m, &t, disk::has_file_access());
            m.close("section");
            html! {
                <>
                    { status_line(&t, status.as_ref()) }
                    <create::Create source={source.clone()} texts={t.clone()} created={ready} />
                    <div {onclick} {onchange}>{ markup(m) }</div>
                </>
            }
        }
    };
    html! {
        <div class="setup" data-testid="setup-view">
            <div class="language-row">{ switcher(&lang, t.get(S::Language)) }</div>
            { body }
        </div>
    }
}

/// The page's live region: the last outcome, an error in its own colour.
fn status_line(t: &Texts<S>, status: Option<&Status>) -> Html {
    html! {
        <p class="status" role="status" aria-live="polite" data-testid="setup-status">
            { status_text(t, status) }
        </p>
    }
}

/// An outcome in words (an error in its own colour).
pub(super) fn status_text(t: &Texts<S>, status: Option<&Status>) -> Html {
    match status {
        Some(Status::Failed(e)) => {
            html! { <span class="error-text">{ e.sentence_in(t) }</span> }
        }
        Some(Status::Done(text)) => html! { { text.clone() } },
        None => html! {},
    }
}

#[derive(Properties)]
struct WorkspaceProps {
    opened: Rc<Opened>,
    texts: Rc<Texts<S>>,
}

impl PartialEq for WorkspaceProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.opened, &other.opened) && Rc::ptr_eq(&self.texts, &other.texts)
    }
}

/// An open file, compared by identity: every change makes a new one, and comparing two large
/// files field by field on every drawing would cost more than what it saves.
struct Same(Rc<Document>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What a card hands the page: a change to write, with what to say once it is written.
pub(crate) type Apply = Callback<(Change, S)>;

/// The cards of an open team file: all but the question editor are markup ([`Markup`]),
/// answered by the [`listeners`] on their common element.
#[component]
fn WorkspaceView(props: &WorkspaceProps) -> Html {
    let state = {
        let opened = props.opened.clone();
        use_reducer(move || {
            Workspace::new(opened.doc.clone(), opened.home.clone(), opened.said.clone())
        })
    };
    let t = &props.texts;
    let dispatch = state.dispatcher();
    let apply: Apply = {
        let (state, dispatch, t) = (state.clone(), dispatch.clone(), t.clone());
        Callback::from(move |(change, done): (Change, S)| {
            let (doc, home, dispatch) = (state.doc.clone(), state.home.clone(), dispatch.clone());
            let done = t.get(done).to_owned();
            let keep = t.get(S::DownloadToKeep).to_owned();
            spawn_local(async move {
                dispatch.dispatch(match write(&home, &doc, &change).await {
                    Ok(doc) => {
                        let said = if home.keeps_changes_here() {
                            format!("{done} {keep}")
                        } else {
                            done
                        };
                        Action::Changed { doc, said }
                    }
                    Err(e) => Action::Failed(e),
                });
            });
        })
    };
    let openers = listeners::Openers {
        opened: {
            let (dispatch, t) = (dispatch.clone(), t.clone());
            Callback::from(move |(file, doc): (DiskFile, Document)| {
                let said = t.fill(S::Opened, &[("name", &t.name(&file.name))]);
                dispatch.dispatch(Action::Opened { file, doc, said })
            })
        },
        failed: {
            let dispatch = dispatch.clone();
            Callback::from(move |e: UiError| dispatch.dispatch(Action::Failed(e)))
        },
    };
    let onclick = {
        let (state, apply, dispatch, openers, t) = (
            state.clone(),
            apply.clone(),
            dispatch.clone(),
            openers.clone(),
            t.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            listeners::click(&state, &t, &apply, &dispatch, &openers, &e)
        })
    };
    // A card drawn anew replaces the field someone just typed in: focus goes back to it.
    let refocus = use_mut_ref(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            if let Some(testid) = refocus.borrow_mut().take() {
                let field = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| {
                        d.query_selector(&format!("[data-testid=\"{testid}\"]"))
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(field) = field {
                    let _ = field.focus();
                }
            }
        });
    }
    let onsubmit = {
        let (state, apply, refocus, t) = (state.clone(), apply.clone(), refocus.clone(), t.clone());
        Callback::from(move |e: SubmitEvent| {
            if let Some(testid) = listeners::submit(&state, &t, &apply, &e) {
                *refocus.borrow_mut() = Some(testid);
            }
        })
    };
    let onchange = {
        let apply = apply.clone();
        Callback::from(move |e: Event| listeners::pick(Some(&apply), &openers, &e))
    };
    // The cards show rounds named after their month in the page's language ("diciembre de
    // 2026"); the file keeps its names, and every change names a round by its id.
    // Made once per file and language, not on every drawing (a file can be large).
    let code = t.language().code;
    let shown = use_memo((Same(state.doc.clone()), code), |(Same(doc), code)| {
        (*code != crate::i18n::ENGLISH.code).then(|| {
            let mut doc = (**doc).clone();
            for round in &mut doc.rounds {
                round.label = templates::label_in(round, code, browser::month_label);
            }
            doc
        })
    });
    let doc: &Document = shown.as_ref().as_ref().unwrap_or(&state.doc);
    let today = today();
    let mut top = Markup::new();
    // The respondent link, when the survey has one (not for a file on this computer).
    let mut next_link = None;
    match &state.home {
        Home::Disk(file) => {
            let here = browser::device_load()
                .ok()
                .flatten()
                .filter(|here| here.survey.id == doc.survey.id);
            share::collect_card(
                &mut top,
                t,
                doc,
                &file.name,
                here.map(|h| h.responses.len() + h.sealed_answers.len()),
            );
        }
        Home::Store(source) => {
            let window = web_sys::window();
            let page = window
                .as_ref()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let origin = window
                .as_ref()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            let can_share = window
                .map(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
                .unwrap_or(false);
            let src = match source {
                Source::Remote(url) => Some(url.as_str()),
                Source::Device => None,
            };
            let link = crate::share::respondent_link(&page, Bundle::Setup, src, false);
            let embed_link = crate::share::respondent_link(&page, Bundle::Setup, src, true);
            let snippet = crate::share::iframe_snippet(&embed_link, &origin);
            share::share_card(&mut top, t, doc, &link, &snippet, src.is_some(), can_share);
            // A survey on this device only has no link the team could answer by.
            if src.is_some() {
                next_link = Some(link);
            }
        }
    }
    let new_label = templates::monthly_round(&today)
        .map(|r| templates::label_in(&r, code, browser::month_label))
        .unwrap_or_default();
    let mut cards = vec![top.take()];
    rounds::rounds_card(&mut top, t, doc, &new_label);
    cards.push(top.take());
    rounds::events_card(&mut top, t, doc, &today);
    if !top.is_empty() {
        cards.push(top.take());
    }
    rounds::actions_card(&mut top, t, doc);
    if !top.is_empty() {
        cards.push(top.take());
    }
    if let Some(link) = &next_link {
        next::next_round_card(&mut top, t, doc, link, &today);
        if !top.is_empty() {
            cards.push(top.take());
        }
    }
    let results = Route {
        page: Page::Results,
        src: match &state.home {
            Home::Store(Source::Remote(url)) => Some(url.clone()),
            _ => None,
        },
        embed: false,
        key: None,
    };
    let mut key_card = Markup::new();
    {
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        // An absolute link: it is sent to someone else.
        let results_link = |key: Option<&str>| {
            crate::share::results_link(&page, Bundle::Setup, results.src.as_deref(), key)
        };
        let kept = browser::kept_key(&doc.survey.id).is_some();
        key::key_card(&mut key_card, t, doc, &results_link, kept);
    }
    // A key just made comes first: saving it is part of creating the survey.
    let at = if key::new_key(&doc.survey.id).is_some() {
        0
    } else {
        1
    };
    cards.insert(at.min(cards.len()), key_card.take());
    let mut end = Markup::new();
    file::file_card(
        &mut end,
        t,
        &state,
        &Bundle::Setup.href(&results),
        disk::has_file_access(),
    );
    html! {
        <>
            { status_line(t, state.status.as_ref()) }
            // One wrapping element, so the loading card is replaced rather than reused for
            // the last card (which then jumped down as the others arrived above it).
            <div class="setup-cards" {onclick} {onsubmit} {onchange}>
                { for cards.into_iter().map(safe) }
                <editor::Editor doc={state.doc.clone()} draft={state.draft.clone()} texts={t.clone()} apply={apply.clone()} dispatch={dispatch.clone()} />
                { markup(end) }
            </div>
        </>
    }
}

/// Markup the writer made, on the page.
fn safe(html: SafeHtml) -> Html {
    Html::from_html_unchecked(AttrValue::from(html.into_string()))
}

fn markup(m: Markup) -> Html {
    safe(m.finish())
}

/// Writes `change` where the file lives and returns the file as it now is: through the
/// write protocol for a store, back into a disk file the browser can write, or (a disk file
/// it cannot write) applied here, to be downloaded.
pub(super) async fn write(
    home: &Home,
    doc: &Document,
    change: &Change,
) -> Result<Document, UiError> {
    match home {
        Home::Store(source) => Ok(browser::change(source, change).await?),
        Home::Disk(file) if file.can_write() => Ok(disk::change(file, change).await?),
        Home::Disk(_) => {
            let mut next = doc.clone();
            next.change(change)
                .map_err(|e| UiError::Invalid(e.to_string()))?;
            Ok(next)
        }
    }
}

/// Today on this device, as YYYY-MM-DD.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
