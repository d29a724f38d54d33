//! The interface's languages: which one a person gets, the catalogue of its texts, and the
//! placeholders in them (pure; the page fetches a language's file and remembers the choice).
//!
//! English is compiled in ([`Msg::english`]); every other language is one file,
//! `assets/lang/<code>.json`, fetched when chosen, so a page carries no language it does not
//! show. The build lists those files ([`LANGUAGES`]), so a translator adds a language by
//! adding one file (see docs/translating.md). The language a person reads in is never part of
//! what they send: it lives in this module and the page, not in the model.

mod messages;

pub use messages::Msg;

/// Which way a language is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    /// The value of the `dir` attribute.
    pub const fn attr(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

/// An interface language.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// Its BCP 47 primary language subtag, as in the `lang` attribute and the file's name.
    pub code: &'static str,
    /// Its name in itself, as the language switcher shows it.
    pub name: &'static str,
    pub dir: Dir,
}

/// The language compiled in, and the one every other falls back to, text by text.
pub const ENGLISH: Language = Language {
    code: "en",
    name: "English",
    dir: Dir::Ltr,
};

// `LANGUAGES_IN_FILES`: one entry per file in assets/lang/, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// Every interface language: English first, then the files' in the order of their codes.
pub fn languages() -> impl Iterator<Item = &'static Language> {
    std::iter::once(&ENGLISH).chain(LANGUAGES_IN_FILES.iter())
}

/// The language with this code (a primary subtag; case does not matter), if there is one.
pub fn language(code: &str) -> Option<&'static Language> {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    languages().find(|l| l.code.eq_ignore_ascii_case(primary))
}

/// A language's own name ("Deutsch") for a code, or the code itself when Candor has no such
/// interface language (a survey may be written in any).
pub fn name_of(code: &str) -> &str {
    language(code).map_or(code, |l| l.name)
}

/// The language to show: the one chosen on this device if it still exists, else the first of
/// the browser's preferred languages (`navigator.languages`, e.g. `["de-AT", "en"]`) that
/// Candor has, else English.
pub fn negotiate(chosen: Option<&str>, preferred: &[String]) -> &'static Language {
    chosen
        .and_then(language)
        .or_else(|| preferred.iter().find_map(|p| language(p)))
        .unwrap_or(&ENGLISH)
}

/// The names in `{braces}` of a text, in order, each once.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            && !found.contains(&name)
        {
            found.push(name);
        }
        rest = &rest[close + 1..];
    }
    found
}

/// Puts each `(name, value)` of `args` in place of `{name}` in `text`.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The texts of one language, each falling back to English where the file has none.
#[derive(Debug, PartialEq)]
pub struct Texts {
    language: &'static Language,
    /// Indexed by `Msg as usize`; `None`: English.
    texts: Vec<Option<Box<str>>>,
}

impl Default for Texts {
    fn default() -> Self {
        Self::english()
    }
}

/// Why a language file cannot be used at all.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LanguageFileError {
    #[error("the language file is not JSON of the expected shape: {0}")]
    Shape(String),
    #[error("the language file is for \"{0}\", which this build of Candor does not list")]
    UnknownLanguage(String),
}

/// Something a language file gets wrong that the page can live with (it shows English
/// there) but a translator must fix: the completeness test fails on any.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// No text for this message.
    Missing(&'static str),
    /// A text for a message Candor does not have (a typo, or one since removed).
    Unknown(String),
    /// A text whose placeholders are not the English text's.
    Placeholders(&'static str),
}

#[derive(serde::Deserialize)]
struct File {
    language: FileLanguage,
    messages: crate::model::Keyed<String>,
}

#[derive(serde::Deserialize)]
struct FileLanguage {
    code: String,
}

impl Texts {
    /// English, as compiled in.
    pub fn english() -> Self {
        Self {
            language: &ENGLISH,
            texts: Vec::new(),
        }
    }

    /// Reads a language file (`assets/lang/<code>.json`). A text with other placeholders than
    /// English's is left out (English is shown there), so a slip in a translation can never
    /// show a raw `{name}` or drop a number; the gaps say what to fix.
    pub fn parse(json: &str) -> Result<(Self, Vec<Gap>), LanguageFileError> {
        let file: File =
            serde_json::from_str(json).map_err(|e| LanguageFileError::Shape(e.to_string()))?;
        let language = language(&file.language.code)
            .filter(|l| l.code == file.language.code)
            .ok_or(LanguageFileError::UnknownLanguage(file.language.code))?;
        let mut texts: Vec<Option<Box<str>>> = vec![None; Msg::ALL.len()];
        let mut gaps = Vec::new();
        let mut messages = file.messages;
        for &msg in Msg::ALL {
            match messages.remove(msg.key()) {
                None => gaps.push(Gap::Missing(msg.key())),
                Some(text) => {
                    let (mut ours, mut theirs) = (placeholders(msg.english()), placeholders(&text));
                    ours.sort_unstable();
                    theirs.sort_unstable();
                    if ours == theirs {
                        texts[msg as usize] = Some(text.into());
                    } else {
                        gaps.push(Gap::Placeholders(msg.key()));
                    }
                }
            }
        }
        gaps.extend(messages.keys().cloned().map(Gap::Unknown));
        gaps.sort();
        Ok((Self { language, texts }, gaps))
    }

    pub fn language(&self) -> &'static Language {
        self.language
    }

    /// The text of `msg` in this language (English where it has none).
    pub fn get(&self, msg: Msg) -> &str {
        self.texts
            .get(msg as usize)
            .and_then(|t| t.as_deref())
            .unwrap_or(msg.english())
    }

    /// The text of `msg` with its placeholders filled in.
    pub fn fill(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.get(msg), args)
    }
}

#[cfg(test)]
mod tests;
