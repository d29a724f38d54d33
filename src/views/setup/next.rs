//! The next round card: when it opens at the team's cadence, a calendar file with the answer
//! link, and the invitation and reminder to post in chat or email (texts from
//! [`crate::invite`]). Written as markup (pure); the page's listeners answer its form and
//! buttons. Candor sends nothing and keeps no list of who was invited.

use super::command::Command;
use crate::chart::Markup;
use crate::invite::{self, Cadence};
use crate::model::Document;

/// The card for a survey shared by `link`; `today` is the earliest day it proposes.
pub(super) fn next_round_card(m: &mut Markup, doc: &Document, link: &str, today: &str) {
    let latest = doc.rounds.last().map(|r| r.opened.as_str());
    let Some(day) = invite::next_round_day(latest, today, Cadence::Monthly) else {
        return;
    };
    let title = &doc.survey.title;
    // The form's name is FORM_ATTR = FormKind::NextRound.
    m.fixed(
        "<section class=\"card\" data-testid=\"next-round\"><h2>The next round</h2><p \
         class=\"hint\">Put the rounds in the team's calendar, then post the invitation where \
         the team reads. Candor sends nothing and keeps no list of who was invited.</p><form \
         class=\"row\" data-form=\"next-round\"><label class=\"field\">Opens on<input \
         type=\"date\" required name=\"day\" data-testid=\"next-day\" value=\"",
    )
    .text(&day.iso())
    .fixed("\"></label><label class=\"field\">Then<select name=\"cadence\" data-testid=\"next-cadence\">");
    for cadence in Cadence::ALL {
        m.fixed("<option value=\"").text(cadence.name());
        if cadence == Cadence::Monthly {
            m.fixed("\" selected=\"selected");
        }
        m.fixed("\">").text(cadence.label()).fixed("</option>");
    }
    m.fixed("</select></label><input type=\"hidden\" name=\"link\" value=\"")
        .text(link)
        .fixed(
            "\"><button type=\"submit\" class=\"button secondary\" \
             data-testid=\"next-calendar\">Download calendar file</button></form>",
        );
    for (testid, label, text, command, copy) in [
        (
            "next-invitation",
            "Invitation, for the day the round opens",
            invite::invitation(title, link, doc.is_sealed(), &doc.survey.language),
            Command::CopyInvitation,
            "Copy the invitation",
        ),
        (
            "next-reminder",
            "Reminder, for a day or two before it closes",
            invite::reminder(title, link, &doc.survey.language),
            Command::CopyReminder,
            "Copy the reminder",
        ),
    ] {
        m.fixed("<label class=\"field\">")
            .text(label)
            .fixed("<textarea readonly rows=\"5\" dir=\"auto\" lang=\"")
            .text(invite::text_language(&doc.survey.language))
            .fixed("\" data-testid=\"")
            .text(testid)
            .fixed("\">")
            .text(&text)
            .fixed("</textarea></label>");
        // Named for a screen reader: "Copy the invitation", not two buttons both "Copy".
        m.fixed("<button type=\"button\" class=\"button secondary\" data-command=\"")
            .text(command.name())
            .fixed("\" data-subject=\"")
            .text(&text)
            .fixed("\" aria-label=\"")
            .text(copy)
            .fixed("\">Copy</button>");
    }
    m.fixed("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates::starter;

    #[test]
    fn the_card_proposes_a_month_after_the_latest_round_and_carries_the_link() {
        let doc = starter("2026-11-03").expect("a starter file");
        let mut m = Markup::new();
        next_round_card(
            &mut m,
            &doc,
            "https://x.example/#/take?src=a&b",
            "2026-11-20",
        );
        let html = m.finish().into_string();
        assert!(html.contains("name=\"day\" data-testid=\"next-day\" value=\"2026-12-03\""));
        assert!(html.contains("<option value=\"monthly\" selected=\"selected\">Every month"));
        assert!(html.contains("data-form=\"next-round\""));
        // The link, escaped, in the form, both texts and both copy buttons.
        assert_eq!(
            html.matches("https://x.example/#/take?src=a&amp;b").count(),
            5
        );
        assert_eq!(html.matches("data-command=\"copy-invitation\"").count(), 1);
    }
}
