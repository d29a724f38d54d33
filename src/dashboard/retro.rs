//! Retro mode: a released round presented to the team on a shared screen, one slide at a
//! time, in the order a good meeting takes it: the round and who answered; last time's
//! actions ("did we do it?"); each dimension with its trend, agreement, change in words and,
//! where the result calls for one, its conversation guide; the comments; and "what do we try
//! next?". Slides are the dashboard's own cards where one exists, so the retro can never show
//! a number the dashboard would not (every group below the minimum stays hidden). Pure, like
//! the rest of the dashboard; the page (`views::results::retro`) pages through them.

use crate::chart::{Markup, SafeHtml};
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::Document;
use crate::stats::{Report, words};

use super::{agreed, comments, trend};

/// The slides of the retro for the latest released round (a title slide saying there is
/// nothing to present yet, when no round is released).
pub fn slides(t: &Texts<M>, doc: &Document, report: &Report) -> Vec<SafeHtml> {
    let mut slides = Vec::new();
    let mut m = Markup::new();
    let released = report.rounds().iter().rev().find_map(|r| r.released());
    title(&mut m, t, doc, report);
    slides.push(m.take());
    if released.is_none() {
        return slides;
    }
    let round = agreed::review_round(doc, report).unwrap_or_default();
    let label = doc.round(round).map_or(round, |r| r.label.as_str());
    let review = doc.review_at(round);

    m.open(
        "section",
        &[
            ("class", "card slide-body"),
            ("data-testid", "slide-actions"),
        ],
    )
    .element("h2", &[], t.get(M::LastTime));
    if review.due.is_empty() {
        m.element(
            "p",
            &[("class", "hint")],
            &t.fill(M::NothingDue, &[("round", label)]),
        );
    } else {
        agreed::list(
            &mut m,
            t,
            doc,
            &t.fill(M::DueByShort, &[("round", label)]),
            "actions-due",
            &review.due,
        );
    }
    m.close("section");
    slides.push(m.take());

    for d in 0..doc.survey.dimensions.len() {
        trend::card(&mut m, t, doc, report, d);
        slides.push(m.take());
    }

    comments::card(&mut m, t, report);
    slides.push(m.take());

    m.open(
        "section",
        &[("class", "card slide-body"), ("data-testid", "slide-next")],
    )
    .element("h2", &[], t.get(M::TryNext))
    .element("p", &[], t.get(M::TryNextText));
    if !review.agreed.is_empty() {
        agreed::list(
            &mut m,
            t,
            doc,
            &t.fill(M::AgreedSoFar, &[("round", label)]),
            "actions-agreed",
            &review.agreed,
        );
    }
    m.element("p", &[("class", "hint")], t.get(M::NoteThem))
        .close("section");
    slides.push(m.take());
    slides
}

/// The first slide: the survey, the round, who answered, and the plan of the meeting.
fn title(m: &mut Markup, t: &Texts<M>, doc: &Document, report: &Report) {
    m.open(
        "section",
        &[("class", "card slide-body"), ("data-testid", "slide-title")],
    )
    .open("h1", &[])
    .element("bdi", &[], &doc.survey.title)
    .close("h1");
    match report.rounds().iter().rev().find_map(|r| r.released()) {
        Some(round) => {
            m.element(
                "p",
                &[("class", "lead")],
                &t.fill(M::ResultsOf, &[("round", round.label())]),
            )
            // Starts with a number ("8 of 9 people answered"), so no capital is needed
            // (and Unicode's case tables would cost the page 16 kB).
            .element(
                "p",
                &[],
                &format!(
                    "{}{}",
                    words::participation(t, report, round),
                    t.get(M::FullStop)
                ),
            )
            .element(
                "p",
                &[("class", "hint")],
                &t.fill(M::RetroPlan, &[("scale", &report.scale().to_string())]),
            );
        }
        None => {
            m.element("p", &[("class", "lead")], t.get(M::NothingToPresent));
        }
    }
    m.close("section");
}
