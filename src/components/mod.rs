//! Small reusable widgets.

mod likert;

pub use likert::{Likert, scale_labels};
