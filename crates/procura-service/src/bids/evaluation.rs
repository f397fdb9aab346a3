//! A project's evaluation: every bid scored by the pure `score_bid` from its
//! answers, the evaluators' overrides and the project's rules, then ranked;
//! and the reads the other use cases start from.

use std::collections::BTreeMap;

use procura_catalog::Catalog;
use procura_domain::{
    AnswerRecord, BidFileRecord, BidId, BidRecord, BidScore, BidStatus, CommitmentRecord,
    Criterion, Override, OverrideRecord, PortalLinkRecord, ProjectId, RequirementCode,
    RequirementKind, ScoringRules, rank, score_bid,
};
use procura_store::bids;

use crate::tender::{TenderLine, TenderView};
use crate::{Invalid, Principal, ServiceError, Services};

/// One bid as the evaluation shows it.
#[derive(Debug, Clone)]
pub struct BidView {
    pub bid: BidRecord,
    pub answers: BTreeMap<RequirementCode, AnswerRecord>,
    pub overrides: BTreeMap<RequirementCode, OverrideRecord>,
    pub score: BidScore,
    pub rank: Option<u32>,
    /// Answered against another version of the requirement list.
    pub outdated: bool,
    /// The publication of the DCE the answers were given to, if any.
    pub answered_publication: Option<i64>,
    /// The requirements modifications of the DCE changed since: answers to
    /// them are flagged, and missing ones are asked for.
    pub changed_since: Vec<RequirementCode>,
    pub links: Vec<PortalLinkRecord>,
    pub files: Vec<BidFileRecord>,
}

/// A project's evaluation: the requirements, the rules and every bid.
#[derive(Debug, Clone)]
pub struct EvaluationView {
    pub tender: TenderView,
    /// The included requirements, in the tender's order.
    pub criteria: Vec<TenderLine>,
    pub rules: ScoringRules,
    /// 0 while the rules are the defaults.
    pub rules_version: i64,
    pub bids: Vec<BidView>,
    pub commitments: Option<CommitmentRecord>,
    pub can_evaluate: bool,
    pub can_award: bool,
}

impl EvaluationView {
    /// The contract went to one of the bids.
    pub fn awarded(&self) -> bool {
        self.bids.iter().any(|b| b.bid.status == BidStatus::Awarded)
    }

    pub fn bid(&self, id: BidId) -> Option<&BidView> {
        self.bids.iter().find(|view| view.bid.id == id)
    }

    /// Bids by rank, then the ineligible ones in registration order.
    pub fn ranked(&self) -> Vec<&BidView> {
        let mut list: Vec<&BidView> = self.bids.iter().collect();
        list.sort_by_key(|view| view.rank.unwrap_or(u32::MAX));
        list
    }
}

fn criteria_of(lines: &[TenderLine]) -> Vec<Criterion> {
    lines
        .iter()
        .map(|line| Criterion {
            code: line.code.clone(),
            kind: line.kind,
            weight: if line.kind == RequirementKind::Award {
                line.weight
            } else {
                0
            },
        })
        .collect()
}

impl Services {
    /// The evaluation of a project the principal may see.
    pub async fn evaluation(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
    ) -> Result<EvaluationView, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let view = self
            .evaluation_in(&mut tx, principal, catalog, project)
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    pub(super) async fn evaluation_in(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
    ) -> Result<EvaluationView, ServiceError> {
        let (record_, _, rights) = self.visible(tx, principal, project).await?;
        let tender = self
            .tender_view(tx, principal, catalog, record_, rights.edit_tender)
            .await?;
        let criteria: Vec<TenderLine> = tender.included().cloned().collect();
        let stored_rules = bids::rules(tx, project).await?;
        let rules = stored_rules
            .as_ref()
            .map_or_else(ScoringRules::default, |r| r.rules);
        let scoring = criteria_of(&criteria);
        let mut views = Vec::new();
        for bid in bids::bids_for_project(tx, project).await? {
            let answers: BTreeMap<RequirementCode, AnswerRecord> = bids::answers(tx, bid.id)
                .await?
                .into_iter()
                .map(|a| (a.code.clone(), a))
                .collect();
            let overrides: BTreeMap<RequirementCode, OverrideRecord> = bids::overrides(tx, bid.id)
                .await?
                .into_iter()
                .map(|o| (o.code.clone(), o))
                .collect();
            let given = answers
                .iter()
                .filter_map(|(code, a)| a.answer.map(|answer| (code.clone(), answer)))
                .collect();
            let held = overrides
                .iter()
                .map(|(code, o)| {
                    (
                        code.clone(),
                        Override {
                            score: o.score,
                            justification: o.justification.clone(),
                        },
                    )
                })
                .collect();
            let score = score_bid(&scoring, &given, &held, &rules);
            let outdated = bid
                .answered_version
                .is_some_and(|version| version != tender.version);
            let mut changed_since: Vec<RequirementCode> = Vec::new();
            if outdated {
                for modification in
                    crate::tender::modifications_since(&tender.publications, bid.answered_version)
                {
                    for code in &modification.changed {
                        if !changed_since.contains(code) {
                            changed_since.push(code.clone());
                        }
                    }
                }
            }
            views.push(BidView {
                outdated,
                answered_publication: crate::tender::answered_publication(
                    &tender.publications,
                    bid.answered_version,
                ),
                changed_since,
                links: bids::links(tx, bid.id).await?,
                files: bids::files(tx, bid.id).await?,
                bid,
                answers,
                overrides,
                score,
                rank: None,
            });
        }
        let ranks = rank(&views.iter().map(|v| &v.score).collect::<Vec<_>>());
        for (view, position) in views.iter_mut().zip(ranks) {
            view.rank = position;
        }
        Ok(EvaluationView {
            criteria,
            rules,
            rules_version: stored_rules.map_or(0, |r| r.version),
            bids: views,
            commitments: bids::commitments(tx, project).await?,
            can_evaluate: rights.evaluate,
            can_award: rights.award,
            tender,
        })
    }

    /// What the awarded supplier committed to, with its bid, for the
    /// project page and the management phase.
    pub async fn commitments(
        &self,
        principal: &Principal,
        project: ProjectId,
    ) -> Result<Option<(CommitmentRecord, BidRecord)>, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        self.visible(&mut tx, principal, project).await?;
        let found = match bids::commitments(&mut tx, project).await? {
            Some(record) => bids::find_bid(&mut tx, principal.organisation_id, record.bid_id)
                .await?
                .map(|bid| (record, bid)),
            None => None,
        };
        tx.commit().await?;
        Ok(found)
    }

    /// A bid's project evaluation, for anyone who sees the project.
    pub async fn evaluation_of_bid(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        id: BidId,
    ) -> Result<(EvaluationView, BidRecord), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let bid = bids::find_bid(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let view = self
            .evaluation_in(&mut tx, principal, catalog, bid.project_id)
            .await?;
        tx.commit().await?;
        Ok((view, bid))
    }

    /// The bid and its project's evaluation, for someone who evaluates.
    pub(super) async fn bid_for_change(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        catalog: &Catalog,
        id: BidId,
    ) -> Result<(EvaluationView, BidRecord), ServiceError> {
        let bid = bids::find_bid(tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let view = self
            .evaluation_in(tx, principal, catalog, bid.project_id)
            .await?;
        if !view.can_evaluate {
            return Err(ServiceError::Forbidden);
        }
        Ok((view, bid))
    }

    /// As [`Self::bid_for_change`], refused once the contract is awarded:
    /// the evaluation that justified the award is kept as it was.
    pub(super) async fn bid_for_evaluation(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        catalog: &Catalog,
        id: BidId,
    ) -> Result<(EvaluationView, BidRecord), ServiceError> {
        let (view, bid) = self.bid_for_change(tx, principal, catalog, id).await?;
        if view.awarded() {
            return Err(Invalid::EvaluationClosed.into());
        }
        Ok((view, bid))
    }

    /// A file a supplier attached, for the evaluators.
    pub async fn bid_file(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        file: &str,
    ) -> Result<(BidFileRecord, Vec<u8>), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let record_ = bids::find_bid(&mut tx, principal.organisation_id, bid)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, record_.project_id).await?;
        let _ = catalog;
        let found = bids::file(&mut tx, bid, file)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(found)
    }
}
