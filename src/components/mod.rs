//! Small reusable widgets.

mod likert;

pub use likert::{likert, scale_labels};
