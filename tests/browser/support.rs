//! Browser-test helpers, in the user's language: act (answer, type, press), find (by
//! `data-testid`), check. Every test mounts the app into a fresh element with a clean storage.

use std::time::Duration;

use candor::app::{App, AppProps};
use candor::route::Bundle;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A mounted app; unmounts (ending its listeners) and removes itself when dropped. A team
/// page left listening to later tests' hash changes would navigate the test page away.
pub struct Page {
    pub root: Element,
    app: Option<yew::AppHandle<App>>,
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the respondent page at `hash` into a new element.
pub async fn mount(hash: &str) -> Page {
    mount_bundle(Bundle::Respond, candor::views::respond_page, hash).await
}

/// Mounts the results page at `hash` into a new element.
pub async fn mount_results(hash: &str) -> Page {
    mount_bundle(Bundle::Results, candor::views::results_page, hash).await
}

/// Mounts the set-up page at `hash` into a new element.
pub async fn mount_setup(hash: &str) -> Page {
    mount_bundle(Bundle::Setup, candor::views::setup_page, hash).await
}

/// Mounts the organisation page at `hash` into a new element.
pub async fn mount_org(hash: &str) -> Page {
    mount_bundle(Bundle::Org, candor::views::org_page, hash).await
}

async fn mount_bundle(bundle: Bundle, draw: candor::app::Draw, hash: &str) -> Page {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let app =
        yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { bundle, draw }).render();
    yew::scheduler::flush().await;
    Page {
        root,
        app: Some(app),
    }
}

impl Page {
    pub fn find(&self, testid: &str) -> Option<Element> {
        self.root
            .query_selector(&format!("[data-testid=\"{testid}\"]"))
            .unwrap()
    }

    /// Waits (bounded, 5 s) for `testid`: loading, hash changes and submissions are async.
    pub async fn wait_for(&self, testid: &str) -> Element {
        for _ in 0..500 {
            yew::scheduler::flush().await;
            if let Some(found) = self.find(testid) {
                return found;
            }
            yew::platform::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{testid} never appeared; page: {}", self.root.inner_html());
    }

    pub fn text(&self, testid: &str) -> String {
        self.find(testid)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    pub async fn click(&self, testid: &str) {
        let element = self.wait_for(testid).await;
        element.unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    /// Chooses `value` for `question`, as a tap on that option would.
    pub async fn answer(&self, question: &str, value: u8) {
        self.click(&format!("answer-{question}-{value}")).await;
    }

    /// Whether `value` is the chosen option of `question`.
    pub fn chosen(&self, question: &str, value: u8) -> bool {
        self.find(&format!("answer-{question}-{value}"))
            .and_then(|label| label.query_selector("input").unwrap())
            .map(|input| input.unchecked_into::<HtmlInputElement>().checked())
            .unwrap_or(false)
    }

    /// Types into the comment box (the whole text at once, as a paste would).
    pub async fn type_comment(&self, text: &str) {
        let area = self
            .wait_for("comment")
            .await
            .unchecked_into::<HtmlTextAreaElement>();
        area.set_value(text);
        let event = web_sys::InputEvent::new("input").unwrap();
        area.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }

    pub fn comment(&self) -> String {
        self.find("comment")
            .map(|e| e.unchecked_into::<HtmlTextAreaElement>().value())
            .unwrap_or_default()
    }

    pub async fn submit(&self) {
        self.click("submit").await;
    }
}

/// Types `text` into the field `testid` and submits its form, as pressing Enter would.
pub async fn submit_text(page: &Page, testid: &str, text: &str) {
    let input = page
        .wait_for(testid)
        .await
        .unchecked_into::<HtmlInputElement>();
    input.set_value(text);
    let form = input.closest("form").unwrap().unwrap();
    form.unchecked_into::<web_sys::HtmlFormElement>()
        .request_submit()
        .unwrap();
}

pub async fn wait_until(check: impl Fn() -> bool) {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if check() {
            return;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("condition never met");
}

/// What picking a file named `name` holding `text` in the file dialog of `input` does.
pub fn pick_file(input: &HtmlInputElement, name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let picked = web_sys::DataTransfer::new().unwrap();
    picked.items().add_with_file(&file).unwrap();
    input.set_files(picked.files().as_ref());
    input
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
}
