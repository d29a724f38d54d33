//! The new-survey form: title, question sets from the templates, scale, minimums, team size,
//! and where the team file lives (this browser, a file on this computer, or a URL, whose
//! server can be checked first).
//!
//! An ordinary HTML form, written by the markup writer and read once, when it is submitted
//! (the desk turns its fields into a survey file: [`crate::desk::make`]): the browser
//! keeps what is typed, and the page holds no state per field.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::desk_link::DeskLink;
use super::state::{Home, Status};
use super::{Opened, today};
use crate::desk::form::Where;
use crate::desk::make::Blueprint;
use crate::i18n::{SetupMsg as S, Texts};
use crate::sealer::Sealer;
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::files::download;

/// The form's fields as typed, read when it is submitted.
#[derive(Clone, Debug, Default, PartialEq)]
struct Fields {
    /// The survey (checked and made by the desk).
    plan: Blueprint,
    place: String,
    url: String,
}

/// The form's fields, from the form element.
fn fields_of(form: &Element) -> Fields {
    let inputs = |selector: &str| -> Vec<HtmlInputElement> {
        let Ok(list) = form.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    };
    let value = |name: &str| {
        inputs(&format!(
            "input[name={name}]:not([type=radio]), input[name={name}]:checked"
        ))
        .first()
        .map(HtmlInputElement::value)
        .unwrap_or_default()
    };
    let language = form
        .query_selector("select[name=language]")
        .ok()
        .flatten()
        .and_then(|select| select.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|select| select.value())
        .unwrap_or_default();
    Fields {
        plan: Blueprint {
            title: value("title"),
            language,
            also: inputs("input[name=also]:checked")
                .iter()
                .map(HtmlInputElement::value)
                .collect(),
            templates: inputs("input[name=template]:checked")
                .iter()
                .map(HtmlInputElement::value)
                .collect(),
            scale: value("scale"),
            min_group: value("min-group"),
            team_size: value("team-size"),
        },
        place: value("where"),
        url: value("url"),
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct CreateProps {
    /// The form's fields, as the desk drew them ([`crate::desk::form`]).
    pub fields: AttrValue,
    /// The page's texts.
    pub texts: Rc<Texts<S>>,
    /// Told the new file and where it now lives.
    pub created: Callback<Opened>,
    /// The page's desk, which opens the new file.
    pub desk: Rc<DeskLink>,
}

#[component]
pub(super) fn Create(props: &CreateProps) -> Html {
    let status = use_state(|| None::<Status>);
    // Choosing where the file lives shows or hides the URL field in place: the fields keep
    // what was typed (the page draws the form once its language has settled).
    let onchange = Callback::from(|e: Event| {
        if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            follow_language(&select);
            return;
        }
        let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
            return;
        };
        if input.name() != "where" {
            return;
        }
        let url_only = input
            .form()
            .and_then(|form| form.query_selector(".url-only").ok().flatten());
        if let Some(url_only) = url_only {
            let hide = input.value() != "url";
            let _ = url_only.toggle_attribute_with_force("hidden", hide);
            let _ = url_only.toggle_attribute_with_force("disabled", hide);
        }
    });
    let onclick = {
        let (status, texts, desk) = (status.clone(), props.texts.clone(), props.desk.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<Element>() else {
                return;
            };
            if target.closest("[data-check]").ok().flatten().is_none() {
                return;
            }
            let Some(form) = target.closest("form").ok().flatten() else {
                return;
            };
            let url = fields_of(&form).url.trim().to_owned();
            let (status, texts, desk) = (status.clone(), texts.clone(), desk.clone());
            status.set(Some(Status::Done(texts.get(S::Checking).to_owned())));
            spawn_local(async move {
                status.set(Some(match desk.check_location(&url, &texts).await {
                    Ok(said) => Status::Done(said),
                    Err(e) => Status::Failed(e),
                }))
            });
        })
    };
    let onsubmit = {
        let (status, created, texts, desk) = (
            status.clone(),
            props.created.clone(),
            props.texts.clone(),
            props.desk.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<Element>() else {
                return;
            };
            create(fields_of(&form), &texts, &status, &created, &desk);
        })
    };
    html! {
        <form class="card" data-testid="create-survey" {onsubmit} {onchange} {onclick}>
            // Markup the desk's writer made: every text in it was escaped.
            { Html::from_html_unchecked(props.fields.clone()) }
            <p class="status" role="status" aria-live="polite" data-testid="create-status">
                { super::status_text(&props.texts, status.as_ref()) }
            </p>
            <button type="submit" class="button" data-testid="create">{ props.texts.get(S::Create) }</button>
        </form>
    }
}

/// The questions' language chosen in `select`: its "also ask in" box is turned off (and
/// cleared), every other one on.
fn follow_language(select: &web_sys::HtmlSelectElement) {
    if select.name() != "language" {
        return;
    }
    let Some(boxes) = select
        .form()
        .and_then(|form| form.query_selector_all("input[name=also]").ok())
    else {
        return;
    };
    let chosen = select.value();
    for i in 0..boxes.length() {
        if let Some(input) = boxes
            .item(i)
            .and_then(|b| b.dyn_into::<HtmlInputElement>().ok())
        {
            let own = input.value() == chosen;
            input.set_disabled(own);
            if own {
                input.set_checked(false);
            }
        }
    }
}

/// The worker that does key work for set-up: the results page's reader worker (it holds the
/// cryptography; the respondent's sealer worker only seals).
pub(super) const KEY_WORKER_URL: &str = "../results/candor-reader_loader.js";

/// Makes the survey's results key (WebCrypto, else the key worker), writes the new file where the person
/// chose, and tells the page. Only the key's public half goes into the file; the secret is
/// shown once on the key card, and kept in this browser unless it collects answers itself.
fn create(
    fields: Fields,
    texts: &Rc<Texts<S>>,
    status: &UseStateHandle<Option<Status>>,
    created: &Callback<Opened>,
    desk: &Rc<DeskLink>,
) {
    let Fields { plan, place, url } = fields;
    let place = Where::parse(&place).unwrap_or(Where::Device);
    let url = url.trim().to_owned();
    let (status, created, texts, desk) =
        (status.clone(), created.clone(), texts.clone(), desk.clone());
    spawn_local(async move {
        let date = today();
        // The fields are checked before a key is made for them.
        if let Err(e) = desk.make(&plan, &date, None).await {
            return status.set(Some(Status::Failed(e)));
        }
        status.set(Some(Status::Done(texts.get(S::MakingKey).to_owned())));
        let made_key = async {
            if let Some(key) = crate::sealer::webcrypto_key().await {
                return Ok(key);
            }
            let mut sealer = Sealer::start(KEY_WORKER_URL)?;
            sealer.new_key().await
        };
        let (secret, public) = match made_key.await {
            Ok(key) => key,
            Err(e) => return status.set(Some(Status::Failed(e.into()))),
        };
        let (text, facts) = match desk.make(&plan, &date, Some(public)).await {
            Ok(made) => made,
            Err(e) => return status.set(Some(Status::Failed(e))),
        };
        let survey = &facts.survey.id;
        let name = format!("{survey}.json");
        super::remember_new_key(survey, &secret);
        // A browser passed from hand to hand to collect answers never keeps the key.
        if place != Where::Device {
            let _ = browser::keep_key(survey, Some(&secret));
        }
        status.set(None);
        let home = match place {
            Where::Disk if disk::has_file_access() => match disk::save_as(&name, &text).await {
                Ok(Some(file)) => Ok(Home::Disk(file)),
                Ok(None) => return,
                Err(e) => Err(e.into()),
            },
            // No way to write files in place: the file is downloaded, and later changes are
            // saved by downloading it again.
            Where::Disk => {
                download(&name, "application/json", text.as_bytes());
                Ok(Home::Disk(DiskFile::read_only(&name)))
            }
            Where::Device | Where::Url => {
                let source = if place == Where::Url {
                    Source::Remote(url)
                } else {
                    Source::Device
                };
                browser::create(&source, &text)
                    .await
                    .map(|()| Home::Store(source))
                    .map_err(UiError::from)
            }
        };
        let opened = match home {
            Ok(home) => desk.kept().await.map(|facts| Opened {
                facts,
                home,
                said: Some(texts.get(S::Created).to_owned()),
            }),
            Err(e) => Err(e),
        };
        match opened {
            Ok(opened) => created.emit(opened),
            Err(e) => status.set(Some(Status::Failed(e))),
        }
    });
}
