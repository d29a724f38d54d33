//! The trend chart of one dimension: the mean per round as a line, its 95% interval as a band,
//! suppressed rounds as gaps, events as markers between rounds.

use super::Linear;
use super::format::fixed;

/// The chart's box in SVG user units, and the margins that hold the axis labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// The frame used by the results view: sized for a phone's width, scaled up to at most
    /// about 1.4x on wide screens, so labels stay between 11 and 16 px.
    pub const STANDARD: Frame = Frame {
        width: 360.0,
        height: 190.0,
        left: 26.0,
        right: 10.0,
        top: 14.0,
        bottom: 26.0,
    };

    fn plot_width(&self) -> f64 {
        (self.width - self.left - self.right).max(1.0)
    }
}

/// One round of the chart, in round order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    /// Released: the mean and, when defined (n >= 2), its 95% interval.
    Value { mean: f64, ci: Option<(f64, f64)> },
    /// Too few answers to show: drawn as a gap, never as a value.
    Suppressed,
}

/// Everything the chart component draws, in user units.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Path of the means; a new subpath starts after every gap.
    pub line: String,
    /// Closed path of the intervals, one shape per run of consecutive released rounds.
    pub band: String,
    /// Released rounds: (slot, x, y of the mean).
    pub points: Vec<(usize, f64, f64)>,
    /// Suppressed rounds: (slot, x of its centre).
    pub gaps: Vec<(usize, f64)>,
    /// Width of one round's column.
    pub step: f64,
    /// Horizontal grid lines: (scale value, y).
    pub y_ticks: Vec<(u8, f64)>,
    /// Rounds that get an axis label (thinned to fit, always including the latest): (slot, x).
    pub x_labels: Vec<(usize, f64)>,
    /// Event markers: (slot the event precedes, x of the boundary before it).
    pub events: Vec<(usize, f64)>,
    /// The plot area's top and bottom y.
    pub plot_top: f64,
    pub plot_bottom: f64,
}

impl Trend {
    /// The x of the centre of each of `slots` (released or not); out-of-range slots are left
    /// out.
    pub fn slot_x(&self, slots: &[usize]) -> Vec<f64> {
        slots
            .iter()
            .filter_map(|&slot| {
                self.points
                    .iter()
                    .map(|&(i, x, _)| (i, x))
                    .chain(self.gaps.iter().copied())
                    .find(|&(i, _)| i == slot)
                    .map(|(_, x)| x)
            })
            .collect()
    }
}

/// Minimum horizontal room of one axis label (a short label like "Nov 26" at 11 px).
const LABEL_ROOM: f64 = 48.0;

/// Lays out a trend chart for `slots` on a 1..=`scale` axis. `events` are slot indices (an
/// event happened before that round); out-of-range indices are ignored.
pub fn trend(slots: &[Slot], scale: u8, events: &[usize], frame: &Frame) -> Trend {
    let n = slots.len();
    let step = frame.plot_width() / n.max(1) as f64;
    let x_at = |i: usize| frame.left + (i as f64 + 0.5) * step;
    let plot_top = frame.top;
    let plot_bottom = frame.height - frame.bottom;
    let y = Linear {
        domain: (1.0, f64::from(scale.max(2))),
        range: (plot_bottom, plot_top),
    };
    let y_at = |v: f64| super::bounded(y.at(v), plot_top, plot_bottom);

    let mut line = String::new();
    let mut band = String::new();
    let mut points = Vec::new();
    let mut gaps = Vec::new();
    // The current run of consecutive released rounds: (x, low y, high y) of those with an
    // interval, and whether the line has started.
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    let mut drawing = false;
    for (i, slot) in slots.iter().enumerate() {
        let x = x_at(i);
        match *slot {
            Slot::Value { mean, ci } => {
                let ym = y_at(mean);
                line.push_str(if drawing { "L" } else { "M" });
                push_point(&mut line, x, ym);
                drawing = true;
                points.push((i, x, ym));
                match ci {
                    Some((lo, hi)) => run.push((x, y_at(lo), y_at(hi))),
                    None => close_band(&mut band, &mut run, step),
                }
            }
            Slot::Suppressed => {
                drawing = false;
                close_band(&mut band, &mut run, step);
                gaps.push((i, x));
            }
        }
    }
    close_band(&mut band, &mut run, step);

    let y_ticks = (1..=scale.max(2))
        .map(|v| (v, y_at(f64::from(v))))
        .collect();
    let fit = ((frame.plot_width() / LABEL_ROOM).floor() as usize).max(1);
    let stride = n.div_ceil(fit).max(1);
    let x_labels = (0..n)
        .filter(|i| (n - 1 - i).is_multiple_of(stride))
        .map(|i| (i, x_at(i)))
        .collect();
    let events = events
        .iter()
        .filter(|&&i| i < n)
        .map(|&i| (i, frame.left + i as f64 * step))
        .collect();
    Trend {
        line,
        band,
        points,
        gaps,
        step,
        y_ticks,
        x_labels,
        events,
        plot_top,
        plot_bottom,
    }
}

/// Ends the current band shape: along the upper bounds, back along the lower ones. A lone
/// round gets a narrow box so its interval stays visible.
fn close_band(band: &mut String, run: &mut Vec<(f64, f64, f64)>, step: f64) {
    match run.as_slice() {
        [] => {}
        [(x, low, high)] => {
            let half = super::bounded(step * 0.25, 1.5, 6.0);
            band.push('M');
            push_point(band, x - half, *high);
            band.push('H');
            band.push_str(&fixed(x + half, 1));
            band.push('V');
            band.push_str(&fixed(*low, 1));
            band.push('H');
            band.push_str(&fixed(x - half, 1));
            band.push('Z');
        }
        all => {
            for (k, (x, _, high)) in all.iter().enumerate() {
                band.push(if k == 0 { 'M' } else { 'L' });
                push_point(band, *x, *high);
            }
            for (x, low, _) in all.iter().rev() {
                band.push('L');
                push_point(band, *x, *low);
            }
            band.push('Z');
        }
    }
    run.clear();
}

fn push_point(path: &mut String, x: f64, y: f64) {
    path.push_str(&fixed(x, 1));
    path.push(' ');
    path.push_str(&fixed(y, 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(mean: f64, half: f64) -> Slot {
        Slot::Value {
            mean,
            ci: Some((mean - half, mean + half)),
        }
    }

    /// A frame whose numbers are easy to check: plot area x 0..100, y 0..40 (scale 1..5 maps
    /// 1 -> 40, 5 -> 0, so each scale point is 10 units).
    const EASY: Frame = Frame {
        width: 100.0,
        height: 40.0,
        left: 0.0,
        right: 0.0,
        top: 0.0,
        bottom: 0.0,
    };

    #[test]
    fn means_and_bands_land_where_the_scale_says() {
        let t = trend(&[value(3.0, 1.0), value(4.0, 0.5)], 5, &[], &EASY);
        assert_eq!(t.step, 50.0);
        assert_eq!(t.points, [(0, 25.0, 20.0), (1, 75.0, 10.0)]);
        assert_eq!(t.line, "M25.0 20.0L75.0 10.0");
        assert_eq!(t.band, "M25.0 10.0L75.0 5.0L75.0 15.0L25.0 30.0Z");
        assert_eq!(
            t.y_ticks,
            [(1, 40.0), (2, 30.0), (3, 20.0), (4, 10.0), (5, 0.0)]
        );
    }

    #[test]
    fn a_suppressed_round_is_a_gap_in_line_and_band_and_has_no_point() {
        let slots = [
            value(3.0, 1.0),
            value(3.5, 1.0),
            Slot::Suppressed,
            value(4.0, 1.0),
        ];
        let t = trend(&slots, 5, &[], &EASY);
        assert_eq!(t.gaps, [(2, 62.5)]);
        assert_eq!(t.points.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1, 3]);
        // Two subpaths for the line: it never bridges the suppressed round.
        assert_eq!(t.line.matches('M').count(), 2);
        assert!(!t.line.contains("62.5"));
        // Two band shapes: a polygon, then a box for the lone last round.
        assert_eq!(t.band.matches('Z').count(), 2);
        // Slot 3 at x 87.5 gets a box 6 units either side, from 5 (y 0) down to 3 (y 20).
        assert!(t.band.ends_with("M81.5 0.0H93.5V20.0H81.5Z"), "{}", t.band);
    }

    #[test]
    fn intervals_outside_the_scale_are_clipped_to_the_plot() {
        let t = trend(&[value(4.8, 1.0), value(1.2, 1.0)], 5, &[], &EASY);
        for (_, _, y) in &t.points {
            assert!((0.0..=40.0).contains(y));
        }
        assert!(
            t.band.contains(" 0.0") && t.band.contains(" 40.0"),
            "{}",
            t.band
        );
    }

    #[test]
    fn a_round_without_an_interval_breaks_the_band_not_the_line() {
        let slots = [
            value(3.0, 1.0),
            Slot::Value {
                mean: 3.0,
                ci: None,
            },
            value(3.0, 1.0),
        ];
        let t = trend(&slots, 5, &[], &EASY);
        assert_eq!(t.line.matches('M').count(), 1);
        assert_eq!(t.band.matches('Z').count(), 2);
    }

    #[test]
    fn done_marks_sit_on_their_round_released_or_not() {
        let slots = [value(3.0, 1.0), Slot::Suppressed, value(3.0, 1.0)];
        let t = trend(&slots, 5, &[], &EASY);
        let (x0, x1) = (t.points[0].1, t.gaps[0].1);
        assert_eq!(t.slot_x(&[1, 0, 7]), [x1, x0]);
    }

    #[test]
    fn events_sit_on_the_boundary_before_their_round() {
        let t = trend(&[value(3.0, 1.0); 4], 5, &[0, 2, 9], &EASY);
        assert_eq!(t.events, [(0, 0.0), (2, 50.0)]);
    }

    #[test]
    fn axis_labels_thin_out_but_keep_the_latest_round() {
        let few = trend(&[value(3.0, 1.0); 3], 5, &[], &Frame::STANDARD);
        assert_eq!(few.x_labels.len(), 3);
        let many = trend(&[value(3.0, 1.0); 260], 5, &[], &Frame::STANDARD);
        assert!(many.x_labels.len() <= 7, "{}", many.x_labels.len());
        assert_eq!(many.x_labels.last().map(|l| l.0), Some(259));
        let gaps: Vec<f64> = many.x_labels.windows(2).map(|w| w[1].1 - w[0].1).collect();
        assert!(gaps.iter().all(|g| *g >= LABEL_ROOM), "{gaps:?}");
    }

    #[test]
    fn empty_and_seven_point_charts() {
        let none = trend(&[], 7, &[], &Frame::STANDARD);
        assert!(none.line.is_empty() && none.band.is_empty() && none.x_labels.is_empty());
        assert_eq!(none.y_ticks.len(), 7);
        let one = trend(&[value(7.0, 0.0)], 7, &[], &Frame::STANDARD);
        assert_eq!(one.points[0].2, Frame::STANDARD.top);
    }
}
