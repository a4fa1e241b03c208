//! The real binary in a pseudo-terminal at 80×24, as a person over SSH would use it: it opens on
//! the demo ward, moves, shows help, quits — and leaves the terminal as it found it, also when it
//! is sent SIGTERM or loses its terminal (SIGHUP).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<usize>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    /// The config file the program reads; it lives as long as the session.
    _config: tempfile::NamedTempFile,
}

impl Session {
    fn start() -> Session {
        Session::start_with(&["--demo"])
    }

    fn start_with(args: &[&str]) -> Session {
        Session::start_env(args, &[])
    }

    fn start_env(args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::launch(&[], args, env)
    }

    /// Starts cordwatch, run through `wrapper` when it is not empty (`setpriv ...` to run it as
    /// another user).
    fn launch(wrapper: &[&str], args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let config = tempfile::NamedTempFile::new().expect("config");
        std::fs::write(config.path(), "# defaults\n").expect("write config");
        // Readable by everyone: the program may run as another user.
        std::fs::set_permissions(config.path(), std::os::unix::fs::PermissionsExt::from_mode(0o644)).expect("chmod");
        let bin = env!("CARGO_BIN_EXE_cordwatch");
        let mut cmd = match wrapper.split_first() {
            Some((program, rest)) => {
                let mut c = CommandBuilder::new(program);
                c.args(rest);
                c.arg(bin);
                c
            }
            None => CommandBuilder::new(bin),
        };
        cmd.args(args);
        cmd.args(["--now", "2026-11-23 09:00", "--config"]);
        cmd.arg(config.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn cordwatch");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let rows = NonZeroU16::new(24).expect("rows");
        let cols = NonZeroU16::new(80).expect("cols");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let bytes = Arc::new(Mutex::new(0usize));
        let (s, b) = (Arc::clone(&screen), Arc::clone(&bytes));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = s.lock() {
                    p.process(&buf[..n]);
                }
                if let Ok(mut count) = b.lock() {
                    *count += n;
                }
            }
        });
        Session { child, writer, screen, bytes, _master: pair.master, _config: config }
    }

    fn contents(&self) -> String {
        self.screen.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    fn wait_for(&self, text: &str) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("`{text}` never appeared; the screen was:\n{}", self.contents());
    }

    fn wait_until_gone(&self, text: &str) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if !self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("`{text}` never went away; the screen was:\n{}", self.contents());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = std::process::Command::new("kill").args([name, &pid.to_string()]).status().expect("kill");
        assert!(status.success());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader take in the last bytes the program wrote.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("cordwatch did not exit; the screen was:\n{}", self.contents());
    }

    /// The colours on screen: (any colour at all, any beyond the 16 named ones).
    fn colours(&self) -> (bool, bool) {
        let Ok(p) = self.screen.lock() else { return (false, false) };
        let (rows, cols) = p.screen().size();
        let mut seen = (false, false);
        for r in 0..rows.get() {
            for c in 0..cols.get() {
                if let Some(cell) = p.screen().cell(r, c) {
                    for colour in [cell.fgcolor(), cell.bgcolor()] {
                        match colour {
                            vt100::Color::Default => {}
                            vt100::Color::Idx(n) => seen = (true, seen.1 || n >= 16),
                            vt100::Color::Rgb(..) => seen = (true, true),
                        }
                    }
                }
            }
        }
        seen
    }

    fn restored(&self) -> bool {
        self.screen.lock().map(|p| !p.screen().alternate_screen() && !p.screen().hide_cursor()).unwrap_or(false)
    }
}

impl Drop for Session {
    /// A failed test must not leave the program running.
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn open_move_help_and_quit_leaves_the_terminal_restored() {
    let mut s = Session::start();
    s.wait_for("Patients");
    s.wait_for("UNREADABLE");
    assert!(s.screen.lock().is_ok_and(|p| p.screen().alternate_screen()), "the dashboard uses the alternate screen");
    s.send("j");
    s.wait_for("Nora Jensen");
    s.send("?");
    s.wait_for("Help");
    s.send("x");
    std::thread::sleep(Duration::from_millis(100));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(s.restored(), "back on the main screen with the cursor shown");
}

#[test]
fn one_cursor_move_sends_only_what_changed() {
    let mut s = Session::start();
    s.wait_for("Nora Jensen");
    s.wait_until_gone("LOADING");
    std::thread::sleep(Duration::from_millis(300));
    let before = s.bytes.lock().map(|b| *b).unwrap_or(0);
    s.send("j");
    std::thread::sleep(Duration::from_millis(400));
    let after = s.bytes.lock().map(|b| *b).unwrap_or(0);
    s.send("q");
    s.wait_exit();
    let moved = after - before;
    assert!(moved > 0, "the move was drawn");
    eprintln!("one cursor move at 80x24: {moved} bytes");
    assert!(moved < 300, "a cursor move redraws two rows, not the screen: {moved} bytes");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("Nora Jensen");
    s.send("j");
    std::thread::sleep(Duration::from_millis(100));
    s.send("x");
    s.wait_for("Record an exam");
    s.send("w");
    s.signal("-TERM");
    s.wait_exit();
    assert!(s.restored(), "restored after SIGTERM:\n{}", s.contents());
}

#[test]
fn colours_follow_the_terminal_and_the_locale_picks_ascii() {
    for (term, extra, expected) in [
        ("xterm-256color", None, (true, true)),
        ("screen", None, (true, false)),
        ("dumb", None, (false, false)),
        ("xterm-256color", Some(("NO_COLOR", "1")), (false, false)),
    ] {
        let mut env = vec![("TERM", term), ("LANG", "C"), ("LC_ALL", ""), ("LC_CTYPE", "")];
        env.extend(extra);
        let mut s = Session::start_env(&["--demo"], &env);
        s.wait_for("Nora Jensen");
        assert_eq!(s.colours(), expected, "TERM={term} {extra:?}");
        let screen = s.contents();
        assert!(screen.is_ascii(), "LANG=C draws ASCII:\n{screen}");
        s.send("q");
        s.wait_exit();
    }
}

/// The demo ward's temporary directories left in `tmp`.
fn demo_dirs(tmp: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(tmp)
        .expect("tmp")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("cordwatch-demo-"))
        .collect()
}

#[test]
fn the_demo_ward_is_removed_on_every_exit() {
    for how in ["q", "-HUP", "-TERM", "-INT"] {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut s = Session::start_env(&["--demo"], &[("TMPDIR", tmp.path().to_str().expect("path"))]);
        s.wait_for("Nora Jensen");
        assert_eq!(demo_dirs(tmp.path()).len(), 1, "the demo ward is in TMPDIR");
        match how {
            "q" => s.send("q"),
            signal => s.signal(signal),
        }
        s.wait_exit();
        assert!(demo_dirs(tmp.path()).is_empty(), "left behind after {how}: {:?}", demo_dirs(tmp.path()));
    }
}

#[test]
fn a_dropped_connection_ends_the_program_without_writing_the_half_filled_form() {
    let data = tempfile::tempdir().expect("data");
    std::fs::create_dir(data.path().join("cases")).expect("cases");
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_cordwatch"))
        .arg("--data")
        .arg(data.path())
        .args(["new", "--id", "H1", "--name", "Hannah Hup"])
        .env("CORDWATCH_CONFIG", "/dev/null")
        .output()
        .expect("create a case");
    assert!(created.status.success());
    let file = data.path().join("cases/H1.yaml");
    let before = std::fs::read_to_string(&file).expect("case file");
    let mut s = Session::start_with(&["--data", data.path().to_str().expect("path")]);
    s.wait_for("Hannah Hup");
    s.send("x");
    s.wait_for("Record an exam");
    s.send("p");
    s.wait_for("PARALYSIS");
    s.signal("-HUP");
    s.wait_exit();
    assert_eq!(std::fs::read_to_string(&file).expect("case file"), before, "nothing half-filled was written");
}

/// A data directory with one case, for the tests that write.
fn one_case(id: &str, name: &str) -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("data");
    std::fs::create_dir(data.path().join("cases")).expect("cases");
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_cordwatch"))
        .arg("--data")
        .arg(data.path())
        .args(["new", "--id", id, "--name", name])
        .env("CORDWATCH_CONFIG", "/dev/null")
        .output()
        .expect("create a case");
    assert!(created.status.success());
    data
}

#[test]
fn editing_in_the_editor_saves_a_valid_file() {
    let data = one_case("E1", "Edith Editor");
    let editor = "sed -i s/Edith/Edyth/";
    let mut s =
        Session::start_env(&["--data", data.path().to_str().expect("path")], &[("EDITOR", editor), ("VISUAL", "")]);
    s.wait_for("Edith Editor");
    s.send("e");
    s.wait_for("Edyth Editor");
    s.wait_for("saved cases/E1.yaml");
    s.send("q");
    assert!(s.wait_exit().success());
    assert!(s.restored());
    let text = std::fs::read_to_string(data.path().join("cases/E1.yaml")).expect("case");
    assert!(text.contains("Edyth"), "{text}");
}

#[test]
fn an_invalid_edit_reopens_the_editor_with_the_error_and_giving_up_keeps_the_edit() {
    let data = one_case("E2", "Ivan Invalid");
    let file = data.path().join("cases/E2.yaml");
    let before = std::fs::read_to_string(&file).expect("case");
    let script = data.path().join("editor.sh");
    let seen = data.path().join("seen.txt");
    // First run: break a key. Second run: record what was shown, change nothing (give up).
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nif [ ! -f {seen} ]; then sed -i s/^name:/nmae:/ \"$1\"; touch {seen}; else cp \"$1\" {seen}; fi\n",
            seen = seen.display()
        ),
    )
    .expect("script");
    std::process::Command::new("chmod").args(["+x", script.to_str().expect("path")]).status().expect("chmod");
    let mut s = Session::start_env(
        &["--data", data.path().to_str().expect("path")],
        &[("EDITOR", script.to_str().expect("path")), ("VISUAL", "")],
    );
    s.wait_for("Ivan Invalid");
    s.send("e");
    s.wait_for("not saved");
    // The message is long: it waits in a window, which q closes; the next q quits.
    s.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    s.send("q");
    s.wait_exit();
    let shown = std::fs::read_to_string(&seen).expect("second editor run");
    let (edit, notes) = shown.split_once("# cordwatch: ").expect("the error is shown");
    assert!(edit.contains("nmae: Ivan Invalid"), "the edit itself comes back, first, as it was:\n{shown}");
    assert!(notes.contains("unknown field `nmae`"), "the error is at the bottom:\n{shown}");
    // The line number in the error still names the line with the mistake.
    let line: usize = notes
        .split("E2.yaml:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the error names a line:\n{shown}"));
    assert!(shown.lines().nth(line - 1).is_some_and(|l| l.starts_with("nmae:")), "line {line}:\n{shown}");
    assert_eq!(std::fs::read_to_string(&file).expect("case"), before, "the case file is unchanged");
    let kept: Vec<_> = std::fs::read_dir(data.path().join("conflicts")).expect("conflicts").collect();
    assert_eq!(kept.len(), 1, "the edit is kept, not lost");
}

#[test]
fn a_failed_edit_given_up_says_its_error_and_the_edit_key_reopens_the_same_text() {
    let data = one_case("E4", "Rita Retry");
    let file = data.path().join("cases/E4.yaml");
    let script = data.path().join("editor.sh");
    let runs = data.path().join("runs");
    let seen = data.path().join("seen.txt");
    // Run 1 breaks a key; run 2 gives up (no change); run 3 records what it was offered and fixes it.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho x >> {runs}\nn=$(wc -l < {runs})\n\
             if [ $n -eq 1 ]; then sed -i s/^name:/nmae:/ \"$1\"; fi\n\
             if [ $n -eq 3 ]; then cp \"$1\" {seen}; sed -i -e s/^nmae:/name:/ -e s/Rita/Rite/ \"$1\"; fi\n",
            runs = runs.display(),
            seen = seen.display()
        ),
    )
    .expect("script");
    std::process::Command::new("chmod").args(["+x", script.to_str().expect("path")]).status().expect("chmod");
    let mut s = Session::start_env(
        &["--data", data.path().to_str().expect("path")],
        &[("EDITOR", script.to_str().expect("path")), ("VISUAL", "")],
    );
    s.wait_for("Rita Retry");
    s.send("e");
    s.wait_for("reopen");
    let screen = s.contents();
    assert!(screen.contains("unknown field"), "the error is said:\n{screen}");
    s.send("\x1b"); // close the message
    std::thread::sleep(Duration::from_millis(200));
    s.send("e");
    s.wait_for("saved cases/E4.yaml");
    s.send("q");
    s.wait_exit();
    let offered = std::fs::read_to_string(&seen).expect("third editor run");
    assert!(offered.contains("nmae: Rita Retry"), "the same text came back:\n{offered}");
    assert!(offered.contains("# cordwatch: "), "with its error:\n{offered}");
    let text = std::fs::read_to_string(&file).expect("case");
    assert!(text.contains("name: Rite Retry") && !text.contains("# cordwatch"), "{text}");
}

#[test]
fn an_edit_of_a_case_discharged_meanwhile_is_kept_in_conflicts_and_said() {
    let data = one_case("E3", "Dora Discharged");
    let script = data.path().join("editor.sh");
    // While the file is open in the editor, a colleague discharges the patient.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nCORDWATCH_CONFIG=/dev/null {bin} --data {data} discharge E3 >/dev/null 2>&1\n\
             sed -i s/Dora/Doris/ \"$1\"\n",
            bin = env!("CARGO_BIN_EXE_cordwatch"),
            data = data.path().display()
        ),
    )
    .expect("script");
    std::process::Command::new("chmod").args(["+x", script.to_str().expect("path")]).status().expect("chmod");
    let mut s = Session::start_env(
        &["--data", data.path().to_str().expect("path")],
        &[("EDITOR", script.to_str().expect("path")), ("VISUAL", "")],
    );
    s.wait_for("Dora Discharg"); // the name column may cut the rest at 80 columns
    s.send("e");
    s.wait_for("discharged or removed while");
    // The message is long: it waits in a window, which q closes; the next q quits.
    s.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    s.send("q");
    s.wait_exit();
    assert!(!data.path().join("cases/E3.yaml").exists(), "the discharge stands");
    let kept: Vec<_> = std::fs::read_dir(data.path().join("conflicts")).expect("conflicts").flatten().collect();
    assert_eq!(kept.len(), 1, "the edit is kept, not lost");
    let text = std::fs::read_to_string(kept[0].path()).expect("kept");
    assert!(text.contains("Doris Discharged"), "{text}");
}

/// A pseudo-terminal whose only master descriptor belongs to the test, so closing it hangs the
/// terminal up for real (as sshd does when a connection drops). The program runs under a shell,
/// as from a login: after the hang-up its terminal reads return end-of-file for ever, which once
/// left it spinning.
#[test]
fn the_program_ends_when_its_terminal_goes_away() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two new descriptors into the integers we pass; nothing else is shared.
    let opened = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(opened, 0, "openpty");
    // SAFETY: both descriptors were just created by openpty and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    // SAFETY: the master is a valid descriptor: make it non-blocking so the test can drain it, and
    // close-on-exec so the program does not inherit it (it would keep its own terminal alive).
    unsafe {
        let fd = std::os::fd::AsRawFd::as_raw_fd(&master);
        libc::fcntl(fd, libc::F_SETFL, libc::O_NONBLOCK);
        libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
    }
    let config = tempfile::NamedTempFile::new().expect("config");
    let tmp = tempfile::tempdir().expect("tmp");
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "'{}' --demo --now '2026-11-23 09:00' --config '{}'; :",
            env!("CARGO_BIN_EXE_cordwatch"),
            config.path().display()
        ))
        .env("TERM", "xterm-256color")
        .env("TMPDIR", tmp.path())
        .stdin(slave.try_clone().expect("dup"))
        .stdout(slave.try_clone().expect("dup"))
        .stderr(slave.try_clone().expect("dup"));
    // SAFETY: setsid and TIOCSCTTY only, between fork and exec: make the pty the controlling
    // terminal of a new session, as a login does.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut shell = cmd.spawn().expect("spawn");
    drop(slave);
    drop(cmd);
    let mut file = std::fs::File::from(master);
    let mut seen = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) && !String::from_utf8_lossy(&seen).contains("Jensen") {
        let mut buf = [0u8; 8192];
        match file.read(&mut buf) {
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    assert!(
        String::from_utf8_lossy(&seen).contains("Jensen"),
        "the dashboard drew: {:?}",
        String::from_utf8_lossy(&seen)
    );
    let children = format!("/proc/{}/task/{}/children", shell.id(), shell.id());
    let program: i32 = std::fs::read_to_string(&children)
        .expect("the shell's children")
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .expect("cordwatch runs under the shell");
    drop(file);
    let _ = shell.wait();
    let alive = |pid: i32| std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "));
    let hung_up = Instant::now();
    while hung_up.elapsed() < Duration::from_secs(5) {
        if !alive(program) {
            assert!(demo_dirs(tmp.path()).is_empty(), "the demo ward is removed: {:?}", demo_dirs(tmp.path()));
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: ends the process this test started.
    unsafe { libc::kill(program, libc::SIGKILL) };
    panic!("cordwatch was still running 5 s after its terminal hung up");
}

#[test]
fn a_read_only_data_directory_opens_read_only_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let data = one_case("R1", "Rita Readonly");
    let root_user = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m)).unwrap_or(0) == 0;
    let walk = |dir: &std::path::Path, dirs: u32, files: u32| {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(dirs)).expect("chmod");
            for e in std::fs::read_dir(&d).expect("ls").flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(files)).expect("chmod");
                }
            }
        }
    };
    // Readable by everyone, writable by no one but root; root runs the program as nobody.
    walk(data.path(), 0o555, 0o444);
    let path = data.path().to_str().expect("path").to_string();
    let wrapper: &[&str] =
        if root_user { &["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] } else { &[] };
    let mut s = Session::launch(wrapper, &["--data", &path], &[]);
    s.wait_for("Rita Readonly");
    s.wait_for("READ-ONLY");
    s.send("x");
    s.wait_for("nothing can be recorded");
    s.send("q");
    s.wait_exit();
    walk(data.path(), 0o755, 0o644);
}
