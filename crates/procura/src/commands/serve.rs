//! `procura serve`: the web application and API.

use procura_service::{Config, LogFormat, RawConfig};
use procura_web::AppState;
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::failure::Failure;
use crate::runtime::{load_config, open, runtime};

pub fn run(args: ServeArgs) -> Result<(), Failure> {
    let flags = RawConfig {
        listen: args.listen,
        public_url: args.public_url,
        log_format: args.log_format,
        ..RawConfig::default()
    };
    let config = load_config(&args.database, flags)?;
    init_logging(config.log_format);
    runtime()?.block_on(serve(config))
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    match format {
        LogFormat::Human => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

async fn serve(config: Config) -> Result<(), Failure> {
    let services = open(&config).await?;
    let catalog = procura_catalog::builtin()?;
    let listener = TcpListener::bind(config.listen).await?;
    let address = listener.local_addr()?;
    let config = config.bound_to(address)?;
    tracing::info!(
        %address,
        backend = ?services.backend(),
        public_url = config.public_url.origin(),
        "procura listening on http://{address}"
    );
    if let Some(token) = services.prepare_setup(procura_web::now()).await? {
        let link = format!("{}/setup?token={token}", config.public_url.origin());
        tracing::warn!(setup_url = %link, "no account exists yet: open the setup link to create the first organisation and administrator");
    }
    let closing = services.clone();
    let state = AppState::new(services, config, catalog);
    procura_web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("shutting down: in-flight requests finished");
    closing.close().await;
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
