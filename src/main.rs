//! The `cordwatch` program: see the library's `cli` module.

fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, so `cordwatch triage | head` would panic on the closed pipe. Restore
    // the default, as every Unix filter has it: the process ends quietly when its reader goes.
    // SAFETY: setting a signal's disposition to SIG_DFL at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cordwatch::cli::main()
}
