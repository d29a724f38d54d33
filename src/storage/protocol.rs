//! The shared-file protocol: read the file with its ETag, merge, write it back only if nobody
//! wrote in between, and on a clash read, merge and try again.
//!
//! Written once, generic over [`Transport`], so the same code runs in the browser (fetch) and
//! natively (tests, the command-line tool). It never writes a file that fails validation or
//! comes from a newer Candor, sends the ETag back byte for byte, and always sends a
//! Content-Type.

use super::StoreError;
use crate::model::{self, Change, Document, Submission};

/// An HTTP reply, reduced to what the protocol needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

/// The condition a write is made under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Precondition {
    /// `If-Match: <etag>`: only if the file is still the version read.
    IfMatch(String),
    /// `If-None-Match: *`: only if no file exists yet.
    IfNoneMatchAny,
}

impl Precondition {
    /// The HTTP header that expresses it: its name and value, the ETag byte for byte.
    pub fn header(&self) -> (&'static str, &str) {
        match self {
            Self::IfMatch(etag) => ("If-Match", etag),
            Self::IfNoneMatchAny => ("If-None-Match", "*"),
        }
    }
}

/// How the protocol reaches a server. Implementations must not cache (`cache: no-store`) and
/// must map network failures to [`StoreError::Offline`], [`StoreError::Timeout`] or
/// [`StoreError::Unreachable`].
#[allow(async_fn_in_trait)] // used with concrete types, in one thread
pub trait Transport {
    async fn get(&self, url: &str) -> Result<Reply, StoreError>;
    async fn put(
        &self,
        url: &str,
        body: Vec<u8>,
        precondition: Precondition,
    ) -> Result<Reply, StoreError>;
    async fn sleep(&self, millis: u32);
}

/// How many times a write is tried before the submission waits in the outbox.
pub const MAX_ATTEMPTS: u32 = 8;

/// A loaded file and the version it was read at.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub doc: Document,
    pub etag: String,
}

/// Reads the file at `url` as stored: a 200 reply, or the error its status means.
pub async fn read<T: Transport>(transport: &T, url: &str) -> Result<Reply, StoreError> {
    let reply = transport.get(url).await?;
    match reply.status {
        200 => Ok(reply),
        status => Err(status_error(status)),
    }
}

/// Reads and validates the file at `url`.
pub async fn load<T: Transport>(transport: &T, url: &str) -> Result<Loaded, StoreError> {
    let reply = read(transport, url).await?;
    let etag = reply.etag.ok_or(StoreError::NoEtag)?;
    let doc = model::load(&reply.body).map_err(StoreError::Invalid)?;
    Ok(Loaded { doc, etag })
}

/// Delivers a submission: read, apply, conditional write, retried with jittered backoff on
/// clashes and server errors. Returns the file as written (or as found, when it already held
/// the submission). `random` gives numbers in [0, 1) for the jitter.
pub async fn submit<T: Transport>(
    transport: &T,
    url: &str,
    submission: &Submission,
    random: &mut dyn FnMut() -> f64,
) -> Result<Document, StoreError> {
    let mut apply = |doc: &mut Document| {
        if doc.holds(submission) {
            return Ok(false);
        }
        doc.apply(submission).map_err(StoreError::Rejected)?;
        Ok(true)
    };
    update(transport, url, None, &mut apply, random).await
}

/// Makes a facilitator's change (open a round, revise the survey, …) with the same
/// read-change-conditional-write loop as answers, so neither overwrites the other.
pub async fn change<T: Transport>(
    transport: &T,
    url: &str,
    change: &Change,
    random: &mut dyn FnMut() -> f64,
) -> Result<Document, StoreError> {
    let mut apply = |doc: &mut Document| {
        doc.change(change)
            .map_err(|e| StoreError::Edit(e.to_string()))
    };
    update(transport, url, None, &mut apply, random).await
}

/// Any change to the file through the write protocol: `edit` runs on the latest file on every
/// attempt and returns whether it changed anything (releasing a round, sealing a survey).
pub async fn edit<T: Transport>(
    transport: &T,
    url: &str,
    edit: &mut dyn FnMut(&mut Document) -> Result<bool, StoreError>,
    random: &mut dyn FnMut() -> f64,
) -> Result<Document, StoreError> {
    update(transport, url, None, edit, random).await
}

/// [`edit`] starting from a copy already read (`first`, with its ETag), so that a caller that
/// had to read the file before editing (a release opens its records first, in parallel) does
/// not read it twice. A clash reads the file again, as in `edit`.
pub async fn edit_from<T: Transport>(
    transport: &T,
    url: &str,
    first: Loaded,
    edit: &mut dyn FnMut(&mut Document) -> Result<bool, StoreError>,
    random: &mut dyn FnMut() -> f64,
) -> Result<Document, StoreError> {
    update(transport, url, Some(first), edit, random).await
}

/// The write protocol: read the file with its ETag, let `edit` change it (it returns whether
/// anything changed), write it back only if nobody wrote in between (`If-Match`), and on a
/// clash start again from a fresh read, with jittered exponential backoff. `edit` runs again
/// on every attempt, always on the latest file.
async fn update<T: Transport>(
    transport: &T,
    url: &str,
    mut first: Option<Loaded>,
    edit: &mut dyn FnMut(&mut Document) -> Result<bool, StoreError>,
    random: &mut dyn FnMut() -> f64,
) -> Result<Document, StoreError> {
    let mut last_error = StoreError::Busy;
    for attempt in 0..MAX_ATTEMPTS {
        if attempt > 0 {
            // Exponential backoff from 50 ms, capped at 2 s, with full jitter so that phones
            // that clashed do not clash again in lockstep.
            let cap = (50u32 << attempt.min(6)).min(2000);
            transport
                .sleep((f64::from(cap) * random()) as u32 + 10)
                .await;
        }
        let read = match first.take() {
            Some(loaded) => Ok(loaded),
            None => load(transport, url).await,
        };
        let Loaded { mut doc, etag } = match read {
            Ok(loaded) => loaded,
            Err(e @ StoreError::Server(_)) => {
                last_error = e;
                continue;
            }
            Err(e) => return Err(e),
        };
        if !edit(&mut doc)? {
            return Ok(doc);
        }
        let body = model::to_canonical_bytes(&doc);
        let reply = transport.put(url, body, Precondition::IfMatch(etag)).await;
        match reply {
            Ok(reply) if (200..300).contains(&reply.status) => return Ok(doc),
            // 412: someone wrote in between. 404/410: the file went away between read and
            // write; treated alike, by reading again.
            Ok(reply) if matches!(reply.status, 412 | 404 | 410) => last_error = StoreError::Busy,
            Ok(reply) if reply.status >= 500 => last_error = StoreError::Server(reply.status),
            Ok(reply) => return Err(status_error(reply.status)),
            // The write may or may not have happened. Either way the submission stays in the
            // outbox; the next attempt reads first, and applying is idempotent, so it can never
            // count twice. A slow or unreachable server is not hammered with retries now.
            Err(e) => return Err(e),
        }
    }
    Err(last_error)
}

/// Creates a new file at `url`, only if none exists there.
pub async fn create<T: Transport>(
    transport: &T,
    url: &str,
    doc: &Document,
) -> Result<(), StoreError> {
    let problems = model::validate(doc);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(model::FileError { problems }));
    }
    let reply = transport
        .put(
            url,
            model::to_canonical_bytes(doc),
            Precondition::IfNoneMatchAny,
        )
        .await?;
    match reply.status {
        200..=299 => Ok(()),
        412 => Err(StoreError::AlreadyExists),
        status => Err(status_error(status)),
    }
}

/// What a storage check found out about a location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocationCheck {
    /// The probe file used (a sibling of the team file; the team file is never touched).
    pub probe: String,
    /// GET sends an ETag.
    pub etag: bool,
    /// A create with `If-None-Match: *` over an existing file is refused (412).
    pub refuses_second_create: bool,
    /// A write with the current ETag in `If-Match` succeeds.
    pub accepts_current_etag: bool,
    /// A write with an outdated ETag in `If-Match` is refused (412): without this, concurrent
    /// submissions overwrite each other.
    pub refuses_stale_etag: bool,
}

impl LocationCheck {
    /// Safe for a shared team file: every precondition is honoured.
    pub fn is_safe(&self) -> bool {
        self.etag
            && self.refuses_second_create
            && self.accepts_current_etag
            && self.refuses_stale_etag
    }
}

/// The probe file checked for a team file at `url`: `team.json` -> `team.candor-probe.json`.
pub fn probe_url(url: &str) -> String {
    match url.strip_suffix(".json") {
        Some(stem) => format!("{stem}.candor-probe.json"),
        None => format!("{url}.candor-probe.json"),
    }
}

/// Finds out whether the location of a team file honours the preconditions the protocol relies
/// on, by writing a sibling probe file (never the team file itself).
pub async fn check_location<T: Transport>(
    transport: &T,
    url: &str,
) -> Result<LocationCheck, StoreError> {
    let probe = probe_url(url);
    let body = |n: u32| format!("{{\"candor-probe\": {n}}}").into_bytes();
    // Create the probe, unless an earlier check left one.
    let created = transport
        .put(&probe, body(1), Precondition::IfNoneMatchAny)
        .await?;
    if !(200..300).contains(&created.status) && created.status != 412 {
        return Err(status_error(created.status));
    }
    let again = transport
        .put(&probe, body(2), Precondition::IfNoneMatchAny)
        .await?;
    let refuses_second_create = again.status == 412;
    let read = transport.get(&probe).await?;
    if read.status != 200 {
        return Err(status_error(read.status));
    }
    let Some(etag) = read.etag else {
        return Ok(LocationCheck {
            probe,
            etag: false,
            refuses_second_create,
            accepts_current_etag: false,
            refuses_stale_etag: false,
        });
    };
    let current = transport
        .put(&probe, body(3), Precondition::IfMatch(etag.clone()))
        .await?;
    let stale = transport
        .put(&probe, body(4), Precondition::IfMatch(etag))
        .await?;
    Ok(LocationCheck {
        probe,
        etag: true,
        refuses_second_create,
        accepts_current_etag: (200..300).contains(&current.status),
        refuses_stale_etag: stale.status == 412,
    })
}

fn status_error(status: u16) -> StoreError {
    match status {
        401 | 403 => StoreError::Forbidden(status),
        404 | 410 => StoreError::NotFound,
        500..=599 => StoreError::Server(status),
        _ => StoreError::Unexpected(status),
    }
}

#[cfg(test)]
mod tests {
    //! The protocol's decisions against a scripted in-memory server. Real servers (lighttpd,
    //! SeaweedFS) are exercised by the end-to-end and concurrency tests.
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use super::*;
    use crate::model::{Answers, Response, ResponseId, templates};

    /// The stored file and its version.
    type File = Option<(Vec<u8>, u32)>;
    /// A competing writer, run just before a PUT is judged.
    type Competitor = Box<dyn FnMut(&mut File)>;

    /// A file server in memory: ETag = a version counter. `faults` are served instead of the
    /// real answer, one per request, before normal service resumes.
    struct Memory {
        file: RefCell<File>,
        faults: RefCell<VecDeque<Result<Reply, StoreError>>>,
        /// Runs before each PUT is judged: a competing writer.
        before_put: RefCell<Option<Competitor>>,
        puts: RefCell<u32>,
    }

    impl Memory {
        fn with(doc: &Document) -> Self {
            Self {
                file: RefCell::new(Some((model::to_canonical_bytes(doc), 1))),
                faults: RefCell::new(VecDeque::new()),
                before_put: RefCell::new(None),
                puts: RefCell::new(0),
            }
        }
        fn doc(&self) -> Document {
            model::load(&self.file.borrow().as_ref().unwrap().0).unwrap()
        }
    }

    impl Transport for Memory {
        async fn get(&self, _: &str) -> Result<Reply, StoreError> {
            if let Some(fault) = self.faults.borrow_mut().pop_front() {
                return fault;
            }
            Ok(match &*self.file.borrow() {
                Some((body, version)) => Reply {
                    status: 200,
                    etag: Some(format!("\"v{version}\"")),
                    body: body.clone(),
                },
                None => Reply {
                    status: 404,
                    etag: None,
                    body: vec![],
                },
            })
        }
        async fn put(&self, _: &str, body: Vec<u8>, p: Precondition) -> Result<Reply, StoreError> {
            *self.puts.borrow_mut() += 1;
            if let Some(competitor) = self.before_put.borrow_mut().as_mut() {
                competitor(&mut self.file.borrow_mut());
            }
            let mut file = self.file.borrow_mut();
            let current = file.as_ref().map(|(_, v)| format!("\"v{v}\""));
            let ok = match &p {
                Precondition::IfMatch(tag) => current.as_ref() == Some(tag),
                Precondition::IfNoneMatchAny => current.is_none(),
            };
            if !ok {
                return Ok(Reply {
                    status: 412,
                    etag: None,
                    body: vec![],
                });
            }
            let version = file.as_ref().map_or(1, |(_, v)| v + 1);
            *file = Some((body, version));
            Ok(Reply {
                status: 204,
                etag: Some(format!("\"v{version}\"")),
                body: vec![],
            })
        }
        async fn sleep(&self, _: u32) {}
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        // The in-memory transport never pends, so one poll completes the future.
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut future = std::pin::pin!(future);
        match future.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(out) => out,
            std::task::Poll::Pending => panic!("the in-memory transport never waits"),
        }
    }

    /// The starter file: survey "team", round "2026-11" open.
    fn team() -> Document {
        templates::starter("2026-11-01").expect("a valid date")
    }

    fn submission(byte: u8) -> Submission {
        Submission {
            survey: "team".into(),
            responses: vec![Response {
                id: ResponseId::from_random_bytes([byte; 16]),
                round: "2026-11".into(),
                answers: [("safety-4", 6u8)].into_iter().collect::<Answers>(),
                comment: None,
            }],
            sealed_answers: vec![],
            sealed_comments: vec![],
            removed: vec![],
        }
    }

    fn run(server: &Memory, s: &Submission) -> Result<Document, StoreError> {
        block_on(submit(server, "/t.json", s, &mut || 0.5))
    }

    #[test]
    fn a_clash_is_merged_not_overwritten() {
        let server = Memory::with(&team());
        // Another phone writes its response just before ours.
        let mut once = true;
        *server.before_put.borrow_mut() = Some(Box::new(move |file| {
            if std::mem::take(&mut once) {
                let mut doc = model::load(&file.as_ref().unwrap().0).unwrap();
                doc.apply(&submission(9)).unwrap();
                *file = Some((model::to_canonical_bytes(&doc), 2));
            }
        }));
        run(&server, &submission(1)).unwrap();
        assert_eq!(server.doc().responses.len(), 2);
        assert_eq!(*server.puts.borrow(), 2);
    }

    #[test]
    fn a_retry_after_a_lost_reply_counts_once() {
        let server = Memory::with(&team());
        run(&server, &submission(1)).unwrap();
        run(&server, &submission(1)).unwrap();
        assert_eq!(server.doc().responses.len(), 1);
        assert_eq!(
            *server.puts.borrow(),
            1,
            "the second run finds it already there"
        );
    }

    #[test]
    fn an_endless_clash_gives_up_busy_after_bounded_attempts() {
        let server = Memory::with(&team());
        *server.before_put.borrow_mut() = Some(Box::new(|file| {
            let (body, v) = file.take().unwrap();
            *file = Some((body, v + 1));
        }));
        assert_eq!(run(&server, &submission(1)), Err(StoreError::Busy));
        assert_eq!(*server.puts.borrow(), MAX_ATTEMPTS);
    }

    #[test]
    fn invalid_and_newer_files_are_never_written() {
        let server = Memory::with(&team());
        *server.file.borrow_mut() =
            Some((b"{\"format\":\"candor-survey\",\"version\":3}".to_vec(), 1));
        let Err(StoreError::Invalid(e)) = run(&server, &submission(1)) else {
            panic!("expected invalid")
        };
        assert!(e.is_newer_version());
        *server.file.borrow_mut() = Some((b"<html>oops".to_vec(), 1));
        assert!(matches!(
            run(&server, &submission(1)),
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(*server.puts.borrow(), 0);
    }

    #[test]
    fn server_errors_are_retried_and_permissions_are_reported() {
        let server = Memory::with(&team());
        server.faults.borrow_mut().extend([
            Ok(Reply {
                status: 503,
                etag: None,
                body: vec![],
            }),
            Ok(Reply {
                status: 502,
                etag: None,
                body: vec![],
            }),
        ]);
        run(&server, &submission(1)).unwrap();
        assert_eq!(server.doc().responses.len(), 1);

        // A timeout ends this attempt at once; the outbox keeps the answers for later.
        let server = Memory::with(&team());
        server
            .faults
            .borrow_mut()
            .push_back(Err(StoreError::Timeout));
        assert_eq!(run(&server, &submission(1)), Err(StoreError::Timeout));

        let server = Memory::with(&team());
        server.faults.borrow_mut().push_back(Ok(Reply {
            status: 403,
            etag: None,
            body: vec![],
        }));
        assert_eq!(
            run(&server, &submission(1)),
            Err(StoreError::Forbidden(403))
        );
    }

    #[test]
    fn missing_etag_and_missing_file_are_explained() {
        let server = Memory::with(&team());
        server.faults.borrow_mut().push_back(Ok(Reply {
            status: 200,
            etag: None,
            body: vec![],
        }));
        assert_eq!(run(&server, &submission(1)), Err(StoreError::NoEtag));
        let server = Memory::with(&team());
        *server.file.borrow_mut() = None;
        assert_eq!(run(&server, &submission(1)), Err(StoreError::NotFound));
    }

    #[test]
    fn create_only_when_absent() {
        let server = Memory::with(&team());
        *server.file.borrow_mut() = None;
        block_on(create(&server, "/t.json", &team())).unwrap();
        assert_eq!(
            block_on(create(&server, "/t.json", &team())),
            Err(StoreError::AlreadyExists)
        );
    }
}
