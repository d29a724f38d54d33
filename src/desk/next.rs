//! The next round card: when it opens at the team's cadence, a calendar file with the answer
//! link, and the invitation and reminder to post in chat or email (texts from
//! [`crate::invite`]). Written as markup (pure); the page's listeners answer its form and
//! buttons. Candor sends nothing and keeps no list of who was invited.

use super::command::Command;
use crate::chart::Markup;
use crate::i18n::{DeskMsg as S, Texts};
use crate::invite::{self, Cadence};
use crate::model::Document;

/// The card for a survey shared by `link`; `today` is the earliest day it proposes.
pub fn next_round_card(m: &mut Markup, t: &Texts<S>, doc: &Document, link: &str, today: &str) {
    let latest = doc.rounds.last().map(|r| r.opened.as_str());
    let Some(day) = invite::next_round_day(latest, today, Cadence::Monthly) else {
        return;
    };
    let title = &doc.survey.title;
    m.fixed("<section class=\"card\" data-testid=\"next-round\"><h2>")
        .text(t.get(S::NextRound))
        .fixed("</h2><p class=\"hint\">")
        .text(t.get(S::NextRoundHint))
        .fixed("</p><form class=\"row\" data-form=\"next-round\"><label class=\"field\">")
        .text(t.get(S::OpensOn))
        .fixed("<input type=\"date\" required name=\"day\" data-testid=\"next-day\" value=\"")
        .text(&day.iso())
        .fixed("\"></label><label class=\"field\">")
        .text(t.get(S::Then))
        .fixed("<select name=\"cadence\" data-testid=\"next-cadence\">");
    for cadence in Cadence::ALL {
        m.fixed("<option value=\"").text(cadence.name());
        if cadence == Cadence::Monthly {
            m.fixed("\" selected=\"selected");
        }
        m.fixed("\">")
            .text(t.get(cadence_words(cadence)))
            .fixed("</option>");
    }
    m.fixed("</select></label><input type=\"hidden\" name=\"link\" value=\"")
        .text(link)
        .fixed(
            "\"><button type=\"submit\" class=\"button secondary\" data-testid=\"next-calendar\">",
        )
        .text(t.get(S::DownloadCalendar))
        .fixed("</button></form>");
    // The invitation and reminder are in the survey's language (they go to the team), the
    // labels around them in the page's.
    // They say how long answering takes as the survey page does, from the questions asked.
    let minutes = crate::respond::survey_minutes(&doc.survey);
    for (testid, label, text, command, copy) in [
        (
            "next-invitation",
            S::InvitationLabel,
            invite::invitation(title, link, doc.is_sealed(), &doc.survey.language, minutes),
            Command::CopyInvitation,
            S::CopyInvitation,
        ),
        (
            "next-reminder",
            S::ReminderLabel,
            invite::reminder(title, link, &doc.survey.language, minutes),
            Command::CopyReminder,
            S::CopyReminder,
        ),
    ] {
        m.fixed("<label class=\"field\">")
            .text(t.get(label))
            .fixed("<textarea readonly rows=\"5\" dir=\"auto\" lang=\"")
            .text(invite::text_language(&doc.survey.language))
            .fixed("\" data-testid=\"")
            .text(testid)
            .fixed("\">")
            .text(&text)
            .fixed("</textarea></label>");
        m.fixed("<button type=\"button\" class=\"button secondary\" data-command=\"")
            .text(command.name())
            .fixed("\" data-subject=\"")
            .text(&text)
            .fixed("\" aria-label=\"")
            .text(t.get(copy))
            .fixed("\">")
            .text(t.get(S::Copy))
            .fixed("</button>");
    }
    m.fixed("</section>");
}

/// A cadence in the page's words.
fn cadence_words(cadence: Cadence) -> S {
    match cadence {
        Cadence::Fortnightly => S::EveryTwoWeeks,
        Cadence::Monthly => S::EveryMonth,
        Cadence::Quarterly => S::EveryThreeMonths,
    }
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
            &Texts::english(),
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
