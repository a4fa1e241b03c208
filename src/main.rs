//! The `cordwatch` program: see the library's `cli` module.

fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, so `cordwatch triage | head` would panic on the closed pipe. Restore
    // the default, as every Unix filter has it: the process ends quietly when its reader goes.
    // SIGXFSZ (a file-size limit reached) would kill the process in the middle of a write; ignored,
    // the write fails with an error the user is shown, and the old file stays as it was.
    // SAFETY: setting signal dispositions at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    cordwatch::cli::main()
}

/// Reading a regional ward allocates millions of short strings across both cores: mimalloc
/// handles that in about a quarter less CPU than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
