//! The parsed-case cache: every case file loaded without it (each one parsed) and with it warm
//! (each one found unchanged and decoded), at 1,000 and 10,000 cases; and the encodings the
//! cache could keep a case in, each decoded against the YAML parse it replaces.
//! Run with `cargo bench --bench cache`; figures and the machine are in docs/performance.md.

mod fixture;

use cordwatch::context::{Context, Launch};
use cordwatch::model::Case;
use divan::Bencher;

const SIZES: [usize; 2] = [1_000, 10_000];

fn main() {
    divan::main();
}

fn context(n: usize, no_cache: bool) -> Context {
    let launch = Launch {
        data: Some(fixture::ward_dir(n)),
        now: Some(fixture::NOW.into()),
        config: Some(fixture::config()),
        no_cache,
        ..Launch::default()
    };
    Context::open(&launch).unwrap_or_else(|e| panic!("{e}"))
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_every_case_file_without_the_cache(bencher: Bencher, n: usize) {
    let ctx = context(n, true);
    bencher.bench_local(|| ctx.store.load_all().expect("load"));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_every_case_file_with_the_cache_warm(bencher: Bencher, n: usize) {
    let ctx = context(n, false);
    // Entries made within the racy margin of the files' writing are never used: wait it out,
    // then make trusted ones.
    std::thread::sleep(cordwatch::store::RACY_MARGIN + std::time::Duration::from_millis(500));
    ctx.store.load_all().expect("load");
    let cache = ctx.store.cache().expect("a cache");
    cache.take_stats();
    ctx.store.load_all().expect("load");
    let stats = cache.take_stats();
    assert!(stats.parsed * 100 < n, "only the unreadable files are parsed: {stats:?}");
    bencher.bench_local(|| ctx.store.load_all().expect("load"));
}

/// The case files' bytes, and their cases.
fn cases(n: usize) -> (Vec<Vec<u8>>, Vec<Case>) {
    let dir = fixture::ward_dir(n).join("cases");
    let mut bytes = Vec::new();
    let mut cases = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir).expect("dir").flatten().map(|e| e.path()).collect();
    names.sort();
    for path in names {
        let b = std::fs::read(path).expect("read");
        if let Ok(case) = cordwatch::yaml::from_bytes::<Case>(&b) {
            bytes.push(b);
            cases.push(case);
        }
    }
    (bytes, cases)
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn decode_1000_cases_from_yaml(bencher: Bencher) {
    let (bytes, _) = cases(1_000);
    bencher.bench_local(|| {
        bytes.iter().map(|b| cordwatch::yaml::from_bytes::<Case>(b).expect("case")).collect::<Vec<Case>>()
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn decode_1000_cases_from_messagepack(bencher: Bencher) {
    let (_, cases) = cases(1_000);
    let encoded: Vec<Vec<u8>> = cases.iter().map(|c| rmp_serde::to_vec_named(c).expect("encode")).collect();
    let size: usize = encoded.iter().map(Vec::len).sum();
    eprintln!("messagepack: {size} bytes for 1,000 cases");
    bencher
        .bench_local(|| encoded.iter().map(|b| rmp_serde::from_slice::<Case>(b).expect("case")).collect::<Vec<Case>>());
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn decode_1000_cases_from_json(bencher: Bencher) {
    let (_, cases) = cases(1_000);
    let encoded: Vec<Vec<u8>> = cases.iter().map(|c| serde_json::to_vec(c).expect("encode")).collect();
    let size: usize = encoded.iter().map(Vec::len).sum();
    eprintln!("json: {size} bytes for 1,000 cases");
    bencher.bench_local(|| {
        encoded.iter().map(|b| serde_json::from_slice::<Case>(b).expect("case")).collect::<Vec<Case>>()
    });
}
