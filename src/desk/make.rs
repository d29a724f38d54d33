//! A new team file from the new-survey form: the question sets chosen, in the survey's
//! language and the further languages it is asked in, with this month's round open. Made by
//! the desk, so the set-up page carries neither the templates' questions nor the file's
//! checking and writing.

use super::{Desk, DeskError, Facts};
use crate::model::{self, Document, templates};

/// The question sets the form offers, in its order.
pub const TEMPLATES: [&templates::Template; 3] = [
    &templates::SAFETY,
    &templates::ALIGNMENT,
    &templates::FAILURE,
];

/// A new survey as the form's fields describe it, as typed (the desk checks every field).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Blueprint {
    pub title: String,
    /// The survey's first language, and the further languages its questions are given in.
    pub language: String,
    pub also: Vec<String>,
    /// The ids of the question sets chosen.
    pub templates: Vec<String>,
    pub scale: String,
    pub min_group: String,
    pub team_size: String,
}

/// The team file `plan` describes, with the round of `date` (YYYY-MM-DD) open and, if given,
/// `key` as its results key's public half; checked.
pub fn survey_file(
    plan: &Blueprint,
    date: &str,
    key: Option<String>,
) -> Result<Document, DeskError> {
    let picked: Vec<&templates::Template> = TEMPLATES
        .into_iter()
        .filter(|t| plan.templates.iter().any(|id| id == t.id))
        .collect();
    if picked.is_empty() {
        return Err(DeskError::NoQuestionSet);
    }
    let language = templates::LANGUAGES
        .into_iter()
        .find(|&l| l == plan.language)
        .unwrap_or(model::DEFAULT_LANGUAGE);
    let also: Vec<&str> = plan.also.iter().map(String::as_str).collect();
    let mut title = plan.title.trim();
    // The suggested title, left as it was, follows the survey's language.
    if templates::TITLE.contains(&title) {
        title = templates::in_language(&templates::TITLE, language).unwrap_or(title);
    }
    let mut survey = templates::survey_in(
        &model::slug_from_title(title),
        title,
        &picked,
        language,
        &also,
    );
    survey.scale = if plan.scale == "5" { 5 } else { 7 };
    // The field says "at least 3"; a browser without number fields may send anything.
    survey.min_group = plan.min_group.trim().parse::<u32>().map_or(5, |n| n.max(3));
    survey.min_group_comments = survey.min_group_comments.max(survey.min_group);
    survey.team_size = plan.team_size.trim().parse().ok().filter(|n| *n > 0);
    survey.results_key = key;
    let mut doc = Document::new(survey);
    doc.rounds
        .push(templates::monthly_round(date).ok_or(DeskError::BadDate)?);
    if let Some(problem) = model::validate(&doc).first() {
        return Err(DeskError::Refused(problem.to_string()));
    }
    Ok(doc)
}

impl Desk {
    /// Makes the new team file `plan` describes (see [`survey_file`]): its text, to be
    /// written where the person chose, and its facts. It becomes the open file once written
    /// ([`Desk::keep`]).
    pub fn make(
        &mut self,
        plan: &Blueprint,
        date: &str,
        key: Option<String>,
    ) -> Result<(String, Facts), DeskError> {
        let doc = survey_file(plan, date, key)?;
        let text = super::text_of(&doc);
        let facts = Facts::of(&doc);
        self.pending = Some(doc);
        Ok((text, facts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Blueprint {
        Blueprint {
            title: "  Platform team pulse ".into(),
            language: "en".into(),
            also: Vec::new(),
            templates: vec!["safety".into(), "failure".into()],
            scale: "5".into(),
            min_group: "2".into(),
            team_size: "12".into(),
        }
    }

    #[test]
    fn the_fields_become_a_valid_survey_with_this_months_round() {
        // 32 bytes of 1, as a results key's public half is written.
        let key = format!("{}AQE", "AQEB".repeat(10));
        let doc = survey_file(&plan(), "2026-11-30", Some(key.clone())).expect("valid");
        let survey = &doc.survey;
        assert_eq!(survey.id, "platform-team-pulse");
        assert_eq!(survey.title, "Platform team pulse");
        assert_eq!(survey.scale, 5);
        // Below the floor of 3 is raised to 3; comments never below the group minimum.
        assert_eq!(survey.min_group, 3);
        assert!(survey.min_group_comments >= 3);
        assert_eq!(survey.team_size, Some(12));
        assert_eq!(survey.results_key, Some(key));
        let dimensions: Vec<_> = survey.dimensions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(dimensions, ["safety", "failure"]);
        assert_eq!(doc.rounds[0].id, "2026-11");
        // A key that is none is refused, not written.
        assert!(matches!(
            survey_file(&plan(), "2026-11-30", Some("public".into())),
            Err(DeskError::Refused(_))
        ));
    }

    #[test]
    fn no_question_set_a_bad_date_or_hostile_fields_are_refused_or_defaulted() {
        let none = Blueprint {
            templates: Vec::new(),
            ..plan()
        };
        assert_eq!(
            survey_file(&none, "2026-11-30", None),
            Err(DeskError::NoQuestionSet)
        );
        assert_eq!(
            survey_file(&plan(), "2026-13-01", None),
            Err(DeskError::BadDate)
        );
        let odd = Blueprint {
            templates: vec!["safety".into(), "<script>".into()],
            scale: "11".into(),
            min_group: "lots".into(),
            team_size: "-4".into(),
            ..plan()
        };
        let doc = survey_file(&odd, "2026-11-30", None).expect("defaults");
        assert_eq!(doc.survey.scale, 7);
        assert_eq!(doc.survey.min_group, 5);
        assert_eq!(doc.survey.team_size, None);
        assert_eq!(doc.survey.dimensions.len(), 1);
    }

    #[test]
    fn a_survey_in_german_also_asked_in_arabic_starts_translated() {
        let german = Blueprint {
            title: "Team pulse".into(),
            language: "de".into(),
            also: vec!["ar".into(), "de".into(), "xx".into()],
            ..plan()
        };
        let survey = survey_file(&german, "2026-11-30", None)
            .expect("valid")
            .survey;
        assert_eq!(
            (survey.language.as_str(), survey.title.as_str()),
            ("de", "Team-Puls")
        );
        assert_eq!(survey.dimensions[0].name, "Psychologische Sicherheit");
        // The suggested title is translated too, so the Arabic survey is complete.
        let arabic = survey.in_language("ar").expect("complete in Arabic");
        assert_eq!(arabic.title, "نبض الفريق");
        assert_eq!(survey.languages().collect::<Vec<_>>(), ["de", "ar"]);
        // A title of one's own is left for the facilitator to translate.
        let own = Blueprint {
            title: "Plattform".into(),
            ..german
        };
        let survey = survey_file(&own, "2026-11-30", None).expect("valid").survey;
        assert_eq!(survey.untranslated("ar"), [model::Part::Title]);
        assert!(survey.in_language("ar").is_none());
        // An unknown language is English.
        let odd = Blueprint {
            language: "<b>".into(),
            ..plan()
        };
        let survey = survey_file(&odd, "2026-11-30", None).expect("valid").survey;
        assert_eq!(survey.language, "en");
    }

    #[test]
    fn a_made_file_opens_once_it_is_written() {
        let mut desk = Desk::default();
        let (text, facts) = desk.make(&plan(), "2026-11-30", None).expect("made");
        assert_eq!(desk.text(), Err(DeskError::NoFile), "not written yet");
        assert_eq!(desk.keep(), Ok(facts));
        assert_eq!(desk.text(), Ok(text.clone()));
        assert!(model::load(text.as_bytes()).is_ok());
    }
}
