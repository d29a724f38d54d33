//! The shared file format: the corpus of valid and invalid files, canonical output, the JSON
//! Schema, and the algebra of merge (property tests).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use candor::model::{
    self, ActionStatus, Document, Event, EventKind, FileError, ProblemKind, Published,
    ReleasedRound, ReleasedText, Response, ResponseId, Round, SealedRecord, merge, synth,
    templates,
};
use proptest::prelude::*;

fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn lines(error: &FileError) -> String {
    error.problems.iter().map(|p| format!("{p}\n")).collect()
}

/// Every invalid file fails with exactly the problems recorded next to it (one per line, as
/// `candor check` prints them). `CANDOR_BLESS=1` rewrites the records; review the diff.
#[test]
fn invalid_corpus_reports_every_problem_with_its_path() {
    let files = corpus("invalid");
    assert!(files.len() >= 20, "the invalid corpus went missing");
    let bless = std::env::var_os("CANDOR_BLESS").is_some();
    let mut mismatches = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let error = match model::load(&bytes) {
            Ok(_) => panic!("{} loaded but is in the invalid corpus", file.display()),
            Err(e) => e,
        };
        let got = lines(&error);
        let expected_path = file.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            mismatches.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                file.display()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn valid_corpus_loads_and_round_trips_canonically() {
    for file in corpus("valid") {
        let bytes = std::fs::read(&file).unwrap();
        let doc = model::load(&bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let canonical = model::to_canonical_bytes(&doc);
        let again = model::load(&canonical).unwrap();
        assert_eq!(again, doc, "{}", file.display());
        assert_eq!(
            model::to_canonical_bytes(&again),
            canonical,
            "{}",
            file.display()
        );
    }
}

#[test]
fn identical_duplicates_collapse_and_responses_are_written_sorted_by_id() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/valid/identical-duplicate-response.json");
    let doc = model::load(&std::fs::read(path).unwrap()).unwrap();
    // Four in the file: one repeated exactly (kept once) and one withdrawn (dropped on load;
    // its id stays, as the tombstone).
    assert_eq!(doc.responses.len(), 2);
    assert!(doc.is_removed(ResponseId::parse("ffeeddccbbaa99887766554433221100").unwrap()));
    let ids: Vec<ResponseId> = doc.responses.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let text = String::from_utf8(model::to_canonical_bytes(&doc)).unwrap();
    let first = text.find("0a1b2c3d").unwrap();
    let second = text.find("c1f0a2b3").unwrap();
    let removed = text.find("\"ffeeddcc").unwrap();
    assert!(first < second && second < removed);
    assert_eq!(
        text.matches("ffeeddcc").count(),
        1,
        "only the tombstone is left"
    );
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let bytes = vec![b' '; model::limits::MAX_FILE_BYTES + 1];
    let error = model::load(&bytes).unwrap_err();
    assert!(matches!(
        error.problems[0].kind,
        ProblemKind::FileTooLarge { .. }
    ));
}

#[test]
fn newer_versions_are_recognised_as_such() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/invalid/newer-version.json");
    let error = model::load(&std::fs::read(path).unwrap()).unwrap_err();
    assert!(error.is_newer_version());
    assert_eq!(error.problems.len(), 1);
}

/// Hostile bytes never panic the loader.
#[test]
fn garbage_never_panics() {
    let valid = model::to_canonical_bytes(&synth::synthetic(3, 40, 1));
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(
            &(0..valid.len(), any::<u8>(), 0..valid.len()),
            |(at, byte, cut)| {
                let mut bytes = valid.clone();
                bytes[at] = byte;
                let _ = model::load(&bytes);
                let _ = model::load(&bytes[..cut]);
                Ok(())
            },
        )
        .unwrap();
}

/// A generated file is committed as generated (`CANDOR_BLESS=1` writes it anew).
fn assert_committed(relative: &str, generated: &str, command: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("CANDOR_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is out of date: run `cargo run --bin candor -- {command} > {relative}`"
    );
}

#[test]
fn organisation_schema_is_up_to_date() {
    assert_committed(
        "docs/candor-org.schema.json",
        &(candor::org::schema_text() + "\n"),
        "org schema",
    );
}

#[test]
fn schema_is_up_to_date() {
    assert_committed(
        "docs/candor-survey.schema.json",
        &(candor::cli::schema_text() + "\n"),
        "schema",
    );
}

/// The demo file the team page serves is generated, never edited by hand.
#[test]
fn demo_file_is_up_to_date_and_shows_what_it_promises() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json");
    let doc = candor::release::demo();
    let generated = model::to_canonical_bytes(&doc);
    if std::env::var_os("CANDOR_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "assets/demo.json is out of date: run `cargo run --bin candor -- demo > assets/demo.json`"
    );
    assert!(model::load(&committed).is_ok());

    let report = candor::stats::report(&doc, 1);
    assert_eq!(report.rounds().len(), 12);
    let suppressed: Vec<&str> = report
        .rounds()
        .iter()
        .filter(|r| r.released().is_none())
        .map(|r| r.label())
        .collect();
    // August had too few answers; November is still collecting (no numbers while open).
    assert_eq!(suppressed, ["August 2026", "November 2026"]);
    assert!(
        report.rounds()[11]
            .pending()
            .is_some_and(|p| p.answers() == 8)
    );
    // Sealed: the file holds no answer anyone can read, and its key is the published demo key.
    assert!(doc.responses.is_empty());
    assert!(candor::release::demo_key().matches(doc.survey.results_key.as_deref().unwrap()));
    // The re-org shows as a dip in alignment that the engine calls a change, and recovers.
    let alignment = |label: &str| {
        report
            .rounds()
            .iter()
            .find(|r| r.label() == label)
            .and_then(|r| r.released())
            .and_then(|r| r.dimensions().iter().find(|d| d.dimension() == "alignment"))
            .and_then(|d| d.released())
            .map(|d| (d.mean(), d.change().map(|c| c.verdict())))
            .unwrap()
    };
    let (may, _) = alignment("May 2026");
    let (june, verdict) = alignment("June 2026");
    let (october, _) = alignment("October 2026");
    assert!(june < may - 0.8, "May {may}, June {june}");
    assert_eq!(verdict, Some(candor::stats::Verdict::Down));
    assert!(october > june + 0.8, "June {june}, October {october}");
}

#[test]
fn templates_make_valid_surveys() {
    let doc = Document::new(templates::survey_from(
        "t",
        "All templates",
        &templates::ALL,
    ));
    assert_eq!(model::validate(&doc), vec![]);
    assert_eq!(doc.survey.questions.len(), 17);
    let reverse: Vec<&str> = doc
        .survey
        .questions
        .iter()
        .filter(|q| q.reverse)
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(reverse, ["safety-1", "safety-3", "safety-5"]);
}

// ---- merge ----

/// Small documents over one survey, built from a pool of ids so that copies overlap, clash and
/// repeat, which is where merge bugs hide.
fn arb_doc() -> impl Strategy<Value = Document> {
    let round = (0..4usize, any::<bool>(), 0..2u8).prop_map(|(i, closed, variant)| Round {
        id: format!("r{i}"),
        label: format!("Round {i}{}", if variant == 1 { " (renamed)" } else { "" }),
        opened: format!("2026-0{}-01", i + 1),
        closed,
    });
    let response =
        (0..12u8, 0..4usize, 1..=7u8, prop::option::of(1..=7u8)).prop_map(|(id, round, a, b)| {
            let mut answers = model::Answers::new();
            answers.insert("s1", a);
            if let Some(b) = b {
                answers.insert("s2", b);
            }
            Response {
                id: ResponseId::from_random_bytes([id; 16]),
                round: format!("r{round}"),
                answers,
                comment: None,
            }
        });
    // Sealed records: ids from their own pools, two possible ciphertexts each (a clash), of
    // the lengths real records have (merge never opens them).
    let sealed = |pool: std::ops::Range<u8>, len: usize| {
        (pool, 0..4usize, 0..2u8).prop_map(move |(id, round, text)| SealedRecord {
            id: ResponseId::from_random_bytes([id; 16]),
            round: format!("r{round}"),
            sealed: (if text == 0 { "A" } else { "B" }).repeat(len),
        })
    };
    let answers_len = candor::seal::sealed_text_len(256);
    let comments_len = candor::seal::sealed_text_len(1024);
    // Published results: suppressed or with a count, minimums 5 or 6 (so copies can clash).
    let published =
        (0..4usize, 5..7u32, prop::option::of(5..9u32)).prop_map(|(round, min, n)| Published {
            round: format!("r{round}"),
            min_group: min,
            min_group_comments: min,
            released: n.map(|n| {
                ReleasedText::new(&ReleasedRound {
                    n,
                    dimensions: vec![],
                    comments: None,
                })
            }),
        });
    // Timeline entries from a small pool of ids, so copies hold the same entry: events, and
    // actions edited (revision, text, owner) and settled differently on each copy.
    let event = (
        0..4u8,
        0..4usize,
        any::<bool>(),
        (0..3u64, 0..2u8, prop::option::of(0..2u8)),
        (0..3u8, 0..4usize),
    )
        .prop_map(
            |(id, round, action, (revision, text, owner), (status, settled))| {
                let kind = if action {
                    EventKind::Action
                } else {
                    EventKind::Event
                };
                let mut e = Event::new(
                    format!("e{id}"),
                    format!("r{round}"),
                    format!("Entry {text}"),
                    None,
                    kind,
                );
                if action {
                    e.revision = revision;
                    e.owner = owner.map(|o| format!("Owner {o}"));
                    e.status = [
                        ActionStatus::Open,
                        ActionStatus::Dropped,
                        ActionStatus::Done,
                    ][usize::from(status)];
                    e.settled = (!e.status.is_open()).then(|| format!("r{settled}"));
                }
                e
            },
        );
    (
        (1..4u64, 0..2u8, 0..3u8),
        (
            prop::collection::vec(round, 0..4),
            prop::collection::vec(event, 0..4),
        ),
        prop::collection::vec(response, 0..8),
        prop::collection::vec(0..36u8, 0..3),
        prop::collection::vec(sealed(12..24, answers_len), 0..6),
        prop::collection::vec(sealed(24..36, comments_len), 0..4),
        prop::collection::vec(published, 0..3),
    )
        .prop_map(
            move |(
                (revision, title, key),
                (rounds, events),
                responses,
                removed,
                sealed_answers,
                sealed_comments,
                published,
            )| {
                let mut survey = templates::survey_from("s", "Survey", &[&templates::SAFETY]);
                survey.revision = revision;
                survey.title = format!("Survey {title}");
                // No key, or one of two (a sealed copy, or a tampered one).
                survey.results_key = match key {
                    0 => None,
                    1 => Some("k".repeat(43)),
                    _ => Some("j".repeat(43)),
                };
                let mut doc = Document::new(survey);
                doc.rounds = rounds;
                doc.responses = responses;
                doc.sealed_answers = sealed_answers;
                doc.sealed_comments = sealed_comments;
                doc.published = published;
                doc.sealed_answers.sort_by_key(|r| r.id);
                doc.sealed_answers.dedup_by_key(|r| r.id);
                doc.sealed_comments.sort_by_key(|r| r.id);
                doc.sealed_comments.dedup_by_key(|r| r.id);
                doc.published.sort_by(|a, b| a.round.cmp(&b.round));
                doc.published.dedup_by(|a, b| a.round == b.round);
                doc.removed = removed
                    .into_iter()
                    .map(|b| ResponseId::from_random_bytes([b; 16]))
                    .collect();
                // One copy never holds two versions of a response or round.
                doc.responses.sort_by_key(|r| r.id);
                doc.responses.dedup_by_key(|r| r.id);
                doc.rounds.sort_by(|a, b| a.id.cmp(&b.id));
                doc.rounds.dedup_by(|a, b| a.id == b.id);
                doc.events = events;
                doc.events.sort_by(|a, b| a.id.cmp(&b.id));
                doc.events.dedup_by(|a, b| a.id == b.id);
                doc.normalize();
                doc
            },
        )
}

proptest! {
    /// Whatever a facilitator types as a title, the survey id made from it is a valid id, and
    /// making one again from that id changes nothing.
    #[test]
    fn a_slug_from_any_title_is_a_valid_id(title in any::<String>(), ascii in "[ -~]{0,120}") {
        for title in [title, ascii] {
            let slug = model::slug_from_title(&title);
            prop_assert!(model::is_slug(&slug), "{:?} -> {:?}", title, slug);
            prop_assert!(slug.len() <= model::TITLE_SLUG_LEN);
            prop_assert!(!slug.ends_with('-'));
            prop_assert_eq!(model::slug_from_title(&slug), slug.clone());
        }
    }

    #[test]
    fn merge_is_commutative(a in arb_doc(), b in arb_doc()) {
        prop_assert_eq!(merge(&a, &b).doc, merge(&b, &a).doc);
    }

    #[test]
    fn merge_is_associative(a in arb_doc(), b in arb_doc(), c in arb_doc()) {
        let left = merge(&merge(&a, &b).doc, &c).doc;
        let right = merge(&a, &merge(&b, &c).doc).doc;
        prop_assert_eq!(model::to_canonical_bytes(&left), model::to_canonical_bytes(&right));
    }

    #[test]
    fn merge_is_idempotent(a in arb_doc(), b in arb_doc()) {
        prop_assert_eq!(&merge(&a, &a).doc, &a);
        let ab = merge(&a, &b).doc;
        prop_assert_eq!(&merge(&ab, &b).doc, &ab);
    }

    #[test]
    fn merge_loses_nothing(a in arb_doc(), b in arb_doc()) {
        let m = merge(&a, &b).doc;
        // Every record is kept, unless withdrawn: then only its id stays, as the tombstone.
        for r in a.responses.iter().chain(&b.responses) {
            prop_assert!(m.responses.iter().any(|x| x.id == r.id) != m.is_removed(r.id));
        }
        for r in a.sealed_answers.iter().chain(&b.sealed_answers) {
            prop_assert!(m.sealed_answers.iter().any(|x| x.id == r.id) != m.is_removed(r.id));
        }
        for r in a.sealed_comments.iter().chain(&b.sealed_comments) {
            prop_assert!(m.sealed_comments.iter().any(|x| x.id == r.id) != m.is_removed(r.id));
        }
        // A round's published results are never dropped, and a sealed copy stays sealed.
        for p in a.published.iter().chain(&b.published) {
            prop_assert!(m.published(&p.round).is_some());
        }
        prop_assert_eq!(
            m.survey.results_key.is_some(),
            a.survey.results_key.is_some() || b.survey.results_key.is_some()
        );
        for id in a.removed.iter().chain(&b.removed) {
            prop_assert!(m.is_removed(*id));
        }
        for r in a.rounds.iter().chain(&b.rounds) {
            let kept = m.round(&r.id);
            prop_assert!(kept.is_some());
            // Closing a round is never undone by a merge.
            prop_assert!(!r.closed || kept.is_some_and(|k| k.closed));
        }
        prop_assert_eq!(m.survey.revision, a.survey.revision.max(b.survey.revision));
        // An action's status only goes forward, and the most edited text is kept.
        for e in a.events.iter().chain(&b.events) {
            let kept = m.events.iter().find(|k| k.id == e.id);
            prop_assert!(kept.is_some());
            if let Some(k) = kept.filter(|k| (&k.round, k.kind) == (&e.round, e.kind)) {
                prop_assert!(k.status >= e.status);
                prop_assert!(k.revision >= e.revision);
            }
        }
    }
}

/// Two copies of one action: one edited (owner and text) on a laptop, the other marked done
/// on a phone. The merge keeps both changes, the same way round in either order, and says
/// nothing of a clash; two different edits at the same count are a clash, decided the same
/// way in either order.
#[test]
fn an_action_edited_on_one_copy_and_done_on_another_keeps_both_changes() {
    let mut base = synth::demo();
    let id = base
        .actions()
        .find(|a| a.status.is_open())
        .map(|a| a.id.clone())
        .expect("the demo has an open action");
    base.change(&model::Change::OpenRound(
        templates::monthly_round("2026-12-01").expect("a round"),
    ))
    .expect_err("November is still open");
    let mut laptop = base.clone();
    let mut phone = base.clone();
    laptop
        .change(&model::Change::EditAction {
            id: id.clone(),
            label: "Blameless review of the September incident, shared in writing".into(),
            owner: Some("On-call lead".into()),
            review: Some("2026-11-15".into()),
        })
        .expect("edited");
    phone
        .change(&model::Change::SettleAction {
            id: id.clone(),
            status: ActionStatus::Done,
        })
        .expect("settled");
    let one = merge(&laptop, &phone);
    let other = merge(&phone, &laptop);
    assert_eq!(one.doc, other.doc);
    assert!(one.conflicts.is_empty(), "{:?}", one.conflicts);
    let action = one.doc.events.iter().find(|e| e.id == id).expect("kept");
    assert_eq!(action.owner.as_deref(), Some("On-call lead"));
    assert_eq!(action.revision, 1);
    assert_eq!(action.status, ActionStatus::Done);
    assert_eq!(
        action.settled.as_deref(),
        Some("2026-11"),
        "settled in the latest round"
    );
    // Its review day moved to mid-November: October's review lists it as waiting, not due.
    let october = one.doc.review_at("2026-10");
    assert!(october.later.iter().any(|a| a.id == id));
    assert!(!october.due.iter().any(|a| a.id == id));
    assert!(model::validate(&one.doc).is_empty());

    // Dropped on one copy, done on another: done, whichever way round.
    let mut dropped = base.clone();
    dropped
        .change(&model::Change::SettleAction {
            id: id.clone(),
            status: ActionStatus::Dropped,
        })
        .expect("dropped");
    for merged in [merge(&dropped, &phone), merge(&phone, &dropped)] {
        let action = merged.doc.events.iter().find(|e| e.id == id).expect("kept");
        assert_eq!(action.status, ActionStatus::Done);
    }
    // A settled action never reopens, and done is not undone by dropping it later.
    let mut done = phone.clone();
    assert_eq!(
        done.change(&model::Change::SettleAction {
            id: id.clone(),
            status: ActionStatus::Open
        }),
        Err(model::EditError::Settled(
            "Blameless review of the September incident, written up for everyone".into()
        ))
    );
    assert!(
        done.change(&model::Change::SettleAction {
            id: id.clone(),
            status: ActionStatus::Dropped
        })
        .is_err()
    );

    // Two different edits at the same count: a clash, decided the same way in either order.
    let mut other_laptop = base.clone();
    other_laptop
        .change(&model::Change::EditAction {
            id: id.clone(),
            label: "Review the incident together".into(),
            owner: None,
            review: None,
        })
        .expect("edited");
    let one = merge(&laptop, &other_laptop);
    assert_eq!(one.doc, merge(&other_laptop, &laptop).doc);
    assert_eq!(
        one.conflicts,
        vec![model::Conflict::Event { id: id.clone() }]
    );
}

/// Actions from a version 2 file (no owner, review day or status) read as open actions, due
/// in the round after the one they were agreed in, and are written back as the newest version.
#[test]
fn version_2_actions_migrate_to_open_actions() {
    let mut doc = synth::demo();
    for e in &mut doc.events {
        e.owner = None;
        e.status = ActionStatus::Open;
        e.settled = None;
    }
    let mut text = String::from_utf8(model::to_canonical_bytes(&doc)).expect("utf-8");
    text = text.replacen("\"version\": 4", "\"version\": 2", 1);
    assert!(text.contains("\"version\": 2"));
    let loaded = model::load(text.as_bytes()).expect("a version 2 file loads");
    assert_eq!(loaded.version, model::FORMAT_VERSION);
    assert!(loaded.actions().all(|a| a.status.is_open()));
    let june = loaded
        .actions()
        .find(|a| a.round == "2026-06")
        .expect("an action after June");
    assert_eq!(
        loaded.due_round(june).map(|r| r.id.as_str()),
        Some("2026-07")
    );
    let review = loaded.review_at("2026-11");
    assert_eq!(review.due.len(), 6, "every open action from before is due");
    assert!(
        String::from_utf8(model::to_canonical_bytes(&loaded))
            .expect("utf-8")
            .contains("\"version\": 4")
    );
}

/// What each round's results are reviewed with, in the demo: October reviews the action from
/// September and the one done in October; what was settled in September is reviewed there;
/// an action with a later review day waits; nothing is due before it was agreed.
#[test]
fn a_round_reviews_the_actions_due_in_it() {
    let mut doc = synth::demo();
    let labels = |events: &[&Event]| events.iter().map(|e| e.label.clone()).collect::<Vec<_>>();
    // October's results review what was due by October and open then (one since done, in
    // October itself; one still open), and list what was agreed after it.
    let october = doc.review_at("2026-10");
    assert_eq!(
        labels(&october.due),
        [
            "Pair people across the two former teams on the next project",
            "Blameless review of the September incident, written up for everyone"
        ]
    );
    assert_eq!(
        labels(&october.agreed),
        ["Keep a written log of decisions in the team wiki"]
    );
    assert!(october.later.is_empty());
    let november = doc.review_at("2026-11");
    assert_eq!(november.due.len(), 2);
    assert!(november.agreed.is_empty());
    // What was settled before a round is not reviewed again in it.
    let september = doc.review_at("2026-09");
    assert_eq!(
        labels(&september.due),
        [
            "Pair people across the two former teams on the next project",
            "Move planning to Monday mornings"
        ]
    );
    let june = doc.review_at("2026-06");
    assert!(june.due.is_empty());
    assert_eq!(june.agreed.len(), 2);
    // Agreed after November with a review day in February: not due in December.
    doc.change(&model::Change::CloseRound("2026-11".into()))
        .expect("closed");
    doc.change(&model::Change::AgreeAction {
        after: "2026-11".into(),
        label: "Quarterly planning day".into(),
        owner: Some("  ".into()),
        review: Some("2027-02-01".into()),
    })
    .expect("agreed");
    let added = doc
        .actions()
        .find(|a| a.label == "Quarterly planning day")
        .expect("added");
    assert_eq!(added.owner, None, "a blank owner is no owner");
    doc.change(&model::Change::OpenRound(
        templates::monthly_round("2026-12-01").expect("a round"),
    ))
    .expect("opened");
    // December is collecting: what the team discusses is still November's results.
    assert_eq!(
        doc.discussed_round().map(|r| r.id.as_str()),
        Some("2026-11")
    );
    let december = doc.review_at("2026-12");
    assert_eq!(labels(&december.later), ["Quarterly planning day"]);
    // Done early, in December, before its review day: December reviews it as done.
    let id = doc
        .actions()
        .find(|a| a.label == "Quarterly planning day")
        .map(|a| a.id.clone())
        .expect("added");
    doc.change(&model::Change::SettleAction {
        id,
        status: ActionStatus::Done,
    })
    .expect("settled");
    let december = doc.review_at("2026-12");
    assert_eq!(
        labels(&december.due).last().map(String::as_str),
        Some("Quarterly planning day")
    );
    assert!(december.later.is_empty());
    assert!(doc.review_at("nowhere").is_empty());
}

/// A file that gives an event what only an action has, or an action a status without the
/// round it was settled in, is refused with the field named.
#[test]
fn action_fields_are_checked() {
    let mut doc = synth::demo();
    let event = doc
        .events
        .iter_mut()
        .find(|e| e.kind == EventKind::Event)
        .expect("an event");
    event.owner = Some("Lead".into());
    let mut action = Event::new(
        "x".into(),
        "2026-06".into(),
        "Try".into(),
        None,
        EventKind::Action,
    );
    action.status = ActionStatus::Done;
    doc.events.push(action);
    let mut unknown = Event::new(
        "y".into(),
        "2026-06".into(),
        "Try".into(),
        None,
        EventKind::Action,
    );
    unknown.status = ActionStatus::Dropped;
    unknown.settled = Some("2031-01".into());
    doc.events.push(unknown);
    doc.normalize();
    let problems: Vec<String> = model::validate(&doc)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains(".owner") && p.contains("only an agreed action")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(".settled") && p.contains("exactly when")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(".settled") && p.contains("unknown round \"2031-01\"")),
        "{problems:?}"
    );
}

#[test]
fn equal_revisions_with_different_surveys_are_reported() {
    let a = Document::new(templates::survey_from("s", "One", &[&templates::SAFETY]));
    let b = Document::new(templates::survey_from("s", "Two", &[&templates::SAFETY]));
    let ab = merge(&a, &b);
    assert_eq!(ab.conflicts, vec![model::Conflict::Survey { revision: 1 }]);
    assert_eq!(ab.doc.survey.title, "Two");
    assert_eq!(merge(&b, &a).doc, ab.doc);
}

/// Published numbers pass through the pages that only carry them (the survey form, set-up:
/// `model::load`) exactly as they are, and are read and checked where they are shown
/// (`model::load_full`: the results page, the reader worker, the tool), each problem with
/// its path. A copy pretty-printed by hand reads the same and is written back as one line.
#[test]
fn published_numbers_pass_through_writers_and_are_checked_where_shown() {
    let demo = candor::release::demo();
    let text = String::from_utf8(model::to_canonical_bytes(&demo)).unwrap();
    let first = demo
        .published
        .iter()
        .position(|p| p.released.is_some())
        .unwrap();
    let released = demo.published[first].released.as_ref().unwrap().as_str();
    assert!(text.contains(released), "written as it is kept");
    // A mean far outside the 7-point scale.
    let damaged = released.replacen("\"mean\":", "\"mean\":90", 1);
    assert_ne!(damaged, released);
    let tampered = text.replacen(released, &damaged, 1);

    let carried = model::load(tampered.as_bytes()).unwrap();
    let written = String::from_utf8(model::to_canonical_bytes(&carried)).unwrap();
    assert!(written.contains(&damaged), "carried along untouched");

    let error = model::load_full(tampered.as_bytes()).unwrap_err();
    let mean = format!("$.published[{first}].released.dimensions[0].released.mean");
    assert!(error.problems.iter().any(|p| p.path == mean), "{error:?}");
    // Not a released round at all (a list): named too.
    let garbage = text.replacen(released, "[1, 2]", 1);
    let error = model::load_full(garbage.as_bytes()).unwrap_err();
    assert_eq!(
        error.problems[0].path,
        format!("$.published[{first}].released")
    );

    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pretty = serde_json::to_string_pretty(&value).unwrap();
    assert_ne!(pretty, text);
    let reread = model::load_full(pretty.as_bytes()).unwrap();
    assert_eq!(reread, demo);
    assert_eq!(model::to_canonical_bytes(&reread), text.as_bytes());
}

#[test]
fn a_version_3_file_reads_as_an_english_version_4_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/platform-team.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(!text.contains("\"language\""));
    let doc = model::load(text.as_bytes()).unwrap();
    assert_eq!(doc.version, model::FORMAT_VERSION);
    assert_eq!(doc.survey.language, "en");
    assert!(doc.survey.translations.is_empty());
    let written = String::from_utf8(model::to_canonical_bytes(&doc)).unwrap();
    assert!(written.contains("\"version\": 4,"));
    assert!(written.contains("\n    \"language\": \"en\",\n"));
    assert!(!written.contains("translations"));
}

#[test]
fn a_survey_is_read_in_a_translation_only_when_everything_shown_is_translated() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/translated.json");
    let doc = model::load(&std::fs::read(path).unwrap()).unwrap();
    let survey = &doc.survey;
    assert_eq!(survey.languages().collect::<Vec<_>>(), ["de", "ar", "es"]);
    // Arabic has every text a respondent sees (the retired question is not shown).
    let arabic = survey.in_language("ar").expect("complete in Arabic");
    assert_eq!(arabic.title, "نبض المنصة");
    assert_eq!(arabic.dimensions[0].name, "الأمان النفسي");
    assert_eq!(arabic.questions[0].text, "من الآمن المجازفة في هذا الفريق.");
    assert_eq!(arabic.language, "ar");
    assert!(arabic.translations.is_empty());
    // The questions keep their ids, so an answer reads the same in every language.
    let ids = |s: &model::Survey| s.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&arabic), ids(survey));
    // Spanish lacks the title: not shown in Spanish at all.
    assert_eq!(survey.untranslated("es"), [model::Part::Title]);
    assert!(survey.in_language("es").is_none());
    assert_eq!(survey.in_language("de").as_ref(), Some(survey));
    assert!(survey.in_language("fr").is_none());
    // Once the title is translated, it is.
    let mut edited = survey.clone();
    edited.set_translation("es", &model::Part::Title, "  Pulso de la plataforma ");
    assert_eq!(
        edited.in_language("es").unwrap().title,
        "Pulso de la plataforma"
    );
    // The survey's own language is not a translation; a bad code is ignored.
    edited.set_translation("de", &model::Part::Title, "Anders");
    edited.set_translation("x-klingon", &model::Part::Title, "Anders");
    assert_eq!(edited.title, survey.title);
    assert_eq!(edited.translations.len(), 2);
    // A blank text adds no language; past the limit no language is added (the file would be
    // refused), while the ones there can still be edited.
    edited.set_translation("fr", &model::Part::Title, "  ");
    assert!(!edited.translations.contains_key("fr"));
    let codes: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
    for code in &codes {
        edited.add_language(code);
    }
    assert_eq!(edited.translations.len(), model::MAX_TRANSLATIONS);
    edited.set_translation("zz", &model::Part::Title, "Zed");
    assert!(!edited.translations.contains_key("zz"));
    edited.set_translation("ar", &model::Part::Title, "عنوان");
    assert_eq!(edited.translated("ar", &model::Part::Title), Some("عنوان"));
}

#[test]
fn a_surveys_first_language_is_named_without_touching_its_texts() {
    // A file from before languages were recorded reads as English; its facilitator says the
    // questions are German.
    let mut survey =
        templates::survey_in("team", "Team-Puls", &[&templates::SAFETY], "de", &["ar"]);
    survey.language = "en".into();
    let before = survey.clone();
    survey.name_first_language("de");
    assert_eq!(survey.language, "de");
    assert_eq!(
        (&survey.title, &survey.questions, &survey.translations),
        (&before.title, &before.questions, &before.translations),
        "only the name changes"
    );
    // A language it is translated into, or no language code, is refused.
    survey.name_first_language("ar");
    survey.name_first_language("<b>");
    survey.name_first_language("");
    assert_eq!(survey.language, "de");
    let mut doc = Document::new(survey);
    doc.rounds
        .push(templates::monthly_round("2026-11-30").expect("a round"));
    assert!(
        model::validate(&doc).is_empty(),
        "{:?}",
        model::validate(&doc)
    );
}

#[test]
fn every_template_is_written_in_every_interface_language() {
    let everything = [
        &templates::SAFETY,
        &templates::ALIGNMENT,
        &templates::FAILURE,
    ];
    for template in everything {
        let texts = std::iter::once(&template.name).chain(template.questions.iter().map(|q| &q.1));
        for words in texts {
            for (i, text) in words.iter().enumerate().skip(1) {
                assert!(!text.trim().is_empty(), "{}: {i}", words[0]);
                assert_ne!(*text, words[0], "left in English: {}", words[0]);
            }
        }
    }
    for &language in &templates::LANGUAGES {
        let others: Vec<&str> = templates::LANGUAGES
            .iter()
            .copied()
            .filter(|&l| l != language)
            .collect();
        let title = templates::in_language(&templates::TITLE, language).unwrap();
        let survey = templates::survey_in("team", title, &everything, language, &others);
        let mut doc = Document::new(survey.clone());
        doc.rounds
            .push(templates::monthly_round("2026-12-01").unwrap());
        assert!(
            model::validate(&doc).is_empty(),
            "{language}: {:?}",
            model::validate(&doc)
        );
        assert_eq!(survey.language, language);
        for &other in &others {
            let read = survey
                .in_language(other)
                .unwrap_or_else(|| panic!("{language} in {other}"));
            let again = templates::survey_in("team", read.title.as_str(), &everything, other, &[]);
            assert_eq!(read.title, again.title);
            assert_eq!(read.dimensions, again.dimensions);
            assert_eq!(
                read.questions, again.questions,
                "{language} read in {other}"
            );
        }
    }
}

#[test]
fn bad_languages_and_translations_are_reported_with_their_paths() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/invalid/bad-translations.json");
    let error = model::load(&std::fs::read(path).unwrap()).unwrap_err();
    let kinds: Vec<_> = error
        .problems
        .iter()
        .map(|p| (p.path.as_str(), &p.kind))
        .collect();
    assert!(kinds.contains(&(
        "$.survey.translations.en-GB",
        &ProblemKind::BadLanguage("en-GB".into())
    )));
    assert!(kinds.contains(&(
        "$.survey.translations.deu",
        &ProblemKind::OwnLanguage("deu".into())
    )));
    assert!(kinds.contains(&("$.survey.translations.es.title", &ProblemKind::EmptyText)));
    assert!(kinds.contains(&(
        "$.survey.translations.es.dimensions.trust",
        &ProblemKind::UnknownDimension("trust".into())
    )));
    assert!(kinds.contains(&(
        "$.survey.translations.es.questions.s9",
        &ProblemKind::UnknownQuestion("s9".into())
    )));
    assert!(kinds.contains(&(
        "$.survey.translations.es.questions.s1",
        &ProblemKind::ControlCharacter
    )));
    let mut doc = templates::starter("2026-11-02").unwrap();
    doc.survey.language = "Deutsch".into();
    let problems = model::validate(&doc);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "$.survey.language");
    assert_eq!(problems[0].kind, ProblemKind::BadLanguage("Deutsch".into()));
}

#[test]
fn translations_travel_with_the_survey_revision_in_a_merge() {
    let mut doc = templates::starter("2026-11-02").unwrap();
    let plain = doc.clone();
    let mut survey = doc.survey.clone();
    survey.set_translation("de", &model::Part::Title, "Team-Puls");
    survey.revision += 1;
    let base = doc.survey.revision;
    doc.change(&model::Change::Revise { base, survey }).unwrap();
    for (a, b) in [(&doc, &plain), (&plain, &doc)] {
        let merged = merge(a, b);
        assert_eq!(
            merged.doc.survey.translated("de", &model::Part::Title),
            Some("Team-Puls")
        );
    }
}
