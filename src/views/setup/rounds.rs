//! Rounds (open this month's, close the open one, how many answered without revealing a
//! count below the minimum) and the timeline: dated events that may have moved the results,
//! and the actions the team agreed after a round. Written as markup (pure); the page's
//! listeners answer its [`Command`]s and [`FormKind`]s.

use super::command::{Command, FORM_ATTR, FormKind, button};
use crate::chart::Markup;
use crate::model::{Document, EventKind};

/// The rounds card; `new_label` is the name a round opened today gets by default.
pub(super) fn rounds_card(m: &mut Markup, doc: &Document, new_label: &str) {
    m.open("section", &[("class", "card"), ("data-testid", "rounds")])
        .element("h2", &[], "Rounds")
        .open("ul", &[("class", "plain")]);
    for r in doc.rounds.iter().rev() {
        let answers = doc.live_responses().filter(|x| x.round == r.id).count();
        let state = if r.closed { "closed" } else { "open" };
        m.element(
            "li",
            &[],
            &format!(
                "{}: {state}, {}",
                r.label,
                counted(answers, doc.survey.min_group)
            ),
        );
    }
    m.close("ul");
    match doc.open_round() {
        Some(round) => button(
            m,
            Command::CloseRound,
            Some(&round.id),
            "button secondary",
            Some("close-round"),
            &format!("Close {}", round.label),
        ),
        None => {
            m.open(
                "form",
                &[("class", "row"), (FORM_ATTR, FormKind::OpenRound.name())],
            )
            .open("label", &[("class", "field grow")])
            .text("Name of the new round")
            .empty(
                "input",
                &[
                    ("type", "text"),
                    ("maxlength", "200"),
                    ("placeholder", new_label),
                    ("data-testid", "round-label-input"),
                ],
            )
            .close("label")
            .element(
                "button",
                &[
                    ("type", "submit"),
                    ("class", "button"),
                    ("data-testid", "open-round"),
                ],
                "Open the round",
            )
            .close("form");
        }
    }
    m.close("section");
}

/// How many answered, without revealing a small count before the minimum is reached.
pub(super) fn counted(answers: usize, min_group: u32) -> String {
    if answers >= min_group as usize {
        format!("{answers} answers")
    } else if answers == 0 {
        "no answers yet".to_owned()
    } else {
        format!("fewer than {min_group} answers")
    }
}

/// The timeline entries of one kind: events (what shook the team) or actions (what the team
/// agreed to do), each noted against the latest round; nothing before the first round.
/// `today` fills the event's date field.
pub(super) fn timeline_card(m: &mut Markup, doc: &Document, kind: EventKind, today: &str) {
    let Some(latest) = doc.rounds.last() else {
        return;
    };
    let (title, hint, question, button_label, form, testid) = match kind {
        EventKind::Event => (
            "Events",
            "Note what shook or changed the team (a re-org, an incident, a launch): the results show it on the timeline.",
            "What happened?".to_owned(),
            "Add event",
            FormKind::AddEvent,
            "events",
        ),
        EventKind::Action => (
            "Agreed actions",
            "After talking the results through, note what the team agreed to do: the results show it next to the round, so people see that answering leads somewhere.",
            format!("What did the team agree after {}?", latest.label),
            "Add action",
            FormKind::AddAction,
            "actions",
        ),
    };
    m.open("section", &[("class", "card"), ("data-testid", testid)])
        .element("h2", &[], title)
        .element("p", &[("class", "hint")], hint)
        .open("ul", &[("class", "plain")]);
    for e in doc.events.iter().filter(|e| e.kind == kind) {
        let round = doc
            .round(&e.round)
            .map_or(e.round.as_str(), |r| r.label.as_str());
        let text = match (&e.date, kind) {
            (Some(date), _) => format!("{} ({date}, before {round})", e.label),
            (None, EventKind::Event) => format!("{} (before {round})", e.label),
            (None, EventKind::Action) => format!("{} (after {round})", e.label),
        };
        m.element("li", &[], &text);
    }
    m.close("ul")
        .open("form", &[("class", "row"), (FORM_ATTR, form.name())])
        .open("label", &[("class", "field grow")])
        .text(&question)
        .empty(
            "input",
            &[
                ("type", "text"),
                ("maxlength", "200"),
                ("data-testid", &format!("{testid}-label")),
            ],
        )
        .close("label");
    if kind == EventKind::Event {
        m.open("label", &[("class", "field")])
            .text("On")
            .empty(
                "input",
                &[
                    ("type", "date"),
                    ("value", today),
                    ("required", ""),
                    ("data-testid", "events-date"),
                ],
            )
            .close("label");
    }
    m.element(
        "button",
        &[("type", "submit"), ("class", "button secondary")],
        button_label,
    )
    .close("form")
    .close("section");
}
