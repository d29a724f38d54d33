//! The respondent page's way to the team file: it reads only the survey part
//! ([`Questionnaire`]), and its submissions go into the outbox on the phone first, then into
//! the file through a [`Writer`]: the sealer worker (`sealer::Courier`), which reads the whole
//! file, adds them and writes it back ([`deliver_here`]). So the page carries none of the
//! file's records, rules or writing: the phone downloads that part only once the form is on
//! screen, while the person answers.
//!
//! The outbox stays on the page (a worker has no localStorage), and so does this device's own
//! store: for it the writer is given the file's text and gives back the new text, which the
//! page stores only if no other tab changed the file meanwhile.

use serde_json::value::RawValue;

use super::browser::{self, Fetch};
use super::{Source, StoreError, protocol};
use crate::model::{self, Questionnaire, Submission};

/// A team file's survey part as read, and whether it came from the network or from the
/// offline copy.
pub struct Opened {
    pub form: Questionnaire,
    /// The network failed and this is the last copy this browser read: newer answers may be
    /// in the file. Writes are still safe: the worker reads the file again before it writes.
    pub offline_copy: bool,
}

/// Reads the survey part of the team file at its source.
pub async fn open(source: &Source) -> Result<Opened, StoreError> {
    let (bytes, offline_copy) = browser::read_file(source).await?;
    Ok(Opened {
        form: Questionnaire::read(&bytes).map_err(StoreError::Invalid)?,
        offline_copy,
    })
}

/// What happened to one submission.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The store confirmed it holds the submission; the survey part of the file as it now is
    /// (`None` if the page could not read what the worker wrote, which then still holds it).
    Saved(Option<Box<Questionnaire>>),
    /// Kept in the outbox, to be sent again later.
    Kept(StoreError),
    /// The store refused it for good (e.g. the round closed); it left the outbox.
    Refused(StoreError),
}

/// Submits: first into the outbox on this device, then to the store. The outbox entry goes
/// only once the store confirms.
pub async fn submit(
    writer: &impl Writer,
    source: &Source,
    submission: Submission,
) -> Result<Outcome, StoreError> {
    // (Writing a submission as JSON cannot fail: it holds ids, numbers and text. serde_json's
    // words for why are not worth their bytes on the phone.)
    let json = serde_json::value::to_raw_value(&submission)
        .map_err(|_| StoreError::Storage("the answers could not be written as JSON".to_owned()))?;
    let mut outbox = browser::load_outbox()?;
    outbox.add(source, json.clone());
    browser::save_outbox(&outbox)?;
    Ok(settle(writer, source, &json).await)
}

/// Tries one outbox item (a submission's JSON) and updates the outbox with the result.
async fn settle(writer: &impl Writer, source: &Source, submission: &RawValue) -> Outcome {
    let outcome = match deliver(writer, source, submission).await {
        Ok(bytes) => Outcome::Saved(Questionnaire::read(&bytes).ok().map(Box::new)),
        Err(e) if e.is_retryable() => Outcome::Kept(e),
        Err(e) => Outcome::Refused(e),
    };
    if let Outcome::Refused(why) = &outcome {
        // Never dropped in silence: the page tells the person why, next time it opens.
        note_refusal(source, &why.to_string());
    }
    if !matches!(outcome, Outcome::Kept(_))
        && let Ok(mut outbox) = browser::load_outbox()
    {
        outbox.remove(source, submission);
        // If this write fails the item stays and is delivered again: harmless, applying twice
        // counts once.
        let _ = browser::save_outbox(&outbox);
    }
    outcome
}

/// How often this device's store is read again when another tab changed it meanwhile.
const DEVICE_TRIES: usize = 5;

/// Delivers one submission to its source; returns the file's bytes as they now are.
async fn deliver(
    writer: &impl Writer,
    source: &Source,
    submission: &RawValue,
) -> Result<Vec<u8>, StoreError> {
    let json = submission.get();
    match source {
        Source::Device => {
            let mut tries = 0;
            loop {
                let old = browser::device_text()?.ok_or(StoreError::NotFound)?;
                let new = writer.write(source, json, Some(&old)).await?;
                match browser::device_replace(old.as_bytes(), &new) {
                    Err(StoreError::Busy) if tries + 1 < DEVICE_TRIES => tries += 1,
                    Err(e) => return Err(e),
                    Ok(()) => return Ok(new),
                }
            }
        }
        Source::Remote(_) => writer.write(source, json, None).await,
    }
}

/// The worker's side: adds `submission` to the team file at `source` (for this device's store,
/// to its text `device_text`, which the page then stores) and returns the file's new bytes.
/// The whole file is read and checked first: a file with problems is never written.
pub async fn deliver_here(
    source: &Source,
    submission: &Submission,
    device_text: Option<&str>,
) -> Result<Vec<u8>, StoreError> {
    let doc = match (source, device_text) {
        (Source::Remote(url), _) => {
            let mut random = browser::random_unit;
            protocol::submit(&Fetch::default(), url, submission, &mut random).await?
        }
        (Source::Device, Some(text)) => {
            let mut doc = model::load(text.as_bytes()).map_err(StoreError::Invalid)?;
            doc.apply(submission).map_err(StoreError::Rejected)?;
            let problems = model::validate(&doc);
            if !problems.is_empty() {
                return Err(StoreError::Invalid(model::FileError { problems }));
            }
            doc
        }
        (Source::Device, None) => return Err(StoreError::NotFound),
    };
    Ok(model::to_canonical_bytes(&doc))
}

/// What adds a submission to the team file and gives back the file's new bytes:
/// [`deliver_here`], run in the sealer worker (`sealer::Courier`) or, where no worker is built
/// (the browser tests' page), on the page ([`OnPage`]).
#[allow(async_fn_in_trait)] // used with concrete types, in one thread
pub trait Writer {
    /// Adds `submission` (its JSON) to the file at `source` (for this device's store, to its
    /// text `device_text`).
    async fn write(
        &self,
        source: &Source,
        submission: &str,
        device_text: Option<&str>,
    ) -> Result<Vec<u8>, StoreError>;
}

/// The writing done on the page itself.
#[derive(Clone, Copy)]
pub struct OnPage;

impl Writer for OnPage {
    async fn write(
        &self,
        source: &Source,
        submission: &str,
        device_text: Option<&str>,
    ) -> Result<Vec<u8>, StoreError> {
        // As the sealer worker: a submission it cannot read is kept, never dropped.
        let submission: Submission =
            serde_json::from_str(submission).map_err(|_| StoreError::WriterStopped)?;
        deliver_here(source, &submission, device_text).await
    }
}

fn note_refusal(source: &Source, why: &str) {
    let mut text = browser::read(browser::REFUSED)
        .ok()
        .flatten()
        .unwrap_or_default();
    // One line each: the message never holds a line break of its own.
    text.push_str(&format!(
        "{}\t{}\n",
        source.key(),
        why.replace(['\n', '\r'], " ")
    ));
    let _ = browser::write(browser::REFUSED, &text);
}

/// Why the team file at `source` refused answers this phone had kept to send later (each
/// said once: they are forgotten as they are returned).
pub fn take_refusals(source: &Source) -> Vec<String> {
    let Some(text) = browser::read(browser::REFUSED).ok().flatten() else {
        return Vec::new();
    };
    let key = source.key();
    let (mine, others): (Vec<&str>, Vec<&str>) = text
        .lines()
        .partition(|line| line.split_once('\t').is_some_and(|(k, _)| k == key));
    let _ = browser::write(
        browser::REFUSED,
        &others.iter().map(|l| format!("{l}\n")).collect::<String>(),
    );
    mine.iter()
        .filter_map(|line| line.split_once('\t').map(|(_, why)| why.to_owned()))
        .collect()
}

/// Sends the outbox again whenever the browser comes back online, for the life of the page.
pub fn sync_when_online<W: Writer + Copy + 'static>(writer: W) {
    if let Some(window) = web_sys::window() {
        gloo_events::EventListener::new(&window, "online", move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                sync_outbox(&writer).await;
            });
        })
        .forget();
    }
}

/// Sends everything waiting in the outbox; returns how many submissions were saved and how
/// many are still waiting.
pub async fn sync_outbox(writer: &impl Writer) -> (usize, usize) {
    let Ok(outbox) = browser::load_outbox() else {
        return (0, 0);
    };
    let mut saved = 0;
    let mut waiting = 0;
    for item in outbox.items {
        let Some(source) = Source::from_key(&item.source) else {
            continue;
        };
        match settle(writer, &source, &item.submission).await {
            Outcome::Saved(_) => saved += 1,
            Outcome::Kept(_) => waiting += 1,
            Outcome::Refused(_) => {}
        }
    }
    (saved, waiting)
}
