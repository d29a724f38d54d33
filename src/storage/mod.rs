//! Where a team's file lives and how submissions reach it without ever being lost.
//!
//! - [`outbox`]: submissions waiting for confirmation, kept on the device (pure);
//! - [`protocol`]: read, merge and conditionally write a shared file at a URL, generic over a
//!   small [`protocol::Transport`] so it runs in the browser and natively (pure);
//! - [`browser`]: this device's store (localStorage), the outbox's storage, and the fetch
//!   transport;
//! - [`disk`]: a file on this computer's disk, picked by the facilitator (set-up page only);
//! - `native`: the same protocol over blocking HTTP, for the `candor` tool and tests.

pub mod browser;
pub mod disk;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod outbox;
pub mod protocol;

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
}

impl StoreError {
    /// Worth trying again later: the submission stays in the outbox.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, Self::Rejected(_) | Self::Edit(_))
    }

    /// The failure is about the connection, not the file: "kept on this phone".
    pub fn is_connection(&self) -> bool {
        matches!(
            self,
            Self::Offline | Self::Timeout | Self::Unreachable(_) | Self::Server(_) | Self::Busy
        )
    }
}
