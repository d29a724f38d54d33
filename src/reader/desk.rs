//! The set-up page's desk worker (the `candor-desk` binary, beside the set-up page): it holds
//! the open team file in a [`Desk`] and answers the page's [`Ask`]s, off the page's thread.
//! So the page's own wasm carries neither the file format's reading, nor its changes and
//! merges, nor the cards: it loads sooner on a phone, and a big file never holds it up.
//!
//! Messages are `[id, json]` both ways: the page numbers its asks and the worker answers each
//! with its number, so two asks in flight (a change being written while the cards are drawn
//! again) never take each other's answers. The worker first says `"ready"`.
//!
//! Built with the `desk-on-page` feature, the page keeps its desk itself (for the browser
//! tests, which run without the built worker beside them); the asks and replies still go
//! through their JSON, so the tests read them as the worker would.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::ReaderError;
use crate::desk::wire::{Ask, At, Reply, failure};
use crate::desk::{Desk, DeskError, form};
use crate::i18n::{DeskMsg, Texts};
use crate::storage::{Source, browser};

/// The worker's loader, beside the set-up page (Trunk writes it for the `candor-desk` bin).
#[cfg_attr(feature = "desk-on-page", allow(dead_code))]
const WORKER_URL: &str = "./candor-desk_loader.js";

/// A desk and the language its cards were last drawn in.
#[derive(Default)]
pub struct Held {
    desk: RefCell<Desk>,
    /// The last language file and its texts (read once, not for every drawing).
    texts: RefCell<Option<(String, Rc<Texts<DeskMsg>>)>>,
}

/// Answers one ask. The file is borrowed only between waits, so a second ask can be answered
/// while a first waits for the server.
pub async fn answer(held: &Held, ask: Ask) -> Reply {
    match run(held, ask).await {
        Ok(reply) => reply,
        Err(e) => failure(&e),
    }
}

async fn run(held: &Held, ask: Ask) -> Result<Reply, DeskError> {
    let desk = &held.desk;
    Ok(match ask {
        Ask::Open(text) => Reply::Facts(desk.borrow_mut().open(text.as_bytes())?),
        Ask::Write {
            at: At::Text(current),
            edit,
        } => {
            let (text, facts) = desk.borrow_mut().change_text(&current, edit)?;
            Reply::Written {
                changed: text.is_some(),
                text,
                facts,
            }
        }
        Ask::Write { at, edit } => {
            let change = desk.borrow().change_for(edit)?;
            let changed = change.is_some();
            let facts = match (change, at) {
                (None, _) => desk.borrow().facts()?,
                (Some(change), At::Url(url)) => {
                    let doc = browser::change(&Source::Remote(url), &change).await?;
                    desk.borrow_mut().hold(doc)
                }
                (Some(change), _) => desk.borrow_mut().apply(&change)?,
            };
            Reply::Written {
                text: None,
                facts,
                changed,
            }
        }
        Ask::Kept => Reply::Facts(desk.borrow_mut().keep()?),
        Ask::Make { plan, date, key } => {
            let (text, facts) = desk.borrow_mut().make(&plan, &date, key)?;
            Reply::Written {
                text: Some(text),
                facts,
                changed: true,
            }
        }
        Ask::Draft {
            control,
            subject,
            value,
            checked,
        } => {
            desk.borrow_mut()
                .draft(&control, subject, &value, checked)?;
            Reply::Done
        }
        Ask::Form {
            url,
            file_access,
            language,
        } => {
            let texts = held.texts_of(language);
            let mut m = crate::chart::Markup::new();
            form::write_fields(&mut m, &texts, &url);
            let fields = m.take().into_string();
            crate::desk::file::open_card(&mut m, &texts, file_access);
            Reply::Texts(vec![fields, m.finish().into_string()])
        }
        Ask::CheckLocation { url, language } => {
            let check = browser::check_location(&url).await?;
            let (safe, said) = form::location_said(&held.texts_of(language), &check);
            Reply::Checked { safe, said }
        }
        Ask::Cards { scene, language } => {
            let texts = held.texts_of(language);
            let cards = desk.borrow().cards(&scene, &texts, browser::month_label)?;
            Reply::Cards {
                top: cards.top.into_iter().map(|c| c.into_string()).collect(),
                editor: cards.editor.into_string(),
                end: cards.end.into_string(),
            }
        }
        Ask::Text => Reply::Text(desk.borrow().text()?),
        Ask::Calendar {
            link,
            day,
            cadence,
            stamp,
        } => Reply::Text(desk.borrow().calendar(&link, &day, &cadence, &stamp)?),
        Ask::KeyFile(secret) => Reply::Text(desk.borrow().key_file(&secret)?),
        Ask::ShareFiles(shares) => Reply::Texts(desk.borrow().share_files(&shares)?),
        Ask::CollectedHere(here) => Reply::Text(desk.borrow().collected_here(here.as_deref())?),
    })
}

impl Held {
    /// The texts of a language file (none, or one that cannot be read: English).
    fn texts_of(&self, language: Option<String>) -> Rc<Texts<DeskMsg>> {
        let Some(json) = language else {
            return Rc::new(Texts::english());
        };
        let mut last = self.texts.borrow_mut();
        if let Some((source, texts)) = last.as_ref()
            && *source == json
        {
            return texts.clone();
        }
        let texts = Rc::new(Texts::from_part(&json).unwrap_or_default());
        *last = Some((json, texts.clone()));
        texts
    }
}

/// The worker's side: answers every `[id, ask]` with `[id, reply]`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let held = Rc::new(Held::default());
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let (replies, held) = (replies.clone(), held.clone());
            let message = Array::from(&event.data());
            let id = message.get(0);
            let ask = message.get(1).as_string().and_then(|t| Ask::from_json(&t));
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match ask {
                    Some(ask) => answer(&held, ask).await,
                    None => failure(&DeskError::Refused(
                        "the page asked the desk something it does not understand".to_owned(),
                    )),
                };
                let _ = replies.post_message(&Array::of2(&id, &reply.to_json().into()));
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The page's side of the worker: asks numbered, each reply handed to the ask that waits for
/// it.
#[cfg_attr(feature = "desk-on-page", allow(dead_code))]
pub struct DeskWorker {
    worker: web_sys::Worker,
    ready: Promise,
    waiting: Rc<RefCell<Vec<(u32, Function)>>>,
    next_id: std::cell::Cell<u32>,
    _listeners: [Closure<dyn FnMut(JsValue)>; 2],
}

#[cfg_attr(feature = "desk-on-page", allow(dead_code))]
impl DeskWorker {
    /// Starts the worker: it downloads and compiles while the page reads the file.
    pub fn start() -> Result<Self, ReaderError> {
        let worker = browser::start_worker(WORKER_URL).map_err(|_| ReaderError::Failed)?;
        let waiting: Rc<RefCell<Vec<(u32, Function)>>> = Rc::default();
        let mut started = None;
        let mut stopped = None;
        let ready = Promise::new(&mut |resolve, reject| {
            started = Some(resolve);
            stopped = Some(reject);
        });
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let data = js_sys::Reflect::get(&event, &"data".into()).unwrap_or_default();
                if data.as_string().as_deref() == Some("ready") {
                    if let Some(started) = &started {
                        let _ = started.call0(&JsValue::NULL);
                    }
                    return;
                }
                let message = Array::from(&data);
                let Some(id) = message.get(0).as_f64() else {
                    return;
                };
                let mut waiting = waiting.borrow_mut();
                if let Some(at) = waiting.iter().position(|(n, _)| f64::from(*n) == id) {
                    let (_, resolve) = waiting.swap_remove(at);
                    let _ = resolve.call1(&JsValue::NULL, &message.get(1));
                }
            })
        };
        // A worker that fails answers every ask with nothing: each then says it failed.
        let on_error = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                if let Some(stopped) = &stopped {
                    let _ = stopped.call0(&JsValue::NULL);
                }
                for (_, resolve) in waiting.borrow_mut().drain(..) {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            ready,
            waiting,
            next_id: std::cell::Cell::new(0),
            _listeners: [on_message, on_error],
        })
    }

    /// Asks the worker, and waits for its reply.
    pub async fn ask(&self, ask: &Ask) -> Result<Reply, ReaderError> {
        wasm_bindgen_futures::JsFuture::from(self.ready.clone())
            .await
            .map_err(|_| ReaderError::Failed)?;
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let reply = Promise::new(&mut |resolve, _| self.waiting.borrow_mut().push((id, resolve)));
        self.worker
            .post_message(&Array::of2(&id.into(), &ask.to_json().into()))
            .map_err(|_| ReaderError::Failed)?;
        let reply = wasm_bindgen_futures::JsFuture::from(reply)
            .await
            .map_err(|_| ReaderError::Failed)?;
        let text = reply.as_string().ok_or(ReaderError::Failed)?;
        Reply::from_json(&text).ok_or(ReaderError::Malformed)
    }
}

impl Drop for DeskWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
