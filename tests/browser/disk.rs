//! A team file on this computer's disk: written back in place where the browser has the File
//! System Access API (here a stand-in for the pickers and the file, so no dialog opens), read
//! from a file picker and saved by download where it does not.

use candor::model::{self, Answers, Document, Response, ResponseId, templates};
use candor::storage::browser;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

use crate::support::{mount_setup, pick_file, storage, submit_text, wait_until};

/// Replaces the pickers with ones that hand out a single in-memory file, `window.diskFile`
/// (its text, and how many times it was written), and stops new tabs from opening.
fn fake_disk(initial: &str) {
    let script = r#"
        const disk = { text: arguments[0], writes: 0, name: 'team.json' };
        window.diskFile = disk;
        const handle = {
            get name() { return disk.name; },
            getFile: async () => new Blob([disk.text]),
            createWritable: async () => {
                const parts = [];
                return {
                    write: async (bytes) => { parts.push(bytes); },
                    close: async () => { disk.text = await new Blob(parts).text(); disk.writes += 1; },
                    abort: async () => {},
                };
            },
        };
        window.showOpenFilePicker = async () => [handle];
        window.showSaveFilePicker = async (options) => { disk.name = options.suggestedName; return handle; };
        window.open = (url) => { window.openedTab = url; return null; };
    "#;
    js_sys::Function::new_with_args("initial", script)
        .call1(&JsValue::NULL, &JsValue::from_str(initial))
        .unwrap();
}

/// Takes the pickers away, as in browsers without the File System Access API.
fn no_file_access() {
    js_sys::Function::new_no_args(
        "window.showOpenFilePicker = undefined; window.showSaveFilePicker = undefined; \
         window.open = (url) => { window.openedTab = url; return null; };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

fn disk_get(field: &str) -> JsValue {
    let disk = js_sys::Reflect::get(&web_sys::window().unwrap(), &"diskFile".into()).unwrap();
    js_sys::Reflect::get(&disk, &field.into()).unwrap()
}

fn disk_text() -> String {
    disk_get("text").as_string().unwrap()
}

fn set_disk_text(text: &str) {
    let disk = js_sys::Reflect::get(&web_sys::window().unwrap(), &"diskFile".into()).unwrap();
    js_sys::Reflect::set(&disk, &"text".into(), &text.into()).unwrap();
}

fn disk_file() -> Document {
    model::load(disk_text().as_bytes()).unwrap()
}

fn answer(doc: &mut Document, seed: u8, value: u8) {
    let mut answers = Answers::new();
    answers.insert("safety-1", value);
    let round = doc.open_round().unwrap().id.clone();
    doc.responses.push(Response {
        id: ResponseId::from_random_bytes([seed; 16]),
        round,
        answers,
        comment: None,
    });
    doc.normalize();
}

fn canonical(doc: &Document) -> String {
    String::from_utf8(model::to_canonical_bytes(doc)).unwrap()
}

#[wasm_bindgen_test]
async fn a_survey_kept_on_disk_is_written_back_on_every_change_without_losing_others() {
    storage().clear().unwrap();
    fake_disk("");
    let page = mount_setup("#/setup").await;
    page.click("where-disk").await;
    page.click("create").await;
    page.wait_for("collect").await;
    assert_eq!(disk_get("name").as_string().unwrap(), "team-pulse.json");
    let created = disk_file();
    assert!(created.open_round().is_some());
    assert!(
        page.text("file-where")
            .contains("team-pulse.json on this computer")
    );
    assert!(
        browser::device_load().unwrap().is_none(),
        "the device store is not used"
    );

    // Someone else changes the file meanwhile (a sync client brings in answers).
    let mut elsewhere = created.clone();
    answer(&mut elsewhere, 1, 6);
    set_disk_text(&canonical(&elsewhere));
    submit_text(&page, "events-label", "Reorg announced").await;
    wait_until(|| disk_file().events.len() == 1).await;
    let now = disk_file();
    assert_eq!(
        now.responses.len(),
        1,
        "the answer written meanwhile is kept"
    );
    assert_eq!(now.events[0].label, "Reorg announced");

    // A file that no longer reads as a team file is never written over.
    set_disk_text("{\"format\": \"candor-survey\"");
    let writes = disk_get("writes").as_f64().unwrap();
    submit_text(&page, "events-label", "Launch").await;
    wait_until(|| page.text("setup-status").contains("has problems")).await;
    assert_eq!(disk_text(), "{\"format\": \"candor-survey\"");
    assert_eq!(disk_get("writes").as_f64().unwrap(), writes);
}

#[wasm_bindgen_test]
async fn answers_collected_on_this_device_are_brought_into_the_file_on_disk() {
    storage().clear().unwrap();
    let mut doc = templates::starter("2026-11-02").unwrap();
    answer(&mut doc, 2, 5);
    fake_disk(&canonical(&doc));
    let page = mount_setup("#/setup").await;
    page.click("open-disk-file").await;
    page.wait_for("collect").await;
    assert!(page.text("setup-status").contains("Opened team.json"));

    page.click("collect-here").await;
    wait_until(|| browser::device_load().unwrap().is_some()).await;
    let opened = js_sys::Reflect::get(&web_sys::window().unwrap(), &"openedTab".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(opened.ends_with("#/take"), "{opened}");
    // Two people answer on this device, in the other tab.
    let mut here = browser::device_load().unwrap().unwrap();
    assert_eq!(here.responses.len(), 1, "the copy holds the file's answers");
    answer(&mut here, 3, 2);
    answer(&mut here, 4, 7);
    browser::device_save(&here).unwrap();

    page.click("bring-in").await;
    wait_until(|| disk_file().responses.len() == 3).await;
    assert!(page.text("setup-status").contains("now in the file"));
}

#[wasm_bindgen_test]
async fn without_file_access_a_picked_file_is_changed_here_and_saved_by_download() {
    storage().clear().unwrap();
    no_file_access();
    let doc = templates::starter("2026-11-02").unwrap();
    let page = mount_setup("#/setup").await;
    let input = page
        .wait_for("open-disk-pick")
        .await
        .unchecked_into::<HtmlInputElement>();
    pick_file(&input, "platform.json", &canonical(&doc));
    page.wait_for("collect").await;
    assert!(
        page.text("file-where")
            .contains("cannot write to files on disk")
    );
    assert!(page.find("unsaved").is_none());

    page.click("close-round").await;
    page.wait_for("unsaved").await;
    assert!(
        page.text("setup-status")
            .contains("Download the updated file")
    );
    assert!(
        browser::device_load().unwrap().is_none(),
        "the change stays with the opened file"
    );
    assert_eq!(page.text("download-file"), "Download the updated file");
    page.click("download-file").await;
    wait_until(|| page.find("unsaved").is_none()).await;

    // A file that is not a team file is refused with the reason.
    let input = page
        .wait_for("open-disk-pick")
        .await
        .unchecked_into::<HtmlInputElement>();
    pick_file(&input, "notes.json", "[1, 2, 3]");
    wait_until(|| page.text("setup-status").contains("not a valid team file")).await;
}
