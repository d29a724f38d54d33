//! Parse + validate throughput of the shared file, and the statistics engine over it.
//! Run with `cargo bench --bench parse`; MB/s is printed by criterion as throughput.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use candor::model::{self, synth};
use candor::stats;

fn parse_and_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for n in [1_000usize, 10_000, 100_000] {
        let bytes = model::to_canonical_bytes(&synth::synthetic(12, n, 7));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(if n >= 100_000 { 10 } else { 30 });
        group.bench_with_input(BenchmarkId::from_parameter(n), &bytes, |b, bytes| {
            b.iter(|| model::load(bytes).map(|d| d.responses.len()))
        });
    }
    group.finish();
}

fn aggregate(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    let doc = synth::synthetic(12, 100_000, 7);
    group.sample_size(10);
    group.bench_function("100000x17", |b| b.iter(|| stats::report(&doc, 1)));
    group.finish();
}

/// The whole job of opening the results, natively: parse, validate and the engine; compared
/// with wasm and JavaScript by scripts/bench-browser.sh.
fn load_and_report(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+report");
    for n in [1_000usize, 10_000, 100_000] {
        let bytes = model::to_canonical_bytes(&synth::synthetic(12, n, 7));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::from_parameter(n), &bytes, |b, bytes| {
            b.iter(|| model::load(bytes).map(|d| stats::report(&d, 1).rounds().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, parse_and_validate, aggregate, load_and_report);
criterion_main!(benches);
