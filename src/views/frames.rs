//! Drawing a long page in parts: one more part per animation frame, so no single task lays
//! out the whole page and a slow phone keeps answering taps while it fills in.

use yew::prelude::*;

/// How many of `total` parts to show: 1 at first, one more each frame until all are shown.
/// Keyed parts stay untouched as later ones arrive (without keys the framework matches a
/// growing list from its end and writes every part again).
#[hook]
pub fn use_parts_per_frame(total: usize) -> usize {
    let shown = use_state_eq(|| 1usize);
    {
        let shown = shown.clone();
        use_effect_with((*shown, total), move |&(n, total)| {
            let next = (n < total)
                .then(|| gloo_render::request_animation_frame(move |_| shown.set(n + 1)));
            move || drop(next)
        });
    }
    *shown
}
