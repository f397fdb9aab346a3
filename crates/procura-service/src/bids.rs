//! Supplier evaluation: the organisation's supplier register, each
//! project's bids and their answers (imported from the questionnaire,
//! entered by an evaluator, or given by the supplier through a portal
//! link), the project's scoring rules, evaluators' overrides, and the award
//! that records what the chosen supplier committed to.
//!
//! Scores are never stored: they are computed from the answers, overrides
//! and rules each time, so changing a rule re-scores every bid at once.

use std::collections::{BTreeMap, BTreeSet};

use procura_catalog::Catalog;
use procura_docs::evaluation::{
    EvaluationBid, EvaluationCell, EvaluationDoc, EvaluationRequirement,
};
use procura_docs::tender::{FilledQuestionnaire, ReadError, ReadLimits, read_questionnaire};
use procura_domain::{
    Answer, AuditAction, BidId, BidScore, BidStatus, Criterion, Day, Lang, Override, Permission,
    ProjectId, RequirementCode, RequirementKind, ScoringRules, SupplierId, Timestamp, Unique,
    parse_answer, rank, score_bid,
};
use procura_i18n::{Arg, text, text_with};
use procura_store::bids::{
    self, AnswerRecord, BidFileRecord, BidRecord, CertificationRecord, CommitmentRecord,
    OverrideRecord, PortalLinkRecord, SupplierRecord,
};
use procura_store::throttle;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{Actor, Change, record};
use crate::projects::sanitise_filename;
use crate::secret::{digest, new_uuid, random_hex};
use crate::tender::{TenderLine, TenderView};
use crate::{Invalid, Principal, ServiceError, Services, sniff_content_type};

/// How long a portal link lives unless the buyer says otherwise, and at most.
pub const PORTAL_LINK_DAYS: i64 = 30;
pub const PORTAL_LINK_MAX_DAYS: i64 = 120;
/// Wrong links tried from one address before the back-off starts.
const PORTAL_FREE_FAILURES: i64 = 10;
const PORTAL_BACKOFF: throttle::Backoff = throttle::Backoff {
    free: PORTAL_FREE_FAILURES,
    max_block_seconds: 15 * 60,
};
/// A supplier's comment on one requirement: room for a real explanation,
/// and far below what a spreadsheet cell of the report can hold.
pub const MAX_COMMENT_CHARS: usize = 4_000;
/// Evidence files one bid may carry, so a portal link cannot fill the disk.
pub const MAX_BID_FILES: usize = 50;

// ---- input ------------------------------------------------------------------

/// A certification as typed: name, scope, expiry date (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificationInput {
    pub name: String,
    pub scope: String,
    pub expires_on: String,
}

#[derive(Debug, Clone, Default)]
pub struct SupplierInput {
    pub name: String,
    /// SIREN (9 digits) or SIRET (14), spaces allowed.
    pub company_id: String,
    pub vat: String,
    pub contacts: String,
    pub certifications: Vec<CertificationInput>,
}

/// One answer as typed or sent: the answer word in French or English (or
/// Procura's id), empty for none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerInput {
    pub code: String,
    pub answer: String,
    pub comment: String,
    pub evidence_ref: String,
}

/// What the awarded supplier committed to, as typed.
#[derive(Debug, Clone, Default)]
pub struct CommitmentInput {
    pub support_end: String,
    pub patch_delay_days: String,
    pub remote_access: String,
    /// Empty: the supplier's certifications from the register.
    pub certifications: Vec<CertificationInput>,
}

/// The scoring rules as typed.
#[derive(Debug, Clone, Default)]
pub struct RulesInput {
    pub partial_fails_eligibility: bool,
    pub yes: String,
    pub partial: String,
    pub no: String,
}

// ---- problems with answers ----------------------------------------------------

/// Why answers were refused. An import lists every problem at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// The file itself: not a questionnaire, too large, formulas…
    File(ReadError),
    /// Not a questionnaire Procura made.
    NotQuestionnaire,
    /// Made for another project.
    OtherProject,
    /// Made from an earlier (or later) version of the requirement list.
    Outdated {
        file: String,
        current: i64,
    },
    /// The stamp does not match the requirement list it names.
    Tampered,
    /// A row's requirement is not in the tender.
    UnknownRequirement {
        row: u32,
        code: String,
    },
    /// The same requirement answered twice.
    Duplicate {
        row: u32,
        code: String,
    },
    /// A requirement of the tender has no row.
    MissingRow {
        code: String,
    },
    MissingAnswer {
        row: u32,
        code: String,
    },
    UnknownAnswer {
        row: u32,
        code: String,
        value: String,
    },
    /// "Partial" and "not applicable" need a comment.
    MissingComment {
        row: u32,
        code: String,
    },
    /// A comment or evidence reference longer than a report can hold.
    TooLong {
        row: u32,
        code: String,
    },
}

impl AnswerProblem {
    /// The problem in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        let row = |row: u32| Arg::from(i64::from(row));
        let code = |code: &str| Arg::from(code.to_owned());
        match self {
            Self::File(error) => error.message(lang),
            Self::NotQuestionnaire => text(lang, "bid-problem-not-questionnaire"),
            Self::OtherProject => text(lang, "bid-problem-other-project"),
            Self::Outdated { file, current } => text_with(
                lang,
                "bid-problem-outdated",
                &[
                    ("file", Arg::from(file.clone())),
                    ("current", Arg::from(*current)),
                ],
            ),
            Self::Tampered => text(lang, "bid-problem-tampered"),
            Self::UnknownRequirement { row: r, code: c } => text_with(
                lang,
                "bid-problem-unknown-requirement",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::Duplicate { row: r, code: c } => text_with(
                lang,
                "bid-problem-duplicate",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::MissingRow { code: c } => {
                text_with(lang, "bid-problem-missing-row", &[("code", code(c))])
            }
            Self::MissingAnswer { row: r, code: c } => text_with(
                lang,
                "bid-problem-missing-answer",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::UnknownAnswer {
                row: r,
                code: c,
                value,
            } => text_with(
                lang,
                "bid-problem-unknown-answer",
                &[
                    ("row", row(*r)),
                    ("code", code(c)),
                    ("value", Arg::from(value.clone())),
                ],
            ),
            Self::MissingComment { row: r, code: c } => text_with(
                lang,
                "bid-problem-missing-comment",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::TooLong { row: r, code: c } => text_with(
                lang,
                "bid-problem-too-long",
                &[
                    ("row", row(*r)),
                    ("code", code(c)),
                    ("max", Arg::from(MAX_COMMENT_CHARS)),
                ],
            ),
        }
    }

    /// A stable code for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::File(_) => "file",
            Self::NotQuestionnaire => "not_questionnaire",
            Self::OtherProject => "other_project",
            Self::Outdated { .. } => "outdated",
            Self::Tampered => "tampered",
            Self::UnknownRequirement { .. } => "unknown_requirement",
            Self::Duplicate { .. } => "duplicate",
            Self::MissingRow { .. } => "missing_row",
            Self::MissingAnswer { .. } => "missing_answer",
            Self::UnknownAnswer { .. } => "unknown_answer",
            Self::MissingComment { .. } => "missing_comment",
            Self::TooLong { .. } => "too_long",
        }
    }
}

/// Why a portal link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalRefusal {
    Unknown,
    Expired,
    Revoked,
}

// ---- views ------------------------------------------------------------------

/// A supplier with what the register shows about it.
#[derive(Debug, Clone)]
pub struct SupplierView {
    pub supplier: SupplierRecord,
    /// Certifications past their expiry date, by position.
    pub expired: Vec<bool>,
    /// Projects it bid on: id, reference, title, the bid's status.
    pub projects: Vec<(ProjectId, String, String, BidStatus)>,
}

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

/// What a supplier sees through its link: its own bid and nothing else.
#[derive(Debug, Clone)]
pub struct PortalView {
    pub link_id: String,
    pub bid: BidRecord,
    pub organisation: String,
    pub project_reference: String,
    pub project_title: String,
    pub criteria: Vec<TenderLine>,
    pub answers: BTreeMap<RequirementCode, AnswerRecord>,
    pub files: Vec<BidFileRecord>,
    pub expires_at: Timestamp,
}

impl PortalView {
    pub fn submitted(&self) -> bool {
        self.bid.status != BidStatus::Pending
    }
}

// ---- parsing ------------------------------------------------------------------

/// SIREN (9 digits) or SIRET (14 digits) with its Luhn key, or nothing.
fn company_id(input: &str) -> Result<String, Invalid> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    if !(digits.len() == 9 || digits.len() == 14) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::CompanyId);
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap_or(0);
            if i % 2 == 1 {
                let double = d * 2;
                if double > 9 { double - 9 } else { double }
            } else {
                d
            }
        })
        .sum();
    // La Poste's establishments do not follow the Luhn key.
    if !sum.is_multiple_of(10) && !digits.starts_with("356000000") {
        return Err(Invalid::CompanyId);
    }
    Ok(digits)
}

/// An intra-EU VAT number: two letters then 2 to 13 letters or digits.
fn vat_number(input: &str) -> Result<String, Invalid> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect::<String>()
        .to_uppercase();
    if compact.is_empty() {
        return Ok(compact);
    }
    let valid = compact.len() >= 4
        && compact.len() <= 15
        && compact.chars().take(2).all(|c| c.is_ascii_uppercase())
        && compact.chars().skip(2).all(|c| c.is_ascii_alphanumeric());
    if valid {
        Ok(compact)
    } else {
        Err(Invalid::Vat)
    }
}

fn certifications(list: &[CertificationInput]) -> Result<Vec<CertificationRecord>, Invalid> {
    list.iter()
        .filter(|c| !(c.name.trim().is_empty() && c.scope.trim().is_empty()))
        .map(|c| {
            if c.name.trim().is_empty() {
                return Err(Invalid::Certification);
            }
            bounded(&c.name, 200)?;
            bounded(&c.scope, 500)?;
            let expiry = c.expires_on.trim();
            Ok(CertificationRecord {
                name: c.name.trim().to_owned(),
                scope: c.scope.trim().to_owned(),
                expires_on: if expiry.is_empty() {
                    None
                } else {
                    Some(Day::parse(expiry).ok_or(Invalid::Date)?)
                },
            })
        })
        .collect()
}

fn percent(input: &str) -> Result<u32, Invalid> {
    input
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|value| *value <= 100)
        .ok_or(Invalid::Percentage)
}

impl SupplierInput {
    /// `record` with the typed fields parsed into it.
    fn parse(&self, record: SupplierRecord) -> Result<SupplierRecord, Invalid> {
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Invalid::SupplierName);
        }
        bounded(&self.contacts, 2_000)?;
        if self.certifications.len() > 50 {
            return Err(Invalid::TextTooLong);
        }
        Ok(SupplierRecord {
            name,
            company_id: company_id(&self.company_id)?,
            vat: vat_number(&self.vat)?,
            contacts: self.contacts.trim().to_owned(),
            certifications: certifications(&self.certifications)?,
            ..record
        })
    }
}

impl RulesInput {
    pub fn parse(&self) -> Result<ScoringRules, Invalid> {
        ScoringRules::new(
            self.partial_fails_eligibility,
            percent(&self.yes)?,
            percent(&self.partial)?,
            percent(&self.no)?,
        )
        .map_err(|_| Invalid::Percentage)
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

/// Checks typed answers against the tender's requirements. `complete`
/// requires an answer to every requirement (a submission, an import);
/// otherwise blanks are kept as blanks (a draft).
fn check_answers(
    criteria: &[TenderLine],
    given: &[(u32, AnswerInput)],
    complete: bool,
) -> Result<Vec<AnswerRecord>, Vec<AnswerProblem>> {
    let wanted: BTreeSet<&str> = criteria.iter().map(|line| line.code.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let mut records = Vec::new();
    for (row, input) in given {
        let (row, code_text) = (*row, input.code.trim().to_owned());
        let Some(code) = RequirementCode::parse(&code_text)
            .ok()
            .filter(|code| wanted.contains(code.as_str()))
        else {
            problems.push(AnswerProblem::UnknownRequirement {
                row,
                code: code_text,
            });
            continue;
        };
        if !seen.insert(code.clone()) {
            problems.push(AnswerProblem::Duplicate {
                row,
                code: code_text,
            });
            continue;
        }
        let word = input.answer.trim();
        let answer = if word.is_empty() {
            if complete {
                problems.push(AnswerProblem::MissingAnswer {
                    row,
                    code: code_text.clone(),
                });
            }
            None
        } else {
            match parse_answer(word) {
                Some(answer) => Some(answer),
                None => {
                    problems.push(AnswerProblem::UnknownAnswer {
                        row,
                        code: code_text.clone(),
                        value: word.to_owned(),
                    });
                    None
                }
            }
        };
        let comment = input.comment.trim().to_owned();
        if comment.chars().count() > MAX_COMMENT_CHARS
            || input.evidence_ref.trim().chars().count() > MAX_COMMENT_CHARS
        {
            problems.push(AnswerProblem::TooLong {
                row,
                code: code_text.clone(),
            });
        }
        if complete && answer.is_some_and(Answer::needs_comment) && comment.is_empty() {
            problems.push(AnswerProblem::MissingComment {
                row,
                code: code_text.clone(),
            });
        }
        records.push(AnswerRecord {
            code,
            answer,
            comment,
            evidence_ref: input.evidence_ref.trim().to_owned(),
        });
    }
    if complete {
        for line in criteria {
            if !seen.contains(&line.code) {
                problems.push(AnswerProblem::MissingRow {
                    code: line.code.to_string(),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

/// Checks the hidden stamp of a returned questionnaire against the tender.
fn check_stamp(
    filled: &FilledQuestionnaire,
    project: ProjectId,
    tender_version: i64,
    checksum: &str,
) -> Result<(), AnswerProblem> {
    let stamp = |key: &str| filled.stamp.get(key).map(|v| v.trim()).unwrap_or_default();
    if stamp("format") != "procura-questionnaire" {
        return Err(AnswerProblem::NotQuestionnaire);
    }
    if stamp("project") != project.to_string() {
        return Err(AnswerProblem::OtherProject);
    }
    if stamp("version").parse::<i64>().ok() != Some(tender_version) {
        return Err(AnswerProblem::Outdated {
            file: stamp("version").to_owned(),
            current: tender_version,
        });
    }
    if stamp("checksum") != checksum {
        return Err(AnswerProblem::Tampered);
    }
    Ok(())
}

fn problems(list: Vec<AnswerProblem>) -> ServiceError {
    ServiceError::Answers(list)
}

// ---- use cases ---------------------------------------------------------------

impl Services {
    // -- the supplier register --

    pub async fn suppliers(
        &self,
        principal: &Principal,
        now: Timestamp,
    ) -> Result<Vec<SupplierView>, ServiceError> {
        principal.require(Permission::ReadCatalog)?;
        let mut conn = self.store().connection().await?;
        let today = Day::from_unix_millis(now.millis());
        let list = bids::suppliers(&mut conn, principal.organisation_id).await?;
        Ok(list
            .into_iter()
            .map(|supplier| SupplierView {
                expired: expired(&supplier.certifications, today),
                supplier,
                projects: Vec::new(),
            })
            .collect())
    }

    pub async fn supplier(
        &self,
        principal: &Principal,
        id: SupplierId,
        now: Timestamp,
    ) -> Result<SupplierView, ServiceError> {
        principal.require(Permission::ReadCatalog)?;
        let mut tx = self.store().begin_read().await?;
        let supplier = bids::find_supplier(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let all = bids::supplier_projects(&mut tx, principal.organisation_id, id).await?;
        // Only the projects this person may see.
        let mut projects = Vec::new();
        for entry in all {
            match self.visible(&mut tx, principal, entry.0).await {
                Ok(_) => projects.push(entry),
                Err(ServiceError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        tx.commit().await?;
        let today = Day::from_unix_millis(now.millis());
        Ok(SupplierView {
            expired: expired(&supplier.certifications, today),
            supplier,
            projects,
        })
    }

    pub async fn create_supplier(
        &self,
        principal: &Principal,
        input: &SupplierInput,
        now: Timestamp,
    ) -> Result<SupplierRecord, ServiceError> {
        principal.require(Permission::ManageSuppliers)?;
        let mut tx = self.store().begin().await?;
        let supplier = self.new_supplier(&mut tx, principal, input, now).await?;
        tx.commit().await?;
        Ok(supplier)
    }

    async fn new_supplier(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        input: &SupplierInput,
        now: Timestamp,
    ) -> Result<SupplierRecord, ServiceError> {
        let supplier = input.parse(SupplierRecord {
            id: SupplierId::from_uuid(new_uuid()?),
            organisation_id: principal.organisation_id,
            name: String::new(),
            company_id: String::new(),
            vat: String::new(),
            contacts: String::new(),
            certifications: Vec::new(),
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
        bids::insert_supplier(tx, &supplier)
            .await
            .map_err(|error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Duplicate(Unique::SupplierName),
                other => other,
            })?;
        record(
            tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::SupplierCreate,
                object: format!("supplier:{}", supplier.id),
                detail: json!({ "name": supplier.name, "company_id": supplier.company_id }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        Ok(supplier)
    }

    pub async fn update_supplier(
        &self,
        principal: &Principal,
        id: SupplierId,
        version: i64,
        input: &SupplierInput,
        now: Timestamp,
    ) -> Result<SupplierRecord, ServiceError> {
        principal.require(Permission::ManageSuppliers)?;
        let mut tx = self.store().begin().await?;
        let current = bids::find_supplier(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let updated = input.parse(SupplierRecord {
            updated_at: now,
            version,
            ..current
        })?;
        let saved = bids::update_supplier(&mut tx, &updated)
            .await
            .map_err(|error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Duplicate(Unique::SupplierName),
                other => other,
            })?;
        if !saved {
            return Err(ServiceError::Conflict);
        }
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::SupplierUpdate,
                object: format!("supplier:{id}"),
                detail: json!({
                    "name": updated.name,
                    "company_id": updated.company_id,
                    "vat": updated.vat,
                    "certifications": updated.certifications.len(),
                    "version": version + 1,
                }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(SupplierRecord {
            version: version + 1,
            ..updated
        })
    }

    // -- bids and the evaluation --

    /// Registers a bid; the supplier is taken from the register by name,
    /// or added to it.
    pub async fn add_bid(
        &self,
        principal: &Principal,
        project: ProjectId,
        supplier_name: &str,
        offer: &str,
        product_version: &str,
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let bid = self
            .add_bid_in(
                &mut tx,
                principal,
                project,
                supplier_name,
                offer,
                product_version,
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(bid)
    }

    #[allow(clippy::too_many_arguments)]
    async fn add_bid_in(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        project: ProjectId,
        supplier_name: &str,
        offer: &str,
        product_version: &str,
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let (record_, _, rights) = self.visible(tx, principal, project).await?;
        if !rights.evaluate {
            return Err(ServiceError::Forbidden);
        }
        if awarded(tx, project).await? {
            return Err(Invalid::EvaluationClosed.into());
        }
        bounded(offer, 200)?;
        bounded(product_version, 100)?;
        let supplier =
            match bids::supplier_by_name(tx, principal.organisation_id, supplier_name).await? {
                Some(supplier) => supplier,
                // A new company joins the register only through someone who
                // keeps it.
                None if !principal.can(Permission::ManageSuppliers) => {
                    return Err(Invalid::UnknownSupplier.into());
                }
                None => {
                    let input = SupplierInput {
                        name: supplier_name.to_owned(),
                        ..SupplierInput::default()
                    };
                    self.new_supplier(tx, principal, &input, now).await?
                }
            };
        let bid = BidRecord {
            id: BidId::from_uuid(new_uuid()?),
            project_id: record_.id,
            supplier_id: supplier.id,
            supplier_name: supplier.name.clone(),
            offer: offer.trim().to_owned(),
            product_version: product_version.trim().to_owned(),
            status: BidStatus::Pending,
            answered_version: None,
            source: None,
            submitted_at: None,
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        bids::insert_bid(tx, &bid).await?;
        crate::projects::log(
            tx,
            principal,
            project,
            now,
            AuditAction::BidAdd,
            json!({ "bid": bid.id.to_string(), "supplier": supplier.name, "offer": bid.offer }),
        )
        .await?;
        Ok(bid)
    }

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

    async fn evaluation_in(
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
            views.push(BidView {
                outdated: bid
                    .answered_version
                    .is_some_and(|version| version != tender.version),
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
    async fn bid_for_change(
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
    async fn bid_for_evaluation(
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

    /// Stores answers in place of the bid's, at `version` (`None`: the
    /// bid's current version, for an import of a file).
    #[allow(clippy::too_many_arguments)]
    async fn store_answers(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        view: &EvaluationView,
        bid: &BidRecord,
        version: Option<i64>,
        answers: &[AnswerRecord],
        source: &str,
        detail: serde_json::Value,
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        match bid.status {
            BidStatus::Awarded => return Err(Invalid::BidClosed.into()),
            BidStatus::Submitted if bid.source.as_deref() == Some("portal") => {
                return Err(Invalid::BidFinal.into());
            }
            _ => {}
        }
        if version.is_some_and(|version| version != bid.version) {
            return Err(ServiceError::Conflict);
        }
        bids::replace_answers(tx, bid.id, answers).await?;
        // A questionnaire file is the supplier's answer as sent: the bid is
        // received (an evaluator may still correct it, unlike a portal
        // submission). Typed answers leave the status as it was.
        let (status, submitted_at) = if source == "import" {
            (BidStatus::Submitted, Some(now))
        } else {
            (bid.status, bid.submitted_at)
        };
        let updated = BidRecord {
            status,
            submitted_at,
            answered_version: Some(view.tender.version),
            source: Some(source.to_owned()),
            updated_at: now,
            ..bid.clone()
        };
        if !bids::update_bid(tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        let action = if source == "import" {
            AuditAction::BidImport
        } else {
            AuditAction::BidAnswers
        };
        let mut detail = detail;
        detail["bid"] = json!(bid.id.to_string());
        detail["supplier"] = json!(bid.supplier_name);
        detail["answers"] = json!(answers.iter().filter(|a| a.answer.is_some()).count());
        crate::projects::log(tx, principal, bid.project_id, now, action, detail).await?;
        Ok(BidRecord {
            version: bid.version + 1,
            ..updated
        })
    }

    /// Imports a filled questionnaire: the file must be the one made for
    /// this project's current requirement list, and every row must be
    /// answered properly; otherwise every problem is reported and nothing
    /// is stored.
    pub async fn import_answers(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        // Who may change the bid is settled before the file is examined: a
        // file from someone outside the project is not read at all. The
        // reading happens outside the write transaction, which is why the
        // check is made again below.
        let mut check = self.store().begin_read().await?;
        self.bid_for_evaluation(&mut check, principal, catalog, bid)
            .await?;
        check.commit().await?;
        let filled = read_questionnaire(bytes, &ReadLimits::default())
            .map_err(|error| problems(vec![AnswerProblem::File(error)]))?;
        let mut tx = self.store().begin().await?;
        let saved = self
            .import_in(&mut tx, principal, catalog, bid, &filled, bytes, now)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Imports a questionnaire for a supplier named as in the register:
    /// into its open bid on the project, or into a new bid registered in
    /// the same transaction, so a refused file leaves nothing behind.
    #[allow(clippy::too_many_arguments)]
    pub async fn import_for_supplier(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        supplier: &str,
        offer: &str,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let mut check = self.store().begin_read().await?;
        let (_, _, rights) = self.visible(&mut check, principal, project).await?;
        check.commit().await?;
        if !rights.evaluate {
            return Err(ServiceError::Forbidden);
        }
        let filled = read_questionnaire(bytes, &ReadLimits::default())
            .map_err(|error| problems(vec![AnswerProblem::File(error)]))?;
        let mut tx = self.store().begin().await?;
        let open = bids::bids_for_project(&mut tx, project)
            .await?
            .into_iter()
            .find(|b| {
                bids::name_key(&b.supplier_name) == bids::name_key(supplier)
                    && b.status != BidStatus::Awarded
                    && (offer.trim().is_empty() || b.offer == offer.trim())
            });
        let bid = match open {
            Some(bid) => bid.id,
            None => {
                self.add_bid_in(&mut tx, principal, project, supplier, offer, "", now)
                    .await?
                    .id
            }
        };
        let saved = self
            .import_in(&mut tx, principal, catalog, bid, &filled, bytes, now)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    #[allow(clippy::too_many_arguments)]
    async fn import_in(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        filled: &FilledQuestionnaire,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let (view, record_) = self.bid_for_evaluation(tx, principal, catalog, bid).await?;
        let selected = crate::tender::selected_requirements(&view.tender.lines);
        let checksum = procura_docs::tender::requirement_checksum(&selected);
        check_stamp(filled, record_.project_id, view.tender.version, &checksum)
            .map_err(|problem| problems(vec![problem]))?;
        let given: Vec<(u32, AnswerInput)> = filled
            .rows
            .iter()
            .map(|row| {
                (
                    row.row,
                    AnswerInput {
                        code: row.code.clone(),
                        answer: row.response.clone(),
                        comment: row.comment.clone(),
                        evidence_ref: row.evidence_ref.clone(),
                    },
                )
            })
            .collect();
        let answers = check_answers(&view.criteria, &given, true).map_err(problems)?;
        let detail = json!({
            "sha256": hex::encode(Sha256::digest(bytes)),
            "size": bytes.len(),
            "lang": filled.stamp.get("lang"),
        });
        self.store_answers(
            tx, principal, &view, &record_, None, &answers, "import", detail, now,
        )
        .await
    }

    /// An evaluator's entry of the answers (from a paper or e-mailed bid).
    /// Blank answers stay blank; unknown words are refused.
    pub async fn save_answers(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        version: i64,
        answers: &[AnswerInput],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (view, record_) = self
            .bid_for_evaluation(&mut tx, principal, catalog, bid)
            .await?;
        let numbered: Vec<(u32, AnswerInput)> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| (u32::try_from(i + 1).unwrap_or(u32::MAX), a.clone()))
            .collect();
        let mut records = check_answers(&view.criteria, &numbered, false).map_err(problems)?;
        // Answers to requirements not in this form are kept.
        for (code, kept) in &view.bid(bid).map(|b| b.answers.clone()).unwrap_or_default() {
            if !records.iter().any(|r| &r.code == code) {
                records.push(kept.clone());
            }
        }
        let saved = self
            .store_answers(
                &mut tx,
                principal,
                &view,
                &record_,
                Some(version),
                &records,
                "manual",
                json!({}),
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Sets (or, with `score` `None`, removes) an evaluator's override.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_override(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        code: &str,
        score: Option<u32>,
        justification: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store().begin().await?;
        let (view, record_) = self
            .bid_for_evaluation(&mut tx, principal, catalog, bid)
            .await?;
        if record_.status == BidStatus::Awarded {
            return Err(Invalid::BidClosed.into());
        }
        let code = view
            .criteria
            .iter()
            .find(|line| line.code.as_str() == code.trim())
            .map(|line| line.code.clone())
            .ok_or(Invalid::UnknownRequirement)?;
        let detail = match score {
            Some(score) => {
                bounded(justification, 2_000)?;
                let held = Override::new(score, justification).map_err(|error| match error {
                    procura_domain::InvalidOverride::Score => Invalid::Percentage,
                    procura_domain::InvalidOverride::Justification => {
                        Invalid::OverrideJustification
                    }
                })?;
                bids::put_override(
                    &mut tx,
                    bid,
                    &OverrideRecord {
                        code: code.clone(),
                        score: held.score,
                        justification: held.justification.clone(),
                        decided_by: principal.user_id,
                        decided_at: now,
                    },
                )
                .await?;
                json!({ "score": held.score, "justification": held.justification })
            }
            None => {
                if !bids::delete_override(&mut tx, bid, &code).await? {
                    return Err(ServiceError::NotFound);
                }
                json!({ "removed": true })
            }
        };
        let mut detail = detail;
        detail["bid"] = json!(bid.to_string());
        detail["supplier"] = json!(record_.supplier_name);
        detail["requirement"] = json!(code.as_str());
        crate::projects::log(
            &mut tx,
            principal,
            record_.project_id,
            now,
            AuditAction::BidOverride,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves the project's scoring rules if nobody changed them since
    /// `version` (0: the defaults).
    pub async fn save_scoring_rules(
        &self,
        principal: &Principal,
        project: ProjectId,
        version: i64,
        input: &RulesInput,
        now: Timestamp,
    ) -> Result<ScoringRules, ServiceError> {
        let rules = input.parse()?;
        let mut tx = self.store().begin().await?;
        let (_, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.evaluate {
            return Err(ServiceError::Forbidden);
        }
        if awarded(&mut tx, project).await? {
            return Err(Invalid::EvaluationClosed.into());
        }
        if !bids::save_rules(&mut tx, project, &rules, principal.user_id, now, version).await? {
            return Err(ServiceError::Conflict);
        }
        crate::projects::log(
            &mut tx,
            principal,
            project,
            now,
            AuditAction::BidRules,
            json!({
                "partial_fails_eligibility": rules.partial_fails_eligibility,
                "yes": rules.yes, "partial": rules.partial, "no": rules.no,
                "version": version + 1,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// Awards the contract to an eligible bid and records what its
    /// supplier committed to, for the management phase.
    pub async fn award(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        version: i64,
        input: &CommitmentInput,
        now: Timestamp,
    ) -> Result<CommitmentRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let record_ = bids::find_bid(&mut tx, principal.organisation_id, bid)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let view = self
            .evaluation_in(&mut tx, principal, catalog, record_.project_id)
            .await?;
        if !view.can_award {
            return Err(ServiceError::Forbidden);
        }
        if record_.version != version {
            return Err(ServiceError::Conflict);
        }
        if view.bids.iter().any(|b| b.bid.status == BidStatus::Awarded) {
            return Err(Invalid::AlreadyAwarded.into());
        }
        let scored = view.bid(bid).ok_or(ServiceError::NotFound)?;
        if !scored.score.eligible {
            return Err(Invalid::BidIneligible.into());
        }
        if record_.status == BidStatus::Pending && record_.source.as_deref() == Some("portal") {
            return Err(Invalid::BidDraft.into());
        }
        if scored.outdated {
            return Err(Invalid::BidOutdated.into());
        }
        if !scored.score.to_verify.is_empty() {
            return Err(Invalid::UnverifiedExemptions.into());
        }
        bounded(&input.remote_access, 2_000)?;
        let support_end = match input.support_end.trim() {
            "" => None,
            text => Some(Day::parse(text).ok_or(Invalid::Date)?),
        };
        let patch_delay_days = match input.patch_delay_days.trim() {
            "" => None,
            text => Some(
                text.parse::<u32>()
                    .ok()
                    .filter(|days| *days <= 3650)
                    .ok_or(Invalid::PatchDelay)?,
            ),
        };
        let mut listed = certifications(&input.certifications)?;
        if listed.is_empty() {
            listed = bids::find_supplier(&mut tx, principal.organisation_id, record_.supplier_id)
                .await?
                .map(|s| s.certifications)
                .unwrap_or_default();
        }
        let commitments = CommitmentRecord {
            project_id: record_.project_id,
            bid_id: bid,
            support_end,
            patch_delay_days,
            remote_access: input.remote_access.trim().to_owned(),
            certifications: listed,
            recorded_by: principal.user_id,
            recorded_at: now,
        };
        let awarded = BidRecord {
            status: BidStatus::Awarded,
            updated_at: now,
            ..record_.clone()
        };
        // Two awards at once: the database's unique index lets one through.
        let second = |error: procura_store::StoreError| match ServiceError::from(error) {
            ServiceError::Duplicate(_) => ServiceError::Invalid(Invalid::AlreadyAwarded),
            other => other,
        };
        if !bids::update_bid(&mut tx, &awarded).await.map_err(second)? {
            return Err(ServiceError::Conflict);
        }
        bids::put_commitments(&mut tx, &commitments)
            .await
            .map_err(second)?;
        crate::projects::log(
            &mut tx,
            principal,
            record_.project_id,
            now,
            AuditAction::BidAward,
            json!({
                "bid": bid.to_string(),
                "supplier": record_.supplier_name,
                "score": scored.score.score_text(),
                "support_end": commitments.support_end.map(|d| d.to_string()),
                "patch_delay_days": commitments.patch_delay_days,
                "remote_access": commitments.remote_access,
                "certifications": commitments.certifications.iter().map(|c| json!({
                    "name": c.name, "scope": c.scope,
                    "expires_on": c.expires_on.map(|d| d.to_string()),
                })).collect::<Vec<_>>(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(commitments)
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

    // -- the supplier portal --

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
        crate::projects::log(
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
        crate::projects::log(
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
    async fn open_link(
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

    async fn portal_view(
        &self,
        tx: &mut procura_store::Tx,
        link: PortalLinkRecord,
        bid: BidRecord,
    ) -> Result<PortalView, ServiceError> {
        let project = procura_store::projects::find_any(tx, bid.project_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let organisation = procura_store::organisations::find(tx, project.organisation_id)
            .await?
            .map(|org| org.name)
            .unwrap_or_default();
        let catalog = procura_catalog::builtin()
            .map_err(|error| ServiceError::Internal(format!("catalogue: {error}")))?;
        let custom =
            procura_store::tender::custom_requirements(tx, project.organisation_id).await?;
        let stored = procura_store::tender::selection(tx, project.id).await?;
        let library = procura_catalog::requirement_library()
            .map_err(|error| ServiceError::Internal(format!("requirement library: {error}")))?;
        let lines = crate::tender::resolve_lines(
            catalog,
            library,
            &project.procurement_types,
            stored.as_ref().map(|(_, lines)| lines.as_slice()),
            &custom,
        );
        let answers = bids::answers(tx, bid.id)
            .await?
            .into_iter()
            .map(|a| (a.code.clone(), a))
            .collect();
        Ok(PortalView {
            link_id: link.id,
            organisation,
            project_reference: project.reference,
            project_title: project.title,
            criteria: lines.into_iter().filter(|l| l.included).collect(),
            answers,
            files: bids::files(tx, bid.id).await?,
            expires_at: link.expires_at,
            bid,
        })
    }

    /// Opens a link in a transaction of its own, so that every use stays
    /// in the audit log (`portal.access`) whatever happens to the work it
    /// was made for; the work, once done, is logged by itself.
    async fn open_logged(
        &self,
        secret: &str,
        address: &str,
        action: AuditAction,
        now: Timestamp,
    ) -> Result<Result<(PortalLinkRecord, BidRecord), PortalRefusal>, ServiceError> {
        let mut tx = self.store().begin().await?;
        let opened = self
            .open_link(&mut tx, secret, address, action, now)
            .await?;
        tx.commit().await?;
        Ok(opened)
    }

    /// Opens a link to change its bid: the bid must still be open (not
    /// submitted, its contract not awarded). The change's transaction is
    /// begun here.
    async fn open_for_change(
        &self,
        secret: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<Result<(PortalLinkRecord, BidRecord, procura_store::Tx), PortalRefusal>, ServiceError>
    {
        let (link, bid) = match self
            .open_logged(secret, address, AuditAction::PortalAccess, now)
            .await?
        {
            Ok(found) => found,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let mut tx = self.store().begin().await?;
        if bid.status != BidStatus::Pending {
            return Err(Invalid::BidFinal.into());
        }
        if awarded(&mut tx, bid.project_id).await? {
            return Err(Invalid::EvaluationClosed.into());
        }
        Ok(Ok((link, bid, tx)))
    }

    /// Opens the portal page of the bid a link names.
    pub async fn portal(
        &self,
        secret: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        let mut tx = self.store().begin().await?;
        let opened = self
            .open_link(&mut tx, secret, address, AuditAction::PortalOpen, now)
            .await?;
        let result = match opened {
            Ok((link, bid)) => Ok(self.portal_view(&mut tx, link, bid).await?),
            Err(refusal) => Err(refusal),
        };
        tx.commit().await?;
        Ok(result)
    }

    /// Saves the supplier's answers as a draft, or submits them: once
    /// submitted they are final.
    pub async fn portal_save(
        &self,
        secret: &str,
        address: &str,
        answers: &[AnswerInput],
        submit: bool,
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        let action = if submit {
            AuditAction::PortalSubmit
        } else {
            AuditAction::PortalSave
        };
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let view = self.portal_view(&mut tx, link.clone(), bid.clone()).await?;
        let numbered: Vec<(u32, AnswerInput)> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| (u32::try_from(i + 1).unwrap_or(u32::MAX), a.clone()))
            .collect();
        let records = check_answers(&view.criteria, &numbered, submit).map_err(problems)?;
        bids::replace_answers(&mut tx, bid.id, &records).await?;
        let tender_version = procura_store::tender::selection(&mut tx, bid.project_id)
            .await?
            .map_or(0, |(selection, _)| selection.version);
        let updated = BidRecord {
            status: if submit {
                BidStatus::Submitted
            } else {
                BidStatus::Pending
            },
            answered_version: Some(tender_version),
            source: Some("portal".to_owned()),
            submitted_at: submit.then_some(now),
            updated_at: now,
            ..bid.clone()
        };
        if !bids::update_bid(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        let organisation = procura_store::projects::find_any(&mut tx, bid.project_id)
            .await?
            .map(|p| p.organisation_id);
        record(
            &mut tx,
            now,
            Change {
                organisation,
                action,
                object: format!("bid:{}", bid.id),
                detail: json!({
                    "link": link.id,
                    "address": address,
                    "answers": records.iter().filter(|a| a.answer.is_some()).count(),
                }),
                actor: Actor::Portal(&link.id),
            },
        )
        .await?;
        if submit {
            procura_store::projects::insert_event(
                &mut tx,
                bid.project_id,
                &procura_store::projects::EventRecord {
                    id: new_uuid()?.to_string(),
                    at: now.millis(),
                    actor: format!("portal:{}", link.id),
                    kind: "bid.submit".to_owned(),
                    detail: json!({ "bid": bid.id.to_string(), "supplier": bid.supplier_name })
                        .to_string(),
                },
            )
            .await?;
        }
        let view = self
            .portal_view(
                &mut tx,
                link,
                BidRecord {
                    version: bid.version + 1,
                    ..updated
                },
            )
            .await?;
        tx.commit().await?;
        Ok(Ok(view))
    }

    /// Attaches an evidence file to the supplier's bid before submission.
    #[allow(clippy::too_many_arguments)]
    pub async fn portal_upload(
        &self,
        secret: &str,
        address: &str,
        code: &str,
        filename: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<Result<BidFileRecord, PortalRefusal>, ServiceError> {
        if bytes.is_empty() {
            return Err(Invalid::EvidenceFile.into());
        }
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        if bids::files(&mut tx, bid.id).await?.len() >= MAX_BID_FILES {
            return Err(Invalid::TooManyFiles.into());
        }
        let code = code.trim();
        if !code.is_empty() {
            let view = self.portal_view(&mut tx, link.clone(), bid.clone()).await?;
            if !view.criteria.iter().any(|l| l.code.as_str() == code) {
                return Err(Invalid::UnknownRequirement.into());
            }
        }
        let file = BidFileRecord {
            id: new_uuid()?.to_string(),
            bid_id: bid.id,
            code: code.to_owned(),
            name: sanitise_filename(filename),
            content_type: sniff_content_type(&bytes).to_owned(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(&bytes)),
            uploaded_at: now,
        };
        bids::insert_file(&mut tx, &file, &bytes).await?;
        let organisation = procura_store::projects::find_any(&mut tx, bid.project_id)
            .await?
            .map(|p| p.organisation_id);
        record(
            &mut tx,
            now,
            Change {
                organisation,
                action: AuditAction::PortalFile,
                object: format!("bid:{}", bid.id),
                detail: json!({ "file": file.id, "name": file.name, "sha256": file.sha256, "size": file.size }),
                actor: Actor::Portal(&link.id),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(file))
    }
}

/// The evaluation report's input in `lang`: bids by rank, then the
/// ineligible ones.
pub fn evaluation_doc(view: &EvaluationView, lang: Lang, generated: &str) -> EvaluationDoc {
    let requirements = view
        .criteria
        .iter()
        .map(|line| EvaluationRequirement {
            code: line.code.to_string(),
            kind: line.kind,
            weight: line.weight,
            text: line.text.get(lang).to_owned(),
        })
        .collect();
    let bids = view
        .ranked()
        .into_iter()
        .map(|bid| EvaluationBid {
            supplier: bid.bid.supplier_name.clone(),
            offer: offer_name(&bid.bid),
            status: bid.bid.status,
            eligible: bid.score.eligible,
            score: bid.score.score_text(),
            scored: bid.score.scored,
            rank: bid.rank,
            selection_outdated: bid.outdated,
            cells: bid
                .score
                .lines
                .iter()
                .map(|line| {
                    let answer = bid.answers.get(&line.code);
                    EvaluationCell {
                        answer: line.answer,
                        credit: line.credit,
                        met: line.met,
                        comment: answer.map(|a| a.comment.clone()).unwrap_or_default(),
                        evidence_ref: answer.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                        override_justification: bid
                            .overrides
                            .get(&line.code)
                            .map(|o| o.justification.clone()),
                    }
                })
                .collect(),
        })
        .collect();
    EvaluationDoc {
        lang,
        organisation: view.tender.organisation.clone(),
        reference: view.tender.project.reference.clone(),
        title: view.tender.project.title.clone(),
        generated: generated.to_owned(),
        rules: view.rules,
        requirements,
        bids,
        awarded: view
            .bids
            .iter()
            .find(|b| b.bid.status == BidStatus::Awarded)
            .map(|b| format!("{} — {}", b.bid.supplier_name, offer_name(&b.bid))),
    }
}

/// The offer's name with its version, as lists show it.
pub fn offer_name(bid: &BidRecord) -> String {
    match (bid.offer.is_empty(), bid.product_version.is_empty()) {
        (false, false) => format!("{} {}", bid.offer, bid.product_version),
        (false, true) => bid.offer.clone(),
        (true, false) => bid.product_version.clone(),
        (true, true) => String::new(),
    }
}

/// Whether the contract of `project` was awarded.
async fn awarded(
    conn: &mut impl procura_store::Connection,
    project: ProjectId,
) -> Result<bool, ServiceError> {
    Ok(bids::bids_for_project(conn, project)
        .await?
        .iter()
        .any(|b| b.status == BidStatus::Awarded))
}

/// Refuses a text longer than `max` characters.
fn bounded(text: &str, max: usize) -> Result<(), Invalid> {
    if text.chars().count() > max {
        Err(Invalid::TextTooLong)
    } else {
        Ok(())
    }
}

fn expired(list: &[CertificationRecord], today: Day) -> Vec<bool> {
    list.iter()
        .map(|c| c.expires_on.is_some_and(|day| day < today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_ids_are_siren_or_siret_with_their_key() {
        assert_eq!(company_id("732 829 320"), Ok("732829320".to_owned()));
        assert_eq!(
            company_id("732 829 320 00074"),
            Ok("73282932000074".to_owned())
        );
        assert_eq!(company_id(""), Ok(String::new()));
        assert_eq!(company_id("732829321"), Err(Invalid::CompanyId));
        assert_eq!(company_id("12345"), Err(Invalid::CompanyId));
        assert_eq!(
            vat_number("fr 40 303 265 045"),
            Ok("FR40303265045".to_owned())
        );
        assert_eq!(vat_number("12"), Err(Invalid::Vat));
    }

    fn line(code: &str, kind: RequirementKind) -> TenderLine {
        TenderLine {
            code: RequirementCode::parse(code).expect("code"),
            included: true,
            kind,
            weight: 0,
            default_kind: kind,
            practices: Vec::new(),
            text: procura_domain::Localized {
                fr: String::new(),
                en: String::new(),
            },
            evidence: procura_domain::Localized {
                fr: String::new(),
                en: String::new(),
            },
            standards: Vec::new(),
            custom: false,
            new: false,
        }
    }

    #[test]
    fn every_row_problem_is_reported_at_once() {
        let criteria = vec![
            line("REQ-A-1", RequirementKind::Award),
            line("REQ-A-2", RequirementKind::Award),
            line("REQ-E-1", RequirementKind::Eligibility),
            line("REQ-C-1", RequirementKind::Clause),
        ];
        let row = |code: &str, answer: &str, comment: &str| AnswerInput {
            code: code.into(),
            answer: answer.into(),
            comment: comment.into(),
            evidence_ref: String::new(),
        };
        let given = vec![
            (6, row("REQ-A-1", "Peut-être", "")),
            (7, row("REQ-A-2", "Partiel", "")),
            (8, row("REQ-E-1", "", "")),
            (9, row("REQ-X-9", "Oui", "")),
            (10, row("REQ-A-1", "Oui", "")),
        ];
        let found = check_answers(&criteria, &given, true).expect_err("refused");
        let codes: Vec<&str> = found.iter().map(AnswerProblem::code).collect();
        assert_eq!(
            codes,
            [
                "unknown_answer",
                "missing_comment",
                "missing_answer",
                "unknown_requirement",
                "duplicate",
                "missing_row"
            ]
        );
        for problem in &found {
            assert_ne!(problem.message(Lang::Fr), problem.message(Lang::En));
        }
        // A draft keeps blanks and needs no comments yet.
        let draft = check_answers(&criteria, &given[1..3], false).expect("draft");
        assert_eq!(draft.len(), 2);
        assert_eq!(draft[1].answer, None);
    }
}
