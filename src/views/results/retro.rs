//! Retro mode's page side (`#/retro?src=`): the slides that [`crate::dashboard::retro`] drew,
//! one on screen at a time, full screen on a shared screen or projector. Moved through with
//! the left and right arrow keys, Page Up and Page Down (what presentation clickers send),
//! Enter and Backspace, Home and End, the on-screen buttons, or a swipe (up, down and space
//! scroll a tall slide); the position ("3 of 7") is always shown and read out; dark or light
//! whatever the system's choice.
//!
//! The slides are drawn once; moving between them only flips their `hidden` attributes and
//! the position's text, so the page keeps no state of its own for the framework to compare
//! (the slide on screen is the one not hidden) and carries no hooks beyond one listener.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::{Loaded, card};
use crate::i18n::{Dir, ResultsMsg as M, Texts};
use crate::views::named_target;

/// A move between slides.
#[derive(Clone, Copy)]
enum Step {
    Next,
    Back,
    First,
    Last,
}

/// The attribute that names a bar button's step.
const STEP_ATTR: &str = "data-step";

impl Step {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "next" => Some(Self::Next),
            "back" => Some(Self::Back),
            _ => None,
        }
    }

    /// The step a key asks for (`None`: not ours, left to the browser). Up, Down and Space
    /// are left to scroll a slide taller than the screen. In a right-to-left language the
    /// slides run leftwards, as its reader turns pages: the left arrow is forward.
    fn for_key(key: &str, rtl: bool) -> Option<Self> {
        let (forward, backward) = if rtl {
            ("ArrowLeft", "ArrowRight")
        } else {
            ("ArrowRight", "ArrowLeft")
        };
        match key {
            "PageDown" | "Enter" => Some(Self::Next),
            "PageUp" | "Backspace" => Some(Self::Back),
            k if k == forward => Some(Self::Next),
            k if k == backward => Some(Self::Back),
            "Home" => Some(Self::First),
            "End" => Some(Self::Last),
            _ => None,
        }
    }
}

/// How far a finger must travel sideways to turn a slide, in CSS pixels.
const SWIPE: i32 = 60;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the system asks for dark colours.
fn system_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Shows the slide `step` leads to: its heading takes the focus (so a screen reader reads the
/// new slide and Tab starts from it), the position is said, and the slide starts at its top.
fn turn(t: &Texts<M>, step: Step) {
    let Some(retro) = document().and_then(|d| d.query_selector(".retro").ok().flatten()) else {
        return;
    };
    let Ok(slides) = retro.query_selector_all(".slide") else {
        return;
    };
    let slides: Vec<Element> = (0..slides.length())
        .filter_map(|i| slides.get(i)?.dyn_into().ok())
        .collect();
    let count = slides.len();
    let at = slides
        .iter()
        .position(|s| !s.has_attribute("hidden"))
        .unwrap_or(0);
    let to = match step {
        Step::Next => (at + 1).min(count.saturating_sub(1)),
        Step::Back => at.saturating_sub(1),
        Step::First => 0,
        Step::Last => count.saturating_sub(1),
    };
    for (i, slide) in slides.iter().enumerate() {
        let _ = if i == to {
            slide.remove_attribute("hidden")
        } else {
            slide.set_attribute("hidden", "")
        };
    }
    let find = |selector: &str| retro.query_selector(selector).ok().flatten();
    if let Some(position) = find("[data-testid=retro-position]") {
        position.set_text_content(Some(&t.fill(
            M::Position,
            &[
                ("position", &(to + 1).to_string()),
                ("count", &count.to_string()),
            ],
        )));
    }
    for (testid, disabled) in [("retro-back", to == 0), ("retro-next", to + 1 >= count)] {
        if let Some(button) = find(&format!("[data-testid={testid}]")) {
            let _ = button.toggle_attribute_with_force("disabled", disabled);
        }
    }
    if let Some(heading) = slides
        .get(to)
        .and_then(|s| s.query_selector(":is(h1, h2)").ok().flatten())
        .and_then(|h| h.dyn_into::<HtmlElement>().ok())
    {
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus();
    }
    // Focusing scrolled the heading to the very top, under the bar: show the slide whole.
    retro.set_scroll_top(0);
}

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
    // Keys anywhere on the page (a clicker sends them to whatever has focus), except Enter on
    // a control, and the first slide's heading focused once drawn. The charts' points leave
    // the tab order: here the arrow keys turn slides, and each point's numbers are in its
    // slide's readout.
    let texts = props.loaded.texts.clone();
    let t = texts.clone();
    use_effect_with((), move |()| {
        if let Some(points) =
            document().and_then(|d| d.query_selector_all(".retro svg [tabindex]").ok())
        {
            for i in 0..points.length() {
                if let Some(point) = points.get(i).and_then(|p| p.dyn_into::<Element>().ok()) {
                    let _ = point.set_attribute("tabindex", "-1");
                }
            }
        }
        turn(&t, Step::First);
        let listener = document().map(|document| {
            EventListener::new(&document, "keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let on_control = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .is_some_and(|t| {
                        matches!(
                            t.tag_name().as_str(),
                            "BUTTON" | "A" | "INPUT" | "SELECT" | "TEXTAREA" | "SUMMARY"
                        ) || t.get_attribute("role").as_deref() == Some("button")
                    });
                let modified = e.alt_key() || e.ctrl_key() || e.meta_key();
                if (on_control && e.key() == "Enter") || modified || e.default_prevented() {
                    return;
                }
                if let Some(step) = Step::for_key(&e.key(), t.language().dir == Dir::Rtl) {
                    e.prevent_default();
                    turn(&t, step);
                }
            })
        });
        move || drop(listener)
    });
    let t = texts.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if let Some((_, step)) = named_target(e.target(), STEP_ATTR, Step::parse) {
            turn(&t, step);
            return;
        }
        let Some((button, what)) = named_target(e.target(), "data-retro", |w| Some(w.to_owned()))
        else {
            return;
        };
        match what.as_str() {
            "full-screen" => {
                if let Some(root) = document().and_then(|d| d.document_element()) {
                    let _ = root.request_fullscreen();
                }
            }
            // Dark or light for the room, whatever the laptop's system setting.
            // The first press turns away from what the system shows.
            "theme" => {
                let retro = button.closest(".retro").ok().flatten();
                if let Some(retro) = retro {
                    let now_dark = match retro.get_attribute("data-theme").as_deref() {
                        Some(theme) => theme == "dark",
                        None => system_dark(),
                    };
                    let dark = !now_dark;
                    let _ = retro.set_attribute("data-theme", if dark { "dark" } else { "light" });
                    button.set_text_content(Some(t.get(if dark { M::Light } else { M::Dark })));
                }
            }
            _ => {}
        }
    });
    // A swipe: where the finger went down is kept on the element itself.
    let onpointerdown = Callback::from(|e: PointerEvent| {
        // A finger or a pen; a mouse drag selects text.
        if e.pointer_type() == "mouse" {
            return;
        }
        if let Some(retro) = e
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        {
            let _ = retro.set_attribute("data-swipe", &e.client_x().to_string());
        }
    });
    let t = texts.clone();
    let onpointerup = Callback::from(move |e: PointerEvent| {
        let Some(retro) = e
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        else {
            return;
        };
        let from = retro
            .get_attribute("data-swipe")
            .and_then(|x| x.parse::<i32>().ok());
        let _ = retro.remove_attribute("data-swipe");
        match from.map(|from| e.client_x() - from) {
            // A swipe pulls the next slide in from where it lies: the right, or in a
            // right-to-left language the left.
            Some(moved) if t.language().dir == Dir::Rtl && moved >= SWIPE => turn(&t, Step::Next),
            Some(moved) if t.language().dir == Dir::Rtl && moved <= -SWIPE => turn(&t, Step::Back),
            Some(moved) if moved <= -SWIPE => turn(&t, Step::Next),
            Some(moved) if moved >= SWIPE => turn(&t, Step::Back),
            _ => {}
        }
    });
    let count = props.loaded.cards.len();
    html! {
        <div class="retro" data-testid="retro" {onclick} {onpointerdown} {onpointerup}>
            { crate::views::markup(bar(&texts, count, &props.back)) }
            { for props.loaded.cards.iter().enumerate().map(|(i, markup)| html! {
                <div class="slide" hidden={i != 0} data-slide={i.to_string()}>{ card((i, markup)) }</div>
            }) }
        </div>
    }
}

/// The bar above the slides: leave, the position, dark or light, full screen, back and next.
/// Written with the escaping markup writer: static markup, no framework nodes to build.
fn bar(t: &Texts<M>, count: usize, back: &str) -> crate::chart::SafeHtml {
    let mut m = crate::chart::Markup::new();
    let button = "button secondary small";
    m.open("div", &[("class", "retro-bar")])
        .element("a", &[("class", button), ("href", back)], t.get(M::Leave))
        .element(
            "span",
            &[
                ("class", "retro-position"),
                ("role", "status"),
                ("data-testid", "retro-position"),
            ],
            &t.fill(
                M::Position,
                &[("position", "1"), ("count", &count.to_string())],
            ),
        );
    let mut next = vec![
        ("aria-label", t.get(M::Next)),
        (STEP_ATTR, "next"),
        ("data-testid", "retro-next"),
    ];
    if count < 2 {
        next.push(("disabled", ""));
    }
    for (attrs, label) in [
        (
            vec![("data-retro", "theme"), ("data-testid", "retro-theme")],
            t.get(M::Dark),
        ),
        (vec![("data-retro", "full-screen")], t.get(M::FullScreen)),
        (
            vec![
                ("aria-label", t.get(M::Previous)),
                (STEP_ATTR, "back"),
                ("data-testid", "retro-back"),
                ("disabled", ""),
            ],
            "\u{2190}",
        ),
        (next, "\u{2192}"),
    ] {
        // Next is the one button a presenter keeps pressing: it stands out.
        let class = if label == "\u{2192}" {
            "button small"
        } else {
            button
        };
        let mut all = vec![("type", "button"), ("class", class)];
        all.extend(attrs);
        m.element("button", &all, label);
    }
    m.close("div");
    m.finish()
}
