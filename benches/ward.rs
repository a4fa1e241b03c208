//! Speed at ward and regional scale (100, 1,000 and 10,000 cases): loading every case file,
//! assessing every case, drawing the Patients view, and a keystroke with its redraw.
//! Run with `cargo bench --bench ward`; figures and the machine are in docs/performance.md.

mod fixture;

use cordwatch::model::Stamp;
use cordwatch::tui::views;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn main() {
    divan::main();
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_every_case_file(bencher: Bencher, n: usize) {
    let ctx = fixture::context(n);
    bencher.bench_local(|| ctx.store.load_all().expect("load"));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn triage_schedules_and_checklist(bencher: Bencher, n: usize) {
    let ctx = fixture::context(n);
    let entries = ctx.store.load_all().expect("load");
    let now = Stamp::parse(fixture::NOW).expect("stamp");
    bencher.with_inputs(|| entries.clone()).bench_local_values(|entries| {
        let rows = cordwatch::ward::assess(entries, &ctx.guidelines, &ctx.engine(), now);
        let items: usize = rows
            .iter()
            .filter_map(|r| Some(cordwatch::engine::checklist::checklist(r.case()?, r.assessment.as_ref()?).len()))
            .sum();
        (rows, items)
    });
}

#[divan::bench(args = SIZES)]
fn render_patients_120x40(bencher: Bencher, n: usize) {
    let app = fixture::app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| terminal.draw(|f| views::draw(f, &app)).map(|_| ()).expect("draw"));
}

#[divan::bench(args = SIZES)]
fn keystroke_move_down_and_redraw(bencher: Bencher, n: usize) {
    let mut app = fixture::app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut down = true;
    bencher.bench_local(|| {
        // Down to the end and back up, so every keystroke moves the cursor.
        if app.patients.selected + 1 >= app.patients.visible.len() {
            down = false;
        } else if app.patients.selected == 0 {
            down = true;
        }
        let key = if down { KeyCode::Char('j') } else { KeyCode::Char('k') };
        app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        terminal.draw(|f| views::draw(f, &app)).map(|_| ()).expect("draw")
    });
}

#[divan::bench(args = SIZES)]
fn keystroke_filter_character_and_redraw(bencher: Bencher, n: usize) {
    let mut app = fixture::app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    let mut typed = false;
    bencher.bench_local(|| {
        // Alternately type a letter and delete it: each is one keystroke that refilters the list.
        let key = if typed { KeyCode::Backspace } else { KeyCode::Char('e') };
        typed = !typed;
        app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        terminal.draw(|f| views::draw(f, &app)).map(|_| ()).expect("draw")
    });
}
