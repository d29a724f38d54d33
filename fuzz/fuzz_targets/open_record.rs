//! Sealed records: any text opened with the results key is refused with a reason, never a
//! panic; anything sealed opens to exactly what was sealed, and only with its own binding
//! (kind, survey, round, id); a changed character never opens.
#![no_main]

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use candor::release;
use candor::seal::{self, Binding, Kind, ResultsKey};
use libfuzzer_sys::fuzz_target;

fn key() -> &'static ResultsKey {
    static KEY: OnceLock<ResultsKey> = OnceLock::new();
    KEY.get_or_init(release::demo_key)
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    comment: bool,
    survey: &'a str,
    round: &'a str,
    id: &'a str,
    /// Some: seal it and open it back; None: open `text` as found in a file.
    plaintext: Option<&'a [u8]>,
    padded_len: u16,
    text: &'a str,
    changed_at: usize,
    random: [u8; 32],
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(input) = Input::arbitrary_take_rest(Unstructured::new(bytes)) else {
        return;
    };
    let kind = if input.comment {
        Kind::Comment
    } else {
        Kind::Answers
    };
    let binding = Binding {
        kind,
        survey: input.survey,
        round: input.round,
        id: input.id,
    };
    let Some(plaintext) = input.plaintext else {
        if let Err(e) = seal::open(key(), &binding, input.text) {
            assert!(!e.to_string().is_empty());
        }
        return;
    };
    let mut random = input.random.iter().copied().cycle();
    let mut fill = |bytes: &mut [u8]| {
        bytes
            .iter_mut()
            .for_each(|b| *b = random.next().unwrap_or(0))
    };
    let padded_len = usize::from(input.padded_len) % 4096;
    let Ok(sealed) = seal::seal(key().public(), &binding, plaintext, padded_len, &mut fill) else {
        return; // too long for its padding: refused before anything is sealed
    };
    assert_eq!(
        sealed.len(),
        seal::sealed_text_len(padded_len),
        "a length that tells"
    );
    assert!(seal::is_sealed_alphabet(&sealed));
    assert_eq!(
        seal::open(key(), &binding, &sealed).as_deref(),
        Ok(plaintext)
    );
    // Bound to where it was sealed: as another kind, or in another survey, round or record,
    // it does not open.
    let kind = if input.comment {
        Kind::Answers
    } else {
        Kind::Comment
    };
    let (survey, round, id) = (
        format!("{}x", input.survey),
        format!("{}x", input.round),
        format!("{}x", input.id),
    );
    for other in [
        Binding { kind, ..binding },
        Binding {
            survey: &survey,
            ..binding
        },
        Binding {
            round: &round,
            ..binding
        },
        Binding { id: &id, ..binding },
    ] {
        assert!(
            seal::open(key(), &other, &sealed).is_err(),
            "opened elsewhere: {other:?}"
        );
    }
    // A changed character (not the last, whose low bits may be padding) never opens.
    let at = input.changed_at % (sealed.len() - 1);
    let mut changed = sealed.into_bytes();
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap_or_default();
    assert!(
        seal::open(key(), &binding, &changed).is_err(),
        "a changed record opened"
    );
});
