//! The charts as SVG markup, from the geometry in [`super::trend`] and [`super::bars`].
//!
//! Colours are presentation attributes, so an exported SVG looks the same outside the app;
//! the app's stylesheet only adds focus rings and dark-mode text colour.

use super::format::fixed;
use super::markup::{Markup, SafeHtml};
use super::trend::{Frame, Slot, trend};
use super::{Segment, short_label};

/// Series colour: a blue that keeps 3:1 contrast on white and on the dark theme's cards.
pub const SERIES: &str = "#2b7bba";

/// The class of a trend chart's round points, and the selector the results page's keyboard
/// walk finds them by (one definition, so the two cannot drift apart).
pub const POINT_CLASS: &str = "pt";
pub const POINT_SELECTOR: &str = "circle.pt";
/// The attribute holding a point's slot (the round's place on the chart).
pub const SLOT_ATTR: &str = "data-slot";

/// What a trend chart shows; all texts are escaped when written.
pub struct TrendChart<'a> {
    /// Prefix of the element ids (`<id>` for the chart, `pt-<id>-<slot>` for points).
    pub id: &'a str,
    /// The chart's accessible name.
    pub title: &'a str,
    pub scale: u8,
    pub slots: &'a [Slot],
    /// Per slot: the round's label (shortened for the axis).
    pub labels: &'a [String],
    /// Per slot: what a screen reader says for the point.
    pub point_labels: &'a [String],
    /// Slots that an event precedes, numbered 1.. in this order on the chart.
    pub events: &'a [usize],
    /// Slots in which an agreed action was done, each marked with a tick above its round.
    pub done: &'a [usize],
    /// The slot whose point takes part in the tab order (the others are reached with arrows).
    pub tab_stop: Option<usize>,
}

/// The whole `<svg>` element of a trend chart. Nodes: 2 per scale point, 1 per gap, 2 per
/// event, 1 per released round, 1 per axis label, plus 3.
pub fn trend_svg(chart: &TrendChart) -> SafeHtml {
    let frame = Frame::STANDARD;
    let g = trend(chart.slots, chart.scale, chart.events, &frame);
    let dense = g.step < 6.0;
    let right = fixed(frame.width - frame.right, 1);
    let mut m = Markup::new();
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", chart.id),
            ("class", if dense { "trend dense" } else { "trend" }),
            (
                "viewBox",
                &format!("0 0 {} {}", fixed(frame.width, 0), fixed(frame.height, 0)),
            ),
            ("role", "group"),
            ("aria-label", chart.title),
            ("font-family", "system-ui, sans-serif"),
            ("font-size", "11"),
        ],
    );
    for &(value, y_value) in &g.y_ticks {
        let y = fixed(y_value, 1);
        m.empty(
            "line",
            &[
                ("x1", &fixed(frame.left, 1)),
                ("x2", &right),
                ("y1", &y),
                ("y2", &y),
                ("stroke", "#8888"),
                ("stroke-width", "0.5"),
            ],
        );
        m.element(
            "text",
            &[
                ("x", &fixed(frame.left - 6.0, 1)),
                ("y", &fixed(y_value + 4.0, 1)),
                ("text-anchor", "end"),
                ("fill", "currentColor"),
            ],
            &value.to_string(),
        );
    }
    let plot_height = fixed(g.plot_bottom - g.plot_top, 1);
    for &(_, x) in &g.gaps {
        m.empty(
            "rect",
            &[
                ("class", "gap"),
                ("x", &fixed(x - g.step / 2.0, 1)),
                ("y", &fixed(g.plot_top, 1)),
                ("width", &fixed(g.step, 1)),
                ("height", &plot_height),
                ("fill", "#8884"),
            ],
        );
    }
    for (k, &(_, x)) in g.events.iter().enumerate() {
        let x1 = fixed(x, 1);
        m.empty(
            "line",
            &[
                ("x1", &x1),
                ("x2", &x1),
                ("y1", &fixed(g.plot_top - 2.0, 1)),
                ("y2", &fixed(g.plot_bottom, 1)),
                ("stroke", "currentColor"),
                ("stroke-dasharray", "3 3"),
            ],
        );
        m.element(
            "text",
            &[
                ("x", &fixed(x + 3.0, 1)),
                ("y", &fixed(g.plot_top + 8.0, 1)),
                ("fill", "currentColor"),
            ],
            &(k + 1).to_string(),
        );
    }
    // Done actions: a tick near the top of the round they were done in, one line below the
    // events' numbers so the two never overlap.
    for x in g.slot_x(chart.done) {
        m.element(
            "text",
            &[
                ("x", &fixed(x, 1)),
                ("y", &fixed(g.plot_top + 22.0, 1)),
                ("text-anchor", "middle"),
                ("class", "done-mark"),
                ("aria-hidden", "true"),
                ("fill", "currentColor"),
            ],
            "\u{2713}",
        );
    }
    m.empty(
        "path",
        &[("d", &g.band), ("fill", SERIES), ("fill-opacity", "0.25")],
    );
    m.empty(
        "path",
        &[
            ("d", &g.line),
            ("fill", "none"),
            ("stroke", SERIES),
            ("stroke-width", "2"),
        ],
    );
    let radius = if dense { "1.5" } else { "4" };
    for &(slot, x, y) in &g.points {
        let id = format!("pt-{}-{slot}", chart.id);
        let label = chart.point_labels.get(slot).map_or("", String::as_str);
        m.empty(
            "circle",
            &[
                ("id", &id),
                ("class", POINT_CLASS),
                ("cx", &fixed(x, 1)),
                ("cy", &fixed(y, 1)),
                ("r", radius),
                ("fill", SERIES),
                (
                    "tabindex",
                    if chart.tab_stop == Some(slot) {
                        "0"
                    } else {
                        "-1"
                    },
                ),
                (SLOT_ATTR, &slot.to_string()),
                ("role", "img"),
                ("aria-label", label),
            ],
        );
    }
    for &(slot, x) in &g.x_labels {
        let label = chart.labels.get(slot).map_or("", String::as_str);
        m.element(
            "text",
            &[
                ("x", &fixed(x, 1)),
                ("y", &fixed(frame.height - 8.0, 1)),
                ("text-anchor", "middle"),
                ("fill", "currentColor"),
            ],
            &short_label(label),
        );
    }
    m.close("svg");
    m.finish()
}

/// A diverging bar of one question (see [`super::diverging`]) as an `<svg>`, `width` x 16,
/// with a centre line; `colour` gives each answer's fill.
pub fn bar_svg(
    segments: &[Segment],
    width: f64,
    label: &str,
    colour: &dyn Fn(u8) -> &'static str,
) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "bar"),
            ("viewBox", &format!("0 0 {} 16", fixed(width, 0))),
            ("preserveAspectRatio", "none"),
            ("role", "img"),
            ("aria-label", label),
        ],
    );
    for s in segments {
        m.empty(
            "rect",
            &[
                ("x", &fixed(s.x, 1)),
                ("width", &fixed(s.width, 1)),
                ("height", "16"),
                ("fill", colour(s.answer)),
            ],
        );
    }
    let centre = fixed(width / 2.0, 1);
    m.empty(
        "line",
        &[
            ("x1", &centre),
            ("x2", &centre),
            ("y2", "16"),
            ("stroke", "currentColor"),
        ],
    );
    m.close("svg");
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart_for(slots: &[Slot], labels: &[&str]) -> String {
        let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
        let point_labels: Vec<String> = labels.iter().map(|l| format!("{l}: point")).collect();
        trend_svg(&TrendChart {
            id: "safety",
            title: "Safety <by round>",
            scale: 7,
            slots,
            labels: &labels,
            point_labels: &point_labels,
            events: &[1],
            done: &[],
            tab_stop: Some(2),
        })
        .into_string()
    }

    #[test]
    fn a_suppressed_round_has_a_gap_and_no_point_or_number() {
        let slots = [
            Slot::Value {
                mean: 5.0,
                ci: Some((4.5, 5.5)),
            },
            Slot::Suppressed,
            Slot::Value {
                mean: 4.0,
                ci: Some((3.0, 5.0)),
            },
        ];
        let svg = chart_for(&slots, &["May 2026", "June 2026", "July <2026>"]);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("class=\"gap\"").count(), 1);
        assert!(!svg.contains("June 2026: point"));
        assert!(svg.contains("id=\"pt-safety-2\""));
        // Only the tab stop is in the tab order.
        assert_eq!(svg.matches("tabindex=\"0\"").count(), 1);
        assert!(svg.contains("id=\"pt-safety-2\" class=\"pt\" cx="));
        // Texts are escaped.
        assert!(svg.contains("aria-label=\"Safety &lt;by round&gt;\""));
        assert!(svg.contains("July &lt;2026&gt;: point"));
        assert!(!svg.contains("<2026>"));
    }

    #[test]
    fn the_largest_chart_stays_within_the_node_budget() {
        let slots: Vec<Slot> = (0..260)
            .map(|i| {
                if i % 13 == 5 {
                    Slot::Suppressed
                } else {
                    Slot::Value {
                        mean: 4.0 + (i % 7) as f64 / 4.0,
                        ci: Some((3.5, 5.5)),
                    }
                }
            })
            .collect();
        let labels: Vec<String> = (0..260).map(|i| format!("R{i}")).collect();
        let svg = trend_svg(&TrendChart {
            id: "d",
            title: "t",
            scale: 7,
            slots: &slots,
            labels: &labels,
            point_labels: &labels,
            events: &[10, 100],
            done: &[],
            tab_stop: Some(259),
        })
        .into_string();
        let nodes = svg.matches('<').count() - svg.matches("</").count();
        // 4 such charts (4 dimensions) must stay under 1500 nodes together.
        assert!(nodes * 4 <= 1500, "{nodes} nodes per chart");
        assert!(svg.contains("class=\"trend dense\""));
    }

    #[test]
    fn bars_write_one_rect_per_answer_given() {
        let segments = super::super::diverging(&[1, 0, 2, 0, 3], 150.0, 150.0);
        let svg = bar_svg(&segments, 300.0, "agree 50%", &|_| "#000").into_string();
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("aria-label=\"agree 50%\""));
    }
}
