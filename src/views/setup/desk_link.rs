//! The set-up page's link to its [`crate::desk`]: every question the page asks about the open
//! team file, and every change to it, goes through here, as an `async` call. The desk runs on
//! the page for now; because the page only ever waits for answers, it can move into a worker
//! beside the page (as the results page's drawing worker did) without the page changing.
//! Reading and writing where the file lives (a URL, this browser, a file on disk) happens
//! here too, through the same write protocol as answers.

use std::cell::RefCell;

use crate::desk::{Cards, Desk, DeskError, Edit, Facts, Scene};
use crate::i18n::{SetupMsg as S, Texts};
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, StoreError, browser};
use crate::views::error::UiError;

use super::state::Home;

/// The page's desk, holding the open team file.
#[derive(Default)]
pub struct DeskLink {
    desk: RefCell<Desk>,
}

/// One desk per page: two links are the same when they are one.
impl PartialEq for DeskLink {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl From<DeskError> for UiError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::Invalid(problems) => Self::Store(StoreError::Invalid(problems)),
            DeskError::OtherSurvey(title) => Self::OtherSurveyHere(title),
            DeskError::Refused(why) => Self::Invalid(why),
            DeskError::NoFile => Self::Invalid(e.to_string()),
        }
    }
}

/// A team file picked on this computer that is not one.
pub(super) fn not_a_team_file(e: DeskError) -> UiError {
    match e {
        DeskError::Invalid(problems) => UiError::NotATeamFile(problems.to_string()),
        other => other.into(),
    }
}

impl DeskLink {
    /// Reads the team file at `source` and opens it.
    pub async fn load(&self, source: &Source) -> Result<Facts, UiError> {
        let bytes = browser::writable_bytes(source).await?;
        Ok(self.open(&bytes).await?)
    }

    /// Opens a team file's text (read elsewhere: a file on disk, a sealed copy).
    pub async fn open(&self, bytes: &[u8]) -> Result<Facts, DeskError> {
        self.desk.borrow_mut().open(bytes)
    }

    /// Opens a team file on this computer through the browser's file dialog; `None` when
    /// the person cancels.
    pub async fn open_disk(&self) -> Result<Option<(DiskFile, Facts)>, UiError> {
        match disk::open().await? {
            None => Ok(None),
            Some((file, bytes)) => Ok(Some((file, self.open(&bytes).await?))),
        }
    }

    /// Makes `edit` where the file lives (`home`) and returns what the page then knows: through
    /// the write protocol for a store, into a disk file the browser can write, or (a disk
    /// file it cannot write) kept here until downloaded.
    pub async fn write(&self, home: &Home, edit: Edit) -> Result<Facts, UiError> {
        let merge = matches!(edit, Edit::Merge(_));
        let change = self.desk.borrow().change_for(edit);
        let change = match change {
            Ok(Some(change)) => change,
            // Nothing to change.
            Ok(None) => return Ok(self.desk.borrow().facts()?),
            // A copy to merge that is not a team file.
            Err(e) if merge => return Err(not_a_team_file(e)),
            Err(e) => return Err(e.into()),
        };
        let doc = match home {
            Home::Store(source) => browser::change(source, &change).await?,
            Home::Disk(file) if file.can_write() => disk::change(file, &change).await?,
            Home::Disk(_) => return Ok(self.desk.borrow_mut().apply(&change)?),
        };
        Ok(self.desk.borrow_mut().hold(doc))
    }

    /// The open file's cards, as the browser's `scene` and the page's language `t` show them.
    pub async fn cards(&self, scene: &Scene, t: &Texts<S>) -> Result<Cards, UiError> {
        Ok(self.desk.borrow().cards(scene, t, browser::month_label)?)
    }

    /// The open file's text, to download or seal.
    pub async fn text(&self) -> Result<Vec<u8>, UiError> {
        Ok(self.desk.borrow().text()?)
    }

    /// The key file for the results key `secret`.
    pub async fn key_file(&self, secret: &str) -> Result<String, UiError> {
        Ok(self.desk.borrow().key_file(secret)?)
    }

    /// The share files of a key split into `shares`.
    pub async fn share_files(&self, shares: &[String]) -> Result<Vec<String>, UiError> {
        Ok(self.desk.borrow().share_files(shares)?)
    }

    /// Puts the open file into this browser's storage, merged with the copy of the same
    /// survey it keeps (another tab may have collected answers since: then nothing is
    /// written and the person is asked to try again).
    pub async fn collect_here(&self) -> Result<(), UiError> {
        let here = browser::device_text()?;
        let copy = self
            .desk
            .borrow()
            .collected_here(here.as_deref().map(str::as_bytes))?;
        browser::device_replace(here.as_deref().unwrap_or_default().as_bytes(), &copy)?;
        Ok(())
    }
}
