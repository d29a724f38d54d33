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

/// A reply to a [`Probe`] request: its status, and the one header the storage check reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeReply {
    pub status: u16,
    /// The reply's `Access-Control-Allow-Origin`, if it had one. The storage check reads it only
    /// from the reply to a probe that sets `Origin`.
    pub allow_origin: Option<String>,
}

/// Requests the write protocol itself never makes, sent only by the storage check
/// ([`check_location`]) to find out what else a server allows in the team file's folder: a
/// `PUT` of a name that is not a team file, `DELETE`, `PROPFIND`, a `GET` of the folder, a
/// `GET` with a chosen `Origin`. A trait apart from [`Transport`], so that reading and writing
/// team files can never reach these requests.
///
/// Implementations send the request as given (no `Cache-Control` or other header of their own
/// that changes what the server does, no precondition) and report what the server answered;
/// network failures are mapped as for [`Transport`]. Every result is only a finding of the
/// check, never an error of the protocol: a probe that fails is reported as not checked.
#[allow(async_fn_in_trait)] // used with concrete types, in one thread
pub trait Probe: Transport {
    /// Sends `method` to `url` with `headers`, and `body` unless it is empty. Returns
    /// `Ok(None)` when this transport cannot send the request as asked, so that the check
    /// says "not checked" instead of guessing: a browser, for one, never lets a page choose a
    /// request's `Origin` (it sends the page's own).
    async fn probe(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Option<ProbeReply>, StoreError>;
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
        // The last guard of "an invalid file is never written": whatever `edit` did, a file
        // that breaks the rules is not sent (and the file on the server stays as it was).
        // Refused for good (not retried): the file as read was valid, so the change is at fault.
        model::refuse_if_invalid(&doc).map_err(StoreError::Edit)?;
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
    create_bytes(transport, url, model::to_canonical_bytes(doc)).await
}

/// Creates a new file at `url` holding `body` (a valid team file's text, checked by whoever
/// made it), only if none exists there.
pub async fn create_bytes<T: Transport>(
    transport: &T,
    url: &str,
    body: Vec<u8>,
) -> Result<(), StoreError> {
    let reply = transport
        .put(url, body, Precondition::IfNoneMatchAny)
        .await?;
    match reply.status {
        200..=299 => Ok(()),
        412 => Err(StoreError::AlreadyExists),
        status => Err(status_error(status)),
    }
}

/// What a storage check found out about a location.
///
/// Two kinds of findings. The conditional writes (`etag` to `refuses_stale_etag`) decide
/// whether concurrent submissions can overwrite each other. The folder's settings
/// (`accepts_other_files` to `cors_any_origin`) decide whether the folder holds team files
/// and nothing else: each is `Some(true)` when the server allowed it (unsafe), `Some(false)`
/// when it refused, and `None` when it could not be checked from here (a browser cannot send
/// every probe, see [`Probe`]).
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
    /// The sibling that is not a team file, written to find out whether the server takes any
    /// name ([`other_probe_url`]: `team.candor-probe.html`).
    pub other_probe: String,
    /// A `PUT` of [`Self::other_probe`] was accepted: anyone who can write team files can
    /// also put a page (`.html`, `.svg`, `.js`) on the server, which browsers run as part of
    /// that site.
    pub accepts_other_files: Option<bool>,
    /// [`Self::other_probe`] was accepted and could not be removed again: it is still there.
    pub other_probe_left: bool,
    /// A `DELETE` of the probe file succeeded: anyone who can reach the team file can delete
    /// it.
    pub allows_delete: Option<bool>,
    /// The folder's contents are listed: `PROPFIND` with `Depth: 1` answered 207, or a `GET`
    /// of the folder answered 200 (an S3 bucket's object list).
    pub allows_listing: Option<bool>,
    /// A `GET` with `Origin:` [`CHECK_ORIGIN`] was answered with `Access-Control-Allow-Origin:
    /// *` or that origin: any web page can read (and, with the methods allowed, write) team
    /// files through the browser of whoever visits it.
    pub cors_any_origin: Option<bool>,
}

/// The origin the storage check claims when it asks whether any origin is allowed: a name
/// that can never belong to a real site (`.invalid`, RFC 2606).
pub const CHECK_ORIGIN: &str = "https://candor-check.invalid";

/// What the sibling that is not a team file holds while the check needs it.
const OTHER_PROBE_TEXT: &[u8] =
    b"Candor's storage check wrote this file to see whether the server accepts any name. \
      It can be deleted.\n";

/// A setting of a team file's folder that lets more than team files in or out. Found by the
/// storage check; each has its words and what to change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsafeSetting {
    /// [`LocationCheck::accepts_other_files`].
    OtherFiles,
    /// [`LocationCheck::allows_delete`].
    Delete,
    /// [`LocationCheck::allows_listing`].
    Listing,
    /// [`LocationCheck::cors_any_origin`].
    AnyOrigin,
}

impl UnsafeSetting {
    pub const ALL: [Self; 4] = [
        Self::OtherFiles,
        Self::Delete,
        Self::Listing,
        Self::AnyOrigin,
    ];

    /// What the server allows, in plain words.
    pub fn words(self) -> &'static str {
        match self {
            Self::OtherFiles => "accepts files that are not team files",
            Self::Delete => "allows deleting files",
            Self::Listing => "lists the folder's files",
            Self::AnyOrigin => "lets web pages of any origin read and write files through CORS",
        }
    }

    /// What to change on the server.
    pub fn fix(self) -> &'static str {
        match self {
            Self::OtherFiles => {
                "limit PUT to *.json names directly in the folder (S3: a bucket policy that \
                 allows s3:PutObject only on *.json keys), see docs/hosting.md"
            }
            Self::Delete => {
                "allow only GET, HEAD, PUT and OPTIONS there (S3: no s3:DeleteObject in the \
                 bucket policy), see docs/hosting.md"
            }
            Self::Listing => {
                "refuse PROPFIND and GET of the folder itself (S3: no s3:ListBucket in the \
                 bucket policy), see docs/hosting.md"
            }
            Self::AnyOrigin => "allow only the app's origin in CORS (never *), see docs/hosting.md",
        }
    }
}

impl LocationCheck {
    /// Concurrent submissions cannot overwrite each other: every precondition is honoured.
    pub fn honours_conditional_writes(&self) -> bool {
        self.etag
            && self.refuses_second_create
            && self.accepts_current_etag
            && self.refuses_stale_etag
    }

    /// What the check found about one setting: `Some(true)` allowed (unsafe), `Some(false)`
    /// refused, `None` not checked.
    pub fn found(&self, setting: UnsafeSetting) -> Option<bool> {
        match setting {
            UnsafeSetting::OtherFiles => self.accepts_other_files,
            UnsafeSetting::Delete => self.allows_delete,
            UnsafeSetting::Listing => self.allows_listing,
            UnsafeSetting::AnyOrigin => self.cors_any_origin,
        }
    }

    /// The unsafe settings found, in the order of [`UnsafeSetting::ALL`].
    pub fn unsafe_settings(&self) -> Vec<UnsafeSetting> {
        UnsafeSetting::ALL
            .into_iter()
            .filter(|&s| self.found(s) == Some(true))
            .collect()
    }

    /// The settings that could not be checked from here.
    pub fn not_checked(&self) -> Vec<UnsafeSetting> {
        UnsafeSetting::ALL
            .into_iter()
            .filter(|&s| self.found(s).is_none())
            .collect()
    }

    /// The request that showed a setting, e.g. "PUT of team.candor-probe.html".
    pub fn evidence(&self, setting: UnsafeSetting) -> String {
        match setting {
            UnsafeSetting::OtherFiles => format!("PUT of {}", file_name(&self.other_probe)),
            UnsafeSetting::Delete => format!("DELETE of {}", file_name(&self.probe)),
            UnsafeSetting::Listing => format!("PROPFIND or GET of {}", folder_url(&self.probe)),
            UnsafeSetting::AnyOrigin => format!(
                "GET of {} with Origin: {CHECK_ORIGIN}",
                file_name(&self.probe)
            ),
        }
    }

    /// Safe for a shared team file: every precondition is honoured and no unsafe setting was
    /// found. Settings that could not be checked (`None`) do not count as found.
    pub fn is_safe(&self) -> bool {
        self.honours_conditional_writes() && self.unsafe_settings().is_empty()
    }
}

/// The probe file checked for a team file at `url`: `team.json` -> `team.candor-probe.json`.
pub fn probe_url(url: &str) -> String {
    match url.strip_suffix(".json") {
        Some(stem) => format!("{stem}.candor-probe.json"),
        None => format!("{url}.candor-probe.json"),
    }
}

/// The sibling that is not a team file, to find out whether the server takes any name:
/// `team.json` -> `team.candor-probe.html`.
pub fn other_probe_url(url: &str) -> String {
    match url.strip_suffix(".json") {
        Some(stem) => format!("{stem}.candor-probe.html"),
        None => format!("{url}.candor-probe.html"),
    }
}

/// The folder of a file's URL, with its final slash: `https://h/data/team.json` ->
/// `https://h/data/`.
pub fn folder_url(url: &str) -> String {
    match url.rfind('/') {
        Some(slash) => url[..=slash].to_owned(),
        None => url.to_owned(),
    }
}

/// The last part of a URL's path.
fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// Finds out whether the location of a team file honours the preconditions the protocol relies
/// on, by writing a sibling probe file (never the team file itself), and whether its folder
/// allows more than team files: a `PUT` of a name that is not a team file (removed again if
/// it was accepted), listing, CORS for any origin and, last, a `DELETE` of the probe file.
pub async fn check_location<T: Probe>(
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
    let mut check = LocationCheck {
        probe,
        etag: false,
        refuses_second_create,
        accepts_current_etag: false,
        refuses_stale_etag: false,
        other_probe: other_probe_url(url),
        accepts_other_files: None,
        other_probe_left: false,
        allows_delete: None,
        allows_listing: None,
        cors_any_origin: None,
    };
    if let Some(etag) = read.etag {
        let current = transport
            .put(&check.probe, body(3), Precondition::IfMatch(etag.clone()))
            .await?;
        let stale = transport
            .put(&check.probe, body(4), Precondition::IfMatch(etag))
            .await?;
        check.etag = true;
        check.accepts_current_etag = (200..300).contains(&current.status);
        check.refuses_stale_etag = stale.status == 412;
    }
    check_folder(transport, &mut check).await;
    Ok(check)
}

/// The folder's settings, for [`check_location`]: each probe that fails is left unchecked.
async fn check_folder<T: Probe>(transport: &T, check: &mut LocationCheck) {
    let answered = |reply: Result<Option<ProbeReply>, StoreError>| reply.ok().flatten();

    // Any name: a harmless line of text under a name that is not a team file's.
    let other = answered(
        transport
            .probe(
                "PUT",
                &check.other_probe,
                &[("Content-Type", "text/plain")],
                OTHER_PROBE_TEXT.to_vec(),
            )
            .await,
    );
    check.accepts_other_files = other.map(|r| (200..300).contains(&r.status));
    if check.accepts_other_files == Some(true) {
        let removed = answered(
            transport
                .probe("DELETE", &check.other_probe, &[], Vec::new())
                .await,
        );
        check.other_probe_left = !removed.is_some_and(|r| (200..300).contains(&r.status));
    }

    // Listing: WebDAV's PROPFIND of the folder, then a plain GET of it (an S3 bucket lists
    // its objects). Either one listing is enough; both must have answered to say it does not.
    let folder = folder_url(&check.probe);
    let propfind = answered(
        transport
            .probe("PROPFIND", &folder, &[("Depth", "1")], Vec::new())
            .await,
    )
    .map(|r| r.status == 207);
    let get =
        answered(transport.probe("GET", &folder, &[], Vec::new()).await).map(|r| r.status == 200);
    check.allows_listing = match (propfind, get) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    };

    // CORS: a page of an origin that is certainly not the app's asks for the probe file.
    let cors = answered(
        transport
            .probe("GET", &check.probe, &[("Origin", CHECK_ORIGIN)], Vec::new())
            .await,
    );
    check.cors_any_origin = cors.map(|r| {
        r.allow_origin
            .is_some_and(|o| o.trim() == "*" || o.trim() == CHECK_ORIGIN)
    });

    // Last, as it may remove the probe file (the check's own file; the next check makes it
    // again).
    let delete = answered(
        transport
            .probe("DELETE", &check.probe, &[], Vec::new())
            .await,
    );
    check.allows_delete = delete.map(|r| (200..300).contains(&r.status));
}

/// What [`save_file`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Created,
    Replaced,
}

/// Writes a whole small file (an organisation file) at `url` with the same care as the team
/// file: created only if nothing is there (`If-None-Match: *`), or replaced only if what is
/// there is one that `replaceable` accepts, and only that version of it (`If-Match`). A file of
/// another kind is never overwritten; a write that clashes with another reads again, a few
/// times. A change to a file that was opened (`based_on`: the ETag it was read with) replaces
/// only that version: if anyone changed or removed the file since, nothing is written and the
/// person is told to open it again, so their change is never lost under this one.
pub async fn save_file<T: Transport>(
    transport: &T,
    url: &str,
    body: &[u8],
    replaceable: impl Fn(&[u8]) -> bool,
    based_on: Option<&str>,
) -> Result<Saved, StoreError> {
    let changed_since = || {
        StoreError::Edit(
            "the file was changed or removed since it was opened; open it again and make the change there"
                .into(),
        )
    };
    for attempt in 0..MAX_ATTEMPTS {
        let current = transport.get(url).await?;
        if let Some(opened) = based_on
            && (current.status != 200 || current.etag.as_deref() != Some(opened))
        {
            return Err(changed_since());
        }
        let (precondition, saved) = match current.status {
            404 | 410 => (Precondition::IfNoneMatchAny, Saved::Created),
            200 if !replaceable(&current.body) => {
                return Err(StoreError::Edit(
                    "there is another kind of file at this address; Candor will not replace it"
                        .into(),
                ));
            }
            200 => (
                Precondition::IfMatch(current.etag.ok_or(StoreError::NoEtag)?),
                Saved::Replaced,
            ),
            status => return Err(status_error(status)),
        };
        let reply = transport.put(url, body.to_vec(), precondition).await?;
        match reply.status {
            200 | 201 | 204 => return Ok(saved),
            // Written meanwhile by someone else: a change to an opened file stops; a new file
            // looks again.
            412 if based_on.is_some() => return Err(changed_since()),
            412 => transport.sleep(100 << attempt.min(4)).await,
            status => return Err(status_error(status)),
        }
    }
    Err(StoreError::Busy)
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
    fn a_small_file_is_created_replaced_only_when_ours_and_never_over_another_kind() {
        let server = Memory::with(&team());
        *server.file.borrow_mut() = None;
        let ours = |body: &[u8]| body.starts_with(b"org");
        let save = |body: &[u8]| block_on(save_file(&server, "/o.json", body, ours, None));
        assert_eq!(save(b"org 1"), Ok(Saved::Created));
        // Someone else replaces it just before our write: we read again and replace theirs.
        let mut once = true;
        *server.before_put.borrow_mut() = Some(Box::new(move |file| {
            if std::mem::take(&mut once) {
                let version = file.as_ref().map_or(1, |(_, v)| v + 1);
                *file = Some((b"org theirs".to_vec(), version));
            }
        }));
        assert_eq!(save(b"org 2"), Ok(Saved::Replaced));
        assert_eq!(server.file.borrow().as_ref().unwrap().0, b"org 2");
        // A file of another kind (a team file) stays as it is.
        *server.before_put.borrow_mut() = None;
        *server.file.borrow_mut() = Some((model::to_canonical_bytes(&team()), 9));
        let puts = *server.puts.borrow();
        assert!(matches!(save(b"org 3"), Err(StoreError::Edit(_))));
        assert_eq!(*server.puts.borrow(), puts, "nothing was written");
        assert!(server.file.borrow().as_ref().unwrap().0.starts_with(b"{"));
    }

    #[test]
    fn a_change_to_an_opened_file_replaces_only_the_version_opened() {
        let server = Memory::with(&team());
        *server.file.borrow_mut() = Some((b"org 1".to_vec(), 4));
        let ours = |body: &[u8]| body.starts_with(b"org");
        let save = |body: &[u8], opened: &str| {
            block_on(save_file(&server, "/o.json", body, ours, Some(opened)))
        };
        // Opened at version 4, written back: replaced.
        assert_eq!(save(b"org 2", "\"v4\""), Ok(Saved::Replaced));
        assert_eq!(server.file.borrow().as_ref().unwrap().0, b"org 2");
        // Still holding version 4 while the file is at 5: refused, nothing written.
        let puts = *server.puts.borrow();
        assert!(matches!(save(b"org 3", "\"v4\""), Err(StoreError::Edit(_))));
        assert_eq!(*server.puts.borrow(), puts);
        // Changed by someone else between our read and our write: refused, theirs kept.
        let mut once = true;
        *server.before_put.borrow_mut() = Some(Box::new(move |file| {
            if std::mem::take(&mut once) {
                *file = Some((b"org theirs".to_vec(), 6));
            }
        }));
        assert!(matches!(save(b"org 4", "\"v5\""), Err(StoreError::Edit(_))));
        assert_eq!(server.file.borrow().as_ref().unwrap().0, b"org theirs");
        // Removed since it was opened: not made again behind the person's back.
        *server.before_put.borrow_mut() = None;
        *server.file.borrow_mut() = None;
        assert!(matches!(save(b"org 5", "\"v6\""), Err(StoreError::Edit(_))));
        assert!(server.file.borrow().is_none());
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
            Some((b"{\"format\":\"candor-survey\",\"version\":5}".to_vec(), 1));
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

    /// Whatever an edit does to the file, a result that breaks the rules is never sent.
    #[test]
    fn an_edit_that_breaks_the_file_is_not_written() {
        let server = Memory::with(&team());
        let mut breaking = |doc: &mut Document| {
            doc.survey.questions.clear();
            Ok(true)
        };
        let Err(refused) = block_on(edit(&server, "/t.json", &mut breaking, &mut || 0.5)) else {
            panic!("expected the edit to be refused")
        };
        assert!(matches!(refused, StoreError::Edit(_)), "{refused:?}");
        assert!(!refused.is_retryable());
        assert!(
            refused
                .to_string()
                .contains("would make the team file invalid")
        );
        assert_eq!(*server.puts.borrow(), 0);
        assert_eq!(server.doc(), team());
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

    /// A folder of files on a scripted server, for the storage check: conditional writes are
    /// honoured; what else it allows is set by its fields.
    #[derive(Default)]
    struct Folder {
        files: RefCell<std::collections::BTreeMap<String, (Vec<u8>, u32)>>,
        any_name: bool,
        delete: bool,
        listing: bool,
        cors_any: bool,
        /// As a browser: cannot send a request with a chosen Origin.
        no_origin: bool,
    }

    fn reply(status: u16) -> Reply {
        Reply {
            status,
            etag: None,
            body: vec![],
        }
    }

    impl Transport for Folder {
        async fn get(&self, url: &str) -> Result<Reply, StoreError> {
            Ok(match self.files.borrow().get(url) {
                Some((body, version)) => Reply {
                    status: 200,
                    etag: Some(format!("\"v{version}\"")),
                    body: body.clone(),
                },
                None => reply(404),
            })
        }
        async fn put(
            &self,
            url: &str,
            body: Vec<u8>,
            p: Precondition,
        ) -> Result<Reply, StoreError> {
            let mut files = self.files.borrow_mut();
            let current = files.get(url).map(|(_, v)| format!("\"v{v}\""));
            let ok = match &p {
                Precondition::IfMatch(tag) => current.as_ref() == Some(tag),
                Precondition::IfNoneMatchAny => current.is_none(),
            };
            if !ok {
                return Ok(reply(412));
            }
            let version = files.get(url).map_or(1, |(_, v)| v + 1);
            files.insert(url.to_owned(), (body, version));
            Ok(reply(204))
        }
        async fn sleep(&self, _: u32) {}
    }

    impl Probe for Folder {
        async fn probe(
            &self,
            method: &str,
            url: &str,
            headers: &[(&str, &str)],
            body: Vec<u8>,
        ) -> Result<Option<ProbeReply>, StoreError> {
            let origin = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("origin"));
            if origin.is_some() && self.no_origin {
                return Ok(None);
            }
            let status = match method {
                "PUT" if self.any_name || url.ends_with(".json") => {
                    self.files.borrow_mut().insert(url.to_owned(), (body, 1));
                    201
                }
                "DELETE" if self.delete => match self.files.borrow_mut().remove(url) {
                    Some(_) => 204,
                    None => 404,
                },
                "PROPFIND" if self.listing => 207,
                "GET" if url.ends_with('/') && self.listing => 200,
                "GET" if url.ends_with('/') => 403,
                "GET" => self.get(url).await?.status,
                _ => 403,
            };
            let allow_origin = match origin {
                Some((_, o)) if self.cors_any => Some((*o).to_owned()),
                _ => None,
            };
            Ok(Some(ProbeReply {
                status,
                allow_origin,
            }))
        }
    }

    const TEAM: &str = "https://files.example/data/team.json";

    #[test]
    fn a_folder_for_team_files_only_is_safe() {
        let folder = Folder::default();
        let check = block_on(check_location(&folder, TEAM)).unwrap();
        assert!(check.honours_conditional_writes(), "{check:?}");
        for setting in UnsafeSetting::ALL {
            assert_eq!(check.found(setting), Some(false), "{setting:?}");
        }
        assert!(check.is_safe() && check.unsafe_settings().is_empty());
        assert_eq!(
            check.other_probe,
            "https://files.example/data/team.candor-probe.html"
        );
        let files = folder.files.borrow();
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            ["https://files.example/data/team.candor-probe.json"],
            "only the probe file is written"
        );
    }

    #[test]
    fn each_unsafe_setting_is_found_and_named() {
        let folder = Folder {
            any_name: true,
            delete: true,
            listing: true,
            cors_any: true,
            ..Folder::default()
        };
        let check = block_on(check_location(&folder, TEAM)).unwrap();
        assert!(check.honours_conditional_writes(), "{check:?}");
        assert!(!check.is_safe());
        assert_eq!(check.unsafe_settings(), UnsafeSetting::ALL);
        assert!(
            !check.other_probe_left,
            "the page it wrote was removed again"
        );
        assert!(folder.files.borrow().is_empty(), "both probes are gone");
        assert_eq!(
            check.evidence(UnsafeSetting::OtherFiles),
            "PUT of team.candor-probe.html"
        );
        assert_eq!(
            check.evidence(UnsafeSetting::Delete),
            "DELETE of team.candor-probe.json"
        );
        assert_eq!(
            check.evidence(UnsafeSetting::Listing),
            "PROPFIND or GET of https://files.example/data/"
        );
        assert!(
            check
                .evidence(UnsafeSetting::AnyOrigin)
                .contains(CHECK_ORIGIN)
        );
        for setting in UnsafeSetting::ALL {
            assert!(setting.fix().contains("docs/hosting.md"), "{setting:?}");
        }

        // One setting alone is enough to make a location unsafe; a page that could not be
        // removed again is said.
        let folder = Folder {
            any_name: true,
            ..Folder::default()
        };
        let check = block_on(check_location(&folder, TEAM)).unwrap();
        assert_eq!(check.unsafe_settings(), [UnsafeSetting::OtherFiles]);
        assert!(check.other_probe_left && !check.is_safe());
    }

    #[test]
    fn what_cannot_be_checked_is_said_not_taken_for_safe_or_unsafe() {
        let folder = Folder {
            no_origin: true,
            cors_any: true,
            ..Folder::default()
        };
        let check = block_on(check_location(&folder, TEAM)).unwrap();
        assert_eq!(check.cors_any_origin, None);
        assert_eq!(check.not_checked(), [UnsafeSetting::AnyOrigin]);
        assert!(check.unsafe_settings().is_empty());
        assert!(check.is_safe(), "nothing unsafe was found");

        // A conditional write that is not honoured is unsafe whatever the folder allows.
        let check = LocationCheck {
            refuses_stale_etag: false,
            ..check
        };
        assert!(!check.is_safe());
    }
}
