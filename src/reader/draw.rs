//! The results page's drawing worker (the `candor-draw` binary, beside the results page):
//! every team file the page shows is read, checked and drawn into its dashboard (or retro
//! mode's slides) here, off the page's thread. So the page's own wasm carries neither the
//! file format's reading nor the cards and statistics: it loads and answers taps sooner on a
//! phone, and no file, however big, holds the page up. The worker is built for size (unlike
//! the reader worker, which opens sealed answers) and started as the page begins to fetch
//! the file ([`Drawing::start`]), so it downloads and compiles meanwhile.
//!
//! The protocol is [`Request`] and [`Reply`], written as plain JavaScript values by one
//! function each way and read back strictly: a reply that is not exactly what
//! [`Reply::to_js`] writes is [`ReaderError::Malformed`]. The worker first says `"ready"`.
//!
//! Built with the `draw-on-page` feature, the page draws the file itself, one step per task:
//! for the browser tests, which run without the built worker beside them.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::ReaderError;
use crate::chart::SafeHtml;
use crate::dashboard::{self, Inputs, Mode, Prepared, Readouts};
use crate::i18n::{ResultsMsg, Texts};
use crate::storage::browser;

/// The worker's loader, beside the results page (Trunk writes it for the `candor-draw` bin).
const WORKER_URL: &str = "./candor-draw_loader.js";

/// A file's dashboard, and where it was drawn.
pub struct Read {
    pub prepared: Prepared,
    /// Drawn in the drawing worker (shown on the page as `data-read-in`, for tests and
    /// whoever wonders where the work was done).
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

/// Why a file's dashboard could not be drawn.
#[derive(Debug)]
pub enum DrawError {
    /// The file is not a valid team file (its problems in words).
    File(String),
    /// The drawing worker could not start, stopped, or answered nonsense.
    Worker(ReaderError),
}

/// A drawing worker started ahead of the file it will draw.
// (Started but unused when the page draws itself, in the browser tests.)
#[cfg_attr(feature = "draw-on-page", allow(dead_code))]
pub struct Drawing {
    worker: web_sys::Worker,
    /// Its first message, `"ready"` (awaited from the start: a message that arrives before
    /// anyone listens is lost).
    ready: js_sys::Promise,
}

impl Drawing {
    /// Starts the worker: it downloads and compiles while the page fetches the file.
    pub fn start() -> Result<Self, ReaderError> {
        let worker = browser::start_worker(WORKER_URL).map_err(|_| ReaderError::Failed)?;
        let ready = browser::worker_message_promise(&worker);
        Ok(Self { worker, ready })
    }

    /// Sends the file and waits for its dashboard.
    #[cfg_attr(feature = "draw-on-page", allow(dead_code))]
    async fn draw(&self, request: &Request) -> Result<Reply, ReaderError> {
        wasm_bindgen_futures::JsFuture::from(self.ready.clone())
            .await
            .map_err(|_| ReaderError::Failed)?;
        let (message, transfer) = request.to_js();
        // The bytes move to the worker rather than being copied once more.
        self.worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(|_| ReaderError::Failed)?;
        let reply = browser::next_worker_message(&self.worker)
            .await
            .ok_or(ReaderError::Failed)?;
        Reply::from_js(&reply)
    }
}

impl Drop for Drawing {
    /// One worker per file: it stops when its file is drawn, or when the page stops waiting.
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Reads `bytes` as a team file and draws its dashboard (or retro mode's slides, as `mode`
/// says) in `drawing` (started with [`Drawing::start`]), in the language of `texts`.
#[cfg(not(feature = "draw-on-page"))]
pub async fn prepare(
    drawing: Result<Drawing, ReaderError>,
    bytes: Vec<u8>,
    offline_copy: bool,
    mode: Mode,
    texts: &Texts<ResultsMsg>,
) -> Result<Read, DrawError> {
    let request = Request {
        bytes,
        offline_copy,
        mode,
        language: texts.source().map(str::to_owned),
    };
    match drawing.map_err(DrawError::Worker)?.draw(&request).await {
        Ok(Reply::Ready(prepared)) => Ok(Read {
            prepared,
            in_worker: true,
        }),
        Ok(Reply::Invalid(why)) => Err(DrawError::File(why)),
        Err(e) => Err(DrawError::Worker(e)),
    }
}

/// The page draws the file itself (see the module's documentation), one step per task.
#[cfg(feature = "draw-on-page")]
pub async fn prepare(
    drawing: Result<Drawing, ReaderError>,
    bytes: Vec<u8>,
    offline_copy: bool,
    mode: Mode,
    texts: &Texts<ResultsMsg>,
) -> Result<Read, DrawError> {
    drop(drawing);
    dashboard::prepare(&bytes, inputs(offline_copy, mode, texts), || {
        browser::sleep(0)
    })
    .await
    .map(|prepared| Read {
        prepared,
        in_worker: false,
    })
    .map_err(|e| DrawError::File(e.to_string()))
}

/// The worker's side: answers each message with the dashboard of the file it carries.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let replies = replies.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match Request::from_js(&event.data()) {
                    Some(request) => draw_here(&request).await,
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

/// The worker's drawing of one request. The worker has its own thread: no pauses between
/// the steps.
async fn draw_here(request: &Request) -> Reply {
    // A language file that cannot be read leaves the dashboard in English.
    let texts = request
        .language
        .as_deref()
        .and_then(|json| Texts::from_part(json).ok())
        .unwrap_or_default();
    let inputs = inputs(request.offline_copy, request.mode, &texts);
    match dashboard::prepare(&request.bytes, inputs, || async {}).await {
        Ok(prepared) => Reply::Ready(prepared),
        Err(e) => Reply::Invalid(e.to_string()),
    }
}

/// What the browser supplies to draw a file.
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

impl Request {
    /// `[bytes, offline copy, mode, language file?]`, the mode as a number: 0 the dashboard,
    /// 1 the dashboard with the retro button, 2 retro mode.
    #[cfg_attr(feature = "draw-on-page", allow(dead_code))]
    fn to_js(&self) -> (Array, Array) {
        let array = Uint8Array::from(self.bytes.as_slice());
        let transfer = Array::of1(&array.buffer());
        let mode = match self.mode {
            Mode::Dashboard { presentable } => u8::from(presentable),
            Mode::Retro => 2,
        };
        (
            Array::of4(
                &array,
                &JsValue::from_bool(self.offline_copy),
                &JsValue::from_f64(mode.into()),
                &self
                    .language
                    .as_deref()
                    .map_or(JsValue::UNDEFINED, JsValue::from_str),
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
