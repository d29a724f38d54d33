//! An organisation of 1,000 teams with 12 monthly rounds each, natively: reading and checking
//! every team file (as `candor org report` does once it has the bytes), and pooling their
//! released results into the organisation's report, by month and by quarter. The browser's
//! organisation view and the reading over the network are measured apart.
//! `cargo bench --bench org`.

use criterion::{Criterion, criterion_group, criterion_main};

use candor::model::{self, Document};
use candor::org::report::{self, Period};
use candor::org::{Group, OrgFile, Team};
use candor::stats;

const TEAMS: usize = 1_000;

/// One team's file: 12 monthly rounds, all closed and published from its plain answers
/// (teams of 4 to 14 people, so some rounds are below the minimum and released as such).
fn team(seed: u64) -> Document {
    let size = 4 + (seed % 11) as usize;
    let mut doc = model::synth::synthetic(12, 12 * size, seed);
    for round in &mut doc.rounds {
        round.closed = true;
    }
    let report = stats::report(&doc, seed);
    let minimums = stats::effective_minimums(&doc);
    doc.published = report
        .rounds()
        .iter()
        .filter_map(|r| stats::to_published(r, minimums))
        .collect();
    doc.normalize();
    doc
}

fn org() -> OrgFile {
    let mut org = OrgFile::new("A thousand teams");
    org.groups = (0..20)
        .map(|g| Group {
            id: format!("dept-{g}"),
            name: format!("Department {g}"),
            parent: None,
        })
        .collect();
    org.teams = (0..TEAMS)
        .map(|t| Team {
            id: format!("team-{t}"),
            name: format!("Team {t}"),
            group: Some(format!("dept-{}", t % 20)),
            file: format!("team-{t}.json"),
        })
        .collect();
    org
}

fn bench(c: &mut Criterion) {
    let org = org();
    let files: Vec<Vec<u8>> = (0..TEAMS as u64)
        .map(|seed| model::to_canonical_bytes(&team(seed)))
        .collect();
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
