//! `maillage`: the server and the command line of the platform.

mod cmd;
mod config;
mod generate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, Overrides};

#[derive(Debug, Parser)]
#[command(
    name = "maillage",
    version,
    about = "maillage — plateforme de concertation intersectorielle"
)]
struct Cli {
    /// Directory holding the SQLite database and the search index.
    #[arg(long, global = true, env = "MAILLAGE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL (sqlite://… or postgres://…); default: the SQLite file in the data dir.
    #[arg(long, global = true, env = "MAILLAGE_DATABASE_URL", value_name = "URL")]
    database_url: Option<String>,
    /// Configuration file (default: ./maillage.toml when it exists).
    #[arg(long, global = true, env = "MAILLAGE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (migrates the database first).
    Serve(ServeArgs),
    /// Apply pending database migrations (idempotent).
    Migrate(JsonFlag),
    /// Load the demo territory (idempotent) and print a demo administrator login.
    Demo(JsonFlag),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Import data (all or nothing).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export data.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Search the directory (French, accents and typos forgiven).
    Search(SearchArgs),
    /// Generate deterministic synthetic data (an HSDS package…) for benchmarks.
    Generate(GenerateArgs),
    /// The network: metrics of an edges file, as networkx defines them.
    #[command(subcommand)]
    Graph(GraphCommand),
    /// Referrals: the purge of personal data after the retention period (Law 25).
    #[command(subcommand)]
    Referrals(ReferralsCommand),
}

#[derive(Debug, Subcommand)]
enum ReferralsCommand {
    /// Empty the person's data of referrals closed longer than their
    /// grouping's retention period; statistics stay.
    Purge(ReferralsPurgeArgs),
}

#[derive(Debug, Args)]
struct ReferralsPurgeArgs {
    /// Purge as of the end of this day (YYYY-MM-DD, UTC); default: now.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Referrals per transaction.
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    batch: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum GraphCommand {
    /// Degree, betweenness, closeness and eigenvector centrality, density,
    /// components and clustering of an edges CSV (one JSON document).
    Metrics(cmd::graph::MetricsArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// demo ≈ 200 organizations, region ≈ 2,000, province ≈ 20,000.
    #[arg(long, value_enum)]
    scale: generate::Scale,
    /// The same scale and seed give byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (created if missing; a non-empty one needs --force).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into a non-empty directory (generated files are replaced).
    #[arg(long)]
    force: bool,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// An Open Referral HSDS 3.0 tabular data package (directory or .zip).
    Hsds {
        path: PathBuf,
        /// Print one JSON report on stdout.
        #[arg(long)]
        json: bool,
        /// Validate and report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// An attendance grid (CSV, TSV or XLSX): organizations × sessions, all or nothing.
    Attendance {
        file: PathBuf,
        /// The event's name (created when no event has it).
        #[arg(long, value_name = "NAME")]
        event: String,
        /// The grouping of the event (to tell apart events of the same name,
        /// and to own a created one).
        #[arg(long, value_name = "SLUG")]
        grouping: Option<String>,
        /// The sheet to read when an XLSX workbook has several.
        #[arg(long)]
        sheet: Option<String>,
        /// Create the organizations whose names match none.
        #[arg(long)]
        create_missing: bool,
        /// Match and report; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// An action plan: CSV, TSV or XLSX, one row per action (all or nothing).
    Plan {
        path: PathBuf,
        /// Slug of the grouping the plan belongs to.
        #[arg(long, value_name = "SLUG")]
        grouping: String,
        /// Title of the new plan.
        #[arg(long)]
        title: String,
        /// Its period, e.g. 2014-2017.
        #[arg(long)]
        period: String,
        /// The sheet to read when an XLSX workbook has several.
        #[arg(long)]
        sheet: Option<String>,
        /// Publish the plan at once (default: a draft).
        #[arg(long)]
        published: bool,
        #[arg(long)]
        json: bool,
        /// Check everything and report; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// The directory as an Open Referral HSDS 3.0 tabular data package.
    Hsds {
        dir: PathBuf,
        /// Write into a non-empty directory (its package files are replaced).
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// An action plan as CSV or XLSX (by the extension of --out).
    Plan {
        /// The plan's id.
        plan: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
struct SearchArgs {
    query: String,
    /// Number of hits (1 to 100).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=100))]
    limit: u16,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MAILLAGE_ADDR", value_name = "ADDR")]
    addr: Option<SocketAddr>,
    /// Load the demo territory before serving and print a demo login.
    #[arg(long)]
    demo: bool,
    /// Served over TLS (usually by a proxy): Secure cookies and HSTS.
    #[arg(long, env = "MAILLAGE_SECURE")]
    secure: Option<bool>,
    /// Behind a proxy that sets X-Forwarded-For: limits on anonymous writes
    /// count the address it adds (never set it without such a proxy).
    #[arg(long, env = "MAILLAGE_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: Option<bool>,
    /// Anonymous writes (registrations, evaluation answers…) one address may
    /// send in 10 minutes (default 100); raise it for a large room on one
    /// shared Wi-Fi.
    #[arg(long, env = "MAILLAGE_ANONYMOUS_WRITES", value_name = "N")]
    anonymous_writes: Option<u64>,
    /// SMTP relay for confirmation e-mails: smtp://user:pass@host:587 (STARTTLS),
    /// smtps://host:465 (TLS) or smtp://host:25?tls=none (local relay, no TLS).
    #[arg(long, env = "MAILLAGE_SMTP_URL", value_name = "URL")]
    smtp_url: Option<String>,
    /// Sender of the confirmation e-mails (required with --smtp-url),
    /// e.g. "Maillage <noreply@example.org>".
    #[arg(long, env = "MAILLAGE_MAIL_FROM", value_name = "ADDRESS")]
    mail_from: Option<String>,
}

#[derive(Debug, Args)]
struct JsonFlag {
    /// Print one JSON document on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account; prints a one-time password unless --password-stdin.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
struct UserAddArgs {
    email: String,
    #[arg(long, value_enum)]
    role: RoleArg,
    /// Slug of the grouping the role is held in (every role but admin).
    #[arg(long, value_name = "SLUG")]
    grouping: Option<String>,
    /// Name shown in the interface (default: the part of the e-mail before @).
    #[arg(long)]
    name: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create an API token for an account; prints it once.
    Create(TokenCreateArgs),
}

#[derive(Debug, Args)]
struct TokenCreateArgs {
    /// E-mail of the account the token acts as.
    #[arg(long, value_name = "EMAIL")]
    user: String,
    /// Name shown on the account page (default: `cli`).
    #[arg(long)]
    name: Option<String>,
    /// `read` allows GET only; `write` everything the account may do.
    #[arg(long, value_enum, default_value = "read")]
    scope: ScopeArg,
    /// Days until the token expires (default: never).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(maillage_domain::token::MAX_API_TOKEN_DAYS)))]
    expires_days: Option<u32>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ScopeArg {
    Read,
    Write,
}

impl From<ScopeArg> for maillage_domain::token::ApiScope {
    fn from(s: ScopeArg) -> Self {
        match s {
            ScopeArg::Read => Self::Read,
            ScopeArg::Write => Self::Write,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Coordinator,
    Member,
    Viewer,
}

impl From<RoleArg> for maillage_domain::Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Admin => Self::Admin,
            RoleArg::Coordinator => Self::Coordinator,
            RoleArg::Member => Self::Member,
            RoleArg::Viewer => Self::Viewer,
        }
    }
}

/// How a command failed, and so its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage, configuration or malformed input: exit 2.
    #[error("{0}")]
    Usage(String),
    /// Well-formed input refused by the rules, or the environment failed: exit 1.
    #[error("{0}")]
    Refused(String),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Refused(_) => 1,
        }
    }
}

impl From<maillage_store::StoreError> for CliError {
    fn from(e: maillage_store::StoreError) -> Self {
        use maillage_store::StoreError as E;
        match e {
            E::UnsupportedUrl(_) | E::DataDir { .. } | E::Invalid(_) => {
                CliError::Usage(e.to_string())
            }
            other => CliError::Refused(other.to_string()),
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn")
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("maillage: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("maillage: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

async fn run(cli: Cli) -> Result<(), CliError> {
    let mut overrides = Overrides {
        config: cli.config,
        data_dir: cli.data_dir,
        database_url: cli.database_url,
        ..Overrides::default()
    };
    if let Command::Serve(args) = &cli.command {
        overrides.addr = args.addr;
        overrides.secure = args.secure;
        overrides.trust_forwarded_for = args.trust_forwarded_for;
        overrides.anonymous_writes = args.anonymous_writes;
        overrides.smtp_url.clone_from(&args.smtp_url);
        overrides.mail_from.clone_from(&args.mail_from);
    }
    let config = Config::resolve(overrides)?;
    match cli.command {
        Command::Serve(args) => cmd::serve::run(&config, args.demo).await,
        Command::Migrate(f) => cmd::migrate(&config, f.json).await,
        Command::Demo(f) => cmd::demo::run(&config, f.json).await,
        Command::User(UserCommand::Add(args)) => cmd::user::add(&config, args).await,
        Command::Token(TokenCommand::Create(args)) => cmd::token::create(&config, args).await,
        Command::Import(ImportCommand::Hsds {
            path,
            json,
            dry_run,
        }) => cmd::hsds::import(&config, &path, json, dry_run).await,
        Command::Import(ImportCommand::Attendance {
            file,
            event,
            grouping,
            sheet,
            create_missing,
            dry_run,
            json,
        }) => {
            cmd::attendance::import(
                &config,
                cmd::attendance::Args {
                    file: &file,
                    event: &event,
                    grouping: grouping.as_deref(),
                    sheet: sheet.as_deref(),
                    create_missing,
                    dry_run,
                    json,
                },
            )
            .await
        }
        Command::Import(ImportCommand::Plan {
            path,
            grouping,
            title,
            period,
            sheet,
            published,
            json,
            dry_run,
        }) => {
            cmd::plan::import(
                &config,
                cmd::plan::ImportArgs {
                    path: &path,
                    grouping: &grouping,
                    title: &title,
                    period: &period,
                    sheet: sheet.as_deref(),
                    published,
                    dry_run,
                    json,
                },
            )
            .await
        }
        Command::Export(ExportCommand::Plan { plan, out, json }) => {
            cmd::plan::export(&config, &plan, &out, json).await
        }
        Command::Export(ExportCommand::Hsds { dir, force, json }) => {
            cmd::hsds::export(&config, &dir, force, json).await
        }
        Command::Search(args) => {
            cmd::search::run(&config, &args.query, usize::from(args.limit), args.json).await
        }
        Command::Generate(a) => cmd::generate::run(a.scale, a.seed, &a.out, a.force, a.json),
        Command::Graph(GraphCommand::Metrics(args)) => cmd::graph::metrics(&args),
        Command::Referrals(ReferralsCommand::Purge(a)) => {
            cmd::referrals::purge(&config, a.as_of.as_deref(), a.batch as usize, a.json).await
        }
    }
}
