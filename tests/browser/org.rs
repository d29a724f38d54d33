//! The organisation page in Chromium: the worker's replies read back exactly (and nothing else
//! does), the page says why when its reader cannot start, and making a file asks for links
//! before it reads anything.

use candor::chart::{Markup, SafeHtml};
use candor::org::report::Period;
use candor::reader::org::{Reply, View, team_url};
use js_sys::Array;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use crate::support::mount_org;

fn card(text: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.element("section", &[("class", "card")], text);
    m.finish()
}

#[wasm_bindgen_test]
fn the_organisation_replies_read_back_exactly_and_nothing_else_does() {
    let view = Reply::Ready(Box::new(View {
        title: "Engineering <division>".into(),
        period: Period::Quarter,
        periods: vec!["2026-Q3".into(), "2026-Q4".into()],
        shown: Some("2026-Q4".into()),
        cards: vec![card("Teams in 2026-Q4"), card("<b>escaped</b>")],
        teams: 12,
        problems: 2,
    }));
    for reply in [
        view,
        Reply::Progress {
            read: 412,
            total: 1000,
        },
        Reply::Failed("the organisation file is not valid".into()),
        Reply::Ready(Box::new(View {
            title: "Empty".into(),
            period: Period::Month,
            periods: vec![],
            shown: None,
            cards: vec![],
            teams: 0,
            problems: 0,
        })),
    ] {
        assert_eq!(Reply::from_js(&reply.to_js()), Some(reply));
    }
    let file = web_sys::Blob::new_with_str_sequence(&Array::of1(&"a,b\n".into())).unwrap();
    let export = Reply::File {
        name: "organisation.csv".into(),
        file,
    };
    assert_eq!(Reply::from_js(&export.to_js()), Some(export));
    let texts = |items: &[&str]| -> JsValue {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into()
    };
    let negative: JsValue = [
        JsValue::from("org-progress"),
        JsValue::from(-1.0),
        JsValue::from(3.0),
    ]
    .iter()
    .collect::<Array>()
    .into();
    let fraction: JsValue = [
        JsValue::from("org-progress"),
        JsValue::from(1.5),
        JsValue::from(3.0),
    ]
    .iter()
    .collect::<Array>()
    .into();
    for nonsense in [
        JsValue::NULL,
        JsValue::from("org-ready"),
        texts(&[]),
        texts(&["org-progress", "1", "2"]),
        negative,
        fraction,
        texts(&["org-failed"]),
        texts(&["org-ready", "t", "week", "x", "y", "z", "1", "0"]),
        texts(&["org-file", "organisation.csv", "not a file"]),
    ] {
        assert_eq!(Reply::from_js(&nonsense), None, "{nonsense:?}");
    }
}

#[wasm_bindgen_test]
async fn the_view_says_why_when_its_reader_cannot_start() {
    // The test page has no reader worker beside it: the worker fails to load.
    let page = mount_org("#/org?src=https%3A%2F%2Fs3.example%2Forg.json").await;
    let error = page.wait_for("org-error").await;
    let text = error.text_content().unwrap_or_default();
    assert!(text.contains("The file reader could not start"), "{text}");
}

#[wasm_bindgen_test]
async fn making_a_file_asks_for_links_first() {
    let page = mount_org("#/org").await;
    page.wait_for("org-make").await;
    page.click("org-make-read").await;
    let error = page.wait_for("org-make-error").await;
    assert!(
        error
            .text_content()
            .unwrap_or_default()
            .contains("Paste at least one link"),
    );
    // Nothing to download or write before there are teams.
    assert!(page.find("org-make-download").is_none());
    assert!(page.find("org-make-save").is_none());
}

#[wasm_bindgen_test]
fn an_organisation_file_names_only_web_addresses() {
    let base = "https://s3.example/bucket/org/org.json?v=2";
    assert_eq!(
        team_url(base, "payments.json").as_deref(),
        Ok("https://s3.example/bucket/org/payments.json")
    );
    assert_eq!(
        team_url(base, "../teams/search team.json").as_deref(),
        Ok("https://s3.example/bucket/teams/search%20team.json")
    );
    assert_eq!(
        team_url(base, "http://dav.example/t.json").as_deref(),
        Ok("http://dav.example/t.json")
    );
    for elsewhere in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:application/json,{}",
        "blob:https://s3.example/0b5c",
        "ftp://files.example/t.json",
    ] {
        assert_eq!(
            team_url(base, elsewhere),
            Err(format!("{elsewhere} is not a web address")),
        );
    }
}
