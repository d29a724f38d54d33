//! Sealed answers: what a phone encrypts to the survey's public results key before anything
//! leaves it, and how the key holder opens it.
//!
//! The construction is HPKE (RFC 9180) in base mode with the suite DHKEM(X25519, HKDF-SHA256),
//! HKDF-SHA256 and ChaCha20-Poly1305, from the `hpke` crate (checked against the RFC's
//! published vectors in `tests/seal_vectors.rs`). Nothing here is a primitive of our own: this
//! module only decides what is sealed (padded plaintext), what it is bound to (the survey,
//! round and record id, as associated data, so a ciphertext moved to another round, file or id
//! no longer opens) and how it is written as text.
//!
//! Pure and at the bottom of the layers (it knows nothing of the file's types): no browser,
//! no clock. Randomness is passed in as a `fill` function (the browser's
//! `crypto.getRandomValues`, the OS natively), which keeps the module testable with the RFC's
//! fixed ephemeral keys.

mod pad;
mod split;

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem as _, OpModeR, OpModeS, Serializable};

pub use pad::{ANSWER_BUCKETS, COMMENT_BUCKETS, answers_padded_len, comment_padded_len};
pub use split::{SplitError, combine, is_share, split};

/// The suite, named once.
type Kem = X25519HkdfSha256;
type Kdf = HkdfSha256;
type Aead = ChaCha20Poly1305;

/// Bytes of an X25519 key (public or private) and of the encapsulated key.
pub const KEY_LEN: usize = 32;
/// Bytes the AEAD adds (the Poly1305 tag).
pub const TAG_LEN: usize = 16;

/// HPKE `info`: names the application and format version, so a ciphertext made for anything
/// else never opens here.
const INFO: &[u8] = b"candor-survey v2 sealed record";

/// The two kinds of sealed records. Comments are sealed apart from answers, so nothing in the
/// file ties a comment to its writer's scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Answers,
    Comment,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Self::Answers => "answers",
            Self::Comment => "comment",
        }
    }
}

/// What a sealed record is bound to: opening it anywhere else fails.
#[derive(Clone, Copy, Debug)]
pub struct Binding<'a> {
    pub kind: Kind,
    pub survey: &'a str,
    pub round: &'a str,
    /// The record's id, as written in the file.
    pub id: &'a str,
}

impl Binding<'_> {
    /// The associated data: each part on its own, separated by a byte no id may contain.
    fn aad(&self) -> Vec<u8> {
        let parts = [self.kind.label(), self.survey, self.round, self.id];
        let mut aad = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        for part in parts {
            aad.extend_from_slice(part.as_bytes());
            aad.push(0);
        }
        aad
    }
}

/// Why a key could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("a results key is 43 letters, digits, '-' or '_'; this one is not")]
    Malformed,
    #[error("{given} share(s) of the results key were given; {needed} are needed together")]
    TooFewShares { given: usize, needed: usize },
}

/// Why a record could not be sealed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the answers are longer ({len} bytes) than a sealed record holds ({max})")]
    TooLong { len: usize, max: usize },
    #[error("the survey's results key is not a valid key")]
    BadKey,
}

/// Why one sealed record could not be opened. Every case is per record: the others still open.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("it is not sealed text")]
    NotText,
    #[error("it is too short to be a sealed record")]
    Truncated,
    #[error("it does not open with this key (another key, another round or file, or altered)")]
    Rejected,
    #[error("its padding is malformed")]
    BadPadding,
}

/// The survey's public results key, as written in the file.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(<Kem as hpke::Kem>::PublicKey);

impl PublicKey {
    /// Reads the file's text form (unpadded base64url of 32 bytes).
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let bytes = decode_key(text)?;
        <Kem as hpke::Kem>::PublicKey::from_bytes(&bytes)
            .map(Self)
            .map_err(|_| KeyError::Malformed)
    }

    pub fn to_text(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.0.to_bytes())
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_text())
    }
}

/// The secret results key. Whoever holds it can open every sealed record of its survey; it is
/// never written into the file, and its `Debug` never prints it.
#[derive(Clone)]
pub struct ResultsKey {
    secret: <Kem as hpke::Kem>::PrivateKey,
    public: PublicKey,
}

impl ResultsKey {
    /// A fresh key from 32 bytes of cryptographic randomness (RFC 9180 `DeriveKeyPair`).
    pub fn generate(fill: &mut impl FnMut(&mut [u8])) -> Self {
        let mut ikm = [0u8; KEY_LEN];
        fill(&mut ikm);
        let (secret, public) = Kem::derive_keypair(&ikm);
        Self {
            secret,
            public: PublicKey(public),
        }
    }

    /// Reads the key's text form (unpadded base64url of the 32 secret bytes).
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let bytes = decode_key(text.trim())?;
        let secret =
            <Kem as hpke::Kem>::PrivateKey::from_bytes(&bytes).map_err(|_| KeyError::Malformed)?;
        let public = PublicKey(Kem::sk_to_pk(&secret));
        Ok(Self { secret, public })
    }

    /// The secret's text form: for the key file and the results link's fragment only.
    pub fn to_text(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.secret.to_bytes())
    }

    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    /// Whether this key opens records sealed to `public` (the file's results key).
    pub fn matches(&self, public: &str) -> bool {
        PublicKey::from_text(public).is_ok_and(|p| p == self.public)
    }
}

impl fmt::Debug for ResultsKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResultsKey(public {})", self.public.to_text())
    }
}

fn decode_key(text: &str) -> Result<[u8; KEY_LEN], KeyError> {
    let mut bytes = [0u8; KEY_LEN];
    match Base64UrlUnpadded::decode(text, &mut bytes) {
        Ok(decoded) if decoded.len() == KEY_LEN => Ok(bytes),
        _ => Err(KeyError::Malformed),
    }
}

/// Seals `plaintext`, padded to exactly `padded_len` bytes, to `public`, bound to `binding`.
/// The result is the record's text: base64url of the encapsulated key and the ciphertext.
/// Every record sealed with one `padded_len` has the same length, whatever it holds.
pub fn seal(
    public: &PublicKey,
    binding: &Binding<'_>,
    plaintext: &[u8],
    padded_len: usize,
    fill: &mut impl FnMut(&mut [u8]),
) -> Result<String, SealError> {
    let padded = pad::pad(plaintext, padded_len)?;
    let (enc, ct) = seal_raw(&public.0, INFO, &binding.aad(), &padded, fill)?;
    let mut bytes = enc;
    bytes.extend_from_slice(&ct);
    Ok(Base64UrlUnpadded::encode_string(&bytes))
}

/// Opens one record's text with the results key; returns the plaintext without its padding.
pub fn open(key: &ResultsKey, binding: &Binding<'_>, sealed: &str) -> Result<Vec<u8>, OpenError> {
    let bytes = Base64UrlUnpadded::decode_vec(sealed).map_err(|_| OpenError::NotText)?;
    if bytes.len() < KEY_LEN + TAG_LEN + pad::PREFIX_LEN {
        return Err(OpenError::Truncated);
    }
    let (enc, ct) = bytes.split_at(KEY_LEN);
    let padded = open_raw(&key.secret, enc, INFO, &binding.aad(), ct)?;
    pad::unpad(&padded)
}

/// The length of a record's text for a padded plaintext of `padded_len` bytes (validation
/// checks lengths without decoding).
pub fn sealed_text_len(padded_len: usize) -> usize {
    // Unpadded base64: four characters per three bytes, rounded up. (Counted, not encoded:
    // load checks every record's length against several sizes.)
    (4 * (KEY_LEN + padded_len + TAG_LEN)).div_ceil(3)
}

/// Whether `text` could be a sealed record: the base64url alphabet only.
pub fn is_sealed_alphabet(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Single-shot HPKE base-mode seal with an ephemeral key drawn from `fill`: the encapsulated key
/// and the ciphertext. Public for the RFC 9180 vector tests.
pub fn seal_raw(
    public: &<Kem as hpke::Kem>::PublicKey,
    info: &[u8],
    aad: &[u8],
    plaintext: &[u8],
    fill: &mut impl FnMut(&mut [u8]),
) -> Result<(Vec<u8>, Vec<u8>), SealError> {
    let mut rng = Fill(fill);
    let (enc, ct) = hpke::single_shot_seal_with_rng::<Aead, Kdf, Kem>(
        &OpModeS::Base,
        public,
        info,
        plaintext,
        aad,
        &mut rng,
    )
    .map_err(|_| SealError::BadKey)?;
    Ok((enc.to_bytes().to_vec(), ct))
}

/// Single-shot HPKE base-mode open. Public for the RFC 9180 vector tests.
pub fn open_raw(
    secret: &<Kem as hpke::Kem>::PrivateKey,
    enc: &[u8],
    info: &[u8],
    aad: &[u8],
    ct: &[u8],
) -> Result<Vec<u8>, OpenError> {
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(enc).map_err(|_| OpenError::Rejected)?;
    hpke::single_shot_open::<Aead, Kdf, Kem>(&OpModeR::Base, secret, &enc, info, ct, aad)
        .map_err(|_| OpenError::Rejected)
}

/// The suite's key types, for the vector tests.
pub mod suite {
    pub use hpke::{Deserializable, Serializable};
    pub type PublicKey = <super::Kem as hpke::Kem>::PublicKey;
    pub type PrivateKey = <super::Kem as hpke::Kem>::PrivateKey;
    /// RFC 9180 `DeriveKeyPair` for the suite's KEM.
    pub fn derive_keypair(ikm: &[u8]) -> (PrivateKey, PublicKey) {
        <super::Kem as hpke::Kem>::derive_keypair(ikm)
    }
}

/// Adapts the caller's `fill` function to the random-number traits `hpke` asks for.
struct Fill<'a, F: FnMut(&mut [u8])>(&'a mut F);

impl<F: FnMut(&mut [u8])> hpke::rand_core::TryRng for Fill<'_, F> {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut bytes = [0u8; 4];
        (self.0)(&mut bytes);
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut bytes = [0u8; 8];
        (self.0)(&mut bytes);
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        (self.0)(dst);
        Ok(())
    }
}

impl<F: FnMut(&mut [u8])> hpke::rand_core::TryCryptoRng for Fill<'_, F> {}

#[cfg(test)]
mod tests;
