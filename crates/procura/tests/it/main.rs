//! The `procura` command line, driven through the compiled binary exactly as
//! a user or a script runs it.

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod bid;
mod catalog_export;
mod errors;
mod practice;
mod practices;
mod requirements;
mod server;
mod snapshots;
mod taxonomies;
mod tender;

use std::process::{Command, Output};

/// Runs the binary with a clean language environment, so that the machine's
/// locale never changes what a test sees.
pub fn procura(args: &[&str]) -> Output {
    procura_with_env(args, &[])
}

pub fn procura_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_procura"));
    command
        .args(args)
        .env_remove("LANG")
        .env_remove("PROCURA_LANG")
        .env_remove("LC_ALL");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the procura binary runs")
}

/// Runs the binary in English on `database`, with `stdin` piped in.
pub fn procura_on(database: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_procura"));
    command
        .args(args)
        .args(["--lang", "en"])
        .env_remove("LANG")
        .env_remove("PROCURA_LANG")
        .env("PROCURA_DATABASE", database)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("the procura binary runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("stdin written");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("the procura binary ends")
}

/// Standard output of a run that must succeed.
pub fn stdout(args: &[&str]) -> String {
    let output = procura(args);
    assert!(
        output.status.success(),
        "procura {args:?} failed with {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

pub fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).expect("valid JSON output")
}

/// The practice ids of a `practices --format json` result.
pub fn ids(value: &serde_json::Value) -> Vec<String> {
    value["practices"]
        .as_array()
        .expect("practices array")
        .iter()
        .map(|practice| practice["id"].as_str().expect("id").to_owned())
        .collect()
}

pub fn bp(numbers: &[u8]) -> Vec<String> {
    numbers.iter().map(|n| format!("BP-{n:02}")).collect()
}
