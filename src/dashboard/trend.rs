//! A dimension's card: the headline, the trend chart with its 95% band, the readout of a
//! round's exact numbers, the legend, the events before each round, a tick at each round in
//! which an agreed action was done, and the table of every number the chart shows.

use crate::chart::{self, Markup, Slot, TrendChart};
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::{ActionStatus, Document, EventKind};
use crate::stats::words::{self, FEW_FOR_AGREEMENT};
use crate::stats::{DimensionStats, Report, RoundResult};

use super::action::{Action, action_button};
use super::ids;

/// The chart's slots and the released stats of dimension `d` per round.
fn series<'a>(report: &'a Report, dimension: &str) -> Vec<Option<&'a DimensionStats>> {
    report
        .rounds()
        .iter()
        .map(|round| {
            round.released().and_then(|r| {
                r.dimensions()
                    .iter()
                    .find(|x| x.dimension() == dimension)
                    .and_then(|x| x.released())
            })
        })
        .collect()
}

/// One dimension's card: headline, chart, readout, legend, events and the table. Returns the
/// dimension's id and the readout text of each round.
///
/// Never inlined: the dashboard and retro mode both draw it, and a copy in each costs the
/// results page kilobytes.
#[inline(never)]
pub(super) fn card(
    m: &mut Markup,
    t: &Texts<M>,
    doc: &Document,
    report: &Report,
    d: usize,
) -> (String, Vec<String>) {
    let dimension = &doc.survey.dimensions[d];
    let id = &dimension.id;
    let stats = series(report, id);
    let slots: Vec<Slot> = stats
        .iter()
        .map(|s| match s {
            Some(s) => Slot::Value {
                mean: s.mean(),
                ci: s.ci95(),
            },
            None => Slot::Suppressed,
        })
        .collect();
    let rounds = report.rounds();
    // Events in time order: numbered 1, 2, … on the chart and in the list below it.
    let mut events: Vec<(usize, Option<&str>, &str)> = doc
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Event)
        .filter_map(|e| {
            Some((
                rounds.iter().position(|r| r.round() == e.round)?,
                e.date.as_deref(),
                e.label.as_str(),
            ))
        })
        .collect();
    crate::model::sort::sort_by(&mut events, &|a, b| a.cmp(b));
    let event_slots: Vec<usize> = events.iter().map(|e| e.0).collect();
    // Actions done, at the round they were done in: people see what answering led to.
    let done: Vec<usize> = doc
        .actions()
        .filter(|a| a.status == ActionStatus::Done)
        .filter_map(|a| {
            let settled = a.settled.as_deref()?;
            rounds.iter().position(|r| r.round() == settled)
        })
        .collect();
    let latest = (0..stats.len()).rev().find(|&i| stats[i].is_some());
    let any_suppressed = stats.iter().any(Option::is_none);
    let chart_id = ids::chart(id);
    let labels: Vec<String> = rounds.iter().map(|r| r.label().to_owned()).collect();
    let point_labels: Vec<String> = (0..rounds.len())
        .map(|slot| point_text(t, report, rounds, &stats, slot, false))
        .collect();
    let readouts: Vec<String> = (0..rounds.len())
        .map(|slot| point_text(t, report, rounds, &stats, slot, true))
        .collect();
    let svg = chart::trend_svg(&TrendChart {
        id: &chart_id,
        title: &t.fill(
            M::ChartTitle,
            &[
                ("dimension", &dimension.name),
                ("scale", &report.scale().to_string()),
            ],
        ),
        scale: report.scale(),
        slots: &slots,
        labels: &labels,
        point_labels: &point_labels,
        events: &event_slots,
        done: &done,
        tab_stop: latest,
    });
    let heading = ids::heading(id);
    m.open(
        "section",
        &[
            ("class", "card dimension"),
            ("aria-labelledby", &heading),
            ("data-testid", &format!("dimension-{id}")),
        ],
    )
    .open("h2", &[("id", &heading)])
    .element("bdi", &[], &dimension.name)
    .close("h2");
    if let Some(s) = latest.and_then(|slot| stats[slot]) {
        let mut parts = vec![t.fill(
            M::MeanOf,
            &[
                ("mean", &t.number(s.mean(), 1)),
                ("scale", &report.scale().to_string()),
            ],
        )];
        if let Some(rwg) = s.rwg_j() {
            parts.push(words::agreement(t, rwg).to_owned());
        }
        if let Some(c) = s.change() {
            parts.push(words::change(t, c, words::round_label(report, c.from())));
        }
        m.element("p", &[("class", "headline")], &parts.join(" · "));
    }
    // Questions and practices where the latest result calls for a conversation.
    let guide = super::guide::guide(doc, report, id);
    let readout = latest.map_or_else(
        || match rounds.last() {
            Some(last) if last.pending().is_some() => t.fill(
                M::NoResultsYet,
                &[(
                    "what",
                    &t.fill(
                        M::RoundNotShown,
                        &[
                            ("round", last.label()),
                            ("why", &words::not_shown(t, report, last)),
                        ],
                    ),
                )],
            ),
            _ => t.fill(
                M::NoRoundReachedShort,
                &[("min", &report.min_group().to_string())],
            ),
        },
        |slot| readouts[slot].clone(),
    );
    m.open("figure", &[("class", "chart")])
        .open("div", &[("class", "chart-box")])
        .safe(&svg)
        .close("div")
        .element(
            "figcaption",
            &[
                ("class", "readout"),
                ("aria-live", "polite"),
                ("id", &ids::readout(id)),
                ("data-testid", &format!("readout-{id}")),
            ],
            &readout,
        )
        .close("figure");
    m.open("p", &[("class", "legend")])
        .open("span", &[])
        .element(
            "span",
            &[("class", "key band-key"), ("aria-hidden", "true")],
            "",
        )
        .text(" ")
        .text(t.get(M::LegendBand))
        .close("span");
    if any_suppressed {
        m.open("span", &[])
            .element(
                "span",
                &[("class", "key gap-key"), ("aria-hidden", "true")],
                "",
            )
            .text(" ")
            .text(t.get(M::LegendGap))
            .close("span");
    }
    if !done.is_empty() {
        m.open("span", &[])
            .element(
                "span",
                &[("class", "key done-key"), ("aria-hidden", "true")],
                "\u{2713}",
            )
            .text(" ")
            .text(t.get(M::LegendDone))
            .close("span");
    }
    m.close("p");
    if !events.is_empty() {
        m.open("ol", &[("class", "events")]);
        for &(slot, date, label) in &events {
            let before = rounds[slot].label();
            let text = match date {
                Some(date) => t.fill(
                    M::EventOn,
                    &[
                        ("event", &crate::i18n::isolate(label)),
                        ("date", date),
                        ("round", before),
                    ],
                ),
                None => t.fill(
                    M::EventBefore,
                    &[("event", &crate::i18n::isolate(label)), ("round", before)],
                ),
            };
            m.element("li", &[], &text);
        }
        m.close("ol");
    }
    if let Some(guide) = &guide {
        super::guide::aside(m, t, id, guide);
    }
    m.open("details", &[]).element(
        "summary",
        &[],
        &t.fill(M::TableOf, &[("dimension", &dimension.name)]),
    );
    trend_table(m, t, report, rounds, &stats, id, &dimension.name);
    m.close("details").open("div", &[("class", "row no-print")]);
    for (action, label) in [
        (Action::ChartSvg, M::DownloadSvg),
        (Action::ChartPng, M::DownloadPng),
    ] {
        let label = t.get(label);
        action_button(
            m,
            action,
            Some(&chart_id),
            "button secondary small",
            None,
            label,
        );
    }
    m.close("div").close("section");
    (id.clone(), readouts)
}

/// A round of one dimension in words: the exact numbers for the readout (`full`) or a short
/// label for the point itself.
fn point_text(
    t: &Texts<M>,
    report: &Report,
    rounds: &[RoundResult],
    stats: &[Option<&DimensionStats>],
    slot: usize,
    full: bool,
) -> String {
    let label = rounds[slot].label();
    let Some(s) = stats[slot] else {
        return t.fill(
            M::PointOf,
            &[
                ("round", label),
                ("value", &words::not_shown(t, report, &rounds[slot])),
            ],
        );
    };
    let mean = t.number(s.mean(), 2);
    if !full {
        return t.fill(M::PointOf, &[("round", label), ("value", &mean)]);
    }
    let scale = report.scale().to_string();
    let n = s.n().to_string();
    let mut text = if words::everyone_answered(report, s.n()) {
        t.fill(
            M::ReadoutExact,
            &[
                ("round", label),
                ("mean", &mean),
                ("scale", &scale),
                ("n", &n),
            ],
        )
    } else if let Some((lo, hi)) = s.ci95() {
        t.fill(
            M::ReadoutInterval,
            &[
                ("round", label),
                ("mean", &mean),
                ("scale", &scale),
                ("low", &t.number(lo, 2)),
                ("high", &t.number(hi, 2)),
                ("n", &n),
            ],
        )
    } else {
        t.fill(
            M::ReadoutMean,
            &[
                ("round", label),
                ("mean", &mean),
                ("scale", &scale),
                ("n", &n),
            ],
        )
    };
    if let Some(rwg) = s.rwg_j() {
        text.push_str(t.get(M::ListSemicolon));
        text.push_str(&t.fill(
            if s.n() < FEW_FOR_AGREEMENT {
                M::ReadoutAgreementNoisy
            } else {
                M::ReadoutAgreement
            },
            &[
                ("rwg", &t.number(rwg, 2)),
                ("words", words::agreement(t, rwg)),
            ],
        ));
    }
    if let Some(c) = s.change() {
        text.push_str(t.get(M::ListSemicolon));
        text.push_str(&words::change(t, c, words::round_label(report, c.from())));
    }
    text
}

/// The exact numbers of one dimension's chart, for anyone who cannot or would rather not read
/// it. Read aloud, every cell is heard with its column, and the table by its caption.
fn trend_table(
    m: &mut Markup,
    t: &Texts<M>,
    report: &Report,
    rounds: &[RoundResult],
    stats: &[Option<&DimensionStats>],
    dimension: &str,
    name: &str,
) {
    let caption = t.fill(M::ByRound, &[("dimension", name)]);
    // A table wider than a phone scrolls inside its card, reachable by keyboard.
    m.open(
        "div",
        &[
            ("class", "table-wrap"),
            ("role", "region"),
            ("aria-label", &caption),
            ("tabindex", "0"),
        ],
    )
    .open("table", &[("data-testid", &format!("table-{dimension}"))])
    .element("caption", &[("class", "visually-hidden")], &caption)
    .open("thead", &[])
    .open("tr", &[]);
    for head in [M::Round, M::N, M::Mean, M::Interval] {
        m.element("th", &[("scope", "col")], t.get(head));
    }
    // r_wg is spoken "r w g", not "r underscore w g".
    m.open("th", &[("scope", "col")])
        .text(t.get(M::AgreementColumn))
        .text(" (r")
        .element("sub", &[], "wg")
        .text(")")
        .close("th")
        .element("th", &[("scope", "col")], t.get(M::ChangeColumn));
    m.close("tr").close("thead").open("tbody", &[]);
    for (round, s) in rounds.iter().zip(stats) {
        let Some(s) = s else {
            m.open(
                "tr",
                &[("data-round", round.round()), ("class", "suppressed")],
            )
            .element("th", &[("scope", "row")], round.label())
            .element(
                "td",
                &[("colspan", "5")],
                &words::not_shown(t, report, round),
            )
            .close("tr");
            continue;
        };
        m.open("tr", &[("data-round", round.round())])
            .element("th", &[("scope", "row")], round.label())
            .element("td", &[], &s.n().to_string())
            .element("td", &[], &t.number(s.mean(), 2));
        let range = |lo: f64, hi: f64| {
            t.fill(
                M::Range,
                &[("low", &t.number(lo, 2)), ("high", &t.number(hi, 2))],
            )
        };
        match s.ci95() {
            _ if words::everyone_answered(report, s.n()) => {
                m.element("td", &[], t.get(M::ExactEveryone))
            }
            Some((lo, hi)) => m.element("td", &[], &range(lo, hi)),
            None => none(m, t.get(M::TooFewAnswers)),
        };
        match s.rwg_j() {
            Some(r) => m.element(
                "td",
                &[],
                &format!("{} {}", t.number(r, 2), words::agreement(t, r)),
            ),
            None => none(m, t.get(M::TooFewAnswers)),
        };
        match s.change() {
            Some(c) => m.element(
                "td",
                &[],
                &format!(
                    "{} ({})",
                    words::verdict(t, c.verdict()),
                    range(c.ci95().0, c.ci95().1)
                ),
            ),
            None => none(m, t.get(M::NoEarlierRound)),
        };
        m.close("tr");
    }
    m.close("tbody").close("table").close("div");
}

/// An empty cell: a dash to the eye, the reason to the ear (a lone dash is read as
/// "dash" or not at all).
fn none<'m>(m: &'m mut Markup, why: &str) -> &'m mut Markup {
    m.open("td", &[])
        .element("span", &[("aria-hidden", "true")], "–")
        .element("span", &[("class", "visually-hidden")], why)
        .close("td")
}
