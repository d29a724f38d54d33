//! Three valid copies of one team file, merged: the same in any order (commutative,
//! associative), merging again changes nothing (idempotent), no record, tombstone, round or
//! published round of either copy is lost, and the result is valid. One known exception: when
//! the copies hold different survey definitions, plain answers given under one may not fit the
//! other (a scale made shorter, a question deleted before anyone answered it on that copy);
//! the merge keeps them and reports them, and every caller refuses to write such a file
//! (`candor merge`, `Change::Merge`, the write protocol).
#![no_main]

use arbitrary::Unstructured;
use candor::model::{self, merge};
use candor_fuzz::{assert_keeps, assert_round_trips, valid_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let (Ok(Some(a)), Ok(Some(b)), Ok(Some(c))) = (
        valid_document(&mut u),
        valid_document(&mut u),
        valid_document(&mut u),
    ) else {
        return;
    };
    let ab = merge(&a, &b).doc;
    let problems = model::validate(&ab);
    if problems.is_empty() {
        assert_round_trips(&ab);
    } else {
        assert_ne!(
            a.survey, b.survey,
            "copies of one survey merged into an invalid file"
        );
        for problem in &problems {
            assert!(
                problem.path.starts_with("$.responses["),
                "a merge broke more than answers: {problem:?}"
            );
        }
    }
    assert_eq!(merge(&b, &a).doc, ab, "merge is not commutative");
    assert_eq!(
        merge(&ab, &a).doc,
        ab,
        "merging a copy again changed the file"
    );
    assert_eq!(
        merge(&ab, &b).doc,
        ab,
        "merging a copy again changed the file"
    );
    assert_eq!(merge(&ab, &ab).doc, ab, "merge is not idempotent");
    assert_keeps(&a, &ab);
    assert_keeps(&b, &ab);
    assert_eq!(ab.survey.revision, a.survey.revision.max(b.survey.revision));
    assert_eq!(
        ab.survey.results_key.is_some(),
        a.survey.results_key.is_some() || b.survey.results_key.is_some(),
        "a sealed copy lost its key in a merge"
    );
    let left = merge(&ab, &c).doc;
    let right = merge(&a, &merge(&b, &c).doc).doc;
    assert_eq!(
        model::to_canonical_bytes(&left),
        model::to_canonical_bytes(&right),
        "merge is not associative"
    );
});
