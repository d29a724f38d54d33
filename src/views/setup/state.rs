//! The set-up page's state once a team file is open, and every way it changes, as one pure
//! reducer: no storage, no browser, no framework, so each transition is tested natively.
//! Writing a change where the file lives happens in the page's handlers, which then report
//! the outcome here (the framework's `Reducible` adapter is in the page's module).

use std::rc::Rc;

use crate::desk::{Facts, Place};
use crate::model::{Part, Question, Survey, free_id};
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
    /// The question editor's working copy, started from the file's survey.
    pub draft: Survey,
    /// Changes made to a disk file this browser cannot write back, not yet downloaded.
    pub unsaved: bool,
    pub status: Option<Status>,
    /// Counts the changes that show on the cards: they are drawn again for each.
    pub version: u64,
}

/// A change to the question editor's working copy.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    Text(String, String),
    Reverse(String, bool),
    ToggleRetired(String),
    /// Only a question without answers can be deleted (the model refuses otherwise).
    Delete(String),
    /// One place up or down among its dimension's questions.
    Up(String),
    Down(String),
    /// A new, empty question at the end of a dimension.
    Add(String),
    MinGroup(u32),
    MinGroupComments(u32),
    TeamSize(Option<u32>),
    /// The language the survey's own texts are written in (only its name changes).
    FirstLanguage(String),
    /// Ask the survey in one more language too (its texts to be translated).
    AddLanguage(String),
    RemoveLanguage(String),
    /// A text's translation into a language (blank: untranslated).
    Translate {
        language: String,
        part: Part,
        text: String,
    },
    /// Back to the survey as saved.
    Undo,
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
    Edit(DraftEdit),
}

impl Workspace {
    pub fn new(facts: Facts, home: Home, said: Option<String>) -> Self {
        Self {
            draft: facts.survey.clone(),
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
        // The question editor's draft is not on the cards.
        if !matches!(action, Action::Edit(_)) {
            next.version = self.version + 1;
        }
        match action {
            Action::Changed { facts, said } => {
                next.unsaved = self.home.keeps_changes_here();
                next.draft = facts.survey.clone();
                next.facts = Rc::new(facts);
                next.status = Some(Status::Done(said));
            }
            Action::Opened { file, facts, said } => {
                next = Self::new(facts, Home::Disk(file), Some(said));
            }
            Action::Downloaded => next.unsaved = false,
            Action::Said(text) => next.status = Some(Status::Done(text)),
            Action::Failed(e) => next.status = Some(Status::Failed(e)),
            Action::Edit(edit) => next.draft = self.edited(edit),
        }
        next
    }

    /// The draft after `edit`.
    fn edited(&self, edit: DraftEdit) -> Survey {
        let mut s = self.draft.clone();
        let at = |s: &Survey, id: &str| s.questions.iter().position(|q| q.id == id);
        match edit {
            DraftEdit::Text(id, text) => {
                if let Some(i) = at(&s, &id)
                    && s.questions[i].text != text
                {
                    s.questions[i].text = text;
                    // A reworded question no longer says what its translations say.
                    s.forget_translations_of(&Part::Question(id));
                }
            }
            DraftEdit::Reverse(id, on) => {
                if let Some(i) = at(&s, &id) {
                    s.questions[i].reverse = on;
                }
            }
            DraftEdit::ToggleRetired(id) => {
                if let Some(i) = at(&s, &id) {
                    s.questions[i].retired = !s.questions[i].retired;
                }
            }
            DraftEdit::Delete(id) => {
                s.questions.retain(|q| q.id != id);
                s.drop_stale_translations();
            }
            DraftEdit::Up(id) => move_within_dimension(&mut s, &id, true),
            DraftEdit::Down(id) => move_within_dimension(&mut s, &id, false),
            DraftEdit::Add(dimension) => {
                let id = free_id(&dimension, |id| s.questions.iter().any(|q| q.id == id));
                s.questions.push(Question {
                    id,
                    dimension,
                    text: String::new(),
                    reverse: false,
                    retired: false,
                });
            }
            DraftEdit::MinGroup(n) => {
                s.min_group = n;
                s.min_group_comments = s.min_group_comments.max(n);
            }
            DraftEdit::MinGroupComments(n) => s.min_group_comments = n,
            DraftEdit::TeamSize(n) => s.team_size = n.filter(|n| *n > 0),
            DraftEdit::FirstLanguage(language) => s.name_first_language(&language),
            DraftEdit::AddLanguage(language) => s.add_language(&language),
            DraftEdit::RemoveLanguage(language) => s.remove_language(&language),
            DraftEdit::Translate {
                language,
                part,
                text,
            } => s.set_translation(&language, &part, &text),
            DraftEdit::Undo => s = self.facts.survey.clone(),
        }
        s
    }
}

/// Swaps question `id` with its neighbour among its own dimension's questions (the editor
/// lists them by dimension, so that is the neighbour the person sees).
fn move_within_dimension(s: &mut Survey, id: &str, up: bool) {
    let Some(i) = s.questions.iter().position(|q| q.id == id) else {
        return;
    };
    let neighbour = {
        let dimension = &s.questions[i].dimension;
        let same = |j: &usize| s.questions[*j].dimension == *dimension;
        if up {
            (0..i).rev().find(same)
        } else {
            (i + 1..s.questions.len()).find(same)
        }
    };
    if let Some(j) = neighbour {
        s.questions.swap(i, j);
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

    fn ids_of(s: &Survey, dimension: &str) -> Vec<String> {
        s.questions
            .iter()
            .filter(|q| q.dimension == dimension)
            .map(|q| q.id.clone())
            .collect()
    }

    #[test]
    fn questions_move_among_their_own_dimension_only() {
        let w = workspace();
        let dimension = w.draft.questions[0].dimension.clone();
        let before = ids_of(&w.draft, &dimension);
        let second = before[1].clone();
        let w = w.next(Action::Edit(DraftEdit::Up(second.clone())));
        let after = ids_of(&w.draft, &dimension);
        assert_eq!(after[0], second);
        assert_eq!(after[1], before[0]);
        // The first stays first; the last of a dimension never jumps into the next one.
        let w = w.next(Action::Edit(DraftEdit::Up(second.clone())));
        assert_eq!(ids_of(&w.draft, &dimension)[0], second);
        let last = before.last().expect("questions").clone();
        let others: Vec<_> = w
            .draft
            .questions
            .iter()
            .filter(|q| q.dimension != dimension)
            .map(|q| q.id.clone())
            .collect();
        let w = w.next(Action::Edit(DraftEdit::Down(last.clone())));
        assert_eq!(ids_of(&w.draft, &dimension).last(), Some(&last));
        let still: Vec<_> = w
            .draft
            .questions
            .iter()
            .filter(|q| q.dimension != dimension)
            .map(|q| q.id.clone())
            .collect();
        assert_eq!(others, still);
    }

    #[test]
    fn edits_change_the_draft_until_undone_and_never_the_file() {
        let w = workspace();
        let id = w.draft.questions[0].id.clone();
        let dimension = w.draft.questions[0].dimension.clone();
        let w = w
            .next(Action::Edit(DraftEdit::Text(id.clone(), "Reworded".into())))
            .next(Action::Edit(DraftEdit::Reverse(id.clone(), true)))
            .next(Action::Edit(DraftEdit::ToggleRetired(id.clone())))
            .next(Action::Edit(DraftEdit::Add(dimension.clone())))
            .next(Action::Edit(DraftEdit::MinGroup(7)));
        let q = &w.draft.questions[0];
        assert_eq!(
            (q.text.as_str(), q.reverse, q.retired),
            ("Reworded", true, true)
        );
        let added = w.draft.questions.last().expect("added");
        assert_eq!(added.dimension, dimension);
        assert!(added.text.is_empty());
        assert_ne!(added.id, id);
        // The comment minimum follows the group minimum up, never below it.
        assert_eq!(w.draft.min_group, 7);
        assert!(w.draft.min_group_comments >= 7);
        assert_ne!(w.draft, w.facts.survey);
        let w = w.next(Action::Edit(DraftEdit::Delete(added.id.clone())));
        assert!(!w.draft.questions.iter().any(|q| q.id == added.id));
        let w = w.next(Action::Edit(DraftEdit::Undo));
        assert_eq!(w.draft, w.facts.survey);
        let w = w.next(Action::Edit(DraftEdit::TeamSize(Some(0))));
        assert_eq!(w.draft.team_size, None);
    }

    #[test]
    fn translations_are_added_typed_and_forgotten_when_the_original_changes() {
        let w = workspace();
        let id = w.draft.questions[0].id.clone();
        let part = Part::Question(id.clone());
        let translate = |text: &str| {
            Action::Edit(DraftEdit::Translate {
                language: "de".into(),
                part: part.clone(),
                text: text.into(),
            })
        };
        let w = w
            .next(Action::Edit(DraftEdit::AddLanguage("de".into())))
            .next(translate("  Übersetzt  "));
        assert_eq!(w.draft.translated("de", &part), Some("Übersetzt"));
        let untranslated = w.draft.untranslated("de").len();
        assert_eq!(untranslated, w.draft.parts_shown().len() - 1);
        // The same text again changes nothing; a new one drops the translation.
        let text = w.draft.questions[0].text.clone();
        let w = w.next(Action::Edit(DraftEdit::Text(id.clone(), text)));
        assert_eq!(w.draft.translated("de", &part), Some("Übersetzt"));
        let w = w.next(Action::Edit(DraftEdit::Text(id.clone(), "Reworded".into())));
        assert_eq!(w.draft.translated("de", &part), None);
        // A blank translation is none; the language stays until removed.
        let w = w.next(translate("Neu")).next(translate("   "));
        assert_eq!(w.draft.translated("de", &part), None);
        assert_eq!(w.draft.languages().collect::<Vec<_>>(), ["en", "de"]);
        let w = w.next(Action::Edit(DraftEdit::RemoveLanguage("de".into())));
        assert_eq!(w.draft.languages().collect::<Vec<_>>(), ["en"]);
        // The first language is not a translation of itself.
        let w = w.next(Action::Edit(DraftEdit::AddLanguage("en".into())));
        assert!(w.draft.translations.is_empty());
    }

    #[test]
    fn a_written_change_restarts_the_draft_and_says_so() {
        let w = workspace();
        let id = w.draft.questions[0].id.clone();
        let w = w.next(Action::Edit(DraftEdit::Text(id, "Draft only".into())));
        let mut facts = (*w.facts).clone();
        facts.survey.title = "Renamed".into();
        let w = w.next(Action::Changed {
            facts: facts.clone(),
            said: "Survey saved.".into(),
        });
        assert_eq!(w.draft, facts.survey);
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
        let w = w.next(Action::Changed {
            facts,
            said: "Round closed.".into(),
        });
        assert!(w.unsaved);
        assert!(!w.next(Action::Downloaded).unsaved);
    }
}
