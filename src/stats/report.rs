//! The statistics engine: turns a shared file into per-round, per-dimension results, and
//! enforces the anonymity minimums in its types.
//!
//! A round with fewer responses than the survey's `min_group` becomes
//! [`RoundResult::Suppressed`], which carries no number of any kind; the same holds for a
//! dimension, and for an item's answer distribution, answered by fewer people than the minimum
//! within a released round. Result types have private fields and are only built here, so no view
//! or export can hold the numbers of a group that is too small.

use crate::model::sort::sort_by;
use crate::model::{Document, Response};

use super::agreement::{cronbach_alpha, rwg_j};
use super::change::{Welch, welch};
use super::describe::{ci95, mean, sample_sd};

/// The engine's result for a whole file.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    survey: String,
    scale: u8,
    min_group: u32,
    min_group_comments: u32,
    team_size: Option<u32>,
    rounds: Vec<RoundResult>,
}

/// One round: either suppressed (no numbers at all) or released.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundResult {
    Suppressed(SuppressedRound),
    Released(RoundStats),
}

/// A round with too few responses. It holds only what the file already says in the open: the
/// round's id and label.
#[derive(Clone, Debug, PartialEq)]
pub struct SuppressedRound {
    round: String,
    label: String,
}

/// A round with enough responses to be shown.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundStats {
    round: String,
    label: String,
    n: usize,
    dimensions: Vec<DimensionResult>,
    comments: Comments,
}

/// A round's comments: only released when the round reaches the comment minimum.
#[derive(Clone, Debug, PartialEq)]
pub enum Comments {
    Withheld,
    Released(Vec<String>),
}

/// One dimension in a released round.
#[derive(Clone, Debug, PartialEq)]
pub enum DimensionResult {
    Suppressed { dimension: String },
    Released(DimensionStats),
}

/// The numbers of one dimension in one round.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionStats {
    dimension: String,
    n: usize,
    mean: f64,
    sd: Option<f64>,
    ci95: Option<(f64, f64)>,
    favourable: f64,
    rwg_j: Option<f64>,
    alpha: Option<f64>,
    change: Option<Change>,
    items: Vec<ItemStats>,
}

/// The answer distribution of one question (recoded, so higher is always more favourable).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemStats {
    question: String,
    reverse: bool,
    /// Counts of answers 1..=scale, or `None` when fewer than `min_group` people answered.
    counts: Option<Vec<u32>>,
}

/// Change of a dimension since the latest earlier round in which it was released.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    from: String,
    welch: Welch,
}

impl Report {
    pub fn survey(&self) -> &str {
        &self.survey
    }
    pub fn scale(&self) -> u8 {
        self.scale
    }
    pub fn min_group(&self) -> u32 {
        self.min_group
    }
    pub fn min_group_comments(&self) -> u32 {
        self.min_group_comments
    }
    pub fn team_size(&self) -> Option<u32> {
        self.team_size
    }
    pub fn rounds(&self) -> &[RoundResult] {
        &self.rounds
    }
}

impl RoundResult {
    pub fn round(&self) -> &str {
        match self {
            Self::Suppressed(s) => &s.round,
            Self::Released(r) => &r.round,
        }
    }
    pub fn label(&self) -> &str {
        match self {
            Self::Suppressed(s) => &s.label,
            Self::Released(r) => &r.label,
        }
    }
    pub fn released(&self) -> Option<&RoundStats> {
        match self {
            Self::Suppressed(_) => None,
            Self::Released(r) => Some(r),
        }
    }
}

impl RoundStats {
    pub fn round(&self) -> &str {
        &self.round
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn n(&self) -> usize {
        self.n
    }
    pub fn dimensions(&self) -> &[DimensionResult] {
        &self.dimensions
    }
    pub fn comments(&self) -> &Comments {
        &self.comments
    }
}

impl DimensionResult {
    pub fn dimension(&self) -> &str {
        match self {
            Self::Suppressed { dimension } => dimension,
            Self::Released(d) => &d.dimension,
        }
    }
    pub fn released(&self) -> Option<&DimensionStats> {
        match self {
            Self::Suppressed { .. } => None,
            Self::Released(d) => Some(d),
        }
    }
}

impl DimensionStats {
    pub fn dimension(&self) -> &str {
        &self.dimension
    }
    pub fn n(&self) -> usize {
        self.n
    }
    pub fn mean(&self) -> f64 {
        self.mean
    }
    pub fn sd(&self) -> Option<f64> {
        self.sd
    }
    pub fn ci95(&self) -> Option<(f64, f64)> {
        self.ci95
    }
    pub fn favourable(&self) -> f64 {
        self.favourable
    }
    pub fn rwg_j(&self) -> Option<f64> {
        self.rwg_j
    }
    pub fn alpha(&self) -> Option<f64> {
        self.alpha
    }
    pub fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
    pub fn items(&self) -> &[ItemStats] {
        &self.items
    }
}

impl ItemStats {
    pub fn question(&self) -> &str {
        &self.question
    }
    pub fn reverse(&self) -> bool {
        self.reverse
    }
    pub fn counts(&self) -> Option<&[u32]> {
        self.counts.as_deref()
    }
}

impl Change {
    pub fn from(&self) -> &str {
        &self.from
    }
    pub fn diff(&self) -> f64 {
        self.welch.diff
    }
    pub fn ci95(&self) -> (f64, f64) {
        self.welch.ci95
    }
    pub fn df(&self) -> f64 {
        self.welch.df
    }
    pub fn verdict(&self) -> super::Verdict {
        self.welch.verdict
    }
}

/// How the survey's questions map onto the answer matrix.
struct Layout<'a> {
    scale: u8,
    /// Question ids with their column, sorted by id: answers are sorted by id too, so each
    /// response is matched to columns in one merge walk, without hashing.
    column: Vec<(&'a str, usize)>,
    /// Per dimension, the columns of its questions, in survey order.
    dimension_columns: Vec<Vec<usize>>,
}

/// Runs the engine over a loaded file. `seed` shuffles released comments (pass fresh
/// randomness in the app; a fixed seed in tests).
pub fn report(doc: &Document, seed: u64) -> Report {
    let survey = &doc.survey;
    let layout = Layout {
        scale: survey.scale,
        column: {
            let mut column: Vec<(&str, usize)> = survey
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.as_str(), i))
                .collect();
            sort_by(&mut column, &|a, b| a.cmp(b));
            column
        },
        dimension_columns: survey
            .dimensions
            .iter()
            .map(|d| {
                survey
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.dimension == d.id)
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect(),
    };
    let min_group = survey.min_group as usize;

    // Round ids sorted, for lookups by binary search (no hash map: it would cost the wasm its
    // own hashing and table code).
    let mut round_index: Vec<(&str, usize)> = doc
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    sort_by(&mut round_index, &|a, b| a.0.cmp(b.0));
    let mut by_round: Vec<Vec<&Response>> = vec![Vec::new(); doc.rounds.len()];
    for response in doc.live_responses() {
        if let Ok(at) = round_index.binary_search_by(|(id, _)| (*id).cmp(response.round.as_str())) {
            by_round[round_index[at].1].push(response);
        }
    }

    // Per dimension: the scores and round id of the latest round in which it was released,
    // the baseline for the next round's change.
    let mut previous: Vec<Option<(String, Vec<f64>)>> = vec![None; survey.dimensions.len()];
    let mut rounds = Vec::with_capacity(doc.rounds.len());
    let mut rng = SplitMix64(seed);

    for (round, responses) in doc.rounds.iter().zip(&by_round) {
        if responses.len() < min_group {
            rounds.push(RoundResult::Suppressed(SuppressedRound {
                round: round.id.clone(),
                label: round.label.clone(),
            }));
            continue;
        }
        let matrix = answer_matrix(responses, &layout, survey);
        let mut dimensions = Vec::with_capacity(survey.dimensions.len());
        for (d, dimension) in survey.dimensions.iter().enumerate() {
            let columns = &layout.dimension_columns[d];
            let scores = dimension_scores(&matrix, columns, layout.column.len());
            if scores.len() < min_group {
                dimensions.push(DimensionResult::Suppressed {
                    dimension: dimension.id.clone(),
                });
                continue;
            }
            let change = previous[d].as_ref().and_then(|(from, before)| {
                welch(before, &scores).map(|w| Change {
                    from: from.clone(),
                    welch: w,
                })
            });
            let stats = dimension_stats(
                &dimension.id,
                &matrix,
                columns,
                &layout,
                survey,
                &scores,
                change,
            );
            dimensions.push(DimensionResult::Released(stats));
            previous[d] = Some((round.id.clone(), scores));
        }
        let comments = if responses.len() >= survey.min_group_comments as usize {
            let mut texts: Vec<String> =
                responses.iter().filter_map(|r| r.comment.clone()).collect();
            // Sort first so the result depends on the seed only, never on file order.
            sort_by(&mut texts, &|a, b| a.cmp(b));
            rng.shuffle(&mut texts);
            Comments::Released(texts)
        } else {
            Comments::Withheld
        };
        rounds.push(RoundResult::Released(RoundStats {
            round: round.id.clone(),
            label: round.label.clone(),
            n: responses.len(),
            dimensions,
            comments,
        }));
    }

    Report {
        survey: survey.id.clone(),
        scale: survey.scale,
        min_group: survey.min_group,
        min_group_comments: survey.min_group_comments,
        team_size: survey.team_size,
        rounds,
    }
}

/// Row-major responses x questions of recoded answers, 0 where a question was skipped.
fn answer_matrix(
    responses: &[&Response],
    layout: &Layout<'_>,
    survey: &crate::model::Survey,
) -> Vec<u8> {
    let width = layout.column.len();
    let mut matrix = vec![0u8; responses.len() * width];
    let reverse: Vec<bool> = survey.questions.iter().map(|q| q.reverse).collect();
    for (row, response) in responses.iter().enumerate() {
        let mut columns = layout.column.iter().peekable();
        for (question, value) in response.answers.iter() {
            // A validated file has every answer in 1..=scale; anything else counts as skipped.
            if value == 0 || value > layout.scale {
                continue;
            }
            while columns.next_if(|(id, _)| *id < question).is_some() {}
            if let Some(&&(_, col)) = columns.peek().filter(|(id, _)| *id == question) {
                matrix[row * width + col] = if reverse[col] {
                    layout.scale + 1 - value
                } else {
                    value
                };
            }
        }
    }
    matrix
}

/// Each respondent's mean over the dimension's items they answered; respondents who answered
/// none of them do not count.
fn dimension_scores(matrix: &[u8], columns: &[usize], width: usize) -> Vec<f64> {
    matrix
        .chunks_exact(width.max(1))
        .filter_map(|row| {
            let (sum, count) = columns
                .iter()
                .map(|&c| row[c])
                .filter(|&v| v > 0)
                .fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
            (count > 0).then(|| f64::from(sum) / f64::from(count))
        })
        .collect()
}

fn dimension_stats(
    dimension: &str,
    matrix: &[u8],
    columns: &[usize],
    layout: &Layout<'_>,
    survey: &crate::model::Survey,
    scores: &[f64],
    change: Option<Change>,
) -> DimensionStats {
    let width = layout.column.len();
    let rows = || matrix.chunks_exact(width.max(1));
    let scale = layout.scale;

    // Per item: its answers in this round.
    let item_answers: Vec<Vec<f64>> = columns
        .iter()
        .map(|&c| {
            rows()
                .map(|row| row[c])
                .filter(|&v| v > 0)
                .map(f64::from)
                .collect()
        })
        .collect();

    let (favourable_count, answer_count) = item_answers
        .iter()
        .flatten()
        .fold((0usize, 0usize), |(f, n), &v| {
            (f + usize::from(v >= f64::from(scale - 1)), n + 1)
        });

    // Alpha uses the items asked in this round (answered at least once) and the respondents
    // who answered all of them.
    let asked: Vec<usize> = columns
        .iter()
        .zip(&item_answers)
        .filter(|(_, a)| !a.is_empty())
        .map(|(&c, _)| c)
        .collect();
    let complete: Vec<f64> = rows()
        .filter(|row| asked.iter().all(|&c| row[c] > 0))
        .flat_map(|row| asked.iter().map(move |&c| f64::from(row[c])))
        .collect();

    let min_group = survey.min_group as usize;
    let items = columns
        .iter()
        .zip(&item_answers)
        .filter(|(_, answers)| !answers.is_empty())
        .map(|(&c, answers)| {
            let question = &survey.questions[c];
            let counts = (answers.len() >= min_group).then(|| {
                let mut counts = vec![0u32; usize::from(scale)];
                for &v in answers {
                    counts[v as usize - 1] += 1;
                }
                counts
            });
            ItemStats {
                question: question.id.clone(),
                reverse: question.reverse,
                counts,
            }
        })
        .collect();

    DimensionStats {
        dimension: dimension.to_owned(),
        n: scores.len(),
        // `scores` is non-empty: the caller suppresses dimensions below the minimum (>= 3).
        mean: mean(scores).unwrap_or(f64::NAN),
        sd: sample_sd(scores),
        ci95: ci95(scores, survey.team_size),
        favourable: favourable_count as f64 / answer_count.max(1) as f64,
        rwg_j: rwg_j(&item_answers, scale),
        alpha: cronbach_alpha(&complete, asked.len()),
        change,
        items,
    }
}

/// A small seeded generator (SplitMix64) for shuffling comments; quality is ample for that and
/// it keeps the engine free of any RNG dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher-Yates shuffle.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}
