//! Agreed actions as a to-do list that carries over: when an action is due for review, what a
//! round's review holds, and how two copies of one action merge.
//!
//! An action is a timeline entry of kind "action" (see [`Event`]): agreed after one round,
//! due in the first later round opened on or after its review day (the next round when it has
//! none), open until it is marked done or dropped in some round. Pure: no clock, no browser.

use super::document::{ActionStatus, Document, Event, EventKind, Round};

/// The actions a round's results are discussed with, in the order a meeting takes them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Review<'a> {
    /// Due by this round and open when it was held (still open, or settled in it or later):
    /// "did we do it?".
    pub due: Vec<&'a Event>,
    /// Agreed after this round: what the team tries next.
    pub agreed: Vec<&'a Event>,
    /// Open, agreed earlier, but not due yet (their review day is later).
    pub later: Vec<&'a Event>,
}

impl Review<'_> {
    pub fn is_empty(&self) -> bool {
        self.due.is_empty() && self.agreed.is_empty() && self.later.is_empty()
    }
}

impl Document {
    /// Every agreed action, in the file's (canonical) order.
    pub fn actions(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(|e| e.kind == EventKind::Action)
    }

    /// The round whose results the team discusses now, and so the round a newly agreed
    /// action follows: the latest closed round (a round opened since is still collecting), or
    /// the latest round when none is closed yet.
    pub fn discussed_round(&self) -> Option<&Round> {
        self.rounds
            .iter()
            .rev()
            .find(|r| r.closed)
            .or_else(|| self.rounds.last())
    }

    /// The round in which `action` is due for review: the first round opened after the one
    /// it was agreed in, on or after its review day. `None` while no such round exists.
    pub fn due_round(&self, action: &Event) -> Option<&Round> {
        let agreed = self.rounds.iter().position(|r| r.id == action.round)?;
        self.rounds[agreed + 1..].iter().find(|r| {
            action
                .review
                .as_deref()
                .is_none_or(|day| r.opened.as_str() >= day)
        })
    }

    /// What the results of round `round` are reviewed with (see [`Review`]).
    pub fn review_at(&self, round: &str) -> Review<'_> {
        let Some(at) = self.rounds.iter().position(|r| r.id == round) else {
            return Review::default();
        };
        let position = |id: &str| self.rounds.iter().position(|r| r.id == id);
        let mut review = Review::default();
        for action in self.actions() {
            let Some(agreed) = position(&action.round) else {
                continue;
            };
            if agreed == at {
                review.agreed.push(action);
                continue;
            }
            if agreed > at {
                continue;
            }
            let settled = action.settled.as_deref().and_then(position);
            let open_then = settled.is_none_or(|s| s >= at);
            // Settled in this very round counts as due here, even before its review day: the
            // team reports it done (or dropped) now.
            let due = settled == Some(at)
                || self
                    .due_round(action)
                    .and_then(|r| position(&r.id))
                    .is_some_and(|d| d <= at);
            match (open_then, due) {
                (true, true) => review.due.push(action),
                (true, false) => review.later.push(action),
                (false, _) => {}
            }
        }
        review
    }
}

/// Merges the copy `other` of the timeline entry `kept` (same id) into `kept`. Returns
/// whether the copies clashed in a way a person should hear about.
///
/// The rule is a join, so copies merged in any order converge: entries under one id that are
/// not the same entry (another round or kind: only tampering or a bug) keep the greater one
/// whole; two copies of one action merge field by field: the text (label, owner, review day)
/// of the copy edited more often wins, and the status goes only forward (open, then dropped,
/// then done; between two settled copies, the greater round id), so "edited on the laptop"
/// and "marked done on the phone" are both kept. Only two different edits with the same edit
/// count are a clash (the greater text is kept).
pub(super) fn join(kept: &mut Event, other: &Event) -> bool {
    if kept == other {
        return false;
    }
    let same_entry = (&kept.round, kept.kind) == (&other.round, other.kind);
    if !same_entry || kept.kind == EventKind::Event {
        if (&other.round, other.kind, other) > (&kept.round, kept.kind, &*kept) {
            *kept = other.clone();
        }
        return true;
    }
    let text = |e: &Event| {
        (
            e.revision,
            e.label.clone(),
            e.owner.clone(),
            e.review.clone(),
            e.date.clone(),
        )
    };
    let (mine, theirs) = (text(kept), text(other));
    let clash = mine.0 == theirs.0 && mine != theirs;
    if theirs > mine {
        (
            kept.revision,
            kept.label,
            kept.owner,
            kept.review,
            kept.date,
        ) = theirs;
    }
    if (other.status, &other.settled) > (kept.status, &kept.settled) {
        kept.status = other.status;
        kept.settled.clone_from(&other.settled);
    }
    clash
}

/// Whether `status` may follow `now` (a settled action never reopens; dropped may become done).
pub(super) fn may_settle(now: ActionStatus, status: ActionStatus) -> bool {
    status != ActionStatus::Open && status > now
}
