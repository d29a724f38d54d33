//! The canonical serialised form: the same content always gives the same bytes.
//!
//! The layout is chosen for people and for version control as much as for machines: the
//! survey definition is indented, and every round, event, sealed record, removed id and published round sits on a
//! line of its own, so a diff of two versions of the file shows one line per change.

use serde::Serialize;

use super::document::{Document, Survey};

/// Writes a document in canonical form. The document is normalised first (on a copy if it was
/// not), so the output never depends on the order things were added in.
pub fn to_canonical_bytes(doc: &Document) -> Vec<u8> {
    let mut sorted;
    let doc = if is_normalized(doc) {
        doc
    } else {
        sorted = doc.clone();
        sorted.normalize();
        &sorted
    };

    let mut out = Vec::with_capacity(128 + doc.responses.len() * 96);
    out.extend_from_slice(b"{\n");
    field(&mut out, "format", &doc.format);
    field(&mut out, "version", &doc.version);
    survey(&mut out, &doc.survey);
    lines(&mut out, "rounds", &doc.rounds, true);
    lines(&mut out, "events", &doc.events, true);
    if !doc.responses.is_empty() {
        lines(&mut out, "responses", &doc.responses, true);
    }
    lines(&mut out, "sealed_answers", &doc.sealed_answers, true);
    lines(&mut out, "sealed_comments", &doc.sealed_comments, true);
    lines(&mut out, "removed", &doc.removed, !doc.published.is_empty());
    if !doc.published.is_empty() {
        lines(&mut out, "published", &doc.published, false);
    }
    out.extend_from_slice(b"}\n");
    out
}

fn is_normalized(doc: &Document) -> bool {
    fn increasing<T: Ord>(items: &[T]) -> bool {
        items.windows(2).all(|w| w[0] < w[1])
    }
    doc.rounds
        .windows(2)
        .all(|w| (&w[0].opened, &w[0].id, &w[0]) < (&w[1].opened, &w[1].id, &w[1]))
        && increasing(&doc.events)
        && increasing(&doc.responses)
        && increasing(&doc.sealed_answers)
        && increasing(&doc.sealed_comments)
        && increasing(&doc.removed)
        && doc.published.windows(2).all(|w| w[0].round < w[1].round)
        && doc.responses.iter().all(|r| !doc.is_removed(r.id))
        && doc.sealed_answers.iter().all(|r| !doc.is_removed(r.id))
        && doc.sealed_comments.iter().all(|r| !doc.is_removed(r.id))
}

fn field(out: &mut Vec<u8>, name: &str, value: &impl Serialize) {
    out.extend_from_slice(format!("  \"{name}\": ").as_bytes());
    write_compact(out, value);
    out.extend_from_slice(b",\n");
}

fn lines<T: Serialize>(out: &mut Vec<u8>, name: &str, items: &[T], comma: bool) {
    out.extend_from_slice(format!("  \"{name}\": [").as_bytes());
    for (i, item) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        write_compact(out, item);
    }
    if !items.is_empty() {
        out.extend_from_slice(b"\n  ");
    }
    out.extend_from_slice(if comma { b"],\n" } else { b"]\n" });
}

fn write_compact(out: &mut Vec<u8>, value: &impl Serialize) {
    // Serialising plain data structs into a Vec cannot fail: there is no I/O and every map
    // key is a string.
    if let Err(e) = serde_json::to_writer(&mut *out, value) {
        unreachable!("serialising a document cannot fail: {e}");
    }
}

/// The survey with one line per setting, dimension and question. Written by hand rather than
/// with serde_json's pretty printer, which would add a second serialiser to the wasm.
fn survey(out: &mut Vec<u8>, survey: &Survey) {
    // Exhaustive on purpose: a new field fails to compile here until it is written.
    let Survey {
        id,
        title,
        language,
        revision,
        scale,
        min_group,
        min_group_comments,
        team_size,
        dimensions,
        questions,
        translations,
        results_key,
    } = survey;
    out.extend_from_slice(b"  \"survey\": {\n");
    let mut first = true;
    let mut entry = |out: &mut Vec<u8>, name: &str, value: &dyn Fn(&mut Vec<u8>)| {
        out.extend_from_slice(if first { b"    \"" } else { b",\n    \"" });
        first = false;
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\": ");
        value(out);
    };
    entry(out, "id", &|o| write_compact(o, id));
    entry(out, "title", &|o| write_compact(o, title));
    entry(out, "language", &|o| write_compact(o, language));
    entry(out, "revision", &|o| write_compact(o, revision));
    entry(out, "scale", &|o| write_compact(o, scale));
    entry(out, "min_group", &|o| write_compact(o, min_group));
    entry(out, "min_group_comments", &|o| {
        write_compact(o, min_group_comments)
    });
    if let Some(size) = team_size {
        entry(out, "team_size", &|o| write_compact(o, size));
    }
    entry(out, "dimensions", &|o| nested_lines(o, dimensions));
    entry(out, "questions", &|o| nested_lines(o, questions));
    if !translations.is_empty() {
        entry(out, "translations", &|o| {
            o.push(b'{');
            for (i, (code, translation)) in translations.iter().enumerate() {
                o.extend_from_slice(if i == 0 { b"\n      " } else { b",\n      " });
                write_compact(o, code);
                o.extend_from_slice(b": ");
                write_compact(o, translation);
            }
            o.extend_from_slice(b"\n    }");
        });
    }
    if let Some(key) = results_key {
        entry(out, "results_key", &|o| write_compact(o, key));
    }
    out.extend_from_slice(b"\n  },\n");
}

fn nested_lines<T: Serialize>(out: &mut Vec<u8>, items: &[T]) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n      " } else { b",\n      " });
        write_compact(out, item);
    }
    out.extend_from_slice(if items.is_empty() { b"]" } else { b"\n    ]" });
}

/// `value` with every object's keys sorted: the same text whatever key order the build's
/// serde_json keeps (test builds turn on `preserve_order` through dev-dependencies). For the
/// generated JSON Schemas.
pub fn sorted_json(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted_json(v)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => items.into_iter().map(sorted_json).collect(),
        other => other,
    }
}
