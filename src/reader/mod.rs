//! The reader worker (the `candor-reader` binary, beside the results page): the work on
//! team files that the pages themselves never load. It releases closed rounds for the key
//! holder ([`release`]), holding the code that opens sealed answers; seals a survey from
//! before sealing for the set-up page ([`seal_survey`]); makes, splits and checks results keys
//! ([`crate::sealer::key_answer`]); and reads and pools the many team files of the
//! organisation view ([`org`]). Built for speed (opening 10,000 sealed records is X25519
//! arithmetic) and fetched only for that work. Drawing a team's dashboard is the smaller
//! drawing worker's ([`draw`]).
//!
//! Messages are plain JavaScript arrays (no second serialisation format in either wasm),
//! written by one function each way and read back strictly: a reply that is not exactly what
//! the worker writes is [`ReaderError::Malformed`]. The worker first says `"ready"` (a message
//! sent before its wasm has started would be lost).

pub mod desk;
pub mod draw;
pub mod helpers;
pub mod org;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::storage::browser;

/// The worker's loader, beside the results page (Trunk writes it for the `candor-reader` bin).
const WORKER_URL: &str = "./candor-reader_loader.js";

/// What a release answers for a text that is no results key (the page says it in its own
/// language: `views::results::listeners`).
pub const NOT_A_KEY: &str =
    "that is not a results key (43 letters, digits, '-' and '_', or a key file)";

/// Why a worker could not do its work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReaderError {
    #[error(
        "this browser could not start the part of Candor that reads team files, or it stopped (reload the page and try again)"
    )]
    Failed,
    #[error("the part of Candor that reads team files sent an answer it cannot use")]
    Malformed,
}

/// Where the file to release lives, as the worker is told.
pub enum ReleaseFrom<'a> {
    /// A shared file at this address: the worker reads it and writes the results back through
    /// the write protocol.
    Url(&'a str),
    /// A file's bytes (this device's copy, or a file picked from this computer): the worker
    /// gives back the file with the results in it.
    Bytes(&'a [u8]),
}

/// What the key holder's release did.
#[derive(Debug, PartialEq)]
pub struct Released {
    /// Rounds released now.
    pub rounds: usize,
    /// Records that could not be opened or were not valid (left out, and kept in the file).
    pub unopened: usize,
    /// The file with the results in it (for [`ReleaseFrom::Bytes`]); `None` when the worker
    /// wrote the shared file itself.
    pub file: Option<Vec<u8>>,
}

/// Opens the closed, unreleased rounds of a team file with the results key `key` (its text
/// or a key file's), computes what they release and writes it, all in the reader worker,
/// which alone holds the code that opens sealed answers. `Err` says why not, in words.
pub async fn release(from: ReleaseFrom<'_>, key: &str) -> Result<Released, String> {
    let failed = |e: ReaderError| e.to_string();
    let worker = browser::start_worker(WORKER_URL).map_err(|_| failed(ReaderError::Failed))?;
    let outcome = async {
        next_message(&worker).await.map_err(failed)?; // "ready"
        match from {
            ReleaseFrom::Url(url) => {
                let message = Array::of3(&"release".into(), &JsValue::from_str(url), &key.into());
                worker.post_message(&message)
            }
            ReleaseFrom::Bytes(bytes) => {
                let array = Uint8Array::from(bytes);
                let message = Array::of3(&"release".into(), &array, &key.into());
                worker.post_message_with_transfer(&message, &Array::of1(&array.buffer()))
            }
        }
        .map_err(|_| failed(ReaderError::Failed))?;
        let reply = next_message(&worker).await.map_err(failed)?;
        read_released(&reply).ok_or_else(|| failed(ReaderError::Malformed))?
    }
    .await;
    worker.terminate();
    outcome
}

/// The whole number at `index` of a worker's reply (`None` for anything else: a negative or
/// fractional number, text, nothing).
pub(crate) fn count_at(reply: &Array, index: u32) -> Option<usize> {
    reply
        .get(index)
        .as_f64()
        .filter(|n| *n >= 0.0 && n.fract() == 0.0)
        .map(|n| n as usize)
}

/// `["released", rounds, unopened, file?]` or `["invalid", why]`.
fn read_released(reply: &JsValue) -> Option<Result<Released, String>> {
    let reply: &Array = reply.dyn_ref()?;
    let count = |i| count_at(reply, i);
    match reply.get(0).as_string()?.as_str() {
        "invalid" => Some(Err(reply.get(1).as_string()?)),
        "released" => Some(Ok(Released {
            rounds: count(1)?,
            unopened: count(2)?,
            file: match reply.get(3) {
                file if file.is_undefined() || file.is_null() => None,
                file => Some(file.dyn_into::<Uint8Array>().ok()?.to_vec()),
            },
        })),
        _ => None,
    }
}

/// What sealing a survey from before sealing did (in the reader worker).
#[derive(Debug, PartialEq)]
pub struct SealedSurvey {
    /// The new results key (its text): shown once, on the set-up page's key card.
    pub key: String,
    /// The sealed file (written already when it lives at a URL).
    pub file: Vec<u8>,
}

/// Seals a survey from before sealing with a new results key, in the reader worker at
/// `worker_url` (the set-up page passes the results page's copy): every plain answer sealed
/// in place, closed rounds published, the plain ids tombstoned. A file at a URL is written by
/// the worker through the protocol (sealing the file as it is at write time, so answers that
/// arrive meanwhile are sealed too).
pub async fn seal_survey(worker_url: &str, from: ReleaseFrom<'_>) -> Result<SealedSurvey, String> {
    let failed = |e: ReaderError| e.to_string();
    let worker = browser::start_worker(worker_url).map_err(|_| failed(ReaderError::Failed))?;
    let outcome = async {
        next_message(&worker).await.map_err(failed)?; // "ready"
        let target: JsValue = match from {
            ReleaseFrom::Url(url) => JsValue::from_str(url),
            ReleaseFrom::Bytes(bytes) => Uint8Array::from(bytes).into(),
        };
        worker
            .post_message(&Array::of2(&"seal-survey".into(), &target))
            .map_err(|_| failed(ReaderError::Failed))?;
        let reply: Array = next_message(&worker)
            .await
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| failed(ReaderError::Malformed))?;
        match reply.get(0).as_string().as_deref() {
            Some("invalid") => Err(reply.get(1).as_string().unwrap_or_default()),
            Some("sealed-survey") => match (
                reply.get(1).as_string(),
                reply.get(2).dyn_into::<Uint8Array>().ok(),
            ) {
                (Some(key), Some(file)) => Ok(SealedSurvey {
                    key,
                    file: file.to_vec(),
                }),
                _ => Err(failed(ReaderError::Malformed)),
            },
            _ => Err(failed(ReaderError::Malformed)),
        }
    }
    .await;
    worker.terminate();
    outcome
}

/// The file a worker request names (its second item), read: at a URL, with the version read
/// (the write protocol starts from it), or the bytes the page sent.
enum Target {
    Url {
        url: String,
        first: crate::storage::protocol::Loaded,
    },
    Bytes(crate::model::Document),
}

impl Target {
    async fn read(message: &Array, fetch: &browser::Fetch) -> Result<Self, String> {
        match message.get(1).as_string() {
            Some(url) => {
                let first = crate::storage::protocol::load(fetch, &url)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(Self::Url { url, first })
            }
            None => {
                let bytes: Uint8Array = message
                    .get(1)
                    .dyn_into()
                    .map_err(|_| "the page sent no file".to_owned())?;
                let doc = crate::model::load(&bytes.to_vec()).map_err(|e| e.to_string())?;
                Ok(Self::Bytes(doc))
            }
        }
    }

    /// The file as read.
    fn doc(&self) -> &crate::model::Document {
        match self {
            Self::Url { first, .. } => &first.doc,
            Self::Bytes(doc) => doc,
        }
    }

    /// Runs `edit` on the file: at a URL through the write protocol (from the version read;
    /// a clash reads again and edits the newer copy), or on the bytes. The file as edited, and
    /// whether it came as bytes (so the page must store it).
    async fn edit(
        self,
        fetch: &browser::Fetch,
        edit: &mut dyn FnMut(
            &mut crate::model::Document,
        ) -> Result<bool, crate::storage::StoreError>,
    ) -> Result<(crate::model::Document, bool), String> {
        match self {
            Self::Url { url, first } => {
                let mut jitter = browser::random_unit;
                let doc =
                    crate::storage::protocol::edit_from(fetch, &url, first, edit, &mut jitter)
                        .await
                        .map_err(|e| e.to_string())?;
                Ok((doc, false))
            }
            Self::Bytes(mut doc) => {
                edit(&mut doc).map_err(|e| e.to_string())?;
                Ok((doc, true))
            }
        }
    }
}

/// The worker's side of sealing a survey: the reply to send.
async fn seal_survey_in_worker(message: Array) -> JsValue {
    let outcome = async {
        let mut fill = browser::random_source().map_err(|e| e.to_string())?;
        let key = crate::seal::ResultsKey::generate(&mut fill);
        let seed = (browser::random_unit() * 9.0e15) as u64;
        let mut seal = |doc: &mut crate::model::Document| {
            if doc.is_sealed() {
                return Err(crate::storage::StoreError::Edit(
                    "this survey is sealed already".into(),
                ));
            }
            let mut fresh_id = || {
                let mut bytes = [0u8; 16];
                fill(&mut bytes);
                crate::model::ResponseId::from_random_bytes(bytes)
            };
            let mut more = browser::random_source()
                .map_err(|e| crate::storage::StoreError::Edit(e.to_string()))?;
            let sealed = crate::release::seal_survey(doc, &key, &mut fresh_id, &mut more, seed)
                .map_err(|e| crate::storage::StoreError::Edit(e.to_string()))?;
            *doc = sealed.doc;
            Ok(true)
        };
        let fetch = browser::Fetch::default();
        let target = Target::read(&message, &fetch).await?;
        let (doc, _) = target.edit(&fetch, &mut seal).await?;
        Ok::<_, String>((key.to_text(), crate::model::to_canonical_bytes(&doc)))
    };
    match outcome.await {
        Ok((key, file)) => Array::of3(
            &"sealed-survey".into(),
            &JsValue::from_str(&key),
            &Uint8Array::from(file.as_slice()),
        )
        .into(),
        Err(why) => Array::of2(&"invalid".into(), &JsValue::from_str(&why)).into(),
    }
}

/// The worker's side of a release: the reply to send. The file is read once; its records are
/// opened on every core (see `helpers`); then the results are written, through the write
/// protocol starting from that read for a file at a URL (a clash reads again and publishes
/// on the newer copy, with the records already opened: a closed round's records never change).
async fn release_in_worker(message: Array) -> JsValue {
    let outcome = async {
        let key = message
            .get(2)
            .as_string()
            .and_then(|text| crate::release::read_key_file(&text).ok())
            .ok_or_else(|| NOT_A_KEY.to_owned())?;
        // The helpers load while the file is read.
        let helpers = helpers::start();
        let seed = (browser::random_unit() * 9.0e15) as u64;
        let fetch = browser::Fetch::default();
        let target = Target::read(&message, &fetch).await?;
        let first = target.doc();
        crate::release::check_key(first, &key).map_err(|e| e.to_string())?;
        let records = crate::release::records_to_release(first);
        let opened = helpers::open_all(&first.survey.id, &key, &records, helpers).await;
        let mut rounds = 0;
        let mut unopened = 0;
        let mut publish = |doc: &mut crate::model::Document| {
            // Records not exactly as opened above (none, unless the file changed in between)
            // are opened again where they are now.
            let released = opened
                .publish(doc, &key, seed)
                .map_err(|e| crate::storage::StoreError::Edit(e.to_string()))?;
            rounds = released.rounds.len();
            unopened = released.problems.len();
            let changed = rounds > 0;
            *doc = released.doc;
            Ok(changed)
        };
        // A file at a URL is written by the worker; bytes go back to the page.
        let (doc, from_bytes) = target.edit(&fetch, &mut publish).await?;
        let file = from_bytes.then(|| crate::model::to_canonical_bytes(&doc));
        Ok::<_, String>((rounds, unopened, file))
    };
    match outcome.await {
        Ok((rounds, unopened, file)) => {
            let reply = Array::of3(
                &"released".into(),
                &JsValue::from_f64(rounds as f64),
                &JsValue::from_f64(unopened as f64),
            );
            if let Some(file) = file {
                reply.push(&Uint8Array::from(file.as_slice()));
            }
            reply.into()
        }
        Err(why) => Array::of2(&"invalid".into(), &JsValue::from_str(&why)).into(),
    }
}

/// The worker's next message, or its error (it failed to load or to run).
async fn next_message(worker: &web_sys::Worker) -> Result<JsValue, ReaderError> {
    browser::next_worker_message(worker)
        .await
        .ok_or(ReaderError::Failed)
}

/// The worker's side: answers each request (a release, sealing a survey, key work, the
/// organisation view, a release helper's share of the records).
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let replies = replies.clone();
            // The worker has its own thread: no pauses between the steps.
            let data = event.data();
            // Key work for the set-up page (a new key, splitting, checking one).
            if crate::sealer::is_key_request(&data) {
                let _ = replies.post_message(&crate::sealer::key_answer(&data));
                return;
            }
            // The organisation view: many teams' files, read here and pooled.
            if org::is_request(&data) {
                org::serve(data, replies);
                return;
            }
            // A release helper's job (this worker started as another's helper).
            if helpers::is_open_request(&data) {
                let _ = replies.post_message(&helpers::opened_reply(&data));
                return;
            }
            let message = data.dyn_into::<Array>().ok();
            let kind = message.as_ref().and_then(|m| m.get(0).as_string());
            if let (Some(message), Some("release" | "seal-survey")) = (message, kind.as_deref()) {
                let replies = replies.clone();
                let sealing = kind.as_deref() == Some("seal-survey");
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = if sealing {
                        seal_survey_in_worker(message).await
                    } else {
                        release_in_worker(message).await
                    };
                    let _ = replies.post_message(&reply);
                });
                return;
            }
            let why = JsValue::from_str("the page sent the reader a request it does not know");
            let _ = replies.post_message(&Array::of2(&"invalid".into(), &why));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
