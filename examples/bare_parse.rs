//! The yardstick the parsed-case cache is measured against: every `*.yaml` file in a folder read
//! and parsed by serde_yaml into a plain YAML value, one after another, and nothing else (no
//! checks, no rules, no output). `benches/whole-program.sh` times it beside `cordwatch list`.
//! Usage: cargo run --release --example bare_parse -- DIR

fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: bare_parse DIR (a folder of case files)");
        return std::process::ExitCode::from(2);
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("bare_parse: cannot list {}: {e}", std::path::Path::new(&dir).display());
            return std::process::ExitCode::from(2);
        }
    };
    let (mut parsed, mut failed) = (0usize, 0usize);
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        match std::fs::read(&path).map(|bytes| serde_yaml::from_slice::<serde_yaml::Value>(&bytes)) {
            Ok(Ok(_)) => parsed += 1,
            _ => failed += 1,
        }
    }
    println!("{parsed} parsed, {failed} not");
    std::process::ExitCode::SUCCESS
}
