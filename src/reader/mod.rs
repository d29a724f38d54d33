//! The results page's file reader. A team file of [`WORKER_BYTES`] or more is read, checked
//! and drawn into a dashboard in a web worker (the `candor-reader` binary), so the page keeps
//! answering taps while a big file is parsed; a smaller file is read on the page, which is
//! quicker than starting a worker. Both run the same [`dashboard::prepare`]; on the page its
//! steps are separate tasks.
//!
//! The protocol is [`Request`] and [`Reply`], written as plain JavaScript values (no second
//! serialisation format in either wasm) by one function each way and read back strictly: a
//! reply that is not exactly what [`Reply::to_js`] writes is [`ReaderError::Malformed`], and
//! the page then reads the file itself, so nothing is lost. The worker first says `"ready"`
//! (a message sent before its wasm has started would be lost).
//!
//! The worker also releases closed rounds for the key holder ([`release`]): it holds the
//! code that opens sealed answers, which the results page itself never loads. And it reads
//! and pools the many team files of the organisation view ([`org`]).

pub mod helpers;
pub mod org;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::chart::SafeHtml;
use crate::dashboard::{self, Inputs, Mode, Prepared, Readouts};
use crate::i18n::{ResultsMsg, Texts};
use crate::storage::browser;

/// Files at least this big are read in the worker. Reading 10,000 responses (2.8 MB) takes
/// about 35 ms on a desktop (scripts/bench-browser.sh) and several times that on a phone; a
/// team's usual file (a few hundred responses) is far below this.
pub const WORKER_BYTES: usize = 1_000_000;

/// The worker's loader, beside the results page (Trunk writes it for the `candor-reader` bin).
const WORKER_URL: &str = "./candor-reader_loader.js";

/// What a release answers for a text that is no results key (the page says it in its own
/// language: `views::results::listeners`).
pub const NOT_A_KEY: &str =
    "that is not a results key (43 letters, digits, '-' and '_', or a key file)";

/// Why the worker could not give a dashboard.
#[derive(Debug, thiserror::Error)]
pub enum ReaderError {
    #[error("the file reader could not start or stopped")]
    Failed,
    #[error("the file reader sent an answer Candor cannot use")]
    Malformed,
}

/// A file's dashboard, and where it was drawn.
pub struct Read {
    pub prepared: Prepared,
    /// Drawn in the reader worker (shown on the page as `data-read-in`, for tests and
    /// whoever wonders why a big file opened smoothly).
    pub in_worker: bool,
}

/// What the page sends: the file's bytes, whether they are the offline copy, what to draw,
/// and the language file to draw it in (none: English).
pub struct Request {
    pub bytes: Vec<u8>,
    pub offline_copy: bool,
    pub mode: Mode,
    pub language: Option<String>,
}

/// What the worker answers: the dashboard, or the file's problems in words.
#[derive(Debug, PartialEq)]
pub enum Reply {
    Ready(Prepared),
    Invalid(String),
}

/// What the page supplies from the browser to draw a file.
fn inputs(offline_copy: bool, mode: Mode, texts: &Texts<ResultsMsg>) -> Inputs<'_> {
    Inputs {
        mode,
        texts,
        offline_copy,
        seed: (browser::random_unit() * 9.0e15) as u64,
        number: js_number,
        month: browser::month_label,
    }
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
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| failed(ReaderError::Failed))?;
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
    let worker = web_sys::Worker::new(worker_url).map_err(|_| failed(ReaderError::Failed))?;
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

/// Reads `bytes` as a team file and draws its dashboard (or retro mode's slides, as `mode`
/// says), in the worker when the file is big; `Err` holds the file's problems in words.
pub async fn prepare(
    bytes: Vec<u8>,
    offline_copy: bool,
    mode: Mode,
    texts: &Texts<ResultsMsg>,
) -> Result<Read, String> {
    if bytes.len() >= WORKER_BYTES {
        // If the worker cannot start (blocked, or its files missing) or answers nonsense, the
        // file is read here: slower, but complete.
        match in_worker(&bytes, offline_copy, mode, texts.source()).await {
            Ok(Reply::Ready(prepared)) => {
                return Ok(Read {
                    prepared,
                    in_worker: true,
                });
            }
            Ok(Reply::Invalid(why)) => return Err(why),
            Err(e) => browser::warn(&format!("reading on the page: {e}")),
        }
    }
    // On the page, one task per step (see `dashboard::prepare`).
    dashboard::prepare(&bytes, inputs(offline_copy, mode, texts), || {
        browser::sleep(0)
    })
    .await
    .map(|prepared| Read {
        prepared,
        in_worker: false,
    })
    .map_err(|e| e.to_string())
}

async fn in_worker(
    bytes: &[u8],
    offline_copy: bool,
    mode: Mode,
    language: Option<&str>,
) -> Result<Reply, ReaderError> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| ReaderError::Failed)?;
    let outcome = async {
        next_message(&worker).await?; // "ready"
        let (message, transfer) = Request::to_js(bytes, offline_copy, mode, language);
        // The bytes move to the worker rather than being copied once more.
        worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(|_| ReaderError::Failed)?;
        Reply::from_js(&next_message(&worker).await?)
    }
    .await;
    worker.terminate();
    outcome
}

/// The worker's next message, or its error (it failed to load or to run).
async fn next_message(worker: &web_sys::Worker) -> Result<JsValue, ReaderError> {
    browser::next_worker_message(worker)
        .await
        .ok_or(ReaderError::Failed)
}

/// The worker's side: answers each message with the dashboard of the file it carries.
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
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match Request::from_js(&event.data()) {
                    Some(request) => {
                        // A language file that cannot be read leaves the dashboard in English.
                        let texts = request
                            .language
                            .as_deref()
                            .and_then(|json| Texts::parse(json).ok())
                            .map(|(texts, _gaps)| texts)
                            .unwrap_or_default();
                        match dashboard::prepare(
                            &request.bytes,
                            inputs(request.offline_copy, request.mode, &texts),
                            || async {},
                        )
                        .await
                        {
                            Ok(prepared) => Reply::Ready(prepared),
                            Err(e) => Reply::Invalid(e.to_string()),
                        }
                    }
                    None => Reply::Invalid("the page sent the file reader no file".to_owned()),
                };
                let _ = replies.post_message(&reply.to_js());
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

impl Request {
    /// `[bytes, offline copy, mode, language file?]`, the mode as a number: 0 the dashboard,
    /// 1 the dashboard with the retro button, 2 retro mode.
    fn to_js(
        bytes: &[u8],
        offline_copy: bool,
        mode: Mode,
        language: Option<&str>,
    ) -> (Array, Array) {
        let array = Uint8Array::from(bytes);
        let transfer = Array::of1(&array.buffer());
        let mode = match mode {
            Mode::Dashboard { presentable } => u8::from(presentable),
            Mode::Retro => 2,
        };
        (
            Array::of4(
                &array,
                &JsValue::from_bool(offline_copy),
                &JsValue::from_f64(mode.into()),
                &language.map_or(JsValue::UNDEFINED, JsValue::from_str),
            ),
            transfer,
        )
    }

    fn from_js(message: &JsValue) -> Option<Self> {
        let message: &Array = message.dyn_ref()?;
        let bytes: Uint8Array = message.get(0).dyn_into().ok()?;
        let mode = match message.get(2).as_f64()? {
            0.0 => Mode::Dashboard { presentable: false },
            1.0 => Mode::Dashboard { presentable: true },
            2.0 => Mode::Retro,
            _ => return None,
        };
        let language = match message.get(3) {
            none if none.is_undefined() => None,
            text => Some(text.as_string()?),
        };
        Some(Self {
            bytes: bytes.to_vec(),
            offline_copy: message.get(1).as_bool()?,
            mode,
            language,
        })
    }
}

impl Reply {
    /// `["invalid", why]` or `["ready", survey_id, csv, cards: string[], readouts:
    /// [dimension, string[]][]]`.
    pub fn to_js(&self) -> JsValue {
        match self {
            Self::Invalid(why) => Array::of2(&"invalid".into(), &JsValue::from_str(why)).into(),
            Self::Ready(p) => {
                let readouts: Array = p
                    .readouts
                    .entries()
                    .iter()
                    .map(|(dimension, texts)| {
                        Array::of2(
                            &JsValue::from_str(dimension),
                            &strings(texts.iter().map(String::as_str)),
                        )
                    })
                    .collect();
                [
                    JsValue::from_str("ready"),
                    JsValue::from_str(&p.survey_id),
                    JsValue::from_str(&p.csv),
                    strings(p.cards.iter().map(SafeHtml::as_str)).into(),
                    readouts.into(),
                ]
                .iter()
                .collect::<Array>()
                .into()
            }
        }
    }

    /// The reply [`Reply::to_js`] wrote, or [`ReaderError::Malformed`] for anything else.
    pub fn from_js(reply: &JsValue) -> Result<Self, ReaderError> {
        Self::read(reply).ok_or(ReaderError::Malformed)
    }

    fn read(reply: &JsValue) -> Option<Self> {
        let reply: &Array = reply.dyn_ref()?;
        match reply.get(0).as_string()?.as_str() {
            "invalid" if reply.length() == 2 => Some(Self::Invalid(reply.get(1).as_string()?)),
            "ready" if reply.length() == 5 => {
                let readouts = reply
                    .get(4)
                    .dyn_into::<Array>()
                    .ok()?
                    .iter()
                    .map(|pair| {
                        let pair: Array = pair.dyn_into().ok()?;
                        Some((pair.get(0).as_string()?, texts(pair.get(1))?))
                    })
                    .collect::<Option<_>>()?;
                Some(Self::Ready(Prepared {
                    survey_id: reply.get(1).as_string()?,
                    csv: reply.get(2).as_string()?,
                    // Written by the dashboard's markup writer in the worker: this program.
                    cards: texts(reply.get(3))?
                        .into_iter()
                        .map(SafeHtml::from_own_worker)
                        .collect(),
                    readouts: Readouts::from_entries(readouts),
                }))
            }
            _ => None,
        }
    }
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Array {
    items.map(JsValue::from_str).collect()
}

/// Every item of a JavaScript array of strings, or `None` if it is anything else.
fn texts(value: JsValue) -> Option<Vec<String>> {
    value
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .map(|s| s.as_string())
        .collect()
}

/// JavaScript's shortest round-trip text of a number (see [`crate::stats::to_csv_with`]).
fn js_number(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}
