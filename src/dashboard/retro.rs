//! Retro mode: a released round presented to the team on a shared screen, one slide at a
//! time, in the order a good meeting takes it: the round and who answered; last time's
//! actions ("did we do it?"); each dimension with its trend, agreement, change in words and,
//! where the result calls for one, its conversation guide; the comments; and "what do we try
//! next?". Slides are the dashboard's own cards where one exists, so the retro can never show
//! a number the dashboard would not (every group below the minimum stays hidden). Pure, like
//! the rest of the dashboard; the page (`views::results::retro`) pages through them.

use crate::chart::{Markup, SafeHtml};
use crate::model::Document;
use crate::stats::{Report, words};

use super::{agreed, comments, trend};

/// The slides of the retro for the latest released round (a title slide saying there is
/// nothing to present yet, when no round is released).
pub fn slides(doc: &Document, report: &Report) -> Vec<SafeHtml> {
    let mut slides = Vec::new();
    let mut m = Markup::new();
    let released = report.rounds().iter().rev().find_map(|r| r.released());
    title(&mut m, doc, report);
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
    .element("h2", &[], "Last time: did we do it?");
    if review.due.is_empty() {
        m.element(
            "p",
            &[("class", "hint")],
            &format!("No agreed action was due by {label}."),
        );
    } else {
        agreed::list(
            &mut m,
            doc,
            &format!("Due by {label}"),
            "actions-due",
            &review.due,
        );
    }
    m.close("section");
    slides.push(m.take());

    for d in 0..doc.survey.dimensions.len() {
        trend::card(&mut m, doc, report, d);
        slides.push(m.take());
    }

    comments::card(&mut m, report);
    slides.push(m.take());

    m.open(
        "section",
        &[("class", "card slide-body"), ("data-testid", "slide-next")],
    )
    .element("h2", &[], "What do we try next?")
    .element(
        "p",
        &[],
        "Pick one or two things to try before the next round. For each: what exactly, who \
             looks after it, and when we look back at it.",
    );
    if !review.agreed.is_empty() {
        agreed::list(
            &mut m,
            doc,
            &format!("Agreed after {label} so far"),
            "actions-agreed",
            &review.agreed,
        );
    }
    m.element(
        "p",
        &[("class", "hint")],
        "Note them under Agreed actions on the set-up page: they open the next round's review.",
    )
    .close("section");
    slides.push(m.take());
    slides
}

/// The first slide: the survey, the round, who answered, and the plan of the meeting.
fn title(m: &mut Markup, doc: &Document, report: &Report) {
    m.open(
        "section",
        &[("class", "card slide-body"), ("data-testid", "slide-title")],
    )
    .element("h1", &[], &doc.survey.title);
    match report.rounds().iter().rev().find_map(|r| r.released()) {
        Some(round) => {
            m.element(
                "p",
                &[("class", "lead")],
                &format!("Results of {}", round.label()),
            )
            // Starts with a number ("8 of 9 people answered"), so no capital is needed
            // (and Unicode's case tables would cost the page 16 kB).
            .element(
                "p",
                &[],
                &format!("{}.", words::participation(report, round)),
            )
            .element(
                "p",
                &[("class", "hint")],
                &format!(
                    "First the actions from last time, then each dimension, then your \
                         comments, then what we try next. Scores run from 1 to {}; higher is \
                         better; a change is called only when the data supports it.",
                    report.scale()
                ),
            );
        }
        None => {
            m.element(
                "p",
                &[("class", "lead")],
                "No round has been released yet: there is nothing to present. The results of a \
                 round are released once it closes.",
            );
        }
    }
    m.close("section");
}
