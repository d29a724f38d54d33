//! Conversation guides: for a dimension whose latest released result is low, likely down or
//! seen very differently, a few questions for the team to talk about and practices to try,
//! with the reason it is shown.
//!
//! The rule reads only released numbers, and only says what they support: "low" is a share of
//! favourable answers below half, "falling" is a change the engine called (its interval
//! excludes zero), "seen differently" is weak agreement from enough answers for the index to
//! mean something ([`FEW_FOR_AGREEMENT`]). An event on the timeline before a called decline
//! adds the questions of a disruption (it may explain the decline); an event alone, or beside a
//! low result that did not fall, shows nothing. The texts are Candor's own,
//! written from the research on team learning and alignment: framing work as learning,
//! acknowledging fallibility, asking and listening; clear priorities, written updates,
//! one-on-ones; blameless reviews and small experiments; re-alignment after a change.

use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::{Document, EventKind};
use crate::stats::words::{self, FEW_FOR_AGREEMENT};
use crate::stats::{Report, Verdict};

/// Below this share of favourable answers a result counts as low.
pub const LOW_FAVOURABLE: f64 = 0.5;
/// At or below this agreement (r_wg(J)) people see a dimension differently: the "weak" and
/// "lack of agreement" bands of [`words::agreement`].
pub const WEAK_AGREEMENT: f64 = 0.5;

/// Why a guide is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// Fewer than half of the answers were favourable (the share).
    Low(f64),
    /// The engine called a decline since this round (its label).
    Falling(String),
    /// Weak agreement from enough answers (r_wg(J)).
    SeenDifferently(f64),
    /// Something happened after the round compared with (the event's label).
    AfterEvent(String),
}

impl Reason {
    /// The reason in words, completing "Shown because …".
    pub fn words(&self, t: &Texts<M>) -> String {
        match self {
            // Rounded down: a share just under half never reads "50%".
            Self::Low(share) => t.fill(
                M::ReasonLow,
                &[("share", &t.percent((share * 100.0).floor() / 100.0))],
            ),
            Self::Falling(from) => t.fill(M::ReasonFalling, &[("round", from)]),
            Self::SeenDifferently(rwg) => {
                t.fill(M::ReasonSeenDifferently, &[("rwg", &t.number(*rwg, 2))])
            }
            Self::AfterEvent(label) => t.fill(
                M::ReasonAfterEvent,
                &[("event", &crate::i18n::isolate(label))],
            ),
        }
    }
}

/// What to talk about and what to try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Topic {
    pub questions: &'static [M],
    pub practices: &'static [M],
}

/// A guide for one dimension: its reasons, in the order above, and its topics (the
/// dimension's own, then the disruption's when an event came before).
#[derive(Clone, Debug, PartialEq)]
pub struct Guide {
    pub reasons: Vec<Reason>,
    pub topics: Vec<&'static Topic>,
}

/// What the rule reads of a dimension's latest released result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Signals<'a> {
    /// Share of favourable answers, 0 to 1.
    pub favourable: f64,
    /// Within-group agreement, where the engine gives one.
    pub rwg: Option<f64>,
    /// How many answered.
    pub n: usize,
    /// The engine's verdict on the change since an earlier released round, and that round's
    /// label.
    pub change: Option<(Verdict, &'a str)>,
}

/// The reasons a dimension's numbers give for a guide (not the event's: see [`guide`]).
pub fn reasons(signals: Signals<'_>) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if signals.favourable < LOW_FAVOURABLE {
        reasons.push(Reason::Low(signals.favourable));
    }
    if let Some((Verdict::Down, from)) = signals.change {
        reasons.push(Reason::Falling(from.to_owned()));
    }
    if let Some(rwg) = signals.rwg
        && rwg <= WEAK_AGREEMENT
        && signals.n >= FEW_FOR_AGREEMENT
    {
        reasons.push(Reason::SeenDifferently(rwg));
    }
    reasons
}

/// The guide for dimension `dimension` in its latest released round, if its numbers call for
/// one.
pub fn guide(doc: &Document, report: &Report, dimension: &str) -> Option<Guide> {
    let rounds = report.rounds();
    let (slot, stats) = rounds.iter().enumerate().rev().find_map(|(i, round)| {
        let stats = round
            .released()?
            .dimensions()
            .iter()
            .find(|x| x.dimension() == dimension)?
            .released()?;
        Some((i, stats))
    })?;
    let change = stats.change();
    let mut reasons = reasons(Signals {
        favourable: stats.favourable(),
        rwg: stats.rwg_j(),
        n: stats.n(),
        change: change.map(|c| (c.verdict(), words::round_label(report, c.from()))),
    });
    if reasons.is_empty() {
        return None;
    }
    // An event after the round compared with, up to this one, may explain a called decline:
    // the disruption's questions join in. (Rounds between the two may have shown nothing for
    // this dimension; an event on one of them still came before the decline.)
    let falling = reasons.iter().any(|r| matches!(r, Reason::Falling(_)));
    let since = change
        .and_then(|c| rounds.iter().position(|r| r.round() == c.from()))
        .unwrap_or(slot);
    let event = doc
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Event)
        .find(|e| {
            rounds
                .iter()
                .position(|r| r.round() == e.round)
                .is_some_and(|at| at > since && at <= slot)
        })
        .filter(|_| falling);
    let mut topics = vec![topic(dimension)];
    if let Some(event) = event {
        reasons.push(Reason::AfterEvent(event.label.clone()));
        topics.push(&DISRUPTION);
    }
    Some(Guide { reasons, topics })
}

/// The topic of a dimension of the built-in templates, or the general one.
fn topic(dimension: &str) -> &'static Topic {
    use crate::model::templates;
    [
        (templates::SAFETY.id, &SAFETY),
        (templates::ALIGNMENT.id, &ALIGNMENT),
        (templates::FAILURE.id, &FAILURE),
    ]
    .into_iter()
    .find_map(|(id, topic)| (id == dimension).then_some(topic))
    .unwrap_or(&GENERAL)
}

/// The guide as an aside of the dimension's card.
pub(super) fn aside(m: &mut Markup, t: &Texts<M>, dimension: &str, guide: &Guide) {
    let reasons: Vec<String> = guide.reasons.iter().map(|r| r.words(t)).collect();
    m.open(
        "aside",
        &[
            ("class", "guide"),
            ("data-testid", &format!("guide-{dimension}")),
        ],
    )
    .element("h3", &[], t.get(M::ForTheConversation))
    .element(
        "p",
        &[("class", "guide-why")],
        &t.fill(M::ShownBecause, &[("reasons", &t.list(&reasons))]),
    );
    for (heading, pick) in [(M::QuestionsToTalk, true), (M::PracticesToTry, false)] {
        m.element("h4", &[], t.get(heading)).open("ul", &[]);
        for topic in &guide.topics {
            for text in if pick {
                topic.questions
            } else {
                topic.practices
            } {
                m.element("li", &[], t.get(*text));
            }
        }
        m.close("ul");
    }
    m.close("aside");
}

static SAFETY: Topic = Topic {
    questions: &[M::SafetyQuestion1, M::SafetyQuestion2, M::SafetyQuestion3],
    practices: &[
        M::SafetyPractice1,
        M::SafetyPractice2,
        M::SafetyPractice3,
        M::SafetyPractice4,
    ],
};

static ALIGNMENT: Topic = Topic {
    questions: &[
        M::AlignmentQuestion1,
        M::AlignmentQuestion2,
        M::AlignmentQuestion3,
    ],
    practices: &[
        M::AlignmentPractice1,
        M::AlignmentPractice2,
        M::AlignmentPractice3,
    ],
};

static FAILURE: Topic = Topic {
    questions: &[
        M::FailureQuestion1,
        M::FailureQuestion2,
        M::FailureQuestion3,
    ],
    practices: &[
        M::FailurePractice1,
        M::FailurePractice2,
        M::FailurePractice3,
    ],
};

static GENERAL: Topic = Topic {
    questions: &[M::GeneralQuestion1, M::GeneralQuestion2],
    practices: &[M::GeneralPractice1],
};

static DISRUPTION: Topic = Topic {
    questions: &[M::DisruptionQuestion1, M::DisruptionQuestion2],
    practices: &[M::DisruptionPractice1, M::DisruptionPractice2],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synth;

    fn en() -> Texts<M> {
        Texts::english()
    }

    #[test]
    fn words_join_as_a_sentence() {
        let w = |s: &[&str]| en().list(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(w(&[]), "");
        assert_eq!(w(&["a"]), "a");
        assert_eq!(w(&["a", "b"]), "a and b");
        assert_eq!(w(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn every_topic_has_questions_and_practices() {
        for topic in [&SAFETY, &ALIGNMENT, &FAILURE, &GENERAL, &DISRUPTION] {
            assert!(!topic.questions.is_empty() && !topic.practices.is_empty());
        }
        assert_eq!(topic("safety"), &SAFETY);
        assert_eq!(topic("my-own"), &GENERAL);
    }

    #[test]
    fn the_rule_at_its_edges() {
        let calm = Signals {
            favourable: 0.5,
            rwg: Some(0.51),
            n: 40,
            change: Some((Verdict::NoClearChange, "May")),
        };
        assert_eq!(reasons(calm), [], "exactly half favourable is not low");
        let low = Signals {
            favourable: 0.4999,
            ..calm
        };
        assert_eq!(reasons(low), [Reason::Low(0.4999)]);
        assert_eq!(
            Reason::Low(0.4999).words(&en()),
            "fewer than half of the answers were favourable (49%)",
            "never rounded up to 50%"
        );
        let split = |n| Signals {
            rwg: Some(0.5),
            n,
            ..calm
        };
        assert_eq!(
            reasons(split(9)),
            [],
            "nine answers: agreement too noisy to call"
        );
        assert_eq!(reasons(split(10)), [Reason::SeenDifferently(0.5)]);
        let up = Signals {
            change: Some((Verdict::Up, "May")),
            ..calm
        };
        assert_eq!(reasons(up), []);
        let down = Signals {
            change: Some((Verdict::Down, "May")),
            ..calm
        };
        assert_eq!(reasons(down), [Reason::Falling("May".into())]);
        let everything = Signals {
            favourable: 0.2,
            rwg: Some(0.1),
            n: 12,
            change: Some((Verdict::Down, "May")),
        };
        assert_eq!(
            reasons(everything),
            [
                Reason::Low(0.2),
                Reason::Falling("May".into()),
                Reason::SeenDifferently(0.1)
            ]
        );
    }

    #[test]
    fn reasons_in_words_say_the_numbers() {
        assert_eq!(
            Reason::Low(0.42).words(&en()),
            "fewer than half of the answers were favourable (42%)"
        );
        assert_eq!(
            Reason::Falling("March".into()).words(&en()),
            "it is likely down since March"
        );
        assert!(Reason::SeenDifferently(0.31).words(&en()).contains("0.31"));
        assert!(
            Reason::AfterEvent("Re-org".into())
                .words(&en())
                .contains("Re-org")
        );
    }

    /// The demo team's latest released round, dimension by dimension: a guide exactly where
    /// the numbers call for one, with the reasons the rule gives.
    #[test]
    fn the_demo_team_gets_a_guide_exactly_where_its_numbers_call_for_one() {
        let doc = synth::demo();
        let report = crate::stats::report(&doc, 7);
        let mut shown = 0;
        for dimension in &doc.survey.dimensions {
            let latest = report.rounds().iter().rev().find_map(|r| {
                r.released()?
                    .dimensions()
                    .iter()
                    .find(|x| x.dimension() == dimension.id)?
                    .released()
            });
            let stats = latest.expect("the demo releases every dimension");
            let expected = stats.favourable() < LOW_FAVOURABLE
                || stats.change().is_some_and(|c| c.verdict() == Verdict::Down)
                || (stats.rwg_j().is_some_and(|r| r <= WEAK_AGREEMENT)
                    && stats.n() >= FEW_FOR_AGREEMENT);
            let guide = guide(&doc, &report, &dimension.id);
            assert_eq!(guide.is_some(), expected, "{}", dimension.id);
            if let Some(guide) = guide {
                shown += 1;
                assert!(!guide.reasons.is_empty());
                assert_eq!(guide.topics[0], topic(&dimension.id));
            }
        }
        assert!(shown > 0, "the demo shows at least one guide");
        assert!(
            shown < doc.survey.dimensions.len(),
            "and at least one dimension without"
        );
        // The offsite before the latest round explains nothing: no dimension fell.
        for dimension in &doc.survey.dimensions {
            if let Some(guide) = guide(&doc, &report, &dimension.id) {
                assert!(!guide.topics.contains(&&DISRUPTION), "{}", dimension.id);
            }
        }
    }

    /// The demo as it stood after its re-organisation (June 2026 the latest released round).
    fn demo_until_june() -> Document {
        let mut doc = synth::demo();
        let kept = |round: &str| round <= "2026-06";
        doc.rounds.retain(|r| kept(&r.id));
        doc.published.retain(|p| kept(&p.round));
        doc.events.retain(|e| kept(&e.round));
        doc
    }

    #[test]
    fn a_called_decline_after_an_event_brings_the_questions_of_a_disruption() {
        let doc = demo_until_june();
        let report = crate::stats::report(&doc, 7);
        let safety = guide(&doc, &report, "safety").expect("safety fell after the re-org");
        assert_eq!(
            safety.reasons[1..],
            [
                Reason::Falling("May 2026".into()),
                Reason::AfterEvent("Re-org: two teams merged".into())
            ]
        );
        assert!(matches!(safety.reasons[0], Reason::Low(share) if share < LOW_FAVOURABLE));
        assert_eq!(safety.topics, [&SAFETY, &DISRUPTION]);
        // The re-org noted on the round the June change is measured from (May) came before
        // both results compared: it explains nothing.
        let mut moved = doc.clone();
        for event in &mut moved.events {
            if event.label.starts_with("Re-org") {
                event.round = "2026-05".into();
            }
        }
        let report = crate::stats::report(&moved, 7);
        let safety = guide(&moved, &report, "safety").expect("still low and falling");
        assert_eq!(
            safety.topics,
            [&SAFETY],
            "an event before the earlier round explains nothing"
        );

        // Learning from failure is low but did not fall: its own questions only.
        let report = crate::stats::report(&doc, 7);
        let failure = guide(&doc, &report, "failure").expect("failure is low");
        assert!(matches!(failure.reasons[..], [Reason::Low(_)]));
        assert_eq!(failure.topics, [&FAILURE]);
    }

    /// A plain file of three closed rounds: the first answered favourably on safety, the
    /// second by too few to show, the third unfavourably; `event` noted on the second.
    fn fall_across_a_quiet_round(event: bool) -> Document {
        let mut doc = synth::synthetic(4, 60, 3);
        let scale = doc.survey.scale;
        let safety: Vec<(String, bool)> = doc
            .survey
            .questions
            .iter()
            .filter(|q| q.dimension == "safety")
            .map(|q| (q.id.clone(), q.reverse))
            .collect();
        let round = |i: usize| doc.rounds[i].id.clone();
        let (first, quiet, third) = (round(0), round(1), round(2));
        let mut kept_quiet = 0;
        doc.responses.retain(|r| {
            r.round != quiet || {
                kept_quiet += 1;
                kept_quiet <= 2
            }
        });
        for response in &mut doc.responses {
            let good = if response.round == first {
                true
            } else if response.round == third {
                false
            } else {
                continue;
            };
            let mut answers: Vec<(String, u8)> = response
                .answers
                .iter()
                .map(|(q, v)| (q.to_owned(), v))
                .collect();
            for (question, reverse) in &safety {
                let value = if good != *reverse { scale } else { 1 };
                answers.retain(|(q, _)| q != question);
                answers.push((question.clone(), value));
            }
            response.answers = answers.iter().map(|(q, v)| (q.as_str(), *v)).collect();
        }
        if event {
            doc.events.push(crate::model::Event::new(
                "reorg".into(),
                quiet,
                "Re-org".into(),
                None,
                EventKind::Event,
            ));
        }
        doc.normalize();
        doc
    }

    #[test]
    fn an_event_on_a_round_with_nothing_shown_still_comes_before_the_decline() {
        for event in [false, true] {
            let doc = fall_across_a_quiet_round(event);
            let report = crate::stats::report(&doc, 1);
            let safety = guide(&doc, &report, "safety").expect("safety fell");
            assert!(
                safety.reasons.contains(&Reason::Falling("Round 1".into())),
                "compared with the first round across the quiet one: {safety:?}"
            );
            assert_eq!(safety.topics.contains(&&DISRUPTION), event, "{safety:?}");
        }
    }

    #[test]
    fn the_aside_says_why_and_escapes_what_it_quotes() {
        let guide = Guide {
            reasons: vec![
                Reason::Falling("May".into()),
                Reason::AfterEvent("<b>Re-org</b>".into()),
            ],
            topics: vec![&ALIGNMENT, &DISRUPTION],
        };
        let mut m = Markup::new();
        aside(&mut m, &en(), "alignment", &guide);
        let html = m.finish();
        let html = html.as_str();
        assert!(html.contains("data-testid=\"guide-alignment\""));
        assert!(html.contains(
            "Shown because it is likely down since May and \u{201c}\u{2068}&lt;b&gt;Re-org&lt;/b&gt;\u{2069}\u{201d} happened before this round."
        ));
        assert!(!html.contains("<b>"));
        let items = html.matches("<li>").count();
        assert_eq!(
            items,
            ALIGNMENT.questions.len()
                + ALIGNMENT.practices.len()
                + DISRUPTION.questions.len()
                + DISRUPTION.practices.len()
        );
    }
}
