//! A survey in more than one language: the survey's own texts are in its first language
//! (`survey.language`), and each further language is a [`Translation`] of the title,
//! dimension names and questions, keyed by their ids.
//!
//! A respondent reads the whole survey in one language or not at all in it: a survey is shown
//! in a translation only when every text the respondent sees is translated
//! ([`Survey::in_language`]), because answers to a half-translated questionnaire mix two
//! instruments. Answers are keyed by question id, so a response never says which language it
//! was read in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::document::Survey;
use super::keyed::Keyed;
use super::problem::{Problem, ProblemKind, check_text, join_key, limits};

/// The language of files from before version 4, which did not say: every built-in template
/// and every earlier Candor page was English.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Most translations one survey carries.
pub const MAX_TRANSLATIONS: usize = 12;

/// A survey's texts in one more language. Missing entries are untranslated.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The survey's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub title: Option<String>,
    /// Dimension names, by dimension id.
    #[serde(default, skip_serializing_if = "Keyed::is_empty")]
    pub dimensions: Keyed<String>,
    /// Question texts, by question id.
    #[serde(default, skip_serializing_if = "Keyed::is_empty")]
    pub questions: Keyed<String>,
}

/// One translatable text of a survey.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Title,
    /// A dimension's name, by dimension id.
    Dimension(String),
    /// A question's text, by question id.
    Question(String),
}

/// Whether `code` is a base language code as Candor writes them: two or three lowercase
/// letters ("en", "de", "ar"), no region (a survey is translated for readers of a language,
/// not of a country).
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// Serde's default for `survey.language`.
pub(crate) fn default_language() -> String {
    DEFAULT_LANGUAGE.to_owned()
}

impl Survey {
    /// The languages this survey can be read in: its first language, then its translations
    /// (complete or not), in code order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.language.as_str()).chain(self.translations.keys().map(String::as_str))
    }

    /// The texts a respondent sees: the title, every question still asked and the names of
    /// the dimensions those questions belong to (the respondent's page shows no other).
    pub fn parts_shown(&self) -> Vec<Part> {
        let asked = self.questions.iter().filter(|q| !q.retired);
        let mut parts = vec![Part::Title];
        parts.extend(
            self.dimensions
                .iter()
                .filter(|d| asked.clone().any(|q| q.dimension == d.id))
                .map(|d| Part::Dimension(d.id.clone())),
        );
        parts.extend(asked.map(|q| Part::Question(q.id.clone())));
        parts
    }

    /// The text of `part` in the survey's first language.
    pub fn text_of(&self, part: &Part) -> Option<&str> {
        match part {
            Part::Title => Some(&self.title),
            Part::Dimension(id) => self
                .dimensions
                .iter()
                .find(|d| &d.id == id)
                .map(|d| d.name.as_str()),
            Part::Question(id) => self
                .questions
                .iter()
                .find(|q| &q.id == id)
                .map(|q| q.text.as_str()),
        }
    }

    /// The text of `part` in `language` (the first language's own text, or the translation's).
    pub fn translated(&self, language: &str, part: &Part) -> Option<&str> {
        if language == self.language {
            return self.text_of(part);
        }
        let translation = self.translations.get(language)?;
        match part {
            Part::Title => translation.title.as_deref(),
            Part::Dimension(id) => translation.dimensions.get(id).map(String::as_str),
            Part::Question(id) => translation.questions.get(id).map(String::as_str),
        }
    }

    /// The texts a respondent would see that have no translation into `language`, in the
    /// order they are shown.
    pub fn untranslated(&self, language: &str) -> Vec<Part> {
        self.parts_shown()
            .into_iter()
            .filter(|part| self.translated(language, part).is_none())
            .collect()
    }

    /// This survey as read in `language`: its texts replaced by the translation's, with that
    /// language as its only one. `None` when the survey is not (completely) in that language.
    pub fn in_language(&self, language: &str) -> Option<Survey> {
        if language == self.language {
            return Some(self.clone());
        }
        if !self.untranslated(language).is_empty() {
            return None;
        }
        let translation = self.translations.get(language)?;
        let mut survey = self.clone();
        if let Some(title) = &translation.title {
            survey.title.clone_from(title);
        }
        for dimension in &mut survey.dimensions {
            if let Some(name) = translation.dimensions.get(&dimension.id) {
                dimension.name.clone_from(name);
            }
        }
        for question in &mut survey.questions {
            if let Some(text) = translation.questions.get(&question.id) {
                question.text.clone_from(text);
            }
        }
        survey.language = language.to_owned();
        survey.translations.clear();
        Some(survey)
    }

    /// Sets (or, with blank `text`, removes) the translation of `part` into `language`, adding
    /// the language when it is new. Does nothing for the first language or an invalid code.
    pub fn set_translation(&mut self, language: &str, part: &Part, text: &str) {
        let text = text.trim();
        // A blank text for a language not asked in yet adds nothing (not even the language).
        let adds_language = !self.translations.contains_key(language);
        if language == self.language
            || !is_language_code(language)
            || (adds_language && (text.is_empty() || self.translations.len() >= MAX_TRANSLATIONS))
        {
            return;
        }
        let translation = self.translations.or_default(language);
        let value = (!text.is_empty()).then(|| text.to_owned());
        match (part, value) {
            (Part::Title, value) => translation.title = value,
            (Part::Dimension(id), Some(text)) => {
                translation.dimensions.insert(id.clone(), text);
            }
            (Part::Dimension(id), None) => {
                translation.dimensions.remove(id);
            }
            (Part::Question(id), Some(text)) => {
                translation.questions.insert(id.clone(), text);
            }
            (Part::Question(id), None) => {
                translation.questions.remove(id);
            }
        }
    }

    /// Adds `language` as a translation with no texts yet: the survey is meant to be read in it
    /// too, and set-up lists everything still to translate. Nothing happens at the limit of
    /// [`MAX_TRANSLATIONS`] (the file would not be valid).
    pub fn add_language(&mut self, language: &str) {
        let room = self.translations.len() < MAX_TRANSLATIONS;
        if language != self.language && is_language_code(language) && room {
            self.translations.or_default(language);
        }
    }

    /// Says which language the survey's own texts are written in (a file from before
    /// languages were recorded says English). Only the name changes, no text is translated;
    /// a language the survey is also translated into is refused, as its translation would
    /// then stand for the texts themselves.
    pub fn name_first_language(&mut self, language: &str) {
        if is_language_code(language) && !self.translations.contains_key(language) {
            language.clone_into(&mut self.language);
        }
    }

    /// Removes the translation into `language`.
    pub fn remove_language(&mut self, language: &str) {
        self.translations.remove(language);
    }

    /// Forgets every translation of `part`: its first-language text changed, so they no
    /// longer say the same thing.
    pub fn forget_translations_of(&mut self, part: &Part) {
        for translation in self.translations.values_mut() {
            match part {
                Part::Title => translation.title = None,
                Part::Dimension(id) => {
                    translation.dimensions.remove(id);
                }
                Part::Question(id) => {
                    translation.questions.remove(id);
                }
            }
        }
    }

    /// Drops translations of texts the survey no longer has (a deleted question).
    pub fn drop_stale_translations(&mut self) {
        let (dimensions, questions) = (&self.dimensions, &self.questions);
        for translation in self.translations.values_mut() {
            translation
                .dimensions
                .retain(|id, _| dimensions.iter().any(|d| d.id == id));
            translation
                .questions
                .retain(|id, _| questions.iter().any(|q| q.id == id));
        }
    }
}

/// The file's rules for languages and translations (called from `validate`).
pub(crate) fn check_translations(survey: &Survey, problems: &mut Vec<Problem>) {
    if !is_language_code(&survey.language) {
        problems.push(Problem::new(
            "$.survey.language",
            ProblemKind::BadLanguage(survey.language.clone()),
        ));
    }
    if survey.translations.len() > MAX_TRANSLATIONS {
        problems.push(Problem::new(
            "$.survey.translations",
            ProblemKind::TooMany {
                len: survey.translations.len(),
                max: MAX_TRANSLATIONS,
            },
        ));
    }
    for (code, translation) in survey.translations.iter() {
        // Keys come from the file: escaped into the path, as everywhere in validation.
        let path = join_key("$.survey.translations", code);
        if !is_language_code(code) {
            problems.push(Problem::new(&path, ProblemKind::BadLanguage(code.clone())));
        } else if *code == survey.language {
            problems.push(Problem::new(&path, ProblemKind::OwnLanguage(code.clone())));
        }
        if let Some(title) = &translation.title {
            check_text(
                title,
                limits::MAX_LABEL_CHARS,
                &format!("{path}.title"),
                problems,
            );
        }
        for (id, name) in translation.dimensions.iter() {
            let at = join_key(&format!("{path}.dimensions"), id);
            if !survey.dimensions.iter().any(|d| &d.id == id) {
                problems.push(Problem::new(&at, ProblemKind::UnknownDimension(id.clone())));
            }
            check_text(name, limits::MAX_LABEL_CHARS, &at, problems);
        }
        for (id, text) in translation.questions.iter() {
            let at = join_key(&format!("{path}.questions"), id);
            if !survey.questions.iter().any(|q| &q.id == id) {
                problems.push(Problem::new(&at, ProblemKind::UnknownQuestion(id.clone())));
            }
            check_text(text, limits::MAX_QUESTION_CHARS, &at, problems);
        }
    }
}
