//! Candor's sealing against the RFC 9180 published test vectors, natively (the browser runs the
//! same checks in `tests/browser/seal.rs`).

#[path = "common/hpke_vectors.rs"]
mod hpke_vectors;

#[test]
fn rfc9180_vectors_for_the_suite_candor_seals_with() {
    hpke_vectors::check_all();
}
