//! The interface's languages: which one a person gets, the catalogue of its texts, and the
//! placeholders in them (pure; the page fetches a language's file and remembers the choice).
//!
//! English is compiled in ([`Catalog::english`]); every other language is one file,
//! `assets/lang/<code>.json`, which the build splits by page (`lang/<code>.<part>.json`), and
//! a page fetches its part when the language is chosen, so a page carries no language it does
//! not show and downloads no other page's texts. The build lists those files
//! ([`languages`]), so a translator adds a language by adding one file (see
//! docs/translating.md). The language a person reads in is never part of
//! what they send: it lives in this module and the page, not in the model.

mod messages;

pub use messages::{DeskMsg, ErrorMsg, Msg, OrgMsg, ResultsMsg, SetupMsg};

/// A page's list of translatable texts (the `messages` module).
pub trait Catalog: Copy + 'static {
    /// The first part of each of its keys, and the name of its part of a language file in
    /// the built site (`lang/<code>.<part>.json`).
    const PART: &'static str;
    /// Every text, in order ([`Catalog::index`] indexes it).
    const ALL: &'static [Self];
    /// The order of its keys ([`order_of`]): a built language file's part lists its texts in
    /// this order, and says which order it was written in.
    const ORDER: u32;
    /// Its key in the language files.
    fn key(self) -> &'static str;
    /// Its English text.
    fn english(self) -> &'static str;
    fn index(self) -> usize;
}

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
    /// The header's words in it.
    pub nav: Nav,
}

/// The page header's words: the names of the three pages and of the menu that links them.
/// Part of a language file's `language` object (compiled in, like the language's name), so
/// the shell's header, drawn before any view's texts arrive, speaks every page's language.
#[derive(Debug, PartialEq, Eq)]
pub struct Nav {
    pub take: &'static str,
    pub results: &'static str,
    pub set_up: &'static str,
    pub menu: &'static str,
}

/// The language compiled in, and the one every other falls back to, text by text.
pub const ENGLISH: Language = Language {
    code: "en",
    name: "English",
    dir: Dir::Ltr,
    nav: Nav {
        take: "Take",
        results: "Results",
        set_up: "Set up",
        menu: "Main",
    },
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

/// One catalog's texts in one language, each falling back to English where the file has none.
#[derive(Debug, PartialEq)]
pub struct Texts<C = Msg> {
    language: &'static Language,
    /// Indexed by [`Catalog::index`]; `None`: English.
    texts: Vec<Option<Box<str>>>,
    /// The file they were read from (handed on to a worker that draws in this language).
    source: Option<std::rc::Rc<str>>,
    catalog: std::marker::PhantomData<C>,
}

impl<C: Catalog> Default for Texts<C> {
    fn default() -> Self {
        Self::english()
    }
}

/// The fingerprint of a catalog's keys in their order (32-bit FNV-1a over each key and a
/// line feed after it): the build (scripts/finish-build.py) writes it into each part of a
/// built language file, and a page uses a part only when it matches its own catalog's, so a
/// file from another build (a cache, a half-finished update) can never put one text in
/// another's place. Computed at compile time: the keys themselves stay out of the wasm.
pub const fn order_of(keys: &[&str]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    let mut k = 0;
    while k < keys.len() {
        let bytes = keys[k].as_bytes();
        let mut i = 0;
        while i <= bytes.len() {
            let byte = if i < bytes.len() { bytes[i] } else { b'\n' };
            hash = (hash ^ byte as u32).wrapping_mul(0x0100_0193);
            i += 1;
        }
        k += 1;
    }
    hash
}

/// Why a language file cannot be used at all.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LanguageFileError {
    /// Said by where, not by serde_json's words, which would bring its error messages into
    /// every page's wasm (the build writes these files; a fault in one is the build's).
    #[error("the language file is not JSON of the expected shape (line {line}, column {column})")]
    Shape { line: usize, column: usize },
    #[error("the language file is for \"{0}\", which this build of Candor does not list")]
    UnknownLanguage(String),
    /// A built part with no texts for this catalog, or written for another build's catalog.
    #[error("the language file has no {0} texts written for this version of Candor")]
    OtherBuild(&'static str),
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

/// One catalog's texts in a built language file: the order they are listed in (the catalog's
/// [`Catalog::ORDER`] when the file was built), and each text or `null`.
#[derive(serde::Deserialize)]
struct Part {
    order: u32,
    texts: Vec<Option<String>>,
}

/// A built language file (`lang/<code>.<page>.json`) as one catalog reads it: its language,
/// and that catalog's part, if the file has it; the other catalogs' parts are skipped unread.
#[derive(Default)]
struct PartFile {
    code: Option<String>,
    part: Option<Part>,
}

/// Reads a [`PartFile`] for the catalog whose part is named `.0`. One reader for every
/// catalog, not one per catalog type: a page reads two (its own, and the errors').
struct PartOf(&'static str);

impl<'de> serde::de::DeserializeSeed<'de> for PartOf {
    type Value = PartFile;

    fn deserialize<D: serde::Deserializer<'de>>(self, reader: D) -> Result<PartFile, D::Error> {
        reader.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PartOf {
    type Value = PartFile;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a built language file")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PartFile, A::Error> {
        let mut file = PartFile::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == "language" {
                file.code = Some(map.next_value::<FileLanguage>()?.code);
            } else if key == self.0 {
                file.part = Some(map.next_value()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(file)
    }
}

/// The language and the texts of part `name` of a built language file, if they are in
/// `order` and there are `count` of them.
fn read_part(
    json: &str,
    name: &'static str,
    order: u32,
    count: usize,
) -> Result<(&'static Language, Vec<Option<String>>), LanguageFileError> {
    use serde::de::DeserializeSeed;
    let mut reader = serde_json::Deserializer::from_str(json);
    let file = PartOf(name)
        .deserialize(&mut reader)
        .and_then(|file| reader.end().map(|()| file))
        .map_err(|e| LanguageFileError::Shape {
            line: e.line(),
            column: e.column(),
        })?;
    let code = file.code.unwrap_or_default();
    let language = language(&code)
        .filter(|l| l.code == code)
        .ok_or(LanguageFileError::UnknownLanguage(code))?;
    let part = file
        .part
        .filter(|p| p.order == order && p.texts.len() == count)
        .ok_or(LanguageFileError::OtherBuild(name))?;
    Ok((language, part.texts))
}

/// Whether `text` has the same placeholders as `english`, each once, in any order: the rule a
/// translated text must keep to be shown.
pub fn same_placeholders(english: &str, text: &str) -> bool {
    let (mut ours, mut theirs) = (placeholders(english), placeholders(text));
    ours.sort_unstable();
    theirs.sort_unstable();
    ours == theirs
}

impl<C: Catalog> Texts<C> {
    /// English, as compiled in.
    pub fn english() -> Self {
        Self {
            language: &ENGLISH,
            texts: Vec::new(),
            source: None,
            catalog: std::marker::PhantomData,
        }
    }

    /// Reads this catalog's texts from a language file as translators write it
    /// (`assets/lang/<code>.json`, texts by key; the pages read the built files with
    /// [`Texts::from_part`]). A text with other placeholders than
    /// English's is left out (English is shown there), so a slip in a translation can never
    /// show a raw `{name}` or drop a number; the gaps say what to fix. Keys of other
    /// catalogs' parts are not this catalog's business.
    pub fn parse(json: &str) -> Result<(Self, Vec<Gap>), LanguageFileError> {
        let file: File = serde_json::from_str(json).map_err(|e| LanguageFileError::Shape {
            line: e.line(),
            column: e.column(),
        })?;
        let language = language(&file.language.code)
            .filter(|l| l.code == file.language.code)
            .ok_or(LanguageFileError::UnknownLanguage(file.language.code))?;
        let mut texts: Vec<Option<Box<str>>> = vec![None; C::ALL.len()];
        let mut gaps = Vec::new();
        let mut messages = file.messages;
        for &msg in C::ALL {
            match messages.remove(msg.key()) {
                None => gaps.push(Gap::Missing(msg.key())),
                Some(text) => {
                    if same_placeholders(msg.english(), &text) {
                        texts[msg.index()] = Some(text.into());
                    } else {
                        gaps.push(Gap::Placeholders(msg.key()));
                    }
                }
            }
        }
        gaps.extend(
            messages
                .keys()
                .filter(|k| k.split('.').next() == Some(C::PART))
                .cloned()
                .map(Gap::Unknown),
        );
        gaps.sort();
        Ok((
            Self {
                language,
                texts,
                source: Some(json.into()),
                catalog: std::marker::PhantomData,
            },
            gaps,
        ))
    }

    /// Reads this catalog's texts from a language file as the build writes it for a page
    /// (`lang/<code>.<page>.json`, see scripts/finish-build.py): each catalog the page draws
    /// with is a list of its texts in the catalog's order, so the page's wasm carries no keys.
    /// A part written for another order (another build) is refused whole, and the page
    /// stays in English; a text with other placeholders than English's, or none, is English.
    /// What a translator must fix is reported by [`Texts::parse`] on the source files.
    pub fn from_part(json: &str) -> Result<Self, LanguageFileError> {
        let (language, texts) = read_part(json, C::PART, C::ORDER, C::ALL.len())?;
        let texts = C::ALL
            .iter()
            .zip(texts)
            .map(|(msg, text)| {
                text.filter(|text| same_placeholders(msg.english(), text))
                    .map(String::into_boxed_str)
            })
            .collect();
        Ok(Self {
            language,
            texts,
            source: Some(json.into()),
            catalog: std::marker::PhantomData,
        })
    }

    pub fn language(&self) -> &'static Language {
        self.language
    }

    /// The language file these texts were read from (`None` for English).
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The text of `msg` in this language (English where it has none).
    pub fn get(&self, msg: C) -> &str {
        self.texts
            .get(msg.index())
            .and_then(|t| t.as_deref())
            .unwrap_or(msg.english())
    }

    /// The text of `msg` with its placeholders filled in.
    pub fn fill(&self, msg: C, args: &[(&str, &str)]) -> String {
        fill(self.get(msg), args)
    }

    /// A name from the team file (a dimension, a round) as it goes into a sentence: set
    /// apart (Unicode's first-strong isolate) where its direction may differ from the
    /// sentence's, i.e. on a right-to-left page or when it holds right-to-left letters, so
    /// "Alignment (Q3)" keeps its order in Arabic.
    pub fn name<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let rtl_letters = text.chars().any(|c| ('\u{0590}'..='\u{08ff}').contains(&c));
        if self.language.dir == Dir::Rtl || rtl_letters {
            isolate(text).into()
        } else {
            text.into()
        }
    }
}

/// A text the team wrote (an event, an owner, a name) set apart inside a sentence of the
/// page's language, so a name written left to right keeps its order in a right-to-left
/// sentence and the other way round (Unicode's first-strong isolate).
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// Numbers and lists as the results page writes them in its language.
impl Texts<ResultsMsg> {
    /// `value` with `decimals` places and the language's decimal separator ("3,8").
    pub fn number(&self, value: f64, decimals: u32) -> String {
        let mut text = crate::chart::fixed(value, decimals);
        let separator = self.get(ResultsMsg::DecimalSeparator);
        if separator != "." {
            text = text.replace('.', separator);
        }
        // In a right-to-left sentence a minus sign would be drawn after the digits: a
        // left-to-right mark keeps it in front ("\u{200e}-0.45").
        if self.language.dir == Dir::Rtl && text.starts_with('-') {
            text.insert(0, '\u{200e}');
        }
        text
    }

    /// A share (0 to 1) as a whole percentage ("89%", "89 %").
    pub fn percent(&self, share: f64) -> String {
        self.fill(
            ResultsMsg::Percent,
            &[("value", &self.number(share * 100.0, 0))],
        )
    }

    /// "a", "a and b", "a, b and c", in the language's words.
    pub fn list(&self, parts: &[String]) -> String {
        match parts {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => self.fill(
                ResultsMsg::ListAnd,
                &[
                    ("first", &rest.join(self.get(ResultsMsg::ListComma))),
                    ("last", last),
                ],
            ),
        }
    }
}

/// A built language file, as scripts/finish-build.py writes one for a page: the source file's
/// language, and the parts of the catalogs added with [`BuiltFile::with`] (for tests, which
/// thereby read the real language files the way the pages do).
#[cfg(test)]
pub(crate) struct BuiltFile {
    source: serde_json::Value,
    out: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
impl BuiltFile {
    pub(crate) fn from_source(json: &str) -> Self {
        let source: serde_json::Value = serde_json::from_str(json).expect("a language file");
        let mut out = serde_json::Map::new();
        out.insert("language".into(), source["language"].clone());
        Self { source, out }
    }

    /// Adds catalog `C`'s part: its texts in its order, `null` where the file has none.
    pub(crate) fn with<C: Catalog>(mut self) -> Self {
        let texts: Vec<serde_json::Value> = C::ALL
            .iter()
            .map(|msg| self.source["messages"][msg.key()].clone())
            .collect();
        self.out.insert(
            C::PART.into(),
            serde_json::json!({ "order": C::ORDER, "texts": texts }),
        );
        self
    }

    pub(crate) fn json(&self) -> String {
        serde_json::to_string(&self.out).expect("JSON")
    }
}

#[cfg(test)]
mod tests;
