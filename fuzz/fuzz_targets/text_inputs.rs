//! Text that reaches Candor from outside a file: a link's fragment (`#/take?src=…&key=…`), the
//! outbox kept in a device's storage (the next person on a shared phone can change it), and a
//! results key or its shares pasted by the key holder, and a language file as a page fetches it
//! (from the page's host, through whatever caches stand between). Never a panic; a route is
//! written back as it reads; the outbox reads back what it wrote, and unreadable text is
//! handed back whole (to be kept aside, never overwritten); a key reads back as the same key;
//! a text a language file gives has exactly the placeholders of its English.
#![no_main]

use candor::i18n::{self, Catalog, ErrorMsg, Msg, Texts};
use candor::route::{self, Route};
use candor::seal::{self, ResultsKey};
use candor::storage::outbox::Outbox;
use candor::{model, release};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let route = Route::parse(text);
    assert_eq!(
        Route::parse(&route.to_hash()),
        route,
        "a route changes when written back"
    );
    assert_eq!(
        route::percent_decode(&route::percent_encode(text)).as_deref(),
        Some(text)
    );

    // (Unreadable text is handed back to be kept aside: the device's copy is never overwritten.)
    if let Ok(outbox) = Outbox::parse(Some(text)) {
        assert_eq!(Outbox::parse(Some(&outbox.to_json())), Ok(outbox));
    }

    if let Ok(key) = ResultsKey::from_text(text) {
        let again = ResultsKey::from_text(&key.to_text()).expect("a key written reads back");
        assert_eq!(again.public().to_text(), key.public().to_text());
        assert!(key.matches(&key.public().to_text()));
        // Split in three, any two give it back.
        let mut counter = 0u8;
        let mut fill = |bytes: &mut [u8]| {
            for b in bytes {
                counter = counter.wrapping_add(151);
                *b = counter;
            }
        };
        let shares = seal::split(&key, 3, 2, &mut fill).expect("3 shares, 2 needed");
        let two = [shares[2].as_str(), shares[0].as_str()];
        let back = seal::combine(&two).expect("two shares of one split");
        assert_eq!(back.public().to_text(), key.public().to_text());
    }
    if let Ok(public) = seal::PublicKey::from_text(text) {
        assert_eq!(
            seal::PublicKey::from_text(&public.to_text()).map(|p| p.to_text()),
            Ok(public.to_text())
        );
    }
    let _ = release::read_key_file(text);
    let shares: Vec<&str> = text.split('\n').collect();
    let _ = seal::combine(&shares);
    // A language file, built (what the pages read) or as translators write it.
    if let Ok(texts) = Texts::<Msg>::from_part(text) {
        same_placeholders(&texts);
    }
    if let Ok(texts) = Texts::<ErrorMsg>::from_part(text) {
        same_placeholders(&texts);
    }
    if let Ok((texts, _gaps)) = Texts::<Msg>::parse(text) {
        same_placeholders(&texts);
    }
    // Text where an id is expected: only the canonical form is read.
    if let Some(id) = model::ResponseId::parse(text) {
        assert_eq!(id.to_string(), text);
    }
});

/// Every text of `texts` names the placeholders its English does, so filling it in can never
/// show a raw `{name}` or leave a number out.
fn same_placeholders<C: Catalog>(texts: &Texts<C>) {
    for &msg in C::ALL {
        assert!(
            i18n::same_placeholders(msg.english(), texts.get(msg)),
            "a text with other placeholders than its English"
        );
    }
}
