//! The shared survey file as Rust types: one team's survey definition, its rounds, events,
//! anonymous responses and tombstones.
//!
//! These types are the published format (version 4): `docs/format.md` describes them for
//! people and `docs/candor-survey.schema.json` is generated from them. Serde enforces the
//! shape (`deny_unknown_fields` everywhere, so a typo never passes silently); the rules that
//! need context (answers within the scale, references between parts) live in `validate`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::id::ResponseId;
use super::keyed::Keyed;
use super::published::Published;
use super::translation::Translation;

/// The value of the top-level `format` field of every Candor file.
pub const FORMAT_NAME: &str = "candor-survey";
/// The newest format version this build reads and the only one it writes. Version 1 (before
/// sealing), version 2 (before actions had an owner, a review day and a status) and version 3
/// (before surveys had a language and translations) are read and migrated on load.
pub const FORMAT_VERSION: u32 = 4;

/// A whole shared file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Candor survey file",
    description = "One team's anonymous pulse survey: its definition, rounds, events, sealed responses and published results."
)]
pub struct Document {
    /// Always "candor-survey".
    #[schemars(extend("const" = "candor-survey"))]
    pub format: String,
    /// Format version; this document describes version 4 (older files are migrated on load).
    #[schemars(extend("const" = 4))]
    pub version: u32,
    /// What is asked, and the anonymity rules.
    pub survey: Survey,
    /// Survey rounds, in the order they were opened.
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// Things that happened to the team (a re-org, an incident, a launch), shown on the trend charts.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Plain (unsealed) responses, sorted by id: only in surveys without a results key, which
    /// are files from before sealing. Anyone who can read the file can read them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// Each response's answers, sealed to the results key, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sealed_answers: Vec<SealedRecord>,
    /// Comments, sealed to the results key in records of their own (nothing ties a comment to
    /// its writer's answers), sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sealed_comments: Vec<SealedRecord>,
    /// Ids of withdrawn or replaced records (tombstones), sorted. The records themselves are
    /// dropped from the file; the ids stay so that no copy brings them back.
    #[serde(default)]
    pub removed: Vec<ResponseId>,
    /// Closed rounds' released results, one per round, sorted by round id. Written once, when
    /// the key holder releases the round; never changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<Published>,
}

/// The survey definition: questions, scale and anonymity minimums.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// Short id of the survey (letters, digits, `-`, `_`, `.`).
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// Shown to respondents and on the results.
    #[schemars(length(min = 1, max = 200))]
    pub title: String,
    /// The language of the title, dimension names and questions: a base language code ("en",
    /// "de", "ar"). Files from before version 4 did not say and are English.
    #[serde(default = "super::translation::default_language")]
    #[schemars(regex(pattern = r"^[a-z]{2,3}$"))]
    pub language: String,
    /// Bumped on every change of the definition; when two copies differ, the higher revision wins.
    pub revision: u64,
    /// Number of Likert points: 5 or 7.
    #[schemars(extend("enum" = [5, 7]))]
    pub scale: u8,
    /// Smallest number of responses of a round for which any result is shown (at least 3).
    #[schemars(range(min = 3, max = 100000))]
    pub min_group: u32,
    /// Smallest number of people who wrote a comment in a round for its comments to be shown
    /// (at least `min_group`).
    #[schemars(range(min = 3, max = 100000))]
    pub min_group_comments: u32,
    /// Number of people on the team, when known; enables response rates and a finite-population correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100000))]
    pub team_size: Option<u32>,
    /// The groups questions belong to, e.g. psychological safety.
    #[schemars(length(min = 1, max = 20))]
    pub dimensions: Vec<Dimension>,
    /// The questions, in the order they are asked.
    #[schemars(length(min = 1, max = 200))]
    pub questions: Vec<Question>,
    /// The survey's texts in further languages, by language code. A respondent reads the
    /// survey in their language only when every text they see is translated.
    #[serde(default, skip_serializing_if = "Keyed::is_empty")]
    pub translations: Keyed<Translation>,
    /// The public half of the results key (unpadded base64url of an X25519 public key):
    /// answers are sealed to it on the respondent's device. Absent only in surveys from before
    /// sealing, whose answers are plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{43}$"))]
    pub results_key: Option<String>,
}

/// A group of questions scored together.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Short id, referenced by questions.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// Shown on the results.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
}

/// One Likert item.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Short id, the key of the answer in each response.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// Id of the dimension this question belongs to.
    pub dimension: String,
    /// The statement respondents agree or disagree with.
    #[schemars(length(min = 1, max = 500))]
    pub text: String,
    /// Reverse-keyed: agreeing is unfavourable, so answers are recoded as (scale + 1) - x.
    #[serde(default)]
    pub reverse: bool,
    /// No longer asked; kept so earlier answers stay meaningful.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

/// A survey round, e.g. one month's pulse.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Short id, e.g. "2026-10".
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// Shown to people, e.g. "October 2026".
    #[schemars(length(min = 1, max = 200))]
    pub label: String,
    /// The day the round opened, as YYYY-MM-DD. Rounds are ordered by it.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub opened: String,
    /// A closed round takes no more responses.
    #[serde(default)]
    pub closed: bool,
}

/// Something that happened to the team, shown as a marker on the trend charts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Short id.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// The round during (or just before) which it happened.
    pub round: String,
    /// What happened, e.g. "Re-org announced"; for an action, what the team agreed to do.
    #[schemars(length(min = 1, max = 200))]
    pub label: String,
    /// The day it happened, as YYYY-MM-DD, when the facilitator gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Option<String>,
    /// "event" (the default, left out of the file) or "action".
    #[serde(default, skip_serializing_if = "EventKind::is_event")]
    pub kind: EventKind,
    /// Actions only: who looks after it, as a role ("team lead"), never a respondent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 100))]
    pub owner: Option<String>,
    /// Actions only: the day from which it is due for review, as YYYY-MM-DD: it is reviewed
    /// in the first round opened on or after that day. Absent: in the next round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub review: Option<String>,
    /// Actions only: "open" (the default, left out of the file), "done" or "dropped".
    #[serde(default, skip_serializing_if = "ActionStatus::is_open")]
    pub status: ActionStatus,
    /// Actions only: the round in which it was marked done or dropped (set exactly when the
    /// status is not open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<String>,
    /// Actions only: how many times its text, owner or review day was edited (left out while
    /// 0). In a merge the higher edit count's text wins, and the status is merged on its own,
    /// so an edit on one copy and "done" on another are both kept.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revision: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Where an agreed action stands. Ordered as merged: a settled action never reopens, and
/// when one copy says "dropped" and another "done", done wins.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Still to do: reviewed first in the next round's results.
    #[default]
    Open,
    /// The team decided not to do it.
    Dropped,
    /// Done: shown on the trend charts at the round it was done.
    Done,
}

impl ActionStatus {
    pub fn is_open(&self) -> bool {
        *self == Self::Open
    }

    /// The word written in the file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Dropped => "dropped",
            Self::Done => "done",
        }
    }
}

/// Read by hand, like [`EventKind`], to keep the respondent's page small.
impl<'de> Deserialize<'de> for ActionStatus {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        let word = String::deserialize(reader)?;
        [Self::Open, Self::Dropped, Self::Done]
            .into_iter()
            .find(|s| s.name() == word)
            .ok_or_else(|| serde::de::Error::unknown_variant(&word, &["open", "dropped", "done"]))
    }
}

impl Event {
    /// A timeline entry with nothing but its place, text and kind (an action is open).
    pub fn new(
        id: String,
        round: String,
        label: String,
        date: Option<String>,
        kind: EventKind,
    ) -> Self {
        Self {
            id,
            round,
            label,
            date,
            kind,
            owner: None,
            review: None,
            status: ActionStatus::Open,
            settled: None,
            revision: 0,
        }
    }
}

/// The two kinds of entries on a team's timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Something that happened to the team (a re-org, an incident, a launch): a marker on the
    /// trend charts.
    #[default]
    Event,
    /// A follow-up the team agreed on after a round's results: shown next to that round, so
    /// people see that answering leads somewhere.
    Action,
}

impl EventKind {
    pub fn is_event(&self) -> bool {
        *self == Self::Event
    }
}

/// Read as text and matched by hand: a derived enum reader costs the respondent's page about
/// a kilobyte for two words. (An unknown kind is explained by `load`'s shape check.)
impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        match String::deserialize(reader)?.as_str() {
            "event" => Ok(Self::Event),
            "action" => Ok(Self::Action),
            other => Err(serde::de::Error::unknown_variant(
                other,
                &["event", "action"],
            )),
        }
    }
}

/// One person's anonymous answers to one round. Nothing else is stored: no time, no device,
/// no order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Random id.
    pub id: ResponseId,
    /// Id of the round answered.
    pub round: String,
    /// Answers by question id, each from 1 to the survey's scale. Skipped questions are absent.
    pub answers: Answers,
    /// Optional free-text comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 2000))]
    pub comment: Option<String>,
}

/// One sealed record: a random id, the round, and the ciphertext. Nothing else: no time, no
/// device, no order, and every record of a kind has one of a few fixed lengths.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SealedRecord {
    /// Random id (also bound into the ciphertext).
    pub id: ResponseId,
    /// Id of the round answered (also bound into the ciphertext).
    pub round: String,
    /// HPKE (RFC 9180; DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305) encapsulated
    /// key and ciphertext, unpadded base64url. See docs/format.md for what is sealed.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]+$"))]
    pub sealed: String,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Survey {
    /// The question with this id, if any.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions of one dimension, in survey order.
    pub fn questions_in<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.dimension == dimension)
    }

    /// The questions a respondent is asked now.
    pub fn active_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| !q.retired)
    }
}

impl Document {
    /// An empty file for a survey: no rounds, no responses.
    pub fn new(survey: Survey) -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            survey,
            rounds: Vec::new(),
            events: Vec::new(),
            responses: Vec::new(),
            sealed_answers: Vec::new(),
            sealed_comments: Vec::new(),
            removed: Vec::new(),
            published: Vec::new(),
        }
    }

    /// Whether answers to this survey are sealed (it has a results key).
    pub fn is_sealed(&self) -> bool {
        self.survey.results_key.is_some()
    }

    /// The released results of a round, if it has been published.
    pub fn published(&self, round: &str) -> Option<&Published> {
        self.published
            .binary_search_by(|p| p.round.as_str().cmp(round))
            .ok()
            .map(|i| &self.published[i])
    }

    /// How many answers a round holds so far (sealed or plain, not withdrawn): the one number
    /// an open round shows, and one anyone reading the file can count anyway.
    pub fn answer_count(&self, round: &str) -> usize {
        self.sealed_answers
            .iter()
            .filter(|r| r.round == round)
            .count()
            + self.responses.iter().filter(|r| r.round == round).count()
    }

    /// The round a record (plain response, sealed answers or sealed comment) belongs to.
    pub fn round_of_record(&self, id: ResponseId) -> Option<&str> {
        fn find(records: &[SealedRecord], id: ResponseId) -> Option<&str> {
            records
                .binary_search_by(|r| r.id.cmp(&id))
                .ok()
                .map(|i| records[i].round.as_str())
        }
        self.responses
            .binary_search_by(|r| r.id.cmp(&id))
            .ok()
            .map(|i| self.responses[i].round.as_str())
            .or_else(|| find(&self.sealed_answers, id))
            .or_else(|| find(&self.sealed_comments, id))
    }

    /// The round with this id, if any.
    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The round currently taking responses (at most one is open).
    pub fn open_round(&self) -> Option<&Round> {
        self.rounds.iter().rev().find(|r| !r.closed)
    }

    /// Whether a response id is tombstoned.
    pub fn is_removed(&self, id: ResponseId) -> bool {
        self.removed.binary_search(&id).is_ok()
    }

    /// The responses that count: not tombstoned.
    pub fn live_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| !self.is_removed(r.id))
    }

    /// Whether the file holds this record (plain or sealed, and not withdrawn).
    pub fn contains_response(&self, id: ResponseId) -> bool {
        !self.is_removed(id) && self.round_of_record(id).is_some()
    }

    /// Puts every collection in canonical order and drops exact duplicates, so that the same
    /// content always serialises to the same bytes and the order says nothing about who
    /// answered when. Rounds are ordered by their opening day, then id.
    pub fn normalize(&mut self) {
        // Every order here is total over the whole value, so stability changes nothing.
        super::sort::sort_by(&mut self.rounds, &|a, b| {
            (&a.opened, &a.id, a).cmp(&(&b.opened, &b.id, b))
        });
        self.rounds.dedup();
        super::sort::sort_by(&mut self.events, &Ord::cmp);
        self.events.dedup();
        super::sort::sort_by(&mut self.removed, &Ord::cmp);
        self.removed.dedup();
        // A withdrawn or replaced record leaves the file: only its id stays, as the tombstone.
        let removed = std::mem::take(&mut self.removed);
        let live = |id: &ResponseId| removed.binary_search(id).is_err();
        self.responses.retain(|r| live(&r.id));
        self.sealed_answers.retain(|r| live(&r.id));
        self.sealed_comments.retain(|r| live(&r.id));
        self.removed = removed;
        super::sort::sort_by(&mut self.responses, &Ord::cmp);
        self.responses.dedup();
        super::sort::sort_by(&mut self.sealed_answers, &Ord::cmp);
        self.sealed_answers.dedup();
        super::sort::sort_by(&mut self.sealed_comments, &Ord::cmp);
        self.sealed_comments.dedup();
        super::sort::sort_by(&mut self.published, &|a, b| a.round.cmp(&b.round));
        self.published.dedup();
    }
}
