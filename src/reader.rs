//! The results page's file reader. A team file of [`WORKER_BYTES`] or more is read, checked
//! and drawn into a dashboard in a web worker (the `candor-reader` binary), so the page keeps
//! answering taps while a big file is parsed; a smaller file is read on the page, which is
//! quicker than starting a worker. Both run the same [`results::prepare`]; on the page its
//! steps are separate tasks.
//!
//! Messages are plain JavaScript values (no second serialisation format in either wasm): the
//! worker first says `"ready"` (a message sent before its wasm has started would be lost);
//! then to the worker `[bytes: Uint8Array, offline_copy: bool]`, and back
//! `[error: string | null, survey_id, csv, cards: string[], readouts: [chart_id, string[]][]]`.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::views::results::{self, Prepared};

/// Files at least this big are read in the worker. Reading 10,000 responses (2.8 MB) takes
/// about 35 ms on a desktop (scripts/bench-browser.sh) and several times that on a phone; a
/// team's usual file (a few hundred responses) is far below this.
pub const WORKER_BYTES: usize = 1_000_000;

/// The worker's loader, beside the results page (Trunk writes it for the `candor-reader` bin).
const WORKER_URL: &str = "./candor-reader_loader.js";

/// Reads `bytes` as a team file and draws its dashboard, in the worker when the file is big.
pub async fn prepare(bytes: Vec<u8>, offline_copy: bool) -> Result<Prepared, String> {
    if bytes.len() >= WORKER_BYTES {
        // If the worker cannot start (blocked, or its files missing), the file is read here:
        // slower, but complete.
        if let Ok(prepared) = in_worker(&bytes, offline_copy).await {
            return prepared;
        }
    }
    // On the page, one task per step (see `results::prepare`).
    results::prepare(&bytes, offline_copy, || crate::storage::browser::sleep(0)).await
}

async fn in_worker(bytes: &[u8], offline_copy: bool) -> Result<Result<Prepared, String>, JsValue> {
    let worker = web_sys::Worker::new(WORKER_URL)?;
    let outcome = async {
        next_message(&worker).await?; // "ready"
        let array = Uint8Array::from(bytes);
        let message = Array::of2(&array, &JsValue::from_bool(offline_copy));
        // The bytes move to the worker rather than being copied once more.
        worker.post_message_with_transfer(&message, &Array::of1(&array.buffer()))?;
        let reply = next_message(&worker).await?;
        Ok(from_js(&reply).map(|prepared| Prepared {
            in_worker: true,
            ..prepared
        }))
    }
    .await;
    worker.terminate();
    outcome
}

/// The worker's next message, or its error (it failed to load or to run).
async fn next_message(worker: &web_sys::Worker) -> Result<JsValue, JsValue> {
    let next = js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    });
    let event: web_sys::MessageEvent = JsFuture::from(next).await?.dyn_into()?;
    Ok(event.data())
}

/// The worker's side: answers each message with the dashboard of the file it carries.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let message = Array::from(&event.data());
            let bytes = Uint8Array::new(&message.get(0)).to_vec();
            let offline_copy = message.get(1).as_bool().unwrap_or(false);
            let replies = replies.clone();
            // The worker has its own thread: no pauses between the steps.
            wasm_bindgen_futures::spawn_local(async move {
                let prepared = results::prepare(&bytes, offline_copy, || async {}).await;
                let _ = replies.post_message(&to_js(&prepared));
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

fn strings(items: &[String]) -> Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

fn to_js(prepared: &Result<Prepared, String>) -> Array {
    match prepared {
        Err(why) => Array::of1(&JsValue::from_str(why)),
        Ok(p) => {
            let readouts: Array = p
                .readouts
                .iter()
                .map(|(chart, texts)| Array::of2(&JsValue::from_str(chart), &strings(texts)))
                .collect();
            [
                JsValue::NULL,
                JsValue::from_str(&p.survey_id),
                JsValue::from_str(&p.csv),
                strings(&p.cards).into(),
                readouts.into(),
            ]
            .iter()
            .collect()
        }
    }
}

fn from_js(reply: &JsValue) -> Result<Prepared, String> {
    let reply = Array::from(reply);
    if let Some(why) = reply.get(0).as_string() {
        return Err(why);
    }
    let texts = |value: JsValue| -> Vec<String> {
        Array::from(&value)
            .iter()
            .filter_map(|s| s.as_string())
            .collect()
    };
    let survey_id = reply.get(1).as_string();
    let csv = reply.get(2).as_string();
    let (Some(survey_id), Some(csv)) = (survey_id, csv) else {
        return Err("the file reader sent an answer Candor cannot use".to_owned());
    };
    let readouts = Array::from(&reply.get(4))
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, texts(pair.get(1))))
        })
        .collect();
    Ok(Prepared {
        survey_id,
        csv,
        cards: texts(reply.get(3)),
        readouts,
        in_worker: false,
    })
}
