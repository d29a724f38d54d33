//! Sealing in the wasm build the phones run: the RFC 9180 vectors, a record sealed by the
//! native build opened here, and a record sealed here with the browser's random source opened
//! here (the end-to-end test has the browser's records opened by the native tool).

use candor::seal::{self, Binding, Kind, ResultsKey};
use wasm_bindgen_test::*;

#[path = "../common/hpke_vectors.rs"]
mod hpke_vectors;

#[wasm_bindgen_test]
fn rfc9180_vectors_hold_in_the_browser() {
    hpke_vectors::check_all();
}

#[wasm_bindgen_test]
fn a_record_sealed_natively_opens_in_the_browser() {
    hpke_vectors::open_native_fixture();
}

#[wasm_bindgen_test]
fn the_browsers_random_source_seals_and_never_repeats() {
    let mut fill = candor::storage::browser::random_source().unwrap();
    let key = ResultsKey::generate(&mut fill);
    let binding = Binding {
        kind: Kind::Answers,
        survey: "team",
        round: "2026-11",
        id: "00000000000000000000000000000001",
    };
    let a = seal::seal(key.public(), &binding, b"{\"q\":5}", 256, &mut fill).unwrap();
    let b = seal::seal(key.public(), &binding, b"{\"q\":5}", 256, &mut fill).unwrap();
    assert_ne!(a, b, "fresh randomness for every record");
    assert_eq!(a.len(), b.len());
    assert_eq!(seal::open(&key, &binding, &a).unwrap(), b"{\"q\":5}");
    assert_ne!(ResultsKey::generate(&mut fill).to_text(), key.to_text());
}

#[wasm_bindgen_test]
async fn a_key_made_by_webcrypto_is_a_candor_results_key() {
    // This browser (a secure context) has WebCrypto X25519; set-up uses it when it can.
    let (secret, public) = candor::sealer::webcrypto_key()
        .await
        .expect("X25519 in WebCrypto");
    let key = ResultsKey::from_text(&secret).unwrap();
    assert_eq!(
        key.public().to_text(),
        public,
        "the same public key as Candor derives"
    );
    let binding = Binding {
        kind: Kind::Comment,
        survey: "team",
        round: "2026-11",
        id: "00000000000000000000000000000003",
    };
    let mut fill = candor::storage::browser::random_source().unwrap();
    let public = seal::PublicKey::from_text(&public).unwrap();
    let sealed = seal::seal(&public, &binding, b"hello", 256, &mut fill).unwrap();
    assert_eq!(seal::open(&key, &binding, &sealed).unwrap(), b"hello");
}
