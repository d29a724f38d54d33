//! The outbox: submissions written to the device before any network attempt and removed only
//! once the store confirms it holds them. Pure: the browser module stores its JSON.

use serde::{Deserialize, Serialize};

use super::Source;
use crate::model::Submission;

/// One waiting submission and where it goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// [`Source::key`] of its destination.
    pub source: String,
    pub submission: Submission,
}

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

    pub fn add(&mut self, source: &Source, submission: Submission) {
        let item = Item {
            source: source.key(),
            submission,
        };
        if !self.items.contains(&item) {
            self.items.push(item);
        }
    }

    /// Removes a delivered (or definitively rejected) submission.
    pub fn remove(&mut self, source: &Source, submission: &Submission) {
        let key = source.key();
        self.items
            .retain(|i| !(i.source == key && i.submission == *submission));
    }

    /// Waiting submissions for one destination.
    pub fn pending_for<'a>(&'a self, source: &Source) -> impl Iterator<Item = &'a Submission> {
        let key = source.key();
        self.items
            .iter()
            .filter(move |i| i.source == key)
            .map(|i| &i.submission)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answers, Response, ResponseId};

    fn submission(byte: u8) -> Submission {
        Submission {
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
        }
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
