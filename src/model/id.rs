//! Identifiers: the random 128-bit response id and the short "slug" ids of everything else.
//!
//! A response id is the only thing that tells two responses apart, so it must carry no
//! information at all: it comes from a cryptographic random source (passed in by the caller,
//! which keeps this module pure) and is written as 32 lowercase hex digits.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The random id of one response. Ordered by value, which is also the order of its hex text,
/// so sorting responses by id sorts the file by a meaningless key.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResponseId(u128);

impl ResponseId {
    /// Builds an id from 16 random bytes. The bytes must come from a cryptographic RNG
    /// (`crypto.getRandomValues` in the browser, the OS RNG natively).
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        Self(u128::from_be_bytes(bytes))
    }

    /// Parses the canonical form: exactly 32 lowercase hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() != 32 {
            return None;
        }
        let mut value: u128 = 0;
        for byte in text.bytes() {
            let digit = match byte {
                b'0'..=b'9' => byte - b'0',
                b'a'..=b'f' => byte - b'a' + 10,
                _ => return None,
            };
            value = (value << 4) | u128::from(digit);
        }
        Some(Self(value))
    }
}

impl fmt::Display for ResponseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for ResponseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResponseId({self})")
    }
}

impl Serialize for ResponseId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ResponseId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ResponseId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("32 lowercase hex digits")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ResponseId, E> {
                ResponseId::parse(text)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &self))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl schemars::JsonSchema for ResponseId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ResponseId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9a-f]{32}$",
            "description": "A random 128-bit id from a cryptographic RNG, as 32 lowercase hex digits."
        })
    }
}

/// Longest slug id, in bytes.
pub const MAX_SLUG_LEN: usize = 64;

/// Whether `text` is a valid slug id (survey, dimension, question, round and event ids):
/// 1 to 64 ASCII letters, digits, `-`, `_` or `.`, starting with a letter or digit. Kept to
/// this set so ids are safe in URLs, CSV, file names and `data-testid` hooks.
pub fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_SLUG_LEN
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Longest id [`slug_from_title`] makes, in bytes: short enough to read in a link or a file
/// name, and it leaves room under [`MAX_SLUG_LEN`] for a suffix such as "-2".
pub const TITLE_SLUG_LEN: usize = 40;
const _: () = assert!(TITLE_SLUG_LEN <= MAX_SLUG_LEN);

/// The id the web set-up page and `candor new` give a survey from its title, e.g.
/// "Platform team: pulse" -> "platform-team-pulse": lowercase ASCII letters and digits, every
/// run of anything else (spaces, punctuation, accented letters) one `-`, none at either end.
/// A longer id is cut at the last `-` within [`TITLE_SLUG_LEN`] bytes (a whole word less
/// rather than half a word), or at that length when its first word is longer. A title with
/// no ASCII letter or digit gives "survey". The result always passes [`is_slug`].
pub fn slug_from_title(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // Only ASCII was pushed, so every byte index is a char boundary.
    if slug.len() > TITLE_SLUG_LEN {
        let cut = if slug.as_bytes()[TITLE_SLUG_LEN] == b'-' {
            TITLE_SLUG_LEN
        } else {
            slug[..TITLE_SLUG_LEN].rfind('-').unwrap_or(TITLE_SLUG_LEN)
        };
        slug.truncate(cut);
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "survey".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_id_round_trips_through_text() {
        let id = ResponseId::from_random_bytes([
            0xc1, 0xf0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xff,
        ]);
        let text = id.to_string();
        assert_eq!(text, "c1f000010203040506070809".to_owned() + "0a0b0cff");
        assert_eq!(ResponseId::parse(&text), Some(id));
    }

    #[test]
    fn response_id_rejects_anything_but_32_lowercase_hex() {
        for bad in [
            "",
            "c1f0",
            "C1F000010203040506070809A0B0C0FF",
            "g1f000010203040506070809a0b0c0ff",
            "c1f000010203040506070809a0b0c0ff0",
            "c1f00001-0203-0405-0607-0809a0b0",
        ] {
            assert_eq!(ResponseId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn id_order_is_text_order() {
        let a = ResponseId::parse("0fffffffffffffffffffffffffffffff").unwrap();
        let b = ResponseId::parse("a0000000000000000000000000000000").unwrap();
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
    }

    #[test]
    fn slugs() {
        for good in ["s1", "2026-10", "platform-team", "a.b_c", "Q"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "-x", "a b", "é", "a/b", &"x".repeat(65)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn slugs_from_titles() {
        for (title, slug) in [
            ("Platform team pulse", "platform-team-pulse"),
            ("  Platform team: pulse!! ", "platform-team-pulse"),
            ("Équipe Ünïcode 2026", "quipe-n-code-2026"),
            ("R&D -- Q3", "r-d-q3"),
            ("", "survey"),
            ("  ", "survey"),
            ("日本語", "survey"),
            ("---", "survey"),
        ] {
            assert_eq!(slug_from_title(title), slug, "{title:?}");
        }
    }

    #[test]
    fn long_titles_lose_whole_words() {
        let title = "The platform and infrastructure team's monthly pulse survey";
        assert_eq!(
            slug_from_title(title),
            "the-platform-and-infrastructure-team-s"
        );
        // A word that ends exactly at the limit is kept whole.
        let exact = format!("{} tail", "a".repeat(TITLE_SLUG_LEN));
        assert_eq!(slug_from_title(&exact), "a".repeat(TITLE_SLUG_LEN));
        let words = format!("{} {} tail", "a".repeat(20), "b".repeat(19));
        assert_eq!(slug_from_title(&words).len(), TITLE_SLUG_LEN);
        // One word longer than the limit is cut at the limit.
        assert_eq!(
            slug_from_title(&"x".repeat(100)),
            "x".repeat(TITLE_SLUG_LEN)
        );
    }
}
