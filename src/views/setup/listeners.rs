//! The set-up page's listeners on its cards: clicks on [`Command`] buttons, submits of
//! [`FormKind`] forms and changes of [`Pick`] file pickers, each recognised by the name its
//! card wrote, so a change in the question editor or any other element is never taken for
//! one of them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::desk_link::DeskLink;
use super::state::{Action, Home, Workspace};
use super::{Apply, today};
use crate::desk::Edit;
use crate::desk::command::{
    COMMAND_ATTR, Command, FORM_ATTR, FormKind, PICK_ATTR, Pick, SUBJECT_ATTR,
};
use crate::desk::editor::CONTROL_ATTR;
use crate::desk::{Facts, key};
use crate::i18n::{SetupMsg as S, Texts};
use crate::model::ActionStatus;
use crate::reader::{self, ReleaseFrom};
use crate::route::{Bundle, Page, Route};
use crate::storage::disk::DiskFile;
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::files::{download, read_picked_text};
use crate::views::named_target;

/// Where a page sends a team file opened from this computer (opened in its desk), and its
/// failures.
#[derive(Clone, PartialEq)]
pub(super) struct Openers {
    pub opened: Callback<(DiskFile, Facts)>,
    pub failed: Callback<UiError>,
    pub desk: Rc<DeskLink>,
}

/// The reader worker, beside the results page: it seals surveys from before sealing.
const READER_URL: &str = "../results/candor-reader_loader.js";

/// A click on a command button.
pub(super) fn click(
    state: &Workspace,
    t: &Rc<Texts<S>>,
    apply: &Apply,
    dispatch: &UseReducerDispatcher<Workspace>,
    openers: &Openers,
    e: &MouseEvent,
) {
    let Some((button, command)) = named_target(e.target(), COMMAND_ATTR, Command::parse) else {
        return;
    };
    let subject = button.get_attribute(SUBJECT_ATTR).unwrap_or_default();
    let facts = &state.facts;
    let desk = &openers.desk;
    match command {
        Command::CopyLink
        | Command::CopySnippet
        | Command::CopyInvitation
        | Command::CopyReminder => copy_text(&subject),
        Command::Share => {
            if let Some(navigator) = web_sys::window().map(|w| w.navigator()) {
                let data = web_sys::ShareData::new();
                data.set_title(&facts.survey.title);
                data.set_url(&subject);
                let _ = navigator.share_with_data(&data);
            }
        }
        Command::QrFullscreen => {
            if let Some(qr) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("qr-box"))
            {
                let _ = qr.request_fullscreen();
            }
        }
        Command::CloseRound => apply.emit((Edit::CloseRound(subject), S::RoundClosed)),
        Command::SaveSurvey => apply.emit((Edit::SaveDraft, S::SurveySaved)),
        Command::ActionDone | Command::ActionDrop => {
            let (status, said, asked) = if command == Command::ActionDone {
                (ActionStatus::Done, S::MarkedDone, S::AskDone)
            } else {
                (ActionStatus::Dropped, S::MarkedDropped, S::AskDrop)
            };
            // A settled action never reopens: asked first, like every step with no way back.
            let label = facts.action_label(&subject);
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(&format!(
                        "{}\n\n{label}\n\n{}",
                        t.get(asked),
                        t.get(S::CannotReopen)
                    ))
                    .ok()
                })
                .unwrap_or(false);
            if sure {
                apply.emit((
                    Edit::SettleAction {
                        id: subject,
                        status,
                    },
                    said,
                ));
            }
        }
        Command::CollectHere => {
            let (desk, dispatch, t) = (desk.clone(), dispatch.clone(), t.clone());
            spawn_local(async move {
                let outcome = desk.collect_here().await.map(|()| {
                    open_to_collect();
                    S::CollectingHere
                });
                tell(&dispatch, &t, outcome);
            });
        }
        // Read again on the click: people answered in another tab since the card was drawn.
        Command::BringIn => match browser::device_text() {
            Ok(Some(here)) => apply.emit((Edit::Merge(here), S::BroughtIn)),
            Ok(None) => dispatch.dispatch(Action::Failed(UiError::NoCopyHere)),
            Err(e) => dispatch.dispatch(Action::Failed(e.into())),
        },
        Command::Download => {
            let name = match &state.home {
                Home::Disk(file) => file.name.clone(),
                Home::Store(_) => format!("{}.json", facts.survey.id),
            };
            let (desk, dispatch) = (desk.clone(), dispatch.clone());
            spawn_local(async move {
                match desk.file_text().await {
                    Ok(text) => {
                        download(&name, "application/json", text.as_bytes());
                        dispatch.dispatch(Action::Downloaded);
                    }
                    Err(e) => dispatch.dispatch(Action::Failed(e)),
                }
            });
        }
        Command::OpenDisk => open_disk(openers),
        Command::DownloadKey => {
            let (desk, dispatch, t) = (desk.clone(), dispatch.clone(), t.clone());
            let name = key::key_file_name(&facts.survey.id);
            spawn_local(async move {
                let outcome = desk.key_file(&subject).await.map(|text| {
                    download(&name, "text/plain", text.as_bytes());
                    S::KeyDownloaded
                });
                tell(&dispatch, &t, outcome);
            });
        }
        Command::SplitKey => {
            let (desk, dispatch, t) = (desk.clone(), dispatch.clone(), t.clone());
            let survey = facts.survey.id.clone();
            spawn_local(async move {
                let outcome = async {
                    let mut sealer = crate::sealer::Sealer::start(super::create::KEY_WORKER_URL)?;
                    let shares = sealer.split(&subject, 3, 2).await?;
                    let files = desk.share_files(&shares).await?;
                    for (i, text) in files.iter().enumerate() {
                        download(
                            &format!("{survey}.candor-key-share-{}.txt", i + 1),
                            "text/plain",
                            text.as_bytes(),
                        );
                    }
                    // The whole key must not stay where a share's holder could find it.
                    let _ = browser::keep_key(&survey, None);
                    Ok::<_, UiError>(S::SharesDownloaded)
                };
                tell(&dispatch, &t, outcome.await);
            });
        }
        Command::SealSurvey => {
            let (home, desk, dispatch, t) = (
                state.home.clone(),
                desk.clone(),
                dispatch.clone(),
                t.clone(),
            );
            dispatch.dispatch(Action::Said(t.get(S::Sealing).to_owned()));
            spawn_local(async move {
                let outcome = async {
                    let sealed = match &home {
                        // At a URL, the worker seals and writes the file as it is then, so
                        // answers arriving meanwhile are sealed too.
                        Home::Store(Source::Remote(url)) => {
                            let sealed = reader::seal_survey(READER_URL, ReleaseFrom::Url(url))
                                .await
                                .map_err(UiError::Invalid)?;
                            let text = String::from_utf8(sealed.file).map_err(|_| {
                                UiError::BadFile("the sealed file is not text".to_owned())
                            })?;
                            let facts = desk.open(text).await?;
                            (facts, sealed.key)
                        }
                        // Elsewhere the sealed copy is merged in: its tombstones take the
                        // plain answers out.
                        _ => {
                            let text = desk.file_text().await?;
                            let sealed = reader::seal_survey(
                                READER_URL,
                                ReleaseFrom::Bytes(text.as_bytes()),
                            )
                            .await
                            .map_err(UiError::Invalid)?;
                            let copy = String::from_utf8(sealed.file).map_err(|_| {
                                UiError::BadFile("the sealed file is not text".to_owned())
                            })?;
                            let (merged, _) = desk.write(&home, Edit::Merge(copy)).await?;
                            (merged, sealed.key)
                        }
                    };
                    Ok::<_, UiError>(sealed)
                };
                match outcome.await {
                    Ok((facts, key)) => {
                        super::remember_new_key(&facts.survey.id, &key);
                        if !matches!(home, Home::Store(Source::Device)) {
                            let _ = browser::keep_key(&facts.survey.id, Some(&key));
                        }
                        dispatch.dispatch(Action::Changed {
                            facts,
                            said: t.get(S::Sealed).to_owned(),
                        });
                    }
                    Err(e) => dispatch.dispatch(Action::Failed(e)),
                }
            });
        }
        Command::ForgetKey => dispatch.dispatch(match browser::keep_key(&subject, None) {
            Ok(()) => Action::Said(t.get(S::KeyForgotten).to_owned()),
            Err(e) => Action::Failed(e.into()),
        }),
    }
}

/// A control of the question editor used: a button clicked (`clicked`), or a field changed.
/// Buttons act on click and fields on change, so a click into a field is not an edit.
pub(super) fn edit(
    desk: &Rc<DeskLink>,
    dispatch: &UseReducerDispatcher<Workspace>,
    target: Option<web_sys::EventTarget>,
    clicked: bool,
) {
    let Some((control, _)) = named_target(target, CONTROL_ATTR, |name| Some(name.to_owned()))
    else {
        return;
    };
    if (control.tag_name() == "BUTTON") == clicked {
        send_edit(desk, dispatch, &control);
    }
}

/// Sends what was done to the editor's `control` to the desk, which changes its draft; the
/// cards are drawn again either way (a value the desk refused shows the draft's again).
pub(super) fn send_edit(
    desk: &Rc<DeskLink>,
    dispatch: &UseReducerDispatcher<Workspace>,
    control: &Element,
) {
    let name = control.get_attribute(CONTROL_ATTR).unwrap_or_default();
    let subject = control.get_attribute(SUBJECT_ATTR).unwrap_or_default();
    let (value, checked) = if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        (input.value(), input.checked())
    } else if let Some(select) = control.dyn_ref::<web_sys::HtmlSelectElement>() {
        (select.value(), false)
    } else {
        (String::new(), false)
    };
    let (desk, dispatch) = (desk.clone(), dispatch.clone());
    spawn_local(async move {
        if let Err(e) = desk.draft(name, subject, value, checked).await {
            browser::warn(&e.to_string());
        }
        dispatch.dispatch(Action::Drafted);
    });
}

/// Says that a step is done, or why it failed.
fn tell(dispatch: &UseReducerDispatcher<Workspace>, t: &Texts<S>, outcome: Result<S, UiError>) {
    dispatch.dispatch(match outcome {
        Ok(done) => Action::Said(t.get(done).to_owned()),
        Err(e) => Action::Failed(e),
    });
}

/// Opens the survey this browser now keeps in a new tab, to be passed around.
fn open_to_collect() {
    let take = Route {
        page: Page::Take,
        src: None,
        embed: false,
        key: None,
    };
    if let Some(window) = web_sys::window() {
        let _ = window.open_with_url_and_target(&Bundle::Setup.href(&take), "_blank");
    }
}

/// Opens a team file in place through the browser's file dialog.
pub(super) fn open_disk(openers: &Openers) {
    let openers = openers.clone();
    spawn_local(async move {
        match openers.desk.open_disk().await {
            Ok(Some(file)) => openers.opened.emit(file),
            Ok(None) => {}
            Err(e) => openers.failed.emit(e),
        }
    });
}

/// A submitted card form. Returns the test id of its text field, to be focused again once
/// the card is drawn anew with the change (the field the person typed in is replaced then).
pub(super) fn submit(
    state: &Workspace,
    t: &Rc<Texts<S>>,
    apply: &Apply,
    desk: &Rc<DeskLink>,
    e: &SubmitEvent,
) -> Option<String> {
    let (form, kind) = named_target(e.target(), FORM_ATTR, FormKind::parse)?;
    if kind == FormKind::CheckKey {
        e.prevent_default();
        check_key(state, t, &form);
        return None;
    }
    if kind == FormKind::NextRound {
        e.prevent_default();
        next_round_calendar(state, desk, &form);
        return None;
    }
    let refocus = submit_form(state, apply, e, &form, kind);
    refocus.then(|| {
        form.query_selector("input[type=text]")
            .ok()
            .flatten()
            .and_then(|input| input.get_attribute("data-testid"))
    })?
}

/// Checks the typed key (or shares) against the survey's public key, in the sealer worker,
/// and says the outcome in the form's status line.
fn check_key(state: &Workspace, t: &Rc<Texts<S>>, form: &Element) {
    let field = form
        .query_selector("input[type=text]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
    let status = form.query_selector("[role=status]").ok().flatten();
    let (Some(field), Some(status)) = (field, status) else {
        return;
    };
    let typed = field.value();
    let expected = state.facts.survey.results_key.clone().unwrap_or_default();
    status.set_text_content(Some(t.get(S::Checking)));
    let t = t.clone();
    spawn_local(async move {
        let outcome = async {
            let mut sealer = crate::sealer::Sealer::start(super::create::KEY_WORKER_URL)?;
            sealer.public_of(&typed).await
        };
        let said = match outcome.await {
            Ok(public) if public == expected => t.get(S::KeyFits).to_owned(),
            Ok(_) => t.get(S::KeyDoesNotFit).to_owned(),
            Err(e) => UiError::from(e).sentence_in(&t),
        };
        status.set_text_content(Some(&said));
    });
}

/// Downloads the next round's calendar file, for the day and cadence in the form (the desk
/// writes it, in the survey's language).
fn next_round_calendar(state: &Workspace, desk: &Rc<DeskLink>, form: &Element) {
    let value = |name: &str| {
        let field = form.query_selector(&format!("[name={name}]")).ok()??;
        js_sys::Reflect::get(&field, &"value".into())
            .ok()?
            .as_string()
    };
    let (Some(day), Some(cadence), Some(link)) = (value("day"), value("cadence"), value("link"))
    else {
        return;
    };
    // DTSTAMP: now, in UTC, as YYYYMMDDTHHMMSSZ.
    let now: String = js_sys::Date::new_0().to_iso_string().into();
    let stamp: String = now
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .take(15)
        .collect::<String>()
        + "Z";
    let name = format!("{}-rounds.ics", state.facts.survey.id);
    let desk = desk.clone();
    spawn_local(async move {
        match desk.calendar(link, day, cadence, stamp).await {
            Ok(file) => download(&name, "text/calendar", file.as_bytes()),
            Err(e) => browser::warn(&e.to_string()),
        }
    });
}

/// Acts on a submitted card form; whether a change was asked for.
fn submit_form(
    state: &Workspace,
    apply: &Apply,
    e: &SubmitEvent,
    form: &Element,
    kind: FormKind,
) -> bool {
    e.prevent_default();
    let field = |selector: &str| -> Option<HtmlInputElement> {
        form.query_selector(selector).ok()??.dyn_into().ok()
    };
    let Some(text) = field("input[type=text]") else {
        return false;
    };
    let label = text.value().trim().to_owned();
    match kind {
        // Answered before any change is asked for (see `submit`).
        FormKind::CheckKey | FormKind::NextRound => false,
        FormKind::OpenRound => {
            let today = today();
            apply.emit((Edit::OpenRound { label, today }, S::RoundOpened));
            // The form gives way to the close button.
            false
        }
        FormKind::AddEvent | FormKind::AddAction => {
            if !state.facts.has_round || label.is_empty() {
                return false;
            }
            let day = field("input[type=date]")
                .map(|d| d.value())
                .filter(|d| !d.is_empty());
            text.set_value("");
            if kind == FormKind::AddEvent {
                // An event is placed by its day, or else in the latest round.
                apply.emit((Edit::AddEvent { label, day }, S::EventAdded));
            } else {
                // An action follows the round the team discussed; its day is when to review it.
                let owner = field("input[name=owner]").map(|o| o.value());
                let edit = Edit::AgreeAction {
                    label,
                    owner,
                    review: day,
                };
                apply.emit((edit, S::ActionNoted));
            }
            true
        }
    }
}

/// A file picked in one of the cards' pickers.
/// `apply` is `None` before a file is open (only opening one is possible then).
pub(super) fn pick(apply: Option<&Apply>, openers: &Openers, e: &Event) {
    let Some((input, pick)) = named_target(e.target(), PICK_ATTR, Pick::parse) else {
        return;
    };
    let Ok(input) = input.dyn_into::<HtmlInputElement>() else {
        return;
    };
    let (apply, openers) = (apply.cloned(), openers.clone());
    let name = input
        .files()
        .and_then(|files| files.get(0))
        .map(|file| file.name())
        .unwrap_or_default();
    spawn_local(async move {
        let text = match read_picked_text(&input).await {
            Ok(text) => text,
            Err(e) => return openers.failed.emit(e),
        };
        match pick {
            // A copy of the file (e.g. collected on a laptop passed around a meeting) merges
            // into this one through the same protocol as every other change.
            Pick::Merge => {
                if let Some(apply) = apply {
                    apply.emit((Edit::Merge(text), S::Merged))
                }
            }
            Pick::Open => match openers.desk.open_picked(text).await {
                Ok(facts) => openers.opened.emit((DiskFile::read_only(&name), facts)),
                Err(e) => openers.failed.emit(e),
            },
        }
    });
}

fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
