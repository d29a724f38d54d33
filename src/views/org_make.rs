//! The organisation page without a file (`#/org`): making an organisation file. The links of
//! the teams' files are pasted, each file is read (in the reader worker) for its title, the
//! teams are named and arranged in groups, and the file is downloaded or written to an address
//! with the write protocol (created, or replacing an organisation file there, never anything
//! else). A file made before is opened by its address to be changed and written back.
//!
//! In the page's language (catalog [`OrgMsg`](crate::i18n::OrgMsg), held by
//! [`super::org::Org`]); the worker says what went wrong in it too, as each request that can
//! fail with a sentence carries the language file. What the files and the person typed
//! (titles, names, groups, links) stays as it is.

use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::org::language_file;
use crate::i18n::{OrgMsg as O, Texts};
use crate::route::{Bundle, Page, Route};
use crate::storage::browser;
use crate::views::files::download;

/// The reader worker, built beside the results page.
const WORKER_URL: &str = "../results/candor-reader_loader.js";

/// One team in the list being made.
#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    group: String,
    file: String,
}

/// What the page says after its last action.
#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    Working(O),
    /// Team files that could not be read: (link, why).
    Unread(Vec<(String, String)>),
    Saved {
        url: String,
        replaced: bool,
    },
    /// A mistake or failure in the page's own words.
    Failed(O),
    /// What the file reader answered (in the language it was asked in).
    Refused(String),
}

/// Sends `message` to a fresh reader worker and returns its one answer, or what to say.
async fn ask(message: &JsValue) -> Result<Array, Said> {
    let failed = || Said::Failed(O::ReaderStopped);
    let worker = browser::start_worker(WORKER_URL).map_err(|_| failed())?;
    let answer = async {
        browser::next_worker_message(&worker)
            .await
            .ok_or_else(failed)?; // "ready"
        worker.post_message(message).map_err(|_| failed())?;
        let reply = browser::next_worker_message(&worker)
            .await
            .ok_or_else(failed)?;
        let reply: Array = reply
            .dyn_into()
            .map_err(|_| Said::Failed(O::ReaderMalformed))?;
        match reply.get(0).as_string().as_deref() {
            Some("org-failed") => Err(reply
                .get(1)
                .as_string()
                .map_or(Said::Failed(O::ReaderMalformed), Said::Refused)),
            Some(_) => Ok(reply),
            None => Err(Said::Failed(O::ReaderMalformed)),
        }
    }
    .await;
    worker.terminate();
    answer
}

fn value(e: &InputEvent) -> String {
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| {
            e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
                .map(|t| t.value())
        })
        .unwrap_or_default()
}

#[derive(Properties)]
pub struct OrgMakeProps {
    pub texts: Rc<Texts<O>>,
}

impl PartialEq for OrgMakeProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.texts, &other.texts)
    }
}

#[component]
pub fn OrgMake(props: &OrgMakeProps) -> Html {
    let t = &props.texts;
    let title = use_state(String::new);
    let links = use_state(String::new);
    let rows = use_state(Vec::<Row>::new);
    let address = use_state(String::new);
    let said = use_state(|| Said::Nothing);
    let opening = use_state(String::new);
    // The file opened, if one was: its address (what its relative team names are relative to)
    // and the ETag it was read with (a write back replaces only that version).
    let opened = use_state(|| None::<(String, Option<String>)>);

    let read_teams = {
        let (links, rows, said) = (links.clone(), rows.clone(), said.clone());
        let opened = opened.clone();
        let not_read = t.get(O::NotRead).to_owned();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let wanted: Vec<String> = links
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .filter(|l| !rows.iter().any(|r| r.file == *l))
                .map(str::to_owned)
                .collect();
            if wanted.is_empty() {
                said.set(Said::Failed(O::NeedLinks));
                return;
            }
            said.set(Said::Working(O::ReadingTeamFiles));
            let (links, rows, said) = (links.clone(), rows.clone(), said.clone());
            let not_read = not_read.clone();
            // Links are read as the file will read them: relative to the file opened, if one
            // was, else to this page.
            let base = opened.as_ref().map(|(url, _)| url.clone());
            spawn_local(async move {
                let base = base
                    .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
                    .unwrap_or_default();
                let message = Array::of3(
                    &"org-titles".into(),
                    &base.into(),
                    &wanted.iter().map(JsValue::from).collect::<Array>(),
                );
                let answer = match ask(&message.into()).await {
                    Ok(answer) => answer,
                    Err(failed) => return said.set(failed),
                };
                let found: Array = answer.get(1).into();
                let mut added = (*rows).clone();
                let mut unread = Vec::new();
                for (link, found) in wanted.into_iter().zip(found.iter()) {
                    let found: Array = found.into();
                    match (found.get(0).as_string(), found.get(1).as_string()) {
                        (Some(name), _) => added.push(Row {
                            name,
                            group: String::new(),
                            file: link,
                        }),
                        (None, why) => unread.push((link, why.unwrap_or_else(|| not_read.clone()))),
                    }
                }
                // The links that could not be read stay in the box, to be fixed and read again.
                links.set(
                    unread
                        .iter()
                        .map(|(l, _)| l.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
                rows.set(added);
                said.set(if unread.is_empty() {
                    Said::Nothing
                } else {
                    Said::Unread(unread)
                });
            });
        })
    };

    // Changing a file made before: its title and teams fill the form, and its address is
    // where "Write it there" writes the changed file back.
    let open_file = {
        let (opening, title, rows, address, said) = (
            opening.clone(),
            title.clone(),
            rows.clone(),
            address.clone(),
            said.clone(),
        );
        let (links, opened) = (links.clone(), opened.clone());
        let (confirm, language) = (t.get(O::ConfirmReplace).to_owned(), language_file(t));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let url = opening.trim().to_owned();
            // The teams listed now would be replaced by the file's: only if the person says so.
            let keep = !rows.is_empty()
                && !web_sys::window()
                    .and_then(|w| w.confirm_with_message(&confirm).ok())
                    .unwrap_or(false);
            if keep {
                return;
            }
            if url.is_empty() {
                said.set(Said::Failed(O::NeedAddress));
                return;
            }
            said.set(Said::Working(O::ReadingOrgFile));
            let (title, rows, address, said) =
                (title.clone(), rows.clone(), address.clone(), said.clone());
            let (links, opened) = (links.clone(), opened.clone());
            let message = Array::of3(&"org-open".into(), &url.as_str().into(), &language);
            spawn_local(async move {
                let answer = match ask(&message.into()).await {
                    Ok(answer) => answer,
                    Err(failed) => return said.set(failed),
                };
                let teams: Option<Vec<Row>> =
                    answer.get(2).dyn_into::<Array>().ok().and_then(|teams| {
                        teams
                            .iter()
                            .map(|team| {
                                let team: Array = team.dyn_into().ok()?;
                                Some(Row {
                                    name: team.get(0).as_string()?,
                                    group: team.get(1).as_string()?,
                                    file: team.get(2).as_string()?,
                                })
                            })
                            .collect()
                    });
                match (answer.get(1).as_string(), teams) {
                    (Some(name), Some(teams)) => {
                        title.set(name);
                        rows.set(teams);
                        // Links typed for the form before are not part of this file.
                        links.set(String::new());
                        opened.set(Some((url.clone(), answer.get(3).as_string())));
                        address.set(url);
                        said.set(Said::Nothing);
                    }
                    _ => said.set(Said::Failed(O::ReaderMalformed)),
                }
            });
        })
    };
    let on_opening = {
        let opening = opening.clone();
        Callback::from(move |e: InputEvent| opening.set(value(&e)))
    };

    let write = {
        let (title, rows, said, opened) =
            (title.clone(), rows.clone(), said.clone(), opened.clone());
        let language = language_file(t);
        Rc::new(move |url: Option<String>| {
            let (title, rows, said) = (title.clone(), rows.clone(), said.clone());
            let opened_state = opened.clone();
            let (from, based_on) = match &*opened {
                // Written back where it was opened: only over the version opened.
                Some((from, tag)) if url.as_deref() == Some(from.as_str()) => {
                    (Some(from.clone()), tag.clone())
                }
                Some((from, _)) => (Some(from.clone()), None),
                None => (None, None),
            };
            said.set(Said::Working(if url.is_some() {
                O::WritingOrgFile
            } else {
                O::MakingOrgFile
            }));
            let language = language.clone();
            spawn_local(async move {
                let teams: Array = rows
                    .iter()
                    .map(|r| {
                        Array::of3(
                            &r.name.as_str().into(),
                            &r.group.as_str().into(),
                            &r.file.as_str().into(),
                        )
                    })
                    .collect();
                let text_or_null =
                    |t: &Option<String>| t.as_deref().map_or(JsValue::NULL, JsValue::from);
                let message = [
                    JsValue::from("org-make"),
                    title.as_str().into(),
                    teams.into(),
                    text_or_null(&url),
                    text_or_null(&based_on),
                    text_or_null(&from),
                    language,
                ]
                .iter()
                .collect::<Array>();
                match ask(&message.into()).await {
                    Ok(answer) => {
                        let text = answer.get(1).as_string().unwrap_or_default();
                        match (url, answer.get(2).as_string()) {
                            (Some(url), Some(saved)) => {
                                // The file there is now this one: it is what later writes
                                // replace (its new version was not read, so no ETag).
                                opened_state.set(Some((url.clone(), None)));
                                said.set(Said::Saved {
                                    url,
                                    replaced: saved == "replaced",
                                })
                            }
                            _ => {
                                download("organisation.json", "application/json", text.as_bytes());
                                said.set(Said::Nothing);
                            }
                        }
                    }
                    Err(failed) => said.set(failed),
                }
            });
        })
    };
    let on_download = {
        let write = write.clone();
        Callback::from(move |_: MouseEvent| write(None))
    };
    let on_save = {
        let (address, write) = (address.clone(), write.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            write(Some(address.trim().to_owned()))
        })
    };

    let row_view = |(i, row): (usize, &Row)| {
        let edit = |set: fn(&mut Row, String)| {
            let rows = rows.clone();
            Callback::from(move |e: InputEvent| {
                let mut changed = (*rows).clone();
                if let Some(row) = changed.get_mut(i) {
                    set(row, value(&e));
                }
                rows.set(changed);
            })
        };
        let remove = {
            let rows = rows.clone();
            Callback::from(move |_: MouseEvent| {
                let mut changed = (*rows).clone();
                if i < changed.len() {
                    changed.remove(i);
                }
                rows.set(changed);
            })
        };
        html! {
            <li class="org-row" data-testid="org-make-row">
                <label>{ t.get(O::TeamField) }
                    <input type="text" dir="auto" value={row.name.clone()} oninput={edit(|r, v| r.name = v)} maxlength="200" />
                </label>
                <label>{ t.get(O::GroupField) }
                    <input type="text" dir="auto" value={row.group.clone()} oninput={edit(|r, v| r.group = v)}
                        placeholder={t.get(O::GroupExample).to_owned()} list="org-groups" maxlength="400" />
                </label>
                <p class="muted team-file" dir="ltr">{ &row.file }</p>
                <button type="button" class="button secondary small" onclick={remove}
                    aria-label={t.fill(O::RemoveTeam, &[("team", &t.name(&row.name))])}>{ t.get(O::Remove) }</button>
            </li>
        }
    };
    let mut groups: Vec<&str> = rows
        .iter()
        .map(|r| r.group.trim())
        .filter(|g| !g.is_empty())
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let busy = matches!(*said, Said::Working(_));
    let said_view = match &*said {
        Said::Nothing => html! {},
        Said::Working(text) => html! { <p class="muted" role="status">{ t.get(*text) }</p> },
        Said::Unread(unread) => html! {
            <div class="notice error" role="alert" data-testid="org-make-unread">
                <p>{ t.fill(O::Unread, &[("count", &t.count(unread.len()))]) }</p>
                <ul>{ for unread.iter().map(|(link, why)| html! {
                    <li>{ t.fill(O::UnreadLink, &[("link", &t.name(link)), ("why", why)]) }</li>
                }) }</ul>
            </div>
        },
        Said::Saved { url, replaced } => {
            let view = Bundle::Org.href(&Route {
                page: Page::Org,
                src: Some(url.clone()),
                embed: false,
                key: None,
            });
            html! {
                <div class="notice success" role="status" data-testid="org-make-saved">
                    <p>{ t.get(if *replaced { O::Replaced } else { O::Written }) }</p>
                    <p><a class="button" href={view}>{ t.get(O::OpenView) }</a></p>
                </div>
            }
        }
        Said::Failed(what) => html! {
            <p class="error-text" role="alert" data-testid="org-make-error">{ t.get(*what) }</p>
        },
        Said::Refused(why) => html! {
            <p class="error-text" role="alert" data-testid="org-make-error">{ why }</p>
        },
    };
    let on_title = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| title.set(value(&e)))
    };
    let on_links = {
        let links = links.clone();
        Callback::from(move |e: InputEvent| links.set(value(&e)))
    };
    let on_address = {
        let address = address.clone();
        Callback::from(move |e: InputEvent| address.set(value(&e)))
    };
    html! {
        <div class="org" data-testid="org-make">
            <section class="card">
                <h1>{ t.get(O::MakeTitle) }</h1>
                <p>{ t.get(O::MakeIntro) }</p>
                <form class="org-form" onsubmit={read_teams}>
                    <label for="org-title">{ t.get(O::OrgName) }</label>
                    <input id="org-title" type="text" dir="auto" value={(*title).clone()} oninput={on_title} maxlength="200" data-testid="org-make-title" />
                    <label for="org-links">{ t.get(O::Links) }</label>
                    <textarea id="org-links" rows="5" dir="ltr" value={(*links).clone()} oninput={on_links}
                        placeholder={t.get(O::LinksExample).to_owned()} data-testid="org-make-links" />
                    <button type="submit" class="button" disabled={busy} data-testid="org-make-read">{ t.get(O::AddTeams) }</button>
                </form>
                <form class="org-form" onsubmit={open_file}>
                    <label for="org-open">{ t.get(O::OpenLabel) }</label>
                    <input id="org-open" type="url" dir="ltr" value={(*opening).clone()} oninput={on_opening}
                        placeholder={t.get(O::AddressExample).to_owned()} data-testid="org-make-open-address" />
                    <button type="submit" class="button secondary" disabled={busy} data-testid="org-make-open">{ t.get(O::OpenIt) }</button>
                </form>
                { said_view }
            </section>
            if !rows.is_empty() {
                <section class="card">
                    <h2>{ t.fill(O::TeamsListed, &[("count", &t.count(rows.len()))]) }</h2>
                    <p class="muted">{ t.get(O::NamesHint) }</p>
                    <datalist id="org-groups">{ for groups.iter().map(|g| html! { <option value={g.to_string()} /> }) }</datalist>
                    <ol class="org-rows">{ for rows.iter().enumerate().map(row_view) }</ol>
                    <div class="actions">
                        <button type="button" class="button secondary" onclick={on_download} disabled={busy} data-testid="org-make-download">{ t.get(O::DownloadOrgFile) }</button>
                    </div>
                    <form class="org-form" onsubmit={on_save}>
                        <label for="org-address">{ t.get(O::WriteLabel) }</label>
                        <input id="org-address" type="url" dir="ltr" value={(*address).clone()} oninput={on_address}
                            placeholder={t.get(O::AddressExample).to_owned()} data-testid="org-make-address" />
                        <button type="submit" class="button" disabled={busy} data-testid="org-make-save">{ t.get(O::WriteThere) }</button>
                    </form>
                </section>
            }
        </div>
    }
}
