//! Merging two copies of a shared file, the heart of "nothing is lost".
//!
//! Merge is a join in a semilattice: responses, sealed records, rounds, events, removed ids and
//! published results are unions by id; the survey with the higher revision wins; where two
//! copies hold different content under one id, a fixed rule picks the winner (the greater
//! value, for rounds "closed wins", for published results the greater canonical text) and the
//! clash is reported; two copies of one agreed action merge field by field
//! ([`super::actions::join`]). A removed id drops its record. A join is commutative,
//! associative and idempotent, so writers that merge in any order, any number of times,
//! converge on the same file.

use std::collections::BTreeMap;
use std::fmt;

use super::document::{Document, Round, SealedRecord};
use super::id::ResponseId;
use super::published::Published;

/// Two copies disagreed on one thing; the merge chose deterministically and says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Same survey revision, different definitions.
    Survey { revision: u64 },
    /// Same round id, different label or opening day.
    Round { id: String },
    /// Same event id, different content.
    Event { id: String },
    /// Same response id, different answers (only tampering or a bug produce this).
    Response { id: String },
    /// Two different published results for one round (only tampering or a bug produce this:
    /// a round is released once).
    Published { round: String },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Survey { revision } => write!(
                f,
                "two different survey definitions share revision {revision}; one was kept"
            ),
            Self::Round { id } => write!(f, "round \"{id}\" differs between copies; one was kept"),
            Self::Event { id } => write!(
                f,
                "timeline entry \"{id}\" differs between copies; one version was kept"
            ),
            Self::Response { id } => {
                write!(f, "response {id} differs between copies; one was kept")
            }
            Self::Published { round } => write!(
                f,
                "the published results of round \"{round}\" differ between copies; one was kept"
            ),
        }
    }
}

/// The result of a merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub doc: Document,
    pub conflicts: Vec<Conflict>,
}

/// Merges two loaded (normalised) documents.
pub fn merge(a: &Document, b: &Document) -> Merged {
    let mut conflicts = Vec::new();

    let mut survey = match a.survey.revision.cmp(&b.survey.revision) {
        std::cmp::Ordering::Greater => a.survey.clone(),
        std::cmp::Ordering::Less => b.survey.clone(),
        std::cmp::Ordering::Equal => {
            if a.survey != b.survey {
                conflicts.push(Conflict::Survey {
                    revision: a.survey.revision,
                });
            }
            a.survey.clone().max(b.survey.clone())
        }
    };

    // Sealing is one-way: a copy from before sealing never takes the results key away. (Two
    // different keys only come from tampering; the greater is kept, as for any clash.)
    survey.results_key = a
        .survey
        .results_key
        .clone()
        .max(b.survey.results_key.clone());

    let mut rounds: BTreeMap<&str, Round> = BTreeMap::new();
    for round in a.rounds.iter().chain(&b.rounds) {
        match rounds.get_mut(round.id.as_str()) {
            None => {
                rounds.insert(&round.id, round.clone());
            }
            Some(kept) => {
                // Closing is one-way, so "closed" wins; label and day are joined by max.
                let closed = kept.closed || round.closed;
                if (&kept.label, &kept.opened) != (&round.label, &round.opened) {
                    conflicts.push(Conflict::Round {
                        id: round.id.clone(),
                    });
                    if (&round.label, &round.opened) > (&kept.label, &kept.opened) {
                        kept.label.clone_from(&round.label);
                        kept.opened.clone_from(&round.opened);
                    }
                }
                kept.closed = closed;
            }
        }
    }

    let mut events = BTreeMap::new();
    for event in a.events.iter().chain(&b.events) {
        match events.get_mut(event.id.as_str()) {
            None => {
                events.insert(event.id.as_str(), event.clone());
            }
            Some(kept) => {
                if super::actions::join(kept, event) {
                    conflicts.push(Conflict::Event {
                        id: event.id.clone(),
                    });
                }
            }
        }
    }

    let responses = union_sorted(&a.responses, &b.responses, |r| r.id, &mut conflicts);
    let sealed_answers = union_sorted(
        &a.sealed_answers,
        &b.sealed_answers,
        |r: &SealedRecord| r.id,
        &mut conflicts,
    );
    let sealed_comments = union_sorted(
        &a.sealed_comments,
        &b.sealed_comments,
        |r: &SealedRecord| r.id,
        &mut conflicts,
    );

    let mut published: BTreeMap<&str, &Published> = BTreeMap::new();
    for entry in a.published.iter().chain(&b.published) {
        match published.get_mut(entry.round.as_str()) {
            None => {
                published.insert(&entry.round, entry);
            }
            Some(kept) if *kept != entry => {
                conflicts.push(Conflict::Published {
                    round: entry.round.clone(),
                });
                if canonical_text(entry) > canonical_text(kept) {
                    *kept = entry;
                }
            }
            Some(_) => {}
        }
    }

    let mut removed = Vec::with_capacity(a.removed.len() + b.removed.len());
    removed.extend_from_slice(&a.removed);
    removed.extend_from_slice(&b.removed);

    let mut doc = Document {
        format: a.format.clone(),
        version: a.version.max(b.version),
        survey,
        rounds: rounds.into_values().collect(),
        events: events.into_values().collect(),
        responses,
        sealed_answers,
        sealed_comments,
        removed,
        published: published.into_values().cloned().collect(),
    };
    doc.normalize();
    Merged { doc, conflicts }
}

/// A total order for published results (they hold numbers, which have none of their own):
/// their JSON text.
fn canonical_text(published: &Published) -> Vec<u8> {
    serde_json::to_vec(published).unwrap_or_default()
}

/// Linear-time union of two id-sorted record lists (files hold up to hundreds of thousands,
/// and this runs on every submission).
fn union_sorted<T: Clone + Ord>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> ResponseId,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match id(&a[i]).cmp(&id(&b[j])) {
            std::cmp::Ordering::Less => {
                out.push(a[i].clone());
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j].clone());
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                if a[i] != b[j] {
                    conflicts.push(Conflict::Response {
                        id: id(&a[i]).to_string(),
                    });
                }
                out.push(a[i].clone().max(b[j].clone()));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
