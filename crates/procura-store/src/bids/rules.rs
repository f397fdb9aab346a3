//! A project's scoring rules, once saved: until then the defaults apply and
//! no row exists (version 0).

use procura_domain::{ProjectId, ScoringRules, Timestamp, UserId};

use crate::connection::{Connection, on};
use crate::decode::{u32_of, user};
use crate::error::{StoreError, corrupt};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesRecord {
    pub rules: ScoringRules,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: i64,
}

pub async fn rules(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<RulesRecord>, StoreError> {
    const SQL: &str = "SELECT partial_fails, credit_yes, credit_partial, credit_no, updated_by, updated_at, version \
         FROM scoring_rules WHERE project_id = $1";
    let row: Option<(bool, i64, i64, i64, String, i64, i64)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(|(partial_fails, yes, partial, no, by, at, version)| {
        let rules = ScoringRules::new(
            partial_fails,
            u32_of(yes, "credit")?,
            u32_of(partial, "credit")?,
            u32_of(no, "credit")?,
        )
        .map_err(|_| corrupt("scoring rules", &project.to_string()))?;
        Ok(RulesRecord {
            rules,
            updated_by: user(&by)?,
            updated_at: Timestamp(at),
            version,
        })
    })
    .transpose()
}

/// Saves the rules if they are still at `version` (0: never saved);
/// `false` when someone changed them first.
pub async fn save_rules(
    conn: &mut impl Connection,
    project: ProjectId,
    rules: &ScoringRules,
    by: UserId,
    at: Timestamp,
    version: i64,
) -> Result<bool, StoreError> {
    const INSERT: &str = "INSERT INTO scoring_rules (project_id, partial_fails, credit_yes, credit_partial, credit_no, \
         updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (project_id) DO NOTHING";
    const UPDATE: &str = "UPDATE scoring_rules SET partial_fails = $2, credit_yes = $3, credit_partial = $4, \
         credit_no = $5, updated_by = $6, updated_at = $7, version = version + 1 WHERE project_id = $1 AND version = $8";
    let sql = if version == 0 { INSERT } else { UPDATE };
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(project.to_string())
        .bind(rules.partial_fails_eligibility)
        .bind(i64::from(rules.yes))
        .bind(i64::from(rules.partial))
        .bind(i64::from(rules.no))
        .bind(by.to_string())
        .bind(at.millis())
        .bind(version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
