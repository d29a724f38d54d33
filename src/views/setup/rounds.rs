//! Rounds (open this month's, close the open one, how many answered without revealing a
//! count below the minimum) and the timeline: dated events that may have moved the results,
//! and the actions the team agreed after a round, open until marked done or dropped. Written
//! as markup (pure); the page's listeners answer its [`Command`]s and
//! [`FormKind`](super::command::FormKind)s.

use super::command::{Command, button};
use crate::chart::Markup;
use crate::model::{Document, Event, EventKind};

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

/// The events card: dated notes of what shook or changed the team, each filed under the round
/// it may have affected; nothing before the first round. `today` fills the date field.
pub(super) fn events_card(m: &mut Markup, doc: &Document, today: &str) {
    if doc.rounds.is_empty() {
        return;
    }
    m.fixed(
        "<section class=\"card\" data-testid=\"events\"><h2>Events</h2><p class=\"hint\">Note what \
         shook or changed the team (a re-org, an incident, a launch): the results show it on the \
         timeline.</p><ul class=\"plain\">",
    );
    for e in doc.events.iter().filter(|e| e.kind == EventKind::Event) {
        let round = round_label(doc, &e.round);
        let text = match &e.date {
            Some(date) => format!("{} ({date}, before {round})", e.label),
            None => format!("{} (before {round})", e.label),
        };
        m.fixed("<li>").text(&text).fixed("</li>");
    }
    // The form's name is FORM_ATTR = FormKind::AddEvent.
    m.fixed(
        "</ul><form class=\"row\" data-form=\"add-event\"><label class=\"field grow\">What \
         happened?<input type=\"text\" maxlength=\"200\" data-testid=\"events-label\"></label>\
         <label class=\"field\">On<input type=\"date\" required data-testid=\"events-date\" value=\"",
    )
    .text(today)
    .fixed(
        "\"></label><button type=\"submit\" class=\"button secondary\">Add event</button>\
         </form></section>",
    );
}

/// The agreed actions: open ones first, each with its owner, when it is due for review and
/// buttons to mark it done or dropped; then the settled ones; then the form for a new one,
/// agreed after the round the team discussed ([`Document::discussed_round`]). Nothing before
/// the first round.
pub(super) fn actions_card(m: &mut Markup, doc: &Document) {
    let Some(discussed) = doc.discussed_round() else {
        return;
    };
    m.fixed(
        "<section class=\"card\" data-testid=\"actions\"><h2>Agreed actions</h2><p class=\"hint\">\
         After talking the results through, note what the team agreed to do. An action stays \
         open until you mark it done or dropped; open actions are reviewed first in the next \
         round's results, and done ones show on the trend.</p><ul class=\"plain agreed\">",
    );
    let (open, settled): (Vec<_>, Vec<_>) = doc.actions().partition(|a| a.status.is_open());
    for action in open.into_iter().chain(settled) {
        m.fixed("<li data-testid=\"action\"><span>")
            .text(&action.label)
            .fixed("</span> <span class=\"hint\">")
            .text(&action_state(doc, action))
            .fixed("</span>");
        if action.status.is_open() {
            // Each button names its action to a screen reader ("Done: …"), not just "Done".
            // The attribute names are COMMAND_ATTR and SUBJECT_ATTR.
            m.fixed("<span class=\"row\">");
            for (command, label) in [(Command::ActionDone, "Done"), (Command::ActionDrop, "Drop")] {
                m.fixed("<button type=\"button\" class=\"button secondary small\" data-command=\"")
                    .text(command.name())
                    .fixed("\" data-subject=\"")
                    .text(&action.id)
                    .fixed("\" data-testid=\"")
                    .text(command.name())
                    .fixed("\" aria-label=\"")
                    .text(&format!("{label}: {}", action.label))
                    .fixed("\">")
                    .text(label)
                    .fixed("</button>");
            }
            m.fixed("</span>");
        }
        m.fixed("</li>");
    }
    // The form's name is FORM_ATTR = FormKind::AddAction.
    m.fixed("</ul><form class=\"row\" data-form=\"add-action\"><label class=\"field grow\">")
        .text(&format!(
            "What did the team agree after {}?",
            discussed.label
        ))
        .fixed(
            "<input type=\"text\" maxlength=\"200\" data-testid=\"actions-label\"></label>\
         <label class=\"field\">Who looks after it (a role, optional)<input type=\"text\" \
         name=\"owner\" maxlength=\"100\" data-testid=\"actions-owner\"></label><label \
         class=\"field\">Review from (optional: else the next round)<input type=\"date\" \
         data-testid=\"actions-review\"></label><button type=\"submit\" class=\"button \
         secondary\">Add action</button></form></section>",
        );
}

/// "after June 2026 · Team leads · open, due in July 2026", or "… · done in July 2026".
fn action_state(doc: &Document, action: &Event) -> String {
    let mut state = format!("after {} · ", round_label(doc, &action.round));
    match (action.settled.is_none(), doc.due_round(action)) {
        // The results page says "open since"; here, where it is marked, when it is due.
        (true, Some(due)) => {
            if let Some(owner) = &action.owner {
                state.push_str(owner);
                state.push_str(" · ");
            }
            state.push_str("open, due in ");
            state.push_str(&due.label);
        }
        // The set-up page is in English for now.
        _ => state.push_str(&crate::dashboard::agreed::state(
            &crate::i18n::Texts::english(),
            doc,
            action,
        )),
    }
    state
}

fn round_label<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.round(id).map_or(id, |r| r.label.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates::starter;
    use crate::views::setup::command::{FORM_ATTR, FormKind};

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
        events_card(&mut m, &doc, "2026-11-30");
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::AddEvent.name())));
        assert!(html.contains("value=\"2026-11-30\""));
        actions_card(&mut m, &doc);
        let html = m.take().into_string();
        assert!(html.contains(&format!("{FORM_ATTR}=\"{}\"", FormKind::AddAction.name())));
        assert!(html.contains("What did the team agree after November 2026?"));
        assert!(!html.contains("events-date"));
        doc.rounds.clear();
        events_card(&mut m, &doc, "2026-11-30");
        actions_card(&mut m, &doc);
        assert!(m.is_empty());
    }

    #[test]
    fn open_actions_come_first_with_buttons_and_settled_ones_say_when() {
        let doc = crate::model::synth::demo();
        let mut m = Markup::new();
        actions_card(&mut m, &doc);
        let html = m.take().into_string();
        let open = html
            .find("Blameless review of the September incident")
            .expect("the open action");
        let done = html
            .find("Leads write down who decides")
            .expect("a done action");
        assert!(open < done, "open actions first");
        assert!(html.contains("after September 2026 · Team lead · open, due in October 2026"));
        assert!(html.contains("after October 2026 · Team leads · open, due in November 2026"));
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
        assert_eq!(counted(0, 5), "no answers yet");
        assert_eq!(counted(4, 5), "fewer than 5 answers");
        assert_eq!(counted(5, 5), "5 answers");
    }
}
