//! The set-up desk: the open team file and everything the set-up page asks of it (its facts,
//! its cards, the question editor's draft, a change to it, its text, its key files, the
//! new-survey form), pure: no storage, no browser, no framework, so every answer is tested
//! natively.
//!
//! The page itself keeps only [`Facts`] (what its listeners need to know: the survey's id,
//! title and results key, whether it is sealed and has a round, its agreed actions) and asks
//! the desk for the rest. That seam is where the set-up page gets light: a page that never
//! holds a [`Document`] or a [`Survey`] carries neither the file format's reading nor the
//! cards, so the desk runs in a worker beside the page, as the results page's drawing worker
//! does (see docs/architecture.md, "Page weight"); [`wire`] is what they say to each other.
//!
//! The cards are written as markup by one module each ([`share`], [`rounds`], [`next`],
//! [`key`], [`editor`], [`file`](mod@file)), and so is the new-survey form ([`form`]); the
//! names of what a person can do on them are in [`command`] and [`editor::Control`].

pub mod command;
pub mod editor;
pub mod file;
pub mod form;
pub mod key;
pub mod make;
pub mod next;
pub mod rounds;
pub mod share;
#[cfg(test)]
mod tests;
pub mod wire;

use crate::chart::{Markup, SafeHtml};
use crate::i18n::{DeskMsg as S, ENGLISH, Texts};
use crate::model::{
    self, ActionStatus, Change, Document, FileError, Survey, When, templates, to_canonical_bytes,
};
use crate::storage::StoreError;

/// A file's text as Candor writes it (canonical JSON, always UTF-8).
fn text_of(doc: &Document) -> String {
    String::from_utf8_lossy(&to_canonical_bytes(doc)).into_owned()
}

/// Why the desk could not do what was asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DeskError {
    /// The text is not a valid team file (its problems, in words).
    #[error("{0}")]
    Invalid(String),
    /// The change cannot be made to this file (why, in words).
    #[error("{0}")]
    Refused(String),
    /// This browser already keeps another survey (its title).
    #[error("this browser keeps another survey: {0}")]
    OtherSurvey(String),
    /// No team file is open.
    #[error("no team file is open")]
    NoFile,
    /// A new survey with no question set chosen.
    #[error("choose at least one question set")]
    NoQuestionSet,
    /// A new survey's first round cannot be named after today (the device's date).
    #[error("this device's date looks wrong")]
    BadDate,
    /// Reading or writing the file where it lives.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FileError> for DeskError {
    fn from(e: FileError) -> Self {
        Self::Invalid(e.to_string())
    }
}

/// What the page keeps of the open file: the few facts its listeners act on. The survey
/// itself stays in the desk (the question editor is drawn there), so the page never reads
/// one.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub survey: Named,
    /// The survey seals its answers to a results key.
    pub sealed: bool,
    /// The survey has a round (events and actions are noted against the latest).
    pub has_round: bool,
    /// Agreed actions, `(id, label)`: a settled action is named when the page asks first.
    pub actions: Vec<(String, String)>,
}

/// What names the survey: its id (file names, keys kept in this browser), its title (the
/// share sheet) and its results key (a typed key is checked against it).
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub id: String,
    pub title: String,
    pub results_key: Option<String>,
}

impl Facts {
    pub fn of(doc: &Document) -> Self {
        Self {
            sealed: doc.is_sealed(),
            has_round: !doc.rounds.is_empty(),
            actions: doc
                .actions()
                .map(|a| (a.id.clone(), a.label.clone()))
                .collect(),
            survey: Named {
                id: doc.survey.id.clone(),
                title: doc.survey.title.clone(),
                results_key: doc.survey.results_key.clone(),
            },
        }
    }

    /// The label of agreed action `id` ("" if there is none).
    pub fn action_label(&self, id: &str) -> &str {
        self.actions
            .iter()
            .find(|(a, _)| a == id)
            .map_or("", |(_, label)| label.as_str())
    }
}

/// A change the page asks for, in the page's terms: what the person did, not yet the
/// [`Change`] it means for the file (that depends on the file, which the desk holds).
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    CloseRound(String),
    SettleAction {
        id: String,
        status: ActionStatus,
    },
    /// A new round opened today (YYYY-MM-DD), named `label` (blank: after its month).
    OpenRound {
        label: String,
        today: String,
    },
    /// Something that happened to the team: on `day`, or (none) in the latest round.
    AddEvent {
        label: String,
        day: Option<String>,
    },
    /// A follow-up agreed after the round the team discussed.
    AgreeAction {
        label: String,
        owner: Option<String>,
        review: Option<String>,
    },
    /// The question editor's draft, as a new revision of the survey the desk holds (a file
    /// revised meanwhile elsewhere refuses it).
    SaveDraft,
    /// Another copy of the file (its text): everything in either is kept.
    Merge(String),
}

/// Where the open file lives, as its cards describe it.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A file on this computer; `writable`: the browser writes it back in place.
    Disk { name: String, writable: bool },
    /// This browser's storage.
    Device,
    /// A shared file at a URL.
    Url(String),
}

impl Place {
    /// Changes stay in the page until the person downloads the file.
    pub fn keeps_changes_here(&self) -> bool {
        matches!(
            self,
            Self::Disk {
                writable: false,
                ..
            }
        )
    }
}

/// What the browser knows that the cards show.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub place: Place,
    /// Today on this device, YYYY-MM-DD.
    pub today: String,
    /// The set-up page's address (the links are made from it) and its origin.
    pub page: String,
    pub origin: String,
    /// The browser has a share sheet.
    pub can_share: bool,
    /// The browser opens files on disk in place.
    pub file_access: bool,
    /// Changes not yet downloaded (a disk file the browser cannot write).
    pub unsaved: bool,
    /// This browser keeps the survey's results key.
    pub kept_key: bool,
    /// The key just made for this survey on this page, shown once.
    pub new_key: Option<String>,
    /// A file on disk: the text of this browser's own copy of a survey, if any (its answers
    /// are counted for "bring in").
    pub here: Option<String>,
}

/// The cards of the open file: those above the question editor, the editor, and the file
/// card below it.
#[derive(Debug)]
pub struct Cards {
    pub top: Vec<SafeHtml>,
    pub editor: SafeHtml,
    pub end: SafeHtml,
}

/// The open team file, a changed copy waiting to be kept (see [`Desk::change_text`]), and
/// the question editor's draft (`None`: the survey as saved).
#[derive(Default)]
pub struct Desk {
    doc: Option<Document>,
    pending: Option<Document>,
    draft: Option<Survey>,
}

impl Desk {
    /// Reads and checks `bytes` as a team file; it becomes the open file.
    pub fn open(&mut self, bytes: &[u8]) -> Result<Facts, DeskError> {
        let doc = model::load(bytes)?;
        Ok(self.hold(doc))
    }

    /// Makes `doc` (the file as written where it lives) the open file.
    pub fn hold(&mut self, doc: Document) -> Facts {
        let facts = Facts::of(&doc);
        // The draft was made of the survey as it was: once the survey is another (saved,
        // revised elsewhere, another file), it starts again from the new one. A change to
        // the rounds or events leaves it.
        if self
            .doc
            .as_ref()
            .is_none_or(|held| held.survey != doc.survey)
        {
            self.draft = None;
        }
        self.doc = Some(doc);
        facts
    }

    /// Makes the question editor's `control` (its name in the markup) do its edit to the
    /// draft: on `subject`, with the field's `value` and `checked` state.
    pub fn draft(
        &mut self,
        control: &str,
        subject: String,
        value: &str,
        checked: bool,
    ) -> Result<(), DeskError> {
        let saved = &self.doc()?.survey;
        let edit = editor::Control::parse(control)
            .and_then(|c| c.edit(subject, value, checked))
            .ok_or_else(|| DeskError::Refused(format!("no edit {control:?} of {value:?}")))?;
        let draft = editor::edited(saved, self.draft.as_ref().unwrap_or(saved), edit);
        self.draft = (draft != *saved).then_some(draft);
        Ok(())
    }

    /// The open file's facts.
    pub fn facts(&self) -> Result<Facts, DeskError> {
        self.doc().map(Facts::of)
    }

    fn doc(&self) -> Result<&Document, DeskError> {
        self.doc.as_ref().ok_or(DeskError::NoFile)
    }

    /// The change `edit` means for the open file (a new round's id, the round an event or an
    /// action goes with, a copy's contents). `None`: nothing to change.
    pub fn change_for(&self, edit: Edit) -> Result<Option<Change>, DeskError> {
        let doc = self.doc()?;
        Ok(match edit {
            Edit::CloseRound(id) => Some(Change::CloseRound(id)),
            Edit::SettleAction { id, status } => Some(Change::SettleAction { id, status }),
            // A second round in the same month gets its own id (and label, unless named).
            Edit::OpenRound { label, today } => {
                templates::next_round(&doc.rounds, &today, Some(&label)).map(Change::OpenRound)
            }
            Edit::AddEvent { label, day } => {
                // An undated event goes with the latest round, in the file as it is written.
                let latest = doc.rounds.last().map(|r| r.id.clone());
                let when = match (day, latest) {
                    (Some(day), _) => Some(When::Day(day)),
                    (None, Some(round)) => Some(When::Round(round)),
                    (None, None) => None,
                };
                when.filter(|_| !label.is_empty())
                    .map(|when| Change::AddEvent { when, label })
            }
            Edit::AgreeAction {
                label,
                owner,
                review,
            } => {
                // An action follows the round the team discussed.
                let after = doc
                    .discussed_round()
                    .or(doc.rounds.last())
                    .map(|r| r.id.clone());
                after
                    .filter(|_| !label.is_empty())
                    .map(|after| Change::AgreeAction {
                        after,
                        label,
                        owner,
                        review,
                    })
            }
            Edit::SaveDraft => self.draft.clone().map(|survey| Change::Revise {
                base: doc.survey.revision,
                survey,
            }),
            Edit::Merge(text) => Some(Change::Merge(Box::new(model::load(text.as_bytes())?))),
        })
    }

    /// Makes `edit` to `current`, the file as it is now where the page keeps it (this
    /// browser's storage, a file on disk): the file's new text to write there (`None`: nothing
    /// changed), and the facts once it is written. The changed file waits until the page says
    /// it is written ([`Desk::keep`]): a write that fails leaves the open file as it was.
    pub fn change_text(
        &mut self,
        current: &str,
        edit: Edit,
    ) -> Result<(Option<String>, Facts), DeskError> {
        let mut doc = model::load(current.as_bytes())?;
        let changed = match self.change_for(edit)? {
            Some(change) => doc
                .change(&change)
                .map_err(|e| DeskError::Refused(e.to_string()))?,
            None => false,
        };
        // The last guard of "an invalid file is never written", as in the write protocol.
        model::refuse_if_invalid(&doc).map_err(DeskError::Refused)?;
        let text = changed.then(|| text_of(&doc));
        let facts = Facts::of(&doc);
        self.pending = Some(doc);
        Ok((text, facts))
    }

    /// The file [`Desk::change_text`] made was written: it becomes the open file.
    pub fn keep(&mut self) -> Result<Facts, DeskError> {
        let doc = self.pending.take().ok_or(DeskError::NoFile)?;
        Ok(self.hold(doc))
    }

    /// Applies `change` to the open file itself (a file kept in the page until downloaded).
    pub fn apply(&mut self, change: &Change) -> Result<Facts, DeskError> {
        let mut next = self.doc()?.clone();
        next.change(change)
            .map_err(|e| DeskError::Refused(e.to_string()))?;
        Ok(self.hold(next))
    }

    /// The open file's text, as Candor writes it.
    pub fn text(&self) -> Result<String, DeskError> {
        Ok(text_of(self.doc()?))
    }

    /// The key file for the survey's results key `secret`.
    pub fn key_file(&self, secret: &str) -> Result<String, DeskError> {
        Ok(crate::release::key_file(self.doc()?, secret))
    }

    /// The share files of a key split into `shares`, any two of them needed.
    pub fn share_files(&self, shares: &[String]) -> Result<Vec<String>, DeskError> {
        let doc = self.doc()?;
        Ok(shares
            .iter()
            .enumerate()
            .map(|(i, share)| crate::release::share_file(doc, share, i + 1, shares.len(), 2))
            .collect())
    }

    /// The calendar file (iCalendar) of the survey's rounds from `day` (YYYY-MM-DD) at
    /// `cadence` (its name), answered by `link`; `stamp`: now, as iCalendar's DTSTAMP.
    pub fn calendar(
        &self,
        link: &str,
        day: &str,
        cadence: &str,
        stamp: &str,
    ) -> Result<String, DeskError> {
        let doc = self.doc()?;
        let (Some(day), Some(cadence)) = (
            crate::invite::Day::parse(day),
            crate::invite::Cadence::parse(cadence),
        ) else {
            return Err(DeskError::Refused(format!(
                "no calendar for a day of {day:?} and a cadence of {cadence:?}"
            )));
        };
        Ok(crate::invite::calendar(&crate::invite::Invite {
            title: &doc.survey.title,
            link,
            day,
            cadence,
            survey_id: &doc.survey.id,
            stamp,
            sealed: doc.is_sealed(),
            language: &doc.survey.language,
            minutes: crate::respond::survey_minutes(&doc.survey),
        }))
    }

    /// This browser's copy of the survey with the open file merged in (`here`: the copy it
    /// keeps now, if any), to collect answers on this device.
    pub fn collected_here(&self, here: Option<&str>) -> Result<String, DeskError> {
        let doc = self.doc()?;
        let copy = match here.map(|text| model::load(text.as_bytes())).transpose()? {
            None => doc.clone(),
            Some(mut here) if here.survey.id == doc.survey.id => {
                here.change(&Change::Merge(Box::new(doc.clone())))
                    .map_err(|e| DeskError::Refused(e.to_string()))?;
                here
            }
            Some(here) => return Err(DeskError::OtherSurvey(here.survey.title)),
        };
        if let Some(problem) = model::validate(&copy).first() {
            return Err(DeskError::Refused(problem.to_string()));
        }
        Ok(text_of(&copy))
    }

    /// The open file's cards, in the language of `t` (`month`: a month's name in a language,
    /// from the browser).
    pub fn cards(
        &self,
        scene: &Scene,
        t: &Texts<S>,
        month: fn(&str, &str) -> Option<String>,
    ) -> Result<Cards, DeskError> {
        let doc = self.doc()?;
        // The cards show rounds named after their month in the page's language ("diciembre
        // de 2026"); the file keeps its names, and every change names a round by its id.
        let code = t.language().code;
        let shown = (code != ENGLISH.code).then(|| {
            let mut doc = doc.clone();
            for round in &mut doc.rounds {
                round.label = templates::label_in(round, code, month);
            }
            doc
        });
        let doc = shown.as_ref().unwrap_or(doc);
        let src = match &scene.place {
            Place::Url(url) => Some(url.as_str()),
            _ => None,
        };
        let mut m = Markup::new();
        // The respondent link, when the survey has one (not for a file on this computer).
        let mut next_link = None;
        match &scene.place {
            Place::Disk { name, .. } => {
                let here = scene
                    .here
                    .as_deref()
                    .and_then(|text| model::load(text.as_bytes()).ok())
                    .filter(|here| here.survey.id == doc.survey.id);
                share::collect_card(
                    &mut m,
                    t,
                    doc,
                    name,
                    here.map(|h| h.responses.len() + h.sealed_answers.len()),
                );
            }
            Place::Device | Place::Url(_) => {
                let link = crate::share::respondent_link(
                    &scene.page,
                    crate::route::Bundle::Setup,
                    src,
                    false,
                );
                let embed_link = crate::share::respondent_link(
                    &scene.page,
                    crate::route::Bundle::Setup,
                    src,
                    true,
                );
                let snippet = crate::share::iframe_snippet(&embed_link, &scene.origin);
                share::share_card(
                    &mut m,
                    t,
                    doc,
                    &link,
                    &snippet,
                    src.is_some(),
                    scene.can_share,
                );
                // A survey on this device only has no link the team could answer by.
                if src.is_some() {
                    next_link = Some(link);
                }
            }
        }
        let new_label = templates::monthly_round(&scene.today)
            .map(|r| templates::label_in(&r, code, month))
            .unwrap_or_default();
        let mut top = vec![m.take()];
        rounds::rounds_card(&mut m, t, doc, &new_label);
        top.push(m.take());
        rounds::events_card(&mut m, t, doc, &scene.today);
        if !m.is_empty() {
            top.push(m.take());
        }
        rounds::actions_card(&mut m, t, doc);
        if !m.is_empty() {
            top.push(m.take());
        }
        if let Some(link) = &next_link {
            next::next_round_card(&mut m, t, doc, link, &scene.today);
            if !m.is_empty() {
                top.push(m.take());
            }
        }
        // An absolute link: it is sent to someone else.
        let results_link = |key: Option<&str>| {
            crate::share::results_link(&scene.page, crate::route::Bundle::Setup, src, key)
        };
        key::key_card(
            &mut m,
            t,
            doc,
            &results_link,
            scene.kept_key,
            scene.new_key.as_deref(),
        );
        // A key just made comes first: saving it is part of creating the survey.
        let at = if scene.new_key.is_some() { 0 } else { 1 };
        top.insert(at.min(top.len()), m.take());
        let results = crate::route::Route {
            page: crate::route::Page::Results,
            src: src.map(str::to_owned),
            embed: false,
            key: None,
        };
        editor::editor_card(&mut m, t, doc, self.draft.as_ref().unwrap_or(&doc.survey));
        let editor = m.take();
        file::file_card(
            &mut m,
            t,
            scene,
            &crate::route::Bundle::Setup.href(&results),
        );
        Ok(Cards {
            top,
            editor,
            end: m.finish(),
        })
    }
}
