//! Links to the supplier portal: issued for one pending bid (the secret
//! shown once, its SHA-256 stored), revoked, and opened — every attempt
//! counted per address before the secret is looked up, and audit-logged.

use procura_catalog::Catalog;
use procura_domain::AuditAction;
use procura_domain::{BidId, BidRecord, BidStatus, PortalLinkRecord, Timestamp};
use procura_store::bids;
use procura_store::throttle;
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::secret::{digest, new_uuid, random_hex};
use crate::{Invalid, Principal, ServiceError, Services};

/// How long a portal link lives unless the buyer says otherwise, and at most.
pub const PORTAL_LINK_DAYS: i64 = 30;
pub const PORTAL_LINK_MAX_DAYS: i64 = 120;
/// Wrong links tried from one address before the back-off starts.
const PORTAL_FREE_FAILURES: i64 = 10;
const PORTAL_BACKOFF: throttle::Backoff = throttle::Backoff {
    free: PORTAL_FREE_FAILURES,
    max_block_seconds: 15 * 60,
};

/// Why a portal link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalRefusal {
    Unknown,
    Expired,
    Revoked,
}

impl Services {
    /// Issues a link to the portal for one bid. The secret (256 bits) is
    /// returned once; only its SHA-256 is stored.
    pub async fn issue_portal_link(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        days: Option<i64>,
        now: Timestamp,
    ) -> Result<(PortalLinkRecord, String), ServiceError> {
        let days = days.unwrap_or(PORTAL_LINK_DAYS);
        if !(1..=PORTAL_LINK_MAX_DAYS).contains(&days) {
            return Err(Invalid::LinkExpiry.into());
        }
        let mut tx = self.store().begin().await?;
        let (_, record_) = self
            .bid_for_evaluation(&mut tx, principal, catalog, bid)
            .await?;
        if record_.status != BidStatus::Pending {
            return Err(Invalid::BidNotPending.into());
        }
        let secret = random_hex(32)?;
        let link = PortalLinkRecord {
            id: new_uuid()?.to_string(),
            bid_id: bid,
            created_by: principal.user_id,
            created_at: now,
            expires_at: now.plus_seconds(days * 86_400),
            revoked_at: None,
            last_used_at: None,
        };
        bids::insert_link(&mut tx, &link, &digest(&secret)).await?;
        crate::timeline::log(
            &mut tx,
            principal,
            record_.project_id,
            now,
            AuditAction::BidLinkIssue,
            json!({
                "bid": bid.to_string(),
                "supplier": record_.supplier_name,
                "link": link.id,
                "expires_at": link.expires_at.millis(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok((link, secret))
    }

    pub async fn revoke_portal_link(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        link: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store().begin().await?;
        let (_, record_) = self
            .bid_for_change(&mut tx, principal, catalog, bid)
            .await?;
        if !bids::revoke_link(&mut tx, bid, link, now).await? {
            return Err(ServiceError::NotFound);
        }
        crate::timeline::log(
            &mut tx,
            principal,
            record_.project_id,
            now,
            AuditAction::BidLinkRevoke,
            json!({ "bid": bid.to_string(), "link": link }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Finds the link a secret opens, counting failures per address so
    /// that guessing is throttled; every attempt is in the audit log.
    pub(super) async fn open_link(
        &self,
        tx: &mut procura_store::Tx,
        secret: &str,
        address: &str,
        action: AuditAction,
        now: Timestamp,
    ) -> Result<Result<(PortalLinkRecord, BidRecord), PortalRefusal>, ServiceError> {
        // The attempt is counted before the secret is looked up, in one
        // statement, so guesses sent at the same moment cannot all be
        // tried; a usable link gives its attempt back.
        let key = format!("portal:{address}");
        if throttle::reserve(tx, &key, PORTAL_BACKOFF, now)
            .await?
            .is_none()
        {
            return Err(crate::auth::rate_limited(tx, &key, now).await?);
        }
        let well_formed = secret.len() == 64 && secret.chars().all(|c| c.is_ascii_hexdigit());
        let link = if well_formed {
            bids::link_by_hash(tx, &digest(&secret.to_ascii_lowercase())).await?
        } else {
            None
        };
        let outcome = match &link {
            None => Err(PortalRefusal::Unknown),
            Some(link) if link.revoked_at.is_some() => Err(PortalRefusal::Revoked),
            Some(link) if now >= link.expires_at => Err(PortalRefusal::Expired),
            Some(link) => Ok(link.clone()),
        };
        // The bid of a link that exists, usable or not: a refused expired
        // or revoked link is logged in its organisation's trail too.
        let bid = match &link {
            Some(link) => bids::bid_by_id(tx, link.bid_id).await?,
            None => None,
        };
        let organisation = match &bid {
            Some(bid) => procura_store::projects::find_any(tx, bid.project_id)
                .await?
                .map(|p| p.organisation_id),
            None => None,
        };
        match (outcome, bid) {
            (Ok(link), Some(bid)) => {
                throttle::release(tx, &key).await?;
                bids::touch_link(tx, &link.id, now).await?;
                record(
                    tx,
                    now,
                    Change {
                        organisation,
                        action,
                        object: format!("bid:{}", bid.id),
                        detail: json!({ "link": link.id, "address": address }),
                        actor: Actor::Portal(&link.id),
                    },
                )
                .await?;
                Ok(Ok((link, bid)))
            }
            (outcome, _) => {
                let refusal = outcome.err().unwrap_or(PortalRefusal::Unknown);
                record(
                    tx,
                    now,
                    Change {
                        organisation,
                        action: AuditAction::PortalRefused,
                        object: link.as_ref().map_or_else(
                            || "portal:unknown".to_owned(),
                            |l| format!("bid:{}", l.bid_id),
                        ),
                        detail: json!({
                            "reason": match refusal {
                                PortalRefusal::Unknown => "unknown",
                                PortalRefusal::Expired => "expired",
                                PortalRefusal::Revoked => "revoked",
                            },
                            "address": address,
                        }),
                        actor: Actor::Anonymous(address),
                    },
                )
                .await?;
                Ok(Err(refusal))
            }
        }
    }
}
