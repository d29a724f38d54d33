//! The canonical serialised form: the same content always gives the same bytes.
//!
//! The layout is chosen for people and for version control as much as for machines: the
//! survey definition is indented, and every round, event, response and removed id sits on a
//! line of its own, so a diff of two versions of the file shows one line per change.

use serde::Serialize;

use super::document::Document;

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
    out.extend_from_slice(b"  \"survey\": ");
    let survey = pretty(&doc.survey);
    out.extend_from_slice(indent(&survey).as_bytes());
    out.extend_from_slice(b",\n");
    lines(&mut out, "rounds", &doc.rounds, true);
    lines(&mut out, "events", &doc.events, true);
    lines(&mut out, "responses", &doc.responses, true);
    lines(&mut out, "removed", &doc.removed, false);
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
        && increasing(&doc.removed)
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

fn pretty(value: &impl Serialize) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(text) => text,
        Err(e) => unreachable!("serialising a document cannot fail: {e}"),
    }
}

fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}
