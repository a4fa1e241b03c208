//! The child-writer harness of the crash and concurrency tests: a test binary runs itself again
//! as a writer process that records exams through the store and prints "ACK <case> <note>" after
//! each write that returned success, so the parent can kill it at any moment and check that every
//! acknowledged write is on disk.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use cordwatch::model::event::Event;
use cordwatch::model::*;
use cordwatch::store::{Store, StoreOptions};

/// Long enough that contention never times out; a deadlock still ends as a failed writer.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(120);

pub fn store(dir: &Path) -> Store {
    Store::init(dir, StoreOptions { lock_timeout: LOCK_TIMEOUT, ..Default::default() }, None).expect("open store")
}

/// An exam `minute` minutes after 2026-01-01 00:00 carrying `note`, by which a write is found.
pub fn exam(minute: i64, note: &str) -> Event {
    let mut e = Exam::blank(Stamp::parse("2026-01-01 00:00").expect("stamp").add_minutes(minute));
    e.motor = Some(Motor::Normal);
    e.note = Some(Text::new(note));
    Event::Exam(e)
}

/// The notes of every exam on a case, in file order.
pub fn notes(s: &Store, case: &CaseId) -> Vec<String> {
    let entry = s.load(case).expect("load");
    let c = entry.case.unwrap_or_else(|| panic!("{case} unreadable: {:?}", entry.problems));
    c.exams.iter().filter_map(|e| e.note.as_ref().map(|n| n.raw().to_string())).collect()
}

/// When this process was started by [`spawn`], be the writer and never return: write `count`
/// exams (or for ever) to the cases named, picked in turn.
pub fn child_mode() {
    let (Ok(dir), Ok(tag), Ok(cases)) =
        (std::env::var("CW_WRITER_DIR"), std::env::var("CW_WRITER_TAG"), std::env::var("CW_WRITER_CASES"))
    else {
        return;
    };
    let cases: Vec<CaseId> = cases.split(',').map(|c| c.parse().expect("case id")).collect();
    let count: usize = std::env::var("CW_WRITER_COUNT").ok().and_then(|c| c.parse().ok()).unwrap_or(usize::MAX);
    let s = store(Path::new(&dir));
    let salt: usize = tag.bytes().map(usize::from).sum();
    for i in 0..count {
        let case = &cases[(i * 7 + salt) % cases.len()];
        let note = format!("{tag}-{i}");
        match s.record(case, &exam((salt * 100_000 + i) as i64, &note)) {
            Ok(_) => println!("ACK {case} {note}"),
            Err(e) => {
                eprintln!("write failed: {e}");
                std::process::exit(3);
            }
        }
    }
    std::process::exit(0);
}

/// Starts this test binary again as a writer: it runs only `test`, which must call
/// [`child_mode`] first.
pub fn spawn(test: &str, dir: &Path, tag: &str, cases: &[CaseId], count: Option<usize>) -> Child {
    let names: Vec<String> = cases.iter().map(ToString::to_string).collect();
    let mut cmd = Command::new(std::env::current_exe().expect("test binary"));
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("CW_WRITER_DIR", dir)
        .env("CW_WRITER_TAG", tag)
        .env("CW_WRITER_CASES", names.join(","))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(n) = count {
        cmd.env("CW_WRITER_COUNT", n.to_string());
    }
    cmd.spawn().expect("spawn writer")
}

/// Collects the (case, note) of every acknowledged write from a writer's output until it ends.
/// (The test harness may print on the same line first, so the marker is looked for anywhere.)
pub fn acknowledged(child: &mut Child) -> JoinHandle<Vec<(String, String)>> {
    let out = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| {
                let mut parts = l[l.find("ACK ")? + 4..].splitn(2, ' ');
                Some((parts.next()?.to_string(), parts.next()?.to_string()))
            })
            .collect()
    })
}

/// A small xorshift generator: the kill moments vary but every run is the same.
pub struct Moments(pub u64);

impl Moments {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
