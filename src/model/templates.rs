//! The built-in question sets a facilitator starts from, written for a 7-point
//! "strongly disagree .. strongly agree" scale.
//!
//! The psychological-safety set covers the seven constructs of Edmondson's (1999) team
//! psychological-safety scale, in our own words; three of them are reverse-keyed, as in the
//! original. Reverse-keyed items keep respondents reading rather than ticking down a column.

use super::document::{Dimension, Question, Survey};

/// One template: a dimension and its questions as (id, text, reverse-keyed).
pub struct Template {
    pub id: &'static str,
    pub name: &'static str,
    pub questions: &'static [(&'static str, &'static str, bool)],
}

pub const SAFETY: Template = Template {
    id: "safety",
    name: "Psychological safety",
    questions: &[
        (
            "safety-1",
            "If I make a mistake on this team, it is often held against me.",
            true,
        ),
        (
            "safety-2",
            "People on this team can bring up problems and tough issues.",
            false,
        ),
        (
            "safety-3",
            "People on this team sometimes reject others for being different.",
            true,
        ),
        ("safety-4", "It is safe to take a risk on this team.", false),
        (
            "safety-5",
            "It is difficult to ask other members of this team for help.",
            true,
        ),
        (
            "safety-6",
            "No one on this team would deliberately act in a way that undermines my efforts.",
            false,
        ),
        (
            "safety-7",
            "Working with this team, my skills and talents are valued and put to use.",
            false,
        ),
    ],
};

pub const ALIGNMENT: Template = Template {
    id: "alignment",
    name: "Alignment",
    questions: &[
        (
            "align-1",
            "I know what the team's top priorities are right now.",
            false,
        ),
        (
            "align-2",
            "I can see how my work connects to the team's goals.",
            false,
        ),
        (
            "align-3",
            "We agree on what success looks like for this team.",
            false,
        ),
        (
            "align-4",
            "Written or recorded updates keep me informed without needing extra meetings.",
            false,
        ),
        (
            "align-5",
            "My one-on-ones help me stay aligned with the team.",
            false,
        ),
        (
            "align-6",
            "I have the autonomy to decide how I do my work.",
            false,
        ),
        (
            "align-7",
            "When plans are disrupted, we get back on the same page quickly.",
            false,
        ),
    ],
};

pub const FAILURE: Template = Template {
    id: "failure",
    name: "Learning from failure",
    questions: &[
        (
            "fail-1",
            "We talk openly about failures so that we can learn from them.",
            false,
        ),
        (
            "fail-2",
            "We try experiments even when they might not work.",
            false,
        ),
        (
            "fail-3",
            "I get regular feedback and recognition for my work.",
            false,
        ),
    ],
};

/// All templates, in the order they are offered.
pub const ALL: [&Template; 3] = [&SAFETY, &ALIGNMENT, &FAILURE];

/// The template with this id, if any.
pub fn find(id: &str) -> Option<&'static Template> {
    ALL.into_iter().find(|t| t.id == id)
}

/// A new survey (revision 1, 7-point scale, default minimums) from the given templates. It has
/// no results key yet: the caller creates one (`seal::ResultsKey::generate`) and sets it.
pub fn survey_from(id: &str, title: &str, templates: &[&Template]) -> Survey {
    Survey {
        id: id.to_owned(),
        title: title.to_owned(),
        revision: 1,
        scale: 7,
        min_group: 5,
        min_group_comments: 8,
        team_size: None,
        dimensions: templates
            .iter()
            .map(|t| Dimension {
                id: t.id.to_owned(),
                name: t.name.to_owned(),
            })
            .collect(),
        questions: templates
            .iter()
            .flat_map(|t| {
                t.questions.iter().map(|&(id, text, reverse)| Question {
                    id: id.to_owned(),
                    dimension: t.id.to_owned(),
                    text: text.to_owned(),
                    reverse,
                    retired: false,
                })
            })
            .collect(),
        results_key: None,
    }
}

/// English month names, for round labels.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A round for the month of `date` (YYYY-MM-DD), e.g. id "2026-11", label "November 2026".
/// `None` when the date is not a valid day.
pub fn monthly_round(date: &str) -> Option<super::document::Round> {
    if !super::validate::is_iso_date(date) {
        return None;
    }
    let month: usize = date.get(5..7)?.parse().ok()?;
    Some(super::document::Round {
        id: date[..7].to_owned(),
        label: format!("{} {}", MONTHS.get(month.checked_sub(1)?)?, &date[..4]),
        opened: date.to_owned(),
        closed: false,
    })
}

/// The round to open on `date` (YYYY-MM-DD) next to the rounds already `taken`: this month's
/// round (see [`monthly_round`]), or for a second round in the same month id "2026-11-2" and
/// label "November 2026 (2)", then "-3" and "(3)", and so on, so every round keeps its own id.
/// A `label` that is not blank after trimming replaces the label. `None` when the date is not
/// a valid day.
pub fn next_round(
    taken: &[super::document::Round],
    date: &str,
    label: Option<&str>,
) -> Option<super::document::Round> {
    let mut round = monthly_round(date)?;
    let is_taken = |id: &str| taken.iter().any(|r| r.id == id);
    if is_taken(&round.id) {
        // At most `taken.len()` ids can be taken, so the search ends within that many steps.
        let n = (2..).find(|n| !is_taken(&format!("{}-{n}", round.id)))?;
        round.id = format!("{}-{n}", round.id);
        round.label = format!("{} ({n})", round.label);
    }
    if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) {
        round.label = label.to_owned();
    }
    Some(round)
}

/// A ready-to-use file for a team starting from nothing: psychological safety and alignment,
/// with this month's round open.
pub fn starter(date: &str) -> Option<super::document::Document> {
    let mut doc =
        super::document::Document::new(survey_from("team", "Team pulse", &[&SAFETY, &ALIGNMENT]));
    doc.rounds.push(monthly_round(date)?);
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_rounds_and_the_starter_file() {
        let round = monthly_round("2026-11-21").unwrap();
        assert_eq!(
            (round.id.as_str(), round.label.as_str()),
            ("2026-11", "November 2026")
        );
        assert!(monthly_round("2026-13-01").is_none());
        let doc = starter("2026-01-05").unwrap();
        assert_eq!(
            doc.open_round().map(|r| r.label.as_str()),
            Some("January 2026")
        );
        assert!(crate::model::validate(&doc).is_empty());
    }

    #[test]
    fn a_second_round_in_a_month_gets_its_own_id() {
        let first = next_round(&[], "2026-11-02", None).unwrap();
        assert_eq!(
            (
                first.id.as_str(),
                first.label.as_str(),
                first.opened.as_str()
            ),
            ("2026-11", "November 2026", "2026-11-02")
        );
        let mut taken = vec![first];
        let second = next_round(&taken, "2026-11-20", None).unwrap();
        assert_eq!(
            (second.id.as_str(), second.label.as_str()),
            ("2026-11-2", "November 2026 (2)")
        );
        taken.push(second);
        let third = next_round(&taken, "2026-11-28", Some("  Offsite  ")).unwrap();
        assert_eq!(
            (third.id.as_str(), third.label.as_str()),
            ("2026-11-3", "Offsite")
        );
        // Only "-3" there (say the month's first rounds were in another copy): the base id is free.
        let gap = [next_round(&taken, "2026-11-28", None).unwrap()];
        assert_eq!(gap[0].id, "2026-11-3");
        assert_eq!(next_round(&gap, "2026-11-29", None).unwrap().id, "2026-11");
        // Other months' rounds do not count; a blank label keeps the month's name.
        let december = next_round(&taken, "2026-12-01", Some(" ")).unwrap();
        assert_eq!(
            (december.id.as_str(), december.label.as_str()),
            ("2026-12", "December 2026")
        );
        assert!(next_round(&taken, "2026-02-30", None).is_none());
    }

    #[test]
    fn next_rounds_can_be_opened_one_after_another() {
        let mut doc = starter("2026-11-02").unwrap();
        for _ in 0..3 {
            let open = doc.open_round().map(|r| r.id.clone()).unwrap();
            doc.change(&crate::model::Change::CloseRound(open)).unwrap();
            let round = next_round(&doc.rounds, "2026-11-20", None).unwrap();
            assert_eq!(
                doc.change(&crate::model::Change::OpenRound(round)),
                Ok(true)
            );
        }
        let ids: Vec<&str> = doc.rounds.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["2026-11", "2026-11-2", "2026-11-3", "2026-11-4"]);
    }
}
