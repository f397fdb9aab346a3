//! What the test suites of the outer crates need and no use case offers:
//! fresh databases to run the services on, and a few direct looks at what
//! the use cases wrote. Compiled only with the `testing` feature.

pub use procura_store::testing::{POSTGRES_VARIABLE, fresh_postgres, fresh_urls, temp_dir};

use procura_store::users;

use crate::{ServiceError, Services};

impl Services {
    /// How many accounts exist, across all organisations.
    pub async fn user_count(&self) -> Result<i64, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(users::count(&mut conn).await?)
    }

    /// How many audit entries, across all organisations, record `action`
    /// (its stored id) on `object`.
    pub async fn audit_count(&self, action: &str, object: &str) -> Result<i64, ServiceError> {
        Ok(procura_store::testing::audit_count(self.store(), action, object).await?)
    }

    /// Runs one statement with an integer `$1` and a text `$2`, to put the
    /// data in a state no use case may; returns how many rows it changed.
    pub async fn execute_sql(
        &self,
        sql: &'static str,
        first: i64,
        second: &str,
    ) -> Result<u64, ServiceError> {
        Ok(procura_store::testing::execute(self.store(), sql, first, second).await?)
    }
}
