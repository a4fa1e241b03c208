//! The dashboard at regional scale (10,000 and 100,000 cases): what one keystroke, one changed
//! file and one tick of the clock cost once every case is in.
//! Run with `cargo bench --bench dashboard`; figures and the machine are in docs/performance.md.

mod fixture;

use cordwatch::tui::views;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [usize; 2] = [10_000, 100_000];

fn main() {
    divan::main();
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A letter typed into an empty filter, then deleted: each letter a different one, so every
/// letter is searched for in every row (nothing is narrowed from a search before it).
#[divan::bench(args = SIZES, sample_count = 50)]
fn filter_first_letter_or_backspace(bencher: Bencher, n: usize) {
    let mut app = fixture::app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.handle_key(key(KeyCode::Char('/')));
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
    let mut step = 0usize;
    bencher.bench_local(|| {
        let code = if step.is_multiple_of(2) {
            KeyCode::Char(letters[(step / 2) % letters.len()])
        } else {
            KeyCode::Backspace
        };
        step += 1;
        app.handle_key(key(code));
        terminal.draw(|f| views::draw(f, &app)).map(|_| ()).expect("draw")
    });
}

/// A surname typed letter by letter and deleted again, one keystroke per sample: what a
/// clinician looking for a patient does.
#[divan::bench(args = SIZES, sample_count = 50)]
fn filter_typing_a_name(bencher: Bencher, n: usize) {
    let mut app = fixture::app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.handle_key(key(KeyCode::Char('/')));
    let word: Vec<char> = "marsh".chars().collect();
    let keys: Vec<KeyCode> =
        word.iter().map(|&c| KeyCode::Char(c)).chain(std::iter::repeat_n(KeyCode::Backspace, word.len())).collect();
    let mut step = 0usize;
    bencher.bench_local(|| {
        let code = keys[step % keys.len()];
        step += 1;
        app.handle_key(key(code));
        terminal.draw(|f| views::draw(f, &app)).map(|_| ()).expect("draw")
    });
}

/// Another program rewrites one case file (another patient's story under the same id, then the
/// first again): the notification taken in, the file read, assessed and merged into the list, the
/// header's counts and the cursors put right. The write itself is inside the measure.
#[divan::bench(args = SIZES, sample_count = 30)]
fn one_file_changed_outside(bencher: Bencher, n: usize) {
    let mut app = fixture::app(n);
    app.watch();
    let cases = fixture::ward_dir(n).join("cases");
    let i = n / 2;
    let path = cases.join(format!("G01{i:07}.yaml"));
    let now = cordwatch::model::Stamp::parse(fixture::NOW).expect("stamp");
    let first = std::fs::read_to_string(&path).expect("read");
    let other = cordwatch::demo::population_part(i..i + 1, 2, now).remove(0).1;
    let texts = [other.replace(&format!("G02{i:07}"), &format!("G01{i:07}")), first];
    let mut step = 0usize;
    bencher.bench_local(|| {
        std::fs::write(&path, &texts[step % 2]).expect("write");
        step += 1;
        assert!(app.take_notices(), "the change is taken in");
    });
    std::fs::write(&path, &texts[1]).expect("put back");
}

/// The clock moves on a minute with nothing due: what the dashboard does every minute while the
/// ward is quiet (the cases whose moment has come are assessed again, the rest move their moment).
#[divan::bench(args = SIZES, sample_count = 30)]
fn a_minute_passes(bencher: Bencher, n: usize) {
    let mut app = fixture::app(n);
    app.ctx.clock_fixed = false;
    let mut now = app.ctx.now;
    bencher.bench_local(|| {
        now = now.add_minutes(1);
        app.tick(now)
    });
}
