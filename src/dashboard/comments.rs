//! The latest round's comments that may be shown, in an order drawn fresh on every load.

use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};
use crate::stats::{Comments, Report};

#[inline(never)] // drawn by the dashboard and by retro mode: one copy
pub(super) fn card(m: &mut Markup, t: &Texts<M>, report: &Report) {
    let latest = report.rounds().iter().rev().find_map(|r| {
        r.released().and_then(|s| match s.comments() {
            Comments::Released(list) if !list.is_empty() => Some((s.label(), list)),
            _ => None,
        })
    });
    m.open("section", &[("class", "card"), ("data-testid", "comments")])
        .element("h2", &[], t.get(M::Comments));
    match latest {
        Some((label, list)) => {
            m.element(
                "p",
                &[("class", "hint")],
                &t.fill(M::CommentsFrom, &[("round", label)]),
            )
            .open("ul", &[("class", "comments")]);
            for comment in list {
                m.element("li", &[("dir", "auto")], comment);
            }
            m.close("ul");
        }
        None => {
            m.element(
                "p",
                &[("class", "muted")],
                &t.fill(
                    M::CommentsHeldBack,
                    &[("min", &report.min_group_comments().to_string())],
                ),
            );
        }
    }
    m.close("section");
}
