//! Browser tests: the app mounted into a fresh element of a real page in headless Chromium.
//! Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

mod disk;
mod early_read;
mod org;
mod results;
mod seal;
mod setup;
mod support;
mod take;

use support::{Page, mount, mount_results, mount_setup};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn start_page_has_header_and_the_three_areas() {
    let page = mount("#/").await;
    assert!(page.text("home-view").contains("anonymous"));
    let links = page
        .root
        .query_selector_all("[data-testid=header] nav a")
        .unwrap();
    let labels: Vec<String> = (0..links.length())
        .map(|i| links.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(labels, ["Take", "Results", "Set up"]);
    // Results and set-up live on the team page, which has its own wasm.
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            let link: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
            link.get_attribute("href").unwrap()
        })
        .collect();
    assert_eq!(hrefs, ["#/take", "results/#/results", "setup/#/setup"]);
}

#[wasm_bindgen_test]
async fn hash_changes_switch_views_and_the_survey_links_nowhere() {
    let page = mount("#/").await;
    page.wait_for("home-view").await;
    let header_links = |page: &Page| {
        page.root
            .query_selector_all("[data-testid=header] a")
            .unwrap()
            .length()
    };
    assert_eq!(header_links(&page), 4, "the start page links to every area");
    let hash = |to: &str| web_sys::window().unwrap().location().set_hash(to).unwrap();
    hash("#/take");
    page.wait_for("take-view").await;
    assert!(page.find("home-view").is_none());
    // On a phone passed around, results and the team file are not one tap from the form.
    assert_eq!(header_links(&page), 0, "the survey's header links nowhere");
    hash("#/");
    page.wait_for("home-view").await;
    assert_eq!(header_links(&page), 4);
}

#[wasm_bindgen_test]
async fn the_results_page_links_back_to_the_other_pages() {
    let page = mount_results("#/results").await;
    page.wait_for("results-view").await;
    let current = page
        .root
        .query_selector("[aria-current=page]")
        .unwrap()
        .unwrap();
    assert_eq!(current.text_content().unwrap(), "Results");
    let links = page
        .root
        .query_selector_all("[data-testid=header] a")
        .unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            let link: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
            link.get_attribute("href").unwrap()
        })
        .collect();
    assert_eq!(
        hrefs,
        ["../#/", "../#/take", "#/results", "../setup/#/setup"]
    );
    drop(page);
    let page = mount_setup("#/setup").await;
    page.wait_for("setup-view").await;
}

#[wasm_bindgen_test]
async fn unknown_paths_get_a_not_found_page() {
    let page = mount("#/no-such-page").await;
    assert!(page.text("not-found").contains("/no-such-page"));
}

#[wasm_bindgen_test]
async fn embed_mode_hides_the_header() {
    let page = mount_results("#/results?embed=1").await;
    assert!(page.find("results-view").is_some());
    assert!(page.find("header").is_none());
}
