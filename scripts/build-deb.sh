#!/usr/bin/env bash
# Builds the Debian package: the release binary, then the manual pages and the completion scripts
# it generates (so they always match the binary), then `cargo deb` with the assets listed in
# Cargo.toml's [package.metadata.deb]. Needs cargo-deb (`cargo install cargo-deb`). Usage:
#   scripts/build-deb.sh            -> target/debian/cordwatch_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
bin=target/release/cordwatch
rm -rf target/man target/completions
mkdir -p target/man target/completions
CORDWATCH_SYSTEM_CONFIG=/dev/null "$bin" man --out target/man >/dev/null
gzip -9n target/man/*.1
for shell in bash zsh fish; do
  "$bin" completions "$shell" >"target/completions/cordwatch.$shell"
done
cargo deb --no-build --locked "$@"
