//! Rounds (open this month's, close the open one, how many answered without revealing a
//! count below the minimum) and the timeline: dated events that may have moved the results,
//! and the actions the team agreed after a round, open until marked done or dropped. Written
//! as markup (pure); the page's listeners answer its [`Command`]s and
//! [`FormKind`](super::command::FormKind)s.

use super::command::{Command, button};
use crate::chart::Markup;
use crate::i18n::{DeskMsg as S, Texts};
use crate::model::{ActionStatus, Document, Event, EventKind};

/// The rounds card; `new_label` is the name a round opened today gets by default.
pub fn rounds_card(m: &mut Markup, t: &Texts<S>, doc: &Document, new_label: &str) {
    m.fixed("<section class=\"card\" data-testid=\"rounds\"><h2>")
        .text(t.get(S::Rounds))
        .fixed("</h2><ul class=\"plain\">");
    for r in doc.rounds.iter().rev() {
        // Sealed or plain: how many answers arrived (anyone can count the records).
        let answers = doc.answer_count(&r.id);
        let line = if r.closed {
            S::RoundClosedCount
        } else {
            S::RoundOpenCount
        };
        let answers = counted(t, answers, doc.survey.min_group);
        m.fixed("<li>")
            .text(&t.fill(line, &[("round", &t.name(&r.label)), ("answers", &answers)]))
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
            &t.fill(S::CloseRound, &[("round", &t.name(&round.label))]),
        ),
        // The form's name is FORM_ATTR = FormKind::OpenRound.
        None => {
            m.fixed("<form class=\"row\" data-form=\"open-round\"><label class=\"field grow\">")
                .text(t.get(S::NewRoundName))
                .fixed(
                    "<input type=\"text\" maxlength=\"200\" data-testid=\"round-label-input\" \
                     placeholder=\"",
                )
                .text(new_label)
                .fixed("\"></label><button type=\"submit\" class=\"button\" data-testid=\"open-round\">")
                .text(t.get(S::OpenRound))
                .fixed("</button></form>");
        }
    }
    m.fixed("</section>");
}

/// How many answered, without revealing a small count before the minimum is reached.
pub fn counted(t: &Texts<S>, answers: usize, min_group: u32) -> String {
    if answers >= min_group as usize {
        t.fill(S::AnswerCount, &[("count", &answers.to_string())])
    } else if answers == 0 {
        t.get(S::NoAnswersYet).to_owned()
    } else {
        t.fill(S::FewerThan, &[("min", &min_group.to_string())])
    }
}

/// The events card: dated notes of what shook or changed the team, each filed under the round
/// it may have affected; nothing before the first round. `today` fills the date field.
pub fn events_card(m: &mut Markup, t: &Texts<S>, doc: &Document, today: &str) {
    if doc.rounds.is_empty() {
        return;
    }
    m.fixed("<section class=\"card\" data-testid=\"events\"><h2>")
        .text(t.get(S::Events))
        .fixed("</h2><p class=\"hint\">")
        .text(t.get(S::EventsHint))
        .fixed("</p><ul class=\"plain\">");
    for e in doc.events.iter().filter(|e| e.kind == EventKind::Event) {
        let round = t.name(round_label(doc, &e.round));
        let event = t.name(&e.label);
        let text = match &e.date {
            Some(date) => t.fill(
                S::EventOnDay,
                &[("event", &event), ("date", date), ("round", &round)],
            ),
            None => t.fill(S::EventBefore, &[("event", &event), ("round", &round)]),
        };
        m.fixed("<li>").text(&text).fixed("</li>");
    }
    // The form's name is FORM_ATTR = FormKind::AddEvent.
    m.fixed("</ul><form class=\"row\" data-form=\"add-event\"><label class=\"field grow\">")
        .text(t.get(S::WhatHappened))
        .fixed(
            "<input type=\"text\" maxlength=\"200\" data-testid=\"events-label\"></label>\
             <label class=\"field\">",
        )
        .text(t.get(S::On))
        .fixed("<input type=\"date\" required data-testid=\"events-date\" value=\"")
        .text(today)
        .fixed("\"></label><button type=\"submit\" class=\"button secondary\">")
        .text(t.get(S::AddEvent))
        .fixed("</button></form></section>");
}

/// The agreed actions: open ones first, each with its owner, when it is due for review and
/// buttons to mark it done or dropped; then the settled ones; then the form for a new one,
/// agreed after the round the team discussed ([`Document::discussed_round`]). Nothing before
/// the first round.
pub fn actions_card(m: &mut Markup, t: &Texts<S>, doc: &Document) {
    let Some(discussed) = doc.discussed_round() else {
        return;
    };
    m.fixed("<section class=\"card\" data-testid=\"actions\"><h2>")
        .text(t.get(S::AgreedActions))
        .fixed("</h2><p class=\"hint\">")
        .text(t.get(S::ActionsHint))
        .fixed("</p><ul class=\"plain agreed\">");
    let (open, settled): (Vec<_>, Vec<_>) = doc.actions().partition(|a| a.status.is_open());
    for action in open.into_iter().chain(settled) {
        m.fixed("<li data-testid=\"action\"><span>")
            .text(&action.label)
            .fixed("</span> <span class=\"hint\">")
            .text(&action_state(t, doc, action))
            .fixed("</span>");
        if action.status.is_open() {
            // Each button names its action to a screen reader ("Done: …"), not just "Done".
            // The attribute names are COMMAND_ATTR and SUBJECT_ATTR.
            m.fixed("<span class=\"row\">");
            for (command, label, named) in [
                (Command::ActionDone, S::Done, S::DoneNamed),
                (Command::ActionDrop, S::Drop, S::DropNamed),
            ] {
                m.fixed("<button type=\"button\" class=\"button secondary small\" data-command=\"")
                    .text(command.name())
                    .fixed("\" data-subject=\"")
                    .text(&action.id)
                    .fixed("\" data-testid=\"")
                    .text(command.name())
                    .fixed("\" aria-label=\"")
                    .text(&t.fill(named, &[("action", &t.name(&action.label))]))
                    .fixed("\">")
                    .text(t.get(label))
                    .fixed("</button>");
            }
            m.fixed("</span>");
        }
        m.fixed("</li>");
    }
    // The form's name is FORM_ATTR = FormKind::AddAction.
    m.fixed("</ul><form class=\"row\" data-form=\"add-action\"><label class=\"field grow\">")
        .text(&t.fill(S::WhatAgreed, &[("round", &t.name(&discussed.label))]))
        .fixed(
            "<input type=\"text\" maxlength=\"200\" data-testid=\"actions-label\"></label>\
             <label class=\"field\">",
        )
        .text(t.get(S::Owner))
        .fixed(
            "<input type=\"text\" name=\"owner\" maxlength=\"100\" data-testid=\"actions-owner\">\
             </label><label class=\"field\">",
        )
        .text(t.get(S::ReviewFrom))
        .fixed(
            "<input type=\"date\" data-testid=\"actions-review\"></label><button type=\"submit\" \
             class=\"button secondary\">",
        )
        .text(t.get(S::AddAction))
        .fixed("</button></form></section>");
}

/// "after June 2026 · Team leads · open, due in July 2026", or "… · done in July 2026": the
/// results page says "open since"; here, where it is marked, when it is due.
fn action_state(t: &Texts<S>, doc: &Document, action: &Event) -> String {
    let label = |id: &str| t.name(round_label(doc, id)).into_owned();
    let mut parts = vec![t.fill(S::ActionAfter, &[("round", &label(&action.round))])];
    if let Some(owner) = &action.owner {
        parts.push(crate::i18n::isolate(owner));
    }
    parts.push(
        match (&action.settled, doc.due_round(action), &action.review) {
            (Some(round), _, _) => t.fill(
                if action.status == ActionStatus::Dropped {
                    S::DroppedIn
                } else {
                    S::DoneIn
                },
                &[("round", &label(round))],
            ),
            (None, Some(due), _) => t.fill(S::OpenDueIn, &[("round", &t.name(&due.label))]),
            (None, None, Some(day)) => t.fill(S::OpenToReviewFrom, &[("day", day)]),
            (None, None, None) => t.get(S::OpenToReviewNext).to_owned(),
        },
    );
    parts.join(" · ")
}

fn round_label<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.round(id).map_or(id, |r| r.label.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::command::{FORM_ATTR, FormKind};
    use crate::model::templates::starter;

    #[test]
    fn an_open_round_offers_to_close_it_and_no_open_round_offers_the_form() {
        let mut doc = starter("2026-11-30").expect("a starter file");
        let (mut m, t) = (Markup::new(), Texts::english());
        rounds_card(&mut m, &t, &doc, "December 2026");
        let html = m.take().into_string();
        assert!(html.contains("data-command=\"close-round\" data-subject=\"2026-11\""));
        assert!(html.contains("<li>November 2026: open, no answers yet</li>"));
        doc.rounds[0].closed = true;
        rounds_card(&mut m, &t, &doc, "December <2026>");
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::OpenRound.name())));
        assert!(html.contains("placeholder=\"December &lt;2026&gt;\""));
    }

    #[test]
    fn timeline_forms_name_their_kind_and_nothing_shows_before_a_round() {
        let mut doc = starter("2026-11-30").expect("a starter file");
        let (mut m, t) = (Markup::new(), Texts::english());
        events_card(&mut m, &t, &doc, "2026-11-30");
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::AddEvent.name())));
        assert!(html.contains("value=\"2026-11-30\""));
        actions_card(&mut m, &t, &doc);
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::AddAction.name())));
        assert!(html.contains("What did the team agree after November 2026?"));
        assert!(!html.contains("events-date"));
        doc.rounds.clear();
        events_card(&mut m, &t, &doc, "2026-11-30");
        actions_card(&mut m, &t, &doc);
        assert!(m.is_empty());
    }

    #[test]
    fn open_actions_come_first_with_buttons_and_settled_ones_say_when() {
        let doc = crate::model::synth::demo();
        let (mut m, t) = (Markup::new(), Texts::english());
        actions_card(&mut m, &t, &doc);
        let html = m.take().into_string();
        let open = html
            .find("Blameless review of the September incident")
            .expect("the open action");
        let done = html
            .find("Leads write down who decides")
            .expect("a done action");
        assert!(open < done, "open actions first");
        assert!(html.contains(
            "after September 2026 · \u{2068}Team lead\u{2069} · open, due in October 2026"
        ));
        assert!(html.contains(
            "after October 2026 · \u{2068}Team leads\u{2069} · open, due in November 2026"
        ));
        assert!(html.contains("after June 2026 · \u{2068}Team leads\u{2069} · done in July 2026"));
        assert!(html.contains("after August 2026 · dropped in September 2026"));
        // Only the open action has buttons, naming it.
        let open_id = &doc.actions().find(|a| a.status.is_open()).expect("open").id;
        assert_eq!(html.matches("data-command=\"action-done\"").count(), 2);
        assert!(html.contains(&format!(
            "data-command=\"action-drop\" data-subject=\"{open_id}\""
        )));
    }

    #[test]
    fn small_counts_are_never_said() {
        let t = Texts::english();
        assert_eq!(counted(&t, 0, 5), "no answers yet");
        assert_eq!(counted(&t, 4, 5), "fewer than 5 answers");
        assert_eq!(counted(&t, 5, 5), "5 answers");
    }
}
