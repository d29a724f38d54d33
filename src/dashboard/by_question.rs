//! The latest released round by question: one diverging bar per question, its shares in
//! words, and a legend of the answer colours.

use crate::chart::{self, Markup, percent};
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

pub(super) fn card(m: &mut Markup, doc: &Document, report: &Report) {
    let Some(latest) = report.rounds().iter().rev().find_map(RoundResult::released) else {
        return;
    };
    let scale = report.scale();
    m.open("section", &[("class", "card"), ("data-testid", "by-item")])
        .element("h2", &[], &format!("{} by question", latest.label()))
        .element(
            "p",
            &[("class", "hint")],
            "Disagreement to the left of the centre line, agreement to the right. Questions worded \
             the other way round are recoded so that right is always favourable.",
        );
    m.open("p", &[("class", "legend")]);
    for a in 1..=scale {
        let end = match a {
            1 => " disagree",
            x if x == scale => " agree",
            _ => "",
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
            .text(&format!(" {a}{end}"))
            .close("span");
    }
    m.close("p");
    for d in latest.dimensions() {
        m.element("h3", &[], words::dimension_name(doc, d.dimension()));
        match d.released() {
            None => {
                m.element(
                    "p",
                    &[("class", "muted")],
                    &format!("Fewer than {} answers, not shown.", report.min_group()),
                );
            }
            Some(stats) => {
                m.open("ul", &[("class", "items")]);
                for item in stats.items() {
                    item_row(m, doc, report, item);
                }
                m.close("ul");
            }
        }
    }
    m.close("section");
}

fn item_row(m: &mut Markup, doc: &Document, report: &Report, item: &ItemStats) {
    let text = doc
        .survey
        .question(item.question())
        .map_or(item.question(), |q| q.text.as_str());
    m.open("li", &[]).open("p", &[("class", "q")]).text(text);
    if item.reverse() {
        m.element("span", &[("class", "tag")], "reverse-worded, recoded");
    }
    m.close("p");
    let Some(counts) = item.counts() else {
        m.element(
            "p",
            &[("class", "muted")],
            &format!("Fewer than {} answered this question.", report.min_group()),
        )
        .close("li");
        return;
    };
    let scale = report.scale();
    let segments = chart::diverging(counts, 150.0, 148.0);
    let total: u32 = counts.iter().sum();
    let share = |range: std::ops::RangeInclusive<usize>| {
        let n: u32 = counts[range].iter().sum();
        percent(f64::from(n) / f64::from(total.max(1)))
    };
    let half = usize::from(scale) / 2;
    let words = if scale % 2 == 1 {
        format!(
            "disagree {} · neutral {} · agree {}",
            share(0..=half - 1),
            share(half..=half),
            share(half + 1..=usize::from(scale) - 1)
        )
    } else {
        format!(
            "disagree {} · agree {}",
            share(0..=half - 1),
            share(half..=usize::from(scale) - 1)
        )
    };
    let table: String = counts
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}: {c}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let bar = chart::bar_svg(
        &segments,
        300.0,
        &format!("{words}. Answers {table}."),
        &|answer| colour(answer, scale),
    );
    m.safe(&bar)
        .element("p", &[("class", "shares")], &words)
        .close("li");
}
