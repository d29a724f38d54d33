//! Splitting the results key among several people, so that no one of them can open answers
//! alone: Shamir's secret sharing over GF(256) (the `blahaj` crate), `needed` of `shares`.
//!
//! A share is written as one line, `share:<needed>:<base64url of the share's bytes>`, so a
//! share file reads like a key file and the key field takes shares as it takes a key. Any
//! `needed` shares of one split give back the key; fewer give nothing (each byte of the secret
//! is the constant term of a random polynomial of degree `needed - 1`).

use base64ct::{Base64UrlUnpadded, Encoding};
use blahaj::{Share, Sharks};

use super::{KEY_LEN, KeyError, ResultsKey, Serializable};

/// The prefix of a share's line.
const PREFIX: &str = "share:";

/// Why a key cannot be split as asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("a key is split into 2 to 9 shares, with 2 or more needed and no more than there are")]
    BadCounts,
}

/// Splits `key` into `shares` shares, any `needed` of which give it back.
pub fn split(
    key: &ResultsKey,
    shares: u8,
    needed: u8,
    fill: &mut impl FnMut(&mut [u8]),
) -> Result<Vec<String>, SplitError> {
    if !(2..=9).contains(&shares) || needed < 2 || needed > shares {
        return Err(SplitError::BadCounts);
    }
    let secret = key.secret.to_bytes();
    let mut rng = super::Fill(fill);
    Ok(Sharks(needed)
        .dealer_rng(secret.as_slice(), &mut rng)
        .take(usize::from(shares))
        .map(|share| {
            let bytes: Vec<u8> = (&share).into();
            format!(
                "{PREFIX}{needed}:{}",
                Base64UrlUnpadded::encode_string(&bytes)
            )
        })
        .collect())
}

/// Whether `text` is written as a share (not whether it is a valid one).
pub fn is_share(text: &str) -> bool {
    text.starts_with(PREFIX)
}

/// The key from shares of one split: `Err` when a share is malformed, when fewer shares are
/// given than the split needs, or when they disagree on how many are needed. Shares of
/// different splits give a key that opens nothing, which the caller finds out (a wrong key).
pub fn combine(texts: &[&str]) -> Result<ResultsKey, KeyError> {
    let mut needed = None;
    let mut shares = Vec::with_capacity(texts.len());
    for text in texts {
        let rest = text.strip_prefix(PREFIX).ok_or(KeyError::Malformed)?;
        let (count, encoded) = rest.split_once(':').ok_or(KeyError::Malformed)?;
        let count: u8 = count.parse().map_err(|_| KeyError::Malformed)?;
        if *needed.get_or_insert(count) != count {
            return Err(KeyError::Malformed);
        }
        let bytes = Base64UrlUnpadded::decode_vec(encoded).map_err(|_| KeyError::Malformed)?;
        if bytes.len() != KEY_LEN + 1 {
            return Err(KeyError::Malformed);
        }
        shares.push(Share::try_from(bytes.as_slice()).map_err(|_| KeyError::Malformed)?);
    }
    let needed = needed.ok_or(KeyError::Malformed)?;
    if shares.len() < usize::from(needed) {
        return Err(KeyError::TooFewShares {
            given: shares.len(),
            needed: needed.into(),
        });
    }
    let secret = Sharks(needed)
        .recover(&shares)
        .map_err(|_| KeyError::Malformed)?;
    let text = Base64UrlUnpadded::encode_string(&secret);
    ResultsKey::from_text(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter(start: u8) -> impl FnMut(&mut [u8]) {
        let mut next = start;
        move |dst: &mut [u8]| {
            for b in dst {
                next = next.wrapping_mul(73).wrapping_add(41);
                *b = next;
            }
        }
    }

    #[test]
    fn any_two_of_three_shares_give_the_key_and_one_gives_nothing() {
        let key = ResultsKey::generate(&mut counter(1));
        let shares = split(&key, 3, 2, &mut counter(9)).unwrap();
        assert_eq!(shares.len(), 3);
        assert!(
            shares
                .iter()
                .all(|s| is_share(s) && !s.contains(&key.to_text()))
        );
        for pair in [[0, 1], [1, 2], [0, 2], [2, 0]] {
            let texts = [shares[pair[0]].as_str(), shares[pair[1]].as_str()];
            assert_eq!(
                combine(&texts).unwrap().to_text(),
                key.to_text(),
                "{pair:?}"
            );
        }
        assert_eq!(
            combine(&[shares[0].as_str()]).err(),
            Some(KeyError::TooFewShares {
                given: 1,
                needed: 2
            })
        );
    }

    #[test]
    fn shares_of_two_splits_do_not_make_either_key() {
        let a = ResultsKey::generate(&mut counter(1));
        let b = ResultsKey::generate(&mut counter(2));
        let sa = split(&a, 3, 2, &mut counter(3)).unwrap();
        let sb = split(&b, 3, 2, &mut counter(4)).unwrap();
        let mixed = combine(&[sa[0].as_str(), sb[1].as_str()]);
        if let Ok(k) = mixed {
            assert!(!k.matches(&a.public().to_text()) && !k.matches(&b.public().to_text()));
        }
        assert!(split(&a, 3, 4, &mut counter(5)).is_err());
        assert!(split(&a, 1, 1, &mut counter(5)).is_err());
        for bad in [
            "share:2:",
            "share:x:AAAA",
            "share:2:!!!",
            "key",
            "share:3:AAAA",
        ] {
            assert!(combine(&[bad, sa[0].as_str()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn three_of_five() {
        let key = ResultsKey::generate(&mut counter(6));
        let shares = split(&key, 5, 3, &mut counter(7)).unwrap();
        let three = [shares[4].as_str(), shares[1].as_str(), shares[2].as_str()];
        assert_eq!(combine(&three).unwrap().to_text(), key.to_text());
        assert!(combine(&three[..2]).is_err());
    }
}
