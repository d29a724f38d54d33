//! The facilitator's page (`#/setup`): create a survey from the templates, choose where its
//! file lives, open and close rounds, note events and agreed actions, edit the questions, and
//! share the link (copy, share sheet, QR code, iframe snippet).
//!
//! The open file is the [`crate::desk`]'s, reached through [`desk_link`]: it draws the cards
//! (one module each, pure markup, the question editor among them, its draft kept there too)
//! and makes every change where the file lives, through the same write protocol as answers,
//! so a facilitator's edit and respondents' submissions never overwrite each other. The page
//! keeps the file's [`Facts`] in a pure reducer ([`state::Workspace`]) and answers what is
//! done on the cards ([`listeners`]).

mod create;
mod desk_link;
mod listeners;
mod state;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::chart::SafeHtml;
use crate::desk::command::SUBJECT_ATTR;
use crate::desk::editor::CONTROL_ATTR;
use crate::desk::{Cards, Edit, Facts, Scene, command};
use crate::i18n::{SetupMsg as S, Texts};
use crate::route::{Bundle, Page, Route};
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::lang::{switcher, use_language};
use crate::views::load::{Load, failed_card, loading_card, use_load};
use crate::views::named_target;
use desk_link::DeskLink;
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
    facts: Facts,
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
    // The open file, whichever way it was opened.
    let desk = use_memo((), |_| DeskLink::default());
    let phase = {
        let (carried, desk) = (carried.clone(), desk.clone());
        use_load(&source, move |source| async move {
            let facts = desk.load(&source).await?;
            Ok(Rc::new(Opened {
                facts,
                home: Home::Store(source),
                said: carried.borrow_mut().take(),
            }))
        })
    };
    // What the page says before a file is open (opening one from disk can fail).
    let status = use_state(|| None::<Status>);
    // With no file to open: the new-survey form's fields and the card that opens a file from
    // this computer, drawn by the desk once the page's language has settled, and again in
    // another language chosen on the page.
    let form = use_state(|| None::<Result<Rc<(AttrValue, AttrValue)>, UiError>>);
    {
        let wanted = matches!(*phase, Load::Missing) && lang.settled;
        let (form, desk, t) = (form.clone(), desk.clone(), t.clone());
        let url = match &source {
            Source::Remote(url) => url.clone(),
            Source::Device => String::new(),
        };
        let code = t.language().code;
        use_effect_with((wanted, code), move |(wanted, _)| {
            if *wanted {
                spawn_local(async move {
                    let drawn = desk
                        .form(&url, &t)
                        .await
                        .map(|(fields, open)| Rc::new((on_page(fields), on_page(open))));
                    form.set(Some(drawn));
                });
            }
        });
    }
    let body = match &*phase {
        Load::Loading => loading_card("card", t.get(S::Loading)),
        Load::Failed(error) => failed_card(
            t.get(S::CannotOpen),
            "setup-error",
            &error.sentence_in(&t),
            Some(t.get(S::NeverOverwrites)),
        ),
        Load::Ready(opened) => {
            html! { <WorkspaceView opened={opened.clone()} texts={t.clone()} desk={desk.clone()} /> }
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
                    Callback::from(move |(file, facts): (DiskFile, Facts)| {
                        let said = Some(t.fill(S::Opened, &[("name", &t.name(&file.name))]));
                        ready.emit(Opened {
                            facts,
                            home: Home::Disk(file),
                            said,
                        });
                    })
                },
                failed: {
                    let status = status.clone();
                    Callback::from(move |e: UiError| status.set(Some(Status::Failed(e))))
                },
                desk: desk.clone(),
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
            match &*form {
                // The new-survey form is drawn once its language has settled: drawn again in
                // another language, it would lose what was typed.
                None => loading_card("card", t.get(S::Loading)),
                Some(Err(e)) => failed_card(
                    t.get(S::FormFailed),
                    "create-error",
                    &e.sentence_in(&t),
                    None,
                ),
                Some(Ok(drawn)) => html! {
                    <>
                        { status_line(&t, status.as_ref()) }
                        <create::Create fields={drawn.0.clone()} texts={t.clone()} created={ready} desk={desk.clone()} />
                        <div {onclick} {onchange}>{ Html::from_html_unchecked(drawn.1.clone()) }</div>
                    </>
                },
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

#[derive(Properties, PartialEq)]
struct WorkspaceProps {
    opened: Rc<Opened>,
    texts: Rc<Texts<S>>,
    desk: Rc<DeskLink>,
}

/// What a card hands the page: a change to make, with what to say once it is written.
pub(crate) type Apply = Callback<(Edit, S)>;

/// The cards of an open team file: markup drawn by the desk, answered by the [`listeners`]
/// on their common element.
#[component]
fn WorkspaceView(props: &WorkspaceProps) -> Html {
    let state = {
        let opened = props.opened.clone();
        use_reducer(move || {
            Workspace::new(
                opened.facts.clone(),
                opened.home.clone(),
                opened.said.clone(),
            )
        })
    };
    let t = &props.texts;
    let desk = &props.desk;
    let dispatch = state.dispatcher();
    let apply: Apply = {
        let (state, dispatch, desk, t) = (state.clone(), dispatch.clone(), desk.clone(), t.clone());
        Callback::from(move |(edit, done): (Edit, S)| {
            let (home, dispatch, desk) = (state.home.clone(), dispatch.clone(), desk.clone());
            let done = t.get(done).to_owned();
            let keep = t.get(S::DownloadToKeep).to_owned();
            let unchanged = t.get(S::NothingChanged).to_owned();
            spawn_local(async move {
                dispatch.dispatch(match desk.write(&home, edit).await {
                    // Nothing to say done (a survey saved as it was, an event with no name).
                    Ok((_, false)) => Action::Said(unchanged),
                    Ok((facts, true)) => {
                        let said = if home.keeps_changes_here() {
                            format!("{done} {keep}")
                        } else {
                            done
                        };
                        Action::Changed { facts, said }
                    }
                    Err(e) => Action::Failed(e),
                });
            });
        })
    };
    let openers = listeners::Openers {
        opened: {
            let (dispatch, t) = (dispatch.clone(), t.clone());
            Callback::from(move |(file, facts): (DiskFile, Facts)| {
                let said = t.fill(S::Opened, &[("name", &t.name(&file.name))]);
                dispatch.dispatch(Action::Opened { file, facts, said })
            })
        },
        failed: {
            let dispatch = dispatch.clone();
            Callback::from(move |e: UiError| dispatch.dispatch(Action::Failed(e)))
        },
        desk: desk.clone(),
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
            listeners::click(&state, &t, &apply, &dispatch, &openers, &e);
            listeners::edit(&openers.desk, &dispatch, e.target(), true);
        })
    };
    // The cards, drawn by the desk for the page as it is now (`state.version`), in the page's
    // language. Until they come, the last ones stay.
    let cards = use_state(|| None::<Rc<Drawn>>);
    // Cards drawn anew replace the field someone is in: focus goes back to it once the cards
    // with the change are on the page.
    let refocus = use_mut_ref(|| None::<Focus>);
    // Cards that came while a pointer was down wait until it is up: replacing the button
    // under it (a field's change arrives as it loses focus, on the press) would lose the click.
    let arriving = use_mut_ref(Arriving::default);
    {
        let (cards, refocus, arriving) = (cards.clone(), refocus.clone(), arriving.clone());
        use_effect_with((), move |()| {
            let window = web_sys::window();
            let listeners = window.map(|window| {
                ["pointerup", "pointercancel"].map(|event| {
                    let (cards, refocus, arriving) =
                        (cards.clone(), refocus.clone(), arriving.clone());
                    gloo_events::EventListener::new(&window, event, move |_| {
                        arriving.borrow_mut().pressed = false;
                        let Some(drawn) = arriving.borrow_mut().waiting.take() else {
                            return;
                        };
                        // After the click this release makes: a task of its own comes after
                        // it (a microtask would come before).
                        let (cards, refocus) = (cards.clone(), refocus.clone());
                        let later = wasm_bindgen::closure::Closure::once_into_js(move || {
                            show(&cards, &refocus, drawn)
                        });
                        if let Some(window) = web_sys::window() {
                            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                                later.unchecked_ref(),
                                0,
                            );
                        }
                    })
                })
            });
            move || drop(listeners)
        });
    }
    {
        let (cards, desk, t) = (cards.clone(), desk.clone(), t.clone());
        let (refocus, arriving) = (refocus.clone(), arriving.clone());
        let (home, facts, unsaved) = (state.home.clone(), state.facts.clone(), state.unsaved);
        let code = t.language().code;
        // What the browser shows the cards is read when they are drawn, not on every
        // drawing of the page.
        use_effect_with((state.version, code), move |(version, _)| {
            let version = *version;
            arriving.borrow_mut().asked = version;
            spawn_local(async move {
                let scene = scene(&home, &facts, unsaved);
                match desk.cards(&scene, &t).await {
                    // Cards for a state the page has left are never shown: newer ones come.
                    Ok(_) if arriving.borrow().asked != version => {}
                    Ok(drawn) => {
                        let drawn = Rc::new(Drawn::new(version, drawn));
                        let mut waiting = arriving.borrow_mut();
                        if waiting.pressed {
                            waiting.waiting = Some(drawn);
                        } else {
                            drop(waiting);
                            show(&cards, &refocus, drawn);
                        }
                    }
                    Err(e) => browser::warn(&e.to_string()),
                }
            });
        });
    }
    let fresh = cards
        .as_ref()
        .is_some_and(|drawn| drawn.version == state.version);
    {
        let (refocus, desk, dispatch) = (refocus.clone(), desk.clone(), dispatch.clone());
        use_effect(move || {
            let focus = if fresh {
                refocus.borrow_mut().take()
            } else {
                None
            };
            if let Some(focus) = focus {
                focus.restore(&desk, &dispatch);
            }
        });
    }
    let onsubmit = {
        let (state, apply, refocus, t, desk) = (
            state.clone(),
            apply.clone(),
            refocus.clone(),
            t.clone(),
            desk.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            if let Some(testid) = listeners::submit(&state, &t, &apply, &desk, &e) {
                *refocus.borrow_mut() = Some(Focus::on_testid(&testid));
            }
        })
    };
    let onchange = {
        let (apply, openers, dispatch) = (apply.clone(), openers.clone(), dispatch.clone());
        Callback::from(move |e: Event| {
            listeners::pick(Some(&apply), &openers, &e);
            listeners::edit(&openers.desk, &dispatch, e.target(), false);
        })
    };
    let onpointerdown = {
        let arriving = arriving.clone();
        Callback::from(move |_: PointerEvent| arriving.borrow_mut().pressed = true)
    };
    let Some(drawn) = cards.as_ref() else {
        return html! {
            <>
                { status_line(t, state.status.as_ref()) }
                <div class="setup-cards">{ loading_card("card", t.get(S::Loading)) }</div>
            </>
        };
    };
    html! {
        <>
            { status_line(t, state.status.as_ref()) }
            // One wrapping element, so the loading card is replaced rather than reused for
            // the last card (which then jumped down as the others arrived above it).
            <div class="setup-cards" {onclick} {onsubmit} {onchange} {onpointerdown}>
                { for drawn.top.iter().cloned().map(Html::from_html_unchecked) }
                { Html::from_html_unchecked(drawn.editor.clone()) }
                { Html::from_html_unchecked(drawn.end.clone()) }
            </div>
        </>
    }
}

/// What the browser knows that the cards show, for the file at `home`.
fn scene(home: &Home, facts: &Facts, unsaved: bool) -> Scene {
    let window = web_sys::window();
    let location = window.as_ref().map(|w| w.location());
    let survey = &facts.survey.id;
    Scene {
        place: home.place(),
        today: today(),
        page: location
            .as_ref()
            .and_then(|l| l.href().ok())
            .unwrap_or_default(),
        origin: location
            .as_ref()
            .and_then(|l| l.origin().ok())
            .unwrap_or_default(),
        can_share: window
            .map(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
            .unwrap_or(false),
        file_access: disk::has_file_access(),
        unsaved,
        kept_key: browser::kept_key(survey).is_some(),
        new_key: new_key(survey),
        // A file on disk: answers this browser collected for it can be brought in.
        here: match home {
            Home::Disk(_) => browser::device_text().ok().flatten(),
            Home::Store(_) => None,
        },
    }
}

thread_local! {
    /// The key made for a survey created on this page: (survey id, secret). Only here, in
    /// memory, until the page is left: the key card shows it once.
    static NEW_KEY: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Remembers the key just made for `survey`, for the key card.
pub(super) fn remember_new_key(survey: &str, secret: &str) {
    NEW_KEY.with(|k| *k.borrow_mut() = Some((survey.to_owned(), secret.to_owned())));
}

/// The key made on this page for `survey`, if any.
fn new_key(survey: &str) -> Option<String> {
    NEW_KEY.with(|k| {
        k.borrow()
            .as_ref()
            .filter(|(id, _)| id == survey)
            .map(|(_, secret)| secret.clone())
    })
}

/// The cards as the page holds them: drawn for the page's `version`, each as the framework
/// keeps markup (shared, not copied, at each drawing of the page).
struct Drawn {
    version: u64,
    top: Vec<AttrValue>,
    editor: AttrValue,
    end: AttrValue,
}

impl Drawn {
    fn new(version: u64, cards: Cards) -> Self {
        Self {
            version,
            top: cards.top.into_iter().map(on_page).collect(),
            editor: on_page(cards.editor),
            end: on_page(cards.end),
        }
    }
}

/// Cards drawn by the desk on their way to the page.
#[derive(Default)]
struct Arriving {
    /// The page's version the cards were last asked for.
    asked: u64,
    /// A pointer is down on the cards.
    pressed: bool,
    /// Cards that came while it was.
    waiting: Option<Rc<Drawn>>,
}

/// Puts `drawn` on the page, remembering first where focus is, to put it back there.
fn show(
    cards: &UseStateHandle<Option<Rc<Drawn>>>,
    refocus: &Rc<RefCell<Option<Focus>>>,
    drawn: Rc<Drawn>,
) {
    let mut refocus = refocus.borrow_mut();
    if refocus.is_none() {
        *refocus = Focus::now();
    }
    cards.set(Some(drawn));
}

/// Markup the desk's writer made (every text in it was escaped), as the framework keeps it:
/// shared, not copied, at each drawing of the page.
fn on_page(html: SafeHtml) -> AttrValue {
    AttrValue::from(html.into_string())
}

/// Where focus goes back to once the cards are drawn anew (the element it was in is replaced
/// then): the element's selector, and for a field of the question editor, what it arriving.
struct Focus {
    selector: String,
    typed: Option<String>,
    /// Where the caret (or selection) was in a text field.
    caret: Option<(u32, u32)>,
}

impl Focus {
    fn on_testid(testid: &str) -> Self {
        Self {
            selector: format!("[data-testid=\"{}\"]", css_string(testid)),
            typed: None,
            caret: None,
        }
    }

    /// The element of the cards that has focus now, named by its editor control or test id.
    fn now() -> Option<Self> {
        let active = web_sys::window()?.document()?.active_element()?;
        active.closest(".setup-cards").ok()??;
        let Some(control) = active.get_attribute(CONTROL_ATTR) else {
            return Some(Self::on_testid(&active.get_attribute("data-testid")?));
        };
        let mut selector = format!("[{CONTROL_ATTR}=\"{}\"]", css_string(&control));
        if let Some(subject) = active.get_attribute(SUBJECT_ATTR) {
            selector.push_str(&format!("[{SUBJECT_ATTR}=\"{}\"]", css_string(&subject)));
        }
        // Typed since the field was last sent to the desk, maybe: kept (see `restore`).
        let input = active
            .dyn_ref::<web_sys::HtmlInputElement>()
            .filter(|input| input.type_() != "checkbox");
        let typed = input.map(|input| input.value());
        // Only text fields have a caret (a number field throws when asked).
        let caret = input
            .and_then(|input| Some((input.selection_start().ok()??, input.selection_end().ok()??)));
        Some(Self {
            selector,
            typed,
            caret,
        })
    }

    /// Focuses the element again. An editor field drawn anew without what was typed into it
    /// meanwhile gets it back, and the desk is told.
    fn restore(self, desk: &Rc<DeskLink>, dispatch: &UseReducerDispatcher<Workspace>) {
        let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&self.selector).ok().flatten())
        else {
            return;
        };
        if let (Some(typed), Some(input)) =
            (self.typed, element.dyn_ref::<web_sys::HtmlInputElement>())
            && input.value() != typed
        {
            input.set_value(&typed);
            listeners::send_edit(desk, dispatch, &element);
        }
        if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
        if let (Some((start, end)), Some(input)) =
            (self.caret, element.dyn_ref::<web_sys::HtmlInputElement>())
        {
            let _ = input.set_selection_range(start, end);
        }
    }
}

/// `text` inside a double-quoted CSS string.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
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
