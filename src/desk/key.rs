//! The results key card: for a survey just created, the key to save now (download the key
//! file, copy the key holder's results link); for every sealed survey, who should hold the key
//! and what it does; for a survey from before sealing, a plain warning.
//! Written as markup (pure); the page's listeners answer its
//! [`Command`]s.

use super::command::{Command, button};
use crate::chart::Markup;
use crate::i18n::{DeskMsg as S, Texts};
use crate::model::Document;

/// The name a downloaded key file gets.
pub fn key_file_name(survey: &str) -> String {
    format!("{survey}.candor-key.txt")
}

/// The key card. `results_link(key)`: the results page's link for this file, with the key in
/// its fragment; `kept`: this browser keeps the survey's key; `fresh`: the key just made for
/// the survey on this page, if any (shown once, to be saved now).
pub fn key_card(
    m: &mut Markup,
    t: &Texts<S>,
    doc: &Document,
    results_link: &dyn Fn(Option<&str>) -> String,
    kept: bool,
    fresh: Option<&str>,
) {
    if !doc.is_sealed() {
        m.fixed("<section class=\"card notice error\" data-testid=\"unsealed\"><h2>")
            .text(t.get(S::NotSealed))
            .fixed("</h2><p>")
            .text(t.get(S::NotSealedText))
            .fixed("</p><div class=\"row\">");
        button(
            m,
            Command::SealSurvey,
            None,
            "button",
            Some("seal-survey"),
            t.get(S::Seal),
        );
        m.fixed("</div></section>");
        return;
    }
    m.fixed("<section class=\"card\" data-testid=\"results-key\"><h2>")
        .text(t.get(if fresh.is_some() {
            S::SaveKeyNow
        } else {
            S::ResultsKey
        }))
        .fixed("</h2><p>")
        .text(t.get(S::KeyExplained))
        .fixed("</p><p class=\"hint\">")
        .text(t.get(S::KeyHolder))
        .fixed("</p>");
    match &fresh {
        Some(secret) => {
            m.fixed("<label class=\"field\">")
                .text(t.get(S::ResultsKey))
                .fixed("<input type=\"text\" readonly data-testid=\"new-key\" value=\"")
                .text(secret)
                .fixed("\"></label><div class=\"row\">");
            button(
                m,
                Command::DownloadKey,
                Some(secret),
                "button",
                Some("download-key"),
                t.get(S::DownloadKey),
            );
            button(
                m,
                Command::CopyLink,
                Some(&results_link(Some(secret))),
                "button secondary",
                Some("copy-results-link"),
                t.get(S::CopyKeyLink),
            );
            m.fixed("</div><p class=\"hint\">")
                .text(t.get(S::KeyLinkHint))
                .fixed("</p><p class=\"hint\">")
                .text(t.get(S::SplitHint))
                .fixed("</p><div class=\"row\">");
            button(
                m,
                Command::SplitKey,
                Some(secret),
                "button secondary",
                Some("split-key"),
                t.get(S::Split),
            );
            m.fixed("</div>");
        }
        None => {
            m.fixed("<p data-testid=\"key-here\">")
                .text(t.get(if kept { S::KeyKept } else { S::KeyNotKept }))
                .fixed("</p>");
            m.fixed("<form data-form=\"")
                .text(super::command::FormKind::CheckKey.name())
                .fixed("\"><label class=\"field\">")
                .text(t.get(S::CheckKeyLabel))
                .fixed(
                    "<input type=\"text\" autocomplete=\"off\" spellcheck=\"false\" \
                     data-testid=\"check-key\"></label><div class=\"row\"><button type=\"submit\" \
                     class=\"button secondary\">",
                )
                .text(t.get(S::CheckKey))
                .fixed(
                    "</button></div><p role=\"status\" aria-live=\"polite\" \
                     data-testid=\"check-key-status\"></p></form>",
                );
        }
    }
    if kept {
        m.fixed("<div class=\"row\">");
        button(
            m,
            Command::ForgetKey,
            Some(&doc.survey.id),
            "button secondary small",
            Some("forget-key"),
            t.get(S::ForgetKey),
        );
        m.fixed("</div>");
    }
    m.fixed("</section>");
}
