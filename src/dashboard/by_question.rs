//! The latest released round by question: one diverging bar per question, its shares in
//! words, and a legend of the answer colours.

use crate::chart::{self, Markup};
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::Document;
use crate::stats::words;
use crate::stats::{ItemStats, Report, RoundResult};

/// The seven-step purple-orange diverging palette (colour-blind safe); a scale of 5 uses
/// every other step but keeps both ends and the middle.
const PALETTE: [&str; 7] = [
    "#b35806", "#f1a340", "#fee0b6", "#d9d9d9", "#d8daeb", "#998ec3", "#542788",
];

fn colour(answer: u8, scale: u8) -> &'static str {
    let step = usize::from(answer.saturating_sub(1)) * 6 / usize::from(scale.max(2) - 1);
    PALETTE[step.min(6)]
}

pub(super) fn card(m: &mut Markup, t: &Texts<M>, doc: &Document, report: &Report) {
    let Some(latest) = report.rounds().iter().rev().find_map(RoundResult::released) else {
        return;
    };
    let scale = report.scale();
    m.open("section", &[("class", "card"), ("data-testid", "by-item")])
        .element(
            "h2",
            &[],
            &t.fill(M::ByQuestion, &[("round", latest.label())]),
        )
        .element("p", &[("class", "hint")], t.get(M::ByQuestionHint));
    m.open("p", &[("class", "legend")]);
    for a in 1..=scale {
        let number = a.to_string();
        let text = match a {
            1 => t.fill(M::SwatchDisagree, &[("answer", &number)]),
            x if x == scale => t.fill(M::SwatchAgree, &[("answer", &number)]),
            _ => number,
        };
        m.open("span", &[("class", "swatch")])
            .open(
                "svg",
                &[("width", "14"), ("height", "14"), ("aria-hidden", "true")],
            )
            .empty(
                "rect",
                &[
                    ("width", "14"),
                    ("height", "14"),
                    ("fill", colour(a, scale)),
                ],
            )
            .close("svg")
            .text(" ")
            .text(&text)
            .close("span");
    }
    m.close("p");
    for d in latest.dimensions() {
        // The team's own names keep their direction (`bdi`) and the heading its side.
        m.open("h3", &[])
            .element("bdi", &[], words::dimension_name(doc, d.dimension()))
            .close("h3");
        match d.released() {
            None => {
                m.element(
                    "p",
                    &[("class", "muted")],
                    &t.fill(
                        M::FewerThanNotShown,
                        &[("min", &report.min_group().to_string())],
                    ),
                );
            }
            Some(stats) => {
                m.open("ul", &[("class", "items")]);
                for item in stats.items() {
                    item_row(m, t, doc, report, item);
                }
                m.close("ul");
            }
        }
    }
    m.close("section");
}

fn item_row(m: &mut Markup, t: &Texts<M>, doc: &Document, report: &Report, item: &ItemStats) {
    let text = doc
        .survey
        .question(item.question())
        .map_or(item.question(), |q| q.text.as_str());
    m.open("li", &[])
        .open("p", &[("class", "q")])
        .element("bdi", &[], text);
    if item.reverse() {
        m.element("span", &[("class", "tag")], t.get(M::ReverseWorded));
    }
    m.close("p");
    let Some(counts) = item.counts() else {
        m.element(
            "p",
            &[("class", "muted")],
            &t.fill(
                M::FewerAnsweredQuestion,
                &[("min", &report.min_group().to_string())],
            ),
        )
        .close("li");
        return;
    };
    let scale = report.scale();
    let segments = chart::diverging(counts, 150.0, 148.0);
    let total: u32 = counts.iter().sum();
    let share = |range: std::ops::RangeInclusive<usize>| {
        let n: u32 = counts[range].iter().sum();
        t.percent(f64::from(n) / f64::from(total.max(1)))
    };
    let half = usize::from(scale) / 2;
    let words = if scale % 2 == 1 {
        t.fill(
            M::SharesWithNeutral,
            &[
                ("disagree", &share(0..=half - 1)),
                ("neutral", &share(half..=half)),
                ("agree", &share(half + 1..=usize::from(scale) - 1)),
            ],
        )
    } else {
        t.fill(
            M::Shares,
            &[
                ("disagree", &share(0..=half - 1)),
                ("agree", &share(half..=usize::from(scale) - 1)),
            ],
        )
    };
    let table: String = counts
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}: {c}", i + 1))
        .collect::<Vec<_>>()
        .join(t.get(M::ListComma));
    let bar = chart::bar_svg(
        &segments,
        300.0,
        &t.fill(M::BarTitle, &[("shares", &words), ("counts", &table)]),
        &|answer| colour(answer, scale),
    );
    m.safe(&bar)
        .element("p", &[("class", "shares")], &words)
        .close("li");
}
