//! Lookup speed on the embedded Sahel lexicon: normalization, exact and folded resolution,
//! and compiling the index.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use canonym::normalize::{folded, latin};

const QUERIES: &[&str] = &[
    "Tin Zaouatine",
    "GSIM",
    "Jama'at Nusrat Al-Islam Wal-Muslimin",
    "tinzaouatene",
    "Kidal",
    "nobody at all",
];

fn normalize(c: &mut Criterion) {
    let mut group = c.benchmark_group("normalize");
    let bytes: usize = QUERIES.iter().map(|q| q.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("folded", |b| {
        b.iter(|| {
            QUERIES
                .iter()
                .map(|q| folded(black_box(q)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("latin", |b| {
        b.iter(|| {
            QUERIES
                .iter()
                .map(|q| latin(&folded(black_box(q))).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn resolve(c: &mut Criterion) {
    let index = canonym::default_index().expect("the embedded lexicon compiles");
    let mut group = c.benchmark_group("resolve");
    group.throughput(Throughput::Elements(QUERIES.len() as u64));
    group.bench_function("exact", |b| {
        b.iter(|| {
            QUERIES
                .iter()
                .map(|q| index.resolve(black_box(q)).map_or(0, |c| c.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let lexicon = canonym::default_lexicon().expect("the embedded lexicon compiles");
    let mut group = c.benchmark_group("build");
    group.throughput(Throughput::Elements(lexicon.name_count() as u64));
    group.bench_function("sahel", |b| {
        b.iter(|| canonym::index::build(black_box(&lexicon)).map_or(0, |bytes| bytes.len()))
    });
    group.finish();
}

criterion_group!(benches, normalize, resolve, build);
criterion_main!(benches);
