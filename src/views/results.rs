//! The results dashboard (`#/results`): per dimension, the trend with its 95% interval,
//! agreement and change in words; the latest round by question; participation; comments;
//! and beside every chart a table with the engine's exact numbers.
//!
//! Everything shown comes from [`crate::stats::report`], whose types hold no numbers for a
//! group below the minimum, so no view here can leak one. Geometry comes from
//! [`crate::chart`]; this module only draws.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::chart::{self, Markup, Slot, TrendChart, fixed, percent};
use crate::model::{Document, to_canonical_bytes};
use crate::route::{Bundle, Page, Route};
use crate::stats::words::{self, FEW_FOR_AGREEMENT};
use crate::stats::{Comments, DimensionStats, Report, RoundResult, report, to_csv_with};
use crate::storage::browser;
use crate::storage::{Source, StoreError};
use crate::views::files::download;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub route: Route,
}

enum Phase {
    Loading,
    Missing,
    Failed(String),
    Ready(Rc<Loaded>),
}

struct Loaded {
    doc: Document,
    report: Report,
}

/// The point a person has focused or tapped: (dimension index, round index).
type Focus = UseStateHandle<Option<(usize, usize)>>;

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let source = Source::from_src(props.route.src.as_deref());
    let phase = use_state(|| Phase::Loading);
    let focus: Focus = use_state(|| None);
    {
        let phase = phase.clone();
        use_effect_with(source.clone(), move |source| {
            let source = source.clone();
            phase.set(Phase::Loading);
            spawn_local(async move {
                phase.set(match browser::load(&source).await {
                    Ok(doc) => {
                        // Comments are shuffled with fresh randomness on every load, so their
                        // order never hints at who wrote what.
                        let seed = (browser::random_unit() * 9.0e15) as u64;
                        let report = report(&doc, seed);
                        Phase::Ready(Rc::new(Loaded { doc, report }))
                    }
                    Err(StoreError::NotFound) => Phase::Missing,
                    Err(e) => Phase::Failed(e.to_string()),
                });
            });
        });
    }
    let body = match &*phase {
        Phase::Loading => html! {
            <section class="card chart-space" aria-busy="true"><p class="muted">{ "Loading results…" }</p></section>
        },
        Phase::Missing => missing(&source, &props.route),
        Phase::Failed(message) => html! {
            <section class="card notice error" role="alert" data-testid="results-error">
                <h1>{ "The results cannot be shown" }</h1>
                <p>{ message.clone() }</p>
            </section>
        },
        Phase::Ready(loaded) => dashboard(loaded, &focus),
    };
    html! { <div class="results" data-testid="results-view">{ body }</div> }
}

fn missing(source: &Source, route: &Route) -> Html {
    let demo = Route {
        page: Page::Results,
        src: Some("demo.json".to_owned()),
        embed: route.embed,
    };
    let text = match source {
        Source::Device => "There is no survey on this device yet.".to_owned(),
        Source::Remote(url) => format!("There is no team file at {url}."),
    };
    html! {
        <section class="card notice" data-testid="results-missing">
            <h1>{ "No results yet" }</h1>
            <p>{ text }</p>
            <div class="row">
                <a class="button" href={Bundle::Team.href(&demo)}>{ "See the demo team" }</a>
                <a class="button secondary" href={Bundle::Team.href(&route.with_page(Page::Setup))}>{ "Set up a survey" }</a>
            </div>
        </section>
    }
}

fn dashboard(loaded: &Rc<Loaded>, focus: &Focus) -> Html {
    let Loaded { doc, report } = &**loaded;
    let exports = {
        let csv = {
            let loaded = loaded.clone();
            Callback::from(move |_| {
                let name = format!("{}-results.csv", loaded.doc.survey.id);
                download(
                    &name,
                    "text/csv",
                    to_csv_with(&loaded.report, js_number).as_bytes(),
                );
            })
        };
        let json = {
            let loaded = loaded.clone();
            Callback::from(move |_| {
                let name = format!("{}.json", loaded.doc.survey.id);
                download(&name, "application/json", &to_canonical_bytes(&loaded.doc));
            })
        };
        let print = Callback::from(|_| {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        });
        html! {
            <div class="row no-print">
                <button class="button secondary" onclick={csv} data-testid="export-csv">{ "Download CSV" }</button>
                <button class="button secondary" onclick={json}>{ "Download team file" }</button>
                <button class="button secondary" onclick={print}>{ "Print report" }</button>
            </div>
        }
    };
    html! {
        <>
            <section class="card">
                <h1>{ doc.survey.title.clone() }</h1>
                <p class="summary" data-testid="summary">{ words::summary(doc, report) }</p>
                <p class="hint">{ format!(
                    "Scores run from 1 to {}; higher is better (questions worded the other way round are \
                     recoded). Rounds with fewer than {} answers are never shown.",
                    report.scale(), report.min_group()) }</p>
                { exports }
            </section>
            { for doc.survey.dimensions.iter().enumerate().map(|(d, _)| dimension_card(doc, report, d, focus)) }
            { latest_by_item(doc, report) }
            { participation(report) }
            { comments(report) }
        </>
    }
}

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

fn dimension_card(doc: &Document, report: &Report, d: usize, focus: &Focus) -> Html {
    let dimension = &doc.survey.dimensions[d];
    let stats = series(report, &dimension.id);
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
    let mut events: Vec<(usize, &str)> = doc
        .events
        .iter()
        .filter_map(|e| {
            Some((
                rounds.iter().position(|r| r.round() == e.round)?,
                e.label.as_str(),
            ))
        })
        .collect();
    events.sort();
    let event_slots: Vec<usize> = events.iter().map(|e| e.0).collect();
    // The released rounds, which are the chart's points, in order.
    let order: Vec<usize> = (0..stats.len()).filter(|&i| stats[i].is_some()).collect();
    let latest = order.last().copied();
    let any_suppressed = order.len() < rounds.len();
    let selected = match **focus {
        Some((fd, slot)) if fd == d => Some(slot),
        _ => latest,
    };
    let readout = selected.map(|slot| point_text(report, rounds, &stats, slot, true));
    let id = &dimension.id;
    let headline = latest.and_then(|slot| stats[slot]).map(|s| {
        let mut parts = vec![format!("{} of {}", fixed(s.mean(), 1), report.scale())];
        if let Some(rwg) = s.rwg_j() {
            parts.push(words::agreement(rwg).to_owned());
        }
        if let Some(c) = s.change() {
            parts.push(words::change(c, words::round_label(report, c.from())));
        }
        parts.join(" · ")
    });

    let onfocusin = {
        let focus = focus.clone();
        Callback::from(move |e: FocusEvent| {
            let slot = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.get_attribute("data-slot"))
                .and_then(|s| s.parse::<usize>().ok());
            if let Some(slot) = slot {
                focus.set(Some((d, slot)));
            }
        })
    };
    let onkeydown = {
        let id = id.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(at) = selected.and_then(|s| order.iter().position(|&o| o == s)) else {
                return;
            };
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => (at + 1).min(order.len() - 1),
                "ArrowLeft" | "ArrowDown" => at.saturating_sub(1),
                "Home" => 0,
                "End" => order.len() - 1,
                _ => return,
            };
            e.prevent_default();
            focus_element(&format!("pt-chart-{id}-{}", order[next]));
        })
    };
    let chart_id = format!("chart-{id}");
    let labels: Vec<String> = rounds.iter().map(|r| r.label().to_owned()).collect();
    let point_labels: Vec<String> = (0..rounds.len())
        .map(|slot| point_text(report, rounds, &stats, slot, false))
        .collect();
    // The markup only changes with the data, never with focus, so the framework keeps the
    // same SVG nodes (and the focused point) while the readout below updates.
    let svg = chart::trend_svg(&TrendChart {
        id: &chart_id,
        title: &format!(
            "{} by round, 1 to {}. Arrow keys move between rounds.",
            dimension.name,
            report.scale()
        ),
        scale: report.scale(),
        slots: &slots,
        labels: &labels,
        point_labels: &point_labels,
        events: &event_slots,
        tab_stop: latest,
    });
    let svg_download = {
        let chart_id = chart_id.clone();
        let name = format!("{}-{}.svg", doc.survey.id, id);
        Callback::from(move |_| {
            if let Some(svg) = element(&chart_id) {
                let text = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
                    svg.outer_html()
                );
                download(&name, "image/svg+xml", text.as_bytes());
            }
        })
    };
    let event_labels: Vec<Html> = events
        .iter()
        .map(|&(slot, label)| html! { <li>{ format!("{label} (before {})", rounds[slot].label()) }</li> })
        .collect();

    html! {
        <section class="card dimension" aria-labelledby={format!("h-{id}")} data-testid={format!("dimension-{id}")}>
            <h2 id={format!("h-{id}")}>{ dimension.name.clone() }</h2>
            if let Some(headline) = headline {
                <p class="headline">{ headline }</p>
            }
            <figure class="chart">
                <div class="chart-box" onfocusin={onfocusin} onkeydown={onkeydown}>
                    { Html::from_html_unchecked(AttrValue::from(svg)) }
                </div>
                <figcaption class="readout" aria-live="polite" data-testid={format!("readout-{id}")}>
                    { readout.unwrap_or_else(|| format!("No round has reached {} answers yet.", report.min_group())) }
                </figcaption>
            </figure>
            <p class="legend">
                <span><span class="key band-key" aria-hidden="true"></span>{ " likely range (95% interval)" }</span>
                if any_suppressed {
                    <span><span class="key gap-key" aria-hidden="true"></span>{ format!(" fewer than {} answers, not shown", report.min_group()) }</span>
                }
            </p>
            if !event_labels.is_empty() {
                <ol class="events">{ for event_labels }</ol>
            }
            <details>
                <summary>{ format!("Table: {} by round", dimension.name) }</summary>
                { trend_table(report, rounds, &stats, id) }
            </details>
            <div class="row no-print">
                <button class="button secondary small" onclick={svg_download}>{ "Download chart (SVG)" }</button>
            </div>
        </section>
    }
}

/// A round of one dimension in words: the exact numbers for the readout (`full`) or a short
/// label for the point itself.
fn point_text(
    report: &Report,
    rounds: &[RoundResult],
    stats: &[Option<&DimensionStats>],
    slot: usize,
    full: bool,
) -> String {
    let label = rounds[slot].label();
    let Some(s) = stats[slot] else {
        return format!(
            "{label}: fewer than {} answers, not shown",
            report.min_group()
        );
    };
    if !full {
        return format!("{label}: {}", fixed(s.mean(), 2));
    }
    let mut text = format!("{label}: {} of {}", fixed(s.mean(), 2), report.scale());
    if let Some((lo, hi)) = s.ci95() {
        text.push_str(&format!(
            " (95% interval {} to {})",
            fixed(lo, 2),
            fixed(hi, 2)
        ));
    }
    text.push_str(&format!(", n = {}", s.n()));
    if let Some(rwg) = s.rwg_j() {
        text.push_str(&format!(
            "; agreement {} ({})",
            fixed(rwg, 2),
            words::agreement(rwg)
        ));
        if s.n() < FEW_FOR_AGREEMENT {
            text.push_str(", few answers make it noisy");
        }
    }
    if let Some(c) = s.change() {
        text.push_str("; ");
        text.push_str(&words::change(c, words::round_label(report, c.from())));
    }
    text
}

fn trend_table(
    report: &Report,
    rounds: &[RoundResult],
    stats: &[Option<&DimensionStats>],
    id: &str,
) -> Html {
    let dash = || "–".to_owned();
    let mut m = Markup::new();
    m.open("div", &[("class", "table-wrap")])
        .open("table", &[("data-testid", &format!("table-{id}"))])
        .open("thead", &[])
        .open("tr", &[]);
    for head in [
        "Round",
        "n",
        "Mean",
        "95% interval",
        "Agreement (r_wg)",
        "Change",
    ] {
        m.element("th", &[("scope", "col")], head);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for (round, s) in rounds.iter().zip(stats) {
        match s {
            Some(s) => {
                m.open("tr", &[("data-round", round.round())]);
                m.element("th", &[("scope", "row")], round.label());
                let cells = [
                    s.n().to_string(),
                    fixed(s.mean(), 2),
                    s.ci95().map_or_else(dash, |(lo, hi)| {
                        format!("{} to {}", fixed(lo, 2), fixed(hi, 2))
                    }),
                    s.rwg_j()
                        .map_or_else(dash, |r| format!("{} {}", fixed(r, 2), words::agreement(r))),
                    s.change().map_or_else(dash, |c| {
                        format!(
                            "{} ({} to {})",
                            c.verdict().as_str(),
                            fixed(c.ci95().0, 2),
                            fixed(c.ci95().1, 2)
                        )
                    }),
                ];
                for cell in &cells {
                    m.element("td", &[], cell);
                }
            }
            None => {
                m.open(
                    "tr",
                    &[("data-round", round.round()), ("class", "suppressed")],
                );
                m.element("th", &[("scope", "row")], round.label());
                m.element(
                    "td",
                    &[("colspan", "5")],
                    &format!("fewer than {} answers, not shown", report.min_group()),
                );
            }
        }
        m.close("tr");
    }
    m.close("tbody").close("table").close("div");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

/// The seven-step purple-orange diverging palette (colour-blind safe); a scale of 5 uses
/// every other step but keeps both ends and the middle.
const PALETTE: [&str; 7] = [
    "#b35806", "#f1a340", "#fee0b6", "#d9d9d9", "#d8daeb", "#998ec3", "#542788",
];

fn colour(answer: u8, scale: u8) -> &'static str {
    let step = usize::from(answer.saturating_sub(1)) * 6 / usize::from(scale.max(2) - 1);
    PALETTE[step.min(6)]
}

fn colour_of_7(answer: u8) -> &'static str {
    colour(answer, 7)
}

fn colour_of_5(answer: u8) -> &'static str {
    colour(answer, 5)
}

fn latest_by_item(doc: &Document, report: &Report) -> Html {
    let Some(latest) = report.rounds().iter().rev().find_map(RoundResult::released) else {
        return html! {};
    };
    let scale = report.scale();
    let mut legend = Markup::new();
    legend.open("p", &[("class", "legend")]);
    for a in 1..=scale {
        let end = match a {
            1 => " disagree",
            x if x == scale => " agree",
            _ => "",
        };
        legend
            .open("span", &[("class", "swatch")])
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
    legend.close("p");
    let legend = Html::from_html_unchecked(AttrValue::from(legend.finish()));
    html! {
        <section class="card" data-testid="by-item">
            <h2>{ format!("{} by question", latest.label()) }</h2>
            <p class="hint">{ "Disagreement to the left of the centre line, agreement to the right. Questions worded \
                               the other way round are recoded so that right is always favourable." }</p>
            { legend }
            { for latest.dimensions().iter().map(|d| {
                let name = words::dimension_name(doc, d.dimension());
                match d.released() {
                    None => html! { <><h3>{ name }</h3><p class="muted">{ format!("Fewer than {} answers, not shown.", report.min_group()) }</p></> },
                    Some(stats) => html! {
                        <>
                            <h3>{ name }</h3>
                            <ul class="items">{ for stats.items().iter().map(|item| item_row(doc, report, item)) }</ul>
                        </>
                    },
                }
            }) }
        </section>
    }
}

fn item_row(doc: &Document, report: &Report, item: &crate::stats::ItemStats) -> Html {
    let text = doc
        .survey
        .question(item.question())
        .map_or(item.question(), |q| q.text.as_str());
    let reverse = item
        .reverse()
        .then(|| html! { <span class="tag">{ "reverse-worded, recoded" }</span> });
    let Some(counts) = item.counts() else {
        return html! {
            <li><p class="q">{ text }{ reverse }</p>
            <p class="muted">{ format!("Fewer than {} answered this question.", report.min_group()) }</p></li>
        };
    };
    let scale = report.scale();
    let segments = chart::diverging(counts, 150.0, 148.0);
    let palette: fn(u8) -> &'static str = if scale == 5 { colour_of_5 } else { colour_of_7 };
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
        palette,
    );
    html! {
        <li>
            <p class="q">{ text }{ reverse }</p>
            { Html::from_html_unchecked(AttrValue::from(bar)) }
            <p class="shares">{ words }</p>
        </li>
    }
}

fn participation(report: &Report) -> Html {
    let max = report
        .team_size()
        .map(|t| t as usize)
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
    let mut m = Markup::new();
    m.open("h2", &[]).text("Participation").close("h2");
    m.open("div", &[("class", "table-wrap")])
        .open("table", &[])
        .open("thead", &[])
        .open("tr", &[]);
    m.element("th", &[("scope", "col")], "Round");
    m.element("th", &[("scope", "col")], "Answers");
    if report.team_size().is_some() {
        m.element("th", &[("scope", "col")], "Response rate");
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
                        &[("min", "0"), ("max", &max), ("value", &r.n().to_string())],
                        "",
                    )
                    .text(&format!(" {}", r.n()))
                    .close("td");
                if let Some(size) = report.team_size() {
                    m.element("td", &[], &percent(r.n() as f64 / f64::from(size.max(1))));
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
                m.element(
                    "td",
                    &[("colspan", span)],
                    &format!("fewer than {}", report.min_group()),
                );
            }
        }
        m.close("tr");
    }
    m.close("tbody").close("table").close("div");
    html! {
        <section class="card" data-testid="participation">
            { Html::from_html_unchecked(AttrValue::from(m.finish())) }
        </section>
    }
}

fn comments(report: &Report) -> Html {
    let latest = report.rounds().iter().rev().find_map(|r| {
        r.released().and_then(|s| match s.comments() {
            Comments::Released(list) if !list.is_empty() => Some((s.label(), list)),
            _ => None,
        })
    });
    html! {
        <section class="card" data-testid="comments">
            <h2>{ "Comments" }</h2>
            { match latest {
                Some((label, list)) => html! {
                    <>
                        <p class="hint">{ format!("From {label}, in random order.") }</p>
                        <ul class="comments">{ for list.iter().map(|c| html! { <li>{ c.clone() }</li> }) }</ul>
                    </>
                },
                None => html! {
                    <p class="muted">{ format!("Comments are shown for a round once at least {} people have written one.",
                        report.min_group_comments()) }</p>
                },
            } }
        </section>
    }
}

/// JavaScript's shortest round-trip text of a number (see [`to_csv_with`]).
fn js_number(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

fn focus_element(id: &str) {
    if let Some(point) = element(id).and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = point.focus();
    }
}
