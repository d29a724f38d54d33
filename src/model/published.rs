//! A closed round's published results: exactly what the statistics engine released when the
//! key holder opened the round, written into the file once, so that everyone else sees the
//! trends without the key and nobody sees more.
//!
//! Anyone who can write the file could also write numbers here, so they are checked against
//! the survey: the round is closed, every group reaches the minimums recorded with it, every
//! number lies in its range. (Who wrote them is not checked: see docs/privacy.md.)
//!
//! The numbers themselves ([`ReleasedRound`]) are kept as their JSON text ([`ReleasedText`])
//! and read only where they are shown: the results page, the reader worker and the tool
//! ([`check_released`] on load there, through [`super::load_full`]). The pages that carry
//! them along untouched while they add answers or edit the survey (the survey form, set-up)
//! check the entry around them but hold none of the code that reads them: the numbers are a
//! few kilobytes of wasm on a phone, and those pages write them back exactly as they found
//! them.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::document::{Document, Survey};
use super::problem::{FileError, Problem, ProblemKind, check_text, limits};

/// One round's released results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// Id of the (closed) round.
    pub round: String,
    /// The survey's group minimum when the round was released.
    #[schemars(range(min = 3, max = 100000))]
    pub min_group: u32,
    /// The survey's comment minimum when the round was released.
    #[schemars(range(min = 3, max = 100000))]
    pub min_group_comments: u32,
    /// The numbers, when enough people answered; absent (nothing at all is shown) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<ReleasedRound>")]
    pub released: Option<ReleasedText>,
}

/// A released round's numbers as written in the file: their JSON text without insignificant
/// white space (so a copy that was pretty-printed by hand compares and writes back as one line).
/// Read with [`ReleasedText::read`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleasedText(String);

impl ReleasedText {
    /// The text of `released`, as the engine publishes it.
    pub fn new(released: &ReleasedRound) -> Self {
        // Plain numbers, strings and lists: writing them cannot fail.
        Self(serde_json::to_string(released).unwrap_or_default())
    }

    /// The numbers, or why the text is not a released round.
    pub fn read(&self) -> Result<ReleasedRound, serde_json::Error> {
        serde_json::from_str(&self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for ReleasedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = serde_json::value::RawValue::from_string(self.0.clone())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ReleasedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        Ok(Self(without_spaces(raw.get())))
    }
}

/// JSON text without the white space between its tokens (strings kept exactly).
fn without_spaces(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\n' | '\r' | '\t') {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

/// A round that reached the group minimum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleasedRound {
    /// Responses counted.
    pub n: u32,
    /// One entry per dimension of the survey at release.
    pub dimensions: Vec<PublishedDimension>,
    /// The comments, in a random order, when enough people wrote one; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<Vec<String>>,
}

/// One dimension of a released round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedDimension {
    /// Id of the dimension.
    pub dimension: String,
    /// The numbers, when enough people answered this dimension; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<DimensionNumbers>,
}

/// The numbers of one dimension in one round (answers recoded so higher is more favourable).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionNumbers {
    /// Respondents with a score for this dimension.
    pub n: u32,
    /// Mean of the respondents' dimension scores.
    pub mean: f64,
    /// Sample standard deviation of the scores (absent below two respondents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd: Option<f64>,
    /// 95% confidence interval of the mean, [low, high].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci95: Option<[f64; 2]>,
    /// Share of answers in the top two points of the scale, 0 to 1.
    pub favourable: f64,
    /// Agreement r_wg(J), 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rwg_j: Option<f64>,
    /// Cronbach's alpha.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    /// The dimension's questions asked in this round.
    pub items: Vec<PublishedItem>,
}

/// One question's answer distribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedItem {
    /// Id of the question.
    pub question: String,
    /// Whether it was reverse-keyed (its counts are recoded).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// Counts of the recoded answers 1..=scale; absent when fewer than the minimum answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Vec<u32>>,
}

/// Checks every published entry against the file; appends problems with their paths.
pub(super) fn check(doc: &Document, problems: &mut Vec<Problem>) {
    let mut seen: Vec<&str> = Vec::with_capacity(doc.published.len());
    for (i, published) in doc.published.iter().enumerate() {
        let path = format!("$.published[{i}]");
        let mut fault = |at: &str, what: &'static str| {
            problems.push(Problem::new(
                format!("{path}{at}"),
                ProblemKind::BadPublished(what),
            ));
        };
        if seen.contains(&published.round.as_str()) {
            problems.push(Problem::new(
                format!("{path}.round"),
                ProblemKind::DuplicateId(published.round.clone()),
            ));
            continue;
        }
        seen.push(&published.round);
        match doc.round(&published.round) {
            None => {
                problems.push(Problem::new(
                    format!("{path}.round"),
                    ProblemKind::UnknownRound(published.round.clone()),
                ));
                continue;
            }
            Some(round) if !round.closed => {
                fault(
                    ".round",
                    "results are published for a round that is still open",
                );
                continue;
            }
            Some(_) => {}
        }
        if published.min_group < limits::MIN_GROUP_FLOOR
            || published.min_group_comments < published.min_group
        {
            fault(
                ".min_group",
                "the minimums recorded with the results are too low",
            );
        }
    }
}

/// Reads and checks every published round's numbers against the survey: where results are
/// shown (see the module's note). Every problem, with its path.
pub fn check_released(doc: &Document) -> Result<(), FileError> {
    let mut problems = Vec::new();
    for (i, published) in doc.published.iter().enumerate() {
        let path = format!("$.published[{i}]");
        let Some(text) = &published.released else {
            continue;
        };
        let released = match text.read() {
            Ok(released) => released,
            Err(e) => {
                problems.push(Problem::new(
                    format!("{path}.released"),
                    ProblemKind::Unreadable(e.to_string()),
                ));
                continue;
            }
        };
        let released = &released;
        let min = published.min_group;
        if released.n < min {
            problems.push(Problem::new(
                format!("{path}.released.n"),
                ProblemKind::BadPublished("fewer responses than the group minimum"),
            ));
        }
        check_dimensions(&doc.survey, released, min, &path, &mut problems);
        if let Some(comments) = &released.comments {
            // (Comments may outnumber `n`: a person may send a comment and no answers.)
            if (comments.len() as u64) < u64::from(published.min_group_comments) {
                problems.push(Problem::new(
                    format!("{path}.released.comments"),
                    ProblemKind::BadPublished("fewer comments than the comment minimum"),
                ));
            }
            for (c, comment) in comments.iter().enumerate() {
                check_text(
                    comment,
                    limits::MAX_COMMENT_CHARS,
                    &format!("{path}.released.comments[{c}]"),
                    &mut problems,
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(FileError { problems })
    }
}

fn check_dimensions(
    survey: &Survey,
    released: &ReleasedRound,
    min: u32,
    path: &str,
    problems: &mut Vec<Problem>,
) {
    let scale = f64::from(survey.scale);
    let in_range = |x: f64, lo: f64, hi: f64| x.is_finite() && (lo..=hi).contains(&x);
    for (d, dimension) in released.dimensions.iter().enumerate() {
        let at = format!("{path}.released.dimensions[{d}]");
        if !survey
            .dimensions
            .iter()
            .any(|x| x.id == dimension.dimension)
        {
            problems.push(Problem::new(
                format!("{at}.dimension"),
                ProblemKind::UnknownDimension(dimension.dimension.clone()),
            ));
        }
        let Some(numbers) = &dimension.released else {
            continue;
        };
        let mut faults: Vec<(&str, &'static str)> = Vec::new();
        let mut fault = |field: &'static str, what: &'static str| faults.push((field, what));
        if numbers.n < min || numbers.n > released.n {
            fault(
                ".released.n",
                "a group below the minimum, or more than the round",
            );
        }
        if !in_range(numbers.mean, 1.0, scale) {
            fault(".released.mean", "a mean outside the scale");
        }
        if numbers.sd.is_some_and(|sd| !in_range(sd, 0.0, scale)) {
            fault(".released.sd", "a standard deviation out of range");
        }
        if numbers
            .ci95
            .is_some_and(|[lo, hi]| !(lo.is_finite() && hi.is_finite() && lo <= hi))
        {
            fault(".released.ci95", "an interval that is not [low, high]");
        }
        if !in_range(numbers.favourable, 0.0, 1.0) {
            fault(".released.favourable", "a share outside 0 to 1");
        }
        if numbers.rwg_j.is_some_and(|r| !in_range(r, 0.0, 1.0)) {
            fault(".released.rwg_j", "an agreement outside 0 to 1");
        }
        if numbers.alpha.is_some_and(|a| !in_range(a, f64::MIN, 1.0)) {
            fault(".released.alpha", "an alpha above 1");
        }
        for (field, what) in faults {
            problems.push(Problem::new(
                format!("{at}{field}"),
                ProblemKind::BadPublished(what),
            ));
        }
        for (q, item) in numbers.items.iter().enumerate() {
            if survey.question(&item.question).is_none() {
                problems.push(Problem::new(
                    format!("{at}.released.items[{q}].question"),
                    ProblemKind::UnknownQuestion(item.question.clone()),
                ));
            }
            if let Some(counts) = &item.counts {
                let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
                if counts.len() != usize::from(survey.scale)
                    || total < u64::from(min)
                    || total > u64::from(released.n)
                {
                    problems.push(Problem::new(
                        format!("{at}.released.items[{q}].counts"),
                        ProblemKind::BadPublished(
                            "counts that do not fit the scale or fall below the minimum",
                        ),
                    ));
                }
            }
        }
    }
}
