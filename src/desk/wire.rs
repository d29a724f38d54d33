//! What the set-up page and its desk say to each other when the desk runs in a worker: one
//! [`Ask`] and one [`Reply`], each a JSON text (a worker's messages carry plain values), read
//! back strictly: the page reports a reply that is not one, never guesses at it.
//!
//! Everything in them is text: team files are UTF-8 JSON, and the page reads every file it
//! has as text already (this browser's storage, a picked file, a file on disk).

use serde::{Deserialize, Serialize};

use super::make::Blueprint;
use super::{DeskError, Edit, Facts, Scene};
use crate::storage::wire as store_wire;

/// What the page asks of its desk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Facts(Facts),
    /// A change: the new text to write where the page keeps the file (none: nothing to
    /// write), and the facts of the file as changed.
    Written {
        text: Option<String>,
        facts: Facts,
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

impl Ask {
    pub fn to_json(&self) -> String {
        // Plain data with string keys: writing it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
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
                scene,
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
        ];
        for ask in asks {
            assert_eq!(Ask::from_json(&ask.to_json()), Some(ask.clone()), "{ask:?}");
        }
        let facts = Facts::of(&doc);
        let replies = [
            Reply::Facts(facts.clone()),
            Reply::Written { text: None, facts },
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
        assert_eq!(Reply::from_json("[\"ready\"]"), None);
        assert_eq!(Ask::from_json("{\"Open\": 3}"), None);
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
