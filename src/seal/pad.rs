//! Padding, so that a record's length says nothing about what it holds.
//!
//! A padded plaintext is a two-byte big-endian length, the payload, then zeros up to a fixed
//! size. Answer records are padded to one size per survey (a power of two large enough for an
//! answer to every question the survey has ever had), so all of a survey's answer records have
//! one length; comments to one of three coarse sizes.

use super::{OpenError, SealError};

/// Bytes of the length prefix.
pub(super) const PREFIX_LEN: usize = 2;

/// The padded sizes of answer records: powers of two from 256 bytes to 32 KiB (a survey of 200
/// questions with 64-letter ids needs about 14 KiB).
pub const ANSWER_BUCKETS: [usize; 8] = [256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

/// The padded sizes of comment records: short, paragraph, long (2,000 characters of up to four
/// bytes each fit in the largest).
pub const COMMENT_BUCKETS: [usize; 3] = [256, 1024, 8192];

/// The padded size of a survey's answer records, given the ids of all its questions (retired
/// ones included, so retiring a question never changes it): room for an answer to every one
/// in the form answers are sealed in, `{"id":7,...}`.
pub fn answers_padded_len<'a>(question_ids: impl Iterator<Item = &'a str>) -> usize {
    let longest: usize = PREFIX_LEN
        + 2
        + question_ids
            .map(|id| id.len() + 5) // "id":7,
            .sum::<usize>();
    bucket(&ANSWER_BUCKETS, longest).unwrap_or(ANSWER_BUCKETS[ANSWER_BUCKETS.len() - 1])
}

/// The padded size of a comment of `len` bytes, or `None` when it is too long to seal.
pub fn comment_padded_len(len: usize) -> Option<usize> {
    bucket(&COMMENT_BUCKETS, len + PREFIX_LEN)
}

fn bucket(sizes: &[usize], needed: usize) -> Option<usize> {
    sizes.iter().copied().find(|&size| size >= needed)
}

pub(super) fn pad(payload: &[u8], padded_len: usize) -> Result<Vec<u8>, SealError> {
    let max = padded_len
        .saturating_sub(PREFIX_LEN)
        .min(usize::from(u16::MAX));
    // Room for the length prefix, always: without it the record could not be unpadded
    // (found by the open_record fuzz target).
    let len = u16::try_from(payload.len())
        .ok()
        .filter(|&len| usize::from(len) <= max && padded_len >= PREFIX_LEN)
        .ok_or(SealError::TooLong {
            len: payload.len(),
            max,
        })?;
    let mut padded = Vec::with_capacity(padded_len);
    padded.extend_from_slice(&len.to_be_bytes());
    padded.extend_from_slice(payload);
    padded.resize(padded_len, 0);
    Ok(padded)
}

pub(super) fn unpad(padded: &[u8]) -> Result<Vec<u8>, OpenError> {
    let (prefix, rest) = padded
        .split_first_chunk::<PREFIX_LEN>()
        .ok_or(OpenError::BadPadding)?;
    let len = usize::from(u16::from_be_bytes(*prefix));
    if len > rest.len() || rest[len..].iter().any(|&b| b != 0) {
        return Err(OpenError::BadPadding);
    }
    Ok(rest[..len].to_vec())
}
