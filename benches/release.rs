//! Releasing a round natively: opening one sealed record, and the steps of a release of
//! 2,000 sealed responses (read the file, open every record, compute and publish, write the
//! file), so that the browser's figure (`e2e::sealed`, 10,000 responses) can be split into its
//! parts. `cargo bench --bench release`.

use criterion::{Criterion, criterion_group, criterion_main};

use candor::model::{self, Answers, Document, ResponseId};
use candor::release;
use candor::seal::{Binding, Kind, ResultsKey};

const RESPONSES: u32 = 2_000;

/// A closed round of sealed responses (one in ten with a comment), sealed here.
fn sealed_team(key: &ResultsKey) -> Document {
    let mut team = model::templates::starter("2026-11-21").expect("starter template");
    team.survey.results_key = Some(key.public().to_text());
    team.rounds[0].closed = true;
    let mut fill = |bytes: &mut [u8]| getrandom::fill(bytes).expect("random source");
    for i in 0..RESPONSES {
        let mut answers = Answers::new();
        for (q, question) in team.survey.questions.iter().enumerate() {
            answers.insert(&question.id, (1 + (i as usize * 7 + q * 3) % 7) as u8);
        }
        let mut id = [0u8; 32];
        fill(&mut id);
        let ids = (
            ResponseId::from_random_bytes(id[..16].try_into().expect("16 bytes")),
            ResponseId::from_random_bytes(id[16..].try_into().expect("16 bytes")),
        );
        let comment = (i % 10 == 0).then_some("A comment for the benchmark.");
        let round = team.rounds[0].id.clone();
        let sealed =
            release::seal_response(&team, &round, &answers, comment, ids, &mut fill).expect("seal");
        team.sealed_answers.extend(sealed.answers);
        team.sealed_comments.extend(sealed.comment);
    }
    team.normalize();
    team
}

fn release_steps(c: &mut Criterion) {
    let key = ResultsKey::generate(&mut |bytes: &mut [u8]| {
        getrandom::fill(bytes).expect("random source")
    });
    let team = sealed_team(&key);
    let bytes = model::to_canonical_bytes(&team);
    let record = &team.sealed_answers[0];
    let id = record.id.to_string();
    let binding = Binding {
        kind: Kind::Answers,
        survey: &team.survey.id,
        round: &record.round,
        id: &id,
    };

    let mut group = c.benchmark_group("release");
    group.sample_size(10);
    group.bench_function("open one sealed record", |b| {
        b.iter(|| candor::seal::open(&key, &binding, &record.sealed).expect("opens"))
    });
    group.bench_function("load the file (2,000 responses)", |b| {
        b.iter(|| model::load(&bytes).expect("valid"))
    });
    group.bench_function("publish (open 2,000 + compute)", |b| {
        b.iter(|| release::publish(&team, &key, 7).expect("publishes"))
    });
    let released = release::publish(&team, &key, 7).expect("publishes").doc;
    group.bench_function("write the file (2,000 responses)", |b| {
        b.iter(|| model::to_canonical_bytes(&released))
    });
    group.finish();
}

criterion_group!(benches, release_steps);
criterion_main!(benches);
