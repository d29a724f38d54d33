//! The dashboard's three listeners, on its outer element: clicks on [`Action`] buttons,
//! focus on a chart point (its round's readout and the chart's tab stop), and the keyboard
//! walk along a chart's points. The markup they read was written by [`crate::dashboard`]
//! from the same definitions ([`Action`], [`ids`], the chart's point class and slot).

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{Loaded, as_element, element};
use crate::chart::{POINT_SELECTOR, SLOT_ATTR};
use crate::dashboard::{ACTION_ATTR, Action, CHART_ATTR, RELEASE_KEY_ID, RELEASE_STATUS_ID, ids};
use crate::i18n::{ResultsMsg as M, Texts};
use crate::reader::{self, ReleaseFrom};
use crate::release::ReleaseError;
use crate::storage::Source;
use crate::storage::browser;
use crate::views::error::UiError;
use crate::views::files::{download, download_png};
use crate::views::named_target;

/// A click on (or inside) one of the dashboard's buttons.
pub(super) fn click(loaded: &Loaded, e: &MouseEvent) {
    let Some((button, action)) = named_target(e.target(), ACTION_ATTR, Action::parse) else {
        return;
    };
    let id = &loaded.survey_id;
    let chart = || {
        let chart_id = button.get_attribute(CHART_ATTR)?;
        Some((element(&chart_id)?, chart_id))
    };
    match action {
        Action::Csv => download(
            &format!("{id}-results.csv"),
            "text/csv",
            loaded.csv.as_bytes(),
        ),
        Action::TeamFile => {
            // The file as stored, byte for byte.
            let (source, name) = (loaded.source.clone(), format!("{id}.json"));
            if let Some(bytes) = &loaded.picked {
                download(&name, "application/json", bytes);
                return;
            }
            spawn_local(async move {
                if let Ok(bytes) = browser::stored_bytes(&source).await {
                    download(&name, "application/json", &bytes);
                }
            });
        }
        Action::Print => {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        }
        Action::ChartPng => {
            if let Some((svg, chart_id)) = chart() {
                download_png(&format!("{id}-{chart_id}.png"), &svg, 3);
            }
        }
        Action::Release => release(loaded, &button),
        Action::Retro => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_hash(&loaded.retro_hash);
            }
        }
        Action::ChartSvg => {
            if let Some((svg, chart_id)) = chart() {
                let text = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
                    svg.outer_html()
                );
                download(
                    &format!("{id}-{chart_id}.svg"),
                    "image/svg+xml",
                    text.as_bytes(),
                );
            }
        }
    }
}

/// Why a release failed, in the page's language: the key holder's own mistakes (a text that
/// is no key, a key of another survey, no copy of the survey here) in the results page's
/// words, a problem of the file or the server as every page says it
/// ([`UiError::sentence_in`]).
fn release_failed(t: &Texts<M>, e: &UiError) -> String {
    match e {
        UiError::NoCopyHere => t.get(M::NoCopyHere).to_owned(),
        UiError::Invalid(why) if why == reader::NOT_A_KEY => t.get(M::NotAKey).to_owned(),
        UiError::Invalid(why) if *why == ReleaseError::WrongKey.to_string() => {
            t.get(M::WrongKey).to_owned()
        }
        other => other.sentence_in(t),
    }
}

/// Releases the closed rounds with the key in the release card: opened and computed in the
/// reader worker, written into the team file as published results, then the page reloads to
/// show them. Says each step (and any failure) in the card's status line.
fn release(loaded: &Loaded, button: &Element) {
    let say = |text: &str| {
        if let Some(status) = element(RELEASE_STATUS_ID) {
            status.set_text_content(Some(text));
        }
    };
    let key = element(RELEASE_KEY_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default();
    if key.trim().is_empty() {
        say(loaded.texts.get(M::EnterKey));
        return;
    }
    let _ = button.set_attribute("disabled", "");
    let (source, picked, id) = (
        loaded.source.clone(),
        loaded.picked.clone(),
        loaded.survey_id.clone(),
    );
    let button = button.clone();
    say(loaded.texts.get(M::Opening));
    let texts = loaded.texts.clone();
    spawn_local(async move {
        let outcome = async {
            let from_bytes = match (&picked, &source) {
                (Some(bytes), _) => Some(bytes.clone()),
                (None, Source::Device) => Some(browser::stored_bytes(&source).await?),
                (None, Source::Remote(_)) => None,
            };
            let released = match (&from_bytes, &source) {
                (Some(bytes), _) => reader::release(ReleaseFrom::Bytes(bytes), &key)
                    .await
                    .map_err(UiError::Invalid),
                (None, Source::Remote(url)) => reader::release(ReleaseFrom::Url(url), &key)
                    .await
                    .map_err(UiError::Invalid),
                (None, Source::Device) => Err(UiError::NoCopyHere),
            }?;
            if let (Some(file), Some(sent)) = (&released.file, &from_bytes)
                && released.rounds > 0
            {
                if picked.is_some() {
                    // A file picked from this computer: the released file is downloaded.
                    download(&format!("{id}.json"), "application/json", file);
                } else {
                    browser::device_replace(sent, file)?;
                }
            }
            Ok::<_, UiError>((released.rounds, released.unopened))
        };
        match outcome.await {
            Ok((rounds, unopened)) => {
                let mut text = match rounds {
                    0 => texts.get(M::NothingToRelease).to_owned(),
                    1 => texts.get(M::OneReleased).to_owned(),
                    n => texts.fill(M::RoundsReleased, &[("count", &n.to_string())]),
                };
                if unopened > 0 {
                    text.push(' ');
                    text.push_str(&texts.fill(M::Unopened, &[("count", &unopened.to_string())]));
                }
                say(&text);
                if rounds > 0 && picked.is_none() {
                    // Show the released rounds; the key leaves the address.
                    if let Some(window) = web_sys::window() {
                        let location = window.location();
                        let hash = location.hash().unwrap_or_default();
                        let route = crate::route::Route::parse(&hash);
                        let cleared = crate::route::Route { key: None, ..route };
                        let _ = location.set_hash(&cleared.to_hash());
                        let _ = location.reload();
                    }
                }
            }
            Err(e) => say(&release_failed(&texts, &e)),
        }
        let _ = button.remove_attribute("disabled");
    });
}

/// A focused (or tapped) point shows its round's exact numbers below the chart, and becomes
/// the chart's tab stop, so Tab comes back to where the person was.
pub(super) fn focus(loaded: &Loaded, e: &FocusEvent) {
    let Some(point) = as_element(e.target()) else {
        return;
    };
    let (Some(slot), Some(chart)) = (
        point
            .get_attribute(SLOT_ATTR)
            .and_then(|s| s.parse::<usize>().ok()),
        point.closest("svg").ok().flatten(),
    ) else {
        return;
    };
    if let Ok(points) = chart.query_selector_all("[tabindex='0']") {
        for i in 0..points.length() {
            if let Some(p) = points.item(i).and_then(|p| p.dyn_into::<Element>().ok()) {
                let _ = p.set_attribute("tabindex", "-1");
            }
        }
    }
    let _ = point.set_attribute("tabindex", "0");
    let chart_id = chart.id();
    let Some(dimension) = ids::dimension_of_chart(&chart_id) else {
        return;
    };
    if let (Some(text), Some(readout)) = (
        loaded.readouts.get(dimension, slot),
        element(&ids::readout(dimension)),
    ) {
        readout.set_text_content(Some(text));
    }
}

/// Arrow keys, Home and End walk the released rounds of one chart.
pub(super) fn key(e: &KeyboardEvent) {
    let Some(point) = as_element(e.target()) else {
        return;
    };
    let Some(points) = point
        .closest("svg")
        .ok()
        .flatten()
        .and_then(|svg| svg.query_selector_all(POINT_SELECTOR).ok())
    else {
        return;
    };
    let count = points.length();
    let Some(at) = (0..count).find(|&i| {
        points
            .item(i)
            .is_some_and(|p| p.is_same_node(Some(point.unchecked_ref())))
    }) else {
        return;
    };
    let next = match e.key().as_str() {
        "ArrowRight" | "ArrowUp" => (at + 1).min(count - 1),
        "ArrowLeft" | "ArrowDown" => at.saturating_sub(1),
        "Home" => 0,
        "End" => count - 1,
        _ => return,
    };
    e.prevent_default();
    if let Some(target) = points
        .item(next)
        .and_then(|p| p.dyn_into::<web_sys::SvgElement>().ok())
    {
        let _ = target.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_holders_mistakes_are_said_in_the_pages_language() {
        let json = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang/de.json"),
        )
        .expect("the German file");
        let (german, _) = Texts::<M>::parse(&json).expect("German texts");
        for (error, msg) in [
            (UiError::Invalid(reader::NOT_A_KEY.to_owned()), M::NotAKey),
            (
                UiError::Invalid(ReleaseError::WrongKey.to_string()),
                M::WrongKey,
            ),
            (UiError::NoCopyHere, M::NoCopyHere),
        ] {
            assert_eq!(release_failed(&german, &error), german.get(msg));
            assert_ne!(
                german.get(msg),
                crate::i18n::Catalog::english(msg),
                "{msg:?} is not translated"
            );
        }
        // Anything else is said as it comes.
        let other = UiError::Invalid("the server answered 500".into());
        assert_eq!(release_failed(&german, &other), "The server answered 500.");
    }
}
