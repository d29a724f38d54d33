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

#[derive(Properties, PartialEq)]
pub struct LikertProps {
    pub question: AttrValue,
    pub text: AttrValue,
    pub scale: u8,
    pub value: Option<u8>,
    /// `Some(value)` when an option is chosen, `None` when the answer is cleared.
    pub on_change: Callback<Option<u8>>,
}

#[component]
pub fn Likert(props: &LikertProps) -> Html {
    let labels = scale_labels(props.scale);
    let name = format!("q-{}", props.question);
    let options = (1..=props.scale).map(|v| {
        let label = labels.get(usize::from(v) - 1).copied().unwrap_or_default();
        let on_change = props.on_change.reform(move |_: Event| Some(v));
        html! {
            <label class="opt" data-testid={format!("answer-{}-{v}", props.question)}>
                <input type="radio" name={name.clone()} value={v.to_string()}
                    checked={props.value == Some(v)} onchange={on_change} />
                <span class="opt-face" aria-hidden="true">{ v }</span>
                <span class="visually-hidden">{ format!("{v}, {label}") }</span>
            </label>
        }
    });
    let clear = props.on_change.reform(|_: MouseEvent| None);
    html! {
        <fieldset class="question" data-testid={format!("question-{}", props.question)}>
            <legend>{ props.text.clone() }</legend>
            <div class="ends" aria-hidden="true">
                <span>{ labels.first().copied().unwrap_or_default() }</span>
                <span>{ labels.last().copied().unwrap_or_default() }</span>
            </div>
            <div class={classes!("options", format!("points-{}", props.scale))}>{ for options }</div>
            if props.value.is_some() {
                <button type="button" class="link clear" onclick={clear}
                    data-testid={format!("clear-{}", props.question)}>
                    { "Clear answer" }
                </button>
            }
        </fieldset>
    }
}
