//! The latest round's comments that may be shown, in an order drawn fresh on every load.

use crate::chart::Markup;
use crate::stats::{Comments, Report};

#[inline(never)] // drawn by the dashboard and by retro mode: one copy
pub(super) fn card(m: &mut Markup, report: &Report) {
    let latest = report.rounds().iter().rev().find_map(|r| {
        r.released().and_then(|s| match s.comments() {
            Comments::Released(list) if !list.is_empty() => Some((s.label(), list)),
            _ => None,
        })
    });
    m.open("section", &[("class", "card"), ("data-testid", "comments")])
        .element("h2", &[], "Comments");
    match latest {
        Some((label, list)) => {
            m.element(
                "p",
                &[("class", "hint")],
                &format!("From {label}, in random order."),
            )
            .open("ul", &[("class", "comments")]);
            for comment in list {
                m.element("li", &[], comment);
            }
            m.close("ul");
        }
        None => {
            m.element(
                "p",
                &[("class", "muted")],
                &format!(
                    "Comments are shown for a round once at least {} people have written one.",
                    report.min_group_comments()
                ),
            );
        }
    }
    m.close("section");
}
