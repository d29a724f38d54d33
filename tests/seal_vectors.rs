//! Candor's sealing against the RFC 9180 published test vectors, natively (the browser runs the
//! same checks in `tests/browser/seal.rs`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/hpke_vectors.rs"]
mod hpke_vectors;

#[test]
fn rfc9180_vectors_for_the_suite_candor_seals_with() {
    hpke_vectors::check_all();
}

/// A record sealed by this native build, committed as a fixture: the browser test
/// (`tests/browser/seal.rs`) opens it with the browser's wasm build, and this test checks it
/// still opens here. `CANDOR_BLESS=1` writes it anew.
#[test]
fn the_cross_build_fixture_opens_natively() {
    use candor::seal::{self, Binding, Kind, ResultsKey};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hpke/sealed-natively.json");
    if std::env::var_os("CANDOR_BLESS").is_some() {
        let key = ResultsKey::generate(&mut |b: &mut [u8]| getrandom::fill(b).unwrap());
        let binding = Binding {
            kind: Kind::Comment,
            survey: "team",
            round: "2026-11",
            id: "0123456789abcdef0123456789abcdef",
        };
        let sealed = seal::seal(
            key.public(),
            &binding,
            "sealed natively: ünïcode ✓".as_bytes(),
            256,
            &mut |b: &mut [u8]| getrandom::fill(b).unwrap(),
        )
        .unwrap();
        let fixture = serde_json::json!({
            "key": key.to_text(),
            "public": key.public().to_text(),
            "survey": "team",
            "round": "2026-11",
            "id": "0123456789abcdef0123456789abcdef",
            "kind": "comment",
            "plaintext": "sealed natively: ünïcode ✓",
            "sealed": sealed,
        });
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&fixture).unwrap() + "\n",
        )
        .unwrap();
    }
    hpke_vectors::open_native_fixture();
}
