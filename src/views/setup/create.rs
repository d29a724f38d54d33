//! The new-survey form: title, question sets from the templates, scale, minimums, team size,
//! and where the team file lives (this browser, a file on this computer, or a URL, whose
//! server can be checked first).

use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::state::{Home, Status};
use super::{Opened, input_value, today};
use crate::model::{self, Document, templates, to_canonical_bytes};
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::files::download;

/// A new file and where it now lives.
fn made(doc: Document, home: Home) -> Opened {
    Opened {
        doc,
        home,
        said: Some("Survey created, and this month's round is open.".into()),
    }
}

/// Where a new team file goes.
#[derive(Clone, Copy, PartialEq)]
enum Where {
    Device,
    Disk,
    Url,
}

#[derive(Properties, PartialEq)]
pub(super) struct CreateProps {
    pub source: Source,
    /// Told the new file and where it now lives.
    pub created: Callback<Opened>,
}

/// The new-survey form: templates, scale, minimums, and where the file lives.
#[component]
pub(super) fn Create(props: &CreateProps) -> Html {
    let title = use_state(|| "Team pulse".to_owned());
    let chosen = use_state(|| vec![true, true, false]);
    let scale = use_state(|| 7u8);
    let min_group = use_state(|| 5u32);
    let team_size = use_state(String::new);
    let url = use_state(|| match &props.source {
        Source::Remote(url) => url.clone(),
        Source::Device => String::new(),
    });
    let place = use_state(|| match props.source {
        Source::Remote(_) => Where::Url,
        Source::Device => Where::Device,
    });
    let status = use_state(|| None::<Status>);
    let all = [
        &templates::SAFETY,
        &templates::ALIGNMENT,
        &templates::FAILURE,
    ];

    let check = {
        let (url, status) = (url.clone(), status.clone());
        Callback::from(move |_| {
            let (url, status) = ((*url).clone(), status.clone());
            status.set(Some(Status::Done("Checking…".into())));
            spawn_local(async move {
                status.set(Some(match browser::check_location(&url).await {
                    Ok(check) if check.is_safe() => Status::Done(
                        "This location is safe for a shared file: it refuses stale writes.".into(),
                    ),
                    Ok(check) => Status::Failed(UiError::Invalid(
                        format!(
                            "This location is not safe for a shared file: {}. Submissions arriving at the same moment could overwrite each other; use lighttpd with mod_webdav or an S3-compatible store (see the hosting guide).",
                            [
                                (!check.etag, "it sends no ETag"),
                                (!check.refuses_second_create, "it does not refuse a second create"),
                                (!check.accepts_current_etag, "it refuses a write with the current ETag"),
                                (!check.refuses_stale_etag, "it accepts a write with an outdated ETag"),
                            ]
                            .iter()
                            .filter(|(failed, _)| *failed)
                            .map(|(_, text)| *text)
                            .collect::<Vec<_>>()
                            .join(", ")
                        ),
                    )),
                    Err(e) => Status::Failed(e.into()),
                }));
            });
        })
    };

    let create = {
        let (title, chosen, scale, min_group, team_size, url, place, status) = (
            title.clone(),
            chosen.clone(),
            scale.clone(),
            min_group.clone(),
            team_size.clone(),
            url.clone(),
            place.clone(),
            status.clone(),
        );
        let created = props.created.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let picked: Vec<&templates::Template> = all
                .iter()
                .zip(chosen.iter())
                .filter(|(_, on)| **on)
                .map(|(t, _)| *t)
                .collect();
            if picked.is_empty() {
                status.set(Some(Status::Failed(UiError::NoQuestionSet)));
                return;
            }
            let id = model::slug_from_title(&title);
            let mut survey = templates::survey_from(&id, title.trim(), &picked);
            survey.scale = *scale;
            survey.min_group = *min_group;
            survey.min_group_comments = survey.min_group_comments.max(*min_group);
            survey.team_size = team_size.trim().parse().ok().filter(|n| *n > 0);
            let mut doc = Document::new(survey);
            match templates::monthly_round(&today()) {
                Some(round) => doc.rounds.push(round),
                None => {
                    status.set(Some(Status::Failed(UiError::BadDate)));
                    return;
                }
            }
            if let Some(problem) = model::validate(&doc).first() {
                status.set(Some(Status::Failed(UiError::Invalid(problem.to_string()))));
                return;
            }
            let (status, created) = (status.clone(), created.clone());
            let name = format!("{}.json", doc.survey.id);
            match *place {
                Where::Disk if disk::has_file_access() => spawn_local(async move {
                    match disk::save_as(&name, &doc).await {
                        Ok(Some(file)) => created.emit(made(doc, Home::Disk(file))),
                        Ok(None) => {}
                        Err(e) => status.set(Some(Status::Failed(e.into()))),
                    }
                }),
                // No way to write files in place: the file is downloaded, and later changes
                // are saved by downloading it again.
                Where::Disk => {
                    download(&name, "application/json", &to_canonical_bytes(&doc));
                    created.emit(made(doc, Home::Disk(DiskFile::read_only(&name))));
                }
                Where::Device | Where::Url => {
                    let source = match *place {
                        Where::Url => Source::Remote(url.trim().to_owned()),
                        _ => Source::Device,
                    };
                    spawn_local(async move {
                        match browser::create(&source, &doc).await {
                            Ok(()) => created.emit(made(doc, Home::Store(source))),
                            Err(e) => status.set(Some(Status::Failed(e.into()))),
                        }
                    });
                }
            }
        })
    };

    html! {
        <form class="card" onsubmit={create} data-testid="create-survey">
            <h1>{ "Set up a survey" }</h1>
            <p>{ "Start from tried question sets; you can edit every question afterwards." }</p>
            <label class="field">{ "Survey title" }
                <input type="text" value={(*title).clone()} maxlength="120" required=true
                       onchange={let title = title.clone(); move |e: Event| title.set(input_value(&e))} />
            </label>
            <fieldset class="field">
                <legend>{ "Question sets" }</legend>
                { for all.iter().enumerate().map(|(i, t)| {
                    let on = chosen[i];
                    let chosen = chosen.clone();
                    let toggle = move |e: Event| {
                        let mut next = (*chosen).clone();
                        next[i] = e.target_unchecked_into::<HtmlInputElement>().checked();
                        chosen.set(next);
                    };
                    html! {
                        <label class="check">
                            <input type="checkbox" checked={on} onchange={toggle} data-testid={format!("template-{}", t.id)} />
                            { format!("{} ({} questions)", t.name, t.questions.len()) }
                        </label>
                    }
                }) }
            </fieldset>
            <fieldset class="field">
                <legend>{ "Answer scale" }</legend>
                { for [7u8, 5].into_iter().map(|n| {
                    let scale = scale.clone();
                    html! {
                        <label class="check">
                            <input type="radio" name="scale" checked={*scale == n} onchange={move |_| scale.set(n)} />
                            { format!("{n} points, strongly disagree to strongly agree") }
                        </label>
                    }
                }) }
            </fieldset>
            <label class="field">{ "Smallest group whose results are shown (at least 3)" }
                <input type="number" min="3" max="50" value={min_group.to_string()}
                       onchange={let min_group = min_group.clone(); move |e: Event| {
                           if let Ok(n) = input_value(&e).parse::<u32>() { min_group.set(n.max(3)); }
                       }} />
            </label>
            <label class="field">{ "Team size (optional, for the response rate)" }
                <input type="number" min="1" max="10000" value={(*team_size).clone()}
                       onchange={let team_size = team_size.clone(); move |e: Event| team_size.set(input_value(&e))} />
            </label>
            <fieldset class="field">
                <legend>{ "Where the team file lives" }</legend>
                { for [
                    (Where::Device, "where-device", "In this browser on this device (pass it around in a meeting)"),
                    (Where::Disk, "where-disk", "In a file on this computer (you keep the file; answers collected on devices are merged into it)"),
                    (Where::Url, "where-url", "At a URL on a WebDAV share or S3-compatible store (everyone answers on their own phone)"),
                ].into_iter().map(|(choice, testid, text)| {
                    let place = place.clone();
                    html! {
                        <label class="check">
                            <input type="radio" name="where" checked={*place == choice} onchange={move |_| place.set(choice)} data-testid={testid} />
                            { text }
                        </label>
                    }
                }) }
                if *place == Where::Url {
                    <label class="field">{ "File URL" }
                        <input type="url" value={(*url).clone()} placeholder="https://files.example/teams/platform.json" required=true
                               data-testid="file-url"
                               onchange={let url = url.clone(); move |e: Event| url.set(input_value(&e))} />
                    </label>
                    <button type="button" class="button secondary" onclick={check} data-testid="check-storage">{ "Check this location" }</button>
                }
            </fieldset>
            <p class="status" role="status" aria-live="polite" data-testid="create-status">
                { match &*status {
                    Some(Status::Failed(e)) => html! { <span class="error-text">{ e.sentence() }</span> },
                    Some(Status::Done(text)) => html! { { text.clone() } },
                    None => html! {},
                } }
            </p>
            <button type="submit" class="button" data-testid="create">{ "Create the survey and open this month's round" }</button>
        </form>
    }
}
