//! Any bytes as a team file: never a panic, every problem explained; an accepted file is valid,
//! and its canonical form loads back to the same document and is written the same again.
#![no_main]

use candor::model;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match model::load(bytes) {
        Ok(doc) => {
            candor_fuzz::assert_round_trips(&doc);
            let canonical = model::to_canonical_bytes(&doc);
            let again = model::load(&canonical).expect("checked by assert_round_trips");
            assert_eq!(model::to_canonical_bytes(&again), canonical);
            // The published numbers are read where they are shown: a clear error or numbers
            // that pass through unchanged.
            if model::load_full(bytes).is_ok() {
                for published in &doc.published {
                    if let Some(text) = &published.released {
                        assert!(text.read().is_ok());
                    }
                }
            }
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "a refusal without a reason");
            for problem in &error.problems {
                assert!(!problem.to_string().is_empty());
            }
            assert!(!error.to_string().is_empty());
        }
    }
});
