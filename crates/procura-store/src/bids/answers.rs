//! A bid's answers, one per requirement; a portal draft may leave one
//! blank. Every source of answers replaces them all at once.

use procura_domain::{Answer, AnswerRecord, BidId};

use crate::connection::{Connection, on};
use crate::decode::code;
use crate::error::{StoreError, corrupt};

pub async fn answers(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<AnswerRecord>, StoreError> {
    const SQL: &str = "SELECT code, answer, comment, evidence_ref FROM bid_answers WHERE bid_id = $1 ORDER BY code";
    let rows: Vec<(String, Option<String>, String, String)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(text, answer, comment, evidence_ref)| {
            Ok(AnswerRecord {
                code: code(&text)?,
                answer: answer
                    .map(|a| Answer::parse(&a).ok_or_else(|| corrupt("answer", &a)))
                    .transpose()?,
                comment,
                evidence_ref,
            })
        })
        .collect()
}

/// Replaces every answer of a bid.
pub async fn replace_answers(
    conn: &mut impl Connection,
    bid: BidId,
    list: &[AnswerRecord],
) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM bid_answers WHERE bid_id = $1";
    on!(conn, |c| sqlx::query(DELETE)
        .bind(bid.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    for answer in list {
        put_answer(conn, bid, answer).await?;
    }
    Ok(())
}

/// Inserts an answer or replaces the one to the same requirement.
pub async fn put_answer(
    conn: &mut impl Connection,
    bid: BidId,
    answer: &AnswerRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_answers (bid_id, code, answer, comment, evidence_ref) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (bid_id, code) DO UPDATE SET answer = excluded.answer, comment = excluded.comment, \
         evidence_ref = excluded.evidence_ref";
    on!(conn, |c| sqlx::query(SQL)
        .bind(bid.to_string())
        .bind(answer.code.as_str())
        .bind(answer.answer.map(Answer::id))
        .bind(&answer.comment)
        .bind(&answer.evidence_ref)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
