//! The browser side of storage: this device's store and records in localStorage, the outbox's
//! storage, fresh random ids from `crypto.getRandomValues`, and the fetch transport.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCache, RequestInit, Response};

use super::outbox::Outbox;
use super::protocol::{self, Precondition, Reply, Transport};
use super::{Source, StoreError};
use crate::model::{self, Change, Document, ResponseId};

/// localStorage key of the file kept on this device.
const DEVICE_FILE: &str = "candor:device-file";
/// localStorage key of the outbox.
const OUTBOX: &str = "candor:outbox";
/// Where an unreadable outbox is set aside instead of being overwritten.
const OUTBOX_UNREADABLE: &str = "candor:outbox-unreadable";
/// localStorage key of this device's own responses (source + round -> response id).
const MINE: &str = "candor:mine";
/// localStorage key set when the person on this device said it is shared (passed from person
/// to person): it then remembers nobody's response. Holds "1"; says nothing about answers.
const SHARED: &str = "candor:shared-device";
/// localStorage key of the results keys kept in this browser (survey id -> secret key), for
/// the facilitator's own browser only: a browser that collects answers never keeps one.
const KEYS: &str = "candor:results-keys";
/// localStorage key of the submissions from this phone's outbox that the team file refused
/// (the round closed before they arrived): why, per file, until the page has said so.
pub(super) const REFUSED: &str = "candor:refused";
/// localStorage key of the interface language chosen on this device (a code such as "de"),
/// kept only on a device the person did not say is shared.
const LANGUAGE: &str = "candor:language";
/// Longest wait for one request.
const TIMEOUT_MS: i32 = 15_000;

fn storage() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| StoreError::Storage("browser storage is turned off".into()))
}

pub(super) fn read(key: &str) -> Result<Option<String>, StoreError> {
    storage()?
        .get_item(key)
        .map_err(|e| StoreError::Storage(js_text(&e)))
}

pub(super) fn write(key: &str, value: &str) -> Result<(), StoreError> {
    storage()?
        .set_item(key, value)
        .map_err(|e| StoreError::Storage(js_text(&e)))
}

fn js_text(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// A fresh response id from the browser's cryptographic RNG.
pub fn random_id() -> Result<ResponseId, StoreError> {
    let mut bytes = [0u8; 16];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| StoreError::Storage("no cryptographic random source".into()))?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|e| StoreError::Storage(js_text(&e)))?;
    Ok(ResponseId::from_random_bytes(bytes))
}

/// The browser's cryptographic random source as a `fill` function, for sealing. Fails when
/// the browser has none (then nothing is sealed, and nothing is sent).
pub fn random_source() -> Result<impl FnMut(&mut [u8]), StoreError> {
    // `crypto` of whatever global this runs in: a page's window or a worker's scope.
    let crypto: web_sys::Crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| StoreError::Storage("no cryptographic random source".into()))?;
    Ok(move |dst: &mut [u8]| {
        // `getRandomValues` fills at most 65,536 bytes per call; sealing asks for 32.
        for chunk in dst.chunks_mut(65_536) {
            if crypto.get_random_values_with_u8_array(chunk).is_err() {
                // Weak randomness would break the seal for good: stop rather than go on.
                wasm_bindgen::throw_str("the cryptographic random source failed");
            }
        }
    })
}

/// Starts the worker whose loader is at `url` (relative to the page), at the address this build
/// gave it ([`super::worker_address`], from the page's `candor-workers` meta).
pub fn start_worker(url: &str) -> Result<web_sys::Worker, JsValue> {
    let versions = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='candor-workers']")
                .ok()
                .flatten()
        })
        // The property, not `getAttribute`: one import less on every page.
        .and_then(|meta| js_sys::Reflect::get(&meta, &"content".into()).ok())
        .and_then(|content| content.as_string())
        .unwrap_or_default();
    web_sys::Worker::new(&super::worker_address(url, &versions))
}

/// A promise of a worker's next message event (rejected if the worker fails to load or run).
/// Setting it up replaces the worker's handlers: one message is awaited at a time.
pub fn worker_message_promise(worker: &web_sys::Worker) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    })
}

/// A worker's next message, or `None` if it failed to load or run.
pub async fn next_worker_message(worker: &web_sys::Worker) -> Option<JsValue> {
    let event: web_sys::MessageEvent = JsFuture::from(worker_message_promise(worker))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    Some(event.data())
}

/// A note for whoever opens the browser's console (something went wrong, and was handled).
pub fn warn(text: &str) {
    web_sys::console::warn_1(&JsValue::from_str(text));
}

/// The month a round opened in (`opened`: "2026-12-01"), named in `language` by the
/// browser's own calendar ("diciembre de 2026", "ديسمبر 2026"), with Latin digits as
/// everywhere else on the page. `None` when the browser has no names for that language.
pub fn month_label(opened: &str, language: &str) -> Option<String> {
    let day = js_sys::Date::new(&format!("{opened}T12:00:00Z").into());
    let options = js_sys::Object::new();
    for (key, value) in [("month", "long"), ("year", "numeric"), ("timeZone", "UTC")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let text: String = day
        .to_locale_date_string(&format!("{language}-u-nu-latn"), &options)
        .into();
    (!text.is_empty() && text != "Invalid Date").then_some(text)
}

/// A number in [0, 1), for jitter and shuffles (not for ids).
pub fn random_unit() -> f64 {
    js_sys::Math::random()
}

// ---- this device's store ----

/// Replaces this device's file by `new` (bytes of a valid team file, as the reader worker
/// wrote them), only if it is still exactly `old`: another tab may have added answers since.
pub fn device_replace(old: &[u8], new: &[u8]) -> Result<(), StoreError> {
    let current = read(DEVICE_FILE)?.unwrap_or_default();
    if current.as_bytes() != old {
        return Err(StoreError::Busy);
    }
    let text = std::str::from_utf8(new)
        .map_err(|_| StoreError::Storage("the released file is not text".into()))?;
    write(DEVICE_FILE, text)
}

/// The text of the file kept on this device, if any, unchecked.
pub fn device_text() -> Result<Option<String>, StoreError> {
    read(DEVICE_FILE)
}

/// The file kept on this device, if any.
pub fn device_load() -> Result<Option<Document>, StoreError> {
    match read(DEVICE_FILE)? {
        None => Ok(None),
        Some(text) => model::load(text.as_bytes())
            .map(Some)
            .map_err(StoreError::Invalid),
    }
}

/// Replaces the file kept on this device (validated first: an invalid file is never stored).
pub fn device_save(doc: &Document) -> Result<(), StoreError> {
    let problems = model::validate(doc);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(model::FileError { problems }));
    }
    let bytes = model::to_canonical_bytes(doc);
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Storage(e.to_string()))?;
    write(DEVICE_FILE, &text)
}

// ---- loading and delivering, whatever the source ----

/// The team file's bytes as read from its source, unchecked, and whether they are the
/// offline copy (for a reader that checks them elsewhere, e.g. in a worker).
pub async fn read_file(source: &Source) -> Result<(Vec<u8>, bool), StoreError> {
    match source {
        Source::Device => read(DEVICE_FILE)?
            .map(|text| (text.into_bytes(), false))
            .ok_or(StoreError::NotFound),
        Source::Remote(url) => {
            let fetch = Fetch::default();
            let reply = protocol::read(&fetch, url).await?;
            Ok((reply.body, fetch.offline_copy.get()))
        }
    }
}

/// The team file's bytes at its source, unchecked, read to be changed: a URL's reply must
/// carry the ETag that the write protocol's conditional writes need.
pub async fn writable_bytes(source: &Source) -> Result<Vec<u8>, StoreError> {
    match source {
        Source::Device => read(DEVICE_FILE)?
            .map(String::into_bytes)
            .ok_or(StoreError::NotFound),
        Source::Remote(url) => {
            let reply = protocol::read(&Fetch::default(), url).await?;
            reply.etag.ok_or(StoreError::NoEtag)?;
            Ok(reply.body)
        }
    }
}

/// The team file's bytes exactly as stored (for "download the team file"), without parsing
/// and writing it again.
pub async fn stored_bytes(source: &Source) -> Result<Vec<u8>, StoreError> {
    read_file(source).await.map(|(bytes, _)| bytes)
}

/// Makes a facilitator's change to the file at its source and returns the file as it now is.
pub async fn change(source: &Source, change: &Change) -> Result<Document, StoreError> {
    match source {
        Source::Device => {
            let mut doc = device_load()?.ok_or(StoreError::NotFound)?;
            if doc
                .change(change)
                .map_err(|e| StoreError::Edit(e.to_string()))?
            {
                device_save(&doc)?;
            }
            Ok(doc)
        }
        Source::Remote(url) => {
            let mut random = random_unit;
            protocol::change(&Fetch::default(), url, change, &mut random).await
        }
    }
}

/// Creates a new team file at its source from `text` (a valid team file, as the set-up
/// page's desk made it); never replaces an existing one.
pub async fn create(source: &Source, text: &str) -> Result<(), StoreError> {
    match source {
        Source::Device => {
            // Whatever is there, valid or not, stays: a new survey never replaces it.
            if device_text()?.is_some() {
                return Err(StoreError::AlreadyExists);
            }
            write(DEVICE_FILE, text)
        }
        Source::Remote(url) => {
            protocol::create_bytes(&Fetch::default(), url, text.as_bytes().to_vec()).await
        }
    }
}

/// The storage check of a URL (see [`protocol::check_location`]).
pub async fn check_location(url: &str) -> Result<protocol::LocationCheck, StoreError> {
    protocol::check_location(&Fetch::default(), url).await
}

/// The outbox as stored. An unreadable outbox is moved aside, never overwritten.
pub fn load_outbox() -> Result<Outbox, StoreError> {
    let text = read(OUTBOX)?;
    match Outbox::parse(text.as_deref()) {
        Ok(outbox) => Ok(outbox),
        Err(unreadable) => {
            write(OUTBOX_UNREADABLE, &unreadable)?;
            Ok(Outbox::default())
        }
    }
}

pub(super) fn save_outbox(outbox: &Outbox) -> Result<(), StoreError> {
    write(OUTBOX, &outbox.to_json())
}

// ---- this device's own responses ----

fn mine_key(source: &Source, round: &str) -> String {
    format!("{}|{round}", source.key())
}

/// The records, one per line: `<source key>|<round> <id>[,<id>]` (the answers record and,
/// when there was a comment, the comment record). Plain text rather than JSON keeps another
/// map type and its parser out of the wasm.
fn load_mine() -> Vec<(String, Vec<ResponseId>)> {
    read(MINE)
        .ok()
        .flatten()
        .map(|text| {
            text.lines()
                .filter_map(|line| {
                    let (key, ids) = line.rsplit_once(' ')?;
                    let ids: Option<Vec<ResponseId>> =
                        ids.split(',').map(ResponseId::parse).collect();
                    Some((key.to_owned(), ids?))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The ids of the records this device sent in a round, if it remembers them (never their
/// content).
pub fn my_response(source: &Source, round: &str) -> Option<Vec<ResponseId>> {
    let key = mine_key(source, round);
    load_mine()
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, ids)| ids)
}

/// Remembers (or, with an empty list, forgets) the records this device sent in a round. Kept
/// only on this device, never in the shared file.
pub fn remember_mine(source: &Source, round: &str, ids: &[ResponseId]) {
    let key = mine_key(source, round);
    let mut mine = load_mine();
    mine.retain(|(k, _)| *k != key);
    if !ids.is_empty() {
        mine.push((key, ids.to_vec()));
    }
    save_mine(&mine);
}

/// Forgets this device's records of `source` for every round that is not open any more (or
/// gone): they can no longer be changed, so nothing is gained by keeping them, and the next
/// person on the device should not learn that this one answered.
pub fn forget_closed_rounds(source: &Source, open_round: Option<&str>) {
    let prefix = format!("{}|", source.key());
    let mut mine = load_mine();
    let before = mine.len();
    mine.retain(|(key, _)| match key.strip_prefix(&prefix) {
        Some(round) => Some(round) == open_round,
        None => true,
    });
    if mine.len() != before {
        save_mine(&mine);
    }
}

/// Whether the person on this device said it is shared (see [`set_shared_device`]).
pub fn is_shared_device() -> bool {
    read(SHARED).ok().flatten().is_some()
}

/// Marks this device as shared (it then remembers nobody's response, and forgets those it
/// remembered), or as personal again.
pub fn set_shared_device(shared: bool) {
    if shared {
        let _ = write(SHARED, "1");
        save_mine(&[]);
        forget_language();
    } else if let Ok(storage) = storage() {
        let _ = storage.remove_item(SHARED);
    }
}

/// The interface language chosen on this device, if one was.
pub fn chosen_language() -> Option<String> {
    read(LANGUAGE).ok().flatten()
}

/// Remembers the language chosen on this device, unless the device is shared: the next
/// person to hold it would see which language the last one read in, and in a team with one
/// speaker of it, that names them.
pub fn keep_language(code: &str) {
    if !is_shared_device() {
        let _ = write(LANGUAGE, code);
    }
}

/// Forgets the language chosen on this device (the browser's own preference applies again).
pub fn forget_language() {
    if let Ok(storage) = storage() {
        let _ = storage.remove_item(LANGUAGE);
    }
}

/// The browser's preferred languages, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// The text at `url` (relative to the page), through Candor's service worker: for the app's
/// own files, such as a language file. Past the service worker, the server is asked whether
/// the browser's cached copy is still current (`no-cache`): a language file's name does not
/// change with the build, and a copy from the build before lists its texts in another order,
/// which the page refuses whole (`i18n::Texts::from_part`) and shows English. The reason it
/// failed is plain text, not a [`StoreError`]: a page that fetches only its own files (the
/// organisation page) then carries none of the team file's error messages.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let failed = |e: JsValue| format!("{url} ({})", js_text(&e));
    let window = web_sys::window().ok_or_else(|| failed(JsValue::from_str("no window")))?;
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoCache);
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .and_then(|r| r.dyn_into())
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("{url} (HTTP {})", response.status()));
    }
    JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .ok_or_else(|| failed(JsValue::from_str("not text")))
}

fn save_mine(mine: &[(String, Vec<ResponseId>)]) {
    let text: String = mine
        .iter()
        .map(|(k, ids)| {
            let ids: Vec<String> = ids.iter().map(ResponseId::to_string).collect();
            format!("{k} {}\n", ids.join(","))
        })
        .collect();
    let _ = write(MINE, &text);
}

// ---- results keys kept in this browser ----

/// The results key kept in this browser for a survey, if any (its text).
pub fn kept_key(survey: &str) -> Option<String> {
    read(KEYS).ok().flatten().and_then(|text| {
        text.lines()
            .filter_map(|line| line.split_once(' '))
            .find(|(id, _)| *id == survey)
            .map(|(_, key)| key.to_owned())
    })
}

/// Keeps (or, with `None`, forgets) a survey's results key in this browser.
pub fn keep_key(survey: &str, key: Option<&str>) -> Result<(), StoreError> {
    let text = read(KEYS)?.unwrap_or_default();
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|line| line.split_once(' ').is_some_and(|(id, _)| id != survey))
        .collect();
    let line;
    if let Some(key) = key {
        line = format!("{survey} {key}");
        lines.push(&line);
    }
    write(KEYS, &lines.join("\n"))
}

// ---- the fetch transport ----

/// The protocol's transport in the browser: `fetch` with `cache: no-store`, a timeout, and
/// errors mapped to what the person holding the phone can act on.
#[derive(Default)]
pub struct Fetch {
    /// Set when a read was answered by Candor's service worker from its last copy of the
    /// file, because the network failed (it marks such replies with `Candor-Offline-Copy`).
    offline_copy: std::cell::Cell<bool>,
}

/// The read of the team file that the page's inline script started as the page arrived
/// (assets/early-read.js), if the app's first request is a plain read of that same address:
/// the file is then not fetched twice and arrives a round trip sooner. It was made with the
/// options `Fetch::request` uses (no-store, abortable), so it answers the same way. Any other
/// first request ends it unused: a read started at load must not stand in for a later one.
fn take_early_read(
    window: &web_sys::Window,
    url: &str,
    plain_read: bool,
) -> Option<(js_sys::Promise, AbortController)> {
    const KEY: &str = "candorEarlyRead";
    let early = js_sys::Reflect::get(window, &KEY.into()).ok()?;
    if early.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(window, &KEY.into());
    let field = |name: &str| js_sys::Reflect::get(&early, &name.into()).ok();
    let controller: AbortController = field("controller")?.dyn_into().ok()?;
    let href = window.location().href().ok()?;
    let wanted = web_sys::Url::new_with_base(url, &href).ok()?.href();
    if !plain_read || field("url")?.as_string()? != wanted {
        controller.abort();
        return None;
    }
    Some((field("reply")?.dyn_into().ok()?, controller))
}

/// The header the service worker adds to a team file it serves from its cache.
const OFFLINE_COPY_HEADER: &str = "candor-offline-copy";

// The global `fetch` and timers, which a page's window and a worker's scope both have: the
// reader worker writes released results through the same protocol as the page.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &Request) -> js_sys::Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn global_set_timeout(handler: &JsValue, millis: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn global_clear_timeout(id: &JsValue);
}

/// Whether the browser believes it is online (`navigator.onLine`, on a page or in a worker).
fn on_line() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"onLine".into()))
        .map_or(true, |on| on.as_bool() != Some(false))
}

impl Fetch {
    async fn request(
        &self,
        method: &str,
        url: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Result<Reply, StoreError> {
        let failed = |e: JsValue| StoreError::Unreachable(format!("{url} ({})", js_text(&e)));
        let plain_read = method == "GET" && body.is_none() && headers.is_empty();
        let early = web_sys::window().and_then(|w| take_early_read(&w, url, plain_read));
        let (reply, controller) = match early {
            Some(early) => early,
            None => {
                let init = RequestInit::new();
                init.set_method(method);
                init.set_cache(RequestCache::NoStore);
                let header_map = Headers::new().map_err(failed)?;
                for (name, value) in headers {
                    header_map.set(name, value).map_err(failed)?;
                }
                init.set_headers(&header_map);
                if let Some(body) = body {
                    init.set_body(&Uint8Array::from(body.as_slice()).into());
                }
                let controller = AbortController::new().map_err(failed)?;
                init.set_signal(Some(&controller.signal()));
                let request = Request::new_with_str_and_init(url, &init).map_err(failed)?;
                (global_fetch(&request), controller)
            }
        };
        let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
        let timer = global_set_timeout(&abort, TIMEOUT_MS);
        let result = JsFuture::from(reply).await;
        let outcome = async {
            let response: Response = match result {
                Ok(value) => value.dyn_into().map_err(failed)?,
                Err(e) => {
                    let aborted = e
                        .dyn_ref::<web_sys::DomException>()
                        .is_some_and(|d| d.name() == "AbortError");
                    return Err(if aborted {
                        StoreError::Timeout
                    } else if !on_line() {
                        StoreError::Offline
                    } else {
                        failed(e)
                    });
                }
            };
            let status = response.status();
            let etag = response.headers().get("etag").ok().flatten();
            if response.headers().has(OFFLINE_COPY_HEADER).unwrap_or(false) {
                self.offline_copy.set(true);
            }
            let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
                .await
                .map_err(|e| {
                    if e.dyn_ref::<web_sys::DomException>()
                        .is_some_and(|d| d.name() == "AbortError")
                    {
                        StoreError::Timeout
                    } else {
                        failed(e)
                    }
                })?;
            Ok(Reply {
                status,
                etag,
                body: Uint8Array::new(&buffer).to_vec(),
            })
        }
        .await;
        global_clear_timeout(&timer);
        outcome
    }
}

impl Transport for Fetch {
    async fn get(&self, url: &str) -> Result<Reply, StoreError> {
        self.request("GET", url, None, &[]).await
    }

    async fn put(
        &self,
        url: &str,
        body: Vec<u8>,
        precondition: Precondition,
    ) -> Result<Reply, StoreError> {
        let condition = precondition.header();
        self.request(
            "PUT",
            url,
            Some(body),
            &[("Content-Type", "application/json"), condition],
        )
        .await
    }

    async fn sleep(&self, millis: u32) {
        sleep(millis).await;
    }
}

/// The storage check's probes, through the same `fetch` as the protocol. A page cannot choose
/// a request's `Origin`, so a probe that sets one is not sent (the check says "not checked").
/// The browser also refuses, without a reply, a request to another origin that the server's
/// CORS does not allow (a `PROPFIND`, a `DELETE`): that probe fails, and is not checked either.
impl protocol::Probe for Fetch {
    async fn probe(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Option<protocol::ProbeReply>, StoreError> {
        if headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("origin"))
        {
            return Ok(None);
        }
        let body = (!body.is_empty()).then_some(body);
        let reply = self.request(method, url, body, headers).await?;
        Ok(Some(protocol::ProbeReply {
            status: reply.status,
            allow_origin: None,
        }))
    }
}

/// Waits `millis` milliseconds (0: until the browser has run what is queued, a new task).
pub async fn sleep(millis: u32) {
    let _ = JsFuture::from(after(millis)).await;
}

/// A promise that resolves (with `undefined`) after `millis`, on a page or in a worker: for
/// racing a reply against a time limit.
pub fn after(millis: u32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        global_set_timeout(&resolve, i32::try_from(millis).unwrap_or(i32::MAX));
    })
}

/// `promise`'s value if it settles within `millis`; `None` if it fails or the time runs out
/// (its value must not be `undefined`, which is what [`after`] resolves with).
pub async fn within(promise: js_sys::Promise, millis: u32) -> Option<JsValue> {
    let deadline = after(millis);
    JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        &promise, &deadline,
    )))
    .await
    .ok()
    .filter(|value| !value.is_undefined())
}

// ---- where a file is ----

/// The host (name and port) of `url`, read relative to this page, e.g. `dav.example`.
pub fn host_of(url: &str) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    let host = web_sys::Url::new_with_base(url, &page).ok()?.host();
    (!host.is_empty()).then_some(host)
}

/// The host of the page that linked here (the referrer, when the browser tells it).
pub fn referrer_host() -> Option<String> {
    let referrer = web_sys::window()?.document()?.referrer();
    let host = web_sys::Url::new(&referrer).ok()?.host();
    (!host.is_empty()).then_some(host)
}
