//! Synthetic survey files for benchmarks, load tests and the demo: deterministic from a seed,
//! so the same call always builds the same file.

use super::answers::Answers;
use super::document::{Document, Response, Round};
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
