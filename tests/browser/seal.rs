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

/// The reader worker's release helpers: a helper opens exactly the records it is sent, in
/// order (a record that does not open gives its reason, not a gap), refuses a job it cannot
/// read, and `open_all` without helpers (on a single core) opens every record itself.
#[wasm_bindgen_test]
async fn a_release_helper_opens_exactly_what_it_is_sent() {
    use candor::model::{self, Answers, ResponseId};
    use candor::reader::helpers;
    use candor::release;
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};

    let mut fill = candor::storage::browser::random_source().unwrap();
    let key = ResultsKey::generate(&mut fill);
    let mut team = model::templates::starter("2026-11-21").unwrap();
    team.survey.results_key = Some(key.public().to_text());
    let round = team.rounds[0].id.clone();
    let mut answers = Answers::new();
    answers.insert(&team.survey.questions[0].id, 4);
    let ids = (
        ResponseId::from_random_bytes([1; 16]),
        ResponseId::from_random_bytes([2; 16]),
    );
    let sealed =
        release::seal_response(&team, &round, &answers, Some("canary"), ids, &mut fill).unwrap();
    let (answers_record, comment_record) = (sealed.answers.unwrap(), sealed.comment.unwrap());
    let mut damaged = answers_record.clone();
    let flipped = if &damaged.sealed[60..61] == "A" {
        "B"
    } else {
        "A"
    };
    damaged.sealed.replace_range(60..61, flipped);

    let job = |is_comment: bool, record: &model::SealedRecord| -> JsValue {
        let item = Array::of3(
            &JsValue::from_bool(is_comment),
            &JsValue::from_str(&record.round),
            &JsValue::from_str(&record.id.to_string()),
        );
        item.push(&JsValue::from_str(&record.sealed));
        item.into()
    };
    let records = Array::of3(
        &job(false, &answers_record),
        &job(true, &comment_record),
        &job(false, &damaged),
    );
    let message = Array::of4(
        &"open".into(),
        &JsValue::from_str(&key.to_text()),
        &JsValue::from_str(&team.survey.id),
        &records,
    );
    assert!(helpers::is_open_request(&message));
    let reply: Array = helpers::opened_reply(&message).dyn_into().unwrap();
    assert_eq!(reply.get(0).as_string().as_deref(), Some("opened"));
    let outcomes: Array = reply.get(1).dyn_into().unwrap();
    assert_eq!(outcomes.length(), 3);
    let opened = |i: u32| outcomes.get(i).dyn_into::<Uint8Array>().unwrap().to_vec();
    let expected =
        |kind, record| release::open_record(&team.survey.id, &key, kind, record).unwrap();
    assert_eq!(opened(0), expected(Kind::Answers, &answers_record));
    assert_eq!(opened(1), b"canary");
    assert!(
        outcomes.get(2).as_string().is_some(),
        "a damaged record gives its reason"
    );

    // A job with a key that is not one, or no records, is refused as a whole.
    for nonsense in [
        Array::of4(
            &"open".into(),
            &"not a key".into(),
            &"team".into(),
            &records,
        ),
        Array::of3(
            &"open".into(),
            &JsValue::from_str(&key.to_text()),
            &"team".into(),
        ),
    ] {
        let reply: Array = helpers::opened_reply(&nonsense).dyn_into().unwrap();
        assert_eq!(reply.get(0).as_string().as_deref(), Some("invalid"));
    }

    // Without helpers (this page is no worker: none start), every record opens here.
    let all = [
        (Kind::Answers, &answers_record),
        (Kind::Comment, &comment_record),
    ];
    let outcomes = helpers::open_all(&team.survey.id, &key, &all, helpers::start()).await;
    assert_eq!(outcomes.len(), 2);
    assert_eq!(
        outcomes
            .get(Kind::Comment, &comment_record)
            .unwrap()
            .as_deref(),
        Ok(&b"canary"[..])
    );
}

/// A worker that loads but never says it is ready (a failure its page is not told of) is given
/// up: the request fails instead of waiting for ever, so answers waiting to be sent stay kept.
#[wasm_bindgen_test]
async fn a_worker_that_never_says_it_is_ready_is_given_up() {
    let parts = js_sys::Array::of1(&"/* loads, and never answers */".into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();
    let mut sealer = candor::sealer::Sealer::start(&url)
        .unwrap()
        .ready_within(300);
    assert_eq!(
        sealer.new_key().await,
        Err(candor::sealer::SealerError::Unavailable)
    );
}
