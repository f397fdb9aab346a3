//! The command-line grammar. Values stay raw strings here: friendly ids are
//! resolved against the catalogue by each command, with translated errors.

use clap::{Args, Parser, Subcommand, ValueEnum};
use procura_domain::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "procura",
    version,
    about = "Cybersecurity in every purchase a hospital makes (ENISA procurement guidelines)",
    max_term_width = 100
)]
pub struct Cli {
    /// Language of the output: fr or en [default: $PROCURA_LANG, then $LANG, then fr]
    #[arg(long, global = true, env = "PROCURA_LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the good practices that apply to a purchase, and why
    Practices(PracticesArgs),
    /// Show one good practice in full
    Practice(PracticeArgs),
    /// List the procurement lifecycle phases
    Phases(TaxonomyArgs),
    /// List the procurement types
    Types(TaxonomyArgs),
    /// List the threat groups and their example threats
    Threats(TaxonomyArgs),
    /// Work with the whole catalogue
    Catalog(CatalogArgs),
}

#[derive(Debug, Args)]
pub struct PracticesArgs {
    /// Phase id or name; repeat for several (any of them matches)
    #[arg(long = "phase", value_name = "ID")]
    pub phases: Vec<String>,
    /// Procurement type id, name or unambiguous prefix (e.g. medical, cloud); repeatable
    #[arg(long = "type", value_name = "ID")]
    pub types: Vec<String>,
    /// Threat group id or name; repeatable
    #[arg(long = "threat", value_name = "ID")]
    pub threats: Vec<String>,
    /// Words to find in titles and statements, in French or English, accents optional
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct PracticeArgs {
    /// Practice number or id: 7, BP-07
    #[arg(value_name = "N|BP-NN")]
    pub practice: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = PracticeFormat::Table)]
    pub format: PracticeFormat,
}

#[derive(Debug, Args)]
pub struct TaxonomyArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = TaxonomyFormat::Table)]
    pub format: TaxonomyFormat,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    #[command(subcommand)]
    pub command: CatalogCommand,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Write the whole catalogue (edition, taxonomies, practices) to standard output
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A readable terminal table
    Table,
    Json,
    Markdown,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PracticeFormat {
    /// A readable terminal layout
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TaxonomyFormat {
    /// A readable terminal table
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

fn parse_lang(input: &str) -> Result<Lang, String> {
    Lang::parse(input).map_err(|error| error.to_string())
}
