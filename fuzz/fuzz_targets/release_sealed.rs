//! Releasing closed rounds of a sealed file whose records were sealed for real, then damaged
//! by the fuzzer (a changed character, a record moved to another round or given another id)
//! or answered for by a helper worker that failed or sent anything at all. Every record that
//! does not open, or opens to content that breaks the survey's rules, is one problem reported
//! with its round, never a panic and never dropped from the file; each closed round is
//! published once, with exactly the responses that opened; releasing again changes nothing.
#![no_main]

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use arbitrary::Unstructured;
use candor::model::{
    self, Answers, Document, Published, ResponseId, Round, SealedRecord, templates,
};
use candor::release::{self, OpenOutcome, OpenedAhead};
use candor::seal::{Kind, ResultsKey};
use candor_fuzz::{SURVEY, assert_keeps, assert_round_trips};
use libfuzzer_sys::fuzz_target;

const ROUNDS: [&str; 3] = ["r0", "r1", "r2"];

/// One record sealed for real, and whether its content is valid.
struct Sealed {
    kind: Kind,
    record: SealedRecord,
    valid: bool,
}

struct Pool {
    key: ResultsKey,
    survey: model::Survey,
    records: Vec<Sealed>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let key = release::demo_key();
        let mut survey = templates::survey_from(SURVEY, "Survey", &[&templates::SAFETY]);
        survey.results_key = Some(key.public().to_text());
        let mut doc = Document::new(survey.clone());
        for (i, round) in ROUNDS.iter().enumerate() {
            doc.rounds.push(Round {
                id: (*round).to_owned(),
                label: format!("Round {i}"),
                opened: format!("2026-0{}-01", i + 1),
                closed: false,
            });
        }
        let questions: Vec<String> = survey.questions.iter().map(|q| q.id.clone()).collect();
        let mut counter = 0u8;
        let mut fill = |bytes: &mut [u8]| {
            for b in bytes {
                counter = counter.wrapping_add(97);
                *b = counter;
            }
        };
        let mut records = Vec::new();
        let mut next_id = 0u8;
        for round in ROUNDS {
            // Six responses, three with a comment; the fifth answers outside the scale and the
            // sixth's comment holds a control character: sealed properly, invalid inside.
            for person in 0..6u8 {
                next_id += 1;
                let mut answers = Answers::new();
                for (i, q) in questions.iter().enumerate() {
                    let value = if person == 4 {
                        9
                    } else {
                        1 + (person + i as u8) % 5
                    };
                    answers.insert(q, value);
                }
                let comment = match person {
                    0 | 1 => Some("More focus time."),
                    5 => Some("bad\u{7}"),
                    _ => None,
                };
                let ids = (
                    ResponseId::from_random_bytes([next_id; 16]),
                    ResponseId::from_random_bytes([next_id + 100; 16]),
                );
                let jobs = release::seal_jobs(&doc.survey, round, &answers, comment, ids)
                    .expect("the pool's survey is sealed");
                for job in jobs {
                    let record = job.record(
                        job.seal(SURVEY, key.public(), &mut fill)
                            .expect("the pool's records seal"),
                    );
                    let valid = match job.kind {
                        Kind::Answers => person != 4,
                        Kind::Comment => person != 5,
                    };
                    records.push(Sealed {
                        kind: job.kind,
                        record,
                        valid,
                    });
                }
            }
        }
        Pool {
            key,
            survey,
            records,
        }
    })
}

fuzz_target!(|bytes: &[u8]| {
    let pool = pool();
    let mut u = Unstructured::new(bytes);
    let Ok(doc) = build(&mut u, pool) else {
        return;
    };
    let (doc, ahead, expected) = doc;
    if !model::validate(&doc).is_empty() {
        return; // a damaged record can break the file's own rules: load_file's business
    }
    let seed = u.arbitrary().unwrap_or(0);
    let released = ahead
        .publish(&doc, &pool.key, seed)
        .expect("the key is the file's");
    let out = &released.doc;
    assert_round_trips(out);
    model::check_released(out).expect("published numbers that do not read back");
    assert_keeps(&doc, out);
    assert_eq!(
        out.sealed_answers, doc.sealed_answers,
        "a record was dropped"
    );
    assert_eq!(
        out.sealed_comments, doc.sealed_comments,
        "a record was dropped"
    );
    for published in &doc.published {
        assert_eq!(out.published(&published.round), Some(published), "changed");
    }
    for round in &released.rounds {
        assert!(
            doc.round(round).is_some_and(|r| r.closed),
            "an open round released"
        );
        assert!(doc.published(round).is_none(), "a round released twice");
    }
    for problem in &released.problems {
        assert!(!problem.reason.is_empty());
        assert!(released.rounds.contains(&problem.round));
    }
    if let Some(expected) = expected {
        assert_eq!(
            released.problems.len(),
            expected.problems,
            "problems miscounted"
        );
        for (round, n) in expected.opened {
            let published = out
                .published(&round)
                .expect("a due round was not published");
            let counted = match &published.released {
                Some(text) => text.read().expect("checked above").n as usize,
                None => 0,
            };
            let shown = if n >= doc.survey.min_group as usize {
                n
            } else {
                0
            };
            assert_eq!(
                counted, shown,
                "round {round}: not the responses that opened"
            );
        }
    }
    // Released once: a second release finds nothing to do.
    let again = release::publish(out, &pool.key, seed).expect("the key is the file's");
    assert!(again.rounds.is_empty());
    assert_eq!(&again.doc, out);
});

/// What opening `record` gives with the pool's key, opened once per distinct record.
fn true_outcome(pool: &Pool, kind: Kind, record: &SealedRecord) -> OpenOutcome {
    type Key = (bool, ResponseId, String, String);
    static SEEN: OnceLock<Mutex<HashMap<Key, OpenOutcome>>> = OnceLock::new();
    let key = (
        kind == Kind::Answers,
        record.id,
        record.round.clone(),
        record.sealed.clone(),
    );
    let seen = SEEN.get_or_init(Mutex::default);
    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
    seen.entry(key)
        .or_insert_with(|| {
            release::open_record(SURVEY, &pool.key, kind, record).map_err(|e| e.to_string())
        })
        .clone()
}

/// What an honest release of the file must report: its problems, and per due round how many
/// answers records open to valid answers.
struct Expected {
    problems: usize,
    opened: Vec<(String, usize)>,
}

fn build(
    u: &mut Unstructured,
    pool: &Pool,
) -> arbitrary::Result<(Document, OpenedAhead, Option<Expected>)> {
    let mut survey = pool.survey.clone();
    survey.min_group = u.int_in_range(3..=5)?;
    survey.min_group_comments = survey.min_group + u.int_in_range(0..=2)?;
    let mut doc = Document::new(survey);
    for (i, round) in ROUNDS.iter().enumerate() {
        doc.rounds.push(Round {
            id: (*round).to_owned(),
            label: format!("Round {i}"),
            opened: format!("2026-0{}-01", i + 1),
            closed: u.arbitrary()?,
        });
    }
    // A round published before (suppressed) is not due again.
    if u.ratio(1, 4)? && doc.rounds[0].closed {
        doc.published.push(Published {
            round: "r0".to_owned(),
            min_group: doc.survey.min_group,
            min_group_comments: doc.survey.min_group_comments,
            released: None,
        });
    }
    let due =
        |round: &str| doc.round(round).is_some_and(|r| r.closed) && doc.published(round).is_none();
    let due: Vec<bool> = ROUNDS.iter().map(|r| due(r)).collect();
    let mut ahead = OpenedAhead::default();
    let mut honest = true;
    let mut problems = 0;
    let mut opened = vec![0usize; ROUNDS.len()];
    for sealed in &pool.records {
        if !u.ratio(3, 4)? {
            continue;
        }
        let mut record = sealed.record.clone();
        // (An exhausted input reads as zeros: zero is the common, cheap case.)
        let damaged = match u.int_in_range(0..=9u8)? {
            7 => {
                // Another character of the same alphabet (not the last: its low bits may be
                // padding that decodes alike).
                let at = u.int_in_range(0..=record.sealed.len() - 2)?;
                let mut text = record.sealed.into_bytes();
                text[at] = if text[at] == b'A' { b'B' } else { b'A' };
                record.sealed = String::from_utf8(text).unwrap_or_default();
                true
            }
            8 => {
                let to = ROUNDS[u.int_in_range(0..=2usize)?];
                let moved = to != record.round;
                record.round = to.to_owned();
                moved
            }
            9 => {
                record.id = ResponseId::from_random_bytes([200 + u.int_in_range(0..=20u8)?; 16]);
                true
            }
            _ => false,
        };
        // What opening it gives, for real (the same function a helper worker runs), kept
        // across runs: the fuzzer damages the same records in the same ways many times, and
        // each opening costs an X25519 operation (the open_record target covers opening).
        let truth = true_outcome(pool, sealed.kind, &record);
        assert!(!damaged || truth.is_err(), "a damaged record opened");
        // What the helper worker reported: usually the truth, sometimes that it failed, or
        // (a broken or hostile helper) any plaintext at all. Every record is reported, so the
        // release opens none itself here; its own opener is the one that made the truth.
        let failed = match u.int_in_range(0..=63u8)? {
            60..=63 => {
                ahead.insert(sealed.kind, &record, Err("the helper failed".to_owned()));
                true
            }
            58..=59 => {
                honest = false;
                ahead.insert(sealed.kind, &record, Ok(u.arbitrary()?));
                false
            }
            _ => {
                let failed = truth.is_err();
                ahead.insert(sealed.kind, &record, truth);
                failed
            }
        };
        let round = ROUNDS.iter().position(|r| *r == record.round).unwrap_or(0);
        if due[round] {
            if failed || !sealed.valid {
                problems += 1;
            } else if sealed.kind == Kind::Answers {
                opened[round] += 1;
            }
        }
        match sealed.kind {
            Kind::Answers => doc.sealed_answers.push(record),
            Kind::Comment => doc.sealed_comments.push(record),
        }
    }
    // Two records given one id: one is kept, so the counts above no longer hold.
    let records = doc.sealed_answers.len() + doc.sealed_comments.len();
    doc.sealed_answers.sort_by_key(|r| r.id);
    doc.sealed_answers.dedup_by_key(|r| r.id);
    doc.sealed_comments.sort_by_key(|r| r.id);
    doc.sealed_comments.dedup_by_key(|r| r.id);
    honest &= records == doc.sealed_answers.len() + doc.sealed_comments.len();
    let expected = Expected {
        problems,
        opened: ROUNDS
            .iter()
            .zip(opened)
            .zip(&due)
            .filter(|(_, due)| **due)
            .map(|((r, n), _)| ((*r).to_owned(), n))
            .collect(),
    };
    Ok((doc, ahead, honest.then_some(expected)))
}
