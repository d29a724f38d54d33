//! The rules of a well-formed file that need context: answers within the survey's scale,
//! references between rounds, questions and dimensions, unique ids and text limits.
//!
//! Validation is total: it looks at every part, collects every problem with its JSON path,
//! and never panics, whatever the input.

use super::document::{Document, Event, EventKind, Response, Round, SealedRecord, Survey};
use super::id::is_slug;
use super::problem::{Problem, ProblemKind, check_text, join_key, limits};

/// The last guard of "an invalid file is never written", for a file just changed: its first
/// problem, said as why the change was not made (the file as read was valid, so the change
/// is at fault).
pub fn refuse_if_invalid(doc: &Document) -> Result<(), String> {
    match validate(doc).first() {
        Some(problem) => Err(format!(
            "the change would make the team file invalid, so it was not made: {problem}"
        )),
        None => Ok(()),
    }
}

/// Every problem in an already-typed document, in file order (empty when it is valid).
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_survey(&doc.survey, &mut problems);

    let rounds = check_rounds(&doc.rounds, &mut problems);

    check_unique_ids(
        doc.events.iter().map(|e| e.id.as_str()),
        "$.events",
        limits::MAX_ROUNDS,
        &mut problems,
    );
    for (i, event) in doc.events.iter().enumerate() {
        let path = format!("$.events[{i}]");
        if rounds.binary_search(&event.round.as_str()).is_err() {
            problems.push(Problem::new(
                format!("{path}.round"),
                ProblemKind::UnknownRound(event.round.clone()),
            ));
        }
        check_text(
            &event.label,
            limits::MAX_LABEL_CHARS,
            &format!("{path}.label"),
            &mut problems,
        );
        for (field, day) in [("date", &event.date), ("review", &event.review)] {
            if let Some(day) = day.as_ref().filter(|d| !is_iso_date(d)) {
                problems.push(Problem::new(
                    format!("{path}.{field}"),
                    ProblemKind::InvalidDate(day.clone()),
                ));
            }
        }
        check_action(event, &path, &rounds, &mut problems);
    }

    check_responses(&doc.responses, &doc.survey, &rounds, &mut problems);

    if let Some(key) = &doc.survey.results_key
        && crate::seal::PublicKey::from_text(key).is_err()
    {
        problems.push(Problem::new(
            "$.survey.results_key",
            ProblemKind::BadResultsKey,
        ));
    }
    let sealed = [
        ("$.sealed_answers", &doc.sealed_answers, RecordKind::Answers),
        (
            "$.sealed_comments",
            &doc.sealed_comments,
            RecordKind::Comment,
        ),
    ];
    for (path, records, kind) in sealed {
        if !records.is_empty() && doc.survey.results_key.is_none() {
            problems.push(Problem::new(path, ProblemKind::SealedWithoutKey));
        }
        for (i, record) in records.iter().enumerate() {
            check_sealed(
                record,
                &format!("{path}[{i}]"),
                kind,
                &rounds,
                &mut problems,
            );
        }
        check_duplicate_records(records, path, &mut problems);
    }
    super::published::check(doc, &mut problems);
    problems
}

/// The plain responses' rules (known round and questions, answers on the scale, the comment's
/// limit, no id twice with different content), given the rounds' sorted ids.
pub(crate) fn check_responses(
    responses: &[Response],
    survey: &Survey,
    rounds: &[&str],
    problems: &mut Vec<Problem>,
) {
    // Sorted slices rather than hash sets: a handful of short ids, looked up for every answer
    // of every response, are found faster by binary search than by hashing.
    let mut questions: Vec<&str> = survey.questions.iter().map(|q| q.id.as_str()).collect();
    super::sort::sort_by(&mut questions, &Ord::cmp);
    for (i, response) in responses.iter().enumerate() {
        check_response(response, i, rounds, &questions, survey.scale, problems);
    }
    check_duplicate_responses(responses, problems);
}

/// The rounds' rules: unique ids, a label, an ISO opening day. Returns their ids, sorted (for
/// the records that name a round).
pub(crate) fn check_rounds<'a>(rounds: &'a [Round], problems: &mut Vec<Problem>) -> Vec<&'a str> {
    let ids = check_unique_ids(
        rounds.iter().map(|r| r.id.as_str()),
        "$.rounds",
        limits::MAX_ROUNDS,
        problems,
    );
    for (i, round) in rounds.iter().enumerate() {
        let path = format!("$.rounds[{i}]");
        check_text(
            &round.label,
            limits::MAX_LABEL_CHARS,
            &format!("{path}.label"),
            problems,
        );
        if !is_iso_date(&round.opened) {
            problems.push(Problem::new(
                format!("{path}.opened"),
                ProblemKind::InvalidDate(round.opened.clone()),
            ));
        }
    }
    ids
}

#[derive(Clone, Copy)]
enum RecordKind {
    Answers,
    Comment,
}

/// A sealed record is checked without opening it: a known round, the base64url alphabet, and
/// one of the lengths its kind is padded to (so a record's size can say nothing).
fn check_sealed(
    record: &SealedRecord,
    path: &str,
    kind: RecordKind,
    rounds: &[&str],
    problems: &mut Vec<Problem>,
) {
    use crate::seal::{ANSWER_BUCKETS, COMMENT_BUCKETS, is_sealed_alphabet, sealed_text_len};
    if rounds.binary_search(&record.round.as_str()).is_err() {
        problems.push(Problem::new(
            format!("{path}.round"),
            ProblemKind::UnknownRound(record.round.clone()),
        ));
    }
    let sizes: &[usize] = match kind {
        RecordKind::Answers => &ANSWER_BUCKETS,
        RecordKind::Comment => &COMMENT_BUCKETS,
    };
    let len = record.sealed.len();
    if !is_sealed_alphabet(&record.sealed) {
        problems.push(Problem::new(
            format!("{path}.sealed"),
            ProblemKind::BadSealed("characters other than letters, digits, '-' and '_'"),
        ));
    } else if !sizes.iter().any(|&size| sealed_text_len(size) == len) {
        problems.push(Problem::new(
            format!("{path}.sealed"),
            ProblemKind::BadSealed("a length no sealed record has (truncated or altered)"),
        ));
    }
}

/// Why a sealed record about to be added is not well-formed, if it is not.
pub(crate) fn sealed_problem(record: &SealedRecord, answers: bool) -> Option<String> {
    let mut problems = Vec::new();
    let round = [record.round.as_str()];
    let kind = if answers {
        RecordKind::Answers
    } else {
        RecordKind::Comment
    };
    check_sealed(record, "", kind, &round, &mut problems);
    problems.first().map(|p| p.kind.to_string())
}

/// Like responses, two sealed records with one id must be identical.
fn check_duplicate_records(records: &[SealedRecord], path: &str, problems: &mut Vec<Problem>) {
    if records.windows(2).all(|w| w[0].id < w[1].id) {
        return;
    }
    let mut order: Vec<usize> = (0..records.len()).collect();
    super::sort::sort_by(&mut order, &|a, b| records[*a].id.cmp(&records[*b].id));
    for pair in order.windows(2) {
        let (a, b) = (&records[pair[0]], &records[pair[1]]);
        if a.id == b.id && a != b {
            problems.push(Problem::new(
                format!("{path}[{}]", pair[0].max(pair[1])),
                ProblemKind::ConflictingResponse(a.id.to_string()),
            ));
        }
    }
}

pub(crate) fn check_survey(survey: &Survey, problems: &mut Vec<Problem>) {
    super::translation::check_translations(survey, problems);
    if !is_slug(&survey.id) {
        problems.push(Problem::new(
            "$.survey.id",
            ProblemKind::InvalidId(survey.id.clone()),
        ));
    }
    check_text(
        &survey.title,
        limits::MAX_LABEL_CHARS,
        "$.survey.title",
        problems,
    );
    if !matches!(survey.scale, 5 | 7) {
        problems.push(Problem::new(
            "$.survey.scale",
            ProblemKind::BadScale(survey.scale.into()),
        ));
    }
    check_range(
        survey.min_group.into(),
        limits::MIN_GROUP_FLOOR.into(),
        limits::MAX_TEAM.into(),
        "$.survey.min_group",
        problems,
    );
    if survey.min_group_comments < survey.min_group {
        problems.push(Problem::new(
            "$.survey.min_group_comments",
            ProblemKind::CommentMinimumBelowGroup {
                comments: survey.min_group_comments,
                group: survey.min_group,
            },
        ));
    } else {
        check_range(
            survey.min_group_comments.into(),
            limits::MIN_GROUP_FLOOR.into(),
            limits::MAX_TEAM.into(),
            "$.survey.min_group_comments",
            problems,
        );
    }
    if let Some(size) = survey.team_size {
        check_range(
            size.into(),
            1,
            limits::MAX_TEAM.into(),
            "$.survey.team_size",
            problems,
        );
    }

    if survey.dimensions.is_empty() {
        problems.push(Problem::new(
            "$.survey.dimensions",
            ProblemKind::Empty("dimensions"),
        ));
    }
    let dimensions = check_unique_ids(
        survey.dimensions.iter().map(|d| d.id.as_str()),
        "$.survey.dimensions",
        limits::MAX_DIMENSIONS,
        problems,
    );
    for (i, dimension) in survey.dimensions.iter().enumerate() {
        let path = format!("$.survey.dimensions[{i}]");
        check_text(
            &dimension.name,
            limits::MAX_LABEL_CHARS,
            &format!("{path}.name"),
            problems,
        );
        if survey.questions_in(&dimension.id).next().is_none() {
            problems.push(Problem::new(
                format!("{path}.id"),
                ProblemKind::EmptyDimension(dimension.id.clone()),
            ));
        }
    }

    if survey.questions.is_empty() {
        problems.push(Problem::new(
            "$.survey.questions",
            ProblemKind::Empty("questions"),
        ));
    }
    check_unique_ids(
        survey.questions.iter().map(|q| q.id.as_str()),
        "$.survey.questions",
        limits::MAX_QUESTIONS,
        problems,
    );
    for (i, question) in survey.questions.iter().enumerate() {
        let path = format!("$.survey.questions[{i}]");
        if dimensions
            .binary_search(&question.dimension.as_str())
            .is_err()
        {
            problems.push(Problem::new(
                format!("{path}.dimension"),
                ProblemKind::UnknownDimension(question.dimension.clone()),
            ));
        }
        check_text(
            &question.text,
            limits::MAX_QUESTION_CHARS,
            &format!("{path}.text"),
            problems,
        );
    }
}

impl Document {
    /// The problems of one response checked against this file's survey and rounds (answers to
    /// known questions, within the scale), as when it is added or opened.
    pub fn response_problems(&self, response: &Response) -> Vec<Problem> {
        response_problems(self, response)
    }
}

/// The problems of one response that is about to be added to an already valid file: the
/// respondent's precise reason. (The write protocol still checks the whole file before it
/// writes, as the last guard.)
pub(crate) fn response_problems(doc: &Document, response: &Response) -> Vec<Problem> {
    let mut questions: Vec<&str> = doc.survey.questions.iter().map(|q| q.id.as_str()).collect();
    super::sort::sort_by(&mut questions, &Ord::cmp);
    let mut rounds: Vec<&str> = doc.rounds.iter().map(|r| r.id.as_str()).collect();
    super::sort::sort_by(&mut rounds, &Ord::cmp);
    let mut problems = Vec::new();
    check_response(
        response,
        0,
        &rounds,
        &questions,
        doc.survey.scale,
        &mut problems,
    );
    problems
}

/// Runs once per response of files with hundreds of thousands of them: paths are only
/// formatted when there is a problem to report.
fn check_response(
    response: &Response,
    index: usize,
    rounds: &[&str],
    questions: &[&str],
    scale: u8,
    problems: &mut Vec<Problem>,
) {
    let path = || format!("$.responses[{index}]");
    if rounds.binary_search(&response.round.as_str()).is_err() {
        problems.push(Problem::new(
            format!("{}.round", path()),
            ProblemKind::UnknownRound(response.round.clone()),
        ));
    }
    // Answers and `questions` are both sorted by id: one merge walk matches them.
    let mut known = questions.iter().peekable();
    for (question, value) in response.answers.iter() {
        while known.next_if(|id| **id < question).is_some() {}
        let kind = if known.peek() != Some(&&question) {
            ProblemKind::UnknownQuestion(question.to_owned())
        } else if value == 0 || value > scale {
            ProblemKind::AnswerOutOfScale {
                value: value.into(),
                scale,
            }
        } else {
            continue;
        };
        problems.push(Problem::new(
            join_key(&format!("{}.answers", path()), question),
            kind,
        ));
    }
    match &response.comment {
        Some(comment) => check_text(
            comment,
            limits::MAX_COMMENT_CHARS,
            &format!("{}.comment", path()),
            problems,
        ),
        None if response.answers.is_empty() => {
            problems.push(Problem::new(path(), ProblemKind::EmptyResponse));
        }
        None => {}
    }
}

/// Two responses with one id are fine when identical (the same submission merged twice) and
/// an error when they differ: the id is random, so that only happens by tampering or a bug.
fn check_duplicate_responses(responses: &[Response], problems: &mut Vec<Problem>) {
    // Files are written sorted by id, so the common case is a single pass.
    if responses.windows(2).all(|w| w[0].id < w[1].id) {
        return;
    }
    let mut order: Vec<usize> = (0..responses.len()).collect();
    super::sort::sort_by(&mut order, &|a, b| responses[*a].id.cmp(&responses[*b].id));
    for pair in order.windows(2) {
        let (a, b) = (&responses[pair[0]], &responses[pair[1]]);
        if a.id == b.id && a != b {
            problems.push(Problem::new(
                format!("$.responses[{}]", pair[0].max(pair[1])),
                ProblemKind::ConflictingResponse(a.id.to_string()),
            ));
        }
    }
}

/// Checks the ids of one collection (syntax, uniqueness, count) and returns them sorted, for
/// binary search. Sorting, not hashing: it keeps the hash-map code out of the wasm.
fn check_unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: &str,
    max: usize,
    problems: &mut Vec<Problem>,
) -> Vec<&'a str> {
    let mut sorted: Vec<(&str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    for &(id, i) in &sorted {
        if !is_slug(id) {
            problems.push(Problem::new(
                format!("{path}[{i}].id"),
                ProblemKind::InvalidId(id.to_owned()),
            ));
        }
    }
    super::sort::sort_by(&mut sorted, &Ord::cmp);
    // After sorting, each later use of an id follows its first use.
    for pair in sorted.windows(2) {
        if pair[0].0 == pair[1].0 {
            problems.push(Problem::new(
                format!("{path}[{}].id", pair[1].1),
                ProblemKind::DuplicateId(pair[1].0.to_owned()),
            ));
        }
    }
    if sorted.len() > max {
        problems.push(Problem::new(
            path,
            ProblemKind::TooMany {
                len: sorted.len(),
                max,
            },
        ));
    }
    let mut ids: Vec<&str> = sorted.into_iter().map(|(id, _)| id).collect();
    ids.dedup();
    ids
}

fn check_range(value: i64, min: i64, max: i64, path: &str, problems: &mut Vec<Problem>) {
    if value < min || value > max {
        problems.push(Problem::new(
            path,
            ProblemKind::OutOfRange { value, min, max },
        ));
    }
}

/// Whether `text` is a real calendar day written as YYYY-MM-DD.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    // Digits by hand: no slicing or number parsing (each links panic and parse paths).
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// What only an action may have, and what an action's status needs: a settled action names
/// the round it was settled in, an open one names none.
fn check_action(event: &Event, path: &str, rounds: &[&str], problems: &mut Vec<Problem>) {
    if event.kind == EventKind::Event {
        let extras = [
            ("owner", event.owner.is_some()),
            ("review", event.review.is_some()),
            ("status", !event.status.is_open()),
            ("settled", event.settled.is_some()),
            ("revision", event.revision != 0),
        ];
        for (field, _) in extras.iter().filter(|(_, present)| *present) {
            problems.push(Problem::new(
                format!("{path}.{field}"),
                ProblemKind::OnlyForActions,
            ));
        }
        return;
    }
    if let Some(owner) = &event.owner {
        check_text(
            owner,
            limits::MAX_OWNER_CHARS,
            &format!("{path}.owner"),
            problems,
        );
    }
    match (&event.settled, event.status.is_open()) {
        (Some(round), false) if rounds.binary_search(&round.as_str()).is_err() => {
            problems.push(Problem::new(
                format!("{path}.settled"),
                ProblemKind::UnknownRound(round.clone()),
            ))
        }
        (Some(_), false) | (None, true) => {}
        (Some(_), true) | (None, false) => problems.push(Problem::new(
            format!("{path}.settled"),
            ProblemKind::SettledMismatch,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for good in ["2026-10-05", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "2026-1-05",
            "2026-13-01",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026/10/05",
            "２０２６-10-05",
            "2026-10-0a",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
