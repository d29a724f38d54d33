//! One Likert question: a radio group drawn as a segmented control with the end labels
//! visible. Native radios inside a fieldset give keyboard use (arrow keys) and screen-reader
//! semantics for free; each option is a whole label, at least 44 px square, for thumbs.

use yew::prelude::*;

use crate::i18n::{Msg, Texts};

/// The name of each point of a 5- or 7-point agreement scale.
pub fn scale_labels(scale: u8) -> &'static [Msg] {
    match scale {
        5 => &[
            Msg::StronglyDisagree,
            Msg::Disagree,
            Msg::Neither,
            Msg::Agree,
            Msg::StronglyAgree,
        ],
        _ => &[
            Msg::StronglyDisagree,
            Msg::Disagree,
            Msg::SomewhatDisagree,
            Msg::Neither,
            Msg::SomewhatAgree,
            Msg::Agree,
            Msg::StronglyAgree,
        ],
    }
}

/// Draws one question. `on_change` gets `Some(value)` when an option is chosen and `None` when
/// the answer is cleared. The question's text is the team's, in its own direction (`dir=auto`:
/// an English question on an Arabic page keeps its punctuation where English puts it); the
/// scale's words are the page's language. A plain function rather than a component: it holds no state, and
/// each component type costs the wasm its own copy of Yew's lifecycle code.
pub fn likert(
    question: &str,
    text: &str,
    scale: u8,
    value: Option<u8>,
    on_change: Callback<Option<u8>>,
    texts: &Texts,
) -> Html {
    let labels = scale_labels(scale);
    let label = |i: Option<&Msg>| i.map_or("", |&m| texts.get(m));
    let name = format!("q-{question}");
    let options = (1..=scale).map(|v| {
        let label = label(labels.get(usize::from(v) - 1));
        let option_label = texts.fill(
            Msg::OptionLabel,
            &[("value", &v.to_string()), ("label", label)],
        );
        let on_select = on_change.reform(move |_: Event| Some(v));
        html! {
            <label class="opt" data-testid={format!("answer-{question}-{v}")}>
                <input type="radio" name={name.clone()} value={v.to_string()}
                    checked={value == Some(v)} onchange={on_select} />
                <span class="opt-face" aria-hidden="true">{ v }</span>
                <span class="visually-hidden">{ option_label }</span>
            </label>
        }
    });
    let clear = on_change.reform(|_: MouseEvent| None);
    html! {
        <fieldset class="question" data-testid={format!("question-{question}")}>
            <legend dir="auto">{ text }</legend>
            <div class="ends" aria-hidden="true">
                <span>{ label(labels.first()) }</span>
                <span>{ label(labels.last()) }</span>
            </div>
            // (A fixed class and the scale as data, not a class written from an expression,
            // which would bring yew's `Classes` set into the page.)
            <div class="options" data-points={scale.to_string()}>{ for options }</div>
            if value.is_some() {
                <button type="button" class="link clear" onclick={clear}
                    data-testid={format!("clear-{question}")}>
                    { texts.get(Msg::ClearAnswer) }
                </button>
            }
        </fieldset>
    }
}
