//! The set-up page's state once a team file is open, and every way it changes, as one pure
//! reducer: no storage, no browser, no framework, so each transition is tested natively.
//! Writing a change where the file lives happens in the page's handlers, which then report
//! the outcome here (the framework's `Reducible` adapter is in the page's module).

use std::rc::Rc;

use crate::desk::{Facts, Place};
use crate::storage::Source;
use crate::storage::disk::DiskFile;
use crate::views::error::UiError;

/// Where the open team file lives, which decides how a change is written.
#[derive(Clone, Debug, PartialEq)]
pub enum Home {
    /// A store Candor reads and writes itself: this device's browser storage or a URL.
    Store(Source),
    /// A file on this computer's disk: written back in place where the browser allows it,
    /// otherwise kept here until the person downloads the updated file.
    Disk(DiskFile),
}

impl Home {
    /// Changes are kept in this page until downloaded (a disk file the browser cannot write).
    pub fn keeps_changes_here(&self) -> bool {
        self.place().keeps_changes_here()
    }

    /// The place as the cards describe it.
    pub fn place(&self) -> Place {
        match self {
            Self::Disk(file) => Place::Disk {
                name: file.name.clone(),
                writable: file.can_write(),
            },
            Self::Store(Source::Device) => Place::Device,
            Self::Store(Source::Remote(url)) => Place::Url(url.clone()),
        }
    }
}

/// The last outcome, shown in the page's live region.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Done(String),
    Failed(UiError),
}

/// The page with a team file open.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    /// What the page knows of the open file (the file itself is the desk's).
    pub facts: Rc<Facts>,
    pub home: Home,
    /// Changes made to a disk file this browser cannot write back, not yet downloaded.
    pub unsaved: bool,
    pub status: Option<Status>,
    /// Counts the changes that show on the cards: they are drawn again for each.
    pub version: u64,
}

/// Everything that happens to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A change was written where the file lives (or kept here): the file as it now is.
    Changed {
        facts: Facts,
        said: String,
    },
    /// Another team file was opened from this computer.
    Opened {
        file: DiskFile,
        facts: Facts,
        /// What to say ("Opened team.json."), in the page's language.
        said: String,
    },
    /// The updated file was downloaded: nothing is left unsaved.
    Downloaded,
    Said(String),
    Failed(UiError),
    /// The question editor's draft (kept in the desk) changed.
    Drafted,
}

impl Workspace {
    pub fn new(facts: Facts, home: Home, said: Option<String>) -> Self {
        Self {
            facts: Rc::new(facts),
            home,
            unsaved: false,
            status: said.map(Status::Done),
            version: 0,
        }
    }

    /// The next state after `action`.
    pub fn next(&self, action: Action) -> Self {
        let mut next = self.clone();
        next.version = self.version + 1;
        match action {
            Action::Changed { facts, said } => {
                next.unsaved = self.home.keeps_changes_here();
                next.facts = Rc::new(facts);
                next.status = Some(Status::Done(said));
            }
            Action::Opened { file, facts, said } => {
                // Counted on: the cards of the file opened are drawn.
                next = Self {
                    version: next.version,
                    ..Self::new(facts, Home::Disk(file), Some(said))
                };
            }
            Action::Downloaded => next.unsaved = false,
            Action::Said(text) => next.status = Some(Status::Done(text)),
            Action::Failed(e) => next.status = Some(Status::Failed(e)),
            Action::Drafted => {}
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates::starter;
    use crate::storage::StoreError;

    fn workspace() -> Workspace {
        let doc = starter("2026-11-30").expect("a starter file");
        Workspace::new(Facts::of(&doc), Home::Store(Source::Device), None)
    }

    #[test]
    fn a_written_change_is_drawn_and_said() {
        let w = workspace();
        let w = w.next(Action::Drafted);
        assert_eq!(w.version, 1, "a changed draft is drawn again");
        let mut facts = (*w.facts).clone();
        facts.survey.title = "Renamed".into();
        let w = w.next(Action::Changed {
            facts: facts.clone(),
            said: "Survey saved.".into(),
        });
        assert_eq!(*w.facts, facts);
        assert_eq!(w.status, Some(Status::Done("Survey saved.".into())));
        assert!(!w.unsaved, "a store keeps what it is given");
        let w = w.next(Action::Failed(UiError::Store(StoreError::Offline)));
        assert_eq!(
            w.facts.survey.title, "Renamed",
            "a failure leaves the file shown"
        );
    }

    #[test]
    fn a_disk_file_the_browser_cannot_write_is_unsaved_until_downloaded() {
        let w = workspace();
        let facts = (*w.facts).clone();
        let w = w.next(Action::Opened {
            file: DiskFile::read_only("team.json"),
            facts: facts.clone(),
            said: "Opened team.json.".into(),
        });
        assert_eq!(w.status, Some(Status::Done("Opened team.json.".into())));
        assert!(w.home.keeps_changes_here() && !w.unsaved);
        assert_eq!(w.version, 1, "the file opened is drawn");
        let w = w.next(Action::Changed {
            facts,
            said: "Round closed.".into(),
        });
        assert!(w.unsaved);
        assert!(!w.next(Action::Downloaded).unsaved);
    }
}
