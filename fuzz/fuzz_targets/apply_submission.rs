//! A submission (a response, a change, a withdrawal) applied to a valid team file: a valid
//! file or a clear refusal that leaves the file as it was; applying it again changes nothing;
//! nothing already in the file is lost; a closed round's records never change.
#![no_main]

use arbitrary::Unstructured;
use candor::model::{Document, Rejection};
use candor_fuzz::{assert_keeps, assert_round_trips, record_ids, submission, valid_document};
use libfuzzer_sys::fuzz_target;

/// The ids of the records of closed rounds, and which of them are withdrawn.
fn closed_records(doc: &Document) -> Vec<(String, bool)> {
    record_ids(doc)
        .into_iter()
        .filter(|id| {
            doc.round_of_record(*id)
                .and_then(|r| doc.round(r))
                .is_some_and(|r| r.closed)
        })
        .map(|id| (id.to_string(), doc.is_removed(id)))
        .collect()
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let Ok(Some(before)) = valid_document(&mut u) else {
        return;
    };
    let Ok(submission) = submission(&mut u, &before) else {
        return;
    };
    let mut doc = before.clone();
    match doc.apply(&submission) {
        Err(rejection) => {
            assert_eq!(doc, before, "a refused submission changed the file");
            assert!(!rejection.to_string().is_empty());
            if let Rejection::RoundClosed(round) = &rejection {
                assert!(before.round(round).is_some_and(|r| r.closed));
            }
        }
        Ok(()) => {
            assert_round_trips(&doc);
            assert!(doc.holds(&submission), "applied, but not held");
            assert_keeps(&before, &doc);
            assert_eq!(
                closed_records(&before),
                closed_records(&doc),
                "a closed round's records changed"
            );
            assert_eq!(doc.published, before.published, "published results changed");
            let once = doc.clone();
            assert_eq!(doc.apply(&submission), Ok(()), "a retry was refused");
            assert_eq!(doc, once, "a retry changed the file");
        }
    }
});
