use super::*;
use crate::model::{Round, Submission, templates};
use crate::stats::{RoundResult, report, to_json};

fn counter(seed: u8) -> impl FnMut(&mut [u8]) {
    let mut next = seed;
    move |dst: &mut [u8]| {
        for b in dst {
            next = next.wrapping_mul(31).wrapping_add(17);
            *b = next;
        }
    }
}

fn ids() -> impl FnMut() -> ResponseId {
    let mut n = 0u128;
    move || {
        n += 1;
        ResponseId::from_random_bytes(
            n.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)
                .to_be_bytes(),
        )
    }
}

/// A sealed survey with one round and `people` responses (every third with a comment).
fn sealed_team(people: u8, key: &ResultsKey) -> Document {
    let mut doc = Document::new(templates::survey_from("t", "T", &[&templates::SAFETY]));
    doc.survey.results_key = Some(key.public().to_text());
    doc.rounds.push(Round {
        id: "r1".into(),
        label: "R1".into(),
        opened: "2026-11-01".into(),
        closed: false,
    });
    let mut fresh = ids();
    let mut fill = counter(1);
    for p in 0..people {
        let mut answers = Answers::new();
        for (i, q) in doc.survey.questions.clone().iter().enumerate() {
            answers.insert(&q.id, 1 + (p + i as u8) % 7);
        }
        let comment = (p % 3 == 0).then(|| format!("canary-{p}"));
        let sealed = seal_response(
            &doc,
            "r1",
            &answers,
            comment.as_deref(),
            (fresh(), fresh()),
            &mut fill,
        )
        .unwrap();
        let mut s = Submission::new("t");
        s.sealed_answers.extend(sealed.answers);
        s.sealed_comments.extend(sealed.comment);
        doc.apply(&s).unwrap();
    }
    doc
}

fn key(seed: u8) -> ResultsKey {
    ResultsKey::generate(&mut counter(seed))
}

#[test]
fn an_open_round_shows_only_its_count_and_the_file_holds_no_answer() {
    let key = key(1);
    let doc = sealed_team(9, &key);
    let text = String::from_utf8(to_canonical_bytes(&doc)).unwrap();
    assert!(
        !text.contains("canary") && !text.contains("safety-1\":"),
        "{text}"
    );
    let lengths: std::collections::BTreeSet<usize> =
        doc.sealed_answers.iter().map(|r| r.sealed.len()).collect();
    assert_eq!(lengths.len(), 1, "every answer record has one length");
    let shown = report(&doc, 1);
    let Some(pending) = shown.rounds()[0].pending() else {
        panic!("pending")
    };
    assert_eq!((pending.answers(), pending.closed()), (9, false));
    // Not even the key holder sees an open round's numbers.
    let (with_key, _) = report_with_key(&doc, &key, 1).unwrap();
    assert!(with_key.rounds()[0].pending().is_some());
    assert_eq!(publish(&doc, &key, 1).unwrap().rounds, Vec::<String>::new());
}

#[test]
fn publishing_releases_exactly_what_the_engine_computes_and_never_changes_it() {
    let key = key(2);
    let mut doc = sealed_team(9, &key);
    doc.rounds[0].closed = true;
    // Without the key: closed, waiting for release, no numbers.
    assert!(
        report(&doc, 1).rounds()[0]
            .pending()
            .is_some_and(|p| p.closed())
    );
    let (expected, problems) = report_with_key(&doc, &key, 5).unwrap();
    assert!(problems.is_empty());
    let released = publish(&doc, &key, 5).unwrap();
    assert_eq!(released.rounds, ["r1"]);
    let published = &released.doc;
    // Everyone now sees the same numbers, without the key.
    assert_eq!(to_json(&report(published, 99)), to_json(&expected));
    let Some(stats) = report(published, 1).rounds()[0].released().cloned() else {
        panic!()
    };
    assert_eq!(stats.n(), 9);
    // Publishing again changes nothing.
    assert_eq!(publish(published, &key, 6).unwrap().doc, *published);
    // The released round takes no new records and no tombstones.
    let mut later = published.clone();
    let sealed = seal_response(
        &later,
        "r1",
        &[("safety-1", 7)].into_iter().collect(),
        None,
        (
            ResponseId::from_random_bytes([1; 16]),
            ResponseId::from_random_bytes([2; 16]),
        ),
        &mut counter(3),
    )
    .unwrap();
    let mut s = Submission::new("t");
    s.sealed_answers.extend(sealed.answers);
    assert_eq!(
        later.apply(&s),
        Err(crate::model::Rejection::RoundClosed("r1".into()))
    );
    let mut withdraw = Submission::new("t");
    withdraw.removed.push(later.sealed_answers[0].id);
    assert_eq!(
        later.apply(&withdraw),
        Err(crate::model::Rejection::RoundClosed("r1".into()))
    );
    assert_eq!(later, *published);
}

#[test]
fn a_wrong_key_is_refused_and_damaged_records_are_counted_not_dropped() {
    let key = key(3);
    let mut doc = sealed_team(8, &key);
    doc.rounds[0].closed = true;
    assert_eq!(
        publish(&doc, &self::key(4), 1).err(),
        Some(ReleaseError::WrongKey)
    );
    // A flipped character, a record moved to another round, a truncated record.
    doc.rounds.push(Round {
        id: "r0".into(),
        label: "R0".into(),
        opened: "2026-10-01".into(),
        closed: true,
    });
    let flip = |text: &mut String| {
        let mut bytes = std::mem::take(text).into_bytes();
        bytes[60] = if bytes[60] == b'A' { b'B' } else { b'A' };
        *text = String::from_utf8(bytes).unwrap();
    };
    flip(&mut doc.sealed_answers[0].sealed);
    doc.sealed_answers[1].round = "r0".into();
    let cut = doc.sealed_answers[2].sealed.len() - 40;
    doc.sealed_answers[2].sealed.truncate(cut);
    let (_, problems) = report_with_key(&doc, &key, 1).unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.iter().all(|p| p.kind == Kind::Answers));
    let released = publish(&doc, &key, 1).unwrap();
    assert_eq!(released.problems.len(), 3);
    assert_eq!(
        released.doc.sealed_answers.len(),
        8,
        "damaged records stay in the file"
    );
    // Five good records in r1 remain: at the minimum of 5, so released.
    let r1 = released.doc.published("r1").unwrap();
    assert_eq!(r1.released.as_ref().map(|r| r.read().unwrap().n), Some(5));
    // r0 held one moved record that did not open: published as suppressed.
    assert!(released.doc.published("r0").unwrap().released.is_none());
}

/// Records opened ahead of a release (the reader worker's helpers, from the file as first
/// read) count only where they were opened. Between that read and the write, whoever can write
/// the file could move an opened record into another closed round, beside records of their
/// own, and subtract: the moved record is opened again where it is now, does not open there,
/// and counts nowhere.
#[test]
fn records_opened_ahead_count_only_where_they_were_opened() {
    let key = key(6);
    let mut doc = sealed_team(6, &key);
    doc.rounds[0].closed = true;
    let mut ahead = OpenedAhead::default();
    for (kind, record) in records_to_release(&doc) {
        let outcome = open_record(&doc.survey.id, &key, kind, record).map_err(|e| e.to_string());
        ahead.insert(kind, record, outcome);
    }
    assert_eq!(ahead.len(), 6 + 2, "six answers and two comments");
    // The file as read: the same release as opening every record now.
    assert_eq!(
        ahead.publish(&doc, &key, 1).unwrap(),
        publish(&doc, &key, 1).unwrap()
    );

    // The file as it is at the write: one opened record moved to a new closed round.
    let mut moved = doc.clone();
    moved.rounds.push(Round {
        id: "r0".into(),
        label: "R0".into(),
        opened: "2026-10-01".into(),
        closed: true,
    });
    moved.sealed_answers[0].round = "r0".into();
    assert!(ahead.get(Kind::Answers, &moved.sealed_answers[0]).is_none());
    let released = ahead.publish(&moved, &key, 1).unwrap();
    assert_eq!(released.problems.len(), 1, "{:?}", released.problems);
    assert_eq!(released.problems[0].round, "r0");
    let n = |round: &str| {
        released
            .doc
            .published(round)
            .and_then(|p| p.released.as_ref())
            .map(|r| r.read().unwrap().n)
    };
    assert_eq!(n("r1"), Some(5), "the five records still in r1");
    assert_eq!(n("r0"), None, "the moved record counts nowhere");
    // Its sealed text changed in place: not taken from before either.
    let mut altered = doc.clone();
    altered.sealed_answers[1].sealed = doc.sealed_answers[2].sealed.clone();
    assert!(
        ahead
            .get(Kind::Answers, &altered.sealed_answers[1])
            .is_none()
    );
}

#[test]
fn the_comment_minimum_counts_people_who_wrote_one() {
    let key = key(5);
    // 9 responses, 3 comments (p = 0, 3, 6): below the comment minimum of 8.
    let mut doc = sealed_team(9, &key);
    doc.rounds[0].closed = true;
    let released = publish(&doc, &key, 1).unwrap();
    let round = released
        .doc
        .published("r1")
        .unwrap()
        .released
        .as_ref()
        .unwrap()
        .read()
        .unwrap();
    assert_eq!(round.n, 9);
    assert_eq!(
        round.comments, None,
        "3 comments among 9 responses are withheld"
    );
    doc.survey.min_group_comments = 5;
    doc.survey.min_group = 3;
    let released = publish(&doc, &key, 1).unwrap();
    assert_eq!(
        released
            .doc
            .published("r1")
            .unwrap()
            .released
            .as_ref()
            .unwrap()
            .read()
            .unwrap()
            .comments,
        None
    );
    doc.survey.min_group_comments = 3;
    let released = publish(&doc, &key, 1).unwrap();
    let comments = released
        .doc
        .published("r1")
        .unwrap()
        .released
        .as_ref()
        .unwrap()
        .read()
        .unwrap()
        .comments
        .unwrap();
    let mut sorted = comments.clone();
    sorted.sort();
    assert_eq!(sorted, ["canary-0", "canary-3", "canary-6"]);
}

#[test]
fn sealing_an_old_survey_keeps_every_number_and_leaves_no_plain_answer() {
    let plain = crate::model::synth::demo();
    let key = key(6);
    let sealed = seal_survey(&plain, &key, &mut ids(), &mut counter(7), 3).unwrap();
    let doc = sealed.doc;
    assert!(doc.responses.is_empty());
    assert!(sealed.problems.is_empty());
    assert_eq!(doc.sealed_answers.len(), plain.responses.len());
    let before = report(&plain, 3);
    let after = report(&doc, 3);
    for (b, a) in before.rounds().iter().zip(after.rounds()) {
        assert_eq!(b.round(), a.round());
        match (b, a) {
            (RoundResult::Pending(x), RoundResult::Pending(y)) => {
                assert_eq!(x.answers(), y.answers())
            }
            (RoundResult::Suppressed(_), RoundResult::Suppressed(_)) => {}
            (RoundResult::Released(x), RoundResult::Released(y)) => {
                assert_eq!(x.n(), y.n());
                for (dx, dy) in x.dimensions().iter().zip(y.dimensions()) {
                    let (Some(dx), Some(dy)) = (dx.released(), dy.released()) else {
                        assert_eq!(dx.released().is_some(), dy.released().is_some());
                        continue;
                    };
                    assert_eq!(
                        (dx.n(), dx.mean(), dx.sd(), dx.ci95()),
                        (dy.n(), dy.mean(), dy.sd(), dy.ci95())
                    );
                    assert_eq!(dx.items(), dy.items());
                    // Changes are recomputed from the published n, mean and SD.
                    match (dx.change(), dy.change()) {
                        (Some(cx), Some(cy)) => {
                            assert!((cx.diff() - cy.diff()).abs() < 1e-12);
                            assert!((cx.ci95().0 - cy.ci95().0).abs() < 1e-9);
                            assert_eq!(cx.verdict(), cy.verdict());
                        }
                        (cx, cy) => assert_eq!(cx.is_some(), cy.is_some()),
                    }
                }
            }
            (b, a) => panic!("round {} differs: {b:?} vs {a:?}", b.round()),
        }
    }
}

#[test]
fn the_shipped_demo_is_sealed_with_its_published_key() {
    let demo = demo();
    assert!(demo.responses.is_empty() && !demo.sealed_answers.is_empty());
    assert!(demo_key().matches(demo.survey.results_key.as_deref().unwrap()));
    // Every closed round is published; the open one is collecting.
    for round in &demo.rounds {
        assert_eq!(
            round.closed,
            demo.published(&round.id).is_some(),
            "{}",
            round.id
        );
    }
    assert!(crate::model::validate(&demo).is_empty());
    let bytes = demo_bytes();
    let again = to_canonical_bytes(&crate::model::load(&bytes).unwrap());
    let (a, b) = (
        String::from_utf8_lossy(&bytes),
        String::from_utf8_lossy(&again),
    );
    let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
    assert_eq!(first, None, "the demo file reads back byte for byte");
    assert_eq!(bytes, again);
}

#[test]
fn minimums_lowered_in_the_file_do_not_lower_a_later_release() {
    let key = key(8);
    let mut doc = sealed_team(9, &key);
    doc.rounds[0].closed = true;
    doc = publish(&doc, &key, 1).unwrap().doc;
    doc.rounds.push(Round {
        id: "r2".into(),
        label: "R2".into(),
        opened: "2026-12-01".into(),
        closed: false,
    });
    // Four answers in r2, and someone edits the file to lower the minimum to 3.
    let mut fill = counter(9);
    let mut fresh = ids();
    for _ in 0..4 {
        let mut skip = fresh();
        skip = ResponseId::from_random_bytes({
            let mut b = [0u8; 16];
            b[0] = 0xee;
            b[1..].copy_from_slice(&skip.to_string().as_bytes()[..15]);
            b
        });
        let sealed = seal_response(
            &doc,
            "r2",
            &[("safety-1", 4)].into_iter().collect(),
            None,
            (skip, fresh()),
            &mut fill,
        )
        .unwrap();
        let mut s = Submission::new("t");
        s.sealed_answers.extend(sealed.answers);
        doc.apply(&s).unwrap();
    }
    doc.survey.min_group = 3;
    doc.survey.min_group_comments = 3;
    doc.rounds[1].closed = true;
    let released = publish(&doc, &key, 1).unwrap();
    let r2 = released.doc.published("r2").unwrap();
    assert_eq!(
        r2.min_group, 5,
        "the minimum r1 was released with still holds"
    );
    assert!(r2.released.is_none(), "4 answers stay below it");
}
