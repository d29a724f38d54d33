//! The facilitator's set-up page in a real browser: creating a survey from templates on this
//! device, the question editor's rules (retire, not delete, what has answers; every saved
//! change is a new revision), rounds and events.

use candor::model::{Answers, Document, Response, ResponseId, templates};
use candor::storage::browser;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

use crate::support::{mount_setup, pick_file, storage, submit_text, wait_until};

fn device_file() -> Document {
    browser::device_load().unwrap().unwrap()
}

/// The standard survey on this device with one answer to safety-1.
fn answered_device() -> Document {
    storage().clear().unwrap();
    let mut doc = templates::starter("2026-11-02").unwrap();
    let mut answers = Answers::new();
    answers.insert("safety-1", 6);
    doc.responses.push(Response {
        id: ResponseId::from_random_bytes([9; 16]),
        round: "2026-11".into(),
        answers,
        comment: None,
    });
    doc.normalize();
    browser::device_save(&doc).unwrap();
    doc
}

#[wasm_bindgen_test]
async fn a_survey_is_created_from_the_chosen_templates() {
    storage().clear().unwrap();
    let page = mount_setup("#/setup").await;
    page.wait_for("create-survey").await;
    page.click("template-alignment").await; // off
    page.click("template-failure").await; // on
    page.click("create").await;
    page.wait_for("share").await;
    let doc = device_file();
    let dimensions: Vec<&str> = doc
        .survey
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(dimensions, ["safety", "failure"]);
    assert_eq!(doc.survey.title, "Team pulse");
    assert!(doc.open_round().is_some(), "this month's round is open");
    // Sealed: the file holds the public key; the key card shows the secret once, and this
    // browser (collecting answers on the device) does not keep it.
    let key = page
        .find("new-key")
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .value();
    let key = candor::seal::ResultsKey::from_text(&key).unwrap();
    assert!(key.matches(doc.survey.results_key.as_deref().unwrap()));
    assert!(
        !candor::model::to_canonical_bytes(&doc)
            .windows(43)
            .any(|w| w == key.to_text().as_bytes())
    );
    assert_eq!(candor::storage::browser::kept_key(&doc.survey.id), None);
    // The link points at the respondent page of this site.
    let link = page
        .find("share-link")
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert!(link.ends_with("/#/take"), "{link}");
}

#[wasm_bindgen_test]
async fn answered_questions_are_retired_not_deleted_and_each_save_is_a_revision() {
    answered_device();
    let page = mount_setup("#/setup").await;
    page.wait_for("editor").await;
    assert!(
        page.find("delete-safety-1").is_none(),
        "safety-1 has answers"
    );
    page.click("delete-safety-2").await;
    page.click("save-survey").await;
    wait_until(|| device_file().survey.revision == 2).await;
    let doc = device_file();
    assert!(doc.survey.question("safety-2").is_none());
    assert!(doc.survey.question("safety-1").is_some());

    page.click("retire-safety-1").await;
    page.click("save-survey").await;
    wait_until(|| device_file().survey.revision == 3).await;
    let doc = device_file();
    assert!(doc.survey.question("safety-1").unwrap().retired);
    assert_eq!(doc.responses.len(), 1, "the answer is kept");
}

/// The editor's text field of question `subject`, as it is on the page now.
fn editor_field(page: &crate::support::Page, subject: &str) -> HtmlInputElement {
    page.root
        .query_selector(&format!("[data-edit=\"text\"][data-subject=\"{subject}\"]"))
        .unwrap()
        .expect("the question's text field")
        .unchecked_into()
}

fn changed() -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("change", &init).unwrap()
}

/// The desk draws the editor again after each change. Whoever types on into the next field
/// before that keeps what they typed, their place in it and the focus, and it is saved.
#[wasm_bindgen_test]
async fn typing_on_while_the_editor_is_drawn_again_loses_nothing() {
    answered_device();
    let page = mount_setup("#/setup").await;
    page.wait_for("editor").await;
    let first = editor_field(&page, "safety-1");
    first.focus().unwrap();
    first.set_value("Reworded first");
    first.dispatch_event(&changed()).unwrap();
    // Before the desk's answer: the next field, typed into and not yet left.
    let second = editor_field(&page, "safety-2");
    second.focus().unwrap();
    second.set_value("Typed on");
    second.set_selection_range(5, 5).unwrap();
    wait_until(|| !first.is_connected()).await;
    let now = editor_field(&page, "safety-2");
    assert!(!second.is_connected(), "the editor was drawn anew");
    assert_eq!(now.value(), "Typed on");
    assert_eq!(now.selection_start().unwrap(), Some(5));
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert_eq!(focused, Some(now.clone().into()));
    // The desk was told both: a save writes both.
    page.click("save-survey").await;
    wait_until(|| device_file().survey.revision == 2).await;
    let doc = device_file();
    assert_eq!(
        doc.survey.question("safety-1").unwrap().text,
        "Reworded first"
    );
    assert_eq!(doc.survey.question("safety-2").unwrap().text, "Typed on");
}

/// A file from before languages were recorded reads as English; its facilitator says the
/// questions are German, and only that name changes.
#[wasm_bindgen_test]
async fn the_questions_first_language_is_named_in_the_editor() {
    let before = answered_device();
    assert_eq!(before.survey.language, "en");
    let page = mount_setup("#/setup").await;
    page.wait_for("editor").await;
    let select: web_sys::HtmlSelectElement = page
        .find("first-language")
        .expect("the first-language choice")
        .dyn_into()
        .unwrap();
    select.set_value("de");
    let change = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    select.dispatch_event(&change).unwrap();
    page.click("save-survey").await;
    wait_until(|| device_file().survey.revision == 2).await;
    let doc = device_file();
    assert_eq!(doc.survey.language, "de");
    assert_eq!(doc.survey.questions, before.survey.questions);
    assert_eq!(doc.responses, before.responses, "answers are kept");
}

#[wasm_bindgen_test]
async fn rounds_close_and_open_and_events_join_the_timeline() {
    answered_device();
    let page = mount_setup("#/setup").await;
    page.click("close-round").await;
    wait_until(|| device_file().open_round().is_none()).await;
    page.wait_for("round-label-input")
        .await
        .unchecked_into::<HtmlInputElement>()
        .set_value("After the offsite");
    page.click("open-round").await;
    wait_until(|| device_file().open_round().is_some()).await;
    assert_eq!(device_file().rounds.len(), 2);
    let open = device_file().open_round().cloned().unwrap();
    assert_eq!(open.label, "After the offsite");
    assert_ne!(
        open.id, "2026-11",
        "a second round in a month gets its own id"
    );

    // An event is dated (today by default) and filed under the round open that day.
    let date = page
        .wait_for("events-date")
        .await
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert_eq!(date, open.opened, "the date defaults to today");
    submit_text(&page, "events-label", "New product launch").await;
    wait_until(|| device_file().events.len() == 1).await;
    let event = device_file().events[0].clone();
    assert_eq!(event.label, "New product launch");
    assert_eq!(event.date.as_deref(), Some(date.as_str()));
    assert_eq!(event.round, open.id);
    assert!(page.text("events").contains("New product launch"));
    // The card is drawn anew with the event; the person's field is focused again, empty.
    let focused = crate::support::document()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"));
    assert_eq!(focused.as_deref(), Some("events-label"));

    // An action with an owner (a role) and a day to review it from.
    for (testid, value) in [
        ("actions-owner", "Team lead"),
        ("actions-review", "2027-01-05"),
    ] {
        page.wait_for(testid)
            .await
            .unchecked_into::<HtmlInputElement>()
            .set_value(value);
    }
    submit_text(&page, "actions-label", "Rotate who runs the retro").await;
    wait_until(|| device_file().events.len() == 2).await;
    let action = device_file()
        .events
        .into_iter()
        .find(|e| e.kind == candor::model::EventKind::Action)
        .unwrap();
    assert_eq!(action.label, "Rotate who runs the retro");
    assert_eq!(action.owner.as_deref(), Some("Team lead"));
    assert_eq!(action.review.as_deref(), Some("2027-01-05"));
    assert!(action.status.is_open());
    let card = page.text("actions");
    assert!(card.contains("Rotate who runs the retro"), "{card}");
    assert!(
        card.contains("\u{2068}Team lead\u{2069} · open, to review from 2027-01-05"),
        "{card}"
    );
    assert!(
        !page.text("events").contains("Rotate"),
        "actions are not events"
    );
    // Marked done, once confirmed (a settled action never reopens): settled in the latest
    // round, and the buttons give way to when. First the question is declined.
    let asked = js_sys::Function::new_no_args(
        "window.__asked = []; window.confirm = (q) => { window.__asked.push(q); return window.__yes; }; window.__yes = false;",
    );
    asked.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    page.click("action-done").await;
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        device_file().actions().all(|a| a.status.is_open()),
        "declined: still open; asked {:?}, confirm is {:?}",
        js_sys::eval("JSON.stringify(window.__asked)")
            .ok()
            .and_then(|v| v.as_string()),
        js_sys::eval("String(window.confirm)")
            .ok()
            .and_then(|v| v.as_string())
    );
    let question = js_sys::eval("window.__asked[0]")
        .unwrap()
        .as_string()
        .unwrap();
    assert!(question.contains("Rotate who runs the retro"), "{question}");
    js_sys::eval("window.__yes = true").unwrap();
    page.click("action-done").await;
    wait_until(|| device_file().actions().any(|a| !a.status.is_open())).await;
    let done = device_file().actions().next().cloned().unwrap();
    assert_eq!(done.status, candor::model::ActionStatus::Done);
    assert_eq!(done.settled.as_deref(), Some(open.id.as_str()));
    wait_until(|| page.text("actions").contains("done in After the offsite")).await;
    assert!(page.find("action-done").is_none());
}

#[wasm_bindgen_test]
async fn a_copy_of_the_file_merges_in_and_keeps_every_answer() {
    let doc = answered_device();
    let mut copy = doc.clone();
    let mut answers = Answers::new();
    answers.insert("align-3", 2);
    copy.responses.push(Response {
        id: ResponseId::from_random_bytes([4; 16]),
        round: "2026-11".into(),
        answers,
        comment: None,
    });
    copy.normalize();
    let page = mount_setup("#/setup").await;
    let input = page
        .wait_for("merge-pick")
        .await
        .unchecked_into::<HtmlInputElement>();
    let text = String::from_utf8(candor::model::to_canonical_bytes(&copy)).unwrap();
    pick_file(&input, "copy.json", &text);
    wait_until(|| device_file().responses.len() == 2).await;
    assert!(
        page.text("setup-status")
            .contains("every answer from both copies is kept")
    );
}
