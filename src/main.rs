//! The `canonym` command: resolve names, build and check lexicons.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A damaged index file is reported as an error, without a panic message before it.
    canonym::index::quiet_contained_panics();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("canonym: error: {err}");
            ExitCode::from(2)
        }
    }
}
