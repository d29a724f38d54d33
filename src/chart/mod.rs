//! Chart geometry and markup (pure): scales, ticks, SVG paths and bar segments, computed from
//! the statistics engine's numbers, and the escaping writer ([`Markup`], [`SafeHtml`]) that
//! turns them into SVG. The dashboard only writes what these functions return, so every
//! coordinate is tested natively.
//!
//! Numbers are written with [`fixed`], which formats through integers: the wasm then carries
//! no float-formatting machinery (several kilobytes) just to print coordinates and means.

mod bars;
mod format;
pub mod markup;
mod svg;
mod trend;

pub use bars::{Segment, diverging};
pub use format::{fixed, percent, short_label, thousands};
pub use markup::{Attrs, Markup, SafeHtml, escape};
pub use svg::{POINT_CLASS, POINT_SELECTOR, SERIES, SLOT_ATTR, TrendChart, bar_svg, trend_svg};
pub use trend::{Frame, Slot, Trend, trend};

/// `value` limited to `low..=high` (bounds are constants or ordered by construction). Not
/// `f64::clamp`: its check formats the bounds on failure, which would link float formatting
/// (several kilobytes) into the wasm.
#[allow(clippy::manual_clamp)]
pub(crate) fn bounded(value: f64, low: f64, high: f64) -> f64 {
    value.max(low).min(high)
}

/// A linear map from a domain interval onto a range interval (either may be reversed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}
