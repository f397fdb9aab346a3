//! The `procura` binary: one entry point for every Procura command.

mod cli;
mod commands;
mod failure;
mod lang;
mod runtime;
mod table;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::failure::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = lang::choose(cli.lang);
    let mut stdout = std::io::stdout().lock();
    let result =
        run(cli.command, lang, &mut stdout).and_then(|()| stdout.flush().map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error.
        Err(Failure::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!(
                "procura: {}: {}",
                procura_i18n::text(lang, "error-prefix"),
                failure.message(lang)
            );
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(command: Command, lang: procura_domain::Lang, out: &mut impl Write) -> Result<(), Failure> {
    let catalog = procura_catalog::builtin()?;
    match command {
        Command::Practices(args) => commands::practices::run(catalog, args, lang, out),
        Command::Practice(args) => commands::practice::run(catalog, args, lang, out),
        Command::Requirements(args) => commands::requirements::run(args, lang, out),
        Command::Phases(args) => commands::taxonomies::phases(catalog, args, lang, out),
        Command::Types(args) => commands::taxonomies::types(catalog, args, lang, out),
        Command::Threats(args) => commands::taxonomies::threats(catalog, args, lang, out),
        Command::Catalog(args) => commands::catalog::run(catalog, args, out),
        Command::Serve(args) => commands::serve::run(args),
        Command::Migrate(args) => commands::admin::migrate(args, lang, out),
        Command::User(args) => commands::admin::user(args, lang, out),
        Command::Audit(args) => commands::admin::audit(args, lang, out),
        Command::Project(args) => commands::project::run(catalog, args, lang, out),
        Command::Tender(args) => commands::tender::run(catalog, args, lang, out),
        Command::Risk(args) => commands::risk::run(catalog, args, lang, out),
        Command::Bid(args) => commands::bid::run(catalog, args, lang, out),
    }
}
