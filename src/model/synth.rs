//! Synthetic survey files for benchmarks, load tests and the demo: deterministic from a seed,
//! so the same call always builds the same file.

use super::answers::Answers;
use super::document::{ActionStatus, Document, Event, EventKind, Response, Round};
use super::id::ResponseId;
use super::templates;

/// A file with the safety, alignment and failure templates (17 questions), `rounds` monthly
/// rounds and `responses` responses spread over them, with a few skipped answers and comments.
pub fn synthetic(rounds: usize, responses: usize, seed: u64) -> Document {
    let survey = templates::survey_from(
        "synthetic",
        "Synthetic team",
        &[
            &templates::SAFETY,
            &templates::ALIGNMENT,
            &templates::FAILURE,
        ],
    );
    let mut doc = Document::new(survey);
    let rounds = rounds.max(1);
    for i in 0..rounds {
        let (year, month) = (2020 + i / 12, i % 12 + 1);
        doc.rounds.push(Round {
            id: format!("{year}-{month:02}"),
            label: format!("Round {}", i + 1),
            opened: format!("{year}-{month:02}-01"),
            closed: i + 1 < rounds,
        });
    }
    let mut state = seed ^ 0x5DEE_CE66_D1CE_4E5B;
    let mut next = move || {
        // xorshift64*: plenty for synthetic data.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let questions: Vec<String> = doc.survey.questions.iter().map(|q| q.id.clone()).collect();
    for i in 0..responses {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&next().to_be_bytes());
        bytes[8..].copy_from_slice(&next().to_be_bytes());
        let leaning = (next() % 4) as u8; // each respondent leans 0..3 points above neutral-ish
        let mut answers = Vec::with_capacity(questions.len());
        for q in &questions {
            let r = next();
            if r % 20 == 0 {
                continue; // skipped
            }
            let value = (2 + leaning + (r >> 8) as u8 % 3).min(7);
            answers.push((q.as_str(), value));
        }
        let comment = (next() % 10 == 0).then(|| "More time for deep work, please.".to_owned());
        doc.responses.push(Response {
            id: ResponseId::from_random_bytes(bytes),
            round: doc.rounds[i % rounds].id.clone(),
            answers: answers.into_iter().collect::<Answers>(),
            comment,
        });
    }
    doc.normalize();
    doc
}

/// The demo team's file, built into the app so anyone can see what Candor shows before setting
/// anything up: a team of 9 answering the safety, alignment and learning-from-failure questions
/// monthly for 12 rounds (December 2025 to November 2026). A re-organisation before the June
/// round makes safety and alignment dip, and they recover over the next rounds; in August,
/// with most people on holiday, only 4 answer, so that round is suppressed.
/// Its survey is written in English and translated into every other interface language.
pub fn demo() -> Document {
    let mut survey = templates::survey_in(
        "demo",
        "Demo team pulse",
        &[
            &templates::SAFETY,
            &templates::ALIGNMENT,
            &templates::FAILURE,
        ],
        "en",
        &["de", "es", "ar"],
    );
    for (language, title) in [
        ("de", "Puls des Demo-Teams"),
        ("es", "Pulso del equipo de demostración"),
        ("ar", "نبض فريق العرض التجريبي"),
    ] {
        survey.set_translation(language, &super::translation::Part::Title, title);
    }
    survey.team_size = Some(9);
    survey.min_group_comments = 5;
    let mut doc = Document::new(survey);
    // (month, people who answered): August is the holiday round below the minimum of 5.
    let rounds: [(&str, usize); 12] = [
        ("2025-12", 8),
        ("2026-01", 9),
        ("2026-02", 7),
        ("2026-03", 9),
        ("2026-04", 8),
        ("2026-05", 9),
        ("2026-06", 9),
        ("2026-07", 7),
        ("2026-08", 4),
        ("2026-09", 8),
        ("2026-10", 9),
        ("2026-11", 8),
    ];
    // How far each dimension sits from its usual level in each round, in scale points: the
    // re-org (before round 6, June) hits alignment hardest, safety somewhat, learning little.
    let shift = |dimension: &str, round: usize| -> f64 {
        let dip: [f64; 12] = [
            0.0, 0.1, 0.0, 0.2, 0.1, 0.2, -1.3, -0.9, -0.6, -0.3, 0.1, 0.3,
        ];
        let weight = match dimension {
            "alignment" => 1.0,
            "safety" => 0.7,
            _ => 0.3,
        };
        dip[round] * weight
    };
    let usual = |dimension: &str| match dimension {
        "safety" => 5.3,
        "alignment" => 4.9,
        _ => 4.6,
    };
    let comments = [
        "Retros feel more open than last quarter.",
        "After the re-org it is unclear who decides on priorities.",
        "I'd like more time to learn from incidents, not just fix them.",
        "Good that we talk about mistakes in the open now.",
        "Too many parallel goals; hard to know what matters most.",
        "The new team is settling in, thanks for the patience.",
        "Planning sessions help me see the bigger picture.",
        "Sometimes quieter people are talked over in meetings.",
    ];
    let mut state = 0x0DE0_0D1E_5EED_u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    // Each person's own leaning, stable across rounds (who answers varies by round).
    let leaning: Vec<f64> = (0..9).map(|_| (next() % 9) as f64 / 4.0 - 1.0).collect();
    for (r, &(month, answering)) in rounds.iter().enumerate() {
        let (year, mm) = month.split_at(4);
        let month_index: usize = mm[1..].parse().unwrap_or(1);
        doc.rounds.push(Round {
            id: month.to_owned(),
            label: format!("{} {year}", templates::MONTHS[month_index - 1]),
            opened: format!("{month}-01"),
            closed: r + 1 < rounds.len(),
        });
        for lean in &leaning[..answering] {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&next().to_be_bytes());
            bytes[8..].copy_from_slice(&next().to_be_bytes());
            let mut answers = Answers::new();
            for q in &doc.survey.questions {
                let noise = (next() % 1000) as f64 / 1000.0 * 2.0 - 1.0;
                if next() % 40 == 0 {
                    continue; // now and then a question is skipped
                }
                let favourable = usual(&q.dimension) + shift(&q.dimension, r) + lean + noise;
                let favourable = favourable.round().clamp(1.0, 7.0) as u8;
                // Reverse-keyed questions are answered on the opposite end.
                let value = if q.reverse {
                    8 - favourable
                } else {
                    favourable
                };
                answers.insert(&q.id, value);
            }
            let comment = (next() % 3 == 0)
                .then(|| comments[(next() % comments.len() as u64) as usize].to_owned());
            doc.responses.push(Response {
                id: ResponseId::from_random_bytes(bytes),
                round: month.to_owned(),
                answers,
                comment,
            });
        }
    }
    doc.events.push(Event::new(
        "reorg".to_owned(),
        "2026-06".to_owned(),
        "Re-org: two teams merged".to_owned(),
        Some("2026-05-18".to_owned()),
        EventKind::Event,
    ));
    doc.events.push(Event::new(
        "offsite".to_owned(),
        "2026-10".to_owned(),
        "Team offsite".to_owned(),
        Some("2026-09-24".to_owned()),
        EventKind::Event,
    ));
    // What the team agreed after the dip, and what became of it: three done, one dropped, one
    // still open from September (due in October, so October's results review it first) and
    // one agreed after October.
    // (agreed after, text, owner, status, settled in)
    type Agreed<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        ActionStatus,
        Option<&'a str>,
    );
    let agreed: [Agreed; 6] = [
        (
            "2026-06",
            "Leads write down who decides what in the merged team",
            Some("Team leads"),
            ActionStatus::Done,
            Some("2026-07"),
        ),
        (
            "2026-06",
            "Weekly open Q&A with the new director for two months",
            Some("Director"),
            ActionStatus::Done,
            Some("2026-08"),
        ),
        (
            "2026-07",
            "Pair people across the two former teams on the next project",
            None,
            ActionStatus::Done,
            Some("2026-10"),
        ),
        (
            "2026-08",
            "Move planning to Monday mornings",
            None,
            ActionStatus::Dropped,
            Some("2026-09"),
        ),
        (
            "2026-09",
            "Blameless review of the September incident, written up for everyone",
            Some("Team lead"),
            ActionStatus::Open,
            None,
        ),
        (
            "2026-10",
            "Keep a written log of decisions in the team wiki",
            Some("Team leads"),
            ActionStatus::Open,
            None,
        ),
    ];
    for (round, label, owner, status, settled) in agreed {
        let mut action = Event::new(
            format!("{round}-action-{}", doc.events.len()),
            round.to_owned(),
            label.to_owned(),
            None,
            EventKind::Action,
        );
        action.owner = owner.map(str::to_owned);
        action.status = status;
        action.settled = settled.map(str::to_owned);
        doc.events.push(action);
    }
    doc.normalize();
    doc
}
