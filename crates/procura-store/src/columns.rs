//! Reading a row by column name, the same way on SQLite and PostgreSQL.
//! Each module's row struct implements `sqlx::FromRow` by hand over
//! [`Columns`], one `row.read("name")` per field, so the store needs no
//! derive macro — and sqlx's proc-macros, which would build the database
//! drivers a second time for the compiler, stay out of the build.

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Decode, Postgres, Sqlite, Type};

/// A column type both databases decode: the Rust types of the row structs
/// (`String`, `i64`, `bool` and their `Option`s).
pub(crate) trait ColumnValue:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

impl<T> ColumnValue for T where
    T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

/// A row of either database the `on!` macro runs a query on.
pub(crate) trait Columns: sqlx::Row {
    /// The value of the column called `name`, decoded and type-checked as
    /// `sqlx::Row::try_get` does. (Not `column`: `sqlx::Row` has one.)
    fn read<T: ColumnValue>(&self, name: &str) -> Result<T, sqlx::Error>;
}

impl Columns for SqliteRow {
    fn read<T: ColumnValue>(&self, name: &str) -> Result<T, sqlx::Error> {
        sqlx::Row::try_get(self, name)
    }
}

impl Columns for PgRow {
    fn read<T: ColumnValue>(&self, name: &str) -> Result<T, sqlx::Error> {
        sqlx::Row::try_get(self, name)
    }
}
