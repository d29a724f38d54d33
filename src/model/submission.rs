//! What one respondent sends to the shared file, and how it is applied.
//!
//! A submission is usually one new response. Changing one's answers sends a new response (with
//! a new random id) and tombstones the earlier one; withdrawing only tombstones. Applying is a
//! set union, so applying the same submission twice changes nothing: a retry after a lost
//! reply can never count a response twice.

use serde::{Deserialize, Serialize};

use super::document::{Document, Response};
use super::id::ResponseId;

/// Responses to add and responses to withdraw, for one survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// Id of the survey it belongs to (a submission never lands in another survey's file).
    pub survey: String,
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub removed: Vec<ResponseId>,
}

/// Why a submission cannot be applied to a file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("these answers belong to survey \"{expected}\", but the file holds survey \"{found}\"")]
    WrongSurvey { expected: String, found: String },
    #[error("the round \"{0}\" is closed, so it takes no more answers")]
    RoundClosed(String),
    #[error("the round \"{0}\" is not in the team file")]
    UnknownRound(String),
    #[error("the survey changed and no longer fits these answers: {0}")]
    Invalid(String),
}

impl Document {
    /// Whether the file already holds everything the submission asks for.
    pub fn holds(&self, submission: &Submission) -> bool {
        submission.responses.iter().all(|r| {
            self.responses
                .binary_search_by(|x| x.id.cmp(&r.id))
                .is_ok_and(|i| self.responses[i] == *r)
        }) && submission.removed.iter().all(|id| self.is_removed(*id))
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
        for response in &submission.responses {
            match self.round(&response.round) {
                None => return Err(Rejection::UnknownRound(response.round.clone())),
                Some(round) if round.closed => {
                    return Err(Rejection::RoundClosed(response.round.clone()));
                }
                Some(_) => {}
            }
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
        // Insert in place: the file stays sorted without sorting or copying it all.
        for response in &submission.responses {
            if let Err(at) = self.responses.binary_search_by(|r| r.id.cmp(&response.id)) {
                self.responses.insert(at, response.clone());
            }
        }
        for id in &submission.removed {
            if let Err(at) = self.removed.binary_search(id) {
                self.removed.insert(at, *id);
            }
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
            survey: "t".into(),
            responses,
            removed,
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
