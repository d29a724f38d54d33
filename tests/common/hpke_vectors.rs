//! RFC 9180 Appendix A.2.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, base
//! mode), checked against Candor's sealing functions. Shared by the native test
//! (`tests/seal_vectors.rs`) and the browser test (`tests/browser/seal.rs`), so the very same
//! checks run on the machine and in the wasm build the phones get.

use candor::seal::{self, suite};
use suite::{Deserializable, Serializable};

const VECTORS: &str =
    include_str!("../fixtures/hpke/rfc9180-base-x25519-sha256-chacha20poly1305.json");

fn hex(value: &serde_json::Value) -> Vec<u8> {
    let text = value.as_str().expect("a hex string");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digits"))
        .collect()
}

/// Every check; panics with the name of the first one that fails.
pub fn check_all() {
    let v: serde_json::Value = serde_json::from_str(VECTORS).expect("the fixture is JSON");
    assert_eq!(
        (
            v["kem_id"].as_u64(),
            v["kdf_id"].as_u64(),
            v["aead_id"].as_u64()
        ),
        (Some(32), Some(1), Some(3))
    );

    // DeriveKeyPair gives the published key pairs.
    let (sk_r, pk_r) = suite::derive_keypair(&hex(&v["ikmR"]));
    // The crate keeps X25519 secrets clamped (RFC 7748 section 5), the RFC lists them as
    // derived; the two are the same key.
    let mut clamped = hex(&v["skRm"]);
    clamped[0] &= 248;
    clamped[31] &= 127;
    clamped[31] |= 64;
    assert_eq!(sk_r.to_bytes().to_vec(), clamped, "skRm");
    assert_eq!(pk_r.to_bytes().to_vec(), hex(&v["pkRm"]), "pkRm");
    let (_, pk_e) = suite::derive_keypair(&hex(&v["ikmE"]));
    assert_eq!(pk_e.to_bytes().to_vec(), hex(&v["pkEm"]), "pkEm");

    // Sequence number 0 is the single-shot seal Candor uses: with the published ephemeral
    // key material, sealing gives the published enc and ciphertext byte for byte...
    let first = &v["encryptions"][0];
    assert_eq!(first["seq"].as_u64(), Some(0));
    let ikm_e = hex(&v["ikmE"]);
    let mut fill = |dst: &mut [u8]| dst.copy_from_slice(&ikm_e[..dst.len()]);
    let (enc, ct) = seal::seal_raw(
        &pk_r,
        &hex(&v["info"]),
        &hex(&first["aad"]),
        &hex(&first["pt"]),
        &mut fill,
    )
    .expect("seals");
    assert_eq!(enc, hex(&v["enc"]), "enc");
    assert_eq!(ct, hex(&first["ct"]), "ct of sequence 0");

    // ...and opening the published ciphertext gives the published plaintext.
    let pt = seal::open_raw(
        &sk_r,
        &hex(&v["enc"]),
        &hex(&v["info"]),
        &hex(&first["aad"]),
        &hex(&first["ct"]),
    )
    .expect("opens");
    assert_eq!(pt, hex(&first["pt"]), "pt of sequence 0");

    // A flipped bit anywhere (ciphertext, enc, aad, info) is refused.
    let (enc, info, aad, ct) = (
        hex(&v["enc"]),
        hex(&v["info"]),
        hex(&first["aad"]),
        hex(&first["ct"]),
    );
    let flip = |bytes: &[u8], at: usize| {
        let mut flipped = bytes.to_vec();
        flipped[at] ^= 0x80;
        flipped
    };
    let altered: [(&str, [Vec<u8>; 4]); 4] = [
        (
            "ciphertext",
            [enc.clone(), info.clone(), aad.clone(), flip(&ct, 3)],
        ),
        (
            "enc",
            [flip(&enc, 0), info.clone(), aad.clone(), ct.clone()],
        ),
        (
            "info",
            [enc.clone(), b"other info".to_vec(), aad.clone(), ct.clone()],
        ),
        (
            "aad",
            [enc.clone(), info.clone(), b"other aad".to_vec(), ct.clone()],
        ),
    ];
    for (what, [enc, info, aad, ct]) in &altered {
        assert!(
            seal::open_raw(&sk_r, enc, info, aad, ct).is_err(),
            "altered {what} opened"
        );
    }

    // The published private key reads back through the suite's own decoding.
    assert!(suite::PrivateKey::from_bytes(&hex(&v["skRm"])).is_ok());
}

/// A record sealed by the native build (`tests/fixtures/hpke/sealed-natively.json`) opens with
/// this build, and only where it was sealed for.
pub fn open_native_fixture() {
    use seal::{Binding, Kind, ResultsKey};
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/hpke/sealed-natively.json"))
            .expect("the fixture is JSON");
    let key = ResultsKey::from_text(fixture["key"].as_str().unwrap()).unwrap();
    assert_eq!(key.public().to_text(), fixture["public"].as_str().unwrap());
    let binding = Binding {
        kind: Kind::Comment,
        survey: fixture["survey"].as_str().unwrap(),
        round: fixture["round"].as_str().unwrap(),
        id: fixture["id"].as_str().unwrap(),
    };
    let sealed = fixture["sealed"].as_str().unwrap();
    let opened = seal::open(&key, &binding, sealed).unwrap();
    assert_eq!(opened, fixture["plaintext"].as_str().unwrap().as_bytes());
    let elsewhere = Binding {
        round: "2026-10",
        ..binding
    };
    assert!(seal::open(&key, &elsewhere, sealed).is_err());
}
