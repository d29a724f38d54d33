//! The statistics engine: turns a shared file into per-round, per-dimension results, and
//! enforces the anonymity minimums in its types.
//!
//! Numbers are only ever computed for closed rounds: an open round is
//! [`RoundResult::Pending`] and shows only how many answers have arrived (live numbers would let
//! anyone compare the dashboard before and after a colleague submits). A closed round's numbers
//! come from its published results when it has them, else from its answers: plain ones in files
//! from before sealing, or those the key holder opened ([`Opened`]). A round with fewer
//! responses than the group minimum becomes [`RoundResult::Suppressed`], which carries no
//! number of any kind; the same holds for a
//! dimension, and for an item's answer distribution, answered by fewer people than the minimum
//! within a released round. Result types have private fields and are only built here, so no view
//! or export can hold the numbers of a group that is too small.

use crate::model::sort::sort_by;
use crate::model::{Answers, Document, Published, ReleasedText};

use super::agreement::{cronbach_alpha, rwg_j};
use super::change::{Summary, Welch, welch_summary};
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

/// One round: pending (open, or closed and not yet released), suppressed (no numbers at all)
/// or released.
#[derive(Clone, Debug, PartialEq)]
pub enum RoundResult {
    Pending(PendingRound),
    Suppressed(SuppressedRound),
    Released(RoundStats),
}

/// A round without numbers yet: still collecting, or closed and waiting for the key holder to
/// release it. It holds only what anyone reading the file can count: how many answers arrived.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingRound {
    round: String,
    label: String,
    answers: usize,
    closed: bool,
}

/// Answers and comments that are not plain in the file: those the key holder opened with the
/// results key, by round. Only the engine sees them; it releases what its minimums allow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opened {
    pub answers: Vec<(String, Answers)>,
    pub comments: Vec<(String, String)>,
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

impl Report {
    /// Names each round as `label` says (given its id; `None` keeps the name): a page that
    /// shows the rounds in the reader's language renames them after the export is written,
    /// so the CSV says the same whoever downloads it.
    pub fn relabel(&mut self, label: impl Fn(&str) -> Option<String>) {
        for round in &mut self.rounds {
            let (id, name) = match round {
                RoundResult::Pending(p) => (&p.round, &mut p.label),
                RoundResult::Suppressed(s) => (&s.round, &mut s.label),
                RoundResult::Released(r) => (&r.round, &mut r.label),
            };
            if let Some(new) = label(id) {
                *name = new;
            }
        }
    }
}

impl RoundResult {
    pub fn round(&self) -> &str {
        match self {
            Self::Pending(p) => &p.round,
            Self::Suppressed(s) => &s.round,
            Self::Released(r) => &r.round,
        }
    }
    pub fn label(&self) -> &str {
        match self {
            Self::Pending(p) => &p.label,
            Self::Suppressed(s) => &s.label,
            Self::Released(r) => &r.label,
        }
    }
    pub fn released(&self) -> Option<&RoundStats> {
        match self {
            Self::Pending(_) | Self::Suppressed(_) => None,
            Self::Released(r) => Some(r),
        }
    }
    pub fn pending(&self) -> Option<&PendingRound> {
        match self {
            Self::Pending(p) => Some(p),
            Self::Suppressed(_) | Self::Released(_) => None,
        }
    }
}

impl PendingRound {
    /// Answers that have arrived so far (sealed or plain, not withdrawn).
    pub fn answers(&self) -> usize {
        self.answers
    }
    /// Closed, and waiting for the key holder to release it.
    pub fn closed(&self) -> bool {
        self.closed
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

/// Runs the engine over a loaded file without the results key: published rounds, and closed
/// rounds of plain (unsealed) answers. `seed` shuffles released comments (pass fresh
/// randomness in the app; a fixed seed in tests).
pub fn report(doc: &Document, seed: u64) -> Report {
    report_opened(doc, None, seed)
}

/// Runs the engine with answers opened by the key holder: closed rounds that are not yet
/// published are computed from them (and from plain answers), with every minimum applied.
pub fn report_opened(doc: &Document, opened: Option<&Opened>, seed: u64) -> Report {
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
    let minimums = effective_minimums(doc);

    // Round ids sorted, for lookups by binary search (no hash map: it would cost the wasm its
    // own hashing and table code).
    let mut round_index: Vec<(&str, usize)> = doc
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    sort_by(&mut round_index, &|a, b| a.0.cmp(b.0));
    let slot = |round: &str| {
        round_index
            .binary_search_by(|(id, _)| (*id).cmp(round))
            .ok()
            .map(|at| round_index[at].1)
    };
    let mut answers: Vec<Vec<&Answers>> = vec![Vec::new(); doc.rounds.len()];
    let mut comments: Vec<Vec<&str>> = vec![Vec::new(); doc.rounds.len()];
    // Records per round, counted in one pass: a round without numbers shows only how many
    // answers arrived (sealed answers plus plain ones), and a sealed record keeps a closed
    // round waiting for the key.
    let mut arrived = vec![0usize; doc.rounds.len()];
    let mut sealed = vec![false; doc.rounds.len()];
    for (records, are_answers) in [(&doc.sealed_answers, true), (&doc.sealed_comments, false)] {
        for record in records {
            if let Some(i) = slot(&record.round) {
                sealed[i] = true;
                arrived[i] += usize::from(are_answers);
            }
        }
    }
    for response in doc.live_responses() {
        if let Some(i) = slot(&response.round) {
            arrived[i] += 1;
            answers[i].push(&response.answers);
            if let Some(comment) = &response.comment {
                comments[i].push(comment);
            }
        }
    }
    if let Some(opened) = opened {
        for (round, a) in &opened.answers {
            if let Some(i) = slot(round) {
                answers[i].push(a);
            }
        }
        for (round, comment) in &opened.comments {
            if let Some(i) = slot(round) {
                comments[i].push(comment);
            }
        }
    }

    // Per dimension: the summary and round id of the latest round in which it was released,
    // the baseline for the next round's change.
    let mut previous: Vec<Option<(String, Summary)>> = vec![None; survey.dimensions.len()];
    let mut rounds = Vec::with_capacity(doc.rounds.len());
    let mut rng = SplitMix64(seed);

    for (i, round) in doc.rounds.iter().enumerate() {
        let result = if let Some(published) = doc.published(&round.id) {
            from_published(published, &round.label, doc, &mut previous)
        } else if !round.closed || (doc.is_sealed() && opened.is_none() && sealed[i]) {
            RoundResult::Pending(PendingRound {
                round: round.id.clone(),
                label: round.label.clone(),
                answers: arrived[i],
                closed: round.closed,
            })
        } else {
            let input = RoundInput {
                id: &round.id,
                label: &round.label,
                answers: &answers[i],
                comments: &comments[i],
            };
            compute_round(&input, &layout, survey, minimums, &mut previous, &mut rng)
        };
        rounds.push(result);
    }

    Report {
        survey: survey.id.clone(),
        scale: survey.scale,
        min_group: minimums.0,
        min_group_comments: minimums.1,
        team_size: survey.team_size,
        rounds,
    }
}

/// The minimums a new release applies: the survey's, but never lower than those any earlier
/// round was released with (minimums can be raised, not lowered, once answers exist; a file
/// edited to lower them does not lower what is released).
pub fn effective_minimums(doc: &Document) -> (u32, u32) {
    doc.published.iter().fold(
        (doc.survey.min_group, doc.survey.min_group_comments),
        |(group, comments), p| (group.max(p.min_group), comments.max(p.min_group_comments)),
    )
}

/// One closed round's answers and comments, ready to compute.
struct RoundInput<'a> {
    id: &'a str,
    label: &'a str,
    answers: &'a [&'a Answers],
    comments: &'a [&'a str],
}

fn compute_round(
    input: &RoundInput<'_>,
    layout: &Layout<'_>,
    survey: &crate::model::Survey,
    (min_group, min_comments): (u32, u32),
    previous: &mut [Option<(String, Summary)>],
    rng: &mut SplitMix64,
) -> RoundResult {
    let min_group = min_group as usize;
    if input.answers.len() < min_group {
        return RoundResult::Suppressed(SuppressedRound {
            round: input.id.to_owned(),
            label: input.label.to_owned(),
        });
    }
    let matrix = answer_matrix(input.answers, layout, survey);
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
        let stats = dimension_stats(
            &dimension.id,
            &matrix,
            columns,
            layout,
            survey,
            &scores,
            min_group,
        );
        dimensions.push(DimensionResult::Released(with_change(
            stats, d, input.id, previous,
        )));
    }
    // The comment minimum counts people who wrote one, and the round must be released too.
    let comments = if input.comments.len() >= min_comments as usize {
        let mut texts: Vec<String> = input.comments.iter().map(|c| (*c).to_owned()).collect();
        // Sort first so the result depends on the seed only, never on file order.
        sort_by(&mut texts, &|a, b| a.cmp(b));
        rng.shuffle(&mut texts);
        Comments::Released(texts)
    } else {
        Comments::Withheld
    };
    RoundResult::Released(RoundStats {
        round: input.id.to_owned(),
        label: input.label.to_owned(),
        n: input.answers.len(),
        dimensions,
        comments,
    })
}

/// Adds the change since the dimension's previous release, and makes this one the baseline.
fn with_change(
    mut stats: DimensionStats,
    d: usize,
    round: &str,
    previous: &mut [Option<(String, Summary)>],
) -> DimensionStats {
    let now = Summary {
        n: stats.n,
        mean: stats.mean,
        variance: stats.sd.map(|sd| sd * sd),
    };
    stats.change = previous[d].as_ref().and_then(|(from, before)| {
        welch_summary(*before, now).map(|w| Change {
            from: from.clone(),
            welch: w,
        })
    });
    previous[d] = Some((round.to_owned(), now));
    stats
}

/// A published round, read back exactly as it was released; only the change since the
/// previous release is computed (from the published n, mean and SD).
fn from_published(
    published: &Published,
    label: &str,
    doc: &Document,
    previous: &mut [Option<(String, Summary)>],
) -> RoundResult {
    // Numbers that cannot be read show nothing (whatever shows results loads the file with
    // `model::load_full`, which reports them first).
    let Some(released) = published.released.as_ref().and_then(|t| t.read().ok()) else {
        return RoundResult::Suppressed(SuppressedRound {
            round: published.round.clone(),
            label: label.to_owned(),
        });
    };
    let dimensions = doc
        .survey
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let numbers = released
                .dimensions
                .iter()
                .find(|x| x.dimension == dimension.id)
                .and_then(|x| x.released.as_ref());
            match numbers {
                None => DimensionResult::Suppressed {
                    dimension: dimension.id.clone(),
                },
                Some(x) => {
                    let stats = DimensionStats {
                        dimension: dimension.id.clone(),
                        n: x.n as usize,
                        mean: x.mean,
                        sd: x.sd,
                        ci95: x.ci95.map(|[lo, hi]| (lo, hi)),
                        favourable: x.favourable,
                        rwg_j: x.rwg_j,
                        alpha: x.alpha,
                        change: None,
                        items: x
                            .items
                            .iter()
                            .map(|item| ItemStats {
                                question: item.question.clone(),
                                reverse: item.reverse,
                                counts: item.counts.clone(),
                            })
                            .collect(),
                    };
                    DimensionResult::Released(with_change(stats, d, &published.round, previous))
                }
            }
        })
        .collect();
    RoundResult::Released(RoundStats {
        round: published.round.clone(),
        label: label.to_owned(),
        n: released.n as usize,
        dimensions,
        comments: released
            .comments
            .clone()
            .map_or(Comments::Withheld, Comments::Released),
    })
}

/// What a computed round releases, as the file's published results: exactly the numbers the
/// engine shows, with the minimums it applied. `None` for a round that is not computed (pending,
/// or already published).
pub fn to_published(result: &RoundResult, minimums: (u32, u32)) -> Option<Published> {
    use crate::model::{DimensionNumbers, PublishedDimension, PublishedItem, ReleasedRound};
    let (round, released) = match result {
        RoundResult::Pending(_) => return None,
        RoundResult::Suppressed(s) => (s.round.clone(), None),
        RoundResult::Released(r) => (
            r.round.clone(),
            Some(ReleasedRound {
                n: u32::try_from(r.n).unwrap_or(u32::MAX),
                dimensions: r
                    .dimensions
                    .iter()
                    .map(|d| PublishedDimension {
                        dimension: d.dimension().to_owned(),
                        released: d.released().map(|x| DimensionNumbers {
                            n: u32::try_from(x.n).unwrap_or(u32::MAX),
                            mean: x.mean,
                            sd: x.sd,
                            ci95: x.ci95.map(|(lo, hi)| [lo, hi]),
                            favourable: x.favourable,
                            rwg_j: x.rwg_j,
                            alpha: x.alpha,
                            items: x
                                .items
                                .iter()
                                .map(|i| PublishedItem {
                                    question: i.question.clone(),
                                    reverse: i.reverse,
                                    counts: i.counts.clone(),
                                })
                                .collect(),
                        }),
                    })
                    .collect(),
                comments: match &r.comments {
                    Comments::Withheld => None,
                    Comments::Released(texts) => Some(texts.clone()),
                },
            }),
        ),
    };
    Some(Published {
        round,
        min_group: minimums.0,
        min_group_comments: minimums.1,
        released: released.as_ref().map(ReleasedText::new),
    })
}

/// Row-major responses x questions of recoded answers, 0 where a question was skipped.
fn answer_matrix(
    responses: &[&Answers],
    layout: &Layout<'_>,
    survey: &crate::model::Survey,
) -> Vec<u8> {
    let width = layout.column.len();
    let mut matrix = vec![0u8; responses.len() * width];
    let reverse: Vec<bool> = survey.questions.iter().map(|q| q.reverse).collect();
    for (row, response) in responses.iter().enumerate() {
        let mut columns = layout.column.iter().peekable();
        for (question, value) in response.iter() {
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
    min_group: usize,
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
        mean: tidy(mean(scores).unwrap_or(f64::NAN)),
        sd: sample_sd(scores).map(tidy),
        ci95: ci95(scores, survey.team_size).map(|(lo, hi)| (tidy(lo), tidy(hi))),
        favourable: tidy(favourable_count as f64 / answer_count.max(1) as f64),
        rwg_j: rwg_j(&item_answers, scale).map(tidy),
        alpha: cronbach_alpha(&complete, asked.len()).map(tidy),
        change: None,
        items,
    }
}

/// Rounds a released number to 12 decimal places (far below anything shown, and inside the
/// 1e-9 the reference check allows), so that it survives being written into the file and read
/// back bit for bit: a decimal of at most 15 significant digits is parsed exactly by
/// serde_json's fast path, where a full 17-digit one may come back one unit off, and published
/// results must never change.
fn tidy(x: f64) -> f64 {
    let places = if x.abs() < 1e3 {
        1e12
    } else if x.abs() < 1e9 {
        1e6
    } else {
        1.0
    };
    let rounded = (x * places).round() / places;
    if rounded.is_finite() { rounded } else { x }
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
