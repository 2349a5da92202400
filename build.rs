fn main() {
    pyo3_build_config::use_pyo3_cfgs();
    // Set by scripts/asan/run.sh for the AddressSanitizer build.
    println!("cargo::rustc-check-cfg=cfg(asyncitertools_asan)");
}
