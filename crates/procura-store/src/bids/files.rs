//! Evidence files a supplier attached to its bid. Their bytes live in the
//! row; lists read everything but the bytes.

use procura_domain::{BidFileRecord, BidId, Timestamp};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct FileRow {
    id: String,
    bid_id: String,
    code: String,
    name: String,
    content_type: String,
    size: i64,
    sha256: String,
    uploaded_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for FileRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(FileRow {
            id: row.read("id")?,
            bid_id: row.read("bid_id")?,
            code: row.read("code")?,
            name: row.read("name")?,
            content_type: row.read("content_type")?,
            size: row.read("size")?,
            sha256: row.read("sha256")?,
            uploaded_at: row.read("uploaded_at")?,
        })
    }
}

impl FileRow {
    fn into_record(self) -> Result<BidFileRecord, StoreError> {
        Ok(BidFileRecord {
            bid_id: BidId::parse(&self.bid_id).ok_or_else(|| corrupt("bid id", &self.bid_id))?,
            id: self.id,
            code: self.code,
            name: self.name,
            content_type: self.content_type,
            size: self.size,
            sha256: self.sha256,
            uploaded_at: Timestamp(self.uploaded_at),
        })
    }
}

pub async fn insert_file(
    conn: &mut impl Connection,
    file: &BidFileRecord,
    content: &[u8],
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_files (id, bid_id, code, name, content_type, size, sha256, content, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&file.id)
        .bind(file.bid_id.to_string())
        .bind(&file.code)
        .bind(&file.name)
        .bind(&file.content_type)
        .bind(file.size)
        .bind(&file.sha256)
        .bind(content)
        .bind(file.uploaded_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A bid's files, without their contents.
pub async fn files(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<BidFileRecord>, StoreError> {
    const SQL: &str = "SELECT id, bid_id, code, name, content_type, size, sha256, uploaded_at FROM bid_files \
         WHERE bid_id = $1 ORDER BY uploaded_at, id";
    let rows: Vec<FileRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(FileRow::into_record).collect()
}

/// One file of a bid with its contents.
pub async fn file(
    conn: &mut impl Connection,
    bid: BidId,
    id: &str,
) -> Result<Option<(BidFileRecord, Vec<u8>)>, StoreError> {
    struct Row {
        file: FileRow,
        content: Vec<u8>,
    }

    impl<R: Columns> sqlx::FromRow<'_, R> for Row {
        fn from_row(row: &R) -> sqlx::Result<Self> {
            Ok(Row {
                file: sqlx::FromRow::from_row(row)?,
                content: row.read("content")?,
            })
        }
    }
    const SQL: &str = "SELECT id, bid_id, code, name, content_type, size, sha256, uploaded_at, content \
         FROM bid_files WHERE bid_id = $1 AND id = $2";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .bind(id)
        .fetch_optional(c)
        .await)?;
    row.map(|row| Ok((row.file.into_record()?, row.content)))
        .transpose()
}
