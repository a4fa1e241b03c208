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
