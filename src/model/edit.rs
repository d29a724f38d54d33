//! What a facilitator changes in a team file (pure): open and close rounds, note events, and
//! revise the survey without making earlier answers meaningless.
//!
//! A [`Change`] is an intention, applied to whatever the file holds at write time: when a
//! conditional write clashes, the protocol reads the file again and applies the same change
//! on top, so a facilitator's edit and many respondents' answers never overwrite each other.

use super::document::{ActionStatus, Document, Event, EventKind, Round, Survey};
use super::published::Published;
use super::validate::validate;

/// One facilitator action.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Opens a new round; `id` and `label` usually come from [`super::templates::monthly_round`].
    OpenRound(Round),
    /// Closes the round with this id (it then takes no more answers).
    CloseRound(String),
    /// Notes something that happened to the team before or during a round.
    AddEvent { when: When, label: String },
    /// Notes a follow-up the team agreed on after the round `after`'s results: open until it
    /// is settled, reviewed in a later round (see [`Document::due_round`]).
    AgreeAction {
        after: String,
        label: String,
        /// A role ("team lead"), never a respondent.
        owner: Option<String>,
        /// YYYY-MM-DD: due in the first round opened on or after it (else the next round).
        review: Option<String>,
    },
    /// Marks an action done or dropped, in the latest round at write time.
    SettleAction { id: String, status: ActionStatus },
    /// Rewrites an action's text, owner and review day (its edit count goes up).
    EditAction {
        id: String,
        label: String,
        owner: Option<String>,
        review: Option<String>,
    },
    /// Replaces the survey's settings and questions, edited from revision `base`.
    Revise { base: u64, survey: Survey },
    /// Merges in another copy of the same survey's file (e.g. one collected on a laptop
    /// passed around a meeting): everything in either copy is kept.
    Merge(Box<Document>),
    /// Adds closed rounds' published results, as the key holder's release computed them. A
    /// round already published keeps its results: they never change.
    Publish(Vec<Published>),
}

/// Where a timeline entry goes.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    /// Against this round (an agreed action after it, an undated event before it).
    Round(String),
    /// On this day (YYYY-MM-DD), kept with the entry and filed under the round it may have
    /// affected in the file as it is at write time (see [`Document::round_for_date`]).
    Day(String),
}

/// An optional text as typed: trimmed, and nothing when blank.
fn blank_is_none(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Once anyone has answered, the scale stays and the minimums can only rise: answers keep
/// their meaning, and no group smaller than people were promised is ever shown.
fn check_scale_and_minimums(answered: bool, old: &Survey, new: &Survey) -> Result<(), EditError> {
    if answered && new.scale != old.scale {
        return Err(EditError::ScaleChanged);
    }
    if answered
        && (new.min_group < old.min_group || new.min_group_comments < old.min_group_comments)
    {
        return Err(EditError::MinimumLowered);
    }
    Ok(())
}

/// Why a change cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("close the round \"{0}\" first: only one round can be open at a time")]
    RoundStillOpen(String),
    #[error("there is already a round \"{0}\"")]
    DuplicateRound(String),
    #[error("the round \"{0}\" is not in the team file")]
    UnknownRound(String),
    #[error("open a round first: an event is shown before the round it may have affected")]
    NoRoundYet,
    #[error(
        "that day is after the round \"{0}\" closed: open the next round first, then note it (an event is shown before the round it may have affected)"
    )]
    AfterLastRound(String),
    #[error("someone else changed the survey meanwhile (now revision {0}); reload and edit again")]
    Stale(u64),
    #[error(
        "question \"{0}\" already has answers, so its dimension and direction cannot change; retire it and add a new question instead"
    )]
    ChangesMeaning(String),
    #[error("the survey's id cannot change")]
    IdChanged,
    #[error("the answer scale cannot change once people have answered")]
    ScaleChanged,
    #[error(
        "the anonymity minimums can be raised but not lowered once people have answered (lowering them later would reveal smaller groups)"
    )]
    MinimumLowered,
    #[error("there is no agreed action \"{0}\" in the team file")]
    UnknownAction(String),
    #[error("the action \"{0}\" was settled already; agree it again as a new action")]
    Settled(String),
    #[error("the change would make the file invalid: {0}")]
    Invalid(String),
    #[error("that file holds another survey (\"{found}\"), not this one (\"{expected}\")")]
    OtherSurvey { expected: String, found: String },
    #[error("the round \"{0}\" is still open: close it before its results are released")]
    ReleaseOpenRound(String),
    #[error(
        "the round \"{0}\" was released already with other results; released results never change"
    )]
    AlreadyPublished(String),
}

impl Document {
    /// Applies `change`; on an error the document is unchanged. Returns whether anything
    /// changed (closing a closed round or re-adding the same event changes nothing).
    pub fn change(&mut self, change: &Change) -> Result<bool, EditError> {
        let mut next = self.clone();
        let changed = match change {
            Change::OpenRound(round) => {
                if let Some(open) = next.rounds.iter().find(|r| !r.closed) {
                    if open.id == round.id {
                        return Ok(false);
                    }
                    return Err(EditError::RoundStillOpen(open.label.clone()));
                }
                if next.rounds.iter().any(|r| r.id == round.id) {
                    return Err(EditError::DuplicateRound(round.id.clone()));
                }
                next.rounds.push(round.clone());
                true
            }
            Change::CloseRound(id) => {
                let round = next
                    .rounds
                    .iter_mut()
                    .find(|r| r.id == *id)
                    .ok_or_else(|| EditError::UnknownRound(id.clone()))?;
                !std::mem::replace(&mut round.closed, true)
            }
            Change::AddEvent { when, label } => {
                let (round, date) = match when {
                    When::Round(round) => (round.clone(), None),
                    When::Day(day) => (next.round_for_date(day)?.id.clone(), Some(day.clone())),
                };
                next.note(round, label, date, EventKind::Event)?
            }
            Change::AgreeAction {
                after,
                label,
                owner,
                review,
            } => {
                let added = next.note(after.clone(), label, None, EventKind::Action)?;
                if let Some(action) = next.events.last_mut().filter(|_| added) {
                    action.owner = blank_is_none(owner);
                    action.review = blank_is_none(review);
                }
                added
            }
            Change::SettleAction { id, status } => {
                let latest = next.rounds.last().map(|r| r.id.clone());
                let action = next.action_mut(id)?;
                if action.status == *status {
                    return Ok(false);
                }
                if !super::actions::may_settle(action.status, *status) {
                    return Err(EditError::Settled(action.label.clone()));
                }
                action.status = *status;
                action.settled = latest;
                true
            }
            Change::EditAction {
                id,
                label,
                owner,
                review,
            } => {
                let (owner, review) = (blank_is_none(owner), blank_is_none(review));
                let action = next.action_mut(id)?;
                let text = (label.trim(), owner.as_deref(), review.as_deref());
                if text
                    == (
                        action.label.as_str(),
                        action.owner.as_deref(),
                        action.review.as_deref(),
                    )
                {
                    return Ok(false);
                }
                // A hostile file's count at the top cannot wrap round to lose the edit.
                action.revision = action.revision.checked_add(1).ok_or_else(|| {
                    EditError::Invalid("the action was edited too many times".into())
                })?;
                action.label = text.0.to_owned();
                action.owner = owner;
                action.review = review;
                true
            }
            Change::Revise { base, survey } => {
                let revised = next.revise(*base, survey)?;
                let changed = revised != next.survey;
                next.survey = revised;
                changed
            }
            Change::Publish(entries) => {
                let mut changed = false;
                for entry in entries {
                    match next.round(&entry.round) {
                        None => return Err(EditError::UnknownRound(entry.round.clone())),
                        Some(round) if !round.closed => {
                            return Err(EditError::ReleaseOpenRound(round.label.clone()));
                        }
                        Some(_) => {}
                    }
                    match next.published(&entry.round) {
                        Some(held) if held == entry => {}
                        Some(_) => return Err(EditError::AlreadyPublished(entry.round.clone())),
                        None => {
                            next.published.push(entry.clone());
                            changed = true;
                        }
                    }
                }
                changed
            }
            Change::Merge(other) => {
                if other.survey.id != next.survey.id {
                    return Err(EditError::OtherSurvey {
                        expected: next.survey.title.clone(),
                        found: other.survey.title.clone(),
                    });
                }
                let merged = super::merge::merge(&next, other).doc;
                // The copy with the higher survey revision wins; its survey must not change
                // what the answers in either copy mean, nor lower a minimum they were given
                // under (a copy revised while it had no answers can meet a file that has some).
                next.check_answers_fit(&merged.survey)?;
                other.check_answers_fit(&merged.survey)?;
                // Released results never change: a copy released with other results (another
                // release of the same round, or tampering) is refused, not chosen between.
                // Found by the `edit_file` fuzz target.
                if let Some(round) = merged
                    .changed_release(&next)
                    .or_else(|| merged.changed_release(other))
                {
                    return Err(EditError::AlreadyPublished(round.to_owned()));
                }
                let changed = merged != next;
                next = merged;
                changed
            }
        };
        if !changed {
            return Ok(false);
        }
        next.normalize();
        if let Some(problem) = validate(&next).first() {
            return Err(EditError::Invalid(problem.to_string()));
        }
        *self = next;
        Ok(true)
    }

    /// Adds a timeline entry under `round` (unless the same text is there already); the
    /// newest entry is then last in `events` until the next normalisation.
    fn note(
        &mut self,
        round: String,
        label: &str,
        date: Option<String>,
        kind: EventKind,
    ) -> Result<bool, EditError> {
        if self.round(&round).is_none() {
            return Err(EditError::UnknownRound(round));
        }
        let label = label.trim();
        if self
            .events
            .iter()
            .any(|e| e.round == round && e.label == label && e.kind == kind)
        {
            return Ok(false);
        }
        let id = free_id(&round, |id| self.events.iter().any(|e| e.id == id));
        self.events
            .push(Event::new(id, round, label.to_owned(), date, kind));
        Ok(true)
    }

    fn action_mut(&mut self, id: &str) -> Result<&mut Event, EditError> {
        self.events
            .iter_mut()
            .find(|e| e.id == id && e.kind == EventKind::Action)
            .ok_or_else(|| EditError::UnknownAction(id.to_owned()))
    }

    /// The round an event on `date` (YYYY-MM-DD) belongs to: the round open on that day if it
    /// is still open (the event happened during it), otherwise the first round opened after
    /// that day (its answers are the first that may show the event's effect).
    pub fn round_for_date(&self, date: &str) -> Result<&Round, EditError> {
        let mut rounds: Vec<&Round> = self.rounds.iter().collect();
        super::sort::sort_by(&mut rounds, &|a, b| a.opened.cmp(&b.opened));
        let current = rounds.iter().rposition(|r| r.opened.as_str() <= date);
        match current {
            Some(i) if !rounds[i].closed => Ok(rounds[i]),
            Some(i) => rounds
                .get(i + 1)
                .copied()
                .ok_or_else(|| EditError::AfterLastRound(rounds[i].label.clone())),
            None => rounds.first().copied().ok_or(EditError::NoRoundYet),
        }
    }

    /// The survey as edited into `new` from revision `base`, made safe for the answers
    /// already in the file: a question that has answers is never deleted (it is retired:
    /// kept, but no longer asked) and cannot change dimension or direction. Any change bumps
    /// the revision, so the edit wins when copies of the file are merged.
    fn revise(&self, base: u64, new: &Survey) -> Result<Survey, EditError> {
        let old = &self.survey;
        if old.revision != base {
            return Err(EditError::Stale(old.revision));
        }
        if new.id != old.id {
            return Err(EditError::IdChanged);
        }
        check_scale_and_minimums(self.has_any_answers(), old, new)?;
        let mut revised = new.clone();
        revised.revision = old.revision;
        // The results key is set once, when the survey is sealed; an edit never touches it
        // (another key would leave every sealed answer unreadable).
        revised.results_key.clone_from(&old.results_key);
        for question in old.questions.iter().filter(|q| self.has_answers(&q.id)) {
            match revised.questions.iter().find(|q| q.id == question.id) {
                None => {
                    let mut kept = question.clone();
                    kept.retired = true;
                    revised.questions.push(kept);
                }
                Some(q) if q.dimension != question.dimension || q.reverse != question.reverse => {
                    return Err(EditError::ChangesMeaning(question.id.clone()));
                }
                Some(_) => {}
            }
        }
        // A deleted question takes its translations with it (after answered questions came
        // back as retired, which keep theirs).
        revised.drop_stale_translations();
        if revised != *old {
            revised.revision = old.revision + 1;
        }
        Ok(revised)
    }

    /// Whether this copy's answers keep their meaning under `new`, the survey a merge kept
    /// (the other copy's can win by its revision): once this copy has answers, the scale is the
    /// same and no minimum is lower, and every question they may have answered is still there
    /// with its dimension and direction. Found by the `edit_file` fuzz target: a merge could
    /// lower the minimums of a survey with answers. (A copy without answers fits any survey.)
    pub fn check_answers_fit(&self, new: &Survey) -> Result<(), EditError> {
        let old = &self.survey;
        if new == old {
            return Ok(());
        }
        check_scale_and_minimums(self.has_any_answers(), old, new)?;
        for question in old.questions.iter().filter(|q| self.has_answers(&q.id)) {
            match new.question(&question.id) {
                Some(q) if q.dimension == question.dimension && q.reverse == question.reverse => {}
                _ => return Err(EditError::ChangesMeaning(question.id.clone())),
            }
        }
        Ok(())
    }

    /// The first round whose released results in `copy` are not exactly this file's (after a
    /// merge: the copies held two different releases of it), if any.
    pub fn changed_release<'a>(&self, copy: &'a Document) -> Option<&'a str> {
        copy.published
            .iter()
            .find(|p| self.published(&p.round) != Some(*p))
            .map(|p| p.round.as_str())
    }

    /// Whether any response may have answered question `id`: such a question can only be
    /// retired, not deleted. Sealed answers cannot be looked into, so once there are any (or
    /// released results), every question may have been answered.
    pub fn has_answers(&self, id: &str) -> bool {
        self.responses.iter().any(|r| r.answers.contains(id))
            || !self.sealed_answers.is_empty()
            // Released numbers are not read here (see `published`): any released round may
            // have answered it.
            || self.published.iter().any(|p| p.released.is_some())
    }

    /// Whether anyone has answered anything in this file (plain, sealed, or published).
    pub fn has_any_answers(&self) -> bool {
        !self.responses.is_empty()
            || !self.sealed_answers.is_empty()
            || !self.sealed_comments.is_empty()
            || !self.removed.is_empty()
            || self.published.iter().any(|p| p.released.is_some())
    }
}

/// The first of `stem-1`, `stem-2`, … that `taken` says is not in use.
pub fn free_id(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates::{monthly_round, starter};
    use crate::model::{Answers, Question, Response, ResponseId};

    fn team() -> Document {
        let mut doc = starter("2026-10-02").unwrap();
        let mut answers = Answers::new();
        answers.insert("safety-1", 3);
        doc.responses.push(Response {
            id: ResponseId::from_random_bytes([7; 16]),
            round: "2026-10".into(),
            answers,
            comment: None,
        });
        doc.normalize();
        doc
    }

    #[test]
    fn an_event_belongs_to_the_round_it_may_have_affected() {
        let mut doc = team();
        let round = |doc: &Document, date: &str| doc.round_for_date(date).map(|r| r.id.clone());
        // During the open round, or before the first one: that round.
        assert_eq!(round(&doc, "2026-10-20"), Ok("2026-10".into()));
        assert_eq!(round(&doc, "2026-09-01"), Ok("2026-10".into()));
        // After the last round closed, there is no round yet that could show it.
        doc.change(&Change::CloseRound("2026-10".into())).unwrap();
        assert_eq!(
            round(&doc, "2026-10-20"),
            Err(EditError::AfterLastRound("October 2026".into()))
        );
        // Between a closed round and the next: the next one.
        doc.change(&Change::OpenRound(monthly_round("2026-11-03").unwrap()))
            .unwrap();
        assert_eq!(round(&doc, "2026-10-20"), Ok("2026-11".into()));
        assert_eq!(round(&doc, "2026-11-03"), Ok("2026-11".into()));
        doc.rounds.clear();
        assert_eq!(round(&doc, "2026-10-20"), Err(EditError::NoRoundYet));
    }

    #[test]
    fn an_event_with_a_broken_date_is_refused() {
        let mut doc = team();
        let err = doc
            .change(&Change::AddEvent {
                when: When::Day("2026-13-40".into()),
                label: "Launch".into(),
            })
            .unwrap_err();
        assert!(matches!(err, EditError::Invalid(_)), "{err:?}");
        assert!(doc.events.is_empty());
    }

    #[test]
    fn one_round_open_at_a_time() {
        let mut doc = team();
        let november = monthly_round("2026-11-20").unwrap();
        let err = doc
            .change(&Change::OpenRound(november.clone()))
            .unwrap_err();
        assert_eq!(err, EditError::RoundStillOpen("October 2026".into()));
        assert_eq!(doc.change(&Change::CloseRound("2026-10".into())), Ok(true));
        assert_eq!(doc.change(&Change::CloseRound("2026-10".into())), Ok(false));
        assert_eq!(doc.change(&Change::OpenRound(november.clone())), Ok(true));
        assert_eq!(doc.open_round().map(|r| r.id.as_str()), Some("2026-11"));
        // Applying the same change again (a retried write) changes nothing.
        assert_eq!(doc.change(&Change::OpenRound(november)), Ok(false));
        assert!(matches!(
            doc.change(&Change::CloseRound("2030-01".into())),
            Err(EditError::UnknownRound(_))
        ));
    }

    #[test]
    fn events_get_unique_ids_and_are_not_doubled() {
        let mut doc = team();
        let add = |label: &str| Change::AddEvent {
            when: When::Day("2026-10-12".into()),
            label: label.into(),
        };
        assert_eq!(doc.change(&add("Re-org")), Ok(true));
        assert_eq!(doc.change(&add(" Re-org ")), Ok(false));
        assert_eq!(doc.change(&add("Launch")), Ok(true));
        let ids: Vec<&str> = doc.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["2026-10-1", "2026-10-2"]);
        let err = doc.change(&add("")).unwrap_err();
        assert!(matches!(err, EditError::Invalid(_)), "{err:?}");
    }

    #[test]
    fn removing_an_answered_question_retires_it_and_bumps_the_revision() {
        let mut doc = team();
        let mut survey = doc.survey.clone();
        survey
            .questions
            .retain(|q| q.id != "safety-1" && q.id != "safety-2");
        assert_eq!(doc.change(&Change::Revise { base: 1, survey }), Ok(true));
        assert_eq!(doc.survey.revision, 2);
        let kept = doc.survey.question("safety-1").unwrap();
        assert!(kept.retired, "answered: retired, not deleted");
        assert!(
            doc.survey.question("safety-2").is_none(),
            "never answered: deleted"
        );
        // The old answer is still meaningful to the engine.
        assert!(crate::model::validate(&doc).is_empty());
    }

    #[test]
    fn an_answered_question_keeps_its_meaning() {
        let mut doc = team();
        let mut survey = doc.survey.clone();
        let q = survey
            .questions
            .iter_mut()
            .find(|q| q.id == "safety-1")
            .unwrap();
        q.reverse = !q.reverse;
        let err = doc.change(&Change::Revise { base: 1, survey }).unwrap_err();
        assert_eq!(err, EditError::ChangesMeaning("safety-1".into()));
        // Rewording is allowed (a typo fix); it is still a new revision.
        let mut survey = doc.survey.clone();
        survey.questions[0].text.push_str(" (reworded)");
        survey.questions.push(Question {
            id: "safety-8".into(),
            dimension: "safety".into(),
            text: "I can disagree with my manager openly.".into(),
            reverse: false,
            retired: false,
        });
        assert_eq!(doc.change(&Change::Revise { base: 1, survey }), Ok(true));
        assert_eq!(doc.survey.revision, 2);
    }

    #[test]
    fn stale_edits_and_no_op_edits() {
        let mut doc = team();
        let same = doc.survey.clone();
        assert_eq!(
            doc.change(&Change::Revise {
                base: 1,
                survey: same.clone()
            }),
            Ok(false)
        );
        assert_eq!(doc.survey.revision, 1);
        let mut other = same.clone();
        other.title = "Renamed".into();
        doc.change(&Change::Revise {
            base: 1,
            survey: other,
        })
        .unwrap();
        let err = doc
            .change(&Change::Revise {
                base: 1,
                survey: same,
            })
            .unwrap_err();
        assert_eq!(err, EditError::Stale(2));
    }

    #[test]
    fn a_copy_merges_in_once_and_another_survey_is_refused() {
        let mut doc = team();
        let mut copy = doc.clone();
        let mut answers = Answers::new();
        answers.insert("align-1", 6);
        copy.responses.push(Response {
            id: ResponseId::from_random_bytes([3; 16]),
            round: "2026-10".into(),
            answers,
            comment: None,
        });
        copy.normalize();
        assert_eq!(doc.change(&Change::Merge(Box::new(copy.clone()))), Ok(true));
        assert_eq!(doc.responses.len(), 2);
        assert_eq!(doc.change(&Change::Merge(Box::new(copy))), Ok(false));
        let mut other = team();
        other.survey.id = "another-team".into();
        let err = doc.change(&Change::Merge(Box::new(other))).unwrap_err();
        assert!(matches!(err, EditError::OtherSurvey { .. }), "{err:?}");
    }

    /// Found by the `edit_file` fuzz target: a copy revised while it had no answers (minimums
    /// lowered, scale changed) won the merge by its higher revision, and the file's answers were
    /// then shown under the lower minimum. The merge is refused; the file is unchanged.
    #[test]
    fn a_merge_never_lowers_a_minimum_or_changes_the_scale_under_answers() {
        let mut doc = team();
        let before = doc.clone();
        let mut empty = starter("2026-10-02").unwrap();
        let mut survey = empty.survey.clone();
        survey.min_group = 3;
        survey.min_group_comments = 3;
        assert_eq!(empty.change(&Change::Revise { base: 1, survey }), Ok(true));
        let err = doc.change(&Change::Merge(Box::new(empty))).unwrap_err();
        assert_eq!(err, EditError::MinimumLowered);
        let mut empty = starter("2026-10-02").unwrap();
        let mut survey = empty.survey.clone();
        survey.scale = 5;
        assert_eq!(empty.change(&Change::Revise { base: 1, survey }), Ok(true));
        let err = doc.change(&Change::Merge(Box::new(empty))).unwrap_err();
        assert_eq!(err, EditError::ScaleChanged);
        assert_eq!(doc, before);
        // A copy that raised them is merged in: answers keep their meaning.
        let mut stricter = starter("2026-10-02").unwrap();
        let mut survey = stricter.survey.clone();
        survey.min_group = 8;
        survey.min_group_comments = 8;
        assert_eq!(
            stricter.change(&Change::Revise { base: 1, survey }),
            Ok(true)
        );
        assert_eq!(doc.change(&Change::Merge(Box::new(stricter))), Ok(true));
        assert_eq!(doc.survey.min_group, 8);
        // A backup taken before the minimum was lowered, while nobody had answered, merges
        // in: every answer was given under the lower minimum, the one kept.
        let backup = starter("2026-10-02").unwrap();
        let mut file = starter("2026-10-02").unwrap();
        let mut survey = file.survey.clone();
        survey.min_group = 4;
        survey.min_group_comments = 4;
        file.change(&Change::Revise { base: 1, survey }).unwrap();
        file.responses = team().responses;
        assert_eq!(file.change(&Change::Merge(Box::new(backup))), Ok(false));
        assert_eq!(file.survey.min_group, 4);
    }

    /// Found by the `edit_file` fuzz target: a copy holding other results for a released round
    /// replaced them in a merge. Released results never change: the merge is refused.
    #[test]
    fn a_merge_never_changes_released_results() {
        let mut doc = team();
        doc.change(&Change::CloseRound("2026-10".into())).unwrap();
        let mut copy = doc.clone();
        let released = |n| Published {
            round: "2026-10".into(),
            min_group: 5,
            min_group_comments: 5,
            released: Some(crate::model::ReleasedText::new(
                &crate::model::ReleasedRound {
                    n,
                    dimensions: vec![],
                    comments: None,
                },
            )),
        };
        doc.change(&Change::Publish(vec![released(5)])).unwrap();
        copy.change(&Change::Publish(vec![released(9)])).unwrap();
        let before = doc.clone();
        assert_eq!(
            doc.change(&Change::Merge(Box::new(copy.clone()))),
            Err(EditError::AlreadyPublished("2026-10".into()))
        );
        assert_eq!(doc, before);
        // Whichever release the merge's order would keep: refused both ways.
        assert_eq!(
            copy.change(&Change::Merge(Box::new(doc))),
            Err(EditError::AlreadyPublished("2026-10".into()))
        );
    }

    #[test]
    fn settings_that_break_anonymity_are_refused() {
        let mut doc = team();
        let mut survey = doc.survey.clone();
        survey.min_group = 2;
        let err = doc.change(&Change::Revise { base: 1, survey }).unwrap_err();
        assert_eq!(err, EditError::MinimumLowered);
        assert_eq!(doc.survey.min_group, 5, "unchanged on error");
        // Once people answered, minimums go up only.
        let mut lower = doc.survey.clone();
        lower.min_group = 4;
        assert_eq!(
            doc.change(&Change::Revise {
                base: 1,
                survey: lower
            }),
            Err(EditError::MinimumLowered)
        );
        let mut higher = doc.survey.clone();
        higher.min_group = 6;
        higher.min_group_comments = 9;
        assert_eq!(
            doc.change(&Change::Revise {
                base: 1,
                survey: higher
            }),
            Ok(true)
        );
        // Before anyone answered, a minimum below 3 is still invalid.
        let mut empty = team();
        empty.responses.clear();
        let mut survey = empty.survey.clone();
        survey.min_group = 2;
        let err = empty
            .change(&Change::Revise { base: 1, survey })
            .unwrap_err();
        assert!(matches!(err, EditError::Invalid(_)), "{err:?}");
        let mut survey = doc.survey.clone();
        survey.revision = doc.survey.revision;
        let mut survey = doc.survey.clone();
        survey.scale = 5;
        let err = doc
            .change(&Change::Revise {
                base: doc.survey.revision,
                survey,
            })
            .unwrap_err();
        assert_eq!(err, EditError::ScaleChanged);
    }
}
