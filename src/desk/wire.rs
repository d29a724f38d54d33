//! What the set-up page and its desk say to each other when the desk runs in a worker: one
//! [`Ask`] and one [`Reply`], each a JSON text (a worker's messages carry plain values), read
//! back strictly: the page reports a reply that is not one, never guesses at it.
//!
//! Everything in them is text: team files are UTF-8 JSON, and the page reads every file it
//! has as text already (this browser's storage, a picked file, a file on disk). So a message
//! is a JSON list of strings: its tag, then its fields in a fixed order (a flag as `1` or
//! `0`, an optional text as `-` or `+` and the text, a list as its length and then each). The
//! page's program then carries one reader of a list of strings and the few lines below,
//! instead of a reader derived for each type of the exchange (about 20 kB of its wasm).

use super::make::Blueprint;
use super::{DeskError, Edit, Facts, Named, Place, Scene};
use crate::model::ActionStatus;
use crate::storage::wire as store_wire;

/// What the page asks of its desk.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Open this team file's text.
    Open(String),
    /// Make a change where the file lives.
    Write { at: At, edit: Edit },
    /// The file the last [`At::Text`] write or [`Ask::Make`] made was written: keep it.
    Kept,
    /// Make a new team file: the form's fields, today, and the results key's public half
    /// (none: only check the fields). Answered as [`Reply::Written`].
    Make {
        plan: Blueprint,
        date: String,
        key: Option<String>,
    },
    /// The question editor's `control` (its name in the markup) was used on `subject`, its
    /// field now holding `value` (`checked`, for a checkbox). Answered as [`Reply::Done`].
    Draft {
        control: String,
        subject: String,
        value: String,
        checked: bool,
    },
    /// The new-survey form's fields, and the card that opens a file from this computer
    /// (`file_access`: in place), in the language of this language file (none: English), for
    /// a shared file at `url` (empty: none). Answered as [`Reply::Texts`].
    Form {
        url: String,
        file_access: bool,
        language: Option<String>,
    },
    /// Checks the server at `url` for a shared file; the findings in the language of this
    /// language file. Answered as [`Reply::Checked`].
    CheckLocation {
        url: String,
        language: Option<String>,
    },
    /// The cards, for `scene`, in the language of this language file (none: English).
    Cards {
        scene: Scene,
        language: Option<String>,
    },
    /// The open file's text.
    Text,
    /// The calendar file of the rounds from `day` at `cadence`, answered by `link`.
    Calendar {
        link: String,
        day: String,
        cadence: String,
        stamp: String,
    },
    /// The key file for this results key.
    KeyFile(String),
    /// The share files for these key shares.
    ShareFiles(Vec<String>),
    /// This browser's copy of the survey (its text now, if any) with the open file merged in.
    CollectedHere(Option<String>),
}

/// Where a change is made.
#[derive(Clone, Debug, PartialEq)]
pub enum At {
    /// The shared file at this URL, through the write protocol (the desk writes it).
    Url(String),
    /// The file as it is now where the page keeps it (its text): the desk answers the new
    /// text, the page writes it and says [`Ask::Kept`].
    Text(String),
    /// The desk's own copy (a file on disk the browser cannot write, saved by downloading).
    Here,
}

/// What the desk answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Facts(Facts),
    /// A change: the new text to write where the page keeps the file (none: nothing to
    /// write), the facts of the file as changed, and whether anything changed at all (an
    /// event with no name, a survey saved as it was: nothing to say done).
    Written {
        text: Option<String>,
        facts: Facts,
        changed: bool,
    },
    Cards {
        top: Vec<String>,
        editor: String,
        end: String,
    },
    Text(String),
    Texts(Vec<String>),
    /// Done, with nothing to tell.
    Done,
    /// What checking a server found, in words, and whether it is safe for a shared file.
    Checked {
        safe: bool,
        said: String,
    },
    /// Why not: a tag, a status code (or 0) and a text (see [`failure`], [`DeskError`]).
    Failed(String, u16, String),
}

/// An error as a reply.
pub fn failure(error: &DeskError) -> Reply {
    let (tag, code, text) = match error {
        DeskError::Invalid(why) => ("invalid", 0, why.clone()),
        DeskError::Refused(why) => ("refused-change", 0, why.clone()),
        DeskError::OtherSurvey(title) => ("other-survey", 0, title.clone()),
        DeskError::NoFile => ("no-file", 0, String::new()),
        DeskError::NoQuestionSet => ("no-question-set", 0, String::new()),
        DeskError::BadDate => ("bad-date", 0, String::new()),
        DeskError::Store(e) => store_wire::write(e),
    };
    Reply::Failed(tag.to_owned(), code, text)
}

/// The error a [`Reply::Failed`] carries, or `None` if it names none.
pub fn error_of(tag: &str, code: u16, text: String) -> Option<DeskError> {
    Some(match tag {
        "invalid" => DeskError::Invalid(text),
        "refused-change" => DeskError::Refused(text),
        "other-survey" => DeskError::OtherSurvey(text),
        "no-file" => DeskError::NoFile,
        "no-question-set" => DeskError::NoQuestionSet,
        "bad-date" => DeskError::BadDate,
        store => DeskError::Store(store_wire::read(store, code, text)?),
    })
}

/// A message being written: its words in order.
#[derive(Default)]
struct Out(Vec<String>);

impl Out {
    fn word(&mut self, text: &str) -> &mut Self {
        self.0.push(text.to_owned());
        self
    }

    fn flag(&mut self, on: bool) -> &mut Self {
        self.word(if on { "1" } else { "0" })
    }

    /// `-` for none, `+` and the text for some (so an empty text is not taken for none).
    fn maybe(&mut self, text: Option<&str>) -> &mut Self {
        match text {
            None => self.word("-"),
            Some(text) => {
                self.0.push(format!("+{text}"));
                self
            }
        }
    }

    /// How many, then each.
    fn list(&mut self, items: &[String]) -> &mut Self {
        self.word(&items.len().to_string());
        for item in items {
            self.word(item);
        }
        self
    }

    fn json(&self) -> String {
        // A list of strings: writing it cannot fail.
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

/// A message being read: `None` as soon as a word is missing or not what it must be.
struct In(std::vec::IntoIter<String>);

impl In {
    fn parse(text: &str) -> Option<Self> {
        let words: Vec<String> = serde_json::from_str(text).ok()?;
        Some(Self(words.into_iter()))
    }

    fn word(&mut self) -> Option<String> {
        self.0.next()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.0.next()?.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }
    }

    fn maybe(&mut self) -> Option<Option<String>> {
        let word = self.0.next()?;
        if word == "-" {
            return Some(None);
        }
        word.strip_prefix('+').map(|text| Some(text.to_owned()))
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let count: usize = self.0.next()?.parse().ok()?;
        // A count larger than what follows ends at the first missing word.
        (0..count).map(|_| self.word()).collect()
    }

    /// `value`, if nothing is left over.
    fn end<T>(mut self, value: T) -> Option<T> {
        self.0.next().is_none().then_some(value)
    }
}

fn write_scene(out: &mut Out, scene: &Scene) {
    match &scene.place {
        Place::Disk { name, writable } => out.word("disk").word(name).flag(*writable),
        Place::Device => out.word("device"),
        Place::Url(url) => out.word("url").word(url),
    };
    out.word(&scene.today)
        .word(&scene.page)
        .word(&scene.origin)
        .flag(scene.can_share)
        .flag(scene.file_access)
        .flag(scene.unsaved)
        .flag(scene.kept_key)
        .maybe(scene.new_key.as_deref())
        .maybe(scene.here.as_deref());
}

fn read_scene(words: &mut In) -> Option<Scene> {
    let place = match words.word()?.as_str() {
        "disk" => Place::Disk {
            name: words.word()?,
            writable: words.flag()?,
        },
        "device" => Place::Device,
        "url" => Place::Url(words.word()?),
        _ => return None,
    };
    Some(Scene {
        place,
        today: words.word()?,
        page: words.word()?,
        origin: words.word()?,
        can_share: words.flag()?,
        file_access: words.flag()?,
        unsaved: words.flag()?,
        kept_key: words.flag()?,
        new_key: words.maybe()?,
        here: words.maybe()?,
    })
}

fn write_edit(out: &mut Out, edit: &Edit) {
    match edit {
        Edit::CloseRound(id) => out.word("close-round").word(id),
        Edit::SettleAction { id, status } => out.word("settle").word(id).word(match status {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }),
        Edit::OpenRound { label, today } => out.word("open-round").word(label).word(today),
        Edit::AddEvent { label, day } => out.word("event").word(label).maybe(day.as_deref()),
        Edit::AgreeAction {
            label,
            owner,
            review,
        } => out
            .word("action")
            .word(label)
            .maybe(owner.as_deref())
            .maybe(review.as_deref()),
        Edit::SaveDraft => out.word("save-draft"),
        Edit::Merge(text) => out.word("merge").word(text),
    };
}

fn read_edit(words: &mut In) -> Option<Edit> {
    Some(match words.word()?.as_str() {
        "close-round" => Edit::CloseRound(words.word()?),
        "settle" => Edit::SettleAction {
            id: words.word()?,
            status: match words.word()?.as_str() {
                "open" => ActionStatus::Open,
                "done" => ActionStatus::Done,
                "dropped" => ActionStatus::Dropped,
                _ => return None,
            },
        },
        "open-round" => Edit::OpenRound {
            label: words.word()?,
            today: words.word()?,
        },
        "event" => Edit::AddEvent {
            label: words.word()?,
            day: words.maybe()?,
        },
        "action" => Edit::AgreeAction {
            label: words.word()?,
            owner: words.maybe()?,
            review: words.maybe()?,
        },
        "save-draft" => Edit::SaveDraft,
        "merge" => Edit::Merge(words.word()?),
        _ => return None,
    })
}

fn write_facts(out: &mut Out, facts: &Facts) {
    out.word(&facts.survey.id)
        .word(&facts.survey.title)
        .maybe(facts.survey.results_key.as_deref())
        .flag(facts.sealed)
        .flag(facts.has_round)
        .word(&facts.actions.len().to_string());
    for (id, label) in &facts.actions {
        out.word(id).word(label);
    }
}

fn read_facts(words: &mut In) -> Option<Facts> {
    let survey = Named {
        id: words.word()?,
        title: words.word()?,
        results_key: words.maybe()?,
    };
    let sealed = words.flag()?;
    let has_round = words.flag()?;
    let count: usize = words.word()?.parse().ok()?;
    let actions = (0..count)
        .map(|_| Some((words.word()?, words.word()?)))
        .collect::<Option<Vec<_>>>()?;
    Some(Facts {
        survey,
        sealed,
        has_round,
        actions,
    })
}

impl Ask {
    pub fn to_json(&self) -> String {
        let mut out = Out::default();
        match self {
            Self::Open(text) => out.word("open").word(text),
            Self::Write { at, edit } => {
                out.word("write");
                match at {
                    At::Url(url) => out.word("url").word(url),
                    At::Text(text) => out.word("text").word(text),
                    At::Here => out.word("here"),
                };
                write_edit(&mut out, edit);
                &mut out
            }
            Self::Kept => out.word("kept"),
            Self::Draft {
                control,
                subject,
                value,
                checked,
            } => out
                .word("draft")
                .word(control)
                .word(subject)
                .word(value)
                .flag(*checked),
            Self::Make { plan, date, key } => out
                .word("make")
                .word(&plan.title)
                .word(&plan.language)
                .list(&plan.also)
                .list(&plan.templates)
                .word(&plan.scale)
                .word(&plan.min_group)
                .word(&plan.team_size)
                .word(date)
                .maybe(key.as_deref()),
            Self::Form {
                url,
                file_access,
                language,
            } => out
                .word("form")
                .word(url)
                .flag(*file_access)
                .maybe(language.as_deref()),
            Self::CheckLocation { url, language } => {
                out.word("check").word(url).maybe(language.as_deref())
            }
            Self::Cards { scene, language } => {
                out.word("cards");
                write_scene(&mut out, scene);
                out.maybe(language.as_deref())
            }
            Self::Text => out.word("text"),
            Self::Calendar {
                link,
                day,
                cadence,
                stamp,
            } => out
                .word("calendar")
                .word(link)
                .word(day)
                .word(cadence)
                .word(stamp),
            Self::KeyFile(secret) => out.word("key-file").word(secret),
            Self::ShareFiles(shares) => out.word("share-files").list(shares),
            Self::CollectedHere(here) => out.word("collected-here").maybe(here.as_deref()),
        };
        out.json()
    }

    pub fn from_json(text: &str) -> Option<Self> {
        let mut words = In::parse(text)?;
        let ask = match words.word()?.as_str() {
            "open" => Self::Open(words.word()?),
            "write" => {
                let at = match words.word()?.as_str() {
                    "url" => At::Url(words.word()?),
                    "text" => At::Text(words.word()?),
                    "here" => At::Here,
                    _ => return None,
                };
                Self::Write {
                    at,
                    edit: read_edit(&mut words)?,
                }
            }
            "kept" => Self::Kept,
            "draft" => Self::Draft {
                control: words.word()?,
                subject: words.word()?,
                value: words.word()?,
                checked: words.flag()?,
            },
            "make" => Self::Make {
                plan: Blueprint {
                    title: words.word()?,
                    language: words.word()?,
                    also: words.list()?,
                    templates: words.list()?,
                    scale: words.word()?,
                    min_group: words.word()?,
                    team_size: words.word()?,
                },
                date: words.word()?,
                key: words.maybe()?,
            },
            "form" => Self::Form {
                url: words.word()?,
                file_access: words.flag()?,
                language: words.maybe()?,
            },
            "check" => Self::CheckLocation {
                url: words.word()?,
                language: words.maybe()?,
            },
            "cards" => Self::Cards {
                scene: read_scene(&mut words)?,
                language: words.maybe()?,
            },
            "text" => Self::Text,
            "calendar" => Self::Calendar {
                link: words.word()?,
                day: words.word()?,
                cadence: words.word()?,
                stamp: words.word()?,
            },
            "key-file" => Self::KeyFile(words.word()?),
            "share-files" => Self::ShareFiles(words.list()?),
            "collected-here" => Self::CollectedHere(words.maybe()?),
            _ => return None,
        };
        words.end(ask)
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        let mut out = Out::default();
        match self {
            Self::Facts(facts) => {
                out.word("facts");
                write_facts(&mut out, facts);
            }
            Self::Written {
                text,
                facts,
                changed,
            } => {
                out.word("written").maybe(text.as_deref()).flag(*changed);
                write_facts(&mut out, facts);
            }
            Self::Cards { top, editor, end } => {
                out.word("cards").list(top).word(editor).word(end);
            }
            Self::Text(text) => {
                out.word("text").word(text);
            }
            Self::Texts(texts) => {
                out.word("texts").list(texts);
            }
            Self::Done => {
                out.word("done");
            }
            Self::Checked { safe, said } => {
                out.word("checked").flag(*safe).word(said);
            }
            Self::Failed(tag, code, text) => {
                out.word("failed")
                    .word(tag)
                    .word(&code.to_string())
                    .word(text);
            }
        }
        out.json()
    }

    pub fn from_json(text: &str) -> Option<Self> {
        let mut words = In::parse(text)?;
        let reply = match words.word()?.as_str() {
            "facts" => Self::Facts(read_facts(&mut words)?),
            "written" => Self::Written {
                text: words.maybe()?,
                changed: words.flag()?,
                facts: read_facts(&mut words)?,
            },
            "cards" => Self::Cards {
                top: words.list()?,
                editor: words.word()?,
                end: words.word()?,
            },
            "text" => Self::Text(words.word()?),
            "texts" => Self::Texts(words.list()?),
            "done" => Self::Done,
            "checked" => Self::Checked {
                safe: words.flag()?,
                said: words.word()?,
            },
            "failed" => Self::Failed(words.word()?, words.word()?.parse().ok()?, words.word()?),
            _ => return None,
        };
        words.end(reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Place;
    use crate::model::{ActionStatus, synth};
    use crate::storage::StoreError;

    #[test]
    fn every_ask_and_reply_reads_back_as_written() {
        let doc = synth::demo();
        let scene = Scene {
            place: Place::Disk {
                name: "team \"a\".json".into(),
                writable: false,
            },
            today: "2026-12-03".into(),
            page: "https://candor.example/setup/#/setup".into(),
            origin: "https://candor.example".into(),
            can_share: true,
            file_access: false,
            unsaved: true,
            kept_key: false,
            new_key: Some("secret".into()),
            here: Some("{}".into()),
        };
        let asks = [
            Ask::Open("{\"format\": \"candor\"}".into()),
            Ask::Write {
                at: At::Text("{}".into()),
                edit: Edit::SaveDraft,
            },
            Ask::Write {
                at: At::Url("https://dav.example/t.json".into()),
                edit: Edit::SettleAction {
                    id: "a-1".into(),
                    status: ActionStatus::Dropped,
                },
            },
            Ask::Write {
                at: At::Here,
                edit: Edit::AgreeAction {
                    label: "Retro \u{202e}".into(),
                    owner: None,
                    review: Some("2027-01-01".into()),
                },
            },
            Ask::Kept,
            Ask::Draft {
                control: "translate".into(),
                subject: "de question s-1".into(),
                value: "Frage \"eins\"".into(),
                checked: false,
            },
            Ask::Form {
                url: "https://files.example/t.json".into(),
                file_access: true,
                language: Some("{}".into()),
            },
            Ask::CheckLocation {
                url: String::new(),
                language: None,
            },
            Ask::Make {
                plan: Blueprint {
                    title: "Team pulse".into(),
                    templates: vec!["safety".into()],
                    ..Blueprint::default()
                },
                date: "2026-12-03".into(),
                key: Some("public".into()),
            },
            Ask::Cards {
                scene: scene.clone(),
                language: None,
            },
            Ask::Text,
            Ask::KeyFile("k".into()),
            Ask::Calendar {
                link: "https://candor.example/#/take".into(),
                day: "2027-01-04".into(),
                cadence: "monthly".into(),
                stamp: "20261203T120000Z".into(),
            },
            Ask::ShareFiles(vec!["a".into(), "b".into()]),
            Ask::CollectedHere(None),
            Ask::CollectedHere(Some(String::new())),
            Ask::Write {
                at: At::Here,
                edit: Edit::CloseRound("2026-11".into()),
            },
            Ask::Write {
                at: At::Here,
                edit: Edit::OpenRound {
                    label: String::new(),
                    today: "2026-12-03".into(),
                },
            },
            Ask::Write {
                at: At::Here,
                edit: Edit::AddEvent {
                    label: "-".into(),
                    day: Some("+".into()),
                },
            },
            Ask::Write {
                at: At::Here,
                edit: Edit::Merge("[\"text\"]".into()),
            },
            Ask::Cards {
                scene: Scene {
                    place: Place::Url("https://dav.example/t.json".into()),
                    new_key: None,
                    here: None,
                    ..scene.clone()
                },
                language: Some("{\"language\": {}}".into()),
            },
            Ask::Cards {
                scene: Scene {
                    place: Place::Device,
                    ..scene.clone()
                },
                language: None,
            },
        ];
        for ask in asks {
            assert_eq!(Ask::from_json(&ask.to_json()), Some(ask.clone()), "{ask:?}");
        }
        let facts = Facts::of(&doc);
        let replies = [
            Reply::Facts(facts.clone()),
            Reply::Written {
                text: None,
                facts: facts.clone(),
                changed: false,
            },
            Reply::Written {
                text: Some(String::new()),
                facts,
                changed: true,
            },
            Reply::Text("1".into()),
            Reply::Cards {
                top: vec!["<section>".into()],
                editor: "<section>".into(),
                end: String::new(),
            },
            Reply::Texts(vec![]),
            Reply::Done,
            Reply::Checked {
                safe: false,
                said: "Not safe:\n– no ETag".into(),
            },
            failure(&DeskError::Store(StoreError::Forbidden(403))),
        ];
        for reply in replies {
            assert_eq!(Reply::from_json(&reply.to_json()), Some(reply.clone()));
        }
        // Anything else is no message: another shape, an unknown tag, a word missing, one too
        // many, a flag or an optional text that is neither, a list shorter than it says.
        for bad in [
            "ready",
            "[\"ready\"]",
            "{\"Open\": 3}",
            "[\"open\", 3]",
            "[\"open\"]",
            "[\"open\", \"a\", \"b\"]",
            "[\"draft\", \"text\", \"q\", \"v\", \"yes\"]",
            "[\"collected-here\", \"text\"]",
            "[\"share-files\", \"3\", \"a\", \"b\"]",
            "[\"share-files\", \"-1\"]",
        ] {
            assert_eq!(Ask::from_json(bad), None, "{bad}");
        }
        for bad in [
            "[\"done\", \"\"]",
            "[\"failed\", \"busy\", \"70000\", \"\"]",
            "[\"facts\", \"id\", \"title\", \"-\", \"1\", \"0\", \"2\", \"a\", \"A\"]",
        ] {
            assert_eq!(Reply::from_json(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_error_arrives_as_it_left() {
        for error in [
            DeskError::Invalid("$.survey: missing".into()),
            DeskError::Refused("no round r-9".into()),
            DeskError::OtherSurvey("Another team".into()),
            DeskError::NoFile,
            DeskError::NoQuestionSet,
            DeskError::BadDate,
            DeskError::Store(StoreError::Busy),
            DeskError::Store(StoreError::Server(503)),
            DeskError::Store(StoreError::Unreachable("https://dav.example".into())),
        ] {
            let Reply::Failed(tag, code, text) = failure(&error) else {
                panic!("a failure");
            };
            assert_eq!(error_of(&tag, code, text), Some(error));
        }
        assert_eq!(error_of("no-such-tag", 0, String::new()), None);
    }
}
