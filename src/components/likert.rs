//! One Likert question: a radio group drawn as a segmented control with the end labels
//! visible. Native radios inside a fieldset give keyboard use (arrow keys) and screen-reader
//! semantics for free; each option is a whole label, at least 44 px square, for thumbs.

use yew::prelude::*;

/// The name of each point of a 5- or 7-point agreement scale.
pub fn scale_labels(scale: u8) -> &'static [&'static str] {
    match scale {
        5 => &[
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ],
        _ => &[
            "Strongly disagree",
            "Disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Agree",
            "Strongly agree",
        ],
    }
}

/// Draws one question. `on_change` gets `Some(value)` when an option is chosen and `None` when
/// the answer is cleared. A plain function rather than a component: it holds no state, and
/// each component type costs the wasm its own copy of Yew's lifecycle code.
pub fn likert(
    question: &str,
    text: &str,
    scale: u8,
    value: Option<u8>,
    on_change: Callback<Option<u8>>,
) -> Html {
    let labels = scale_labels(scale);
    let name = format!("q-{question}");
    let options = (1..=scale).map(|v| {
        let label = labels.get(usize::from(v) - 1).copied().unwrap_or_default();
        let on_select = on_change.reform(move |_: Event| Some(v));
        html! {
            <label class="opt" data-testid={format!("answer-{question}-{v}")}>
                <input type="radio" name={name.clone()} value={v.to_string()}
                    checked={value == Some(v)} onchange={on_select} />
                <span class="opt-face" aria-hidden="true">{ v }</span>
                <span class="visually-hidden">{ format!("{v}, {label}") }</span>
            </label>
        }
    });
    let clear = on_change.reform(|_: MouseEvent| None);
    html! {
        <fieldset class="question" data-testid={format!("question-{question}")}>
            <legend>{ text }</legend>
            <div class="ends" aria-hidden="true">
                <span>{ labels.first().copied().unwrap_or_default() }</span>
                <span>{ labels.last().copied().unwrap_or_default() }</span>
            </div>
            <div class={format!("options points-{scale}")}>{ for options }</div>
            if value.is_some() {
                <button type="button" class="link clear" onclick={clear}
                    data-testid={format!("clear-{question}")}>
                    { "Clear answer" }
                </button>
            }
        </fieldset>
    }
}
