//! The shared file format: the corpus of valid and invalid files, canonical output, the JSON
//! Schema, and the algebra of merge (property tests).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use candor::model::{
    self, Document, FileError, ProblemKind, Response, ResponseId, Round, merge, synth, templates,
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
    assert_eq!(doc.responses.len(), 3);
    let ids: Vec<ResponseId> = doc.responses.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let text = String::from_utf8(model::to_canonical_bytes(&doc)).unwrap();
    let first = text.find("0a1b2c3d").unwrap();
    let second = text.find("c1f0a2b3").unwrap();
    let third = text.find("\"ffeeddcc").unwrap();
    assert!(first < second && second < third);
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

#[test]
fn schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/candor-survey.schema.json");
    let generated = candor::cli::schema_text() + "\n";
    if std::env::var_os("CANDOR_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/candor-survey.schema.json is out of date: run `cargo run --bin candor -- schema > docs/candor-survey.schema.json`"
    );
}

/// The demo file the team page serves is generated, never edited by hand.
#[test]
fn demo_file_is_up_to_date_and_shows_what_it_promises() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json");
    let doc = candor::model::synth::demo();
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
    assert_eq!(suppressed, ["August 2026"]);
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
    let (november, _) = alignment("November 2026");
    assert!(june < may - 0.8, "May {may}, June {june}");
    assert_eq!(verdict, Some(candor::stats::Verdict::Down));
    assert!(november > june + 0.8, "June {june}, November {november}");
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
    (
        1..4u64,
        0..2u8,
        prop::collection::vec(round, 0..4),
        prop::collection::vec(response, 0..8),
        prop::collection::vec(0..12u8, 0..3),
    )
        .prop_map(|(revision, title, rounds, responses, removed)| {
            let mut survey = templates::survey_from("s", "Survey", &[&templates::SAFETY]);
            survey.revision = revision;
            survey.title = format!("Survey {title}");
            let mut doc = Document::new(survey);
            doc.rounds = rounds;
            doc.responses = responses;
            doc.removed = removed
                .into_iter()
                .map(|b| ResponseId::from_random_bytes([b; 16]))
                .collect();
            // One copy never holds two versions of a response or round.
            doc.responses.sort_by_key(|r| r.id);
            doc.responses.dedup_by_key(|r| r.id);
            doc.rounds.sort_by(|a, b| a.id.cmp(&b.id));
            doc.rounds.dedup_by(|a, b| a.id == b.id);
            doc.normalize();
            doc
        })
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
        for r in a.responses.iter().chain(&b.responses) {
            prop_assert!(m.responses.iter().any(|x| x.id == r.id));
        }
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
    }
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
