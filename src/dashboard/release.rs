//! The release card: what is waiting for the key holder (closed rounds not yet released, with
//! how many answers each holds) and the field for the results key; or, for a survey from
//! before sealing, the warning that its answers are readable. Nothing at all for a sealed
//! survey with nothing to release.

use super::action::{Action, FILE_PICK_ATTR, KEY_PICK, action_button};
use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::Document;
use crate::stats::Report;

/// The element id of the key field (the page fills it from the key holder's link or the key
/// this browser keeps, and reads it on release).
pub const RELEASE_KEY_ID: &str = "release-key";
/// The element id of the card's status line.
pub const RELEASE_STATUS_ID: &str = "release-status";

pub(super) fn card(m: &mut Markup, t: &Texts<M>, doc: &Document, report: &Report) {
    if !doc.is_sealed() {
        m.open(
            "section",
            &[("class", "card notice error"), ("data-testid", "unsealed")],
        )
        .element("h2", &[], t.get(M::UnsealedTitle))
        .element("p", &[], t.get(M::UnsealedText))
        .close("section");
        return;
    }
    let waiting: Vec<(&str, usize)> = report
        .rounds()
        .iter()
        .filter_map(|r| {
            r.pending()
                .filter(|p| p.closed())
                .map(|p| (r.label(), p.answers()))
        })
        .collect();
    if waiting.is_empty() {
        return;
    }
    m.open("section", &[("class", "card"), ("data-testid", "release")])
        .element("h2", &[], t.get(M::ReleaseTitle))
        .element("p", &[], t.get(M::ReleaseWaiting))
        .open("ul", &[]);
    for (label, answers) in &waiting {
        m.element(
            "li",
            &[],
            &t.fill(
                M::ReleaseRound,
                &[
                    ("round", label),
                    ("answers", &crate::stats::words::answers(t, *answers)),
                ],
            ),
        );
    }
    m.close("ul")
        .element("p", &[("class", "hint")], t.get(M::ReleaseHint));
    m.open("label", &[("class", "field")])
        .text(t.get(M::ResultsKey))
        .empty(
            "input",
            &[
                ("type", "password"),
                ("id", RELEASE_KEY_ID),
                ("data-testid", RELEASE_KEY_ID),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
            ],
        )
        .close("label")
        .open("div", &[("class", "row")]);
    action_button(
        m,
        Action::Release,
        None,
        "button",
        Some("release-button"),
        t.get(M::ReleaseTitle),
    );
    m.open("label", &[("class", "button secondary file-pick")])
        .text(t.get(M::ReadKeyFile))
        .empty(
            "input",
            &[
                ("type", "file"),
                ("accept", ".txt,text/plain"),
                ("class", "visually-hidden"),
                (FILE_PICK_ATTR, KEY_PICK),
                ("data-testid", "key-file"),
            ],
        )
        .close("label")
        .close("div")
        .element(
            "p",
            &[
                ("id", RELEASE_STATUS_ID),
                ("data-testid", RELEASE_STATUS_ID),
                ("role", "status"),
                ("aria-live", "polite"),
            ],
            "",
        )
        .close("section");
}
