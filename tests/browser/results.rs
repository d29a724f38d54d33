//! The results dashboard in a real browser: what it shows for the demo team, that a
//! suppressed round leaves no number anywhere in the page, that survey text cannot inject
//! markup, and that the chart can be read point by point from the keyboard.

use candor::storage::browser;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::{mount_results, storage};

/// The plain demo team with every round closed, so every card has all twelve rounds to draw
/// (an open round shows no numbers; the sealed demo is checked end to end).
fn demo() -> candor::model::Document {
    let mut doc = candor::model::synth::demo();
    for round in &mut doc.rounds {
        round.closed = true;
    }
    doc
}

fn device_with(doc: &candor::model::Document) {
    storage().clear().unwrap();
    browser::device_save(doc).unwrap();
}

#[wasm_bindgen_test]
async fn the_demo_team_shows_a_trend_per_dimension_with_its_numbers() {
    device_with(&demo());
    let page = mount_results("#/results").await;
    // The cards arrive one per frame; those on the page stay as they are meanwhile.
    let summary = page.wait_for("summary").await;
    page.wait_for("comments").await; // the last card: the whole dashboard is in
    assert!(summary.is_connected(), "the first card was written again");
    // Here the page draws the file itself (the `draw-on-page` feature: the test page has no
    // drawing worker beside it); the built page draws in the worker (the end-to-end tests).
    let dashboard = page.root.query_selector(".dashboard").unwrap().unwrap();
    assert_eq!(
        dashboard.get_attribute("data-read-in").as_deref(),
        Some("page")
    );
    assert!(
        page.text("summary")
            .starts_with("In November 2026, 8 of 9 people answered (89%)."),
        "{}",
        page.text("summary")
    );
    for dimension in ["safety", "alignment", "failure"] {
        let card = page.find(&format!("dimension-{dimension}")).unwrap();
        // 12 rounds, one suppressed: 11 points.
        assert_eq!(card.query_selector_all("circle.pt").unwrap().length(), 11);
        assert_eq!(card.query_selector_all("rect.gap").unwrap().length(), 1);
        let rows = card.query_selector_all("tbody tr").unwrap();
        assert_eq!(rows.length(), 12);
    }
    // The re-org is marker 1, the offsite marker 2 (time order), listed under the chart.
    let events = page
        .find("dimension-alignment")
        .unwrap()
        .query_selector("ol.events")
        .unwrap()
        .unwrap();
    assert!(
        events
            .text_content()
            .unwrap()
            .starts_with("\u{2068}Re-org: two teams merged\u{2069} (2026-05-18, before June 2026)")
    );
    // Change in words, never a bare arrow: the June dip is called a likely drop.
    let june = page
        .find("table-alignment")
        .unwrap()
        .query_selector("tr[data-round='2026-06']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(june.contains("down ("), "{june}");
    assert!(page.find("by-item").is_some() && page.find("participation").is_some());
    // The agreed actions are reviewed first (what was due by November), are not event
    // markers, and those done are ticks on the chart (July, August, October).
    let actions = page.text("actions");
    assert!(
        actions.contains("Due by November 2026: did we do it?Blameless review"),
        "{actions}"
    );
    assert!(!events.text_content().unwrap().contains("Leads write down"));
    let ticks = page
        .find("dimension-alignment")
        .unwrap()
        .query_selector_all(".done-mark")
        .unwrap();
    assert_eq!(ticks.length(), 3);
}

#[wasm_bindgen_test]
async fn a_suppressed_round_shows_no_number_anywhere() {
    let mut doc = demo();
    // August had 4 answers; make its answers extreme so any leak would be recognisable.
    for response in doc.responses.iter_mut().filter(|r| r.round == "2026-08") {
        response.comment = Some("AUGUST-SECRET".into());
    }
    device_with(&doc);
    let page = mount_results("#/results").await;
    page.wait_for("comments").await; // the last card: the whole dashboard is in
    let html = page.root.inner_html();
    assert!(!html.contains("AUGUST-SECRET"));
    for row in ["2026-08"] {
        let cells = page
            .root
            .query_selector_all(&format!("tr[data-round='{row}']"))
            .unwrap();
        assert_eq!(cells.length(), 3, "one row per dimension table");
        for i in 0..cells.length() {
            let text = cells.item(i).unwrap().text_content().unwrap();
            assert_eq!(text, "August 2026fewer than 5 answers, not shown");
        }
    }
    assert!(
        page.root.query_selector("[id$='-8']").unwrap().is_none(),
        "no point for August"
    );
    let participation = page.text("participation");
    assert!(
        participation.contains("August 2026fewer than 5"),
        "{participation}"
    );
}

#[wasm_bindgen_test]
async fn survey_text_cannot_become_markup() {
    let mut doc = demo();
    doc.survey.dimensions[0].name = "<img src=x id=injected onerror=alert(1)>".into();
    for round in &mut doc.rounds {
        round.label = format!("{} <b id=bold>", round.label);
    }
    device_with(&doc);
    let page = mount_results("#/results").await;
    page.wait_for("comments").await; // the last card: the whole dashboard is in
    assert!(page.root.query_selector("#injected").unwrap().is_none());
    assert!(page.root.query_selector("#bold").unwrap().is_none());
    assert!(
        page.root
            .text_content()
            .unwrap()
            .contains("<img src=x id=injected")
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_walk_the_points_and_the_readout_follows() {
    device_with(&demo());
    let page = mount_results("#/results").await;
    page.wait_for("comments").await; // the last card: the whole dashboard is in
    let readout = || page.text("readout-safety");
    assert!(readout().starts_with("November 2026: "), "{}", readout());
    let latest = page
        .find("dimension-safety")
        .unwrap()
        .query_selector("circle[tabindex='0']")
        .unwrap()
        .unwrap();
    assert_eq!(latest.id(), "pt-chart-safety-11");
    latest
        .unchecked_ref::<web_sys::SvgElement>()
        .focus()
        .unwrap();
    yew::scheduler::flush().await;
    for _ in 0..4 {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("ArrowLeft");
        init.set_bubbles(true);
        let event =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        document_active().dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }
    // Four steps left of November, skipping suppressed August: June.
    assert_eq!(document_active().id(), "pt-chart-safety-6");
    assert!(readout().starts_with("June 2026: "), "{}", readout());
    assert!(
        readout().contains("likely down since May 2026"),
        "{}",
        readout()
    );
}

fn document_active() -> web_sys::Element {
    crate::support::document().active_element().unwrap()
}

#[wasm_bindgen_test]
async fn no_file_offers_the_demo_and_set_up() {
    storage().clear().unwrap();
    let page = mount_results("#/results").await;
    page.wait_for("results-missing").await;
    let links = page
        .find("results-missing")
        .unwrap()
        .query_selector_all("a")
        .unwrap();
    let first = links
        .item(0)
        .unwrap()
        .dyn_into::<web_sys::Element>()
        .unwrap();
    assert_eq!(
        first.get_attribute("href").unwrap(),
        "#/results?src=demo.json"
    );
}

#[wasm_bindgen_test]
async fn a_team_file_from_this_computer_opens_without_touching_the_device() {
    storage().clear().unwrap();
    let page = mount_results("#/results").await;
    let pick = |page: &crate::support::Page, name: &str, text: &str| {
        let input = page
            .find("open-file")
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>();
        crate::support::pick_file(&input, name, text);
    };
    page.wait_for("results-missing").await;
    pick(&page, "notes.json", "{\"not\": \"a team file\"}");
    page.wait_for("results-error").await;
    assert!(
        page.text("results-error").contains("not a valid team file"),
        "{}",
        page.text("results-error")
    );

    // The error page has no picker; start again and open the demo team's file.
    drop(page);
    let page = mount_results("#/results").await;
    page.wait_for("results-missing").await;
    let text = String::from_utf8(candor::model::to_canonical_bytes(&demo())).unwrap();
    pick(&page, "platform.json", &text);
    page.wait_for("comments").await; // the last card: the whole dashboard is in
    assert!(page.text("summary").contains("8 of 9 people answered"));
    assert!(
        page.find("open-file").is_some(),
        "another file can be opened"
    );
    assert!(browser::device_load().unwrap().is_none());
}

#[wasm_bindgen_test]
fn the_reader_workers_reply_reads_back_exactly_and_nothing_else_does() {
    use candor::dashboard::{self, Readouts};
    use candor::reader::ReaderError;
    use candor::reader::draw::Reply;
    use js_sys::Array;
    use wasm_bindgen::JsValue;

    let doc = demo();
    let report = candor::stats::report(&doc, 3);
    let (cards, readouts) =
        dashboard::draw(&candor::i18n::Texts::english(), &doc, &report, false, true);
    let ready = Reply::Ready(dashboard::Prepared {
        survey_id: doc.survey.id.clone(),
        csv: "a,b\n1,2\n".into(),
        cards,
        readouts,
    });
    assert_eq!(Reply::from_js(&ready.to_js()).unwrap(), ready);
    let invalid = Reply::Invalid("$.survey: missing".into());
    assert_eq!(Reply::from_js(&invalid.to_js()).unwrap(), invalid);
    let empty = Reply::Ready(dashboard::Prepared {
        survey_id: String::new(),
        csv: String::new(),
        cards: Vec::new(),
        readouts: Readouts::default(),
    });
    assert_eq!(Reply::from_js(&empty.to_js()).unwrap(), empty);

    // Anything else is reported as malformed, never half-read.
    let strings = |items: &[&str]| -> JsValue {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into()
    };
    let cards_not_strings: JsValue = [
        JsValue::from_str("ready"),
        JsValue::from_str("team"),
        JsValue::from_str("csv"),
        Array::of1(&JsValue::from_f64(1.0)).into(),
        Array::new().into(),
    ]
    .iter()
    .collect::<Array>()
    .into();
    for nonsense in [
        JsValue::NULL,
        JsValue::from_str("ready"),
        strings(&[]),
        strings(&["ready", "team", "csv"]),
        strings(&["invalid"]),
        strings(&["done", "x"]),
        cards_not_strings,
    ] {
        assert!(
            matches!(Reply::from_js(&nonsense), Err(ReaderError::Malformed)),
            "{nonsense:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_change_elsewhere_on_the_dashboard_is_not_taken_for_a_file_pick() {
    device_with(&demo());
    let page = mount_results("#/results").await;
    page.wait_for("comments").await; // the last card: the whole dashboard is in
    // A checkbox in a card (as a future card might have) changes.
    let document = crate::support::document();
    let checkbox = document
        .create_element("input")
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    checkbox.set_type("checkbox");
    page.find("participation")
        .unwrap()
        .append_child(&checkbox)
        .unwrap();
    checkbox.click();
    yew::scheduler::flush().await;
    browser::sleep(50).await;
    yew::scheduler::flush().await;
    assert!(page.find("results-error").is_none());
    assert!(page.find("summary").is_some(), "the dashboard stays");
}
