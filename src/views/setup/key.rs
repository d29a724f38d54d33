//! The results key card: for a survey just created, the key to save now (download the key
//! file, copy the key holder's results link); for every sealed survey, who should hold the key
//! and what it does; for a survey from before sealing, a plain warning.
//! Written as markup (pure but for the one key just made); the page's listeners answer its
//! [`Command`]s.

use std::cell::RefCell;

use super::command::{Command, button};
use crate::chart::Markup;
use crate::model::Document;

thread_local! {
    /// The key made for a survey created on this page: (survey id, secret). Only here, in
    /// memory, until the page is left: the card shows it once.
    static NEW_KEY: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Remembers the key just made for `survey`, for the key card.
pub(super) fn remember_new(survey: &str, secret: &str) {
    NEW_KEY.with(|k| *k.borrow_mut() = Some((survey.to_owned(), secret.to_owned())));
}

/// The key made on this page for `survey`, if any.
pub(super) fn new_key(survey: &str) -> Option<String> {
    NEW_KEY.with(|k| {
        k.borrow()
            .as_ref()
            .filter(|(id, _)| id == survey)
            .map(|(_, secret)| secret.clone())
    })
}

/// The name a downloaded key file gets.
pub(super) fn key_file_name(survey: &str) -> String {
    format!("{survey}.candor-key.txt")
}

/// The key card. `results_link(key)`: the results page's link for this file, with the key in
/// its fragment; `kept`: this browser keeps the survey's key.
pub(super) fn key_card(
    m: &mut Markup,
    doc: &Document,
    results_link: &dyn Fn(Option<&str>) -> String,
    kept: bool,
) {
    if !doc.is_sealed() {
        m.fixed(
            "<section class=\"card notice error\" data-testid=\"unsealed\">\
             <h2>This survey is not sealed</h2>\
             <p>Its answers are stored as plain text: anyone who can open the team file can read \
             each person's answers and comment. Sealing locks every answer and comment to a new \
             results key, publishes the results of closed rounds (they stay as they are), and \
             removes the plain text from the file; from then on answers are locked on each \
             phone.</p><div class=\"row\">",
        );
        button(
            m,
            Command::SealSurvey,
            None,
            "button",
            Some("seal-survey"),
            "Seal this survey",
        );
        m.fixed("</div></section>");
        return;
    }
    let fresh = new_key(&doc.survey.id);
    m.fixed("<section class=\"card\" data-testid=\"results-key\"><h2>");
    m.text(if fresh.is_some() {
        "Save the results key now"
    } else {
        "Results key"
    });
    m.fixed(
        "</h2><p>Answers to this survey are locked on each phone with the survey's results \
         key before they are sent. Only whoever holds the key can release a round's results, \
         once the round has closed; not even they see a single person's answers.</p>\
         <p class=\"hint\">Give the key to a neutral person, such as a coach or an HR partner, \
         not the team's manager, and keep a copy somewhere safe: without it, rounds not yet \
         released can never be read. It is never written into the team file.</p>",
    );
    match &fresh {
        Some(secret) => {
            m.fixed("<label class=\"field\">Results key<input type=\"text\" readonly data-testid=\"new-key\" value=\"")
                .text(secret)
                .fixed("\"></label><div class=\"row\">");
            button(
                m,
                Command::DownloadKey,
                Some(secret),
                "button",
                Some("download-key"),
                "Download the key file",
            );
            button(
                m,
                Command::CopyLink,
                Some(&results_link(Some(secret))),
                "button secondary",
                Some("copy-results-link"),
                "Copy the key holder's results link",
            );
            m.fixed("</div><p class=\"hint\">The key holder's link opens the results with the key filled in; anyone with it can release rounds, so send it only to the key holder.</p>\
                <p class=\"hint\">Or split the key, so that no single person can open answers: three share files, any two of which release a round together. Give each to a different person, then delete the key file and this page's copy.</p><div class=\"row\">");
            button(
                m,
                Command::SplitKey,
                Some(secret),
                "button secondary",
                Some("split-key"),
                "Split among three people (any two release)",
            );
            m.fixed("</div>");
        }
        None => {
            m.fixed("<p data-testid=\"key-here\">")
                .text(if kept {
                    "This browser keeps the key: the results page releases closed rounds from here."
                } else {
                    "This browser does not keep the key: the key holder releases closed rounds from the results page."
                })
                .fixed("</p>");
            // Whoever holds a key (or shares) can check that it is this survey's, before a
            // round has to be released with it.
            m.fixed("<form data-form=\"")
                .text(super::command::FormKind::CheckKey.name())
                .fixed(
                    "\"><label class=\"field\">Check a results key (or shares of one)\
                     <input type=\"text\" autocomplete=\"off\" spellcheck=\"false\" data-testid=\"check-key\"></label>\
                     <div class=\"row\"><button type=\"submit\" class=\"button secondary\">Check the key</button></div>\
                     <p role=\"status\" aria-live=\"polite\" data-testid=\"check-key-status\"></p></form>",
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
            "Forget the key in this browser",
        );
        m.fixed("</div>");
    }
    m.fixed("</section>");
}
