//! One write through the store: lock, read the freshest copy, journal, atomic replace, audit line.
//! The tests check that a writer is never blocked by a lock left by a killed writer or by a case
//! named like an internal file; this measures how long a write takes.
//! Run with `cargo bench --bench writes`.

use cordwatch::model::event::Event;
use cordwatch::model::{Case, CaseId, Review, Stamp, Text};
use cordwatch::store::{Store, StoreOptions};
use divan::Bencher;

fn main() {
    divan::main();
}

fn review(n: u64) -> Event {
    let at = Stamp::parse("2026-11-23 08:00").expect("stamp");
    Event::Review(Review { at, by: None, role: None, note: Some(Text::new(format!("seen {n}"))), struck: None })
}

/// Records a review on a case called `name` again and again.
fn record_on(bencher: Bencher, name: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::init(dir.path(), StoreOptions::default(), None).expect("store");
    let id: CaseId = name.parse().expect("id");
    store.create(&Case::new(id.clone(), Text::from("Bench Patient"))).expect("create");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        store.record(&id, &review(n)).expect("record")
    });
}

#[divan::bench(sample_count = 20, sample_size = 5)]
fn record_a_review(bencher: Bencher) {
    record_on(bencher, "RX1");
}

#[divan::bench(sample_count = 20, sample_size = 5)]
fn record_on_a_case_named_audit(bencher: Bencher) {
    record_on(bencher, "audit");
}
