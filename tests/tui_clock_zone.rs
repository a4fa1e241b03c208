//! The dashboard's clock in a ward zone with summer time: as the clock crosses the night the
//! clocks go back (a local hour said twice), midnight, and results waiting past two days, every
//! row, the header, the Urgent and Round views are what reading every file at that moment shows.
//! Its own test program: the ward zone is set once for the whole program.

mod common;

use cordwatch::context::{Context, Launch};
use cordwatch::model::Stamp;
use cordwatch::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn open(data: &std::path::Path, config: &std::path::Path, now: &str) -> Context {
    let launch = Launch {
        data: Some(data.to_path_buf()),
        demo: false,
        config: Some(config.to_path_buf()),
        now: Some(now.into()),
        today: None,
        no_cache: false,
    };
    Context::open(&launch).unwrap_or_else(|e| panic!("{e}"))
}

/// The Urgent and Round views' lines by what they are on.
fn views(app: &App) -> Vec<String> {
    let mut out: Vec<String> = app
        .urgent_rows()
        .iter()
        .map(|&(i, fi)| {
            let f = &app.rows[i].flags[fi];
            format!("{} {} {}", app.rows[i].file, f.rule, f.deadline)
        })
        .collect();
    out.extend(app.round().iter().map(|l| format!("{l:?}")));
    out
}

fn run(start: &str, generated_at: &str, steps: &[i64]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "time_zone: Europe/London\n").expect("config");
    // The zone must be in force before any stamp is read.
    let _ = open(&data, &config, start);
    let made = Stamp::parse(generated_at).expect("stamp");
    for (name, text) in cordwatch::demo::population(90, 4, made) {
        std::fs::write(data.join("cases").join(name), text).expect("write");
    }
    let mut app =
        App::new(open(&data, &config, start), cordwatch::settings::keymap::Keymap::defaults(), common::theme(false))
            .expect("app");
    app.ctx.clock_fixed = false;
    let mut t = Stamp::parse(start).expect("stamp");
    for (k, step) in steps.iter().enumerate() {
        t = t.add_minutes(*step);
        app.tick(t);
        let mut fresh = App::new(
            open(&data, &config, start),
            cordwatch::settings::keymap::Keymap::defaults(),
            common::theme(false),
        )
        .expect("app");
        fresh.ctx.clock_fixed = false;
        fresh.tick(t);
        // Fresh rows read at `t` itself, not moved there by the clock.
        let read = app.ctx.ward_at(t).expect("read");
        let shown: Vec<String> = app.rows.iter().map(common::as_shown).collect();
        let expected: Vec<String> = common::as_shown_all(&read);
        assert_eq!(shown.len(), expected.len());
        for (s, e) in shown.iter().zip(&expected) {
            assert_eq!(s, e, "step {k} at {t}");
        }
        let (emergency, urgent, overdue, problems) = cordwatch::ward::counts(&read);
        let s = &app.summary;
        assert_eq!((s.emergency, s.urgent, s.overdue, s.problems), (emergency, urgent, overdue, problems), "step {k}");
        for view in ['4', '3'] {
            common::press(&mut app, KeyCode::Char(view));
        }
        let (a, f) = (views(&app), views(&fresh));
        for (x, y) in a.iter().zip(&f) {
            assert_eq!(x, y, "step {k} at {t}: views");
        }
        assert_eq!(a.len(), f.len(), "step {k} at {t}: views");
        common::press(&mut app, KeyCode::Char('1'));
    }
}

#[test]
fn across_the_night_the_clocks_go_back_each_row_is_what_reading_every_file_then_gives() {
    // 25 Oct 2026: 01:59 BST is followed by 01:00 GMT.
    run("2026-10-24 22:30", "2026-10-24 22:30", &[1, 29, 60, 58, 1, 1, 30, 30, 1, 59, 60, 61, 600, 1, 1439, 2, 2881]);
}

#[test]
fn a_year_after_the_files_were_written_each_row_is_what_reading_every_file_then_gives() {
    run("2027-11-23 09:00", "2026-11-23 09:00", &[1, 1, 59, 61, 900, 1, 1439, 3]);
}

#[test]
fn a_clock_set_back_gives_every_row_as_reading_every_file_at_the_earlier_moment() {
    // A machine's clock corrected backwards (by hand, or by the time service after running
    // fast): what was worked out for the later moment is not kept for the earlier one.
    run("2026-11-23 09:00", "2026-11-23 09:00", &[1, 600, -30, -1, 1, -570, 2000, -1999, 1]);
}
