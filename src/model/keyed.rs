//! A small map from ids or language codes to values, kept as a list sorted by key and written
//! as a JSON object, as a `BTreeMap` would be. Each `BTreeMap` type brings its own copy of the
//! tree's balancing code into the wasm (several kilobytes per type, on every page that reads a
//! team file); a survey's translations are a handful of entries, where a sorted list is as
//! fast and costs a fraction of that.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Values by key, sorted by key, each key at most once.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Keyed<V>(Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> Keyed<V> {
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.position(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key`'s value, replacing an earlier one.
    pub fn insert(&mut self, key: String, value: V) {
        match self.position(&key) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.position(key).ok().map(|i| self.0.remove(i).1)
    }

    /// `key`'s value, added as the default first when there is none.
    pub fn or_default(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.position(key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key.to_owned(), V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyedVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for KeyedVisitor<V> {
            type Value = Keyed<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keyed<V>, A::Error> {
                let mut entries: Vec<(String, V)> = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                super::sort::sort_by(&mut entries, &|a, b| a.0.cmp(&b.0));
                if let Some(twice) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
                    return Err(serde::de::Error::custom(format!(
                        "the key \"{}\" appears twice",
                        twice[0].0
                    )));
                }
                Ok(Keyed(entries))
            }
        }

        deserializer.deserialize_map(KeyedVisitor(PhantomData))
    }
}

impl<V: schemars::JsonSchema> schemars::JsonSchema for Keyed<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        <std::collections::BTreeMap<String, V>>::inline_schema()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_in_any_order_writes_sorted_and_refuses_a_key_twice() {
        let map: Keyed<String> = serde_json::from_str(r#"{"s2": "b", "a1": "a"}"#).unwrap();
        assert_eq!(map.get("s2").map(String::as_str), Some("b"));
        assert_eq!(map.get("zz"), None);
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"a1":"a","s2":"b"}"#
        );
        let twice = serde_json::from_str::<Keyed<String>>(r#"{"a": "1", "a": "2"}"#);
        assert!(twice.unwrap_err().to_string().contains("appears twice"));
        assert!(serde_json::from_str::<Keyed<String>>("[]").is_err());
    }

    #[test]
    fn edits_keep_the_order() {
        let mut map = Keyed::default();
        for key in ["c", "a", "b", "a"] {
            map.insert(key.to_owned(), key.to_uppercase());
        }
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        *map.or_default("ab") += "!";
        assert_eq!(map.get("ab").map(String::as_str), Some("!"));
        assert_eq!(map.remove("b").as_deref(), Some("B"));
        map.retain(|k, _| k != "c");
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "ab"]);
        assert_eq!(map.len(), 2);
        assert!(map.contains_key("a") && !map.contains_key("c"));
    }
}
