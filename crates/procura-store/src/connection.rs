//! The two backends behind one enum, and the macro that runs the same SQL on
//! whichever one is in use.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::StoreError;
use crate::migrations::{self, migrator};

/// Where the data lives. The URL may carry a password, so `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file, created when missing.
    Sqlite(std::path::PathBuf),
    /// A `postgres://` URL.
    Postgres(String),
}

impl DatabaseUrl {
    /// `postgres://` or `postgresql://` selects PostgreSQL; `sqlite://PATH`
    /// or a plain path selects SQLite.
    pub fn parse(input: &str) -> DatabaseUrl {
        let input = input.trim();
        if input.starts_with("postgres://") || input.starts_with("postgresql://") {
            DatabaseUrl::Postgres(input.to_owned())
        } else {
            let path = input
                .strip_prefix("sqlite://")
                .or_else(|| input.strip_prefix("sqlite:"))
                .unwrap_or(input);
            DatabaseUrl::Sqlite(path.into())
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "Sqlite({})", path.display()),
            DatabaseUrl::Postgres(_) => f.write_str("Postgres(<redacted>)"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool of connections to one database.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A transaction. Dropping it without [`Tx::commit`] rolls everything back,
/// so an error half-way through a use case leaves nothing behind.
#[derive(Debug)]
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A pooled connection for reads outside a transaction.
#[derive(Debug)]
pub enum Pooled {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// Borrowed access to the underlying connection of either backend.
#[derive(Debug)]
pub enum Raw<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Anything a store function can run on: a transaction or a pooled connection.
pub trait Connection: Send {
    fn raw(&mut self) -> Raw<'_>;
}

impl Connection for Tx {
    fn raw(&mut self) -> Raw<'_> {
        match self {
            Tx::Sqlite(tx) => Raw::Sqlite(&mut *tx),
            Tx::Postgres(tx) => Raw::Postgres(&mut *tx),
        }
    }
}

impl Connection for Pooled {
    fn raw(&mut self) -> Raw<'_> {
        match self {
            Pooled::Sqlite(conn) => Raw::Sqlite(&mut *conn),
            Pooled::Postgres(conn) => Raw::Postgres(&mut *conn),
        }
    }
}

/// Runs the same expression on whichever backend `$conn` holds; `$c` names
/// the raw connection inside it.
macro_rules! on {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $crate::connection::Connection::raw($conn) {
            $crate::connection::Raw::Sqlite($c) => $body,
            $crate::connection::Raw::Postgres($c) => $body,
        }
    };
}
pub(crate) use on;

impl Store {
    pub async fn connect(url: &DatabaseUrl) -> Result<Store, StoreError> {
        match url {
            DatabaseUrl::Sqlite(path) => {
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true);
                // A SQLite connection is a file opened by this process: no
                // server or network can drop it, so the pool does not ping
                // it (a round trip to its worker thread) before each use.
                let pool = SqlitePoolOptions::new()
                    .max_connections(sqlite_connections())
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await?;
                Ok(Store::Sqlite(pool))
            }
            DatabaseUrl::Postgres(url) => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Ok(Store::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Store::Sqlite(_) => Backend::Sqlite,
            Store::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend. Safe to run from
    /// several servers at once: sqlx takes a lock.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(pool) => migrator(migrations::SQLITE)?.run(pool).await?,
            Store::Postgres(pool) => migrator(migrations::POSTGRES)?.run(pool).await?,
        }
        Ok(())
    }

    /// Applies the migrations up to `version` only, as an older release
    /// left the database: for tests of the later migrations.
    #[cfg(feature = "testing")]
    pub(crate) async fn migrate_until(&self, version: i64) -> Result<(), StoreError> {
        let until = |files: &[migrations::MigrationFile]| -> Vec<migrations::MigrationFile> {
            files
                .iter()
                .filter(|file| {
                    file.name
                        .split_once('_')
                        .and_then(|(number, _)| number.parse::<i64>().ok())
                        .is_some_and(|number| number <= version)
                })
                .copied()
                .collect()
        };
        match self {
            Store::Sqlite(pool) => migrator(&until(migrations::SQLITE))?.run(pool).await?,
            Store::Postgres(pool) => migrator(&until(migrations::POSTGRES))?.run(pool).await?,
        }
        Ok(())
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two writers queue instead of failing when a
    /// read turns into a write.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Store::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Store::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction for reads that must see one consistent state (several
    /// queries behind one page); on SQLite it takes no write lock.
    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Store::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Store::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A connection for reads that need no transaction.
    pub async fn connection(&self) -> Result<Pooled, StoreError> {
        Ok(match self {
            Store::Sqlite(pool) => Pooled::Sqlite(pool.acquire().await?),
            Store::Postgres(pool) => Pooled::Postgres(pool.acquire().await?),
        })
    }

    /// Checks that the database answers, for `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.connection().await?;
        let _: (i64,) = on!(&mut conn, |c| sqlx::query_as("SELECT 1").fetch_one(c).await)?;
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite(pool) => pool.close().await,
            Store::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// Two SQLite connections per core (at least 2, at most 16). Each
/// connection has its own worker thread; SQLite writes one at a time
/// whatever the pool, and more reading threads than the cores can run only
/// wake each other: on two cores, 4 connections served the checklist API
/// about 10 % faster than 8 (README, Performance).
fn sqlite_connections() -> u32 {
    std::thread::available_parallelism().map_or(4, |cores| {
        u32::try_from(cores.get().saturating_mul(2))
            .unwrap_or(16)
            .clamp(2, 16)
    })
}
