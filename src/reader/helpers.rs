//! Opening a release's sealed records on every core: the reader worker starts helper copies of
//! itself (one per core beyond its own, at most seven), hands each a slice of the records with
//! the key, opens its own slice meanwhile, and collects what the helpers opened.
//!
//! Opening is X25519 arithmetic, about a tenth of a millisecond per record even natively
//! (`benches/release.rs`), so 10,000 responses take seconds on one thread. The helpers only do
//! the cryptography; checking what was opened against the survey and computing the results
//! stay with the reader worker (`release::OpenedAhead`). A helper that cannot start, fails,
//! takes too long or answers anything but exactly what [`opened_reply`] writes is not
//! trusted: its slice is opened here instead, so a release never depends on helpers.
//!
//! Protocol (plain JavaScript values, like the reader's): the helper says `"ready"`, is sent
//! `["open", key, survey, [[is_comment, round, id, sealed], ...]]` and answers
//! `["opened", [plaintext: Uint8Array | reason: string, ...]]` in the same order.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::model::SealedRecord;
use crate::release::{self, OpenOutcome, OpenedAhead};
use crate::seal::{self, Binding, Kind, ResultsKey};
use crate::storage::browser;

/// Below this many records a release opens them all in the reader worker: starting helpers
/// (each loads and compiles the worker's wasm) would take longer than the work.
const MIN_RECORDS_FOR_HELPERS: usize = 400;

/// At most this many helpers, whatever the device says it has.
const MAX_HELPERS: usize = 7;

/// A helper worker, started; `ready` resolves with its first message.
pub struct Helper {
    worker: web_sys::Worker,
    ready: JsFuture,
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Starts one helper per core beyond this worker's own (none on a single core, or when this
/// scope cannot start workers). Called as a release begins, so that the helpers load while the
/// file is read.
pub fn start() -> Vec<Helper> {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return Vec::new();
    };
    let cores = scope.navigator().hardware_concurrency();
    let count = if cores.is_finite() && cores >= 2.0 {
        (cores as usize - 1).min(MAX_HELPERS)
    } else {
        0
    };
    // The helper is this worker's own script (its loader, beside the results page).
    let url = scope.location().href();
    (0..count)
        .filter_map(|_| {
            let worker = web_sys::Worker::new(&url).ok()?;
            // Listening from the start: a "ready" sent before anyone listened would be lost.
            let ready = JsFuture::from(browser::worker_message_promise(&worker));
            Some(Helper { worker, ready })
        })
        .collect()
}

/// Opens `records` with `key` here and in `helpers`, and gives every record's outcome.
pub async fn open_all(
    survey: &str,
    key: &ResultsKey,
    records: &[(Kind, &SealedRecord)],
    helpers: Vec<Helper>,
) -> OpenedAhead {
    let helpers = if records.len() < MIN_RECORDS_FOR_HELPERS {
        Vec::new() // dropped: terminated
    } else {
        helpers
    };
    let slices = records.len().div_ceil(helpers.len() + 1).max(1);
    let mut slices = records.chunks(slices);
    let own = slices.next().unwrap_or_default();
    // Each helper's slice goes out before this worker starts on its own.
    let mut sent = Vec::with_capacity(helpers.len());
    for (mut helper, slice) in helpers.into_iter().zip(slices) {
        let reply = send(&mut helper, survey, key, slice).await;
        sent.push((helper, slice, reply));
    }
    let mut outcomes = OpenedAhead::default();
    let open_here = |slice: &[(Kind, &SealedRecord)], outcomes: &mut OpenedAhead| {
        for &(kind, record) in slice {
            let outcome =
                release::open_record(survey, key, kind, record).map_err(|e| e.to_string());
            outcomes.insert(kind, record, outcome);
        }
    };
    open_here(own, &mut outcomes);
    for (helper, slice, reply) in sent {
        let opened = match reply {
            Some(reply) => read_opened(reply.await.ok(), slice.len()),
            None => None,
        };
        match opened {
            Some(opened) => {
                for (&(kind, record), outcome) in slice.iter().zip(opened) {
                    outcomes.insert(kind, record, outcome);
                }
            }
            None => {
                browser::warn("a release helper failed; its records were opened by the reader");
                open_here(slice, &mut outcomes);
            }
        }
        drop(helper);
    }
    outcomes
}

/// Waits for `helper` to be ready and sends it `slice`; the promise of its reply, or `None`
/// when it could not start.
async fn send(
    helper: &mut Helper,
    survey: &str,
    key: &ResultsKey,
    slice: &[(Kind, &SealedRecord)],
) -> Option<JsFuture> {
    let ready = (&mut helper.ready).await.ok()?;
    let ready: web_sys::MessageEvent = ready.dyn_into().ok()?;
    if ready.data().as_string().as_deref() != Some("ready") {
        return None;
    }
    let records: Array = slice
        .iter()
        .map(|(kind, record)| {
            let item = Array::of3(
                &JsValue::from_bool(*kind == Kind::Comment),
                &JsValue::from_str(&record.round),
                &JsValue::from_str(&record.id.to_string()),
            );
            item.push(&JsValue::from_str(&record.sealed));
            JsValue::from(item)
        })
        .collect();
    let message = Array::of4(
        &"open".into(),
        &JsValue::from_str(&key.to_text()),
        &JsValue::from_str(survey),
        &records,
    );
    // Listening before sending: the reply cannot come before the handler. A helper that
    // neither answers nor fails in time counts as failed (its slice opens in the worker), so
    // a stuck helper cannot hold a release forever.
    let reply = browser::worker_message_promise(&helper.worker);
    let limit = browser::after(reply_limit_ms(slice.len()));
    helper.worker.post_message(&message).ok()?;
    Some(JsFuture::from(js_sys::Promise::race(&Array::of2(
        &reply, &limit,
    ))))
}

/// How long a helper may take for `records`: a generous 5 ms a record (they take about a
/// tenth of that on a laptop, a few times more on a slow phone), and never under 10 s.
fn reply_limit_ms(records: usize) -> u32 {
    u32::try_from(records.saturating_mul(5))
        .unwrap_or(u32::MAX)
        .max(10_000)
}

/// A helper's reply, read strictly: exactly `expected` outcomes, each bytes or a reason.
fn read_opened(reply: Option<JsValue>, expected: usize) -> Option<Vec<OpenOutcome>> {
    let event: web_sys::MessageEvent = reply?.dyn_into().ok()?;
    let reply: Array = event.data().dyn_into().ok()?;
    if reply.length() != 2 || reply.get(0).as_string().as_deref() != Some("opened") {
        return None;
    }
    let outcomes: Array = reply.get(1).dyn_into().ok()?;
    if outcomes.length() as usize != expected {
        return None;
    }
    outcomes
        .iter()
        .map(|item| match item.dyn_into::<Uint8Array>() {
            Ok(bytes) => Some(Ok(bytes.to_vec())),
            Err(item) => item.as_string().map(Err),
        })
        .collect()
}

/// Whether a message to the reader worker is a helper's job.
pub fn is_open_request(message: &JsValue) -> bool {
    message
        .dyn_ref::<Array>()
        .is_some_and(|m| m.get(0).as_string().as_deref() == Some("open"))
}

/// The helper's side: opens the records of an `"open"` message; `["opened", outcomes]`, or
/// `["invalid", why]` for a message it cannot read.
pub fn opened_reply(message: &JsValue) -> JsValue {
    match open_request(message) {
        Some(outcomes) => Array::of2(&"opened".into(), &outcomes).into(),
        None => Array::of2(
            &"invalid".into(),
            &"the release helper was sent a job it cannot read".into(),
        )
        .into(),
    }
}

fn open_request(message: &JsValue) -> Option<Array> {
    let message: &Array = message.dyn_ref()?;
    let key = ResultsKey::from_text(&message.get(1).as_string()?).ok()?;
    let survey = message.get(2).as_string()?;
    let records: Array = message.get(3).dyn_into().ok()?;
    records
        .iter()
        .map(|item| {
            let item: Array = item.dyn_into().ok()?;
            let kind = if item.get(0).as_bool()? {
                Kind::Comment
            } else {
                Kind::Answers
            };
            let (round, id, sealed) = (
                item.get(1).as_string()?,
                item.get(2).as_string()?,
                item.get(3).as_string()?,
            );
            let binding = Binding {
                kind,
                survey: &survey,
                round: &round,
                id: &id,
            };
            Some(match seal::open(&key, &binding, &sealed) {
                Ok(plaintext) => JsValue::from(Uint8Array::from(plaintext.as_slice())),
                Err(e) => JsValue::from_str(&e.to_string()),
            })
        })
        .collect()
}
