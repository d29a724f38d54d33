//! Merging two copies of a shared file, the heart of "nothing is lost".
//!
//! Merge is a join in a semilattice: responses, rounds, events and removed ids are unions by
//! id; the survey with the higher revision wins; where two copies hold different content
//! under one id, a fixed rule picks the winner (the greater value, or for rounds "closed wins")
//! and the clash is reported. A join is commutative, associative and idempotent, so writers
//! that merge in any order, any number of times, converge on the same file.

use std::collections::BTreeMap;
use std::fmt;

use super::document::{Document, Response, Round};

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
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Survey { revision } => write!(
                f,
                "two different survey definitions share revision {revision}; one was kept"
            ),
            Self::Round { id } => write!(f, "round \"{id}\" differs between copies; one was kept"),
            Self::Event { id } => write!(f, "event \"{id}\" differs between copies; one was kept"),
            Self::Response { id } => {
                write!(f, "response {id} differs between copies; one was kept")
            }
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

    let survey = match a.survey.revision.cmp(&b.survey.revision) {
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
            Some(kept) if kept != event => {
                conflicts.push(Conflict::Event {
                    id: event.id.clone(),
                });
                if event > kept {
                    *kept = event.clone();
                }
            }
            Some(_) => {}
        }
    }

    let responses = union_sorted_responses(&a.responses, &b.responses, &mut conflicts);

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
        removed,
    };
    doc.normalize();
    Merged { doc, conflicts }
}

/// Linear-time union of two id-sorted response lists (files hold up to hundreds of
/// thousands, and this runs on every submission).
fn union_sorted_responses(
    a: &[Response],
    b: &[Response],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Response> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].id.cmp(&b[j].id) {
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
                        id: a[i].id.to_string(),
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
