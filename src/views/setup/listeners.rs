//! The set-up page's listeners on its cards: clicks on [`Command`] buttons, submits of
//! [`FormKind`] forms and changes of [`Pick`] file pickers, each recognised by the name its
//! card wrote, so a change in the question editor or any other element is never taken for
//! one of them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::command::{COMMAND_ATTR, Command, FORM_ATTR, FormKind, PICK_ATTR, Pick, SUBJECT_ATTR};
use super::state::{Action, Home, Workspace};
use super::{Apply, today};
use crate::i18n::{SetupMsg as S, Texts};
use crate::invite;
use crate::model::{ActionStatus, Change, Document, When, templates, to_canonical_bytes};
use crate::reader::{self, ReleaseFrom};
use crate::route::{Bundle, Page, Route};
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::files::{download, read_team_file};
use crate::views::named_target;

/// Where a page sends a team file opened from this computer, and its failures.
#[derive(Clone, PartialEq)]
pub(super) struct Openers {
    pub opened: Callback<(DiskFile, Document)>,
    pub failed: Callback<UiError>,
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
    let doc = &state.doc;
    match command {
        Command::CopyLink
        | Command::CopySnippet
        | Command::CopyInvitation
        | Command::CopyReminder => copy_text(&subject),
        Command::Share => {
            if let Some(navigator) = web_sys::window().map(|w| w.navigator()) {
                let data = web_sys::ShareData::new();
                data.set_title(&doc.survey.title);
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
        Command::CloseRound => apply.emit((Change::CloseRound(subject), S::RoundClosed)),
        Command::ActionDone | Command::ActionDrop => {
            let (status, said, asked) = if command == Command::ActionDone {
                (ActionStatus::Done, S::MarkedDone, S::AskDone)
            } else {
                (ActionStatus::Dropped, S::MarkedDropped, S::AskDrop)
            };
            // A settled action never reopens: asked first, like every step with no way back.
            let label = doc
                .actions()
                .find(|a| a.id == subject)
                .map_or("", |a| a.label.as_str());
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
                    Change::SettleAction {
                        id: subject,
                        status,
                    },
                    said,
                ));
            }
        }
        Command::CollectHere => dispatch.dispatch(match collect_here(doc) {
            Ok(()) => Action::Said(t.get(S::CollectingHere).to_owned()),
            Err(e) => Action::Failed(e),
        }),
        // Read again on the click: people answered in another tab since the card was drawn.
        Command::BringIn => match browser::device_load() {
            Ok(Some(here)) => apply.emit((Change::Merge(Box::new(here)), S::BroughtIn)),
            Ok(None) => dispatch.dispatch(Action::Failed(UiError::NoCopyHere)),
            Err(e) => dispatch.dispatch(Action::Failed(e.into())),
        },
        Command::Download => {
            let name = match &state.home {
                Home::Disk(file) => file.name.clone(),
                Home::Store(_) => format!("{}.json", doc.survey.id),
            };
            download(&name, "application/json", &to_canonical_bytes(doc));
            dispatch.dispatch(Action::Downloaded);
        }
        Command::OpenDisk => open_disk(openers),
        Command::DownloadKey => {
            let text = crate::release::key_file(doc, &subject);
            download(
                &super::key::key_file_name(&doc.survey.id),
                "text/plain",
                text.as_bytes(),
            );
            dispatch.dispatch(Action::Said(t.get(S::KeyDownloaded).to_owned()));
        }
        Command::SplitKey => {
            let (doc, dispatch, t) = (doc.clone(), dispatch.clone(), t.clone());
            spawn_local(async move {
                let split = async {
                    let mut sealer = crate::sealer::Sealer::start(super::create::KEY_WORKER_URL)?;
                    sealer.split(&subject, 3, 2).await
                };
                match split.await {
                    Ok(shares) => {
                        for (i, share) in shares.iter().enumerate() {
                            let text =
                                crate::release::share_file(&doc, share, i + 1, shares.len(), 2);
                            download(
                                &format!("{}.candor-key-share-{}.txt", doc.survey.id, i + 1),
                                "text/plain",
                                text.as_bytes(),
                            );
                        }
                        // The whole key must not stay where a share's holder could find it.
                        let _ = browser::keep_key(&doc.survey.id, None);
                        dispatch.dispatch(Action::Said(t.get(S::SharesDownloaded).to_owned()));
                    }
                    Err(e) => dispatch.dispatch(Action::Failed(e.into())),
                }
            });
        }
        Command::SealSurvey => {
            let (home, doc, dispatch, t) =
                (state.home.clone(), doc.clone(), dispatch.clone(), t.clone());
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
                            let doc = crate::model::load(&sealed.file)
                                .map_err(|e| UiError::BadFile(e.to_string()))?;
                            (doc, sealed.key)
                        }
                        // Elsewhere the sealed copy is merged in: its tombstones take the
                        // plain answers out.
                        _ => {
                            let bytes = to_canonical_bytes(&doc);
                            let sealed =
                                reader::seal_survey(READER_URL, ReleaseFrom::Bytes(&bytes))
                                    .await
                                    .map_err(UiError::Invalid)?;
                            let copy = crate::model::load(&sealed.file)
                                .map_err(|e| UiError::BadFile(e.to_string()))?;
                            let merged =
                                super::write(&home, &doc, &Change::Merge(Box::new(copy))).await?;
                            (merged, sealed.key)
                        }
                    };
                    Ok::<_, UiError>(sealed)
                };
                match outcome.await {
                    Ok((doc, key)) => {
                        super::key::remember_new(&doc.survey.id, &key);
                        if !matches!(home, Home::Store(Source::Device)) {
                            let _ = browser::keep_key(&doc.survey.id, Some(&key));
                        }
                        dispatch.dispatch(Action::Changed {
                            doc,
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

/// Puts a copy of the survey (merged with any copy of the same survey already here) into
/// this browser and opens the survey in a new tab, to be passed around.
fn collect_here(doc: &Document) -> Result<(), UiError> {
    let copy = match browser::device_load()? {
        None => doc.clone(),
        Some(mut here) if here.survey.id == doc.survey.id => {
            here.change(&Change::Merge(Box::new(doc.clone())))
                .map_err(|e| UiError::Invalid(e.to_string()))?;
            here
        }
        Some(here) => return Err(UiError::OtherSurveyHere(here.survey.title)),
    };
    browser::device_save(&copy)?;
    let take = Route {
        page: Page::Take,
        src: None,
        embed: false,
        key: None,
    };
    if let Some(window) = web_sys::window() {
        let _ = window.open_with_url_and_target(&Bundle::Setup.href(&take), "_blank");
    }
    Ok(())
}

/// Opens a team file in place through the browser's file dialog.
pub(super) fn open_disk(openers: &Openers) {
    let openers = openers.clone();
    spawn_local(async move {
        match disk::open().await {
            Ok(Some(file)) => openers.opened.emit(file),
            Ok(None) => {}
            Err(e) => openers.failed.emit(e.into()),
        }
    });
}

/// A submitted card form. Returns the test id of its text field, to be focused again once
/// the card is drawn anew with the change (the field the person typed in is replaced then).
pub(super) fn submit(
    state: &Workspace,
    t: &Rc<Texts<S>>,
    apply: &Apply,
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
        next_round_calendar(state, &form);
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
    let expected = state.doc.survey.results_key.clone().unwrap_or_default();
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

/// Downloads the next round's calendar file, for the day and cadence in the form.
fn next_round_calendar(state: &Workspace, form: &Element) {
    let value = |name: &str| {
        let field = form.query_selector(&format!("[name={name}]")).ok()??;
        js_sys::Reflect::get(&field, &"value".into())
            .ok()?
            .as_string()
    };
    let day = value("day").and_then(|d| invite::Day::parse(&d));
    let cadence = value("cadence").and_then(|c| invite::Cadence::parse(&c));
    let (Some(day), Some(cadence), Some(link)) = (day, cadence, value("link")) else {
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
    let doc = &state.doc;
    let file = invite::calendar(&invite::Invite {
        title: &doc.survey.title,
        link: &link,
        day,
        cadence,
        survey_id: &doc.survey.id,
        stamp: &stamp,
        sealed: doc.is_sealed(),
        language: &doc.survey.language,
        minutes: crate::respond::survey_minutes(&doc.survey),
    });
    download(
        &format!("{}-rounds.ics", doc.survey.id),
        "text/calendar",
        file.as_bytes(),
    );
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
    let doc = &state.doc;
    match kind {
        // Answered before any change is asked for (see `submit`).
        FormKind::CheckKey | FormKind::NextRound => false,
        FormKind::OpenRound => {
            // A second round in the same month gets its own id (and label, unless named).
            if let Some(round) = templates::next_round(&doc.rounds, &today(), Some(&label)) {
                apply.emit((Change::OpenRound(round), S::RoundOpened));
            }
            // The form gives way to the close button.
            false
        }
        FormKind::AddEvent | FormKind::AddAction => {
            let Some(latest) = doc.rounds.last() else {
                return false;
            };
            if label.is_empty() {
                return false;
            }
            let day = field("input[type=date]")
                .map(|d| d.value())
                .filter(|d| !d.is_empty());
            text.set_value("");
            if kind == FormKind::AddEvent {
                // An event is placed by its day, in the file as it is when written.
                let when = day.map_or_else(|| When::Round(latest.id.clone()), When::Day);
                apply.emit((Change::AddEvent { when, label }, S::EventAdded));
            } else {
                // An action follows the round the team discussed; its day is when to review it.
                let after = doc.discussed_round().unwrap_or(latest).id.clone();
                let owner = field("input[name=owner]").map(|o| o.value());
                let change = Change::AgreeAction {
                    after,
                    label,
                    owner,
                    review: day,
                };
                apply.emit((change, S::ActionNoted));
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
    spawn_local(async move {
        match (pick, read_team_file(&input).await) {
            // A copy of the file (e.g. collected on a laptop passed around a meeting) merges
            // into this one through the same protocol as every other change.
            (Pick::Merge, Ok((_, _, copy))) => {
                if let Some(apply) = apply {
                    apply.emit((Change::Merge(Box::new(copy)), S::Merged))
                }
            }
            (Pick::Open, Ok((name, _, doc))) => {
                openers.opened.emit((DiskFile::read_only(&name), doc))
            }
            (_, Err(e)) => openers.failed.emit(e),
        }
    });
}

fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
