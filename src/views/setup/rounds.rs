//! Rounds (open this month's, close the open one, how many answered without revealing a
//! count below the minimum) and the timeline: dated events that may have moved the results,
//! and the actions the team agreed after a round. Written as markup (pure); the page's
//! listeners answer its [`Command`]s and [`FormKind`]s.

use super::command::{Command, FormKind, button};
use crate::chart::Markup;
use crate::model::{Document, EventKind};

/// The rounds card; `new_label` is the name a round opened today gets by default.
pub(super) fn rounds_card(m: &mut Markup, doc: &Document, new_label: &str) {
    m.fixed("<section class=\"card\" data-testid=\"rounds\"><h2>Rounds</h2><ul class=\"plain\">");
    for r in doc.rounds.iter().rev() {
        // Sealed or plain: how many answers arrived (anyone can count the records).
        let answers = doc.answer_count(&r.id);
        let state = if r.closed { "closed" } else { "open" };
        m.fixed("<li>")
            .text(&format!(
                "{}: {state}, {}",
                r.label,
                counted(answers, doc.survey.min_group)
            ))
            .fixed("</li>");
    }
    m.fixed("</ul>");
    match doc.open_round() {
        Some(round) => button(
            m,
            Command::CloseRound,
            Some(&round.id),
            "button secondary",
            Some("close-round"),
            &format!("Close {}", round.label),
        ),
        // The form's name is FORM_ATTR = FormKind::OpenRound.
        None => {
            m.fixed(
                "<form class=\"row\" data-form=\"open-round\"><label class=\"field grow\">\
                 Name of the new round<input type=\"text\" maxlength=\"200\" \
                 data-testid=\"round-label-input\" placeholder=\"",
            )
            .text(new_label)
            .fixed(
                "\"></label><button type=\"submit\" class=\"button\" \
                 data-testid=\"open-round\">Open the round</button></form>",
            );
        }
    }
    m.fixed("</section>");
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
    m.fixed("<section class=\"card\" data-testid=\"")
        .text(testid)
        .fixed("\"><h2>")
        .text(title)
        .fixed("</h2><p class=\"hint\">")
        .text(hint)
        .fixed("</p><ul class=\"plain\">");
    for e in doc.events.iter().filter(|e| e.kind == kind) {
        let round = doc
            .round(&e.round)
            .map_or(e.round.as_str(), |r| r.label.as_str());
        let text = match (&e.date, kind) {
            (Some(date), _) => format!("{} ({date}, before {round})", e.label),
            (None, EventKind::Event) => format!("{} (before {round})", e.label),
            (None, EventKind::Action) => format!("{} (after {round})", e.label),
        };
        m.fixed("<li>").text(&text).fixed("</li>");
    }
    m.fixed("</ul><form class=\"row\" data-form=\"")
        .text(form.name())
        .fixed("\"><label class=\"field grow\">")
        .text(&question)
        .fixed("<input type=\"text\" maxlength=\"200\" data-testid=\"")
        .text(testid)
        .fixed("-label\"></label>");
    if kind == EventKind::Event {
        m.fixed(
            "<label class=\"field\">On<input type=\"date\" required \
             data-testid=\"events-date\" value=\"",
        )
        .text(today)
        .fixed("\"></label>");
    }
    m.fixed("<button type=\"submit\" class=\"button secondary\">")
        .text(button_label)
        .fixed("</button></form></section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates::starter;
    use crate::views::setup::command::FORM_ATTR;

    #[test]
    fn an_open_round_offers_to_close_it_and_no_open_round_offers_the_form() {
        let mut doc = starter("2026-11-30").expect("a starter file");
        let mut m = Markup::new();
        rounds_card(&mut m, &doc, "December 2026");
        let html = m.take().into_string();
        assert!(html.contains("data-command=\"close-round\" data-subject=\"2026-11\""));
        assert!(html.contains("<li>November 2026: open, no answers yet</li>"));
        doc.rounds[0].closed = true;
        rounds_card(&mut m, &doc, "December <2026>");
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::OpenRound.name())));
        assert!(html.contains("placeholder=\"December &lt;2026&gt;\""));
    }

    #[test]
    fn timeline_forms_name_their_kind_and_nothing_shows_before_a_round() {
        let mut doc = starter("2026-11-30").expect("a starter file");
        let mut m = Markup::new();
        timeline_card(&mut m, &doc, EventKind::Event, "2026-11-30");
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::AddEvent.name())));
        assert!(html.contains("value=\"2026-11-30\""));
        timeline_card(&mut m, &doc, EventKind::Action, "2026-11-30");
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::AddAction.name())));
        assert!(!html.contains("events-date"));
        doc.rounds.clear();
        timeline_card(&mut m, &doc, EventKind::Event, "2026-11-30");
        assert!(m.is_empty());
    }

    #[test]
    fn small_counts_are_never_said() {
        assert_eq!(counted(0, 5), "no answers yet");
        assert_eq!(counted(4, 5), "fewer than 5 answers");
        assert_eq!(counted(5, 5), "5 answers");
    }
}
