//! The page's early read of the team file (assets/early-read.js, started before the wasm has
//! loaded): the app takes it for its first read of the same address, and ends it unused when
//! its first request is anything else. Here the early read is put in place by hand, answering
//! from memory, so what the app reads shows which read it used.

use candor::storage::{Source, StoreError, browser};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::{AbortController, Response};

const KEY: &str = "candorEarlyRead";

/// Puts an early read of `file` (relative to the test page) in place that answers `body`, and
/// returns its controller (to see whether it was ended).
/// The browser's own `fetch`, put back if a stand-in server of another test replaced it (the
/// tests share one page, in no fixed order).
fn real_fetch() {
    let window = web_sys::window().unwrap();
    let real = Reflect::get(&window, &"__realFetch".into()).unwrap();
    if !real.is_undefined() {
        Reflect::set(&window, &"fetch".into(), &real).unwrap();
    }
}

fn start_early_read(file: &str, body: &str) -> AbortController {
    real_fetch();
    let window = web_sys::window().unwrap();
    let href = window.location().href().unwrap();
    let url = web_sys::Url::new_with_base(file, &href).unwrap().href();
    let controller = AbortController::new().unwrap();
    let reply = Response::new_with_opt_str(Some(body)).unwrap();
    let early = js_sys::Object::new();
    Reflect::set(&early, &"url".into(), &url.into()).unwrap();
    Reflect::set(&early, &"controller".into(), &controller).unwrap();
    Reflect::set(&early, &"reply".into(), &js_sys::Promise::resolve(&reply)).unwrap();
    Reflect::set(&window, &KEY.into(), &early).unwrap();
    controller
}

fn early_read_left() -> bool {
    let window: JsValue = web_sys::window().unwrap().into();
    !Reflect::get(&window, &KEY.into()).unwrap().is_undefined()
}

#[wasm_bindgen_test]
async fn the_first_read_of_the_same_address_takes_the_early_read() {
    // No such file is served to this test page: only the early read can answer it.
    let controller = start_early_read("early-team.json", "{\"from\": \"early read\"}");
    let (bytes, offline_copy) = browser::read_file(&Source::Remote("early-team.json".into()))
        .await
        .unwrap();
    assert_eq!(bytes, b"{\"from\": \"early read\"}");
    assert!(!offline_copy);
    assert!(!early_read_left(), "taken once");
    assert!(!controller.signal().aborted());

    // The next read of the same address asks the server (which has no such file).
    let again = browser::read_file(&Source::Remote("early-team.json".into())).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
}

#[wasm_bindgen_test]
async fn a_first_request_for_another_address_ends_the_early_read_unused() {
    let controller = start_early_read("early-other.json", "{}");
    let read = browser::read_file(&Source::Remote("early-team.json".into())).await;
    assert!(matches!(read, Err(StoreError::NotFound)), "{read:?}");
    assert!(!early_read_left());
    assert!(controller.signal().aborted(), "its download is stopped");
}

#[wasm_bindgen_test]
async fn a_page_without_an_early_read_reads_as_before() {
    real_fetch();
    let window = web_sys::window().unwrap();
    Reflect::delete_property(&window, &KEY.into()).unwrap();
    let read = browser::read_file(&Source::Remote("early-missing.json".into())).await;
    assert!(matches!(read, Err(StoreError::NotFound)), "{read:?}");
}
