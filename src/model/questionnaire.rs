//! What a respondent's phone reads of a team file: the survey, its rounds, and (in a survey
//! from before sealing) the plain responses and tombstones, so a phone can be given its own
//! earlier answers back.
//!
//! The respondent page shows a form and nothing else, so it reads only this part: the
//! records, events and published results are skipped unread, and their types, their rules
//! and the canonical writer stay out of the page's wasm. The whole file is read and checked
//! where it is changed, in the sealer worker, before any answer is added (see
//! `storage::courier`): a file with problems is never written, whatever this view made of it.

use serde::Deserialize;

use super::document::{Response, Round, Survey};
use super::id::ResponseId;
use super::load::{check_header, explain_briefly, text_of};
use super::problem::FileError;
use super::validate::{check_responses, check_rounds, check_survey};

/// The part of a team file a respondent's form is drawn from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Questionnaire {
    format: String,
    version: u32,
    pub survey: Survey,
    /// In the order they were opened (sorted as the whole file would be).
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// Plain responses: only in a survey without a results key (a file from before sealing).
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub removed: Vec<ResponseId>,
}

impl Questionnaire {
    /// Reads the survey part of a team file: the header (a newer file is refused as exactly
    /// that), the survey's, the rounds' and the plain responses' rules. Fields that belong to the rest of the file
    /// are skipped.
    pub fn read(bytes: &[u8]) -> Result<Self, FileError> {
        let text = text_of(bytes)?;
        let mut view: Self = serde_json::from_str(text).map_err(|e| explain_briefly(text, &e))?;
        check_header(Some(&view.format), Some(u64::from(view.version)))?;
        let mut problems = Vec::new();
        check_survey(&view.survey, &mut problems);
        let rounds = check_rounds(&view.rounds, &mut problems);
        // The only records the page reads (a phone's own earlier answers go back into its
        // form), so they are held to the same rules as in the whole file.
        check_responses(&view.responses, &view.survey, &rounds, &mut problems);
        if !problems.is_empty() {
            return Err(FileError { problems });
        }
        // The order `Document::normalize` gives them, so the open round is the same one.
        super::sort::sort_by(&mut view.rounds, &|a, b| {
            (&a.opened, &a.id, a).cmp(&(&b.opened, &b.id, b))
        });
        Ok(view)
    }

    /// Whether answers are sealed to a results key.
    pub fn is_sealed(&self) -> bool {
        self.survey.results_key.is_some()
    }

    /// The round taking answers now, if any (the last one opened and not closed).
    pub fn open_round(&self) -> Option<&Round> {
        self.rounds.iter().rev().find(|r| !r.closed)
    }

    /// The first of `ids` that is a plain response still in the file (not withdrawn).
    pub fn earlier_response(&self, ids: &[ResponseId]) -> Option<&Response> {
        self.responses
            .iter()
            .find(|r| ids.contains(&r.id) && !self.removed.contains(&r.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, load, synth, to_canonical_bytes};

    fn team_file() -> Document {
        synth::demo()
    }

    #[test]
    fn it_reads_what_the_whole_file_holds_of_the_survey_and_rounds() {
        let doc = team_file();
        let bytes = to_canonical_bytes(&doc);
        let view = Questionnaire::read(&bytes).expect("a valid file");
        assert_eq!(view.survey, doc.survey);
        assert_eq!(view.rounds, doc.rounds);
        assert_eq!(view.is_sealed(), doc.is_sealed());
        assert_eq!(view.open_round(), doc.open_round());
        assert_eq!(view.responses, doc.responses);
        assert_eq!(view.removed, doc.removed);
    }

    #[test]
    fn rounds_written_out_of_order_give_the_same_open_round_as_the_whole_file() {
        let mut doc = team_file();
        doc.rounds.reverse();
        let text = serde_json::to_vec(&doc).expect("serialisable");
        let view = Questionnaire::read(&text).expect("a valid file");
        let whole = load(&text).expect("a valid file");
        assert_eq!(view.open_round(), whole.open_round());
        assert_eq!(view.rounds, whole.rounds);
    }

    #[test]
    fn a_broken_survey_a_newer_version_or_not_json_is_refused_with_its_reason() {
        let mut doc = team_file();
        doc.survey.title = "  ".into();
        let error = Questionnaire::read(&serde_json::to_vec(&doc).expect("json"))
            .expect_err("an empty title");
        assert!(error.to_string().contains("$.survey.title"), "{error}");

        let mut doc = team_file();
        doc.version = 99;
        let error = Questionnaire::read(&serde_json::to_vec(&doc).expect("json"))
            .expect_err("a newer file");
        assert!(error.to_string().contains("newer Candor"), "{error}");

        let error = Questionnaire::read(b"<html>").expect_err("not JSON");
        assert!(error.to_string().contains("not JSON"), "{error}");

        let mut doc = team_file();
        doc.rounds.push(doc.rounds[0].clone());
        let error = Questionnaire::read(&serde_json::to_vec(&doc).expect("json"))
            .expect_err("a round twice");
        assert!(error.to_string().contains("more than once"), "{error}");
    }

    #[test]
    fn a_misshapen_file_is_explained_by_where_not_by_the_parsers_words() {
        use crate::model::problem::ProblemKind;
        let kind = |bytes: &[u8]| {
            Questionnaire::read(bytes).expect_err("refused").problems[0]
                .kind
                .clone()
        };
        // A field of the wrong type: where it is, and what kinds of fault that can be.
        let mut text: serde_json::Value = serde_json::to_value(team_file()).expect("json");
        text["survey"]["scale"] = serde_json::json!("five");
        let pretty = serde_json::to_vec_pretty(&text).expect("json");
        let ProblemKind::Misfit { line, column } = kind(&pretty) else {
            panic!("{:?}", kind(&pretty));
        };
        let at = String::from_utf8_lossy(&pretty)
            .lines()
            .nth(line - 1)
            .map(str::to_owned)
            .unwrap_or_default();
        assert!(at.contains("\"scale\": \"five\""), "line {line}: {at}");
        assert!(column > 1);
        // A file cut short, a page that is not JSON, and broken punctuation, each said plainly.
        let whole = serde_json::to_vec(&team_file()).expect("json");
        let said = |bytes: &[u8]| Questionnaire::read(bytes).expect_err("refused").to_string();
        assert!(said(&whole[..whole.len() / 2]).contains("ends too early"));
        assert!(said(b"<!doctype html>").contains("not JSON"));
        assert!(said(b"{\"format\": \"candor-survey\" \"version\": 2}").contains("malformed here"));
        // No serde_json wording reaches the respondent (its messages are not in the page).
        assert!(!said(&pretty).contains("invalid type"), "{}", said(&pretty));
    }

    #[test]
    fn the_rest_of_the_file_is_not_its_business() {
        // A damaged sealed record does not stop the form from being drawn; the worker that
        // writes the file reads it whole and refuses to change it.
        let mut doc = team_file();
        let mut text: serde_json::Value = serde_json::to_value(&doc).expect("json");
        text["sealed_answers"] =
            serde_json::json!([{"id": "x", "round": "nowhere", "sealed": "?"}]);
        let bytes = serde_json::to_vec(&text).expect("json");
        assert!(Questionnaire::read(&bytes).is_ok());
        assert!(load(&bytes).is_err());
        doc.rounds.iter_mut().for_each(|r| r.closed = true);
        let view = Questionnaire::read(&to_canonical_bytes(&doc)).expect("a valid file");
        assert!(view.open_round().is_none());
    }

    #[test]
    fn a_plain_response_the_form_could_be_given_back_is_held_to_the_files_rules() {
        let doc = synth::synthetic(3, 30, 1);
        let mut text: serde_json::Value = serde_json::to_value(&doc).expect("json");
        let question = doc.survey.questions[0].id.clone();
        text["responses"][0]["answers"][question.as_str()] = serde_json::json!(99);
        let bytes = serde_json::to_vec(&text).expect("json");
        let error = Questionnaire::read(&bytes).expect_err("an answer off the scale");
        assert!(error.to_string().contains("$.responses[0]"), "{error}");
    }

    #[test]
    fn a_phone_gets_back_only_its_own_response_while_it_is_in_the_file() {
        let doc = synth::synthetic(3, 30, 1);
        let first = doc.responses[0].clone();
        assert!(!doc.is_sealed());
        let mut view = Questionnaire::read(&to_canonical_bytes(&doc)).expect("a valid file");
        assert_eq!(view.earlier_response(&[first.id]), Some(&first));
        view.removed.push(first.id);
        assert_eq!(view.earlier_response(&[first.id]), None);
        assert_eq!(view.earlier_response(&[]), None);
    }
}
