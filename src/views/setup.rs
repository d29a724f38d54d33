//! The facilitator's page (`#/setup`): create a survey from the templates, choose where its
//! file lives, open and close rounds, note events, edit the questions, and share the link
//! (copy, share sheet, QR code, iframe snippet).
//!
//! Every change goes through [`crate::model::Change`] and the same write protocol as answers,
//! so a facilitator's edit and respondents' submissions never overwrite each other.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::model::{
    self, Change, Document, EventKind, Question, Survey, When, templates, to_canonical_bytes,
};
use crate::route::{Bundle, Page, Route};
use crate::share;
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, StoreError, browser};
use crate::views::files::{download, read_team_file};

#[derive(Properties, PartialEq)]
pub struct SetupProps {
    pub route: Route,
}

#[derive(Clone)]
enum Phase {
    Loading,
    Missing,
    Failed(String),
    Ready(Rc<Document>),
}

/// The last outcome, shown in a live region: (is it an error, text).
type Status = UseStateHandle<Option<(bool, String)>>;

#[component]
pub fn Setup(props: &SetupProps) -> Html {
    let source = Source::from_src(props.route.src.as_deref());
    let phase = use_state(|| Phase::Loading);
    let status: Status = use_state(|| None);
    // The question editor's working copy, started from the file's survey.
    let draft = use_state(|| None::<Survey>);
    // A file on disk the facilitator opened or created, in place of the route's source.
    let disk = use_state(|| None::<DiskFile>);
    // Changes made to a disk file this browser cannot write back, not yet downloaded.
    let unsaved = use_state(|| false);
    {
        let phase = phase.clone();
        let draft = draft.clone();
        use_effect_with(source.clone(), move |source| {
            let source = source.clone();
            spawn_local(async move {
                phase.set(match browser::load(&source).await {
                    Ok(doc) => {
                        draft.set(Some(doc.survey.clone()));
                        Phase::Ready(Rc::new(doc))
                    }
                    Err(StoreError::NotFound) => Phase::Missing,
                    Err(e) => Phase::Failed(e.to_string()),
                });
            });
        });
    }
    // Applies a change where the file lives and shows the file as it now is.
    let apply = {
        let (phase, status, draft, source, disk, unsaved) = (
            phase.clone(),
            status.clone(),
            draft.clone(),
            source.clone(),
            disk.clone(),
            unsaved.clone(),
        );
        Callback::from(move |(change, done): (Change, &'static str)| {
            let current = (*phase).clone();
            let (phase, status, draft, unsaved) = (
                phase.clone(),
                status.clone(),
                draft.clone(),
                unsaved.clone(),
            );
            let show = move |changed: Result<Document, StoreError>, text: String| match changed {
                Ok(doc) => {
                    draft.set(Some(doc.survey.clone()));
                    phase.set(Phase::Ready(Rc::new(doc)));
                    status.set(Some((false, text)));
                }
                Err(e) => status.set(Some((true, capitalised(&e.to_string())))),
            };
            let file = (*disk).clone();
            if let (Some(file), Phase::Ready(doc)) = (&file, current)
                && !file.can_write()
            {
                // Kept here until the person downloads the updated file.
                let mut next = (*doc).clone();
                let changed = next
                    .change(&change)
                    .map(|_| next)
                    .map_err(|e| StoreError::Edit(e.to_string()));
                if changed.is_ok() {
                    unsaved.set(true);
                }
                show(
                    changed,
                    format!("{done} Download the updated file to keep it."),
                );
                return;
            }
            let source = source.clone();
            spawn_local(async move {
                let changed = match &file {
                    Some(file) => disk::change(file, &change).await,
                    None => browser::change(&source, &change).await,
                };
                show(changed, done.to_owned());
            });
        })
    };
    // A team file opened from disk replaces whatever the page showed.
    let opened = {
        let (phase, draft, disk, unsaved, status) = (
            phase.clone(),
            draft.clone(),
            disk.clone(),
            unsaved.clone(),
            status.clone(),
        );
        Callback::from(move |(file, doc): (DiskFile, Document)| {
            status.set(Some((false, format!("Opened {}.", file.name))));
            draft.set(Some(doc.survey.clone()));
            disk.set(Some(file));
            unsaved.set(false);
            phase.set(Phase::Ready(Rc::new(doc)));
        })
    };

    let body = match &*phase {
        Phase::Loading => html! {
            <section class="card" aria-busy="true"><p class="muted">{ "Loading…" }</p></section>
        },
        Phase::Failed(message) => html! {
            <section class="card notice error" role="alert" data-testid="setup-error">
                <h1>{ "This team file cannot be opened" }</h1>
                <p>{ message.clone() }</p>
                <p>{ "Candor never writes over a file it cannot read. Fix or replace the file, or start a new one elsewhere." }</p>
            </section>
        },
        Phase::Missing => {
            let (phase, draft, told, disk) =
                (phase.clone(), draft.clone(), status.clone(), disk.clone());
            let embed = props.route.embed;
            let created = Callback::from(move |(place, doc): (Place, Document)| {
                told.set(Some((
                    false,
                    "Survey created, and this month's round is open.".into(),
                )));
                let source = match place {
                    Place::Store(source) => source,
                    Place::Disk(file) => {
                        disk.set(Some(file));
                        Source::Device
                    }
                };
                if let Source::Remote(url) = &source {
                    // Setup of the shared file from now on (the address says which file).
                    let route = Route {
                        page: Page::Setup,
                        src: Some(url.clone()),
                        embed,
                    };
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().set_hash(&route.to_hash());
                    }
                }
                draft.set(Some(doc.survey.clone()));
                phase.set(Phase::Ready(Rc::new(doc)));
            });
            html! {
                <>
                    <Create source={source.clone()} {created} />
                    <section class="card" data-testid="open-disk">
                        <h2>{ "Already have a team file?" }</h2>
                        <p class="hint">{ "Open it from this computer to run rounds, note events and share it." }</p>
                        { open_from_disk(&opened, &status) }
                    </section>
                </>
            }
        }
        // One wrapping element, so the loading card is replaced rather than reused for the
        // last card (which then jumped down as the others arrived above it).
        Phase::Ready(doc) => html! {
            <div class="setup-cards">
                { match &*disk {
                    Some(file) => collect_card(doc, file, &apply, &status),
                    None => share_card(doc, &source),
                } }
                { rounds_card(doc, &apply) }
                { timeline_card(doc, &apply, EventKind::Event) }
                { timeline_card(doc, &apply, EventKind::Action) }
                { editor(doc, &draft, &apply) }
                { file_card(doc, &source, disk.as_ref(), &unsaved, &apply, &status, &opened) }
            </div>
        },
    };
    html! {
        <div class="setup" data-testid="setup-view">
            <p class="status" role="status" aria-live="polite" data-testid="setup-status">
                { match &*status {
                    Some((true, text)) => html! { <span class="error-text">{ text.clone() }</span> },
                    Some((false, text)) => html! { { text.clone() } },
                    None => html! {},
                } }
            </p>
            { body }
        </div>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The first field matching `selector` in the form being submitted.
fn form_input(e: &SubmitEvent, selector: &str) -> Option<HtmlInputElement> {
    e.target_dyn_into::<web_sys::HtmlFormElement>()?
        .query_selector(selector)
        .ok()??
        .dyn_into()
        .ok()
}

fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

// ---- creating a survey ----

/// Where a new team file goes.
#[derive(Clone, Copy, PartialEq)]
enum Where {
    Device,
    Disk,
    Url,
}

/// Where a team file lives once created or opened.
enum Place {
    /// A store Candor reads and writes itself: this device's browser storage or a URL.
    Store(Source),
    /// A file on this computer's disk.
    Disk(DiskFile),
}

#[derive(Properties, PartialEq)]
struct CreateProps {
    source: Source,
    /// Told the new file and where it now lives.
    created: Callback<(Place, Document)>,
}

/// The new-survey form: templates, scale, minimums, and where the file lives.
#[component]
fn Create(props: &CreateProps) -> Html {
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
    let status: Status = use_state(|| None);
    let all = [
        &templates::SAFETY,
        &templates::ALIGNMENT,
        &templates::FAILURE,
    ];

    let check = {
        let (url, status) = (url.clone(), status.clone());
        Callback::from(move |_| {
            let (url, status) = ((*url).clone(), status.clone());
            status.set(Some((false, "Checking…".into())));
            spawn_local(async move {
                status.set(Some(match browser::check_location(&url).await {
                    Ok(check) if check.is_safe() => (
                        false,
                        "This location is safe for a shared file: it refuses stale writes.".into(),
                    ),
                    Ok(check) => (
                        true,
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
                    ),
                    Err(e) => (true, capitalised(&e.to_string())),
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
                status.set(Some((true, "Choose at least one question set.".into())));
                return;
            }
            let id = slug(&title);
            let mut survey = templates::survey_from(&id, title.trim(), &picked);
            survey.scale = *scale;
            survey.min_group = *min_group;
            survey.min_group_comments = survey.min_group_comments.max(*min_group);
            survey.team_size = team_size.trim().parse().ok().filter(|n| *n > 0);
            let mut doc = Document::new(survey);
            match templates::monthly_round(&today()) {
                Some(round) => doc.rounds.push(round),
                None => {
                    status.set(Some((true, "This device's date looks wrong.".into())));
                    return;
                }
            }
            if let Some(problem) = model::validate(&doc).first() {
                status.set(Some((true, capitalised(&problem.to_string()))));
                return;
            }
            let (status, created) = (status.clone(), created.clone());
            let name = format!("{}.json", doc.survey.id);
            match *place {
                Where::Disk if disk::has_file_access() => spawn_local(async move {
                    match disk::save_as(&name, &doc).await {
                        Ok(Some(file)) => created.emit((Place::Disk(file), doc)),
                        Ok(None) => {}
                        Err(e) => status.set(Some((true, capitalised(&e.to_string())))),
                    }
                }),
                // No way to write files in place: the file is downloaded, and later changes
                // are saved by downloading it again.
                Where::Disk => {
                    download(&name, "application/json", &to_canonical_bytes(&doc));
                    created.emit((Place::Disk(DiskFile::read_only(&name)), doc));
                }
                Where::Device | Where::Url => {
                    let source = match *place {
                        Where::Url => Source::Remote(url.trim().to_owned()),
                        _ => Source::Device,
                    };
                    spawn_local(async move {
                        match browser::create(&source, &doc).await {
                            Ok(()) => created.emit((Place::Store(source), doc)),
                            Err(e) => status.set(Some((true, capitalised(&e.to_string())))),
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
                    Some((true, text)) => html! { <span class="error-text">{ text.clone() }</span> },
                    Some((false, text)) => html! { { text.clone() } },
                    None => html! {},
                } }
            </p>
            <button type="submit" class="button" data-testid="create">{ "Create the survey and open this month's round" }</button>
        </form>
    }
}

/// A file-friendly id from a title: "Platform team pulse" -> "platform-team-pulse".
fn slug(title: &str) -> String {
    let mut id = String::new();
    for c in title.trim().chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() { "team".to_owned() } else { id }
}

// ---- sharing ----

fn share_card(doc: &Document, source: &Source) -> Html {
    let src = match source {
        Source::Remote(url) => Some(url.as_str()),
        Source::Device => None,
    };
    let link = share::respondent_link(&page_href(), Bundle::Setup, src, false);
    let embed_link = share::respondent_link(&page_href(), Bundle::Setup, src, true);
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let copy = {
        let link = link.clone();
        Callback::from(move |_| copy_text(&link))
    };
    let share_sheet = {
        let (link, title) = (link.clone(), doc.survey.title.clone());
        Callback::from(move |_| {
            if let Some(navigator) = web_sys::window().map(|w| w.navigator()) {
                let data = web_sys::ShareData::new();
                data.set_title(&title);
                data.set_url(&link);
                let _ = navigator.share_with_data(&data);
            }
        })
    };
    let can_share = web_sys::window()
        .map(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
        .unwrap_or(false);
    let fullscreen = Callback::from(|_| {
        if let Some(qr) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("qr-box"))
        {
            let _ = qr.request_fullscreen();
        }
    });
    let snippet = share::iframe_snippet(&embed_link, &origin);
    let copy_snippet = {
        let snippet = snippet.clone();
        Callback::from(move |_| copy_text(&snippet))
    };
    let open = doc.open_round();
    html! {
        <section class="card" data-testid="share">
            <h1>{ doc.survey.title.clone() }</h1>
            <p class="hint">{ match open {
                Some(round) => format!("Round open: {}. Share this link with the team.", round.label),
                None => "No round is open: open one below before sharing the link.".to_owned(),
            } }</p>
            <label class="field">{ "Link for respondents" }
                <input type="text" readonly=true value={link.clone()} data-testid="share-link" />
            </label>
            <div class="row">
                <button class="button" onclick={copy} data-testid="copy-link">{ "Copy link" }</button>
                if can_share {
                    <button class="button secondary" onclick={share_sheet}>{ "Share…" }</button>
                }
                <a class="button secondary" href={link.clone()} target="_blank" rel="noopener">{ "Open the survey" }</a>
            </div>
            { match source {
                Source::Device => html! {
                    <p class="hint">{ "This survey lives on this device only: people answer here, one after another. \
                                       To collect answers on everyone's own phone, keep the file at a URL (WebDAV or S3)." }</p>
                },
                Source::Remote(_) => match share::qr_svg(&link, "QR code of the link for respondents") {
                    Some(svg) => html! {
                        <>
                            <div id="qr-box" class="qr-box" data-testid="qr">
                                { Html::from_html_unchecked(AttrValue::from(svg.into_string())) }
                                <p class="qr-caption">{ doc.survey.title.clone() }</p>
                            </div>
                            <button class="button secondary" onclick={fullscreen}>{ "Show the QR code full screen" }</button>
                        </>
                    },
                    None => html! { <p class="hint">{ "The link is too long for a QR code; share it as text." }</p> },
                },
            } }
            <details>
                <summary>{ "Embed in an intranet page" }</summary>
                <p class="hint">{ "Paste this into the page. The frame grows to fit the survey; Candor's header is hidden inside it." }</p>
                <textarea readonly=true rows="8" class="snippet" data-testid="embed-snippet" value={snippet} />
                <button class="button secondary" onclick={copy_snippet}>{ "Copy the snippet" }</button>
            </details>
        </section>
    }
}

fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

// ---- rounds and events ----

fn rounds_card(doc: &Document, apply: &Callback<(Change, &'static str)>) -> Html {
    let open = doc.open_round().cloned();
    let action = match open {
        Some(round) => {
            let apply = apply.clone();
            let id = round.id.clone();
            html! {
                <button class="button secondary" data-testid="close-round"
                        onclick={move |_| apply.emit((Change::CloseRound(id.clone()), "Round closed."))}>
                    { format!("Close {}", round.label) }
                </button>
            }
        }
        None => {
            let apply = apply.clone();
            let taken: Vec<String> = doc.rounds.iter().map(|r| r.id.clone()).collect();
            let open_round = Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let label = form_input(&e, "input")
                    .map(|input| input.value().trim().to_owned())
                    .unwrap_or_default();
                let Some(mut round) = templates::monthly_round(&today()) else {
                    return;
                };
                // A second round in the same month gets its own id (and label, unless named).
                let base = (round.id.clone(), round.label.clone());
                let mut n = 1;
                while taken.contains(&round.id) {
                    n += 1;
                    round.id = format!("{}-{n}", base.0);
                    round.label = format!("{} ({n})", base.1);
                }
                if !label.is_empty() {
                    round.label = label;
                }
                apply.emit((Change::OpenRound(round), "Round opened."));
            });
            let default_label = templates::monthly_round(&today())
                .map(|r| r.label)
                .unwrap_or_default();
            html! {
                <form class="row" onsubmit={open_round}>
                    <label class="field grow">{ "Name of the new round" }
                        <input type="text" maxlength="200" placeholder={default_label} data-testid="round-label-input" />
                    </label>
                    <button type="submit" class="button" data-testid="open-round">{ "Open the round" }</button>
                </form>
            }
        }
    };
    html! {
        <section class="card" data-testid="rounds">
            <h2>{ "Rounds" }</h2>
            <ul class="plain">
                { for doc.rounds.iter().rev().map(|r| {
                    let answers = doc.live_responses().filter(|x| x.round == r.id).count();
                    html! { <li>{ format!("{}: {}, {}", r.label, if r.closed { "closed" } else { "open" },
                        counted(answers, doc.survey.min_group)) }</li> }
                }) }
            </ul>
            { action }
        </section>
    }
}

/// How many answered, without revealing a small count before the minimum is reached.
fn counted(answers: usize, min_group: u32) -> String {
    if answers >= min_group as usize {
        format!("{answers} answers")
    } else if answers == 0 {
        "no answers yet".to_owned()
    } else {
        format!("fewer than {min_group} answers")
    }
}

/// The timeline entries of one kind: events (what shook the team) or actions (what the team
/// agreed to do), each noted against the latest round.
fn timeline_card(
    doc: &Document,
    apply: &Callback<(Change, &'static str)>,
    kind: EventKind,
) -> Html {
    let Some(latest) = doc.rounds.last() else {
        return html! {};
    };
    let (title, hint, question, button, done, testid) = match kind {
        EventKind::Event => (
            "Events",
            "Note what shook or changed the team (a re-org, an incident, a launch): the results show it on the timeline.",
            "What happened?".to_owned(),
            "Add event",
            "Event added to the timeline.",
            "events",
        ),
        EventKind::Action => (
            "Agreed actions",
            "After talking the results through, note what the team agreed to do: the results show it next to the round, so people see that answering leads somewhere.",
            format!("What did the team agree after {}?", latest.label),
            "Add action",
            "Action noted.",
            "actions",
        ),
    };
    let add = {
        let apply = apply.clone();
        let latest = latest.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = form_input(&e, "input[type=text]") else {
                return;
            };
            let label = input.value();
            if label.trim().is_empty() {
                return;
            }
            // An event is placed by its day (in the file as it is when written); an action
            // belongs to the latest round.
            let when = match form_input(&e, "input[type=date]").map(|d| d.value()) {
                Some(day) if !day.is_empty() => When::Day(day),
                _ => When::Round(latest.clone()),
            };
            input.set_value("");
            apply.emit((Change::AddEvent { when, label, kind }, done));
        })
    };
    html! {
        <section class="card" data-testid={testid}>
            <h2>{ title }</h2>
            <p class="hint">{ hint }</p>
            <ul class="plain">
                { for doc.events.iter().filter(|e| e.kind == kind).map(|e| {
                    let round = doc.round(&e.round).map_or(e.round.as_str(), |r| r.label.as_str());
                    html! { <li>{ match (&e.date, kind) {
                        (Some(date), _) => format!("{} ({date}, before {round})", e.label),
                        (None, EventKind::Event) => format!("{} (before {round})", e.label),
                        (None, EventKind::Action) => format!("{} (after {round})", e.label),
                    } }</li> }
                }) }
            </ul>
            <form class="row" onsubmit={add}>
                <label class="field grow">{ question }
                    <input type="text" maxlength="200" data-testid={format!("{testid}-label")} />
                </label>
                if kind == EventKind::Event {
                    <label class="field">{ "On" }
                        <input type="date" value={today()} required=true data-testid="events-date" />
                    </label>
                }
                <button type="submit" class="button secondary">{ button }</button>
            </form>
        </section>
    }
}

// ---- the question editor ----

fn editor(
    doc: &Rc<Document>,
    draft: &UseStateHandle<Option<Survey>>,
    apply: &Callback<(Change, &'static str)>,
) -> Html {
    let Some(survey) = (**draft).clone() else {
        return html! {};
    };
    let edit = |f: Rc<dyn Fn(&mut Survey)>| {
        let draft = draft.clone();
        move || {
            if let Some(mut next) = (*draft).clone() {
                f(&mut next);
                draft.set(Some(next));
            }
        }
    };
    let answered = !doc.responses.is_empty();
    let save = {
        let (apply, draft) = (apply.clone(), draft.clone());
        let base = doc.survey.revision;
        Callback::from(move |_| {
            if let Some(survey) = (*draft).clone() {
                apply.emit((Change::Revise { base, survey }, "Survey saved."));
            }
        })
    };
    let reset = {
        let (draft, saved) = (draft.clone(), doc.survey.clone());
        Callback::from(move |_| draft.set(Some(saved.clone())))
    };
    let changed = survey != doc.survey;
    let count = survey.questions.len();
    html! {
        <section class="card" data-testid="editor">
            <h2>{ format!("Questions (revision {})", doc.survey.revision) }</h2>
            if answered {
                <p class="hint">{ "People have answered already: questions with answers can be reworded or retired \
                                   (no longer asked, old answers kept) but not deleted or turned around." }</p>
            }
            { for survey.dimensions.iter().map(|dimension| html! {
                <fieldset class="dimension-edit">
                    <legend>{ dimension.name.clone() }</legend>
                    <ol class="questions-edit">
                        { for survey.questions.iter().enumerate().filter(|(_, q)| q.dimension == dimension.id).map(|(i, q)| {
                            let has_answers = doc.has_answers(&q.id);
                            let draft_text = draft.clone();
                            let on_text = move |e: Event| {
                                let value = input_value(&e);
                                if let Some(mut next) = (*draft_text).clone() {
                                    if let Some(q) = next.questions.get_mut(i) { q.text = value; }
                                    draft_text.set(Some(next));
                                }
                            };
                            let draft_reverse = draft.clone();
                            let on_reverse = move |e: Event| {
                                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                if let Some(mut next) = (*draft_reverse).clone() {
                                    if let Some(q) = next.questions.get_mut(i) { q.reverse = on; }
                                    draft_reverse.set(Some(next));
                                }
                            };
                            let toggle_retired = edit(Rc::new(move |s: &mut Survey| {
                                if let Some(q) = s.questions.get_mut(i) { q.retired = !q.retired; }
                            }));
                            let remove = edit(Rc::new(move |s: &mut Survey| { if i < s.questions.len() { s.questions.remove(i); } }));
                            let up = edit(Rc::new(move |s: &mut Survey| if i > 0 { s.questions.swap(i, i - 1) }));
                            let down = edit(Rc::new(move |s: &mut Survey| if i + 1 < s.questions.len() { s.questions.swap(i, i + 1) }));
                            html! {
                                <li class={classes!("question-edit", q.retired.then_some("retired"))} data-testid={format!("edit-{}", q.id)}>
                                    <label class="field">{ format!("Question {}", q.id) }
                                        <input type="text" value={q.text.clone()} maxlength="300" onchange={on_text} />
                                    </label>
                                    <div class="row tight">
                                        <label class="check">
                                            <input type="checkbox" checked={q.reverse} disabled={has_answers} onchange={on_reverse} />
                                            { "worded the other way round (reverse-keyed)" }
                                        </label>
                                    </div>
                                    <div class="row tight">
                                        <button type="button" class="button secondary small" onclick={move |_| toggle_retired()}
                                                data-testid={format!("retire-{}", q.id)}>
                                            { if q.retired { "Ask again" } else { "Retire" } }
                                        </button>
                                        if !has_answers {
                                            <button type="button" class="button secondary small" onclick={move |_| remove()}
                                                    data-testid={format!("delete-{}", q.id)}>{ "Delete" }</button>
                                        }
                                        <button type="button" class="button secondary small" aria-label={format!("Move {} up", q.id)} onclick={move |_| up()}>{ "↑" }</button>
                                        <button type="button" class="button secondary small" aria-label={format!("Move {} down", q.id)} onclick={move |_| down()}>{ "↓" }</button>
                                    </div>
                                </li>
                            }
                        }) }
                    </ol>
                    { {
                        let dimension_id = dimension.id.clone();
                        let add = edit(Rc::new(move |s: &mut Survey| {
                            let id = model::free_id(&dimension_id, |id| {
                                s.questions.iter().any(|q| q.id == id)
                            });
                            s.questions.push(Question {
                                id,
                                dimension: dimension_id.clone(),
                                text: String::new(),
                                reverse: false,
                                retired: false,
                            });
                        }));
                        html! { <button type="button" class="button secondary small" onclick={move |_| add()}
                                        data-testid={format!("add-{}", dimension.id)}>{ "Add a question" }</button> }
                    } }
                </fieldset>
            }) }
            <fieldset class="field">
                <legend>{ "Anonymity and response rate" }</legend>
                <label class="field">{ "Smallest group whose results are shown (at least 3)" }
                    <input type="number" min="3" max="50" value={survey.min_group.to_string()}
                           onchange={{
                               let draft = draft.clone();
                               move |e: Event| if let (Ok(n), Some(mut next)) = (input_value(&e).parse::<u32>(), (*draft).clone()) {
                                   next.min_group = n;
                                   next.min_group_comments = next.min_group_comments.max(n);
                                   draft.set(Some(next));
                               }
                           }} />
                </label>
                <label class="field">{ "Comments shown once this many people wrote one" }
                    <input type="number" min="3" max="100" value={survey.min_group_comments.to_string()}
                           onchange={{
                               let draft = draft.clone();
                               move |e: Event| if let (Ok(n), Some(mut next)) = (input_value(&e).parse::<u32>(), (*draft).clone()) {
                                   next.min_group_comments = n;
                                   draft.set(Some(next));
                               }
                           }} />
                </label>
                <label class="field">{ "Team size (optional)" }
                    <input type="number" min="1" max="10000" value={survey.team_size.map(|n| n.to_string()).unwrap_or_default()}
                           onchange={{
                               let draft = draft.clone();
                               move |e: Event| if let Some(mut next) = (*draft).clone() {
                                   next.team_size = input_value(&e).trim().parse().ok().filter(|n| *n > 0);
                                   draft.set(Some(next));
                               }
                           }} />
                </label>
            </fieldset>
            <div class="row">
                <button class="button" disabled={!changed} onclick={save} data-testid="save-survey">
                    { format!("Save the survey ({count} questions)") }
                </button>
                <button class="button secondary" disabled={!changed} onclick={reset}>{ "Undo changes" }</button>
            </div>
        </section>
    }
}

// ---- the file itself ----

/// Opens a team file from this computer: in place where the browser can write it back,
/// otherwise read from a file picker (changes are then saved by downloading).
fn open_from_disk(opened: &Callback<(DiskFile, Document)>, status: &Status) -> Html {
    if disk::has_file_access() {
        let (opened, status) = (opened.clone(), status.clone());
        let open = Callback::from(move |_| {
            let (opened, status) = (opened.clone(), status.clone());
            spawn_local(async move {
                match disk::open().await {
                    Ok(Some(file)) => opened.emit(file),
                    Ok(None) => {}
                    Err(e) => status.set(Some((true, capitalised(&e.to_string())))),
                }
            });
        });
        return html! {
            <button type="button" class="button secondary" onclick={open} data-testid="open-disk-file">
                { "Open a team file…" }
            </button>
        };
    }
    let (opened, status) = (opened.clone(), status.clone());
    let pick = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let (opened, status) = (opened.clone(), status.clone());
        spawn_local(async move {
            match read_team_file(&input).await {
                Ok((name, _, doc)) => opened.emit((DiskFile::read_only(&name), doc)),
                Err(why) => status.set(Some((true, why.sentence()))),
            }
        });
    });
    html! {
        <label class="button secondary file-pick">{ "Open a team file…" }
            <input type="file" accept=".json,application/json" onchange={pick} class="visually-hidden" data-testid="open-disk-pick" />
        </label>
    }
}

/// In place of the share card for a file on disk: phones cannot reach it, so answers are
/// collected on this device (passed around) and brought into the file afterwards.
fn collect_card(
    doc: &Rc<Document>,
    file: &DiskFile,
    apply: &Callback<(Change, &'static str)>,
    status: &Status,
) -> Html {
    let take = Route {
        page: Page::Take,
        src: None,
        embed: false,
    };
    let collect = {
        let (doc, status) = (doc.clone(), status.clone());
        let href = Bundle::Setup.href(&take);
        Callback::from(move |_| {
            let copy = match browser::device_load() {
                Ok(None) => Ok((*doc).clone()),
                Ok(Some(mut here)) if here.survey.id == doc.survey.id => here
                    .change(&Change::Merge(Box::new((*doc).clone())))
                    .map(|_| here)
                    .map_err(|e| e.to_string()),
                Ok(Some(here)) => Err(format!(
                    "this device already keeps another survey (\"{}\"); collect on another device, or download that one and clear this browser's data for Candor first",
                    here.survey.title
                )),
                Err(e) => Err(e.to_string()),
            };
            match copy.and_then(|copy| browser::device_save(&copy).map_err(|e| e.to_string())) {
                Ok(()) => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.open_with_url_and_target(&href, "_blank");
                    }
                    status.set(Some((
                        false,
                        "The survey is on this device: people answer in the new tab, one after another. Bring their answers into the file here afterwards.".into(),
                    )));
                }
                Err(e) => status.set(Some((true, capitalised(&e)))),
            }
        })
    };
    let here = browser::device_load()
        .ok()
        .flatten()
        .filter(|here| here.survey.id == doc.survey.id);
    let bring_in = here.map(|here| {
        let (apply, status) = (apply.clone(), status.clone());
        let count = counted(here.responses.len(), doc.survey.min_group);
        // Read again on the click: people answered in another tab since this was drawn.
        let onclick = Callback::from(move |_| match browser::device_load() {
            Ok(Some(here)) => apply.emit((
                Change::Merge(Box::new(here)),
                "The answers collected on this device are now in the file.",
            )),
            Ok(None) => status.set(Some((
                true,
                "This device holds no copy of the survey.".into(),
            ))),
            Err(e) => status.set(Some((true, capitalised(&e.to_string())))),
        });
        html! {
            <button class="button secondary" {onclick} data-testid="bring-in">
                { format!("Bring in the answers collected here ({count})") }
            </button>
        }
    });
    html! {
        <section class="card" data-testid="collect">
            <h1>{ doc.survey.title.clone() }</h1>
            <p class="hint">{ match doc.open_round() {
                Some(round) => format!("Round open: {}.", round.label),
                None => "No round is open: open one below before collecting answers.".to_owned(),
            } }</p>
            <p>{ format!(
                "The team file is {} on this computer. Phones cannot reach a file on disk, so answers are collected on this device, passed around the room, and brought into the file here.",
                file.name
            ) }</p>
            <div class="row">
                <button class="button" onclick={collect} data-testid="collect-here">{ "Collect answers on this device" }</button>
                { for bring_in }
            </div>
            <p class="hint">{ "For answers on everyone's own phone, keep the file at a URL (WebDAV or S3): create the survey there and merge this file into it." }</p>
        </section>
    }
}

fn file_card(
    doc: &Rc<Document>,
    source: &Source,
    disk: Option<&DiskFile>,
    unsaved: &UseStateHandle<bool>,
    apply: &Callback<(Change, &'static str)>,
    status: &Status,
    opened: &Callback<(DiskFile, Document)>,
) -> Html {
    let name = disk.map_or_else(|| format!("{}.json", doc.survey.id), |f| f.name.clone());
    let export = {
        let (doc, unsaved) = (doc.clone(), unsaved.clone());
        Callback::from(move |_| {
            download(&name, "application/json", &to_canonical_bytes(&doc));
            unsaved.set(false);
        })
    };
    // A copy of the file (e.g. collected on a laptop passed around a meeting) merges into
    // this one through the same protocol as every other change, wherever the file lives.
    let import = {
        let apply = apply.clone();
        let status = status.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let (apply, status) = (apply.clone(), status.clone());
            spawn_local(async move {
                match read_team_file(&input).await {
                    Ok((_, _, copy)) => apply.emit((
                        Change::Merge(Box::new(copy)),
                        "Merged: every answer from both copies is kept.",
                    )),
                    Err(why) => status.set(Some((true, why.sentence()))),
                }
            });
        })
    };
    let results = Route {
        page: Page::Results,
        src: match source {
            Source::Remote(url) => Some(url.clone()),
            Source::Device => None,
        },
        embed: false,
    };
    let writable = disk.is_none_or(DiskFile::can_write);
    html! {
        <section class="card" data-testid="file">
            <h2>{ "The team file" }</h2>
            <p class="hint" data-testid="file-where">{ match (disk, source) {
                (Some(file), _) if file.can_write() => format!("{} on this computer: every change is saved to it.", file.name),
                (Some(file), _) => format!(
                    "Opened from {}. This browser cannot write to files on disk: after a change, download the updated file and keep it in place of the old one.",
                    file.name
                ),
                (None, Source::Device) => "Kept in this browser on this device.".to_owned(),
                (None, Source::Remote(url)) => format!("Shared at {url}."),
            } }</p>
            if **unsaved {
                <p class="error-text" data-testid="unsaved">{ "Changes not saved yet: download the updated file." }</p>
            }
            <div class="row">
                <button class="button secondary" onclick={export} data-testid="download-file">
                    { if writable { "Download the team file" } else { "Download the updated file" } }
                </button>
                <label class="button secondary file-pick">{ "Merge in a copy…" }
                    <input type="file" accept=".json,application/json" onchange={import} class="visually-hidden" data-testid="merge-pick" />
                </label>
                { open_from_disk(opened, status) }
                if disk.is_none() {
                    <a class="button secondary" href={Bundle::Setup.href(&results)}>{ "See the results" }</a>
                }
            </div>
            if disk.is_some() {
                <p class="hint">{ "To see the results, open this file on the results page." }</p>
            }
        </section>
    }
}
