//! Submit round trip (read + validate + merge + conditional write) against lighttpd on
//! loopback, with 10k responses already in the file. Needs lighttpd (scripts/setup.sh):
//! `cargo bench --bench submit`.

#[path = "../tests/support/server.rs"]
mod server;

use criterion::{Criterion, criterion_group, criterion_main};

use candor::model::{self, Answers, Response, ResponseId, Submission, synth};
use candor::storage::native::{Http, block_on};
use candor::storage::protocol;

fn round_trip(c: &mut Criterion) {
    let docroot = std::env::temp_dir().join(format!("candor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&docroot).expect("temp dir");
    let server = server::Server::start(&docroot).expect("lighttpd (run scripts/setup.sh)");
    let mut doc = synth::synthetic(12, 10_000, 3);
    if let Some(last) = doc.rounds.last_mut() {
        last.closed = false;
    }
    let round = doc
        .open_round()
        .map(|r| r.id.clone())
        .expect("an open round");
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&doc),
    )
    .expect("write");
    let url = format!("{}/data/team.json", server.base);
    let http = Http::default();
    let mut n: u128 = 0;
    c.bench_function("submit 10k", |b| {
        b.iter(|| {
            n += 1;
            let submission = Submission {
                survey: doc.survey.id.clone(),
                responses: vec![Response {
                    id: ResponseId::from_random_bytes((n << 64 | 0xbe).to_be_bytes()),
                    round: round.clone(),
                    answers: [("safety-2", 5u8)].into_iter().collect::<Answers>(),
                    comment: None,
                }],
                sealed_answers: vec![],
                sealed_comments: vec![],
                removed: vec![],
            };
            block_on(protocol::submit(&http, &url, &submission, &mut || 0.5)).expect("submit")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = round_trip
}
criterion_main!(benches);
