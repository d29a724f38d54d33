//! Retro mode's page side (`#/retro?src=`): the slides that [`crate::dashboard::retro`] drew,
//! one on screen at a time, full screen on a shared screen or projector. Moved through with
//! the left and right arrow keys, Page Up and Page Down (what presentation clickers send),
//! Home and End, the on-screen buttons, or a swipe (up, down and space scroll a tall slide); the position ("3 of 7") is always shown and read
//! out; dark or light whatever the system's choice.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{Loaded, card};

/// A move between slides.
enum Step {
    Next,
    Back,
    First,
    Last,
}

/// Which slide is shown, of how many.
#[derive(Clone, Copy, PartialEq)]
struct Position {
    at: usize,
    count: usize,
}

impl Reducible for Position {
    type Action = Step;

    fn reduce(self: Rc<Self>, step: Step) -> Rc<Self> {
        let last = self.count.saturating_sub(1);
        let at = match step {
            Step::Next => (self.at + 1).min(last),
            Step::Back => self.at.saturating_sub(1),
            Step::First => 0,
            Step::Last => last,
        };
        Rc::new(Self { at, ..*self })
    }
}

/// The step a key asks for (`None`: not ours, left to the browser).
fn step_for(key: &str) -> Option<Step> {
    match key {
        // Up, Down and Space are left to scroll a slide taller than the screen.
        "ArrowRight" | "PageDown" | "Enter" => Some(Step::Next),
        "ArrowLeft" | "PageUp" | "Backspace" => Some(Step::Back),
        "Home" => Some(Step::First),
        "End" => Some(Step::Last),
        _ => None,
    }
}

/// How far a finger must travel sideways to turn a slide, in CSS pixels.
const SWIPE: i32 = 60;

#[derive(Properties)]
pub(super) struct RetroProps {
    pub loaded: Rc<Loaded>,
    /// The results page of the same file, to leave retro mode.
    pub back: String,
}

impl PartialEq for RetroProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded) && self.back == other.back
    }
}

#[component]
pub(super) fn Retro(props: &RetroProps) -> Html {
    let count = props.loaded.cards.len();
    let position = use_reducer(|| Position { at: 0, count });
    // None: as the system says; Some(true): dark.
    let dark = use_state(|| None::<bool>);
    let swipe_from = use_mut_ref(|| None::<i32>);
    {
        // Keys anywhere on the page (a clicker sends them to whatever has focus), except while
        // typing in a field or moving along a chart's points.
        let dispatch = position.dispatcher();
        use_effect_with((), move |()| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    EventListener::new(&document, "keydown", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        let busy = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|t| {
                                matches!(
                                    t.tag_name().as_str(),
                                    "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "A"
                                ) && matches!(e.key().as_str(), " " | "Enter")
                            });
                        if busy || e.alt_key() || e.ctrl_key() || e.meta_key() {
                            return;
                        }
                        if let Some(step) = step_for(&e.key()) {
                            e.prevent_default();
                            dispatch.dispatch(step);
                        }
                    })
                });
            move || drop(listener)
        });
    }
    // A new slide starts at its top, and its heading takes the focus, so a screen reader
    // reads the new slide and Tab starts from it.
    use_effect_with(position.at, |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let find = |selector: &str| document.as_ref()?.query_selector(selector).ok().flatten();
        if let Some(heading) = find(".retro .slide:not([hidden]) :is(h1, h2)")
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
        // Focusing scrolled the heading to the very top, under the bar: show the slide whole.
        if let Some(retro) = find(".retro") {
            retro.set_scroll_top(0);
        }
    });
    let onpointerdown = {
        let swipe_from = swipe_from.clone();
        Callback::from(move |e: PointerEvent| *swipe_from.borrow_mut() = Some(e.client_x()))
    };
    let onpointerup = {
        let dispatch = position.dispatcher();
        Callback::from(move |e: PointerEvent| {
            if let Some(from) = swipe_from.borrow_mut().take() {
                let moved = e.client_x() - from;
                if moved <= -SWIPE {
                    dispatch.dispatch(Step::Next);
                } else if moved >= SWIPE {
                    dispatch.dispatch(Step::Back);
                }
            }
        })
    };
    let step = |step: fn() -> Step| {
        let dispatch = position.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(step()))
    };
    let full_screen = Callback::from(|_: MouseEvent| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.request_fullscreen();
        }
    });
    // Dark or light for the room, whatever the laptop's system setting (`None`: as it says).
    let toggle_theme = {
        let dark = dark.clone();
        Callback::from(move |_: MouseEvent| dark.set(Some(!dark.unwrap_or(false))))
    };
    let (theme, switch_to) = match *dark {
        None => (None, "Dark"),
        Some(true) => (Some("dark"), "Light"),
        Some(false) => (Some("light"), "Dark"),
    };
    let Position { at, count } = *position;
    html! {
        <div class="retro" data-testid="retro" data-theme={theme} {onpointerdown} {onpointerup}>
            <div class="retro-bar">
                <a class="button secondary small" href={props.back.clone()}>{ "Leave" }</a>
                <span class="retro-position" role="status" data-testid="retro-position">
                    { format!("{} of {count}", at + 1) }
                </span>
                <button type="button" class="button secondary small" data-testid="retro-theme" onclick={toggle_theme}>{ switch_to }</button>
                <button type="button" class="button secondary small" onclick={full_screen}>{ "Full screen" }</button>
                <button type="button" class="button secondary small" disabled={at == 0}
                    aria-label="Previous" data-testid="retro-back" onclick={step(|| Step::Back)}>{ "\u{2190}" }</button>
                <button type="button" class="button small" disabled={at + 1 >= count}
                    aria-label="Next" data-testid="retro-next" onclick={step(|| Step::Next)}>{ "\u{2192}" }</button>
            </div>
            { for props.loaded.cards.iter().enumerate().map(|(i, markup)| html! {
                <div class="slide" hidden={i != at} data-slide={i.to_string()}>{ card((i, markup)) }</div>
            }) }
        </div>
    }
}
