//! Structure-aware inputs for the fuzz targets: small team files and submissions built from
//! the fuzzer's bytes, and the checks every target shares.
//!
//! Ids, rounds and texts come from small pools, so that two files built from different bytes
//! overlap, clash and repeat, which is where merge and submission bugs hide; labels and
//! comments are sometimes the fuzzer's own text, so hostile strings reach every layer. A file
//! is only handed to a target after it passed `model::load`: the targets check what Candor
//! does with valid files (bytes that are not a valid file are the `load_file` target's work).

use arbitrary::{Result, Unstructured};
use candor::model::{
    self, ActionStatus, Answers, Document, Event, EventKind, Published, ReleasedRound,
    ReleasedText, Response, ResponseId, Round, SealedRecord, Submission, templates,
};

/// The survey id of every generated file (a submission may name another one).
pub const SURVEY: &str = "s";

/// Ids drawn from a pool of `pool` values (`from` upwards).
pub fn id(u: &mut Unstructured, from: u8, pool: u8) -> Result<ResponseId> {
    let n = from + u.int_in_range(0..=pool - 1)?;
    Ok(ResponseId::from_random_bytes([n; 16]))
}

/// A round id from the pool `r0`..`r4`.
fn round_id(u: &mut Unstructured) -> Result<String> {
    Ok(format!("r{}", u.int_in_range(0..=4u8)?))
}

/// Text for a label or a comment: usually one of a few, sometimes whatever the fuzzer wrote.
/// (An exhausted input reads as zeros, which `ratio` takes as "yes": rare outcomes are put on
/// the other side, `!ratio(n - 1, n)`, here and below.)
fn text(u: &mut Unstructured, plain: &[&str]) -> Result<String> {
    if !u.ratio(3, 4)? {
        Ok(u.arbitrary::<&str>()?.to_owned())
    } else {
        Ok((*u.choose(plain)?).to_owned())
    }
}

/// The answers of one response to `questions` on a scale of `scale` (sometimes outside it).
pub fn answers(u: &mut Unstructured, questions: &[String], scale: u8) -> Result<Answers> {
    let mut answers = Answers::new();
    for q in questions {
        match u.int_in_range(0..=9u8)? {
            0 => {} // skipped
            1 => answers.insert(q, u.arbitrary()?),
            _ => answers.insert(q, u.int_in_range(1..=scale)?),
        }
    }
    if !u.ratio(15, 16)? {
        answers.insert("not-a-question", 3);
    }
    Ok(answers)
}

/// A sealed record's text of one of the two lengths real records have (merge and apply never
/// open records; `release_sealed` and `open_record` make real ones).
fn sealed_text(u: &mut Unstructured, comment: bool) -> Result<String> {
    let len = if comment {
        candor::seal::sealed_text_len(1024)
    } else {
        candor::seal::sealed_text_len(256)
    };
    Ok(u.choose(&["A", "B", "C"])?.repeat(len))
}

/// A public results key: one of two (a sealed copy, or a tampered one), both canonical
/// base64url (the last character's unused bits zero), so that validation accepts them.
fn results_key(u: &mut Unstructured) -> Result<Option<String>> {
    Ok(match u.int_in_range(0..=2u8)? {
        0 => None,
        1 => Some("k".repeat(43)),
        _ => Some("g".repeat(43)),
    })
}

/// A team file of survey [`SURVEY`], valid only if `model::load` accepts it (see
/// [`valid_document`]).
pub fn document(u: &mut Unstructured) -> Result<Document> {
    let mut parts: Vec<&templates::Template> = vec![&templates::SAFETY];
    if u.ratio(1, 3)? {
        parts.push(&templates::ALIGNMENT);
    }
    // In any of the templates' languages, translated into some of the others (format 4).
    let language = *u.choose(&templates::LANGUAGES)?;
    let mut also = Vec::new();
    for other in templates::LANGUAGES {
        if u.ratio(1, 3)? {
            also.push(other);
        }
    }
    let mut survey = templates::survey_in(SURVEY, "Survey", &parts, language, &also);
    if u.ratio(1, 4)? {
        // A translation of one text, possibly hostile, blank or into a language not added yet.
        let into = *u.choose(&["de", "ar", "es", "fr"])?;
        let part = match u.int_in_range(0..=2u8)? {
            0 => model::Part::Title,
            1 => model::Part::Dimension("safety".to_owned()),
            _ => model::Part::Question("safety-1".to_owned()),
        };
        let words = text(u, &["Frage", " ", "\u{202e}txt"])?;
        survey.set_translation(into, &part, &words);
    }
    survey.revision = u.int_in_range(1..=4)?;
    survey.title = text(u, &["Survey", "Team pulse", "Équipe «A»"])?;
    survey.scale = *u.choose(&[5, 7])?;
    survey.min_group = u.int_in_range(3..=5)?;
    survey.min_group_comments = survey.min_group + u.int_in_range(0..=2)?;
    survey.team_size = if u.ratio(1, 2)? {
        Some(u.int_in_range(1..=40)?)
    } else {
        None
    };
    survey.results_key = results_key(u)?;
    if !u.ratio(7, 8)?
        && let Some(q) = survey.questions.last_mut()
    {
        q.retired = true;
    }
    let sealed = survey.results_key.is_some();
    let scale = survey.scale;
    let questions: Vec<String> = survey.questions.iter().map(|q| q.id.clone()).collect();
    let mut doc = Document::new(survey);

    for _ in 0..u.int_in_range(0..=5u8)? {
        let id = round_id(u)?;
        let day = u.int_in_range(1..=28u8)?;
        doc.rounds.push(Round {
            label: text(u, &["Round", "Round (renamed)", "=cmd|' /C calc'!A0"])?,
            opened: format!("2026-{:02}-{day:02}", 1 + id.as_bytes()[1] - b'0'),
            closed: u.arbitrary()?,
            id,
        });
    }
    doc.rounds.sort_by(|a, b| a.id.cmp(&b.id));
    doc.rounds.dedup_by(|a, b| a.id == b.id);
    let rounds: Vec<String> = doc.rounds.iter().map(|r| r.id.clone()).collect();
    if rounds.is_empty() {
        return Ok(doc);
    }

    for _ in 0..u.int_in_range(0..=3u8)? {
        let kind = if u.arbitrary()? {
            EventKind::Action
        } else {
            EventKind::Event
        };
        let mut event = Event::new(
            format!("e{}", u.int_in_range(0..=3u8)?),
            u.choose(&rounds)?.clone(),
            text(u, &["Re-org", "Launch", "<b>Incident</b>"])?,
            u.ratio(1, 2)?.then(|| "2026-03-03".to_owned()),
            kind,
        );
        // An action as a facilitator leaves it: an owner, a review day, maybe settled.
        if kind == EventKind::Action {
            event.owner = u.ratio(1, 2)?.then(|| "Team lead".to_owned());
            event.review = u.ratio(1, 3)?.then(|| "2026-05-01".to_owned());
            event.revision = u.int_in_range(0..=2u64)?;
            if u.ratio(1, 2)? {
                event.status = *u.choose(&[ActionStatus::Done, ActionStatus::Dropped])?;
                event.settled = Some(u.choose(&rounds)?.clone());
            }
        }
        doc.events.push(event);
    }
    if sealed {
        for _ in 0..u.int_in_range(0..=8u8)? {
            doc.sealed_answers.push(SealedRecord {
                id: id(u, 16, 16)?,
                round: u.choose(&rounds)?.clone(),
                sealed: sealed_text(u, false)?,
            });
        }
        for _ in 0..u.int_in_range(0..=4u8)? {
            doc.sealed_comments.push(SealedRecord {
                id: id(u, 32, 8)?,
                round: u.choose(&rounds)?.clone(),
                sealed: sealed_text(u, true)?,
            });
        }
    } else {
        for _ in 0..u.int_in_range(0..=10u8)? {
            doc.responses.push(Response {
                id: id(u, 0, 16)?,
                round: u.choose(&rounds)?.clone(),
                answers: answers(u, &questions, scale)?,
                comment: if u.ratio(1, 3)? {
                    Some(text(u, &["More focus time.", "\"quoted\", and, commas"])?)
                } else {
                    None
                },
            });
        }
    }
    for _ in 0..u.int_in_range(0..=3u8)? {
        doc.removed.push(id(u, 0, 40)?);
    }
    let closed: Vec<String> = doc
        .rounds
        .iter()
        .filter(|r| r.closed)
        .map(|r| r.id.clone())
        .collect();
    for round in closed {
        if u.ratio(1, 3)? {
            let entry = published(u, &doc, &round)?;
            doc.published.push(entry);
        }
    }
    // One copy never holds two versions of one record.
    doc.responses.sort_by_key(|r| r.id);
    doc.responses.dedup_by_key(|r| r.id);
    doc.sealed_answers.sort_by_key(|r| r.id);
    doc.sealed_answers.dedup_by_key(|r| r.id);
    doc.sealed_comments.sort_by_key(|r| r.id);
    doc.sealed_comments.dedup_by_key(|r| r.id);
    doc.events.sort_by(|a, b| a.id.cmp(&b.id));
    doc.events.dedup_by(|a, b| a.id == b.id);
    doc.normalize();
    Ok(doc)
}

/// Published results for `round` as a release would write them: below the minimum nothing,
/// else a count (the numbers themselves are read only where they are shown).
fn published(u: &mut Unstructured, doc: &Document, round: &str) -> Result<Published> {
    let n = u.int_in_range(0..=9u32)?;
    Ok(Published {
        round: round.to_owned(),
        min_group: doc.survey.min_group,
        min_group_comments: doc.survey.min_group_comments,
        released: (n >= doc.survey.min_group).then(|| {
            ReleasedText::new(&ReleasedRound {
                n,
                dimensions: vec![],
                comments: None,
            })
        }),
    })
}

/// A generated file that passes validation, or `None` when it breaks a rule (the fuzzer's text
/// can). Built normalised, as `model::load` returns files; targets check that what they make
/// of it round-trips through the file's text ([`assert_round_trips`]).
pub fn valid_document(u: &mut Unstructured) -> Result<Option<Document>> {
    let doc = document(u)?;
    Ok(model::validate(&doc).is_empty().then_some(doc))
}

/// A submission for `doc`: a new response (plain or sealed), a change (new records and the
/// earlier ones' ids as tombstones) or a withdrawal, sometimes for another survey, a closed or
/// unknown round, or in the wrong form.
pub fn submission(u: &mut Unstructured, doc: &Document) -> Result<Submission> {
    let survey = if !u.ratio(15, 16)? { "other" } else { SURVEY };
    let mut submission = Submission::new(survey);
    let round = if doc.rounds.is_empty() || !u.ratio(15, 16)? {
        round_id(u)?
    } else {
        u.choose(&doc.rounds)?.id.clone()
    };
    let questions: Vec<String> = doc.survey.questions.iter().map(|q| q.id.clone()).collect();
    // Usually the form the survey takes (sealed or plain), rarely the other.
    let sealed = doc.is_sealed() == u.ratio(15, 16)?;
    let adds = u.int_in_range(0..=2u8)?;
    if adds > 0 {
        if sealed {
            // Ids overlapping the file's (answers 16..32, comments 32..40), so that a
            // submission can clash with a record already there.
            submission.sealed_answers.push(SealedRecord {
                id: id(u, 24, 16)?,
                round: round.clone(),
                sealed: sealed_text(u, false)?,
            });
            if adds > 1 {
                submission.sealed_comments.push(SealedRecord {
                    id: id(u, 36, 8)?,
                    round: round.clone(),
                    sealed: sealed_text(u, true)?,
                });
            }
        } else {
            submission.responses.push(Response {
                id: id(u, 8, 16)?,
                round: round.clone(),
                answers: answers(u, &questions, doc.survey.scale)?,
                comment: (adds > 1)
                    .then(|| text(u, &["Thanks.", "<script>alert(1)</script>"]))
                    .transpose()?,
            });
        }
    }
    // Tombstones: ids of records already in the file (a change or a withdrawal) or new ones.
    let existing: Vec<ResponseId> = doc
        .responses
        .iter()
        .map(|r| r.id)
        .chain(doc.sealed_answers.iter().map(|r| r.id))
        .chain(doc.sealed_comments.iter().map(|r| r.id))
        .collect();
    for _ in 0..u.int_in_range(0..=2u8)? {
        let id = if !existing.is_empty() && u.ratio(3, 4)? {
            *u.choose(&existing)?
        } else {
            id(u, 0, 64)?
        };
        submission.removed.push(id);
    }
    submission.removed.sort();
    submission.removed.dedup();
    Ok(submission)
}

/// The ids of every record in `doc`, answers, comments and plain responses.
pub fn record_ids(doc: &Document) -> Vec<ResponseId> {
    doc.responses
        .iter()
        .map(|r| r.id)
        .chain(doc.sealed_answers.iter().map(|r| r.id))
        .chain(doc.sealed_comments.iter().map(|r| r.id))
        .collect()
}

/// Nothing of `before` was lost in `after`: every record is there or tombstoned, every
/// tombstone, round and published round is kept, and a closed round stays closed.
pub fn assert_keeps(before: &Document, after: &Document) {
    for id in record_ids(before) {
        assert!(
            record_ids(after).contains(&id) != after.is_removed(id),
            "record {id} was lost (or both kept and removed)"
        );
    }
    for id in &before.removed {
        assert!(after.is_removed(*id), "tombstone {id} was lost");
    }
    for round in &before.rounds {
        let kept = after.round(&round.id);
        assert!(kept.is_some(), "round {} was lost", round.id);
        assert!(
            !round.closed || kept.is_some_and(|k| k.closed),
            "round {} was opened again",
            round.id
        );
    }
    for published in &before.published {
        assert!(
            after.published(&published.round).is_some(),
            "the published results of {} were lost",
            published.round
        );
    }
}

/// `doc` is valid and its canonical form loads back to the same document.
pub fn assert_round_trips(doc: &Document) {
    let problems = model::validate(doc);
    assert!(problems.is_empty(), "invalid: {problems:?}");
    let bytes = model::to_canonical_bytes(doc);
    match model::load(&bytes) {
        Ok(again) => assert_eq!(&again, doc, "the canonical form reads back differently"),
        Err(e) => panic!("the canonical form does not load: {e}"),
    }
}

/// A facilitator's change to `doc`: open or close a round, note an event or an action, revise
/// the survey (its scale, minimums, questions, id), merge in another copy, or publish results;
/// sometimes one the rules refuse.
pub fn change(u: &mut Unstructured, doc: &Document) -> Result<model::Change> {
    use model::{Change, When};
    let some_event = |u: &mut Unstructured| -> Result<String> {
        if doc.events.is_empty() || !u.ratio(7, 8)? {
            Ok("nothing".to_owned())
        } else {
            Ok(u.choose(&doc.events)?.id.clone())
        }
    };
    let some_round = |u: &mut Unstructured| -> Result<String> {
        if doc.rounds.is_empty() || !u.ratio(7, 8)? {
            round_id(u)
        } else {
            Ok(u.choose(&doc.rounds)?.id.clone())
        }
    };
    Ok(match u.int_in_range(0..=5u8)? {
        0 => {
            let id = round_id(u)?;
            Change::OpenRound(Round {
                label: text(u, &["Next round", "Round"])?,
                opened: (*u.choose(&["2026-06-01", "2026-13-01", "2027-01-31"])?).to_owned(),
                closed: !u.ratio(7, 8)?,
                id,
            })
        }
        1 => Change::CloseRound(some_round(u)?),
        2 => match u.int_in_range(0..=3u8)? {
            0 => Change::AddEvent {
                when: if u.arbitrary()? {
                    When::Round(some_round(u)?)
                } else {
                    When::Day(
                        (*u.choose(&["2025-12-31", "2026-03-15", "2026-07-04", "2026-2-1"])?)
                            .to_owned(),
                    )
                },
                label: text(u, &["Re-org", "  padded  ", "Try pairing"])?,
            },
            1 => Change::AgreeAction {
                after: some_round(u)?,
                label: text(u, &["Try pairing", "  padded  ", ""])?,
                owner: u.ratio(1, 2)?.then(|| "Team lead".to_owned()),
                review: u.ratio(1, 2)?.then(|| "2026-13-01".to_owned()),
            },
            2 => Change::SettleAction {
                id: some_event(u)?,
                status: *u.choose(&[
                    ActionStatus::Open,
                    ActionStatus::Dropped,
                    ActionStatus::Done,
                ])?,
            },
            _ => Change::EditAction {
                id: some_event(u)?,
                label: text(u, &["Pair up", ""])?,
                owner: u.ratio(1, 2)?.then(|| "x".repeat(101)),
                review: u.ratio(1, 2)?.then(|| "2026-08-01".to_owned()),
            },
        },
        3 => {
            let mut survey = doc.survey.clone();
            let base = if u.ratio(7, 8)? {
                survey.revision
            } else {
                survey.revision.wrapping_sub(1)
            };
            match u.int_in_range(0..=7u8)? {
                0 => survey.scale = if survey.scale == 5 { 7 } else { 5 },
                1 => survey.min_group = survey.min_group.saturating_sub(1).max(3),
                2 => survey.min_group_comments += 1,
                3 => survey.title = text(u, &["Renamed", ""])?,
                4 => survey.id = "renamed".to_owned(),
                5 => {
                    if let Some(q) = survey.questions.first_mut() {
                        q.reverse = !q.reverse;
                    }
                }
                6 => {
                    if !survey.questions.is_empty() {
                        let at = u.choose_index(survey.questions.len())?;
                        survey.questions.remove(at);
                    }
                }
                _ => {
                    if let Some(q) = survey.questions.first_mut() {
                        q.retired = !q.retired;
                    }
                }
            }
            Change::Revise { base, survey }
        }
        4 => match valid_document(u)? {
            Some(other) => Change::Merge(Box::new(other)),
            None => Change::CloseRound(some_round(u)?),
        },
        _ => {
            let round = some_round(u)?;
            Change::Publish(vec![published(u, doc, &round)?])
        }
    })
}
