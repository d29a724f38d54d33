//! The user interface's errors: one enum with lowercase messages (as every layer's), and one
//! place, [`UiError::sentence`], that turns a message into a sentence on the page.

use crate::storage::StoreError;

/// What went wrong, for the person using the page.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum UiError {
    /// Reading or writing the team file where it lives.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The team file was read but does not hold a valid survey (the problems in words).
    #[error("the team file has problems: {0}")]
    BadFile(String),
    /// A file picked on this computer is not a team file (the problems in words).
    #[error("that file is not a valid team file: {0}")]
    NotATeamFile(String),
    #[error("that file cannot be read")]
    Unreadable,
    #[error("choose at least one question set")]
    NoQuestionSet,
    #[error("this device's date looks wrong")]
    BadDate,
    /// A survey the model refuses (the first problem in words).
    #[error("{0}")]
    Invalid(String),
    #[error(
        "this device already keeps another survey (\"{0}\"); collect on another device, or download that one and clear this browser's data for Candor first"
    )]
    OtherSurveyHere(String),
    #[error("this device holds no copy of the survey")]
    NoCopyHere,
    /// Sealing the answers, or releasing a round, could not go ahead.
    #[error(transparent)]
    Release(#[from] crate::release::ReleaseError),
    /// The sealer worker could not start or seal.
    #[error(transparent)]
    Sealer(#[from] crate::sealer::SealerError),
}

impl UiError {
    /// There is no team file where one was looked for (a page says so, not as an error).
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Store(StoreError::NotFound))
    }

    /// The message as a sentence: a capital first letter and a closing full stop. Every
    /// message starts with an English word, so ASCII upper case is enough (and keeps
    /// Unicode's case tables, several kilobytes, out of every page).
    pub fn sentence(&self) -> String {
        let mut out = self.to_string();
        if let Some(first) = out.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        if !out.ends_with(['.', '!', '?']) {
            out.push('.');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_sentences_once() {
        assert_eq!(UiError::Unreadable.sentence(), "That file cannot be read.");
        assert_eq!(
            UiError::Store(StoreError::Offline).sentence(),
            "You seem to be offline."
        );
        assert_eq!(
            UiError::Invalid("survey.title: must not be empty.".into()).sentence(),
            "Survey.title: must not be empty."
        );
        assert!(UiError::Store(StoreError::NotFound).is_missing());
        assert!(!UiError::Unreadable.is_missing());
    }
}
