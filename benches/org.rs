//! An organisation of 1,000 teams with 12 monthly rounds each, natively: reading and checking
//! every team file (as `candor org report` does once it has the bytes), and pooling their
//! released results into the organisation's report, by month and by quarter. The browser's
//! organisation view and the reading over the network are measured apart.
//! `cargo bench --bench org`.

use criterion::{Criterion, criterion_group, criterion_main};

use candor::model;
use candor::org::report::{self, Period};
use candor::org::synth;

const TEAMS: usize = 1_000;

fn bench(c: &mut Criterion) {
    let (org, teams) = synth::organisation(TEAMS, 20, 12);
    let files: Vec<Vec<u8>> = teams.iter().map(model::to_canonical_bytes).collect();
    let total: usize = files.iter().map(Vec::len).sum();
    eprintln!("{TEAMS} team files, {} MB in all", total / 1_000_000);
    let reads: Vec<report::TeamRead> = files
        .iter()
        .map(|bytes| model::load_full(bytes).map_err(|e| e.to_string()))
        .collect();
    assert!(reads.iter().all(Result::is_ok));
    let mut group = c.benchmark_group("org");
    group.sample_size(10);
    group.bench_function("read and check 1,000 team files", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|bytes| model::load_full(bytes).is_ok())
                .filter(|ok| *ok)
                .count()
        })
    });
    for period in [Period::Month, Period::Quarter] {
        group.bench_function(format!("report of 1,000 teams by {}", period.name()), |b| {
            b.iter(|| report::to_json(&report::build(&org, &reads, period)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
