//! Browser tests: the app mounted into a fresh element of a real page in headless Chromium.
//! Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use candor::app::App;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app at `hash` into a new element and returns that element.
async fn mount(hash: &str) -> Element {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, testid: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
}

/// Waits (bounded) until `testid` appears: the hashchange event and the re-render that follows
/// it are asynchronous.
async fn wait_for(root: &Element, testid: &str) -> Element {
    for _ in 0..100 {
        if let Some(found) = find(root, testid) {
            return found;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
        yew::scheduler::flush().await;
    }
    panic!("{testid} never appeared; page: {}", root.inner_html());
}

#[wasm_bindgen_test]
async fn start_page_has_header_and_the_three_areas() {
    let root = mount("#/").await;
    let home = find(&root, "home-view").expect("home view");
    assert!(home.text_content().unwrap().contains("anonymous"));
    let header = find(&root, "header").expect("header");
    let links: Vec<String> = (0..3)
        .map(|i| {
            header
                .query_selector_all("nav a")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(links, ["Take", "Results", "Set up"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn hash_changes_switch_views_and_mark_the_current_link() {
    let root = mount("#/").await;
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/results")
        .unwrap();
    wait_for(&root, "results-view").await;
    let current = root.query_selector("[aria-current=page]").unwrap().unwrap();
    assert_eq!(current.text_content().unwrap(), "Results");

    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/setup")
        .unwrap();
    wait_for(&root, "setup-view").await;
    assert!(find(&root, "results-view").is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn unknown_paths_get_a_not_found_page() {
    let root = mount("#/no-such-page").await;
    let view = find(&root, "not-found").expect("not found view");
    assert!(view.text_content().unwrap().contains("/no-such-page"));
    root.remove();
}

#[wasm_bindgen_test]
async fn embed_mode_hides_the_header() {
    let root = mount("#/take?embed=1").await;
    assert!(find(&root, "take-view").is_some());
    assert!(find(&root, "header").is_none());
    root.remove();
}
