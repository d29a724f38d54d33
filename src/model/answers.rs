//! A response's answers: question id -> value, in one compact, sorted structure.
//!
//! Files hold up to hundreds of thousands of responses of about 17 answers each. A map of
//! owned strings would cost one allocation per answer; here all of a response's question ids
//! share one string buffer, sorted by id, so parsing allocates twice per response and the
//! engine walks answers alongside the survey's sorted question ids without hashing.

use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Answers by question id, sorted by id, each id at most once.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Answers {
    /// The question ids, concatenated in sorted order.
    ids: String,
    /// Per answer: where its id ends in `ids`, and the value.
    entries: Vec<(u32, u8)>,
}

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The answers in question-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        let mut start = 0usize;
        self.entries.iter().map(move |&(end, value)| {
            let end = end as usize;
            let id = &self.ids[start..end];
            start = end;
            (id, value)
        })
    }

    /// The answer to one question.
    pub fn get(&self, question: &str) -> Option<u8> {
        self.iter().find(|(id, _)| *id == question).map(|(_, v)| v)
    }

    /// Sets the answer to a question (replacing an earlier one).
    pub fn insert(&mut self, question: &str, value: u8) {
        let mut pairs: Vec<(String, u8)> = self
            .iter()
            .filter(|(id, _)| *id != question)
            .map(|(id, v)| (id.to_owned(), v))
            .collect();
        pairs.push((question.to_owned(), value));
        *self = Self::from_sorted_unique(pairs);
    }

    /// Removes the answer to a question, if any.
    pub fn remove(&mut self, question: &str) {
        let pairs: Vec<(String, u8)> = self
            .iter()
            .filter(|(id, _)| *id != question)
            .map(|(id, v)| (id.to_owned(), v))
            .collect();
        *self = Self::from_sorted_unique(pairs);
    }

    /// Builds from pairs; later pairs win over earlier ones with the same id.
    fn from_sorted_unique(pairs: Vec<(String, u8)>) -> Self {
        // Sort by id, and among equal ids by position, then keep the last of each id.
        let mut indexed: Vec<(usize, (String, u8))> = pairs.into_iter().enumerate().collect();
        super::sort::sort_by(&mut indexed, &|a, b| (&a.1.0, a.0).cmp(&(&b.1.0, b.0)));
        let mut answers = Self::default();
        for (i, (_, (id, value))) in indexed.iter().enumerate() {
            if indexed.get(i + 1).is_some_and(|next| next.1.0 == *id) {
                continue;
            }
            answers.ids.push_str(id);
            answers.entries.push((answers.ids.len() as u32, *value));
        }
        answers
    }

    /// Whether this question has an answer.
    pub fn contains(&self, question: &str) -> bool {
        self.get(question).is_some()
    }
}

impl<S: AsRef<str>> FromIterator<(S, u8)> for Answers {
    fn from_iter<I: IntoIterator<Item = (S, u8)>>(iter: I) -> Self {
        Self::from_sorted_unique(
            iter.into_iter()
                .map(|(id, v)| (id.as_ref().to_owned(), v))
                .collect(),
        )
    }
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Answers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (id, value) in self.iter() {
            map.serialize_entry(id, &value)?;
        }
        map.end()
    }
}

/// Appends a map key to the shared id buffer, borrowed or not, without allocating.
struct AppendKey<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for AppendKey<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for AppendKey<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a question id")
    }
    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<(), E> {
        self.0.push_str(id);
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswersVisitor;
        impl<'de> Visitor<'de> for AnswersVisitor {
            type Value = Answers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
                // Room for a typical survey's answers up front: growing the buffers answer by
                // answer was a fifth of the parse time of a large file.
                let mut answers = Answers {
                    ids: String::with_capacity(128),
                    entries: Vec::with_capacity(map.size_hint().unwrap_or(16)),
                };
                while map.next_key_seed(AppendKey(&mut answers.ids))?.is_some() {
                    let value: u8 = map.next_value()?;
                    let end = u32::try_from(answers.ids.len())
                        .map_err(|_| serde::de::Error::custom("answers too large"))?;
                    answers.entries.push((end, value));
                }
                // Written files are sorted already; anything else is put in order here.
                let sorted = answers
                    .iter()
                    .zip(answers.iter().skip(1))
                    .all(|((a, _), (b, _))| a < b);
                if !sorted {
                    let pairs: Vec<(String, u8)> =
                        answers.iter().map(|(id, v)| (id.to_owned(), v)).collect();
                    let unique = {
                        let mut ids: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
                        super::sort::sort_by(&mut ids, &Ord::cmp);
                        ids.windows(2)
                            .find(|w| w[0] == w[1])
                            .map(|w| w[0].to_owned())
                    };
                    if let Some(id) = unique {
                        return Err(serde::de::Error::custom(format!(
                            "question \"{id}\" is answered twice in one response"
                        )));
                    }
                    answers = Answers::from_sorted_unique(pairs);
                }
                Ok(answers)
            }
        }
        deserializer.deserialize_map(AnswersVisitor)
    }
}

impl schemars::JsonSchema for Answers {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answers".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "Answers by question id, each a whole number from 1 to the survey's scale. Skipped questions are absent; each question at most once.",
            "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 7}
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_in_any_order_and_writes_sorted() {
        let answers: Answers = serde_json::from_str(r#"{"s2": 6, "a1": 3, "s10": 1}"#).unwrap();
        assert_eq!(answers.len(), 3);
        assert_eq!(answers.get("s2"), Some(6));
        assert_eq!(answers.get("zz"), None);
        assert_eq!(
            serde_json::to_string(&answers).unwrap(),
            r#"{"a1":3,"s10":1,"s2":6}"#
        );
    }

    #[test]
    fn escaped_keys_and_duplicates() {
        let answers: Answers = serde_json::from_str(r#"{"s\u0031": 4}"#).unwrap();
        assert_eq!(answers.get("s1"), Some(4));
        let twice = serde_json::from_str::<Answers>(r#"{"s1": 4, "a": 2, "s1": 5}"#);
        assert!(twice.unwrap_err().to_string().contains("answered twice"));
    }

    #[test]
    fn insert_and_remove_keep_order() {
        let mut answers = Answers::new();
        answers.insert("b", 2);
        answers.insert("a", 1);
        answers.insert("b", 3);
        assert_eq!(answers.iter().collect::<Vec<_>>(), [("a", 1), ("b", 3)]);
        answers.remove("a");
        assert_eq!(answers.iter().collect::<Vec<_>>(), [("b", 3)]);
        let equal: Answers = [("b", 3)].into_iter().collect();
        assert_eq!(answers, equal);
    }
}
