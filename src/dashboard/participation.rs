//! How many answered each round (and the response rate where the team size is known); a
//! round below the minimum says only "fewer than N".

use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};
use crate::stats::Report;

pub(super) fn card(m: &mut Markup, t: &Texts<M>, report: &Report) {
    let max = report
        .team_size()
        .map(|size| size as usize)
        .or_else(|| {
            report
                .rounds()
                .iter()
                .filter_map(|r| r.released())
                .map(|r| r.n())
                .max()
        })
        .unwrap_or(1)
        .max(1)
        .to_string();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "participation")],
    )
    .element("h2", &[], t.get(M::Participation));
    // A table wider than a phone scrolls inside its card, reachable by keyboard.
    m.open(
        "div",
        &[
            ("class", "table-wrap"),
            ("role", "region"),
            ("aria-label", t.get(M::AnswersPerRound)),
            ("tabindex", "0"),
        ],
    )
    .open("table", &[])
    .element(
        "caption",
        &[("class", "visually-hidden")],
        t.get(M::AnswersPerRound),
    )
    .open("thead", &[])
    .open("tr", &[]);
    m.element("th", &[("scope", "col")], t.get(M::Round));
    m.element("th", &[("scope", "col")], t.get(M::AnswersColumn));
    if report.team_size().is_some() {
        m.element("th", &[("scope", "col")], t.get(M::ResponseRate));
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for round in report.rounds() {
        match round.released() {
            Some(r) => {
                m.open("tr", &[]);
                m.element("th", &[("scope", "row")], r.label());
                m.open("td", &[])
                    .element(
                        "meter",
                        // The number beside it says the same; heard once is enough.
                        &[
                            ("min", "0"),
                            ("max", &max),
                            ("value", &r.n().to_string()),
                            ("aria-hidden", "true"),
                        ],
                        "",
                    )
                    .text(&format!(" {}", r.n()))
                    .close("td");
                if let Some(size) = report.team_size() {
                    m.element("td", &[], &t.percent(r.n() as f64 / f64::from(size.max(1))));
                }
            }
            None => {
                m.open("tr", &[("class", "suppressed")]);
                m.element("th", &[("scope", "row")], round.label());
                let span = if report.team_size().is_some() {
                    "2"
                } else {
                    "1"
                };
                let why = match round.pending() {
                    Some(p) if !p.closed() => {
                        t.fill(M::CollectingSoFar, &[("count", &p.answers().to_string())])
                    }
                    Some(p) => t.fill(M::NotYetReleased, &[("count", &p.answers().to_string())]),
                    None => t.fill(M::FewerThan, &[("min", &report.min_group().to_string())]),
                };
                m.element("td", &[("colspan", span)], &why);
            }
        }
        m.close("tr");
    }
    m.close("tbody")
        .close("table")
        .close("div")
        .close("section");
}
