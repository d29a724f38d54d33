//! What one respondent sends to the shared file, and how it is applied.
//!
//! A submission is usually one new response: in a sealed survey, a sealed answers record and,
//! when the person wrote one, a sealed comment record (plain responses only in surveys from
//! before sealing). Changing one's answers sends new records (with new random ids) and
//! tombstones the earlier ones; withdrawing only tombstones. Applying is a set union, so
//! applying the same submission twice changes nothing: a retry after a lost reply can never
//! count a response twice. A closed round takes nothing more: no records, no tombstones, so
//! its released results can never change.

use serde::{Deserialize, Serialize};

use super::document::{Document, Response, SealedRecord};
use super::id::ResponseId;

/// Responses to add and responses to withdraw, for one survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// Id of the survey it belongs to (a submission never lands in another survey's file).
    pub survey: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sealed_answers: Vec<SealedRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sealed_comments: Vec<SealedRecord>,
    #[serde(default)]
    pub removed: Vec<ResponseId>,
}

impl Submission {
    /// An empty submission for a survey.
    pub fn new(survey: &str) -> Self {
        Self {
            survey: survey.to_owned(),
            responses: Vec::new(),
            sealed_answers: Vec::new(),
            sealed_comments: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// The ids of every record it adds.
    pub fn added_ids(&self) -> impl Iterator<Item = ResponseId> + '_ {
        self.responses
            .iter()
            .map(|r| r.id)
            .chain(self.sealed_answers.iter().map(|r| r.id))
            .chain(self.sealed_comments.iter().map(|r| r.id))
    }

    /// The rounds it adds records to.
    fn rounds(&self) -> impl Iterator<Item = &str> + '_ {
        self.responses
            .iter()
            .map(|r| r.round.as_str())
            .chain(self.sealed_answers.iter().map(|r| r.round.as_str()))
            .chain(self.sealed_comments.iter().map(|r| r.round.as_str()))
    }
}

/// The three kinds of records a submission adds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Answers,
    Comment,
}

/// Whether sorted `records` hold one with `id`.
fn in_records(records: &[SealedRecord], id: ResponseId) -> bool {
    records.binary_search_by(|r| r.id.cmp(&id)).is_ok()
}

/// Why a submission cannot be applied to a file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("these answers belong to survey \"{expected}\", but the file holds survey \"{found}\"")]
    WrongSurvey { expected: String, found: String },
    #[error(
        "the round \"{0}\" closed before these answers arrived, and its results are final: they were not added"
    )]
    RoundClosed(String),
    #[error(
        "this survey now seals its answers, and these were sent unsealed: they were not added (answer again)"
    )]
    Unsealed,
    #[error(
        "these answers were sealed, but the survey in the team file has no results key: they were not added"
    )]
    SealedForUnsealed,
    #[error("the round \"{0}\" is not in the team file")]
    UnknownRound(String),
    #[error("the survey changed and no longer fits these answers: {0}")]
    Invalid(String),
}

impl Document {
    /// Whether the file already holds everything the submission asks for (a record that was
    /// added and has since been withdrawn counts as held: it arrived).
    pub fn holds(&self, submission: &Submission) -> bool {
        fn held<T: PartialEq>(
            doc: &Document,
            records: &[T],
            wanted: &[T],
            id: impl Fn(&T) -> ResponseId,
        ) -> bool {
            wanted.iter().all(|r| {
                doc.is_removed(id(r))
                    || records
                        .binary_search_by(|x| id(x).cmp(&id(r)))
                        .is_ok_and(|i| records[i] == *r)
            })
        }
        held(self, &self.responses, &submission.responses, |r| r.id)
            && held(
                self,
                &self.sealed_answers,
                &submission.sealed_answers,
                |r| r.id,
            )
            && held(
                self,
                &self.sealed_comments,
                &submission.sealed_comments,
                |r| r.id,
            )
            && submission.removed.iter().all(|id| self.is_removed(*id))
    }

    /// Applies a submission: checks it fits (same survey, open round, valid answers) and adds
    /// it. On a rejection the document is unchanged. The document must be normalised, as
    /// [`crate::model::load`] returns it.
    pub fn apply(&mut self, submission: &Submission) -> Result<(), Rejection> {
        if submission.survey != self.survey.id {
            return Err(Rejection::WrongSurvey {
                expected: submission.survey.clone(),
                found: self.survey.id.clone(),
            });
        }
        if self.holds(submission) {
            return Ok(());
        }
        if self.is_sealed() && !submission.responses.is_empty() {
            return Err(Rejection::Unsealed);
        }
        // Sealed records in a file without a results key would make it invalid (nobody could
        // open them): found by the apply_submission fuzz target.
        let sealed_records = submission.sealed_answers.len() + submission.sealed_comments.len();
        if !self.is_sealed() && sealed_records > 0 {
            return Err(Rejection::SealedForUnsealed);
        }
        for round in submission.rounds() {
            match self.round(round) {
                None => return Err(Rejection::UnknownRound(round.to_owned())),
                Some(round) if round.closed => {
                    return Err(Rejection::RoundClosed(round.id.clone()));
                }
                Some(_) => {}
            }
        }
        // A tombstone may not reach into a closed round either: its results are final.
        for id in &submission.removed {
            if let Some(round) = self.round_of_record(*id)
                && self.round(round).is_some_and(|r| r.closed)
            {
                return Err(Rejection::RoundClosed(round.to_owned()));
            }
        }
        for response in &submission.responses {
            // The file is valid already; only what is added needs checking.
            if let Some(problem) = super::validate::response_problems(self, response).first() {
                return Err(Rejection::Invalid(problem.kind.to_string()));
            }
            if let Ok(i) = self.responses.binary_search_by(|r| r.id.cmp(&response.id))
                && self.responses[i] != *response
            {
                return Err(Rejection::Invalid(format!(
                    "another response already has the id {}",
                    response.id
                )));
            }
        }
        let sealed = [
            (&submission.sealed_answers, &self.sealed_answers, true),
            (&submission.sealed_comments, &self.sealed_comments, false),
        ];
        for (added, held, answers) in sealed {
            for record in added {
                if let Some(problem) = super::validate::sealed_problem(record, answers) {
                    return Err(Rejection::Invalid(problem));
                }
                if let Ok(i) = held.binary_search_by(|r| r.id.cmp(&record.id))
                    && held[i] != *record
                {
                    return Err(Rejection::Invalid(format!(
                        "another record already has the id {}",
                        record.id
                    )));
                }
            }
        }
        // One id, one record: an added record may not take the id of a record of another kind
        // (in the file or in this submission). Otherwise the id's round would be ambiguous, and a
        // tombstone checked against the new record's open round could remove the other from a
        // closed one (found by the apply_submission fuzz target).
        let added = (submission.responses.iter().map(|r| (r.id, Kind::Plain)))
            .chain(
                submission
                    .sealed_answers
                    .iter()
                    .map(|r| (r.id, Kind::Answers)),
            )
            .chain(
                submission
                    .sealed_comments
                    .iter()
                    .map(|r| (r.id, Kind::Comment)),
            );
        for (id, kind) in added {
            let held = |k: Kind| match k {
                Kind::Plain => {
                    self.responses.binary_search_by(|r| r.id.cmp(&id)).is_ok()
                        || submission.responses.iter().any(|r| r.id == id)
                }
                Kind::Answers => {
                    in_records(&self.sealed_answers, id)
                        || submission.sealed_answers.iter().any(|r| r.id == id)
                }
                Kind::Comment => {
                    in_records(&self.sealed_comments, id)
                        || submission.sealed_comments.iter().any(|r| r.id == id)
                }
            };
            if [Kind::Plain, Kind::Answers, Kind::Comment]
                .into_iter()
                .any(|other| other != kind && held(other))
            {
                return Err(Rejection::Invalid(format!(
                    "another record already has the id {id}"
                )));
            }
        }
        // Insert in place: the file stays sorted without sorting or copying it all. A record
        // withdrawn meanwhile (a retry after a change) stays out.
        for response in &submission.responses {
            if self.is_removed(response.id) {
                continue;
            }
            if let Err(at) = self.responses.binary_search_by(|r| r.id.cmp(&response.id)) {
                self.responses.insert(at, response.clone());
            }
        }
        for (added, held) in [
            (&submission.sealed_answers, &mut self.sealed_answers),
            (&submission.sealed_comments, &mut self.sealed_comments),
        ] {
            for record in added {
                if self.removed.binary_search(&record.id).is_ok() {
                    continue;
                }
                if let Err(at) = held.binary_search_by(|r| r.id.cmp(&record.id)) {
                    held.insert(at, record.clone());
                }
            }
        }
        for id in &submission.removed {
            if let Err(at) = self.removed.binary_search(id) {
                self.removed.insert(at, *id);
            }
        }
        // The withdrawn records themselves leave the file; only their ids stay.
        if !submission.removed.is_empty() {
            let removed = &self.removed;
            let live = |id: &ResponseId| removed.binary_search(id).is_err();
            self.responses.retain(|r| live(&r.id));
            self.sealed_answers.retain(|r| live(&r.id));
            self.sealed_comments.retain(|r| live(&r.id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answers, Round, templates};

    fn doc() -> Document {
        let mut doc = Document::new(templates::survey_from("t", "T", &[&templates::SAFETY]));
        doc.rounds.push(Round {
            id: "r1".into(),
            label: "R1".into(),
            opened: "2026-11-01".into(),
            closed: false,
        });
        doc
    }

    fn response(byte: u8, value: u8) -> Response {
        Response {
            id: ResponseId::from_random_bytes([byte; 16]),
            round: "r1".into(),
            answers: [("safety-2", value)].into_iter().collect::<Answers>(),
            comment: None,
        }
    }

    fn submit(responses: Vec<Response>, removed: Vec<ResponseId>) -> Submission {
        Submission {
            responses,
            removed,
            ..Submission::new("t")
        }
    }

    #[test]
    fn applying_twice_counts_once() {
        let mut doc = doc();
        let s = submit(vec![response(1, 5)], vec![]);
        assert!(!doc.holds(&s));
        doc.apply(&s).unwrap();
        doc.apply(&s).unwrap();
        assert_eq!(doc.responses.len(), 1);
        assert!(doc.holds(&s));
    }

    #[test]
    fn change_replaces_and_withdraw_removes() {
        let mut doc = doc();
        doc.apply(&submit(vec![response(1, 5)], vec![])).unwrap();
        let old = ResponseId::from_random_bytes([1; 16]);
        doc.apply(&submit(vec![response(2, 7)], vec![old])).unwrap();
        let live: Vec<u8> = doc
            .live_responses()
            .filter_map(|r| r.answers.get("safety-2"))
            .collect();
        assert_eq!(live, [7]);
        doc.apply(&submit(
            vec![],
            vec![ResponseId::from_random_bytes([2; 16])],
        ))
        .unwrap();
        assert_eq!(doc.live_responses().count(), 0);
    }

    /// Found by the `apply_submission` fuzz target: sealed records sent to a survey without a
    /// results key were added, and the file no longer passed validation.
    #[test]
    fn sealed_records_for_a_survey_without_a_key_are_refused() {
        let mut doc = doc();
        let before = doc.clone();
        let record = SealedRecord {
            id: ResponseId::from_random_bytes([3; 16]),
            round: "r1".into(),
            sealed: "A".repeat(crate::seal::sealed_text_len(256)),
        };
        for s in [
            Submission {
                sealed_answers: vec![record.clone()],
                ..Submission::new("t")
            },
            Submission {
                sealed_comments: vec![record],
                ..Submission::new("t")
            },
        ] {
            assert_eq!(doc.apply(&s), Err(Rejection::SealedForUnsealed));
            assert_eq!(doc, before);
        }
    }

    /// Found by the `apply_submission` fuzz target: a new answers record took the id of a
    /// comment in a closed round; the id's round became the open one, so withdrawing it would
    /// have removed the closed round's comment too. An id is one record's, whatever its kind.
    #[test]
    fn an_added_record_cannot_take_the_id_of_a_record_of_another_kind() {
        let mut doc = doc();
        doc.survey.results_key = Some("k".repeat(43));
        let comment = SealedRecord {
            id: ResponseId::from_random_bytes([9; 16]),
            round: "r1".into(),
            sealed: "A".repeat(crate::seal::sealed_text_len(256)),
        };
        doc.sealed_comments.push(comment.clone());
        let before = doc.clone();
        let answers = Submission {
            sealed_answers: vec![comment.clone()],
            ..Submission::new("t")
        };
        assert_eq!(
            doc.apply(&answers),
            Err(Rejection::Invalid(format!(
                "another record already has the id {}",
                comment.id
            )))
        );
        let both = Submission {
            sealed_answers: vec![SealedRecord {
                id: ResponseId::from_random_bytes([10; 16]),
                ..comment.clone()
            }],
            sealed_comments: vec![SealedRecord {
                id: ResponseId::from_random_bytes([10; 16]),
                ..comment
            }],
            ..Submission::new("t")
        };
        assert!(matches!(doc.apply(&both), Err(Rejection::Invalid(_))));
        assert_eq!(doc, before);
    }

    #[test]
    fn closed_rounds_other_surveys_and_bad_answers_are_rejected() {
        let mut closed = doc();
        closed.rounds[0].closed = true;
        assert_eq!(
            closed.apply(&submit(vec![response(1, 5)], vec![])),
            Err(Rejection::RoundClosed("r1".into()))
        );
        let mut other = doc();
        let mut s = submit(vec![response(1, 5)], vec![]);
        s.survey = "other".into();
        assert!(matches!(
            other.apply(&s),
            Err(Rejection::WrongSurvey { .. })
        ));
        let mut bad = doc();
        let before = bad.clone();
        assert!(matches!(
            bad.apply(&submit(vec![response(1, 9)], vec![])),
            Err(Rejection::Invalid(_))
        ));
        assert_eq!(bad, before);
    }
}
