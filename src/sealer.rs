//! The sealer: a web worker (the `candor-sealer` binary) that seals answers and writes them
//! into the team file, so the respondent page, which needs that only on a tap, stays light.
//! The respondent page starts it when the form is on screen and keeps one ([`shared`]) for
//! sealing and delivering alike. The same client ([`Sealer`])
//! asks the results page's reader worker for key work (a new key, splitting one, checking
//! one): that code is never fetched by a phone that only answers.
//!
//! It seals records (HPKE, see `seal`) with randomness from the worker's own
//! `crypto.getRandomValues`, so it works wherever the page does, including plain HTTP on a LAN
//! where `crypto.subtle` does not exist; and it delivers a submission: reads the whole team
//! file, adds the submission and writes the file back (`storage::respondent::deliver_here`).
//!
//! The protocol is plain JavaScript arrays, written by one function and read back strictly (as
//! the reader's): `["seal", public_key, survey, [[kind, id, round, plaintext, padded_len]…]]`
//! is answered `["sealed", [text…]]`; `["deliver", source_key, submission_json, device_text or
//! undefined]` is answered `["delivered", bytes]` (the file as it now is) or
//! `["not-delivered", tag, status, text]` (a `storage::wire` error). Key requests, answered by
//! the reader worker: `["key"]` with `["key", secret, public]`, `["split", secret, shares,
//! needed]` with `["shares", [line…]]`, `["public", key or shares]` with `["public",
//! public_key]`. Anything that fails is `["failed", why]`. A worker first says `"ready"`.

use std::cell::RefCell;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::model::{ResponseId, Submission};
use crate::release::SealJob;
use crate::seal::{Kind, PublicKey, ResultsKey};
use crate::storage::browser;
use crate::storage::respondent::{self, Writer};
use crate::storage::{Source, StoreError, wire};

/// The sealer worker beside the respondent page (Trunk writes its loader there).
const SEALER_URL: &str = "./candor-sealer_loader.js";

thread_local! {
    /// The respondent page's one sealer, while nobody is using it (see [`shared`]).
    static IDLE: RefCell<Option<Sealer>> = const { RefCell::new(None) };
}

/// The respondent page's [`Writer`]: the sealer worker, or (for the browser tests, whose page
/// has no built workers beside it) the page itself.
#[cfg(not(feature = "deliver-on-page"))]
pub const WRITER: Courier = Courier;
#[cfg(feature = "deliver-on-page")]
pub const WRITER: respondent::OnPage = respondent::OnPage;

/// Answers written into the team file by the respondent page's sealer worker.
#[derive(Clone, Copy)]
pub struct Courier;

impl Writer for Courier {
    async fn write(
        &self,
        source: &Source,
        submission: &str,
        device_text: Option<&str>,
    ) -> Result<Vec<u8>, StoreError> {
        let mut worker = shared().map_err(|_| StoreError::WriterStopped)?;
        match worker.deliver(&source.key(), submission, device_text).await {
            Ok(outcome) => {
                put_back(worker);
                outcome
            }
            // The worker runs but could not read the delivery (a damaged outbox item, or an
            // older worker from a cache): kept, to try again, with the worker.
            Err(SealerError::Failed(why)) => {
                browser::warn(&why);
                put_back(worker);
                Err(StoreError::WriterStopped)
            }
            // It did not start, stopped or hangs: dropped (stopped), the next try starts anew.
            Err(SealerError::Unavailable) => Err(StoreError::WriterStopped),
        }
    }
}

/// Starts the respondent page's sealer now if it is not started yet, so it is downloaded and
/// compiled by the time the person sends.
pub fn warm() {
    IDLE.with(|idle| {
        let mut idle = idle.borrow_mut();
        if idle.is_none() {
            *idle = Sealer::start(SEALER_URL).ok();
        }
    });
}

/// The respondent page's sealer, taken for one piece of work (started now if it is not yet);
/// [`put_back`] returns it. Taken, not borrowed: no borrow is held across the wait, and two
/// pieces of work at once (an answer sent while the outbox is synced) each get a worker.
pub fn shared() -> Result<Sealer, SealerError> {
    match IDLE.with(|idle| idle.borrow_mut().take()) {
        Some(sealer) => Ok(sealer),
        None => Sealer::start(SEALER_URL),
    }
}

/// Returns a sealer taken with [`shared`] that did its work (one that failed is dropped, which
/// stops it, and the next piece of work starts a new one).
pub fn put_back(sealer: Sealer) {
    IDLE.with(|idle| *idle.borrow_mut() = Some(sealer));
}

/// Why the sealer could not do its work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SealerError {
    #[error(
        "this browser could not start the part of Candor that locks answers and keys (reload the page and try again)"
    )]
    Unavailable,
    #[error("that could not be done: {0}")]
    Failed(String),
}

/// A started sealer worker on the page's side.
pub struct Sealer {
    worker: web_sys::Worker,
    /// Settles with the worker's `"ready"`: listened for from the start, because the worker
    /// is started well before it is asked anything, and a message nobody listens for is lost.
    ready: Option<js_sys::Promise>,
    /// How long the first request waits for that `"ready"`.
    ready_limit_ms: u32,
}

impl Sealer {
    /// Starts the worker at `url` (its loader shim, written by Trunk beside the page).
    pub fn start(url: &str) -> Result<Self, SealerError> {
        let worker = browser::start_worker(url).map_err(|_| SealerError::Unavailable)?;
        let ready = browser::worker_message_promise(&worker);
        Ok(Self {
            worker,
            ready: Some(ready),
            ready_limit_ms: READY_LIMIT_MS,
        })
    }

    /// The same worker, given up if it has not said it is ready within `millis` of the first
    /// request (rather than `READY_LIMIT_MS`; for tests).
    pub fn ready_within(mut self, millis: u32) -> Self {
        self.ready_limit_ms = millis;
        self
    }

    /// Sends `message` and waits at most `limit_ms` for the reply (after the worker said it is
    /// ready, which it must within [`READY_LIMIT_MS`]): a worker that failed to load in a way
    /// its page is not told of, or that hangs, is then given up (and stopped when dropped).
    async fn request(&mut self, message: &JsValue, limit_ms: u32) -> Result<Array, SealerError> {
        if let Some(ready) = self.ready.take() {
            browser::within(ready, self.ready_limit_ms)
                .await
                .ok_or(SealerError::Unavailable)?;
        }
        let reply = browser::worker_message_promise(&self.worker);
        self.worker
            .post_message(message)
            .map_err(|_| SealerError::Unavailable)?;
        let reply: Array = browser::within(reply, limit_ms)
            .await
            .and_then(|event| event.dyn_into::<web_sys::MessageEvent>().ok())
            .ok_or(SealerError::Unavailable)?
            .data()
            .dyn_into()
            .map_err(|_| SealerError::Unavailable)?;
        match reply.get(0).as_string().as_deref() {
            Some("failed") => Err(SealerError::Failed(
                reply.get(1).as_string().unwrap_or_default(),
            )),
            _ => Ok(reply),
        }
    }

    /// Seals `jobs` for `survey` to `public_key`: one text per job, in order.
    pub async fn seal(
        &mut self,
        public_key: &str,
        survey: &str,
        jobs: &[SealJob],
    ) -> Result<Vec<String>, SealerError> {
        let reply = self
            .request(
                &seal_request(public_key, survey, jobs).into(),
                WORK_LIMIT_MS,
            )
            .await?;
        let texts: Option<Vec<String>> = match reply.get(0).as_string().as_deref() {
            Some("sealed") => reply
                .get(1)
                .dyn_into::<Array>()
                .ok()
                .and_then(|texts| texts.iter().map(|t| t.as_string()).collect()),
            _ => None,
        };
        texts
            .filter(|texts| texts.len() == jobs.len())
            .ok_or(SealerError::Unavailable)
    }

    /// Delivers a submission (its JSON) to the team file at the source with key `source` (for
    /// this device's store, to its text `device_text`): the file's new bytes, or why the
    /// worker could not deliver it.
    pub async fn deliver(
        &mut self,
        source: &str,
        submission: &str,
        device_text: Option<&str>,
    ) -> Result<Result<Vec<u8>, StoreError>, SealerError> {
        let message: Array = [
            JsValue::from_str("deliver"),
            JsValue::from_str(source),
            JsValue::from_str(submission),
            device_text.map_or(JsValue::UNDEFINED, JsValue::from_str),
        ]
        .iter()
        .collect();
        let reply = self.request(&message.into(), DELIVERY_LIMIT_MS).await?;
        match reply.get(0).as_string().as_deref() {
            Some("delivered") => reply
                .get(1)
                .dyn_into::<Uint8Array>()
                .map(|bytes| Ok(bytes.to_vec()))
                .map_err(|_| SealerError::Unavailable),
            Some("not-delivered") => {
                let code = reply
                    .get(2)
                    .as_f64()
                    .filter(|c| (0.0..=999.0).contains(c) && c.fract() == 0.0);
                match (reply.get(1).as_string(), code, reply.get(3).as_string()) {
                    (Some(tag), Some(code), Some(text)) => wire::read(&tag, code as u16, text)
                        .map(Err)
                        .ok_or(SealerError::Unavailable),
                    _ => Err(SealerError::Unavailable),
                }
            }
            _ => Err(SealerError::Unavailable),
        }
    }

    /// The key `secret` (its text) split into `shares` shares, any `needed` of which give it
    /// back: one line of text per share.
    pub async fn split(
        &mut self,
        secret: &str,
        shares: u8,
        needed: u8,
    ) -> Result<Vec<String>, SealerError> {
        let message: Array = [
            JsValue::from_str("split"),
            JsValue::from_str(secret),
            JsValue::from_f64(shares.into()),
            JsValue::from_f64(needed.into()),
        ]
        .iter()
        .collect();
        let reply = self.request(&message.into(), WORK_LIMIT_MS).await?;
        let lines: Option<Vec<String>> = match reply.get(0).as_string().as_deref() {
            Some("shares") => reply
                .get(1)
                .dyn_into::<Array>()
                .ok()
                .and_then(|lines| lines.iter().map(|l| l.as_string()).collect()),
            _ => None,
        };
        lines
            .filter(|lines| lines.len() == usize::from(shares))
            .ok_or(SealerError::Unavailable)
    }

    /// The public key of a results key given as text (the key, a key file, or enough shares):
    /// to check it against a survey's file.
    pub async fn public_of(&mut self, key: &str) -> Result<String, SealerError> {
        let reply = self
            .request(
                &Array::of2(&"public".into(), &key.into()).into(),
                WORK_LIMIT_MS,
            )
            .await?;
        match (
            reply.get(0).as_string().as_deref(),
            reply.get(1).as_string(),
        ) {
            (Some("public"), Some(public)) => Ok(public),
            _ => Err(SealerError::Unavailable),
        }
    }

    /// A new results key: (secret text, public text).
    pub async fn new_key(&mut self) -> Result<(String, String), SealerError> {
        let reply = self
            .request(&Array::of1(&"key".into()).into(), WORK_LIMIT_MS)
            .await?;
        match (
            reply.get(0).as_string().as_deref(),
            reply.get(1).as_string(),
            reply.get(2).as_string(),
        ) {
            (Some("key"), Some(secret), Some(public)) => Ok((secret, public)),
            _ => Err(SealerError::Unavailable),
        }
    }
}

/// A new results key made by the browser's own WebCrypto X25519, where it has one (a secure
/// context in a current browser): no worker to fetch. Its JWK export is exactly the text form
/// Candor uses (`d`: the secret, `x`: the public key, unpadded base64url of 32 bytes). `None`
/// where WebCrypto or X25519 is missing (plain HTTP on a LAN): then the sealer worker makes it.
pub async fn webcrypto_key() -> Option<(String, String)> {
    use js_sys::{Function, Object, Promise, Reflect};
    let get = |target: &JsValue, name: &str| Reflect::get(target, &name.into()).ok();
    let subtle = get(&js_sys::global(), "crypto").and_then(|c| get(&c, "subtle"))?;
    if subtle.is_undefined() {
        return None;
    }
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"X25519".into()).ok()?;
    let generate: Function = get(&subtle, "generateKey")?.dyn_into().ok()?;
    let usages = Array::of1(&"deriveBits".into());
    let pair: Promise = generate
        .call3(&subtle, &algorithm, &JsValue::TRUE, &usages)
        .ok()?
        .dyn_into()
        .ok()?;
    let pair = JsFuture::from(pair).await.ok()?;
    let export: Function = get(&subtle, "exportKey")?.dyn_into().ok()?;
    let jwk: Promise = export
        .call2(&subtle, &"jwk".into(), &get(&pair, "privateKey")?)
        .ok()?
        .dyn_into()
        .ok()?;
    let jwk = JsFuture::from(jwk).await.ok()?;
    let secret = get(&jwk, "d")?.as_string()?;
    let public = get(&jwk, "x")?.as_string()?;
    let fits = |text: &str| text.len() == 43 && crate::seal::is_sealed_alphabet(text);
    (fits(&secret) && fits(&public)).then_some((secret, public))
}

impl Drop for Sealer {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn seal_request(public_key: &str, survey: &str, jobs: &[SealJob]) -> Array {
    let jobs: Array = jobs
        .iter()
        .map(|job| {
            let kind = match job.kind {
                Kind::Answers => "answers",
                Kind::Comment => "comment",
            };
            let fields: Array = [
                JsValue::from_str(kind),
                JsValue::from_str(&job.id.to_string()),
                JsValue::from_str(&job.round),
                Uint8Array::from(job.plaintext.as_slice()).into(),
                JsValue::from_f64(job.padded_len as f64),
            ]
            .iter()
            .collect();
            JsValue::from(fields)
        })
        .collect();
    [
        JsValue::from_str("seal"),
        JsValue::from_str(public_key),
        JsValue::from_str(survey),
        jobs.into(),
    ]
    .iter()
    .collect()
}

/// Reads one job back; `None` for anything [`seal_request`] does not write.
fn read_job(value: JsValue) -> Option<SealJob> {
    let fields: Array = value.dyn_into().ok()?;
    let kind = match fields.get(0).as_string()?.as_str() {
        "answers" => Kind::Answers,
        "comment" => Kind::Comment,
        _ => return None,
    };
    let padded = fields.get(4).as_f64()?;
    Some(SealJob {
        kind,
        id: ResponseId::parse(&fields.get(1).as_string()?)?,
        round: fields.get(2).as_string()?,
        plaintext: fields.get(3).dyn_into::<Uint8Array>().ok()?.to_vec(),
        padded_len: ((0.0..=65_536.0).contains(&padded) && padded.fract() == 0.0)
            .then_some(padded as usize)?,
    })
}

/// Longest wait for a worker to say it is ready: downloading and compiling it on a slow phone
/// and network takes seconds, not a minute.
const READY_LIMIT_MS: u32 = 60_000;
/// Longest wait for sealing or key work.
const WORK_LIMIT_MS: u32 = 60_000;
/// Longest wait for a delivery: longer than the write protocol's whole sequence of attempts
/// (each request has its own 15-second limit), so only a worker that hangs reaches it.
const DELIVERY_LIMIT_MS: u32 = 300_000;

/// The worker's side: answers each request.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let failed = |why: String| Array::of2(&"failed".into(), &JsValue::from_str(&why));
            let request = event.data();
            if let Some(delivery) = read_delivery(&request) {
                // Reading and writing the file waits for the network: answered when done.
                let replies = replies.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = match delivery {
                        Ok((source, submission, device_text)) => delivery_reply(
                            respondent::deliver_here(&source, &submission, device_text.as_deref())
                                .await,
                        ),
                        Err(why) => failed(why).into(),
                    };
                    let _ = replies.post_message(&reply);
                });
                return;
            }
            let reply = answer(&request).unwrap_or_else(|why| failed(why).into());
            let _ = replies.post_message(&reply);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// A delivery request read back: `None` if the message is not one, an error if it is one the
/// worker cannot read.
type Delivery = (Source, Submission, Option<String>);

fn read_delivery(message: &JsValue) -> Option<Result<Delivery, String>> {
    let request: &Array = message.dyn_ref()?;
    if request.get(0).as_string().as_deref() != Some("deliver") {
        return None;
    }
    let malformed = || "the page sent the sealer a delivery it cannot read".to_owned();
    let source = request
        .get(1)
        .as_string()
        .and_then(|key| Source::from_key(&key));
    let submission = request
        .get(2)
        .as_string()
        .and_then(|json| serde_json::from_str::<Submission>(&json).ok());
    let device_text = request.get(3);
    Some(match (source, submission) {
        (Some(source), Some(submission))
            if device_text.is_undefined() || device_text.is_string() =>
        {
            Ok((source, submission, device_text.as_string()))
        }
        _ => Err(malformed()),
    })
}

/// The reply to a delivery: the file's new bytes, or the error in its wire form.
fn delivery_reply(outcome: Result<Vec<u8>, StoreError>) -> JsValue {
    match outcome {
        Ok(bytes) => Array::of2(
            &"delivered".into(),
            &Uint8Array::from(bytes.as_slice()).into(),
        )
        .into(),
        Err(error) => {
            let (tag, code, text) = wire::write(&error);
            Array::of4(
                &"not-delivered".into(),
                &tag.into(),
                &JsValue::from_f64(code.into()),
                &JsValue::from_str(&text),
            )
            .into()
        }
    }
}

fn answer(message: &JsValue) -> Result<JsValue, String> {
    let malformed = || "the page sent the sealer a request it cannot read".to_owned();
    let request: &Array = message.dyn_ref().ok_or_else(malformed)?;
    let mut fill = browser::random_source().map_err(|e| e.to_string())?;
    match request.get(0).as_string().as_deref() {
        Some("seal") => seal_answer(request, &mut fill),
        _ => Err(malformed()),
    }
}

/// Whether a worker message is a key request ([`key_answer`]): the reader worker answers
/// those for the set-up page, so the respondent's sealer carries no key code.
pub fn is_key_request(message: &JsValue) -> bool {
    message
        .dyn_ref::<Array>()
        .and_then(|m| m.get(0).as_string())
        .is_some_and(|kind| matches!(kind.as_str(), "key" | "split" | "public"))
}

/// Answers a key request: `["key"]`, `["split", secret, shares, needed]` or
/// `["public", key or shares]` (or `["failed", why]`).
pub fn key_answer(message: &JsValue) -> JsValue {
    key_request(message)
        .unwrap_or_else(|why| Array::of2(&"failed".into(), &JsValue::from_str(&why)).into())
}

fn key_request(message: &JsValue) -> Result<JsValue, String> {
    let malformed = || "the page sent a key request Candor cannot read".to_owned();
    let request: &Array = message.dyn_ref().ok_or_else(malformed)?;
    let mut fill = browser::random_source().map_err(|e| e.to_string())?;
    match request.get(0).as_string().as_deref() {
        Some("key") => {
            let key = ResultsKey::generate(&mut fill);
            Ok(Array::of3(
                &"key".into(),
                &JsValue::from_str(&key.to_text()),
                &JsValue::from_str(&key.public().to_text()),
            )
            .into())
        }
        Some("public") => {
            let key = request
                .get(1)
                .as_string()
                .ok_or_else(malformed)
                .and_then(|text| crate::release::read_key_file(&text).map_err(|e| e.to_string()))?;
            Ok(Array::of2(
                &"public".into(),
                &JsValue::from_str(&key.public().to_text()),
            )
            .into())
        }
        Some("split") => {
            let key = request
                .get(1)
                .as_string()
                .and_then(|text| ResultsKey::from_text(&text).ok())
                .ok_or("that is not a results key")?;
            let count = |i| {
                request
                    .get(i)
                    .as_f64()
                    .filter(|n| (0.0..=255.0).contains(n))
            };
            let (shares, needed) = (
                count(2).ok_or_else(malformed)?,
                count(3).ok_or_else(malformed)?,
            );
            let lines: Array = crate::seal::split(&key, shares as u8, needed as u8, &mut fill)
                .map_err(|e| e.to_string())?
                .iter()
                .map(|line| JsValue::from_str(line))
                .collect();
            Ok(Array::of2(&"shares".into(), &lines).into())
        }
        _ => Err(malformed()),
    }
}

fn seal_answer(request: &Array, fill: &mut impl FnMut(&mut [u8])) -> Result<JsValue, String> {
    let malformed = || "the page sent the sealer a request it cannot read".to_owned();
    let public = request
        .get(1)
        .as_string()
        .and_then(|text| PublicKey::from_text(&text).ok())
        .ok_or("the survey's results key is damaged")?;
    let survey = request.get(2).as_string().ok_or_else(malformed)?;
    let jobs: Vec<SealJob> = request
        .get(3)
        .dyn_into::<Array>()
        .map_err(|_| malformed())?
        .iter()
        .map(read_job)
        .collect::<Option<_>>()
        .ok_or_else(malformed)?;
    let texts: Array = jobs
        .iter()
        .map(|job| {
            job.seal(&survey, &public, fill)
                .map(|text| JsValue::from_str(&text))
        })
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    Ok(Array::of2(&"sealed".into(), &texts).into())
}
