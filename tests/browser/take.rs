//! The respondent's view: answering, skipping, the comment limit, the outbox, pass-the-phone
//! and changing one's answers.

use candor::model::{self, Document, templates};
use candor::storage::{browser, respondent};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use crate::support::{mount, storage};

/// A device with the standard survey and an open round, and nothing else stored.
fn fresh_device() -> Document {
    storage().clear().unwrap();
    let doc = templates::starter("2026-11-21").unwrap();
    browser::device_save(&doc).unwrap();
    doc
}

fn device_file() -> Document {
    browser::device_load().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn an_empty_device_points_to_set_up() {
    storage().clear().unwrap();
    let page = mount("#/take").await;
    let link = page.wait_for("go-setup").await;
    assert_eq!(link.get_attribute("href").unwrap(), "setup/#/setup");
}

#[wasm_bindgen_test]
async fn answering_some_and_skipping_the_rest_sends_only_what_was_answered() {
    fresh_device();
    let page = mount("#/take").await;
    // The form arrives in parts; what is on the page stays as it is meanwhile (a question
    // written again would lose a tap made in between).
    let first = page.wait_for("answer-safety-1-1").await;
    page.wait_for("submit").await;
    assert!(first.is_connected(), "the first question was written again");
    assert!(
        page.find("submit").unwrap().has_attribute("disabled"),
        "nothing to send yet"
    );

    page.answer("safety-2", 6).await;
    page.answer("align-3", 2).await;
    page.answer("align-3", 3).await;
    assert!(page.chosen("align-3", 3) && !page.chosen("align-3", 2));
    assert_eq!(page.text("progress"), "2 of 14 answered");
    page.click("clear-align-3").await;
    assert_eq!(page.text("progress"), "1 of 14 answered");

    page.submit().await;
    let confirmation = page.wait_for("submitted").await;
    assert!(
        confirmation
            .text_content()
            .unwrap()
            .contains("saved to the team file")
    );
    let doc = device_file();
    assert_eq!(doc.responses.len(), 1);
    assert_eq!(
        doc.responses[0].answers.iter().collect::<Vec<_>>(),
        [("safety-2", 6)]
    );
    assert!(
        browser::load_outbox().unwrap().is_empty(),
        "confirmed, so out of the outbox"
    );
}

#[wasm_bindgen_test]
async fn the_comment_is_capped_and_counted() {
    fresh_device();
    let page = mount("#/take").await;
    page.type_comment(&"x".repeat(model::limits::MAX_COMMENT_CHARS + 100))
        .await;
    assert_eq!(page.text("comment-count"), "2000 / 2000 characters");
    page.type_comment("  Fewer meetings, please.  ").await;
    assert_eq!(page.text("comment-count"), "27 / 2000 characters");
    page.submit().await;
    page.wait_for("submitted").await;
    assert_eq!(
        device_file().responses[0].comment.as_deref(),
        Some("Fewer meetings, please.")
    );
}

#[wasm_bindgen_test]
async fn pass_the_phone_leaves_nothing_of_the_last_person() {
    fresh_device();
    let page = mount("#/take").await;
    page.wait_for("submit").await; // the whole form is in (it arrives in parts)
    page.answer("safety-4", 7).await;
    page.type_comment("private thought").await;
    page.submit().await;
    page.wait_for("submitted").await;
    page.click("next-person").await;
    page.wait_for("submit").await;
    assert!(!page.chosen("safety-4", 7));
    assert_eq!(page.comment(), "");
    assert_eq!(page.text("progress"), "0 of 14 answered");
    assert!(!page.root.inner_html().contains("private thought"));

    page.answer("safety-4", 2).await;
    page.submit().await;
    page.wait_for("submitted").await;
    assert_eq!(
        device_file().responses.len(),
        2,
        "two people, two responses"
    );
}

#[wasm_bindgen_test]
async fn a_submission_that_cannot_be_saved_waits_in_the_outbox_and_lands_once() {
    let doc = fresh_device();
    let page = mount("#/take").await;
    page.wait_for("submit").await; // the whole form is in (it arrives in parts)
    page.answer("safety-1", 3).await;
    // The store breaks before the answers are sent (here: the file on the device is damaged).
    storage()
        .set_item("candor:device-file", "{damaged")
        .unwrap();
    page.submit().await;
    let confirmation = page.wait_for("submitted").await;
    assert!(
        confirmation
            .text_content()
            .unwrap()
            .contains("kept on this phone")
    );
    assert_eq!(browser::load_outbox().unwrap().items.len(), 1);
    assert_eq!(
        storage().get_item("candor:device-file").unwrap().as_deref(),
        Some("{damaged"),
        "an invalid file is never overwritten"
    );

    // The store recovers; the next sync delivers the answers exactly once.
    browser::device_save(&doc).unwrap();
    assert_eq!(respondent::sync_outbox(&respondent::OnPage).await, (1, 0));
    assert_eq!(respondent::sync_outbox(&respondent::OnPage).await, (0, 0));
    assert_eq!(device_file().responses.len(), 1);
    assert!(browser::load_outbox().unwrap().is_empty());
}

/// The page reads only the survey part of the file; the rest is read where it is written. A
/// file whose records are damaged still shows its form, and the answers wait on the phone,
/// saying why, while the file is left exactly as it was.
#[wasm_bindgen_test]
async fn a_file_with_damaged_records_shows_its_form_and_keeps_the_answers() {
    let doc = fresh_device();
    let mut damaged: serde_json::Value = serde_json::to_value(&doc).unwrap();
    // A sealed record in a survey without a results key, for a round the file does not have.
    damaged["sealed_answers"] = serde_json::json!([
        {"id": "0123456789abcdef0123456789abcdef", "round": "nowhere", "sealed": "AAAA"}
    ]);
    let damaged = damaged.to_string();
    storage().set_item("candor:device-file", &damaged).unwrap();
    assert!(
        model::load(damaged.as_bytes()).is_err(),
        "the whole file is invalid"
    );

    let page = mount("#/take").await;
    page.wait_for("submit").await;
    page.answer("safety-1", 4).await;
    page.submit().await;
    let detail = page
        .wait_for("submitted-detail")
        .await
        .text_content()
        .unwrap();
    assert!(detail.contains("kept on this phone"), "{detail}");
    assert!(detail.contains("problems"), "{detail}");
    assert_eq!(browser::load_outbox().unwrap().items.len(), 1);
    assert_eq!(
        storage().get_item("candor:device-file").unwrap().as_deref(),
        Some(damaged.as_str()),
        "an invalid file is never overwritten"
    );
}

/// A shared file at a URL, served by an in-page stand-in for a WebDAV server (ETags and
/// If-Match like lighttpd), so the view's own fetch code runs. Real servers are covered by the
/// end-to-end tests.
fn fake_server(doc: &Document) {
    let body = String::from_utf8(model::to_canonical_bytes(doc)).unwrap();
    let install = js_sys::Function::new_with_args(
        "body",
        r#"
        let version = 1;
        window.__server = { body: () => body, online: true };
        // Kept so that tests of the real fetch can put it back (tests share one page).
        window.__realFetch = window.__realFetch || window.fetch;
        window.fetch = async function (request) {
            if (!window.__server.online) throw new TypeError('Failed to fetch');
            const tag = '"v' + version + '"';
            if (request.method === 'GET') {
                return new Response(body, { status: 200, headers: { 'ETag': tag } });
            }
            if (request.headers.get('If-Match') !== tag) return new Response('', { status: 412 });
            body = await request.text();
            version += 1;
            return new Response(null, { status: 204, headers: { 'ETag': '"v' + version + '"' } });
        };
        "#,
    );
    install
        .call1(&JsValue::NULL, &JsValue::from_str(&body))
        .unwrap();
}

fn server_file() -> Document {
    let server = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__server".into()).unwrap();
    let body = js_sys::Reflect::get(&server, &"body".into()).unwrap();
    let text = js_sys::Function::from(body)
        .call0(&JsValue::NULL)
        .unwrap()
        .as_string()
        .unwrap();
    model::load(text.as_bytes()).unwrap()
}

fn set_online(online: bool) {
    let server = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__server".into()).unwrap();
    js_sys::Reflect::set(&server, &"online".into(), &JsValue::from_bool(online)).unwrap();
}

#[wasm_bindgen_test]
async fn a_personal_phone_can_change_and_withdraw_its_answers() {
    storage().clear().unwrap();
    fake_server(&templates::starter("2026-11-21").unwrap());
    let page = mount("#/take?src=%2Fteam.json").await;
    page.wait_for("submit").await; // the whole form is in (it arrives in parts)
    page.answer("align-1", 5).await;
    page.submit().await;
    page.wait_for("submitted").await;
    assert_eq!(server_file().live_responses().count(), 1);

    // Back later: the phone remembers, and offers to change or withdraw.
    drop(page);
    let page = mount("#/take?src=%2Fteam.json").await;
    page.click("change-answers").await;
    page.wait_for("changing").await;
    page.wait_for("submit").await;
    assert!(
        page.chosen("align-1", 5),
        "the earlier answers are shown to change"
    );
    page.answer("align-1", 2).await;
    page.submit().await;
    page.wait_for("submitted").await;
    let file = server_file();
    let live: Vec<_> = file.live_responses().collect();
    assert_eq!(live.len(), 1, "the change replaced the earlier response");
    assert_eq!(live[0].answers.get("align-1"), Some(2));

    drop(page);
    let page = mount("#/take?src=%2Fteam.json").await;
    page.click("withdraw").await;
    page.wait_for("withdrawn").await;
    assert_eq!(server_file().live_responses().count(), 0);
}

#[wasm_bindgen_test]
async fn offline_answers_are_kept_and_sent_once_back_online() {
    storage().clear().unwrap();
    fake_server(&templates::starter("2026-11-21").unwrap());
    let page = mount("#/take?src=%2Fteam.json").await;
    page.wait_for("submit").await; // the whole form is in (it arrives in parts)
    page.answer("safety-6", 6).await;
    set_online(false);
    page.submit().await;
    let confirmation = page.wait_for("submitted").await;
    assert!(
        confirmation
            .text_content()
            .unwrap()
            .contains("will be sent when you are back online")
    );
    assert_eq!(server_file().responses.len(), 0);

    set_online(true);
    assert_eq!(respondent::sync_outbox(&respondent::OnPage).await, (1, 0));
    assert_eq!(respondent::sync_outbox(&respondent::OnPage).await, (0, 0));
    assert_eq!(server_file().responses.len(), 1);
}

/// The language switcher's options, as (value, text, lang attribute).
fn languages_offered(page: &crate::support::Page) -> Vec<(String, String, String)> {
    let select = page
        .find("language")
        .expect("the survey has a language switcher");
    let options = select.query_selector_all("option").unwrap();
    (0..options.length())
        .map(|i| {
            let option: web_sys::Element = options.item(i).unwrap().unchecked_into();
            (
                option.get_attribute("value").unwrap_or_default(),
                option.text_content().unwrap_or_default(),
                option.get_attribute("lang").unwrap_or_default(),
            )
        })
        .collect()
}

/// Picks `code` in the language switcher, as a person would.
async fn choose_language(page: &crate::support::Page, code: &str) {
    let select: web_sys::HtmlSelectElement = page.wait_for("language").await.unchecked_into();
    select.set_value(code);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

fn kept_language() -> Option<String> {
    storage().get_item("candor:language").unwrap()
}

#[wasm_bindgen_test]
async fn the_language_is_chosen_above_the_survey_and_kept_only_on_a_personal_device() {
    fresh_device();
    let page = mount("#/take").await;
    page.wait_for("submit").await;
    // Each language named in itself and marked as that language (for screen readers).
    assert_eq!(
        languages_offered(&page),
        [
            ("en", "English", "en"),
            ("ar", "العربية", "ar"),
            ("de", "Deutsch", "de"),
            ("es", "Español", "es"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    assert_eq!(
        page.find("language")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Language")
    );

    // Chosen: kept on this device. (The test page has no language files, so the texts stay
    // English: a language that cannot be fetched leaves a working page, not a broken one.)
    choose_language(&page, "de").await;
    assert_eq!(kept_language().as_deref(), Some("de"));
    yew::platform::time::sleep(std::time::Duration::from_millis(200)).await;
    yew::scheduler::flush().await;
    assert_eq!(page.text("submit"), "Send answers");
    let root = crate::support::document().document_element().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));

    // Marking the device as shared forgets it, and a choice made then is not kept.
    browser::set_shared_device(true);
    assert_eq!(kept_language(), None);
    choose_language(&page, "es").await;
    assert_eq!(kept_language(), None, "a shared device kept the language");
    browser::set_shared_device(false);
    storage().clear().unwrap();
}
