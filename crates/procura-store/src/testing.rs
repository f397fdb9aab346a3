//! Fresh, empty databases for tests: a SQLite file in a new temporary folder
//! always, and a new PostgreSQL database when `PROCURA_TEST_DATABASE_URL`
//! names a server. Compiled only with the `testing` feature.

// A test fixture that cannot be built must stop the test run loudly.
#![allow(clippy::panic)]

use std::path::PathBuf;

use sqlx::Connection as _;

use crate::{DatabaseUrl, Store, StoreError};

/// The environment variable naming a PostgreSQL server for tests.
pub const POSTGRES_VARIABLE: &str = "PROCURA_TEST_DATABASE_URL";

/// A new folder under the system's temporary directory.
pub fn temp_dir(label: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("procura-{label}-{}", uuid::Uuid::new_v4().simple()));
    if let Err(error) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {error}", dir.display());
    }
    dir
}

/// One URL per backend under test, each an empty database of its own.
pub async fn fresh_urls() -> Vec<DatabaseUrl> {
    let mut urls = vec![DatabaseUrl::Sqlite(temp_dir("store").join("procura.db"))];
    if let Ok(server) = std::env::var(POSTGRES_VARIABLE) {
        urls.push(fresh_postgres(&server).await);
    }
    urls
}

/// Creates a new database on the server named by `server` and returns its URL.
pub async fn fresh_postgres(server: &str) -> DatabaseUrl {
    let name = format!("procura_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = match sqlx::PgConnection::connect(server).await {
        Ok(conn) => conn,
        Err(error) => panic!("{POSTGRES_VARIABLE} is set but the server does not answer: {error}"),
    };
    // The name is generated here from hex digits only, so it is safe to splice.
    let create = sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"));
    if let Err(error) = sqlx::query(create).execute(&mut admin).await {
        panic!("cannot create test database: {error}");
    }
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    DatabaseUrl::Postgres(format!("{base}/{name}"))
}

/// A migrated store for each backend under test.
pub async fn fresh_stores() -> Result<Vec<Store>, StoreError> {
    let mut stores = Vec::new();
    for url in fresh_urls().await {
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        stores.push(store);
    }
    Ok(stores)
}
