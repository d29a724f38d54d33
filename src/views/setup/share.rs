//! Sharing the survey: the respondent link (copy, share sheet, QR code, iframe snippet) for a
//! file at a URL or on this device, and, for a file on this computer's disk (which phones
//! cannot reach), collecting answers on this device and bringing them into the file.

use std::rc::Rc;

use yew::prelude::*;

use super::Apply;
use super::rounds::counted;
use super::state::{Action, Workspace};
use crate::model::{Change, Document};
use crate::route::{Bundle, Page, Route};
use crate::share;
use crate::storage::disk::DiskFile;
use crate::storage::{Source, browser};
use crate::views::error::UiError;

/// This page's address (the respondent link is made from it).
fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

pub(super) fn share_card(doc: &Document, source: &Source) -> Html {
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

/// In place of the share card for a file on disk: phones cannot reach it, so answers are
/// collected on this device (passed around) and brought into the file afterwards.
pub(super) fn collect_card(
    doc: &Rc<Document>,
    file: &DiskFile,
    apply: &Apply,
    dispatch: &UseReducerDispatcher<Workspace>,
) -> Html {
    let take = Route {
        page: Page::Take,
        src: None,
        embed: false,
    };
    let collect = {
        let (doc, dispatch) = (doc.clone(), dispatch.clone());
        let href = Bundle::Setup.href(&take);
        Callback::from(move |_| {
            let copy = match browser::device_load() {
                Ok(None) => Ok((*doc).clone()),
                Ok(Some(mut here)) if here.survey.id == doc.survey.id => here
                    .change(&Change::Merge(Box::new((*doc).clone())))
                    .map(|_| here)
                    .map_err(|e| UiError::Invalid(e.to_string())),
                Ok(Some(here)) => Err(UiError::OtherSurveyHere(here.survey.title)),
                Err(e) => Err(e.into()),
            };
            match copy.and_then(|copy| Ok(browser::device_save(&copy)?)) {
                Ok(()) => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.open_with_url_and_target(&href, "_blank");
                    }
                    dispatch.dispatch(Action::Said(
                        "The survey is on this device: people answer in the new tab, one after another. Bring their answers into the file here afterwards.".into(),
                    ));
                }
                Err(e) => dispatch.dispatch(Action::Failed(e)),
            }
        })
    };
    let here = browser::device_load()
        .ok()
        .flatten()
        .filter(|here| here.survey.id == doc.survey.id);
    let bring_in = here.map(|here| {
        let (apply, dispatch) = (apply.clone(), dispatch.clone());
        let count = counted(here.responses.len(), doc.survey.min_group);
        // Read again on the click: people answered in another tab since this was drawn.
        let onclick = Callback::from(move |_| match browser::device_load() {
            Ok(Some(here)) => apply.emit((
                Change::Merge(Box::new(here)),
                "The answers collected on this device are now in the file.",
            )),
            Ok(None) => dispatch.dispatch(Action::Failed(UiError::NoCopyHere)),
            Err(e) => dispatch.dispatch(Action::Failed(e.into())),
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
