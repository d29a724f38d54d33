//! The engine's numbers in plain words, for people who do not read charts: agreement levels,
//! change verdicts, and the summary paragraph at the top of the results.
//!
//! Every sentence is derived from released numbers only, so the words can never say more
//! than the charts are allowed to show.

use crate::chart::{fixed, percent};
use crate::model::Document;

use super::report::{DimensionStats, Report, RoundResult, RoundStats};
use super::{Change, Verdict};

/// Below this many answers agreement indices swing widely from one person's answer.
pub const FEW_FOR_AGREEMENT: usize = 10;

/// r_wg(J) in words, using the usual bands for within-group agreement
/// (0-.30 lack of agreement, .31-.50 weak, .51-.70 moderate, .71-.90 strong, .91-1 very strong).
pub fn agreement(rwg: f64) -> &'static str {
    if rwg <= 0.30 {
        "people see this very differently"
    } else if rwg <= 0.50 {
        "weak agreement"
    } else if rwg <= 0.70 {
        "moderate agreement"
    } else if rwg <= 0.90 {
        "strong agreement"
    } else {
        "very strong agreement"
    }
}

/// The change since the previous released round, in words: never a direction unless the
/// engine's interval excludes zero.
pub fn change(change: &Change, from_label: &str) -> String {
    match change.verdict() {
        Verdict::Up => format!("likely up since {from_label}"),
        Verdict::Down => format!("likely down since {from_label}"),
        Verdict::NoClearChange => format!("no clear change since {from_label}"),
    }
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
pub fn dimension_sentence(doc: &Document, report: &Report, d: &DimensionStats) -> String {
    let mut text = format!(
        "{}: {} of {}",
        dimension_name(doc, d.dimension()),
        fixed(d.mean(), 1),
        report.scale()
    );
    if everyone_answered(report, d.n()) {
        text.push_str(" (everyone answered)");
    } else if let Some((low, high)) = d.ci95() {
        text.push_str(&format!(
            " (likely between {} and {})",
            fixed(low, 1),
            fixed(high, 1)
        ));
    }
    if let Some(c) = d.change() {
        text.push_str(", ");
        text.push_str(&change(c, round_label(report, c.from())));
    }
    if let Some(rwg) = d.rwg_j() {
        text.push_str("; ");
        text.push_str(agreement(rwg));
    }
    text.push('.');
    text
}

/// How many answered a round, with the response rate when the team's size is known.
pub fn participation(report: &Report, round: &RoundStats) -> String {
    match report.team_size() {
        Some(size) if size > 0 => format!(
            "{} of {size} people answered ({})",
            round.n(),
            percent(round.n() as f64 / f64::from(size))
        ),
        _ => format!("{} people answered", round.n()),
    }
}

/// Why a round (or one dimension of it) shows no number, in words: still collecting, waiting
/// for release, or too few answers. Only what anyone reading the file can count is said.
pub fn not_shown(report: &Report, round: &RoundResult) -> String {
    match round {
        RoundResult::Pending(p) if !p.closed() => format!(
            "collecting: {} so far, results after the round closes",
            answers(p.answers())
        ),
        RoundResult::Pending(p) => format!(
            "closed with {}: waiting for the key holder to release the results",
            answers(p.answers())
        ),
        _ => format!("fewer than {} answers, not shown", report.min_group()),
    }
}

fn answers(n: usize) -> String {
    if n == 1 {
        "1 answer".to_owned()
    } else {
        format!("{n} answers")
    }
}

/// The paragraph at the top of the results: the latest round that can be shown, each
/// dimension in one sentence, and what is held back.
pub fn summary(doc: &Document, report: &Report) -> String {
    let Some(latest) = report.rounds().iter().rev().find_map(RoundResult::released) else {
        return if report.rounds().is_empty() {
            "There are no rounds yet. Open a round and share the link to collect answers."
                .to_owned()
        } else if let Some(last) = report.rounds().last().filter(|r| r.pending().is_some()) {
            // Nothing released yet, and the latest round is collecting or awaiting release:
            // say that, not that too few answered.
            format!(
                "No results yet. {}: {}.",
                last.label(),
                not_shown(report, last)
            )
        } else {
            format!(
                "No round has reached {} answers yet, so there are no results to show: \
                 small groups stay anonymous.",
                report.min_group()
            )
        };
    };
    let mut text = format!("In {}, {}.", latest.label(), participation(report, latest));
    for d in latest.dimensions() {
        text.push(' ');
        match d.released() {
            Some(stats) => text.push_str(&dimension_sentence(doc, report, stats)),
            None => text.push_str(&format!(
                "{}: fewer than {} answers, not shown.",
                dimension_name(doc, d.dimension()),
                report.min_group()
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
        text.push_str(&format!(
            " {}: {}.",
            later.label(),
            not_shown(report, later)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synth::demo;
    use crate::stats::report;

    #[test]
    fn agreement_bands() {
        assert_eq!(agreement(0.1), "people see this very differently");
        assert_eq!(agreement(0.3), "people see this very differently");
        assert_eq!(agreement(0.45), "weak agreement");
        assert_eq!(agreement(0.6), "moderate agreement");
        assert_eq!(agreement(0.8), "strong agreement");
        assert_eq!(agreement(0.95), "very strong agreement");
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
        let text = summary(&doc, &report(&doc, 1));
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
        let text = summary(&doc, &report(&doc, 1));
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
        let said = dimension_sentence(&doc, &report, &all);
        assert!(said.contains("(everyone answered)"), "{said}");
        assert!(!said.contains("likely between"), "{said}");
        let most = dimension("2026-11");
        assert!(!everyone_answered(&report, most.n()));
        let said = dimension_sentence(&doc, &report, &most);
        assert!(said.contains("likely between"), "{said}");
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
        let text = summary(&doc, &report(&doc, 1));
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
        let text = summary(&doc, &report(&doc, 1));
        assert!(text.contains("No round has reached 5 answers"), "{text}");
        // Nothing released yet and the latest round still open: that is what it says.
        let mut open = demo();
        open.responses.retain(|r| r.round == "2026-11");
        let text = summary(&open, &report(&open, 1));
        assert_eq!(
            text,
            "No results yet. November 2026: collecting: 8 answers so far, results after the round closes."
        );
        doc.rounds.clear();
        doc.responses.clear();
        doc.events.clear();
        assert!(summary(&doc, &report(&doc, 1)).contains("no rounds yet"));
    }
}
