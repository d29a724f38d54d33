use super::*;

const IDS: [&str; 3] = [
    "00000000000000000000000000000007",
    "00000000000000000000000000000008",
    "00000000000000000000000000000001",
];

/// A deterministic stand-in for the random source: tests must be repeatable, and nothing here
/// depends on the bytes being secret.
fn counter(start: u8) -> impl FnMut(&mut [u8]) {
    let mut next = start;
    move |dst: &mut [u8]| {
        for b in dst {
            *b = next;
            next = next.wrapping_add(1);
        }
    }
}

fn binding(kind: Kind, round: &str, id: usize) -> Binding<'_> {
    Binding {
        kind,
        survey: "team",
        round,
        id: IDS[id],
    }
}

#[test]
fn a_sealed_record_opens_only_with_its_key_and_binding() {
    let key = ResultsKey::generate(&mut counter(1));
    let other = ResultsKey::generate(&mut counter(2));
    let here = binding(Kind::Answers, "2026-11", 0);
    let text = seal(key.public(), &here, b"{\"q1\":5}", 256, &mut counter(9)).unwrap();
    assert_eq!(open(&key, &here, &text).unwrap(), b"{\"q1\":5}");
    assert_eq!(open(&other, &here, &text), Err(OpenError::Rejected));
    for moved in [
        binding(Kind::Answers, "2026-10", 0),
        binding(Kind::Answers, "2026-11", 1),
        binding(Kind::Comment, "2026-11", 0),
        Binding {
            survey: "other-team",
            ..here
        },
    ] {
        assert_eq!(
            open(&key, &moved, &text),
            Err(OpenError::Rejected),
            "{moved:?}"
        );
    }
}

#[test]
fn damaged_text_is_a_clear_error_per_record() {
    let key = ResultsKey::generate(&mut counter(1));
    let here = binding(Kind::Comment, "r", 2);
    let text = seal(key.public(), &here, b"hello", 256, &mut counter(3)).unwrap();
    assert_eq!(open(&key, &here, &text[..20]), Err(OpenError::Truncated));
    assert_eq!(open(&key, &here, "not base64!"), Err(OpenError::NotText));
    let mut flipped = text.into_bytes();
    flipped[50] = if flipped[50] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();
    assert_eq!(open(&key, &here, &flipped), Err(OpenError::Rejected));
}

#[test]
fn records_of_one_padded_size_have_one_length_whatever_they_hold() {
    let key = ResultsKey::generate(&mut counter(1));
    let here = binding(Kind::Answers, "r", 2);
    let short = seal(key.public(), &here, b"{}", 512, &mut counter(3)).unwrap();
    let long = seal(key.public(), &here, &[b'x'; 510], 512, &mut counter(4)).unwrap();
    assert_eq!(short.len(), long.len());
    assert_eq!(short.len(), sealed_text_len(512));
    for padded in [256, 1024, 8192, 32768] {
        let text = seal(key.public(), &here, b"{}", padded, &mut counter(6)).unwrap();
        assert_eq!(text.len(), sealed_text_len(padded), "{padded}");
    }
    assert!(is_sealed_alphabet(&short));
    assert!(matches!(
        seal(key.public(), &here, &[b'x'; 511], 512, &mut counter(5)),
        Err(SealError::TooLong { .. })
    ));
}

#[test]
fn padding_is_strict() {
    assert_eq!(pad::unpad(&pad::pad(b"abc", 16).unwrap()).unwrap(), b"abc");
    let mut tampered = pad::pad(b"abc", 16).unwrap();
    tampered[10] = 1;
    assert_eq!(pad::unpad(&tampered), Err(OpenError::BadPadding));
    assert_eq!(pad::unpad(&[0, 20, 1]), Err(OpenError::BadPadding));
    assert_eq!(pad::unpad(&[0]), Err(OpenError::BadPadding));
}

#[test]
fn keys_round_trip_as_text_and_never_print_their_secret() {
    let key = ResultsKey::generate(&mut counter(40));
    let text = key.to_text();
    assert_eq!(text.len(), 43);
    let back = ResultsKey::from_text(&format!("  {text}\n")).unwrap();
    assert_eq!(back.public(), key.public());
    assert!(key.matches(&key.public().to_text()));
    assert!(!ResultsKey::generate(&mut counter(41)).matches(&key.public().to_text()));
    assert!(!format!("{key:?}").contains(&text));
    assert_eq!(
        ResultsKey::from_text("short").err(),
        Some(KeyError::Malformed)
    );
    assert!(PublicKey::from_text(&text[..42]).is_err());
}

#[test]
fn padded_sizes_follow_the_survey_and_the_comment() {
    let seven = [
        "safety-1", "safety-2", "safety-3", "safety-4", "safety-5", "safety-6", "safety-7",
    ];
    assert_eq!(
        answers_padded_len(seven.into_iter()),
        256,
        "seven short questions fit the smallest size"
    );
    let long_ids: Vec<String> = (0..200).map(|i| format!("{i:0>64}")).collect();
    assert_eq!(
        answers_padded_len(long_ids.iter().map(String::as_str)),
        16384
    );
    assert_eq!(comment_padded_len(10), Some(256));
    assert_eq!(comment_padded_len(300), Some(1024));
    assert_eq!(comment_padded_len(8000), Some(8192));
    assert_eq!(comment_padded_len(8191), None);
}

/// Found by the `open_record` fuzz target: a padded size too small for the length prefix gave a
/// record that sealed but never opened. Now it is refused before anything is sealed.
#[test]
fn a_padding_too_small_for_its_prefix_is_refused() {
    let key = ResultsKey::generate(&mut counter(1));
    let here = binding(Kind::Comment, "2026-11", 0);
    for padded_len in [0, 1] {
        assert_eq!(
            seal(key.public(), &here, b"", padded_len, &mut counter(9)),
            Err(SealError::TooLong { len: 0, max: 0 })
        );
    }
    let text = seal(key.public(), &here, b"", 2, &mut counter(9)).unwrap();
    assert_eq!(open(&key, &here, &text).unwrap(), b"");
}
