//! A facilitator's changes applied one after another to a valid team file: each gives a valid
//! file or a clear refusal that leaves the file as it was, and never takes back what makes
//! answers anonymous and results final: closed rounds stay closed, published results never
//! change, once people have answered the scale stays and the minimums only rise, and no
//! record, round or tombstone is lost. Making the same change again changes nothing.
#![no_main]

use arbitrary::Unstructured;
use candor::model::{Change, Document};
use candor_fuzz::{assert_keeps, assert_round_trips, change, valid_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let Ok(Some(mut doc)) = valid_document(&mut u) else {
        return;
    };
    for _ in 0..4 {
        let Ok(change) = change(&mut u, &doc) else {
            return;
        };
        let before = doc.clone();
        match doc.change(&change) {
            Err(error) => {
                assert_eq!(doc, before, "a refused change changed the file");
                assert!(!error.to_string().is_empty());
            }
            Ok(false) => assert_eq!(doc, before, "\"nothing changed\", but the file did"),
            Ok(true) => {
                assert_round_trips(&doc);
                assert_keeps(&before, &doc);
                for published in &before.published {
                    assert_eq!(doc.published(&published.round), Some(published));
                }
                if before.has_any_answers() {
                    assert_eq!(doc.survey.scale, before.survey.scale, "scale changed");
                    assert!(
                        doc.survey.min_group >= before.survey.min_group,
                        "minimum lowered"
                    );
                    assert!(
                        doc.survey.min_group_comments >= before.survey.min_group_comments,
                        "comment minimum lowered"
                    );
                }
                // Opening a round closes none: it is refused while another is open. (A merge
                // keeps every round of both copies, open or not, as it keeps everything.)
                if matches!(change, Change::OpenRound(_)) {
                    let open = |d: &Document| d.rounds.iter().filter(|r| !r.closed).count();
                    assert!(open(&doc) <= 1, "a second round opened");
                }
                let once = doc.clone();
                if doc.change(&change) == Ok(true) {
                    panic!("the same change made twice changed the file twice: {change:?}");
                }
                assert_eq!(doc, once);
            }
        }
    }
});
