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
    /// Run the web application and API server
    Serve(ServeArgs),
    /// Apply database migrations and exit
    Migrate(DatabaseArgs),
    /// Manage accounts from the server's command line
    User(UserArgs),
    /// Check the audit log
    Audit(AuditArgs),
    /// Work with procurement projects on the configured database
    Project(ProjectArgs),
    /// Produce the tender security annex and the bidders' questionnaire
    Tender(TenderArgs),
    /// Work with a project's risk register
    Risk(RiskArgs),
    /// Import suppliers' answers and score a project's bids
    Bid(BidArgs),
    /// Find the tender requirements that cover a text, article or clause
    Requirements(RequirementsArgs),
}

#[derive(Debug, Args)]
pub struct RequirementsArgs {
    /// A text, part or point: nis2, cra:I.1, nis2:21.2.d
    #[arg(long = "ref", value_name = "SCHEME[:POINT]")]
    pub reference: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = CrosswalkFormat::Table)]
    pub format: CrosswalkFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrosswalkFormat {
    /// A readable terminal table
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct BidArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Act as this member (their role and projects apply)
    #[arg(long = "as", value_name = "EMAIL", global = true, env = "PROCURA_AS")]
    pub actor: Option<String>,
    /// Organisation name [default: the member's first]
    #[arg(long, value_name = "NAME", global = true)]
    pub org: Option<String>,
    /// The project's reference
    #[arg(long, value_name = "REF", global = true)]
    pub project: Option<String>,
    #[command(subcommand)]
    pub command: BidCommand,
}

#[derive(Debug, Subcommand)]
pub enum BidCommand {
    /// Import a supplier's filled questionnaire (XLSX) into its bid
    Import {
        /// The supplier's name in the register (added when new)
        #[arg(long, value_name = "NAME")]
        supplier: String,
        /// The offer's name, for a new bid
        #[arg(long, default_value = "")]
        offer: String,
        /// The filled questionnaire
        #[arg(value_name = "FILE.xlsx")]
        file: std::path::PathBuf,
    },
    /// Grade an award criterion of a supplier's bid on the published scale
    Grade {
        /// The supplier's name
        #[arg(long, value_name = "NAME")]
        supplier: String,
        /// The award criterion's code, such as REQ-PAT-02
        #[arg(long, value_name = "CODE")]
        requirement: String,
        /// The grade on the published scale (0 to 4)
        #[arg(long, value_name = "N")]
        grade: u32,
        /// Why: what in the offer earns the grade (required)
        #[arg(long, value_name = "TEXT")]
        justification: String,
    },
    /// The bids' eligibility, security score and rank
    Score {
        /// table or json
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// The evaluation report (security part of the analysis of the bids)
    Report {
        /// docx, pdf or xlsx [default: from the output file's extension, else docx]
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct RiskArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Act as this member (their role and projects apply)
    #[arg(long = "as", value_name = "EMAIL", global = true, env = "PROCURA_AS")]
    pub actor: Option<String>,
    /// Organisation name [default: the member's first]
    #[arg(long, value_name = "NAME", global = true)]
    pub org: Option<String>,
    /// The project's reference
    #[arg(long, value_name = "REF", global = true)]
    pub project: Option<String>,
    #[command(subcommand)]
    pub command: RiskCommand,
}

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// The register: open and proposed risks with their levels
    List {
        /// table or json
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Add an open risk
    Add {
        /// Threat group id, name or prefix
        #[arg(long, value_name = "ID")]
        threat: String,
        /// Example threat id of the catalogue
        #[arg(long, value_name = "ID", default_value = "")]
        example: String,
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long, default_value = "")]
        asset: String,
        /// 1 to 4
        #[arg(long)]
        likelihood: String,
        /// 1 to 4
        #[arg(long)]
        severity: String,
        /// reduce, accept, transfer or avoid
        #[arg(long, default_value = "")]
        treatment: String,
        /// The owner's e-mail address
        #[arg(long, default_value = "")]
        owner: String,
        /// YYYY-MM-DD
        #[arg(long, default_value = "")]
        due: String,
    },
    /// Record a review of the register in the current phase
    Review {
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Args)]
pub struct TenderArgs {
    #[command(subcommand)]
    pub command: TenderCommand,
}

/// Where the requirements come from: a project's saved selection, or a
/// quick draft from procurement types alone.
#[derive(Debug, Args)]
pub struct TenderSource {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The project's reference (its selection is used; needs --as)
    #[arg(long, value_name = "REF", conflicts_with = "types")]
    pub project: Option<String>,
    /// Act as this member (their role and projects apply)
    #[arg(long = "as", value_name = "EMAIL", env = "PROCURA_AS")]
    pub actor: Option<String>,
    /// Organisation name [default: the member's first]
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Without a project: a procurement type id, name or prefix; repeatable
    #[arg(long = "type", value_name = "ID", required_unless_present = "project")]
    pub types: Vec<String>,
    /// Without a project: the buying organisation's name on the draft
    #[arg(long, value_name = "NAME", default_value = "")]
    pub buyer: String,
    /// Write to this file [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TenderCommand {
    /// The tender security annex
    Annex {
        #[command(flatten)]
        source: TenderSource,
        /// docx, pdf, md or html [default: from the output file's extension, else docx]
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
    },
    /// The bidders' questionnaire (XLSX)
    Questionnaire {
        #[command(flatten)]
        source: TenderSource,
    },
}

#[derive(Debug, Args)]
pub struct ProjectArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Act as this member (their role and projects apply)
    #[arg(long = "as", value_name = "EMAIL", global = true)]
    pub actor: Option<String>,
    /// Organisation name [default: the member's first]
    #[arg(long, value_name = "NAME", global = true)]
    pub org: Option<String>,
    #[command(subcommand)]
    pub command: ProjectCommand,
}

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Start a project; its checklist comes from the catalogue
    New {
        #[arg(long)]
        reference: String,
        #[arg(long)]
        title: String,
        /// Procurement type id, name or prefix; repeatable
        #[arg(long = "type", value_name = "ID", required = true)]
        types: Vec<String>,
        #[arg(long, default_value = "")]
        description: String,
        /// CPV code such as 33100000-1; repeatable
        #[arg(long = "cpv", value_name = "CODE")]
        cpv_codes: Vec<String>,
        /// A stakeholder as EMAIL=ROLE (buyer, ciso, cio, cto, it, clinical-referent, viewer); repeatable
        #[arg(long = "stakeholder", value_name = "EMAIL=ROLE")]
        stakeholders: Vec<String>,
    },
    /// List the projects with their progress
    List,
    /// Show a project and its checklist
    Show {
        #[arg(value_name = "REFERENCE")]
        reference: String,
    },
    /// Move a project to its next phase (refused while the gate is not met)
    Advance {
        #[arg(value_name = "REFERENCE")]
        reference: String,
        /// Force the transition (administrators), with this reason
        #[arg(long, value_name = "TEXT")]
        force_reason: Option<String>,
    },
    /// Export a project: the whole project (json, zip) or its checklist (xlsx, csv, markdown)
    Export {
        #[arg(value_name = "REFERENCE")]
        reference: String,
        #[arg(long, value_enum, default_value_t = ProjectExportFormat::Json)]
        format: ProjectExportFormat,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Import a project export (JSON or zip) as a new project
    Import {
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProjectExportFormat {
    /// The whole project, for backup or transfer
    Json,
    /// The whole project with its evidence files
    Zip,
    /// The checklist as a spreadsheet
    Xlsx,
    /// The checklist as CSV
    Csv,
    /// The checklist as Markdown
    Markdown,
}

/// Where the configuration and the database are.
#[derive(Debug, Args, Clone, Default)]
pub struct DatabaseArgs {
    /// Configuration file [default: ./procura.toml when it exists]
    #[arg(long, value_name = "FILE", env = "PROCURA_CONFIG")]
    pub config: Option<std::path::PathBuf>,
    /// Database URL: postgres://… or a SQLite path [default: $PROCURA_DATA_DIR/procura.db]
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// The address people use, e.g. https://procura.chu.example [default: http://LISTEN]
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Log format: human or json
    #[arg(long, value_name = "FORMAT")]
    pub log_format: Option<String>,
}

#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user to an organisation (created when it does not exist yet)
    Add {
        #[arg(long)]
        email: String,
        /// Organisation name
        #[arg(long, value_name = "NAME")]
        org: String,
        /// admin, ciso, cio, cto, it, buyer or viewer
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of generating one
        #[arg(long)]
        password_stdin: bool,
        /// Make the user an instance operator, who manages organisations
        #[arg(long)]
        superadmin: bool,
    },
    /// Set a new password and end the user's sessions
    ResetPassword {
        #[arg(long)]
        email: String,
        /// Read the password from standard input instead of generating one
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a new personal API token for a user
    Token {
        #[arg(long)]
        email: String,
        /// What the token is for
        #[arg(long)]
        name: String,
        /// Organisation name [default: the user's first]
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
        /// Days until the token expires, 1 to 365 [default: 90]
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
        expires_in_days: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain and report the first broken link
    Verify,
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
