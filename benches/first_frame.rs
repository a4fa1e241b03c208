//! Time from starting `cordwatch` to its first frame, and to the complete list, on 10,000 cases in
//! an 80x24 pseudo-terminal; the bytes one cursor move sends to the terminal; and the dashboard's
//! peak memory. Run with `cargo bench --bench first_frame`; `CORDWATCH_BENCH_CASES=100000` for
//! another size.

mod fixture;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The screen as a terminal shows it, and the bytes that have reached it.
type Screen = Arc<Mutex<(vt100::Parser, usize)>>;

/// The peak resident memory of a process, in MB, from the kernel's count (VmHWM).
fn peak_mb(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<usize>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// (time to the first frame, time until the list is complete, bytes for one cursor move, peak MB).
fn run_once(dir: &std::path::Path) -> (Duration, Duration, usize, usize) {
    let pair =
        native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cordwatch"));
    cmd.arg("--data");
    cmd.arg(dir);
    cmd.args(["--now", fixture::NOW, "--config"]);
    cmd.arg(fixture::config());
    cmd.env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let parser = vt100::Parser::new(NonZeroU16::new(24).expect("rows"), NonZeroU16::new(80).expect("cols"), 0);
    let screen: Screen = Arc::new(Mutex::new((parser, 0)));
    let sink = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut s = sink.lock().expect("lock");
            s.0.process(&buf[..n]);
            s.1 += n;
        }
    });
    let wait = |done: &dyn Fn(&str) -> bool| loop {
        if done(&screen.lock().expect("lock").0.screen().contents()) {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(300), "no frame after 300 s");
        std::thread::sleep(Duration::from_micros(500));
    };
    let first = wait(&|s| s.contains("Patients"));
    let complete = wait(&|s| s.contains("FLAGS") && !s.contains("LOADING"));
    std::thread::sleep(Duration::from_millis(300));
    let before = screen.lock().expect("lock").1;
    writer.write_all(b"j").expect("key");
    writer.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(300));
    let moved = screen.lock().expect("lock").1 - before;
    let peak = child.process_id().map_or(0, peak_mb);
    writer.write_all(b"q").expect("quit");
    let _ = child.wait();
    (first, complete, moved, peak)
}

fn main() {
    let n: usize = std::env::var("CORDWATCH_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = fixture::ward_dir(n);
    run_once(&dir);
    let runs: Vec<(Duration, Duration, usize, usize)> = (0..10).map(|_| run_once(&dir)).collect();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let summary = |mut v: Vec<Duration>| {
        v.sort();
        format!("median {:.0} ms, min {:.0} ms, max {:.0} ms", ms(v[v.len() / 2]), ms(v[0]), ms(v[v.len() - 1]))
    };
    println!("first frame, {n} cases, 80x24, 10 runs: {}", summary(runs.iter().map(|r| r.0).collect()));
    println!("complete list, {n} cases, 80x24, 10 runs: {}", summary(runs.iter().map(|r| r.1).collect()));
    let mut bytes: Vec<usize> = runs.iter().map(|r| r.2).collect();
    bytes.sort();
    println!("bytes written for one cursor move at 80x24, 10 runs: median {}, max {}", bytes[5], bytes[9]);
    let mut peaks: Vec<usize> = runs.iter().map(|r| r.3).collect();
    peaks.sort();
    println!("peak memory (VmHWM), {n} cases, 10 runs: median {} MB, max {} MB", peaks[5], peaks[9]);
}
