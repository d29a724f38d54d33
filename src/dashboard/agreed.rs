//! The agreed actions, reviewed first: what was due by the round on screen ("did we do it?"),
//! what the team agreed after it, what waits for a later review day, and what was settled
//! before, so people see that their answers led somewhere and no action is forgotten.

use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::{ActionStatus, Document, Event};
use crate::stats::Report;

/// The round whose results the actions are reviewed with: the latest released round, or the
/// latest round when none is released yet.
pub fn review_round<'a>(doc: &'a Document, report: &Report) -> Option<&'a str> {
    report
        .rounds()
        .iter()
        .rev()
        .find(|r| r.released().is_some())
        .map(|r| r.round())
        .or_else(|| doc.rounds.last().map(|r| r.id.as_str()))
        .and_then(|id| doc.round(id).map(|r| r.id.as_str()))
}

/// Where an action stands, in words: "Team lead · open since September 2026", "done in
/// October 2026", "dropped in September 2026", "open, to review from 2027-02-01".
pub fn state(t: &Texts<M>, doc: &Document, action: &Event) -> String {
    let label = |id: &str| doc.round(id).map_or(id, |r| r.label.as_str()).to_owned();
    let mut parts = Vec::new();
    if let Some(owner) = &action.owner {
        parts.push(crate::i18n::isolate(owner));
    }
    parts.push(match (&action.settled, &action.review) {
        (Some(round), _) => t.fill(
            if action.status == ActionStatus::Dropped {
                M::DroppedIn
            } else {
                M::DoneIn
            },
            &[("round", &label(round))],
        ),
        (None, _) if doc.due_round(action).is_some() => {
            t.fill(M::OpenSince, &[("round", &label(&action.round))])
        }
        (None, Some(day)) => t.fill(M::OpenToReviewFrom, &[("day", day)]),
        (None, None) => t.get(M::OpenToReviewNext).to_owned(),
    });
    parts.join(" · ")
}

/// One list of actions under a heading; each item is the action's text and its state.
pub(super) fn list(
    m: &mut Markup,
    t: &Texts<M>,
    doc: &Document,
    heading: &str,
    testid: &str,
    actions: &[&Event],
) {
    if actions.is_empty() {
        return;
    }
    m.element("h3", &[], heading)
        .open("ul", &[("class", "plain agreed"), ("data-testid", testid)]);
    for action in actions {
        m.open("li", &[("data-status", action.status.name())])
            .element("span", &[("dir", "auto")], &action.label)
            .text(" ")
            .element("span", &[("class", "hint")], &state(t, doc, action))
            .close("li");
    }
    m.close("ul");
}

pub(super) fn card(m: &mut Markup, t: &Texts<M>, doc: &Document, report: &Report) {
    if doc.actions().next().is_none() {
        return;
    }
    let Some(round) = review_round(doc, report) else {
        return;
    };
    let review = doc.review_at(round);
    let label = doc.round(round).map_or(round, |r| r.label.as_str());
    let reviewed: Vec<&str> = review
        .due
        .iter()
        .chain(&review.agreed)
        .chain(&review.later)
        .map(|a| a.id.as_str())
        .collect();
    let earlier: Vec<&Event> = doc
        .actions()
        .filter(|a| !reviewed.contains(&a.id.as_str()))
        .collect();
    m.open("section", &[("class", "card"), ("data-testid", "actions")])
        .element("h2", &[], t.get(M::AgreedActions));
    list(
        m,
        t,
        doc,
        &t.fill(M::DueBy, &[("round", label)]),
        "actions-due",
        &review.due,
    );
    list(
        m,
        t,
        doc,
        &t.fill(M::AgreedAfter, &[("round", label)]),
        "actions-agreed",
        &review.agreed,
    );
    list(
        m,
        t,
        doc,
        t.get(M::ReviewLater),
        "actions-later",
        &review.later,
    );
    if !earlier.is_empty() {
        m.open("details", &[]).element(
            "summary",
            &[],
            &t.fill(M::EarlierActions, &[("count", &earlier.len().to_string())]),
        );
        list(
            m,
            t,
            doc,
            t.get(M::SettledBefore),
            "actions-earlier",
            &earlier,
        );
        m.close("details");
    }
    m.close("section");
}
