//! The set-up page's link to its [`crate::desk`], which holds the open team file in its own
//! worker ([`crate::reader::desk`]): every question the page asks about the file, and every
//! change to it, is an [`Ask`] the page waits for. What only the page can reach (this
//! browser's storage, a file on disk) it reads and writes here: the desk answers the new text,
//! and keeps it once the page has written it. A shared file at a URL the worker reads and
//! writes itself, through the same write protocol as answers.

use crate::chart::SafeHtml;
use crate::desk::make::Blueprint;
use crate::desk::wire::{Ask, At, Reply, error_of};
use crate::desk::{Cards, DeskError, Edit, Facts, Scene};
use crate::i18n::{SetupMsg as S, Texts};
use crate::reader::ReaderError;
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, StoreError, browser};
use crate::views::error::UiError;

use super::state::Home;

/// How many times a change to this browser's copy is tried when another tab writes it in
/// between.
const DEVICE_ATTEMPTS: usize = 5;

/// The page's desk.
pub struct DeskLink {
    #[cfg(not(feature = "desk-on-page"))]
    worker: Result<crate::reader::desk::DeskWorker, ReaderError>,
    #[cfg(feature = "desk-on-page")]
    held: crate::reader::desk::Held,
}

impl Default for DeskLink {
    /// Starts the desk: its worker downloads and compiles while the page reads the file.
    fn default() -> Self {
        Self {
            #[cfg(not(feature = "desk-on-page"))]
            worker: crate::reader::desk::DeskWorker::start(),
            #[cfg(feature = "desk-on-page")]
            held: crate::reader::desk::Held::default(),
        }
    }
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
            // Said as a file's problems are said wherever the page meets them.
            DeskError::Invalid(why) => Self::Store(StoreError::Problems(why)),
            DeskError::OtherSurvey(title) => Self::OtherSurveyHere(title),
            DeskError::Refused(why) => Self::Invalid(why),
            DeskError::Store(e) => Self::Store(e),
            DeskError::NoFile => Self::Invalid(e.to_string()),
            DeskError::NoQuestionSet => Self::NoQuestionSet,
            DeskError::BadDate => Self::BadDate,
        }
    }
}

/// A team file picked on this computer that is not one.
fn not_a_team_file(e: DeskError) -> UiError {
    match e {
        DeskError::Invalid(why) => UiError::NotATeamFile(why),
        other => other.into(),
    }
}

/// A reply that is not the one asked for.
fn malformed<T>(_: Reply) -> Result<T, UiError> {
    Err(UiError::Reader(ReaderError::Malformed))
}

impl DeskLink {
    /// Asks the desk; its refusal becomes a page's error through `said`.
    async fn ask_as(&self, ask: Ask, said: fn(DeskError) -> UiError) -> Result<Reply, UiError> {
        #[cfg(not(feature = "desk-on-page"))]
        let reply = self
            .worker
            .as_ref()
            .map_err(Clone::clone)?
            .ask(&ask)
            .await?;
        #[cfg(feature = "desk-on-page")]
        let reply = {
            let json = crate::reader::desk::answer(&self.held, ask).await.to_json();
            Reply::from_json(&json).ok_or(ReaderError::Malformed)?
        };
        match reply {
            Reply::Failed(tag, code, text) => {
                Err(error_of(&tag, code, text)
                    .map_or(UiError::Reader(ReaderError::Malformed), said))
            }
            reply => Ok(reply),
        }
    }

    async fn ask(&self, ask: Ask) -> Result<Reply, UiError> {
        self.ask_as(ask, UiError::from).await
    }

    async fn facts(&self, ask: Ask, said: fn(DeskError) -> UiError) -> Result<Facts, UiError> {
        match self.ask_as(ask, said).await? {
            Reply::Facts(facts) => Ok(facts),
            other => malformed(other),
        }
    }

    async fn text(&self, ask: Ask) -> Result<String, UiError> {
        match self.ask(ask).await? {
            Reply::Text(text) => Ok(text),
            other => malformed(other),
        }
    }

    /// Reads the team file at `source` and opens it. The page reads it itself: its first
    /// read of a shared file starts before its wasm has arrived (`index.html`), and the
    /// desk's writes read the file again anyway.
    pub async fn load(&self, source: &Source) -> Result<Facts, UiError> {
        let bytes = browser::writable_bytes(source).await?;
        let text = String::from_utf8(bytes)
            .map_err(|_| StoreError::Problems("the file is not UTF-8 text".to_owned()))?;
        self.facts(Ask::Open(text), UiError::from).await
    }

    /// Opens a team file's text, read elsewhere (a sealed copy of the file).
    pub async fn open(&self, text: String) -> Result<Facts, UiError> {
        self.facts(Ask::Open(text), |e| UiError::BadFile(e.to_string()))
            .await
    }

    /// Opens a team file picked on this computer.
    pub async fn open_picked(&self, text: String) -> Result<Facts, UiError> {
        self.facts(Ask::Open(text), not_a_team_file).await
    }

    /// Opens a team file on this computer through the browser's file dialog; `None` when
    /// the person cancels.
    pub async fn open_disk(&self) -> Result<Option<(DiskFile, Facts)>, UiError> {
        match disk::open().await? {
            None => Ok(None),
            Some((file, text)) => Ok(Some((
                file,
                self.facts(Ask::Open(text), UiError::from).await?,
            ))),
        }
    }

    /// Makes `edit` where the file lives (`home`) and returns what the page then knows: through
    /// the write protocol for a file at a URL (in the worker), into this browser's copy or a
    /// disk file the browser can write (here), or (a disk file it cannot write) kept in the
    /// desk until downloaded. `false` beside the facts: nothing changed.
    pub async fn write(&self, home: &Home, edit: Edit) -> Result<(Facts, bool), UiError> {
        // A copy to merge that is not a team file was picked on this computer.
        let said: fn(DeskError) -> UiError = if matches!(edit, Edit::Merge(_)) {
            not_a_team_file
        } else {
            UiError::from
        };
        match home {
            Home::Store(Source::Remote(url)) => {
                let (_, facts, changed) = self.write_at(At::Url(url.clone()), edit, said).await?;
                Ok((facts, changed))
            }
            Home::Disk(file) if !file.can_write() => {
                let (_, facts, changed) = self.write_at(At::Here, edit, said).await?;
                Ok((facts, changed))
            }
            Home::Disk(file) => {
                let current = disk::read_text(file).await?;
                let (text, _, changed) = self.write_at(At::Text(current), edit, said).await?;
                if let Some(text) = text {
                    disk::write_text(file, &text).await?;
                }
                Ok((self.facts(Ask::Kept, UiError::from).await?, changed))
            }
            Home::Store(Source::Device) => {
                let mut last = UiError::Store(StoreError::Busy);
                for _ in 0..DEVICE_ATTEMPTS {
                    let current = browser::device_text()?.ok_or(StoreError::NotFound)?;
                    let (text, _, changed) = self
                        .write_at(At::Text(current.clone()), edit.clone(), said)
                        .await?;
                    // Only over the text it was made from: another tab may have written since.
                    match text
                        .map(|text| browser::device_replace(current.as_bytes(), text.as_bytes()))
                    {
                        Some(Err(StoreError::Busy)) => last = UiError::Store(StoreError::Busy),
                        Some(Err(e)) => return Err(e.into()),
                        Some(Ok(())) | None => {
                            return Ok((self.facts(Ask::Kept, UiError::from).await?, changed));
                        }
                    }
                }
                Err(last)
            }
        }
    }

    /// Asks for `edit` at `at`: the new text to write where the page keeps the file (if
    /// any), the facts of the file as changed, and whether anything changed.
    async fn write_at(
        &self,
        at: At,
        edit: Edit,
        said: fn(DeskError) -> UiError,
    ) -> Result<(Option<String>, Facts, bool), UiError> {
        match self.ask_as(Ask::Write { at, edit }, said).await? {
            Reply::Written {
                text,
                facts,
                changed,
            } => Ok((text, facts, changed)),
            other => malformed(other),
        }
    }

    /// Makes the new team file `plan` describes, with today's round open and `key` (the
    /// results key's public half; none: only check the fields): its text, to be written
    /// where the person chose; then [`DeskLink::kept`] opens it.
    pub async fn make(
        &self,
        plan: &Blueprint,
        date: &str,
        key: Option<String>,
    ) -> Result<(String, Facts), UiError> {
        let ask = Ask::Make {
            plan: plan.clone(),
            date: date.to_owned(),
            key,
        };
        match self.ask(ask).await? {
            Reply::Written {
                text: Some(text),
                facts,
                ..
            } => Ok((text, facts)),
            other => malformed(other),
        }
    }

    /// The new-survey form's fields, and the card that opens a file from this computer, in
    /// the page's language `t`, for a shared file at `url` (empty: none).
    pub async fn form(&self, url: &str, t: &Texts<S>) -> Result<(SafeHtml, SafeHtml), UiError> {
        let ask = Ask::Form {
            url: url.to_owned(),
            file_access: disk::has_file_access(),
            language: t.source().map(str::to_owned),
        };
        match self.ask(ask).await? {
            // Written by the desk's markup writer in the worker: this program.
            Reply::Texts(drawn) => match <[String; 2]>::try_from(drawn) {
                Ok([fields, open]) => Ok((
                    SafeHtml::from_own_worker(fields),
                    SafeHtml::from_own_worker(open),
                )),
                Err(drawn) => malformed(Reply::Texts(drawn)),
            },
            other => malformed(other),
        }
    }

    /// Checks the server at `url` for a shared file: what was found, in the words of `t`
    /// (an unsafe server's findings as the error).
    pub async fn check_location(&self, url: &str, t: &Texts<S>) -> Result<String, UiError> {
        let ask = Ask::CheckLocation {
            url: url.to_owned(),
            language: t.source().map(str::to_owned),
        };
        match self.ask(ask).await? {
            Reply::Checked { safe: true, said } => Ok(said),
            Reply::Checked { safe: false, said } => Err(UiError::Invalid(said)),
            other => malformed(other),
        }
    }

    /// The file just made was written: the desk opens it.
    pub async fn kept(&self) -> Result<Facts, UiError> {
        self.facts(Ask::Kept, UiError::from).await
    }

    /// The open file's cards, as the browser's `scene` and the page's language `t` show them.
    pub async fn cards(&self, scene: &Scene, t: &Texts<S>) -> Result<Cards, UiError> {
        let ask = Ask::Cards {
            scene: scene.clone(),
            language: t.source().map(str::to_owned),
        };
        match self.ask(ask).await? {
            // Written by the desk's markup writer in the worker: this program.
            Reply::Cards { top, editor, end } => Ok(Cards {
                top: top.into_iter().map(SafeHtml::from_own_worker).collect(),
                editor: SafeHtml::from_own_worker(editor),
                end: SafeHtml::from_own_worker(end),
            }),
            other => malformed(other),
        }
    }

    /// The question editor's `control` was used on `subject` (its field now holding `value`,
    /// `checked`): the desk changes its draft.
    pub async fn draft(
        &self,
        control: String,
        subject: String,
        value: String,
        checked: bool,
    ) -> Result<(), UiError> {
        let ask = Ask::Draft {
            control,
            subject,
            value,
            checked,
        };
        match self.ask(ask).await? {
            Reply::Done => Ok(()),
            other => malformed(other),
        }
    }

    /// The open file's text, to download or seal.
    pub async fn file_text(&self) -> Result<String, UiError> {
        self.text(Ask::Text).await
    }

    /// The calendar file of the survey's rounds (see [`crate::desk::Desk::calendar`]).
    pub async fn calendar(
        &self,
        link: String,
        day: String,
        cadence: String,
        stamp: String,
    ) -> Result<String, UiError> {
        self.text(Ask::Calendar {
            link,
            day,
            cadence,
            stamp,
        })
        .await
    }

    /// The key file for the results key `secret`.
    pub async fn key_file(&self, secret: &str) -> Result<String, UiError> {
        self.text(Ask::KeyFile(secret.to_owned())).await
    }

    /// The share files of a key split into `shares`.
    pub async fn share_files(&self, shares: &[String]) -> Result<Vec<String>, UiError> {
        match self.ask(Ask::ShareFiles(shares.to_vec())).await? {
            Reply::Texts(texts) => Ok(texts),
            other => malformed(other),
        }
    }

    /// Puts the open file into this browser's storage, merged with the copy of the same
    /// survey it keeps (another tab may have collected answers since: then nothing is
    /// written and the person is asked to try again).
    pub async fn collect_here(&self) -> Result<(), UiError> {
        let here = browser::device_text()?;
        let copy = self.text(Ask::CollectedHere(here.clone())).await?;
        browser::device_replace(here.unwrap_or_default().as_bytes(), copy.as_bytes())?;
        Ok(())
    }
}
