//! The ward read one case at a time (`ward::assess_kept`, what `list` and `checklist` use so a
//! regional ward is never all in memory) gives exactly the rows, in exactly the order, that
//! reading every case and then assessing them (`ward::assess`) gives: unreadable files, a file
//! whose id is not its name, two files with one id, the archive, and a read through the cache.

mod common;

use cordwatch::model::Stamp;
use cordwatch::ward;

fn debug_rows(ctx: &cordwatch::context::Context, archive: bool) -> (Vec<String>, Vec<String>) {
    let now = ctx.now;
    let settings = ctx.engine();
    let entries = if archive { ctx.store.load_archive() } else { ctx.store.load_all() }.expect("read");
    // A report's rows leave empty what only the dashboard reads (the filter's text, the next
    // change, the hashes); everything else is the same.
    let as_a_report = |mut r: ward::WardRow| {
        r.search.clear();
        (r.next_change, r.next_wait, r.hashes) = (None, None, (0, 0));
        format!("{r:?}")
    };
    let whole: Vec<String> =
        ward::assess(entries, &ctx.guidelines, &settings, now).into_iter().map(as_a_report).collect();
    let kept = ward::assess_kept(&ctx.store, archive, &ctx.guidelines, &settings, now, |r| format!("{r:?}"))
        .expect("read one at a time");
    (whole, kept)
}

/// A data directory of `n` generated cases and one of them copied under another name (its id is
/// not its name, and two files share the id).
fn ward_with_a_copy(n: usize) -> (tempfile::TempDir, cordwatch::context::Context, Stamp, Vec<(String, String)>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = common::context(Some(dir.path()));
    let now = Stamp::parse(common::NOW).expect("now");
    let mut files = cordwatch::demo::population(n, 1, now);
    files.push(("G019999999.yaml".to_string(), files[7].1.clone()));
    ctx.store.seed_raw(&files).expect("seed");
    (dir, ctx, now, files)
}

#[test]
fn rows_kept_one_at_a_time_are_the_rows_of_the_whole_ward_in_its_order() {
    let (_dir, ctx, now, _) = ward_with_a_copy(600);
    ctx.store.seed_archive_raw(&cordwatch::demo::population(300, 2, now)).expect("archive");

    for archive in [false, true] {
        // Twice: the first read parses every file, the second may find them in the cache.
        for _ in 0..2 {
            let (whole, kept) = debug_rows(&ctx, archive);
            assert_eq!(whole.len(), if archive { 300 } else { 601 });
            assert_eq!(kept.len(), whole.len());
            for (i, (a, b)) in whole.iter().zip(&kept).enumerate() {
                assert_eq!(a, b, "row {i} of the {}", if archive { "archive" } else { "ward" });
            }
        }
    }
    let (whole, _) = debug_rows(&ctx, false);
    assert_eq!(whole.iter().filter(|r| r.contains("DuplicateId")).count(), 2, "both files that share the id");
    assert!(whole.iter().any(|r| r.contains("CannotRead") || r.contains("Invalid")), "an unreadable file");
}

#[test]
fn a_ward_with_no_archive_keeps_nothing_from_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = common::context(Some(dir.path()));
    assert!(!ctx.store.has_archive());
    let (whole, kept) = debug_rows(&ctx, true);
    assert!(whole.is_empty() && kept.is_empty());
}

/// The audit as `cordwatch audit` makes it, each file judged as it is read (`ward::audit_judged`),
/// and as the dashboard makes it from every case read at once (`ward::audit_cases`): one audit.
fn both_audits(ctx: &cordwatch::context::Context) -> (String, String) {
    use cordwatch::engine::audit::{self, Window};
    let now = ctx.now;
    let window = Window::last_twelve_months(now.date());
    let active = ctx.store.load_all().expect("cases");
    let archive = ctx.store.load_archive().expect("archive");
    let (cases, unreadable) = ward::audit_cases(&active, &archive);
    let whole = format!("{:?} {unreadable:?}", audit::audit(cases, &ctx.guidelines, window, now));
    let (judged, unreadable) = ward::audit_judged(&ctx.store, &ctx.guidelines, window, now).expect("judged");
    let streamed = format!("{:?} {unreadable:?}", audit::of_judged(judged, &ctx.guidelines, window, now));
    (whole, streamed)
}

#[test]
fn the_audit_judged_one_case_at_a_time_is_the_audit_of_every_case_read_at_once() {
    // One case twice in the cases folder (two patients until someone says otherwise) ...
    let (_dir, ctx, now, files) = ward_with_a_copy(400);
    // ... and two cases with a stale copy in the archive (each episode counted once, from the
    // live file).
    let mut archive = cordwatch::demo::population(300, 2, now);
    archive.push((files[3].0.clone(), files[3].1.clone()));
    archive.push((files[11].0.clone(), files[11].1.clone()));
    ctx.store.seed_archive_raw(&archive).expect("archive");

    // Twice: the second read may come from the cache.
    for _ in 0..2 {
        let (whole, streamed) = both_audits(&ctx);
        assert_eq!(whole, streamed);
        assert!(whole.contains("in_cases: 2"), "the id used twice in the cases folder is listed");
        assert!(whole.contains("DuplicateId"), "and each of its files has the problem");
        assert!(whole.matches("in_cases: 1").count() >= 2, "the archived copies are listed");
        assert!(whole.contains("Episode {"), "the population raises episodes");
    }
}
