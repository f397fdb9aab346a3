//! Fresh, empty databases for tests: a SQLite file in a new temporary folder
//! always, and a new PostgreSQL database when `PROCURA_TEST_DATABASE_URL`
//! names a server; and the two direct looks at the data the outer suites
//! need. Compiled only with the `testing` feature.

// A test fixture that cannot be built must stop the test run loudly.
#![allow(clippy::panic)]

use std::path::PathBuf;

use sqlx::Connection as _;

use crate::connection::on;
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

/// Runs one statement with an integer `$1` and a text `$2`, for a test that
/// puts the data in a state no use case may (a link that expired a minute
/// ago); returns how many rows it changed.
pub async fn execute(
    store: &Store,
    sql: &'static str,
    first: i64,
    second: &str,
) -> Result<u64, StoreError> {
    let mut conn = store.connection().await?;
    Ok(on!(&mut conn, |c| sqlx::query(sql)
        .bind(first)
        .bind(second)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?)
}

/// How many audit entries, across all organisations, record `action` on
/// `object`: the trail of what no organisation's log may show, such as a
/// refused portal link.
pub async fn audit_count(store: &Store, action: &str, object: &str) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object = $2";
    let mut conn = store.connection().await?;
    let (count,): (i64,) = on!(&mut conn, |c| sqlx::query_as(SQL)
        .bind(action)
        .bind(object)
        .fetch_one(c)
        .await)?;
    Ok(count)
}

/// A store for each backend under test with the migrations up to
/// `version` only, for a test that writes data the way an older release
/// did and then lets [`Store::migrate`] bring it up to date.
pub async fn stores_migrated_until(version: i64) -> Result<Vec<Store>, StoreError> {
    let mut stores = Vec::new();
    for url in fresh_urls().await {
        let store = Store::connect(&url).await?;
        store.migrate_until(version).await?;
        stores.push(store);
    }
    Ok(stores)
}

/// One text column of the rows `sql` selects (with an integer `$1` and a
/// text `$2`), in the order the query gives.
pub async fn texts(
    store: &Store,
    sql: &'static str,
    first: i64,
    second: &str,
) -> Result<Vec<String>, StoreError> {
    let mut conn = store.connection().await?;
    let rows: Vec<(String,)> = on!(&mut conn, |c| sqlx::query_as(sql)
        .bind(first)
        .bind(second)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(|(text,)| text).collect())
}
