//! The engine's numbers in plain words, for people who do not read charts: agreement levels,
//! change verdicts, and the summary paragraph at the top of the results.
//!
//! Every sentence is derived from released numbers only, so the words can never say more
//! than the charts are allowed to show.

use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::Document;

use super::report::{DimensionStats, Report, RoundResult, RoundStats};
use super::{Change, Verdict};

/// Below this many answers agreement indices swing widely from one person's answer.
pub const FEW_FOR_AGREEMENT: usize = 10;

/// r_wg(J) in words, using the usual bands for within-group agreement
/// (0-.30 lack of agreement, .31-.50 weak, .51-.70 moderate, .71-.90 strong, .91-1 very strong).
pub fn agreement(t: &Texts<M>, rwg: f64) -> &str {
    t.get(if rwg <= 0.30 {
        M::AgreementNone
    } else if rwg <= 0.50 {
        M::AgreementWeak
    } else if rwg <= 0.70 {
        M::AgreementModerate
    } else if rwg <= 0.90 {
        M::AgreementStrong
    } else {
        M::AgreementVeryStrong
    })
}

/// The change since the previous released round, in words: never a direction unless the
/// engine's interval excludes zero.
pub fn change(t: &Texts<M>, change: &Change, from_label: &str) -> String {
    let msg = match change.verdict() {
        Verdict::Up => M::ChangeUp,
        Verdict::Down => M::ChangeDown,
        Verdict::NoClearChange => M::ChangeNone,
    };
    t.fill(msg, &[("round", from_label)])
}

/// A verdict alone ("likely up"), as the table's change column shows it.
pub fn verdict(t: &Texts<M>, verdict: Verdict) -> &str {
    t.get(match verdict {
        Verdict::Up => M::VerdictUp,
        Verdict::Down => M::VerdictDown,
        Verdict::NoClearChange => M::VerdictNone,
    })
}

/// The label of round `id` in the report (falls back to the id).
pub fn round_label<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report
        .rounds()
        .iter()
        .find(|r| r.round() == id)
        .map_or(id, RoundResult::label)
}

/// The name of dimension `id` in the survey (falls back to the id).
pub fn dimension_name<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.survey
        .dimensions
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.name.as_str())
}

/// Whether everyone on the team answered a round of `n` answers. Its mean is then the
/// team's own, known exactly (the interval has no width: see docs/statistics.md), which is
/// said in words rather than shown as an interval from 5.62 to 5.62.
pub fn everyone_answered(report: &Report, n: usize) -> bool {
    report
        .team_size()
        .is_some_and(|size| usize::try_from(size).is_ok_and(|size| size == n))
}

/// One sentence on a dimension in a round: its mean, uncertainty, agreement and change.
pub fn dimension_sentence(
    t: &Texts<M>,
    doc: &Document,
    report: &Report,
    d: &DimensionStats,
) -> String {
    let scale = report.scale().to_string();
    let mean = t.number(d.mean(), 1);
    let name = t.name(dimension_name(doc, d.dimension()));
    let name = name.as_ref();
    let mut text = if everyone_answered(report, d.n()) {
        t.fill(
            M::SentenceExact,
            &[("dimension", name), ("mean", &mean), ("scale", &scale)],
        )
    } else if let Some((low, high)) = d.ci95() {
        // A narrow interval (many answers) keeps a second decimal rather than reading
        // "between 4.1 and 4.1".
        let places = if t.number(low, 1) == t.number(high, 1) {
            2
        } else {
            1
        };
        t.fill(
            M::SentenceInterval,
            &[
                ("dimension", name),
                ("mean", &mean),
                ("scale", &scale),
                ("low", &t.number(low, places)),
                ("high", &t.number(high, places)),
            ],
        )
    } else {
        t.fill(
            M::SentenceMean,
            &[("dimension", name), ("mean", &mean), ("scale", &scale)],
        )
    };
    if let Some(c) = d.change() {
        text.push_str(t.get(M::ListComma));
        text.push_str(&change(t, c, round_label(report, c.from())));
    }
    if let Some(rwg) = d.rwg_j() {
        text.push_str(t.get(M::ListSemicolon));
        text.push_str(agreement(t, rwg));
    }
    text.push_str(t.get(M::FullStop));
    text
}

/// How many answered a round, with the response rate when the team's size is known.
pub fn participation(t: &Texts<M>, report: &Report, round: &RoundStats) -> String {
    let n = round.n().to_string();
    match report.team_size() {
        Some(size) if size > 0 => t.fill(
            M::AnsweredOf,
            &[
                ("count", &n),
                ("size", &size.to_string()),
                ("rate", &t.percent(round.n() as f64 / f64::from(size))),
            ],
        ),
        _ => t.fill(M::Answered, &[("count", &n)]),
    }
}

/// Why a round (or one dimension of it) shows no number, in words: still collecting, waiting
/// for release, or too few answers. Only what anyone reading the file can count is said.
pub fn not_shown(t: &Texts<M>, report: &Report, round: &RoundResult) -> String {
    match round {
        RoundResult::Pending(p) if !p.closed() => {
            t.fill(M::Collecting, &[("answers", &answers(t, p.answers()))])
        }
        RoundResult::Pending(p) => t.fill(
            M::WaitingForRelease,
            &[("answers", &answers(t, p.answers()))],
        ),
        _ => t.fill(
            M::TooFewNotShown,
            &[("min", &report.min_group().to_string())],
        ),
    }
}

/// "1 answer", "8 answers".
pub fn answers(t: &Texts<M>, n: usize) -> String {
    if n == 1 {
        t.get(M::OneAnswer).to_owned()
    } else {
        t.fill(M::Answers, &[("count", &n.to_string())])
    }
}

/// "{round}: {why}." for a round that shows nothing.
fn round_not_shown(t: &Texts<M>, report: &Report, round: &RoundResult) -> String {
    t.fill(
        M::RoundNotShown,
        &[
            ("round", &t.name(round.label())),
            ("why", &not_shown(t, report, round)),
        ],
    )
}

/// The paragraph at the top of the results: the latest round that can be shown, each
/// dimension in one sentence, and what is held back.
pub fn summary(t: &Texts<M>, doc: &Document, report: &Report) -> String {
    let min = report.min_group().to_string();
    let Some(latest) = report.rounds().iter().rev().find_map(RoundResult::released) else {
        return if report.rounds().is_empty() {
            t.get(M::NoRounds).to_owned()
        } else if let Some(last) = report.rounds().last().filter(|r| r.pending().is_some()) {
            // Nothing released yet, and the latest round is collecting or awaiting release:
            // say that, not that too few answered.
            t.fill(
                M::NoResultsYet,
                &[("what", &round_not_shown(t, report, last))],
            )
        } else {
            t.fill(M::NoRoundReached, &[("min", &min)])
        };
    };
    let mut text = t.fill(
        M::SummaryOpening,
        &[
            ("round", &t.name(latest.label())),
            ("answered", &participation(t, report, latest)),
        ],
    );
    for d in latest.dimensions() {
        text.push(' ');
        match d.released() {
            Some(stats) => text.push_str(&dimension_sentence(t, doc, report, stats)),
            None => text.push_str(&t.fill(
                M::DimensionTooFew,
                &[
                    ("dimension", &t.name(dimension_name(doc, d.dimension()))),
                    ("min", &min),
                ],
            )),
        }
    }
    for later in report
        .rounds()
        .iter()
        .rev()
        .take_while(|r| r.released().is_none())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        text.push(' ');
        text.push_str(&round_not_shown(t, report, later));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Texts<M> {
        Texts::english()
    }
    use crate::model::synth::demo;
    use crate::stats::report;

    #[test]
    fn agreement_bands() {
        assert_eq!(agreement(&en(), 0.1), "people see this very differently");
        assert_eq!(agreement(&en(), 0.3), "people see this very differently");
        assert_eq!(agreement(&en(), 0.45), "weak agreement");
        assert_eq!(agreement(&en(), 0.6), "moderate agreement");
        assert_eq!(agreement(&en(), 0.8), "strong agreement");
        assert_eq!(agreement(&en(), 0.95), "very strong agreement");
    }

    /// The plain demo with every round closed: computed from its plain answers.
    fn closed_demo() -> crate::model::Document {
        let mut doc = demo();
        for round in &mut doc.rounds {
            round.closed = true;
        }
        doc
    }

    #[test]
    fn an_open_round_is_named_with_its_count_and_nothing_else() {
        let doc = demo();
        let text = summary(&en(), &doc, &report(&doc, 1));
        assert!(
            text.starts_with("In October 2026, 9 of 9 people answered"),
            "{text}"
        );
        assert!(
            text.ends_with(
                " November 2026: collecting: 8 answers so far, results after the round closes."
            ),
            "{text}"
        );
    }

    #[test]
    fn the_demo_summary_names_the_latest_round_and_each_dimension() {
        let doc = closed_demo();
        let text = summary(&en(), &doc, &report(&doc, 1));
        assert!(
            text.starts_with("In November 2026, 8 of 9 people answered (89%)."),
            "{text}"
        );
        for name in ["Psychological safety", "Alignment", "Learning from failure"] {
            assert!(text.contains(name), "{name} missing: {text}");
        }
        assert!(text.contains("since October 2026"), "{text}");
    }

    #[test]
    fn a_round_everyone_answered_is_said_to_be_exact_not_given_a_zero_interval() {
        let doc = closed_demo();
        let report = report(&doc, 1);
        let dimension = |round: &str| {
            report
                .rounds()
                .iter()
                .find(|r| r.round() == round)
                .and_then(RoundResult::released)
                .and_then(|r| r.dimensions().first())
                .and_then(|d| d.released())
                .cloned()
                .expect("released")
        };
        // October 2026: 9 of 9 answered; November: 8 of 9.
        let all = dimension("2026-10");
        assert!(everyone_answered(&report, all.n()));
        let (low, high) = all.ci95().expect("interval");
        assert!((high - low).abs() < 1e-12, "the correction leaves no width");
        let said = dimension_sentence(&en(), &doc, &report, &all);
        assert!(said.contains("(everyone answered)"), "{said}");
        assert!(!said.contains("likely between"), "{said}");
        let most = dimension("2026-11");
        assert!(!everyone_answered(&report, most.n()));
        let said = dimension_sentence(&en(), &doc, &report, &most);
        assert!(said.contains("likely between"), "{said}");
    }

    #[test]
    fn a_narrow_interval_keeps_a_second_decimal_so_its_ends_differ() {
        let doc = crate::model::synth::synthetic(12, 4_000, 5);
        let report = report(&doc, 1);
        let mut checked = 0;
        for round in report.rounds().iter().filter_map(RoundResult::released) {
            for d in round.dimensions().iter().filter_map(|d| d.released()) {
                let Some((low, high)) = d.ci95() else {
                    continue;
                };
                let said = dimension_sentence(&en(), &doc, &report, d);
                let between = said
                    .split("likely between ")
                    .nth(1)
                    .and_then(|rest| rest.split(')').next())
                    .expect("an interval");
                let (from, to) = between.split_once(" and ").expect("two ends");
                assert!(from != to || (high - low) < 0.005, "{said}");
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn a_suppressed_latest_round_is_named_but_never_described() {
        let mut doc = closed_demo();
        // Keep only 3 answers in November: below the minimum of 5.
        let mut kept = 0;
        doc.responses.retain(|r| {
            if r.round != "2026-11" {
                return true;
            }
            kept += 1;
            kept <= 3
        });
        let text = summary(&en(), &doc, &report(&doc, 1));
        assert!(text.starts_with("In October 2026"), "{text}");
        assert!(
            text.ends_with(" November 2026: fewer than 5 answers, not shown."),
            "{text}"
        );
        assert_eq!(text.matches("November").count(), 1, "{text}");
    }

    #[test]
    fn no_rounds_or_only_small_rounds() {
        let mut doc = closed_demo();
        doc.responses.retain(|r| r.round == "2026-08");
        let text = summary(&en(), &doc, &report(&doc, 1));
        assert!(text.contains("No round has reached 5 answers"), "{text}");
        // Nothing released yet and the latest round still open: that is what it says.
        let mut open = demo();
        open.responses.retain(|r| r.round == "2026-11");
        let text = summary(&en(), &open, &report(&open, 1));
        assert_eq!(
            text,
            "No results yet. November 2026: collecting: 8 answers so far, results after the round closes."
        );
        doc.rounds.clear();
        doc.responses.clear();
        doc.events.clear();
        assert!(summary(&en(), &doc, &report(&doc, 1)).contains("no rounds yet"));
    }
}
