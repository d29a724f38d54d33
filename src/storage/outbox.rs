//! The outbox: submissions written to the device before any network attempt and removed only
//! once the store confirms it holds them. Pure: the browser module stores its JSON.
//!
//! A submission is kept as the JSON it was written as and never read back here: whatever adds
//! it to the team file (the sealer worker) reads it, so the respondent page carries no code to
//! read one.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::Source;

/// One waiting submission and where it goes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Item {
    /// [`Source::key`] of its destination.
    pub source: String,
    /// The submission's JSON (a [`crate::model::Submission`]), as written.
    pub submission: Box<RawValue>,
}

/// The same destination and the same submission, written the same way (one writer, so the
/// same submission is always the same text).
impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.submission.get() == other.submission.get()
    }
}

impl Eq for Item {}

/// All waiting submissions, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub items: Vec<Item>,
}

impl Outbox {
    /// Reads the stored form. Unreadable text gives an empty outbox and the text back, so the
    /// caller can keep it aside rather than overwrite it.
    pub fn parse(text: Option<&str>) -> Result<Self, String> {
        match text {
            None => Ok(Self::default()),
            // from_str, like the team file: one JSON parser in the wasm, not two.
            Some(text) => serde_json::from_str(text).map_err(|_| text.to_owned()),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"items\":[]}".to_owned())
    }

    /// Adds a submission (its JSON) for `source`, once.
    pub fn add(&mut self, source: &Source, submission: Box<RawValue>) {
        let item = Item {
            source: source.key(),
            submission,
        };
        if !self.items.contains(&item) {
            self.items.push(item);
        }
    }

    /// Removes a delivered (or definitively rejected) submission.
    pub fn remove(&mut self, source: &Source, submission: &RawValue) {
        let key = source.key();
        self.items
            .retain(|i| !(i.source == key && i.submission.get() == submission.get()));
    }

    /// Waiting submissions (their JSON) for one destination.
    pub fn pending_for<'a>(&'a self, source: &Source) -> impl Iterator<Item = &'a RawValue> {
        let key = source.key();
        self.items
            .iter()
            .filter(move |i| i.source == key)
            .map(|i| &*i.submission)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answers, Response, ResponseId, Submission};

    fn submission(byte: u8) -> Box<RawValue> {
        let submission = Submission {
            survey: "t".into(),
            responses: vec![Response {
                id: ResponseId::from_random_bytes([byte; 16]),
                round: "r".into(),
                answers: [("q", 3u8)].into_iter().collect::<Answers>(),
                comment: None,
            }],
            sealed_answers: vec![],
            sealed_comments: vec![],
            removed: vec![],
        };
        serde_json::value::to_raw_value(&submission).expect("a submission is JSON")
    }

    #[test]
    fn round_trips_and_keeps_items_per_destination() {
        let remote = Source::Remote("https://dav.example/t.json".into());
        let mut outbox = Outbox::default();
        outbox.add(&Source::Device, submission(1));
        outbox.add(&remote, submission(2));
        outbox.add(&remote, submission(2));
        assert_eq!(outbox.items.len(), 2);
        let again = Outbox::parse(Some(&outbox.to_json())).unwrap();
        assert_eq!(again, outbox);
        assert_eq!(again.pending_for(&remote).count(), 1);
        let mut again = again;
        again.remove(&remote, &submission(2));
        assert_eq!(again.pending_for(&remote).count(), 0);
        assert_eq!(again.pending_for(&Source::Device).count(), 1);
    }

    #[test]
    fn an_outbox_written_with_whole_submissions_reads_the_same() {
        // What a phone stored when the page still read its submissions back: the same text.
        let stored = r#"{"items":[{"source":"url:/data/team.json","submission":{"survey":"t","removed":[]}}]}"#;
        let outbox = Outbox::parse(Some(stored)).expect("readable");
        let waiting: Vec<&str> = outbox
            .pending_for(&Source::Remote("/data/team.json".into()))
            .map(RawValue::get)
            .collect();
        assert_eq!(waiting, [r#"{"survey":"t","removed":[]}"#]);
        let submission: Submission = serde_json::from_str(waiting[0]).expect("a submission");
        assert_eq!(submission, Submission::new("t"));
        assert_eq!(outbox.to_json(), stored);
    }

    #[test]
    fn unreadable_storage_is_handed_back_not_dropped() {
        assert_eq!(Outbox::parse(Some("{broken")), Err("{broken".to_owned()));
        assert_eq!(Outbox::parse(None), Ok(Outbox::default()));
    }

    #[test]
    fn source_keys_round_trip() {
        for source in [Source::Device, Source::Remote("/data/team.json".into())] {
            assert_eq!(Source::from_key(&source.key()), Some(source));
        }
        assert_eq!(Source::from_key("nonsense"), None);
    }
}
