//! What the awarded supplier committed to on a project: one row per
//! project, written with the award, its certifications kept as text so the
//! commitment stays as it was when the register changes.

use procura_domain::{BidId, CertificationRecord, CommitmentRecord, ProjectId, Timestamp};

use crate::connection::{Connection, on};
use crate::decode::{day, u32_of, user};
use crate::error::{StoreError, corrupt};

/// Certifications as tab-separated lines, for the commitments row.
fn certifications_text(list: &[CertificationRecord]) -> String {
    list.iter()
        .map(|c| {
            let clean = |text: &str| text.replace(['\t', '\n', '\r'], " ");
            format!(
                "{}\t{}\t{}",
                clean(&c.name),
                clean(&c.scope),
                c.expires_on.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn certifications_of(text: &str) -> Result<Vec<CertificationRecord>, StoreError> {
    text.lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split('\t');
            let name = parts.next().unwrap_or_default().to_owned();
            let scope = parts.next().unwrap_or_default().to_owned();
            let expires_on = day(parts.next().map(str::to_owned))?;
            Ok(CertificationRecord {
                name,
                scope,
                expires_on,
            })
        })
        .collect()
}

pub async fn commitments(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<CommitmentRecord>, StoreError> {
    type Row = (
        String,
        Option<String>,
        Option<i64>,
        String,
        String,
        String,
        i64,
    );
    const SQL: &str = "SELECT bid_id, support_end, patch_delay_days, remote_access, certifications, recorded_by, \
         recorded_at FROM supplier_commitments WHERE project_id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(
        |(bid, support_end, delay, remote_access, certifications, by, at)| {
            Ok(CommitmentRecord {
                project_id: project,
                bid_id: BidId::parse(&bid).ok_or_else(|| corrupt("bid id", &bid))?,
                support_end: day(support_end)?,
                patch_delay_days: delay.map(|d| u32_of(d, "patch delay")).transpose()?,
                remote_access,
                certifications: certifications_of(&certifications)?,
                recorded_by: user(&by)?,
                recorded_at: Timestamp(at),
            })
        },
    )
    .transpose()
}

/// Records the awarded supplier's commitments: once per project (a second
/// award is a duplicate).
pub async fn put_commitments(
    conn: &mut impl Connection,
    record: &CommitmentRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO supplier_commitments (project_id, bid_id, support_end, patch_delay_days, \
         remote_access, certifications, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(record.project_id.to_string())
        .bind(record.bid_id.to_string())
        .bind(record.support_end.map(|d| d.to_string()))
        .bind(record.patch_delay_days.map(i64::from))
        .bind(&record.remote_access)
        .bind(certifications_text(&record.certifications))
        .bind(record.recorded_by.to_string())
        .bind(record.recorded_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use procura_domain::Day;

    use super::*;

    #[test]
    fn certification_lines_round_trip() {
        let list = vec![
            CertificationRecord {
                name: "ISO/IEC 27001".into(),
                scope: "Hosting\tand support".into(),
                expires_on: Day::new(2027, 6, 30),
            },
            CertificationRecord {
                name: "HDS".into(),
                scope: String::new(),
                expires_on: None,
            },
        ];
        let back = certifications_of(&certifications_text(&list)).expect("parses");
        assert_eq!(back[0].scope, "Hosting and support");
        assert_eq!(back[0].expires_on, Day::new(2027, 6, 30));
        assert_eq!(back[1].name, "HDS");
        assert_eq!(back[1].expires_on, None);
    }
}
