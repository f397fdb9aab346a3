//! Rebuild when a translation file changes: the Fluent files are embedded.
fn main() {
    println!("cargo:rerun-if-changed=../../data/i18n");
    println!("cargo:rerun-if-changed=../../data/i18n/fr");
    println!("cargo:rerun-if-changed=../../data/i18n/en");
}
