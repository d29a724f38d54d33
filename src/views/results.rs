//! The results dashboard (`#/results`): per dimension, the trend with its 95% interval,
//! agreement and change in words; the latest round by question; participation; comments;
//! and beside every chart a table with the engine's exact numbers.
//!
//! Everything shown comes from [`crate::stats::report`], whose types hold no numbers for a
//! group below the minimum, so no view here can leak one. Geometry comes from
//! [`crate::chart`]. The dashboard is written once per loaded file as escaped markup, one
//! block per card, and the cards are put on the page one per frame (see
//! [`super::frames`]); its few interactions (point focus, keyboard walk, downloads) are
//! handled by three listeners on the block. In wasm that is a fraction of the size of one
//! framework element per node, and moving between points re-renders nothing.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::chart::{self, Markup, Slot, TrendChart, fixed, percent};
use crate::model::{Document, EventKind};
use crate::reader;
use crate::route::{Bundle, Page, Route};
use crate::stats::words::{self, FEW_FOR_AGREEMENT};
use crate::stats::{Comments, DimensionStats, Report, RoundResult, report, to_csv_with};
use crate::storage::browser;
use crate::storage::{Source, StoreError};
use crate::views::files::{download, download_png, read_picked_text};
use crate::views::frames::use_parts_per_frame;

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

/// A loaded file's dashboard, and what its exports need.
struct Loaded {
    source: Source,
    /// The bytes of a file picked from this computer (no source to read them from again).
    picked: Option<Vec<u8>>,
    survey_id: String,
    /// The report as CSV (written with the dashboard, so it is ready to download).
    csv: String,
    /// Read and drawn in the reader worker (a big file).
    in_worker: bool,
    /// The dashboard's cards, as markup.
    cards: Vec<AttrValue>,
    /// Per chart id, the readout text of each round.
    readouts: Vec<(String, Vec<String>)>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let source = Source::from_src(props.route.src.as_deref());
    let phase = use_state(|| Phase::Loading);
    {
        let phase = phase.clone();
        use_effect_with(source.clone(), move |source| {
            let source = source.clone();
            phase.set(Phase::Loading);
            spawn_local(async move {
                let read = browser::read_file(&source).await;
                // Fetching the file and drawing the dashboard are two tasks, not one long one:
                // the page stays responsive to taps between them.
                browser::sleep(0).await;
                phase.set(match read {
                    Ok((bytes, offline_copy)) => match reader::prepare(bytes, offline_copy).await {
                        Ok(prepared) => ready(source, None, prepared),
                        Err(why) => Phase::Failed(format!("the team file has problems: {why}")),
                    },
                    Err(StoreError::NotFound) => Phase::Missing,
                    Err(e) => Phase::Failed(e.to_string()),
                });
            });
        });
    }
    // "Open a team file…" (in the markup): a file picked from this computer.
    let onchange = {
        let (phase, source) = (phase.clone(), source.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (phase, source) = (phase.clone(), source.clone());
            spawn_local(async move {
                let bytes = match read_picked_text(&input).await {
                    Ok(text) => text.into_bytes(),
                    Err(why) => return phase.set(Phase::Failed(why)),
                };
                // A big file is read in the worker here too; the bytes are kept for
                // "Download team file".
                phase.set(match reader::prepare(bytes.clone(), false).await {
                    Ok(prepared) => ready(source, Some(bytes), prepared),
                    Err(why) => Phase::Failed(format!("That file is not a valid team file: {why}")),
                });
            });
        })
    };
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
        Phase::Ready(loaded) => html! { <Dashboard loaded={loaded.clone()} /> },
    };
    html! { <div class="results" data-testid="results-view" {onchange}>{ body }</div> }
}

fn ready(source: Source, picked: Option<Vec<u8>>, prepared: Prepared) -> Phase {
    let Prepared {
        survey_id,
        csv,
        cards,
        readouts,
        in_worker,
    } = prepared;
    Phase::Ready(Rc::new(Loaded {
        source,
        picked,
        survey_id,
        csv,
        in_worker,
        cards: cards.into_iter().map(AttrValue::from).collect(),
        readouts,
    }))
}

/// A dashboard ready to show: drawn where the file was read (on the page, or in the reader
/// worker for a big file; see [`crate::reader`]).
pub struct Prepared {
    pub survey_id: String,
    pub csv: String,
    /// The dashboard's cards, as markup.
    pub cards: Vec<String>,
    /// Per chart id, the readout text of each round.
    pub readouts: Vec<(String, Vec<String>)>,
    /// Drawn in the reader worker (shown on the page as `data-read-in`, for tests and
    /// whoever wonders why a big file opened smoothly).
    pub in_worker: bool,
}

/// Reads a team file's bytes and draws its dashboard, or says what is wrong with the file.
/// Comments are shuffled with fresh randomness on every load, so their order never hints at
/// who wrote what. `offline_copy`: the network failed and the file is this device's last copy.
///
/// `pause` runs between the steps (read and check, report, draw, CSV). On the page it hands
/// the thread back to the browser, so each step is a task of its own: on a phone each takes
/// tens of milliseconds (the wasm's code is compiled as it is first run), and together they
/// would hold off taps and scrolling. In the reader worker it does nothing.
pub async fn prepare<P: Future<Output = ()>>(
    bytes: &[u8],
    offline_copy: bool,
    mut pause: impl FnMut() -> P,
) -> Result<Prepared, String> {
    let doc = crate::model::load(bytes).map_err(|e| e.to_string())?;
    pause().await;
    let seed = (browser::random_unit() * 9.0e15) as u64;
    let report = report(&doc, seed);
    pause().await;
    let mut cards = Vec::new();
    let readouts = draw(&mut cards, &doc, &report, offline_copy);
    pause().await;
    Ok(Prepared {
        survey_id: doc.survey.id.clone(),
        csv: to_csv_with(&report, js_number),
        cards,
        readouts,
        in_worker: false,
    })
}

/// A file picker in the markup, handled by the page's change listener.
fn open_file(m: &mut Markup) {
    m.open("label", &[("class", "button secondary file-pick")])
        .text("Open a team file…")
        .open(
            "input",
            &[
                ("type", "file"),
                ("accept", ".json,application/json"),
                ("class", "visually-hidden"),
                ("data-testid", "open-file"),
            ],
        )
        .close("label");
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
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "results-missing")],
    )
    .element("h1", &[], "No results yet")
    .element("p", &[], &text)
    .open("div", &[("class", "row")])
    .element(
        "a",
        &[("class", "button"), ("href", &Bundle::Results.href(&demo))],
        "See the demo team",
    )
    .element(
        "a",
        &[
            ("class", "button secondary"),
            ("href", &Bundle::Results.href(&route.with_page(Page::Setup))),
        ],
        "Set up a survey",
    );
    open_file(&mut m);
    m.close("div").close("section");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

/// One card of the dashboard, keyed by its place: a framework list without keys would match
/// the cards from the end and write every card again when one is added.
fn card((place, markup): (usize, &AttrValue)) -> Html {
    yew::virtual_dom::VList::with_children(
        vec![Html::from_html_unchecked(markup.clone())],
        Some(place.into()),
    )
    .into()
}

#[derive(Properties)]
struct DashboardProps {
    loaded: Rc<Loaded>,
}

impl PartialEq for DashboardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded)
    }
}

/// The dashboard with its three listeners. The first card (title, summary, exports) is
/// painted first; every frame after it adds one more card, so each frame lays out one card
/// instead of one task laying out the whole page (on a slow phone, that task kept the page
/// from answering taps for a quarter of a second).
#[component]
fn Dashboard(props: &DashboardProps) -> Html {
    let loaded = &props.loaded;
    let shown = use_parts_per_frame(loaded.cards.len());
    let onclick = {
        let loaded = loaded.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("[data-action]").ok().flatten())
            else {
                return;
            };
            let id = &loaded.survey_id;
            match button.get_attribute("data-action").as_deref() {
                Some("csv") => download(
                    &format!("{id}-results.csv"),
                    "text/csv",
                    loaded.csv.as_bytes(),
                ),
                Some("json") => {
                    // The file as stored, byte for byte.
                    let (source, name) = (loaded.source.clone(), format!("{id}.json"));
                    if let Some(bytes) = &loaded.picked {
                        download(&name, "application/json", bytes);
                        return;
                    }
                    spawn_local(async move {
                        if let Ok(bytes) = browser::stored_bytes(&source).await {
                            download(&name, "application/json", &bytes);
                        }
                    });
                }
                Some("print") => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }
                Some("png") => {
                    let chart = button.get_attribute("data-chart").unwrap_or_default();
                    if let Some(svg) = element(&chart) {
                        download_png(&format!("{id}-{chart}.png"), &svg, 3);
                    }
                }
                Some("svg") => {
                    let chart = button.get_attribute("data-chart").unwrap_or_default();
                    if let Some(svg) = element(&chart) {
                        let text = format!(
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
                            svg.outer_html()
                        );
                        download(
                            &format!("{id}-{chart}.svg"),
                            "image/svg+xml",
                            text.as_bytes(),
                        );
                    }
                }
                _ => {}
            }
        })
    };
    // A focused (or tapped) point shows its round's exact numbers below the chart, and
    // becomes the chart's tab stop, so Tab comes back to where the person was.
    let onfocusin = {
        let loaded = loaded.clone();
        Callback::from(move |e: FocusEvent| {
            let Some(point) = e.target_dyn_into::<Element>() else {
                return;
            };
            let (Some(slot), Some(chart)) = (
                point
                    .get_attribute("data-slot")
                    .and_then(|s| s.parse::<usize>().ok()),
                point.closest("svg").ok().flatten(),
            ) else {
                return;
            };
            let chart_id = chart.id();
            if let Ok(points) = chart.query_selector_all("[tabindex='0']") {
                for i in 0..points.length() {
                    if let Some(p) = points.item(i).and_then(|p| p.dyn_into::<Element>().ok()) {
                        let _ = p.set_attribute("tabindex", "-1");
                    }
                }
            }
            let _ = point.set_attribute("tabindex", "0");
            let text = loaded
                .readouts
                .iter()
                .find(|(id, _)| *id == chart_id)
                .and_then(|(_, texts)| texts.get(slot));
            let readout = chart_id.replacen("chart-", "readout-", 1);
            if let (Some(text), Some(readout)) = (text, element(&readout)) {
                readout.set_text_content(Some(text));
            }
        })
    };
    // Arrow keys, Home and End walk the released rounds of one chart.
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let Some(point) = e.target_dyn_into::<Element>() else {
            return;
        };
        let Some(points) = point
            .closest("svg")
            .ok()
            .flatten()
            .and_then(|svg| svg.query_selector_all("circle.pt").ok())
        else {
            return;
        };
        let count = points.length();
        let Some(at) = (0..count).find(|&i| {
            points
                .item(i)
                .is_some_and(|p| p.is_same_node(Some(point.unchecked_ref())))
        }) else {
            return;
        };
        let next = match e.key().as_str() {
            "ArrowRight" | "ArrowUp" => (at + 1).min(count - 1),
            "ArrowLeft" | "ArrowDown" => at.saturating_sub(1),
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        e.prevent_default();
        if let Some(target) = points
            .item(next)
            .and_then(|p| p.dyn_into::<web_sys::SvgElement>().ok())
        {
            let _ = target.focus();
        }
    });
    html! {
        <div class="dashboard" data-read-in={if loaded.in_worker { "worker" } else { "page" }} {onclick} {onfocusin} {onkeydown}>
            { for loaded.cards.iter().take(shown).enumerate().map(card) }
        </div>
    }
}

/// Writes the whole dashboard, card by card, into `cards` (saying so when it is drawn from the
/// offline copy); returns the readout texts of every chart.
fn draw(
    cards: &mut Vec<String>,
    doc: &Document,
    report: &Report,
    offline_copy: bool,
) -> Vec<(String, Vec<String>)> {
    let mut m = Markup::new();
    m.open("section", &[("class", "card")])
        .element("h1", &[], &doc.survey.title);
    if offline_copy {
        m.element(
            "p",
            &[
                ("class", "notice offline-note"),
                ("role", "status"),
                ("data-testid", "offline-copy"),
            ],
            "You are offline: these are the results as this device last read the team file. \
             Answers given since then are not in them yet.",
        );
    }
    m.element(
        "p",
        &[("class", "summary"), ("data-testid", "summary")],
        &words::summary(doc, report),
    )
    .element(
        "p",
        &[("class", "hint")],
        &format!(
            "Scores run from 1 to {}; higher is better (questions worded the other way round \
                 are recoded). Rounds with fewer than {} answers are never shown.",
            report.scale(),
            report.min_group()
        ),
    )
    .open("div", &[("class", "row no-print")]);
    for (action, label) in [
        ("csv", "Download CSV"),
        ("json", "Download team file"),
        ("print", "Print report"),
    ] {
        m.element(
            "button",
            &[
                ("type", "button"),
                ("class", "button secondary"),
                ("data-action", action),
                ("data-testid", &format!("export-{action}")),
            ],
            label,
        );
    }
    open_file(&mut m);
    m.close("div").close("section");
    cut(cards, &mut m);
    let readouts = (0..doc.survey.dimensions.len())
        .map(|d| {
            let readouts = dimension_card(&mut m, doc, report, d);
            cut(cards, &mut m);
            readouts
        })
        .collect();
    actions(&mut m, doc, report);
    cut(cards, &mut m);
    latest_by_item(&mut m, doc, report);
    cut(cards, &mut m);
    participation(&mut m, report);
    cut(cards, &mut m);
    comments(&mut m, report);
    cut(cards, &mut m);
    readouts
}

/// Ends a card: what `m` holds becomes the next one (a card with nothing to show, such as
/// no agreed actions, writes nothing and is left out).
fn cut(cards: &mut Vec<String>, m: &mut Markup) {
    if !m.is_empty() {
        cards.push(m.take());
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

/// One dimension's card: headline, chart, readout, legend, events and the table. Returns the
/// chart id and the readout text of each round.
fn dimension_card(
    m: &mut Markup,
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
    let latest = (0..stats.len()).rev().find(|&i| stats[i].is_some());
    let any_suppressed = stats.iter().any(Option::is_none);
    let chart_id = format!("chart-{id}");
    let labels: Vec<String> = rounds.iter().map(|r| r.label().to_owned()).collect();
    let point_labels: Vec<String> = (0..rounds.len())
        .map(|slot| point_text(report, rounds, &stats, slot, false))
        .collect();
    let readouts: Vec<String> = (0..rounds.len())
        .map(|slot| point_text(report, rounds, &stats, slot, true))
        .collect();
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
    let heading = format!("h-{id}");
    m.open(
        "section",
        &[
            ("class", "card dimension"),
            ("aria-labelledby", &heading),
            ("data-testid", &format!("dimension-{id}")),
        ],
    )
    .element("h2", &[("id", &heading)], &dimension.name);
    if let Some(s) = latest.and_then(|slot| stats[slot]) {
        let mut parts = vec![format!("{} of {}", fixed(s.mean(), 1), report.scale())];
        if let Some(rwg) = s.rwg_j() {
            parts.push(words::agreement(rwg).to_owned());
        }
        if let Some(c) = s.change() {
            parts.push(words::change(c, words::round_label(report, c.from())));
        }
        m.element("p", &[("class", "headline")], &parts.join(" · "));
    }
    let readout = latest.map_or_else(
        || format!("No round has reached {} answers yet.", report.min_group()),
        |slot| readouts[slot].clone(),
    );
    m.open("figure", &[("class", "chart")])
        .open("div", &[("class", "chart-box")])
        .raw(&svg)
        .close("div")
        .element(
            "figcaption",
            &[
                ("class", "readout"),
                ("aria-live", "polite"),
                ("id", &format!("readout-{id}")),
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
        .text(" likely range (95% interval)")
        .close("span");
    if any_suppressed {
        m.open("span", &[])
            .element(
                "span",
                &[("class", "key gap-key"), ("aria-hidden", "true")],
                "",
            )
            .text(&format!(
                " fewer than {} answers, not shown",
                report.min_group()
            ))
            .close("span");
    }
    m.close("p");
    if !events.is_empty() {
        m.open("ol", &[("class", "events")]);
        for &(slot, date, label) in &events {
            let before = rounds[slot].label();
            let text = match date {
                Some(date) => format!("{label} ({date}, before {before})"),
                None => format!("{label} (before {before})"),
            };
            m.element("li", &[], &text);
        }
        m.close("ol");
    }
    m.open("details", &[]).element(
        "summary",
        &[],
        &format!("Table: {} by round", dimension.name),
    );
    trend_table(m, report, rounds, &stats, id, &dimension.name);
    m.close("details")
        .open("div", &[("class", "row no-print")])
        .element(
            "button",
            &[
                ("type", "button"),
                ("class", "button secondary small"),
                ("data-action", "svg"),
                ("data-chart", &chart_id),
            ],
            "Download chart (SVG)",
        )
        .element(
            "button",
            &[
                ("type", "button"),
                ("class", "button secondary small"),
                ("data-action", "png"),
                ("data-chart", &chart_id),
            ],
            "Download chart (PNG)",
        )
        .close("div")
        .close("section");
    (chart_id, readouts)
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
    if words::everyone_answered(report, s.n()) {
        text.push_str(" (everyone answered: the team's exact mean)");
    } else if let Some((lo, hi)) = s.ci95() {
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

/// The exact numbers of one dimension's chart, for anyone who cannot or would rather not read
/// it. Read aloud, every cell is heard with its column, and the table by its caption.
fn trend_table(
    m: &mut Markup,
    report: &Report,
    rounds: &[RoundResult],
    stats: &[Option<&DimensionStats>],
    dimension: &str,
    name: &str,
) {
    m.open("div", &[("class", "table-wrap")])
        .open("table", &[("data-testid", &format!("table-{dimension}"))])
        .element(
            "caption",
            &[("class", "visually-hidden")],
            &format!("{name} by round"),
        )
        .open("thead", &[])
        .open("tr", &[]);
    for head in ["Round", "n", "Mean", "95% interval"] {
        m.element("th", &[("scope", "col")], head);
    }
    // r_wg is spoken "r w g", not "r underscore w g".
    m.open("th", &[("scope", "col")])
        .text("Agreement (r")
        .element("sub", &[], "wg")
        .text(")")
        .close("th")
        .element("th", &[("scope", "col")], "Change (95% interval)");
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
                &format!("fewer than {} answers, not shown", report.min_group()),
            )
            .close("tr");
            continue;
        };
        m.open("tr", &[("data-round", round.round())])
            .element("th", &[("scope", "row")], round.label())
            .element("td", &[], &s.n().to_string())
            .element("td", &[], &fixed(s.mean(), 2));
        match s.ci95() {
            _ if words::everyone_answered(report, s.n()) => {
                m.element("td", &[], "exact: everyone answered")
            }
            Some((lo, hi)) => {
                m.element("td", &[], &format!("{} to {}", fixed(lo, 2), fixed(hi, 2)))
            }
            None => none(m, "too few answers"),
        };
        match s.rwg_j() {
            Some(r) => m.element(
                "td",
                &[],
                &format!("{} {}", fixed(r, 2), words::agreement(r)),
            ),
            None => none(m, "too few answers"),
        };
        match s.change() {
            Some(c) => m.element(
                "td",
                &[],
                &format!(
                    "{} ({} to {})",
                    c.verdict().as_str(),
                    fixed(c.ci95().0, 2),
                    fixed(c.ci95().1, 2)
                ),
            ),
            None => none(m, "no earlier round to compare"),
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

/// The seven-step purple-orange diverging palette (colour-blind safe); a scale of 5 uses
/// every other step but keeps both ends and the middle.
const PALETTE: [&str; 7] = [
    "#b35806", "#f1a340", "#fee0b6", "#d9d9d9", "#d8daeb", "#998ec3", "#542788",
];

fn colour(answer: u8, scale: u8) -> &'static str {
    let step = usize::from(answer.saturating_sub(1)) * 6 / usize::from(scale.max(2) - 1);
    PALETTE[step.min(6)]
}

fn latest_by_item(m: &mut Markup, doc: &Document, report: &Report) {
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

fn item_row(m: &mut Markup, doc: &Document, report: &Report, item: &crate::stats::ItemStats) {
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
    m.raw(&bar)
        .element("p", &[("class", "shares")], &words)
        .close("li");
}

fn participation(m: &mut Markup, report: &Report) {
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
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "participation")],
    )
    .element("h2", &[], "Participation");
    m.open("div", &[("class", "table-wrap")])
        .open("table", &[])
        .element(
            "caption",
            &[("class", "visually-hidden")],
            "Answers per round",
        )
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
    m.close("tbody")
        .close("table")
        .close("div")
        .close("section");
}

fn comments(m: &mut Markup, report: &Report) {
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

/// What the team agreed after each round, latest round first, so people see that their
/// answers led somewhere.
fn actions(m: &mut Markup, doc: &Document, report: &Report) {
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

/// JavaScript's shortest round-trip text of a number (see [`to_csv_with`]).
fn js_number(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

fn element(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}
