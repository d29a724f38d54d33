//! Reading a shared file from bytes: size limit, JSON syntax, format and version check, shape,
//! then the semantic rules of `validate`.
//!
//! Valid files take the fast path: one UTF-8 check of the whole file, then one typed
//! `serde_json::from_str` (which then skips re-checking every string). Only when that fails
//! is the file parsed again as a generic JSON value and walked field by field, so that every
//! shape problem is reported with its path instead of serde's first error alone.

use super::document::{Document, FORMAT_NAME, FORMAT_VERSION};
use super::problem::{FileError, ProblemKind, limits};
use super::validate::validate;

/// Reads and checks a shared file. On success the document is normalised (canonical order,
/// exact duplicates dropped); on failure every problem found is returned.
pub fn load(bytes: &[u8]) -> Result<Document, FileError> {
    let text = text_of(bytes)?;
    let mut doc = match serde_json::from_str::<Document>(text) {
        Ok(doc) => doc,
        Err(typed_error) => return Err(explain(text, &typed_error)),
    };
    check_header(Some(&doc.format), Some(u64::from(doc.version)))?;
    let problems = validate(&doc);
    if !problems.is_empty() {
        return Err(FileError { problems });
    }
    // Each older version has a subset of the next one's fields with the same meaning, so
    // migrating is writing the new number: version 1's plain responses stay plain until the
    // survey is sealed (set-up, `candor seal`); version 2's actions are open, due in the
    // round after the one they were agreed in; version 3's survey is in English (serde's
    // default for `survey.language`) with no translations.
    doc.version = FORMAT_VERSION;
    doc.normalize();
    Ok(doc)
}

/// The file as text: within the size limit, and UTF-8.
pub(super) fn text_of(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(FileError::single(
            "$",
            ProblemKind::FileTooLarge {
                size: bytes.len(),
                max: limits::MAX_FILE_BYTES,
            },
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(FileError::single(
                "$",
                ProblemKind::Syntax {
                    line,
                    column,
                    detail: "the file is not UTF-8 text".to_owned(),
                },
            ))
        }
    }
}

/// [`load`], and the published rounds' numbers read and checked too
/// ([`super::published::check_released`]): for whatever shows results (the results page, the
/// reader worker, the tool). Pages that only carry the numbers along use [`load`].
pub fn load_full(bytes: &[u8]) -> Result<Document, FileError> {
    let doc = load(bytes)?;
    super::published::check_released(&doc)?;
    Ok(doc)
}

/// Explains why the typed parse failed. Natively (the `candor` tool, tests) every shape
/// problem is listed; in the browser, serde's first error (with line and column) is reported
/// instead, which keeps the generic JSON tree and the shape walk out of the wasm (about 6 kB
/// brotli). The rules checked by `validate` are reported in full everywhere.
pub(super) fn explain(text: &str, typed_error: &serde_json::Error) -> FileError {
    #[cfg(not(target_arch = "wasm32"))]
    return diagnose(text, typed_error);
    #[cfg(target_arch = "wasm32")]
    {
        use serde_json::error::Category;
        if let Err(newer) = header_of(text) {
            return newer;
        }
        let kind = match typed_error.classify() {
            Category::Syntax | Category::Eof | Category::Io => ProblemKind::Syntax {
                line: typed_error.line(),
                column: typed_error.column(),
                detail: syntax_detail(typed_error),
            },
            Category::Data => ProblemKind::Unreadable(typed_error.to_string()),
        };
        FileError::single("$", kind)
    }
}

/// Explains why the typed parse failed by where, never by serde_json's own words: for the
/// respondent's form, whose reader (`Questionnaire`) thereby leaves serde_json's error
/// messages, and the standard library's I/O error names they reach, out of the page's wasm
/// (about 1.5 kB brotli). A respondent cannot mend the file; whoever can opens it in set-up or
/// with `candor check`, which say exactly what is wrong.
pub(super) fn explain_briefly(text: &str, typed_error: &serde_json::Error) -> FileError {
    use serde_json::error::Category;
    if let Err(newer) = header_of(text) {
        return newer;
    }
    let (line, column) = (typed_error.line(), typed_error.column());
    let kind = match typed_error.classify() {
        Category::Data => ProblemKind::Misfit { line, column },
        Category::Eof => ProblemKind::Syntax {
            line,
            column,
            detail: TRUNCATED.to_owned(),
        },
        Category::Syntax | Category::Io if line == 1 && column == 1 => ProblemKind::Syntax {
            line,
            column,
            detail: NOT_JSON.to_owned(),
        },
        Category::Syntax | Category::Io => ProblemKind::Syntax {
            line,
            column,
            detail: "the JSON is malformed here (a character missing, stray or not allowed)"
                .to_owned(),
        },
    };
    FileError::single("$", kind)
}

/// A file from a newer Candor (or no Candor file at all, by its header) is reported as
/// exactly that, before anything about its shape.
fn header_of(text: &str) -> Result<(), FileError> {
    match serde_json::from_str::<Header>(text) {
        Ok(header) => check_header(header.format.as_deref(), header.version),
        Err(_) => Ok(()),
    }
}

const TRUNCATED: &str = "the file ends too early (is it truncated?)";
const NOT_JSON: &str =
    "this is not JSON (a server may have sent an error page instead of the file)";

/// Explains why the typed parse failed, as completely as possible.
#[cfg(not(target_arch = "wasm32"))]
fn diagnose(text: &str, typed_error: &serde_json::Error) -> FileError {
    use serde_json::Value;

    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return FileError::single(
                "$",
                ProblemKind::Syntax {
                    line: e.line(),
                    column: e.column(),
                    detail: syntax_detail(&e),
                },
            );
        }
    };
    let Value::Object(top) = &value else {
        return FileError::single("$", ProblemKind::NotCandor);
    };
    let version = top.get("version");
    if let Err(header) = check_header(
        top.get("format").and_then(Value::as_str),
        version.and_then(Value::as_u64),
    ) {
        // Keep the odd value itself in the message (e.g. a version given as text).
        return match (header.problems[0].kind.clone(), version) {
            (ProblemKind::UnknownVersion { .. }, Some(v)) => FileError::single(
                "$.version",
                ProblemKind::UnknownVersion {
                    found: v.to_string(),
                },
            ),
            _ => header,
        };
    }

    let mut problems = Vec::new();
    shape::document(&value, &mut problems);
    if problems.is_empty() {
        // The walk and serde disagree; report serde's view rather than nothing.
        problems.push(super::problem::Problem::new(
            "$",
            ProblemKind::Unreadable(typed_error.to_string()),
        ));
    }
    FileError { problems }
}

/// The two fields every version of the format has, read without the rest.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// The format name and version come first: a newer file is reported as exactly that, and
/// nothing else, because its shape is not ours to judge.
pub(super) fn check_header(format: Option<&str>, version: Option<u64>) -> Result<(), FileError> {
    if format != Some(FORMAT_NAME) {
        return Err(FileError::single("$.format", ProblemKind::NotCandor));
    }
    match version {
        // Version 1 is migrated by `load`; it is the first published format.
        Some(v) if (1..=u64::from(FORMAT_VERSION)).contains(&v) => Ok(()),
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(FileError::single(
            "$.version",
            ProblemKind::NewerVersion {
                found: v,
                supported: FORMAT_VERSION,
            },
        )),
        _ => Err(FileError::single(
            "$.version",
            ProblemKind::UnknownVersion {
                found: version.map_or_else(
                    || "missing or not a whole number".to_owned(),
                    |v| v.to_string(),
                ),
            },
        )),
    }
}

fn syntax_detail(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => TRUNCATED.to_owned(),
        _ if error.line() == 1 && error.column() == 1 => NOT_JSON.to_owned(),
        _ => {
            // serde_json appends " at line L column C"; the problem states those separately.
            let text = error.to_string();
            match text.rfind(" at line ") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The shape walk: which fields each object has and what type each value is. It mirrors the
/// serde types in `document`; a test feeds it the JSON Schema's example to keep them in step.
mod shape {
    use serde_json::Value;

    use super::super::id::ResponseId;
    use super::super::problem::{Problem, ProblemKind, join_key};

    type Check<'a> = &'a dyn Fn(&Value, &str, &mut Vec<Problem>);

    struct Field<'a> {
        name: &'static str,
        required: bool,
        /// `null` stands for "absent" (the field is an `Option` in the Rust types).
        nullable: bool,
        check: Check<'a>,
    }

    fn req<'a>(name: &'static str, check: Check<'a>) -> Field<'a> {
        Field {
            name,
            required: true,
            nullable: false,
            check,
        }
    }

    fn opt<'a>(name: &'static str, check: Check<'a>) -> Field<'a> {
        Field {
            name,
            required: false,
            nullable: false,
            check,
        }
    }

    fn nullable<'a>(name: &'static str, check: Check<'a>) -> Field<'a> {
        Field {
            name,
            required: false,
            nullable: true,
            check,
        }
    }

    fn type_name(value: &Value) -> &'static str {
        match value {
            Value::Null => "null",
            Value::Bool(_) => "true/false",
            Value::Number(n) if n.is_u64() || n.is_i64() => "a whole number",
            Value::Number(_) => "a decimal number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    fn wrong(expected: &'static str, value: &Value, path: &str, problems: &mut Vec<Problem>) {
        problems.push(Problem::new(
            path,
            ProblemKind::WrongType {
                expected,
                found: type_name(value),
            },
        ));
    }

    fn object(value: &Value, path: &str, fields: &[Field], problems: &mut Vec<Problem>) {
        let Value::Object(map) = value else {
            return wrong("an object", value, path, problems);
        };
        for field in fields {
            match map.get(field.name) {
                Some(Value::Null) if field.nullable => {}
                Some(v) => (field.check)(v, &join_key(path, field.name), problems),
                None if field.required => {
                    problems.push(Problem::new(path, ProblemKind::MissingField(field.name)))
                }
                None => {}
            }
        }
        for key in map.keys() {
            if !fields.iter().any(|f| f.name == key) {
                problems.push(Problem::new(
                    join_key(path, key),
                    ProblemKind::UnknownField(key.clone()),
                ));
            }
        }
    }

    fn list(value: &Value, path: &str, item: Check<'_>, problems: &mut Vec<Problem>) {
        let Value::Array(items) = value else {
            return wrong("a list", value, path, problems);
        };
        for (i, v) in items.iter().enumerate() {
            item(v, &format!("{path}[{i}]"), problems);
        }
    }

    fn text(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        if !value.is_string() {
            wrong("text", value, path, problems);
        }
    }

    fn boolean(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        if !value.is_boolean() {
            wrong("true or false", value, path, problems);
        }
    }

    fn whole(value: &Value, path: &str, max: u64, problems: &mut Vec<Problem>) {
        if let Some(n) = value.as_i64().filter(|n| *n < 0) {
            return problems.push(Problem::new(path, ProblemKind::Negative(n)));
        }
        match value.as_u64() {
            Some(n) if n <= max => {}
            Some(n) => problems.push(Problem::new(
                path,
                ProblemKind::OutOfRange {
                    value: i64::try_from(n).unwrap_or(i64::MAX),
                    min: 0,
                    max: i64::try_from(max).unwrap_or(i64::MAX),
                },
            )),
            None => wrong("a whole number", value, path, problems),
        }
    }

    fn u8_number(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        whole(value, path, u8::MAX.into(), problems)
    }

    fn u32_number(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        whole(value, path, u32::MAX.into(), problems)
    }

    fn u64_number(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        whole(value, path, u64::MAX, problems)
    }

    fn response_id(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        match value.as_str() {
            Some(s) if ResponseId::parse(s).is_some() => {}
            Some(s) => problems.push(Problem::new(
                path,
                ProblemKind::InvalidResponseId(s.to_owned()),
            )),
            None => wrong("text", value, path, problems),
        }
    }

    pub(super) fn document(value: &Value, problems: &mut Vec<Problem>) {
        // Answers are judged against the survey's scale when it is readable.
        let scale = value
            .pointer("/survey/scale")
            .and_then(Value::as_u64)
            .and_then(|s| u8::try_from(s).ok())
            .filter(|s| matches!(s, 5 | 7))
            .unwrap_or(7);
        let response = |v: &Value, p: &str, e: &mut Vec<Problem>| response(v, p, scale, e);
        object(
            value,
            "$",
            &[
                req("format", &text),
                req("version", &u32_number),
                req("survey", &survey),
                opt("rounds", &|v, p, e| list(v, p, &round, e)),
                opt("events", &|v, p, e| list(v, p, &event, e)),
                opt("responses", &|v, p, e| list(v, p, &response, e)),
                opt("sealed_answers", &|v, p, e| list(v, p, &sealed, e)),
                opt("sealed_comments", &|v, p, e| list(v, p, &sealed, e)),
                opt("removed", &|v, p, e| list(v, p, &response_id, e)),
                opt("published", &|v, p, e| list(v, p, &published, e)),
            ],
            problems,
        );
    }

    fn survey(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("id", &text),
                req("title", &text),
                req("revision", &u64_number),
                req("scale", &u8_number),
                req("min_group", &u32_number),
                req("min_group_comments", &u32_number),
                nullable("team_size", &u32_number),
                req("dimensions", &|v, p, e| list(v, p, &dimension, e)),
                req("questions", &|v, p, e| list(v, p, &question, e)),
                nullable("results_key", &text),
            ],
            problems,
        );
    }

    fn sealed(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("id", &response_id),
                req("round", &text),
                req("sealed", &text),
            ],
            problems,
        );
    }

    fn number(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        if !value.is_number() {
            wrong("a number", value, path, problems);
        }
    }

    fn published(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("round", &text),
                req("min_group", &u32_number),
                req("min_group_comments", &u32_number),
                nullable("released", &released_round),
            ],
            problems,
        );
    }

    fn released_round(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("n", &u32_number),
                req("dimensions", &|v, p, e| list(v, p, &published_dimension, e)),
                nullable("comments", &|v, p, e| list(v, p, &text, e)),
            ],
            problems,
        );
    }

    fn published_dimension(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("dimension", &text),
                nullable("released", &dimension_numbers),
            ],
            problems,
        );
    }

    fn dimension_numbers(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        let pair = |v: &Value, p: &str, e: &mut Vec<Problem>| match v.as_array() {
            Some(items) if items.len() == 2 => list(v, p, &number, e),
            _ => wrong("a list of two numbers", v, p, e),
        };
        object(
            value,
            path,
            &[
                req("n", &u32_number),
                req("mean", &number),
                nullable("sd", &number),
                nullable("ci95", &pair),
                req("favourable", &number),
                nullable("rwg_j", &number),
                nullable("alpha", &number),
                req("items", &|v, p, e| list(v, p, &published_item, e)),
            ],
            problems,
        );
    }

    fn published_item(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("question", &text),
                opt("reverse", &boolean),
                nullable("counts", &|v, p, e| list(v, p, &u32_number, e)),
            ],
            problems,
        );
    }

    fn dimension(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[req("id", &text), req("name", &text)],
            problems,
        );
    }

    fn question(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("id", &text),
                req("dimension", &text),
                req("text", &text),
                opt("reverse", &boolean),
                opt("retired", &boolean),
            ],
            problems,
        );
    }

    fn round(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("id", &text),
                req("label", &text),
                req("opened", &text),
                opt("closed", &boolean),
            ],
            problems,
        );
    }

    fn event(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("id", &text),
                req("round", &text),
                req("label", &text),
                opt("date", &text),
                opt("kind", &event_kind),
                opt("owner", &text),
                opt("review", &text),
                opt("status", &action_status),
                opt("settled", &text),
                opt("revision", &u64_number),
            ],
            problems,
        );
    }

    fn event_kind(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        if !matches!(value.as_str(), Some("event" | "action")) {
            wrong("\"event\" or \"action\"", value, path, problems);
        }
    }

    fn action_status(value: &Value, path: &str, problems: &mut Vec<Problem>) {
        if !matches!(value.as_str(), Some("open" | "done" | "dropped")) {
            wrong("\"open\", \"done\" or \"dropped\"", value, path, problems);
        }
    }

    fn response(value: &Value, path: &str, scale: u8, problems: &mut Vec<Problem>) {
        object(
            value,
            path,
            &[
                req("id", &response_id),
                req("round", &text),
                req("answers", &|v, p, e| answers(v, p, scale, e)),
                nullable("comment", &text),
            ],
            problems,
        );
    }

    fn answers(value: &Value, path: &str, scale: u8, problems: &mut Vec<Problem>) {
        let Value::Object(map) = value else {
            return wrong("an object of answers", value, path, problems);
        };
        for (question, answer) in map {
            let path = join_key(path, question);
            match answer.as_i64() {
                Some(n) if (1..=i64::from(scale)).contains(&n) => {}
                Some(n) => problems.push(Problem::new(
                    path,
                    ProblemKind::AnswerOutOfScale { value: n, scale },
                )),
                None => wrong("a whole number", answer, &path, problems),
            }
        }
    }
}
