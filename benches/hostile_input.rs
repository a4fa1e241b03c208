//! How fast hostile input is refused: binary garbage, a 50 MB case file, a YAML alias bomb, and a
//! settings file that is a device. The tests check that each is refused; this measures that it is
//! refused at once. Run with `cargo bench --bench hostile_input`.

use cordwatch::model::Case;
use divan::Bencher;

fn main() {
    divan::main();
}

#[divan::bench]
fn binary_garbage(bencher: Bencher) {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    bencher.bench_local(|| cordwatch::yaml::from_bytes::<Case>(&garbage).is_err());
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn a_fifty_megabyte_case_file(bencher: Bencher) {
    let huge = format!("id: X1\nname: \"{}\"\n", "a".repeat(50 * 1024 * 1024));
    bencher.bench_local(|| cordwatch::yaml::from_bytes::<Case>(huge.as_bytes()).is_err());
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn an_alias_bomb(bencher: Bencher) {
    let mut bomb = String::from("id: X1\nname: x\nplan: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 0..12 {
        let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!("k{i}: &b{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bencher.bench_local(|| cordwatch::yaml::from_bytes::<Case>(bomb.as_bytes()).is_err());
}

#[divan::bench]
fn a_settings_file_that_is_a_device() {
    assert!(cordwatch::settings::Settings::load(Some(std::path::Path::new("/dev/zero"))).is_err());
}
