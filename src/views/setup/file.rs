//! The team file itself: where it lives, download it, merge in a copy, open another from this
//! computer (in place where the browser can write it back, otherwise read from a picker and
//! saved by downloading), and the way to its results.

use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::Apply;
use super::state::{Action, Home, Workspace};
use crate::model::{Change, Document, to_canonical_bytes};
use crate::route::{Bundle, Page, Route};
use crate::storage::Source;
use crate::storage::disk::{self, DiskFile};
use crate::views::error::UiError;
use crate::views::files::{download, read_team_file};

/// Opens a team file from this computer: in place where the browser can write it back,
/// otherwise read from a file picker (changes are then saved by downloading).
pub(super) fn open_from_disk(
    opened: &Callback<(DiskFile, Document)>,
    failed: &Callback<UiError>,
) -> Html {
    if disk::has_file_access() {
        let (opened, failed) = (opened.clone(), failed.clone());
        let open = Callback::from(move |_| {
            let (opened, failed) = (opened.clone(), failed.clone());
            spawn_local(async move {
                match disk::open().await {
                    Ok(Some(file)) => opened.emit(file),
                    Ok(None) => {}
                    Err(e) => failed.emit(e.into()),
                }
            });
        });
        return html! {
            <button type="button" class="button secondary" onclick={open} data-testid="open-disk-file">
                { "Open a team file…" }
            </button>
        };
    }
    let (opened, failed) = (opened.clone(), failed.clone());
    let pick = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let (opened, failed) = (opened.clone(), failed.clone());
        spawn_local(async move {
            match read_team_file(&input).await {
                Ok((name, _, doc)) => opened.emit((DiskFile::read_only(&name), doc)),
                Err(e) => failed.emit(e),
            }
        });
    });
    html! {
        <label class="button secondary file-pick">{ "Open a team file…" }
            <input type="file" accept=".json,application/json" onchange={pick} class="visually-hidden" data-testid="open-disk-pick" />
        </label>
    }
}

pub(super) fn file_card(
    state: &Workspace,
    apply: &Apply,
    dispatch: &UseReducerDispatcher<Workspace>,
    failed: &Callback<UiError>,
) -> Html {
    let doc = &state.doc;
    let (disk, source) = match &state.home {
        Home::Disk(file) => (Some(file), &Source::Device),
        Home::Store(source) => (None, source),
    };
    let name = disk.map_or_else(|| format!("{}.json", doc.survey.id), |f| f.name.clone());
    let export = {
        let (doc, dispatch) = (doc.clone(), dispatch.clone());
        Callback::from(move |_| {
            download(&name, "application/json", &to_canonical_bytes(&doc));
            dispatch.dispatch(Action::Downloaded);
        })
    };
    let opened = {
        let dispatch = dispatch.clone();
        Callback::from(move |(file, doc): (DiskFile, Document)| {
            dispatch.dispatch(Action::Opened { file, doc });
        })
    };
    // A copy of the file (e.g. collected on a laptop passed around a meeting) merges into
    // this one through the same protocol as every other change, wherever the file lives.
    let import = {
        let (apply, failed) = (apply.clone(), failed.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let (apply, failed) = (apply.clone(), failed.clone());
            spawn_local(async move {
                match read_team_file(&input).await {
                    Ok((_, _, copy)) => apply.emit((
                        Change::Merge(Box::new(copy)),
                        "Merged: every answer from both copies is kept.",
                    )),
                    Err(e) => failed.emit(e),
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
            if state.unsaved {
                <p class="error-text" data-testid="unsaved">{ "Changes not saved yet: download the updated file." }</p>
            }
            <div class="row">
                <button class="button secondary" onclick={export} data-testid="download-file">
                    { if writable { "Download the team file" } else { "Download the updated file" } }
                </button>
                <label class="button secondary file-pick">{ "Merge in a copy…" }
                    <input type="file" accept=".json,application/json" onchange={import} class="visually-hidden" data-testid="merge-pick" />
                </label>
                { open_from_disk(&opened, failed) }
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
