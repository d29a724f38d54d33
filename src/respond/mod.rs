//! What a respondent is filling in and the submission it becomes (pure; the take view draws
//! it). Keeping this out of the component lets the rules be tested natively.

pub mod notices;

use crate::model::{Answers, Document, Response, ResponseId, Submission, Survey, limits};
use crate::release::{self, ReleaseError};

/// The answers and comment on screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Form {
    pub answers: Answers,
    pub comment: String,
}

/// A change to the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Answer(String, Option<u8>),
    Comment(String),
    /// Empty the form: the next person on a shared phone sees nothing of the last.
    Reset,
    /// Start from an earlier response (to change it).
    Load(Form),
}

impl Form {
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Answer(question, Some(value)) => self.answers.insert(&question, value),
            Edit::Answer(question, None) => self.answers.remove(&question),
            // Longer text is cut at the limit (the text box also stops there).
            Edit::Comment(text) => {
                self.comment = text.chars().take(limits::MAX_COMMENT_CHARS).collect();
            }
            Edit::Reset => *self = Self::default(),
            Edit::Load(form) => *self = form,
        }
    }

    /// The comment as it would be stored: trimmed, absent when blank.
    fn comment_to_store(&self) -> Option<String> {
        let text = self.comment.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// Whether there is anything to send.
    pub fn is_sendable(&self) -> bool {
        !self.answers.is_empty() || self.comment_to_store().is_some()
    }

    /// Characters of comment used.
    pub fn comment_len(&self) -> usize {
        self.comment.chars().count()
    }

    /// The form as a new response to `round`, replacing `previous` (the records of this
    /// device's earlier response in the round) when there are some: a [`Draft`] whose records
    /// still have to be sealed (in the sealer worker on a phone). In a sealed survey the
    /// answers and the comment become two records with the two fresh `ids`; only a survey from
    /// before sealing gets a plain response.
    pub fn draft(
        &self,
        survey: &Survey,
        round: &str,
        ids: (ResponseId, ResponseId),
        previous: &[ResponseId],
    ) -> Result<Draft, ReleaseError> {
        // Only answers to questions the survey has, within its scale, are sent.
        let answers: Answers = self
            .answers
            .iter()
            .filter(|(q, v)| survey.question(q).is_some() && (1..=survey.scale).contains(v))
            .collect();
        let comment = self.comment_to_store();
        let mut submission = Submission::new(&survey.id);
        submission.removed = previous.to_vec();
        let jobs = if survey.results_key.is_some() {
            release::seal_jobs(survey, round, &answers, comment.as_deref(), ids)?
        } else {
            submission.responses.push(Response {
                id: ids.0,
                round: round.to_owned(),
                answers,
                comment,
            });
            Vec::new()
        };
        Ok(Draft { submission, jobs })
    }

    /// [`Form::draft`] sealed here with `fill` (the tool, tests).
    pub fn to_submission(
        &self,
        doc: &Document,
        round: &str,
        ids: (ResponseId, ResponseId),
        previous: &[ResponseId],
        fill: &mut impl FnMut(&mut [u8]),
    ) -> Result<Submission, ReleaseError> {
        let draft = self.draft(&doc.survey, round, ids, previous)?;
        if draft.jobs.is_empty() {
            return Ok(draft.finish(Vec::new()));
        }
        let public = crate::seal::PublicKey::from_text(release::public_key_text(&doc.survey)?)
            .map_err(|_| ReleaseError::BadKey)?;
        let sealed = draft
            .jobs
            .iter()
            .map(|job| job.seal(&doc.survey.id, &public, fill))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(draft.finish(sealed))
    }

    /// The form holding an earlier plain response (a survey from before sealing), to change
    /// it. Sealed answers cannot be read back, not even by the phone that sent them: changing
    /// them starts from an empty form.
    pub fn from_response(response: &Response) -> Self {
        Self {
            answers: response.answers.clone(),
            comment: response.comment.clone().unwrap_or_default(),
        }
    }
}

/// A submission waiting for its records to be sealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub submission: Submission,
    /// The records to seal, in order; [`Draft::finish`] takes their texts in the same order.
    pub jobs: Vec<release::SealJob>,
}

impl Draft {
    /// The submission, with each job's sealed text (as many texts as jobs, in order).
    pub fn finish(mut self, sealed: Vec<String>) -> Submission {
        for (job, text) in self.jobs.iter().zip(sealed) {
            let record = job.record(text);
            match job.kind {
                crate::seal::Kind::Answers => self.submission.sealed_answers.push(record),
                crate::seal::Kind::Comment => self.submission.sealed_comments.push(record),
            }
        }
        self.submission
    }
}

/// A withdrawal of this device's earlier response (its answers and comment records).
pub fn withdrawal(survey: &Survey, previous: &[ResponseId]) -> Submission {
    let mut submission = Submission::new(&survey.id);
    submission.removed = previous.to_vec();
    submission
}

/// About how many minutes a number of questions takes (about 6 seconds each, at least one).
pub fn minutes_to_answer(questions: usize) -> usize {
    (questions * 6).div_ceil(60).max(1)
}

/// About how many minutes `survey` takes: its questions now asked, as its page says.
pub fn survey_minutes(survey: &Survey) -> usize {
    minutes_to_answer(survey.active_questions().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates;

    fn doc() -> Document {
        templates::starter("2026-11-21").unwrap()
    }

    fn ids(a: u8, b: u8) -> (ResponseId, ResponseId) {
        (
            ResponseId::from_random_bytes([a; 16]),
            ResponseId::from_random_bytes([b; 16]),
        )
    }

    /// Stand-in randomness: the tests check shapes, not secrecy.
    fn fill(dst: &mut [u8]) {
        dst.fill(9);
    }

    fn plain(form: &Form, previous: &[ResponseId]) -> Submission {
        form.to_submission(&doc(), "2026-11", ids(1, 2), previous, &mut fill)
            .unwrap()
    }

    #[test]
    fn answering_skipping_and_clearing() {
        let mut form = Form::default();
        assert!(!form.is_sendable());
        form.apply(Edit::Answer("safety-1".into(), Some(3)));
        form.apply(Edit::Answer("safety-2".into(), Some(6)));
        form.apply(Edit::Answer("safety-1".into(), None));
        assert!(form.is_sendable());
        let s = plain(&form, &[]);
        assert_eq!(
            s.responses[0].answers.iter().collect::<Vec<_>>(),
            [("safety-2", 6)]
        );
        assert_eq!(s.responses[0].comment, None);
        assert!(s.removed.is_empty());
    }

    #[test]
    fn comments_are_trimmed_and_capped() {
        let mut form = Form::default();
        form.apply(Edit::Comment("   ".into()));
        assert!(!form.is_sendable());
        form.apply(Edit::Comment("é".repeat(limits::MAX_COMMENT_CHARS + 50)));
        assert_eq!(form.comment_len(), limits::MAX_COMMENT_CHARS);
        form.apply(Edit::Comment("  more focus time \n".into()));
        let s = plain(&form, &[]);
        assert_eq!(s.responses[0].comment.as_deref(), Some("more focus time"));
    }

    #[test]
    fn a_change_replaces_the_earlier_response_and_reset_forgets_everything() {
        let mut form = Form::default();
        form.apply(Edit::Answer("align-1".into(), Some(5)));
        let old = ResponseId::from_random_bytes([5; 16]);
        let s = plain(&form, &[old]);
        assert_eq!(s.removed, [old]);
        let again = Form::from_response(&s.responses[0]);
        assert_eq!(again, form);
        form.apply(Edit::Reset);
        assert_eq!(form, Form::default());
        assert_eq!(withdrawal(&doc().survey, &[old]).removed, [old]);
    }

    #[test]
    fn unknown_questions_and_out_of_scale_values_are_not_sent() {
        let mut form = Form::default();
        form.apply(Edit::Answer("nope".into(), Some(3)));
        form.apply(Edit::Answer("safety-1".into(), Some(9)));
        let s = plain(&form, &[]);
        assert!(s.responses[0].answers.is_empty());
    }

    #[test]
    fn a_sealed_survey_gets_two_unlinked_sealed_records_and_no_plain_text() {
        let key = crate::seal::ResultsKey::generate(&mut |b: &mut [u8]| b.fill(3));
        let mut doc = doc();
        doc.survey.results_key = Some(key.public().to_text());
        let mut form = Form::default();
        form.apply(Edit::Answer("safety-1".into(), Some(6)));
        form.apply(Edit::Comment("canary comment".into()));
        let s = form
            .to_submission(&doc, "2026-11", ids(1, 2), &[], &mut fill)
            .unwrap();
        assert!(s.responses.is_empty());
        assert_eq!((s.sealed_answers.len(), s.sealed_comments.len()), (1, 1));
        assert_ne!(s.sealed_answers[0].id, s.sealed_comments[0].id);
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            !json.contains("canary") && !json.contains("safety-1"),
            "{json}"
        );
        doc.apply(&s).unwrap();
        assert_eq!(doc.answer_count("2026-11"), 1);
    }

    #[test]
    fn durations() {
        assert_eq!(minutes_to_answer(0), 1);
        assert_eq!(minutes_to_answer(3), 1);
        assert_eq!(minutes_to_answer(10), 1);
        assert_eq!(minutes_to_answer(11), 2);
        assert_eq!(minutes_to_answer(14), 2);
    }
}
