//! Shared by the benchmarks: a synthetic ward of N cases written to a temporary data directory
//! once per size, and a dashboard opened on it with a fixed clock.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use cordwatch::context::{Context, Launch};
use cordwatch::model::Stamp;
use cordwatch::settings::keymap::Keymap;
use cordwatch::settings::theme::Theme;
use cordwatch::tui::app::App;

/// The benchmarks allocate as the program does (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub const NOW: &str = "2026-11-23 09:00";

/// The data directory holding `n` generated cases (seed 1), made on first use and kept.
pub fn ward_dir(n: usize) -> PathBuf {
    static DIRS: OnceLock<Mutex<BTreeMap<usize, tempfile::TempDir>>> = OnceLock::new();
    let mut dirs = DIRS.get_or_init(|| Mutex::new(BTreeMap::new())).lock().expect("lock");
    dirs.entry(n)
        .or_insert_with(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let cases = dir.path().join("cases");
            std::fs::create_dir_all(&cases).expect("cases");
            let now = Stamp::parse(NOW).expect("stamp");
            // Written directly, without the store's fsyncs: these are throwaway benchmark files.
            for (name, text) in cordwatch::demo::population(n, 1, now) {
                std::fs::write(cases.join(name), text).expect("write");
            }
            dir
        })
        .path()
        .to_path_buf()
}

pub fn config() -> PathBuf {
    static CONFIG: OnceLock<tempfile::NamedTempFile> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let f = tempfile::NamedTempFile::new().expect("config");
            std::fs::write(f.path(), "# defaults\n").expect("write");
            f
        })
        .path()
        .to_path_buf()
}

pub fn context(n: usize) -> Context {
    let launch = Launch { data: Some(ward_dir(n)), now: Some(NOW.into()), config: Some(config()), ..Launch::default() };
    Context::open(&launch).unwrap_or_else(|e| panic!("{e}"))
}

pub fn app(n: usize) -> App {
    App::new(context(n), Keymap::defaults(), Theme::new(&BTreeMap::new(), false).expect("theme")).expect("app")
}
