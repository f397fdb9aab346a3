//! Loading the configuration and opening the database for the server
//! commands: file, then environment, then flags.

use std::path::Path;

use procura_service::{Config, DatabaseUrl, RawConfig, Services};

use crate::cli::DatabaseArgs;
use crate::failure::Failure;

/// Reads `procura.toml` (the given one, or `./procura.toml` when present),
/// then `PROCURA_*` variables, then the flags.
pub fn load_config(database: &DatabaseArgs, flags: RawConfig) -> Result<Config, Failure> {
    let file = match &database.config {
        Some(path) => Some(read(path)?),
        None if Path::new("procura.toml").exists() => Some(read(Path::new("procura.toml"))?),
        None => None,
    };
    let from_file = match file {
        Some(text) => RawConfig::from_toml(&text)?,
        None => RawConfig::default(),
    };
    let from_env = RawConfig::from_env(std::env::vars())?;
    let from_flags = RawConfig {
        database: database.database.clone().map(procura_service::Secret::new),
        ..flags
    };
    Ok(Config::from_raw(
        from_file.overlay(from_env).overlay(from_flags),
    )?)
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|error| Failure::ConfigFile {
        path: path.display().to_string(),
        error,
    })
}

/// Opens the database (creating the SQLite folder when needed) and migrates it.
pub async fn open(config: &Config) -> Result<Services, Failure> {
    if let DatabaseUrl::Sqlite(path) = &config.database
        && let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    Ok(Services::open(&config.database, config.sessions).await?)
}

pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
