//! What the team agreed after each round, latest round first, so people see that their
//! answers led somewhere.

use crate::chart::Markup;
use crate::model::{Document, EventKind};
use crate::stats::Report;

pub(super) fn card(m: &mut Markup, doc: &Document, report: &Report) {
    let agreed: Vec<_> = doc
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Action)
        .collect();
    if agreed.is_empty() {
        return;
    }
    m.open("section", &[("class", "card"), ("data-testid", "actions")])
        .element("h2", &[], "What the team agreed");
    for round in report.rounds().iter().rev() {
        let of_round: Vec<_> = agreed.iter().filter(|e| e.round == round.round()).collect();
        if of_round.is_empty() {
            continue;
        }
        m.element("h3", &[], &format!("After {}", round.label()))
            .open("ul", &[("class", "plain")]);
        for action in of_round {
            m.element("li", &[], &action.label);
        }
        m.close("ul");
    }
    m.close("section");
}
