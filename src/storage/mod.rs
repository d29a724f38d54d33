//! Where a team's file lives and how submissions reach it without ever being lost.
//!
//! - [`outbox`]: submissions waiting for confirmation, kept on the device (pure);
//! - [`protocol`]: read, merge and conditionally write a shared file at a URL, generic over a
//!   small [`protocol::Transport`] so it runs in the browser and natively (pure);
//! - [`browser`]: this device's store (localStorage), the outbox's storage, and the fetch
//!   transport;
//! - [`respondent`]: the respondent page's way to the file: the survey part read on the page,
//!   submissions delivered through the outbox and the sealer worker;
//! - [`wire`]: an error as it crosses from a worker to its page;
//! - [`worker_address`]: a worker's address in this build, so no cache pairs a page with
//!   another build's worker;
//! - [`disk`]: a file on this computer's disk, picked by the facilitator (set-up page only);
//! - `native`: the same protocol over blocking HTTP, for the `candor` tool and tests.

pub mod browser;
pub mod disk;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod outbox;
pub mod protocol;
pub mod respondent;

use crate::model::{FileError, Rejection};

/// Where the team's file is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// This device's browser storage (zero set-up; pass-the-phone in a meeting).
    Device,
    /// A shared file at a URL (WebDAV or S3-compatible).
    Remote(String),
}

impl Source {
    /// From the route's `src` parameter.
    pub fn from_src(src: Option<&str>) -> Self {
        match src {
            Some(url) => Self::Remote(url.to_owned()),
            None => Self::Device,
        }
    }

    /// A stable key for this source in the outbox and the device's own records.
    pub fn key(&self) -> String {
        match self {
            Self::Device => "device".to_owned(),
            Self::Remote(url) => format!("url:{url}"),
        }
    }

    /// From [`Source::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "device" => Some(Self::Device),
            _ => key
                .strip_prefix("url:")
                .map(|url| Self::Remote(url.to_owned())),
        }
    }
}

/// Why reading or writing a team file failed. Messages are for the person holding the phone;
/// the admin-facing detail is in the wording.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("you seem to be offline")]
    Offline,
    #[error("the server did not answer in time")]
    Timeout,
    #[error(
        "could not reach the team file at {0} (the server may be down, or it does not allow this page to read it: its CORS settings must allow this origin and expose ETag)"
    )]
    Unreachable(String),
    #[error("there is no team file at this address")]
    NotFound,
    #[error(
        "this location does not allow writing (HTTP {0}); ask whoever runs it for write access"
    )]
    Forbidden(u16),
    #[error("the server had a problem (HTTP {0})")]
    Server(u16),
    #[error("the server answered with HTTP {0}, which Candor does not expect")]
    Unexpected(u16),
    #[error(
        "the server sent no ETag, so Candor cannot write safely (for lighttpd, set mimetype.assign for .json)"
    )]
    NoEtag,
    #[error("a team file already exists at this address")]
    AlreadyExists,
    #[error("many people are submitting at once; your answers will be sent again shortly")]
    Busy,
    #[error("the team file has problems, so Candor will not change it: {0}")]
    Invalid(FileError),
    #[error("{0}")]
    Rejected(Rejection),
    /// A facilitator's change that cannot be made (a [`crate::model::EditError`], or a file
    /// on disk the browser cannot read or write), as text, so the respondent's page carries
    /// none of those messages.
    #[error("{0}")]
    Edit(String),
    #[error("this device's storage is full or unavailable: {0}")]
    Storage(String),
    /// [`StoreError::Invalid`] as the worker that read the whole file says it (the problems
    /// in words): the respondent's page reads only the survey part of a file.
    #[error("the team file has problems, so Candor will not change it: {0}")]
    Problems(String),
    /// A refusal ([`StoreError::Rejected`], [`StoreError::Edit`]) as the worker that met it
    /// says it.
    #[error("{0}")]
    Refused(String),
    /// The worker that writes answers into the file could not start or stopped.
    #[error(
        "this browser could not start the part of Candor that writes answers into the team file"
    )]
    WriterStopped,
}

impl StoreError {
    /// Worth trying again later: the submission stays in the outbox.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, Self::Rejected(_) | Self::Edit(_) | Self::Refused(_))
    }

    /// The failure is about the connection, not the file: "kept on this phone".
    pub fn is_connection(&self) -> bool {
        matches!(
            self,
            Self::Offline | Self::Timeout | Self::Unreachable(_) | Self::Server(_) | Self::Busy
        )
    }
}

/// The address to start a worker at: `url` (its `<name>_loader.js`) with the version this
/// build gave the worker's files (`?v=<version>`), taken from `versions`, the content of the
/// pages' `candor-workers` meta (`"candor-sealer=3f… candor-draw=9a…"`, written by
/// scripts/version-workers.py). Trunk does not name a worker's files after their contents,
/// so without the version a browser's cache could pair a new page with an old worker. A worker
/// the meta does not name (a build without versions: the browser tests, a development build)
/// keeps its plain address.
pub fn worker_address(url: &str, versions: &str) -> String {
    let name = url
        .rsplit('/')
        .next()
        .and_then(|file| file.strip_suffix("_loader.js"));
    let version = name
        .and_then(|name| {
            versions
                .split(' ')
                .find_map(|entry| entry.strip_prefix(name)?.strip_prefix('='))
        })
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric()));
    match version {
        Some(version) => format!("{url}?v={version}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod worker_address_tests {
    use super::worker_address;

    const VERSIONS: &str = "candor-draw=560d2fcafc561a7a candor-reader=c2c78fadafdf4cd5 candor-sealer=b608bccdbf1093f1";

    #[test]
    fn a_worker_is_started_at_its_builds_version() {
        assert_eq!(
            worker_address("./candor-sealer_loader.js", VERSIONS),
            "./candor-sealer_loader.js?v=b608bccdbf1093f1"
        );
        // Another page's worker, named from a folder away, by its file's name.
        assert_eq!(
            worker_address("../results/candor-reader_loader.js", VERSIONS),
            "../results/candor-reader_loader.js?v=c2c78fadafdf4cd5"
        );
    }

    #[test]
    fn without_a_version_the_address_stays_plain() {
        for versions in ["", "candor-draw=560d", "candor-sealer=", "candor-sealer"] {
            assert_eq!(
                worker_address("./candor-sealer_loader.js", versions),
                "./candor-sealer_loader.js",
                "{versions:?}"
            );
        }
        // Not a worker's loader: left alone.
        assert_eq!(
            worker_address("./candor-sealer.js", VERSIONS),
            "./candor-sealer.js"
        );
        // A version is a plain word; anything else in the meta is not put into an address.
        assert_eq!(
            worker_address("./candor-sealer_loader.js", "candor-sealer=a&b=c"),
            "./candor-sealer_loader.js"
        );
    }
}

/// How a [`StoreError`] crosses from the worker that met it to its page (a message holds plain
/// values): a tag, a status code where it has one, and its text where it has one. A file's
/// problems and a refusal arrive as their words ([`StoreError::Problems`],
/// [`StoreError::Refused`]), which is all a page does with them.
pub mod wire {
    use super::StoreError;

    /// The error's tag, status code (or 0) and text (or empty).
    pub fn write(error: &StoreError) -> (&'static str, u16, String) {
        use StoreError as E;
        let text = || error.to_string();
        match error {
            E::Offline => ("offline", 0, String::new()),
            E::Timeout => ("timeout", 0, String::new()),
            E::Unreachable(url) => ("unreachable", 0, url.clone()),
            E::NotFound => ("not-found", 0, String::new()),
            E::Forbidden(code) => ("forbidden", *code, String::new()),
            E::Server(code) => ("server", *code, String::new()),
            E::Unexpected(code) => ("unexpected", *code, String::new()),
            E::NoEtag => ("no-etag", 0, String::new()),
            E::AlreadyExists => ("already-exists", 0, String::new()),
            E::Busy => ("busy", 0, String::new()),
            E::Invalid(problems) => ("problems", 0, problems.to_string()),
            E::Problems(problems) => ("problems", 0, problems.clone()),
            E::Rejected(_) | E::Edit(_) | E::Refused(_) => ("refused", 0, text()),
            E::Storage(why) => ("storage", 0, why.clone()),
            E::WriterStopped => ("writer-stopped", 0, String::new()),
        }
    }

    /// Reads back what [`write()`] wrote; `None` for anything else.
    pub fn read(tag: &str, code: u16, text: String) -> Option<StoreError> {
        use StoreError as E;
        Some(match tag {
            "offline" => E::Offline,
            "timeout" => E::Timeout,
            "unreachable" => E::Unreachable(text),
            "not-found" => E::NotFound,
            "forbidden" => E::Forbidden(code),
            "server" => E::Server(code),
            "unexpected" => E::Unexpected(code),
            "no-etag" => E::NoEtag,
            "already-exists" => E::AlreadyExists,
            "busy" => E::Busy,
            "problems" => E::Problems(text),
            "refused" => E::Refused(text),
            "storage" => E::Storage(text),
            "writer-stopped" => E::WriterStopped,
            _ => return None,
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::model::{FileError, ProblemKind, Rejection};

        #[test]
        fn every_error_arrives_saying_the_same_and_retried_the_same() {
            let errors = [
                StoreError::Offline,
                StoreError::Timeout,
                StoreError::Unreachable("https://dav.example/t.json (failed)".into()),
                StoreError::NotFound,
                StoreError::Forbidden(403),
                StoreError::Server(502),
                StoreError::Unexpected(418),
                StoreError::NoEtag,
                StoreError::AlreadyExists,
                StoreError::Busy,
                StoreError::Invalid(FileError::single("$.survey.title", ProblemKind::EmptyText)),
                StoreError::Rejected(Rejection::RoundClosed("2026-11".into())),
                StoreError::Edit("that round is closed".into()),
                StoreError::Storage("quota exceeded".into()),
                StoreError::WriterStopped,
            ];
            for error in errors {
                let (tag, code, text) = write(&error);
                let arrived = read(tag, code, text).expect("written, so readable");
                assert_eq!(arrived.to_string(), error.to_string(), "{error:?}");
                assert_eq!(arrived.is_retryable(), error.is_retryable(), "{error:?}");
                assert_eq!(arrived.is_connection(), error.is_connection(), "{error:?}");
                // Once across, it crosses again unchanged.
                let (tag, code, text) = write(&arrived);
                assert_eq!(read(tag, code, text), Some(arrived));
            }
            assert_eq!(read("nonsense", 0, String::new()), None);
        }
    }
}
