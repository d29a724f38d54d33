//! The respondent page's cards around the form (the survey's header, the confirmation, the
//! earlier answer, withdrawn, nothing to answer), written as markup: pure, so what each says
//! is tested natively, and several times smaller in the phone's wasm than the same cards built
//! element by element in the framework. Their buttons name an [`Act`]; the page's one click
//! listener reads it back. The form itself (the questions, the comment box) stays a component:
//! its inputs keep their focus and state as the person answers.

use crate::chart::{Markup, SafeHtml};
use crate::i18n::{Msg, Texts};

/// The attribute that names a button's [`Act`].
pub const ACT_ATTR: &str = "data-act";

named_enum!(
    /// A button on a card; its name is the value of [`ACT_ATTR`] and of its test id.
    pub enum Act {
        /// After sending on a shared device: the form, empty, for the next person.
        NextPerson = "next-person",
        /// After sending on a personal phone: back to the survey.
        BackToSurvey = "back-to-survey",
        /// After withdrawing: answer again.
        AnswerAgain = "answer-again",
        /// This phone answered before: change those answers.
        ChangeMine = "change-answers",
        /// This phone answered before: withdraw those answers.
        Withdraw = "withdraw",
        /// This phone answered before, but the person holding it now is someone else.
        SomeoneElse = "someone-else",
    }
);

fn button(m: &mut Markup, act: Act, class: &str, label: &str) {
    m.element(
        "button",
        &[
            ("type", "button"),
            ("class", class),
            (ACT_ATTR, act.name()),
            ("data-testid", act.name()),
        ],
        label,
    );
}

/// Where the answers go, as the survey's header says it.
pub enum Destination<'a> {
    /// This device's own store.
    ThisDevice,
    /// A team file on a server: its host (`None`: unknown), and the host of the page that
    /// linked here when that is another than the file's and this page's (a crafted link).
    Server {
        host: Option<&'a str>,
        linked_from_elsewhere: Option<&'a str>,
    },
}

/// What the survey's header says, worked out by the page.
pub struct Intro<'a> {
    /// The survey's title and the language it is read in.
    pub title: &'a str,
    pub language: &'a str,
    /// "{round} · {count} questions · {duration}".
    pub meta: &'a str,
    /// The name of the survey's language, when it is not the page's.
    pub other_language: Option<&'a str>,
    /// The group minimum of a sealed survey; `None`: not sealed.
    pub sealed_min: Option<u32>,
    pub destination: Destination<'a>,
}

/// The survey's header: title, round, time, what anonymity means here and where the answers
/// go. (The shared-device choice, an input, follows it in the page.)
pub fn intro(t: &Texts<Msg>, intro: &Intro) -> SafeHtml {
    let mut m = Markup::new();
    m.element(
        "h1",
        &[("dir", "auto"), ("lang", intro.language)],
        intro.title,
    )
    .element(
        "p",
        &[("class", "meta"), ("data-testid", "round-label")],
        intro.meta,
    );
    if let Some(language) = intro.other_language {
        let note = t.fill(
            Msg::SurveyLanguageNote,
            &[("language", &crate::i18n::isolate(language))],
        );
        m.element(
            "p",
            &[("class", "hint"), ("data-testid", "language-note")],
            &note,
        );
    }
    match intro.sealed_min {
        Some(min) => {
            let note = t.fill(Msg::SealedNote, &[("min", &min.to_string())]);
            m.element("p", &[("class", "anonymity")], &note);
        }
        None => {
            m.open(
                "p",
                &[
                    ("class", "anonymity warning"),
                    ("data-testid", "unsealed-warning"),
                    ("role", "note"),
                ],
            )
            .element("strong", &[], t.get(Msg::NotSealed))
            .text(" ")
            .text(t.get(Msg::NotSealedText))
            .close("p");
        }
    }
    let destination = [("class", "hint"), ("data-testid", "destination")];
    match &intro.destination {
        Destination::ThisDevice => {
            m.element("p", &destination, t.get(Msg::StaysOnDevice));
        }
        Destination::Server {
            host,
            linked_from_elsewhere,
        } => {
            let host = host.unwrap_or(t.get(Msg::UnknownServer));
            m.element("p", &destination, &t.fill(Msg::GoesTo, &[("host", host)]));
            if let Some(from) = linked_from_elsewhere {
                let warning = t.fill(Msg::CameFromElsewhere, &[("from", from), ("host", host)]);
                m.element(
                    "p",
                    &[
                        ("class", "anonymity warning"),
                        ("role", "note"),
                        ("data-testid", "destination-warning"),
                    ],
                    &warning,
                );
            }
        }
    }
    m.finish()
}

/// The confirmation after sending: `saved` in the file (else kept on the phone, `detail`
/// saying why when it was not just the connection); on a `shared` device, the way to the
/// next person, and whether anything of these answers is still on it.
pub fn sent(
    t: &Texts<Msg>,
    shared: bool,
    saved: bool,
    sealed: bool,
    detail: Option<&str>,
) -> SafeHtml {
    // Answers to a survey from before sealing that wait offline are plain text on the device.
    let nothing_kept = saved || sealed;
    let what = match (saved, detail) {
        (true, _) => t.get(Msg::Saved).to_owned(),
        (false, None) => t.get(Msg::KeptOffline).to_owned(),
        (false, Some(why)) => t.fill(Msg::KeptBecause, &[("why", why)]),
    };
    let mut m = Markup::new();
    m.open(
        "section",
        &[
            ("class", "card notice success"),
            ("data-testid", "submitted"),
            ("role", "status"),
        ],
    )
    .element("h1", &[], t.get(Msg::ThankYou))
    .element("p", &[("data-testid", "submitted-detail")], &what);
    if shared {
        let pass_on = if nothing_kept {
            Msg::PassOnNothingKept
        } else {
            Msg::PassOnWaiting
        };
        m.element("p", &[], t.get(pass_on));
        button(&mut m, Act::NextPerson, "button", t.get(Msg::NextPerson));
    } else {
        m.element("p", &[], t.get(Msg::CanChange));
        button(
            &mut m,
            Act::BackToSurvey,
            "button secondary",
            t.get(Msg::BackToSurvey),
        );
    }
    m.close("section");
    m.finish()
}

/// This phone's answers were withdrawn: from the file (`saved`), or to be withdrawn from it
/// when the phone is back online.
pub fn withdrawn(t: &Texts<Msg>, saved: bool) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[
            ("class", "card notice"),
            ("data-testid", "withdrawn"),
            ("role", "status"),
        ],
    )
    .element("h1", &[], t.get(Msg::WithdrawnTitle))
    .element(
        "p",
        &[],
        t.get(if saved {
            Msg::WithdrawnSaved
        } else {
            Msg::WithdrawnKept
        }),
    );
    button(
        &mut m,
        Act::AnswerAgain,
        "button secondary",
        t.get(Msg::AnswerAgain),
    );
    m.close("section");
    m.finish()
}

/// This phone answered the open round already: change, withdraw, or say someone else holds it.
pub fn answered_before(t: &Texts<Msg>) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "answered-before")],
    )
    .element("h2", &[], t.get(Msg::AnsweredTitle))
    .element("p", &[], t.get(Msg::AnsweredText))
    .open("div", &[("class", "row")]);
    button(&mut m, Act::ChangeMine, "button", t.get(Msg::ChangeMine));
    button(
        &mut m,
        Act::Withdraw,
        "button secondary",
        t.get(Msg::WithdrawMine),
    );
    m.close("div")
        .open("p", &[("class", "hint")])
        .text(t.get(Msg::NotYou))
        .text(" ");
    button(
        &mut m,
        Act::SomeoneElse,
        "link-button",
        t.get(Msg::SomeoneElse),
    );
    m.close("p").close("section");
    m.finish()
}

/// The survey has no open round: its title, and when there will be one.
pub fn no_open_round(t: &Texts<Msg>, title: &str, language: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "no-open-round")],
    )
    .element("h1", &[("dir", "auto"), ("lang", language)], title)
    .element("p", &[], t.get(Msg::NoOpenRound))
    .close("section");
    m.finish()
}

/// No team file on this device: the way to set one up (`setup_href`).
pub fn nothing_on_this_device(t: &Texts<Msg>, setup_href: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "take-missing")],
    )
    .element("h1", &[], t.get(Msg::NoSurveyHere))
    .element("p", &[], t.get(Msg::NoSurveyHereText))
    .element(
        "a",
        &[
            ("class", "button"),
            ("data-testid", "go-setup"),
            ("href", setup_href),
        ],
        t.get(Msg::SetUpSurvey),
    )
    .close("section");
    m.finish()
}

/// No team file at the link's `url`.
pub fn nothing_at(t: &Texts<Msg>, url: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[
            ("class", "card notice error"),
            ("data-testid", "take-missing"),
            ("role", "alert"),
        ],
    )
    .element("h1", &[], t.get(Msg::NotFound))
    .element("p", &[], &t.fill(Msg::NotFoundText, &[("url", url)]))
    .close("section");
    m.finish()
}

/// Answers kept on this phone that the team file refused (their round closed first), each
/// with why, in `reasons`: said on the page, never dropped in silence.
pub fn refused(t: &Texts<Msg>, reasons: &[String]) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[
            ("class", "card notice error"),
            ("role", "alert"),
            ("data-testid", "refused"),
        ],
    )
    .element("h2", &[], t.get(Msg::RefusedTitle));
    for why in reasons {
        m.element("p", &[], why);
    }
    m.close("section");
    m.finish()
}

/// The survey is this phone's offline copy (the network failed).
pub fn offline_copy(t: &Texts<Msg>) -> SafeHtml {
    let mut m = Markup::new();
    m.element(
        "p",
        &[
            ("class", "card notice offline-note"),
            ("role", "status"),
            ("data-testid", "offline-copy"),
        ],
        t.get(Msg::OfflineCopy),
    );
    m.finish()
}

#[cfg(test)]
mod tests;
