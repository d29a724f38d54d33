//! The user interface's errors: one enum with lowercase messages (as every layer's), and one
//! place, [`UiError::sentence`], that turns a message into a sentence on the page, or
//! [`UiError::sentence_in`] into one in the page's language.

use crate::i18n::{Catalog, ErrorMsg as E, Texts};
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
    /// The worker that reads team files could not start, stopped, or answered nonsense.
    #[error(transparent)]
    Reader(#[from] crate::reader::ReaderError),
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

    /// The message as a sentence in the language of a page's texts `page` (whose language
    /// file carries the error texts too, see [`ErrorMsg`](crate::i18n::ErrorMsg)). A detail
    /// from a file or a server stays as the program wrote it; an error with no text of its
    /// own in the catalog (a refused edit, a key's trouble) is said as [`UiError::sentence`].
    pub fn sentence_in<C: Catalog>(&self, page: &Texts<C>) -> String {
        let t = page
            .source()
            .and_then(|json| Texts::<E>::from_part(json).ok())
            .unwrap_or_else(Texts::english);
        let status = |code: &u16| code.to_string();
        let mut said = match self {
            Self::Store(e) => match e {
                StoreError::Offline => t.get(E::Offline).to_owned(),
                StoreError::Timeout => t.get(E::Timeout).to_owned(),
                StoreError::Unreachable(url) => {
                    t.fill(E::Unreachable, &[("url", &crate::i18n::isolate(url))])
                }
                StoreError::NotFound => t.get(E::NotFound).to_owned(),
                StoreError::Forbidden(code) => t.fill(E::Forbidden, &[("status", &status(code))]),
                StoreError::Server(code) => t.fill(E::ServerProblem, &[("status", &status(code))]),
                StoreError::Unexpected(code) => t.fill(E::Unexpected, &[("status", &status(code))]),
                StoreError::NoEtag => t.get(E::NoEtag).to_owned(),
                StoreError::AlreadyExists => t.get(E::AlreadyExists).to_owned(),
                StoreError::Busy => t.get(E::Busy).to_owned(),
                StoreError::Invalid(why) => t.fill(E::WillNotChange, &[("why", &why.to_string())]),
                StoreError::Problems(why) => t.fill(E::WillNotChange, &[("why", why)]),
                StoreError::WriterStopped => t.get(E::WriterStopped).to_owned(),
                StoreError::Storage(why) => t.fill(E::StorageFull, &[("why", why)]),
                StoreError::Rejected(_) | StoreError::Edit(_) | StoreError::Refused(_) => {
                    return self.sentence();
                }
            },
            Self::BadFile(why) => t.fill(E::BadFile, &[("why", why)]),
            Self::NotATeamFile(why) => t.fill(E::NotATeamFile, &[("why", why)]),
            Self::Unreadable => t.get(E::Unreadable).to_owned(),
            Self::NoQuestionSet => t.get(E::ChooseQuestionSet).to_owned(),
            Self::BadDate => t.get(E::BadDate).to_owned(),
            Self::OtherSurveyHere(title) => t.fill(
                E::OtherSurveyHere,
                &[("title", &crate::i18n::isolate(title))],
            ),
            Self::NoCopyHere => t.get(E::NoCopyHere).to_owned(),
            Self::Reader(_) => t.get(E::ReaderStopped).to_owned(),
            Self::Invalid(_) | Self::Release(_) | Self::Sealer(_) => return self.sentence(),
        };
        if !said.ends_with(['.', '!', '?', '\u{06d4}', '\u{061f}']) {
            said.push('.');
        }
        said
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

    #[test]
    fn errors_are_said_in_the_pages_language_with_their_details_as_they_are() {
        use crate::i18n::Msg;
        let english = Texts::<Msg>::english();
        // In English, the catalog says what the messages say.
        for e in [
            UiError::Store(StoreError::Offline),
            UiError::Store(StoreError::Forbidden(403)),
            UiError::Store(StoreError::Busy),
            UiError::NotATeamFile("line 1: expected a value".into()),
            UiError::NoQuestionSet,
        ] {
            assert_eq!(e.sentence_in(&english), e.sentence());
        }
        // A page's texts from a language file: its error texts come from the same file.
        let german = r#"{"language": {"code": "de"}, "messages": {
            "take.send": "Senden",
            "error.offline": "Sie scheinen offline zu sein.",
            "error.forbidden": "Hier darf nicht geschrieben werden (HTTP {status})",
            "error.bad_file": "Die Teamdatei hat Fehler: {why}"}}"#;
        let built = crate::i18n::BuiltFile::from_source(german)
            .with::<Msg>()
            .with::<crate::i18n::ErrorMsg>()
            .json();
        let page = Texts::<Msg>::from_part(&built).expect("a language file");
        assert_eq!(
            UiError::Store(StoreError::Offline).sentence_in(&page),
            "Sie scheinen offline zu sein."
        );
        assert_eq!(
            UiError::Store(StoreError::Forbidden(403)).sentence_in(&page),
            "Hier darf nicht geschrieben werden (HTTP 403)."
        );
        assert_eq!(
            UiError::BadFile("survey.title: must not be empty".into()).sentence_in(&page),
            "Die Teamdatei hat Fehler: survey.title: must not be empty."
        );
        // A text the file lacks is English; an error with no catalog text keeps its own.
        assert_eq!(
            UiError::Store(StoreError::Busy).sentence_in(&page),
            UiError::Store(StoreError::Busy).sentence()
        );
        let refused = UiError::Invalid("the round is closed".into());
        assert_eq!(refused.sentence_in(&page), "The round is closed.");
    }
}
