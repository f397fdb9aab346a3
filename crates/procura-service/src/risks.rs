//! A project's risk register (good practices 11 and 13), its review in
//! every phase, the DPIA screening (good practice 19), and the
//! organisation's risk matrix and appetite.
//!
//! Risks name a threat group of the catalogue; Procura suggests the
//! practices that map to that group and to the project's types, and the
//! tender requirements that implement them.

use procura_catalog::Catalog;
use procura_domain::{
    Day, DpiaCriterion, Permission, PracticeNumber, ProcurementType, ProjectId, RiskId, RiskLevel,
    RiskMatrix, RiskStatus, Stage, Step, TextField, ThreatGroup, Timestamp, Treatment, UserId,
    dpia_required,
};
use procura_store::projects::ProjectRecord;
use procura_store::risks::{self, DpiaRecord, ReviewRecord, RiskRecord, RiskSettings};
use procura_store::{Tx, users};
use serde_json::json;

use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services};

/// The practices that mitigate a threat group for a purchase of `types`,
/// exactly as the catalogue maps them.
pub fn suggested_practices(
    catalog: &Catalog,
    threat: ThreatGroup,
    types: &[ProcurementType],
) -> Vec<PracticeNumber> {
    catalog
        .mitigating_practices(threat, types)
        .into_iter()
        .map(|practice| practice.number)
        .collect()
}

/// The tender requirements that implement those practices and fit the types.
pub fn suggested_requirements(
    catalog: &Catalog,
    practices: &[PracticeNumber],
    types: &[ProcurementType],
) -> Vec<String> {
    let Ok(library) = procura_catalog::requirement_library() else {
        return Vec::new();
    };
    library
        .proposed(catalog, types)
        .into_iter()
        .filter(|requirement| requirement.practices.iter().any(|n| practices.contains(n)))
        .map(|requirement| requirement.code.to_string())
        .collect()
}

/// The threat groups a purchase of `types` exposes: those some applicable
/// practice addresses. Starter risks are proposed for each.
pub fn relevant_threats(catalog: &Catalog, types: &[ProcurementType]) -> Vec<ThreatGroup> {
    ThreatGroup::ALL
        .iter()
        .copied()
        .filter(|threat| !catalog.mitigating_practices(*threat, types).is_empty())
        .collect()
}

/// The proposed risks a new project starts with: one per relevant threat
/// group, on its first example threat, with the suggested mitigations.
pub fn starter_risks(
    catalog: &Catalog,
    project: ProjectId,
    types: &[ProcurementType],
    now: Timestamp,
) -> Result<Vec<RiskRecord>, ServiceError> {
    relevant_threats(catalog, types)
        .into_iter()
        .map(|threat| {
            let entry = catalog.threat(threat);
            let practices = suggested_practices(catalog, threat, types);
            Ok(RiskRecord {
                id: RiskId::from_uuid(new_uuid()?),
                project_id: project,
                status: RiskStatus::Proposed,
                threat_group: threat,
                example: entry.examples.first().map(|example| example.id.clone()),
                description: String::new(),
                asset: String::new(),
                likelihood: Step::new(2).unwrap_or(Step::ALL[0]),
                severity: Step::new(3).unwrap_or(Step::ALL[0]),
                treatment: None,
                owner_id: None,
                due_date: None,
                requirements: suggested_requirements(catalog, &practices, types),
                practices,
                residual_likelihood: None,
                residual_severity: None,
                accepted_by: None,
                accepted_at: None,
                created_at: now,
                updated_at: now,
                version: 1,
            })
        })
        .collect()
}

/// One risk with its levels under the organisation's matrix.
#[derive(Debug, Clone)]
pub struct RiskView {
    pub record: RiskRecord,
    pub inherent: RiskLevel,
    pub residual: Option<RiskLevel>,
    /// The residual (or, untreated, the inherent) level is above the appetite.
    pub above_appetite: bool,
}

impl RiskView {
    pub fn new(record: RiskRecord, settings: &RiskSettings) -> RiskView {
        let inherent = settings.matrix.level(record.likelihood, record.severity);
        let residual = match (record.residual_likelihood, record.residual_severity) {
            (Some(l), Some(s)) => Some(settings.matrix.level(l, s)),
            _ => None,
        };
        RiskView {
            above_appetite: residual.unwrap_or(inherent) > settings.appetite,
            record,
            inherent,
            residual,
        }
    }
}

/// A project's register, reviews and DPIA screening.
#[derive(Debug, Clone)]
pub struct RegisterView {
    pub project: ProjectRecord,
    pub risks: Vec<RiskView>,
    pub reviews: Vec<ReviewRecord>,
    pub reviewed_this_stage: bool,
    pub dpia: Option<DpiaRecord>,
    pub settings: RiskSettings,
    pub people: Vec<(UserId, String)>,
    pub can_edit: bool,
    /// The project's CISO accepts residual risks.
    pub can_accept: bool,
}

impl RegisterView {
    pub fn email_of(&self, user: UserId) -> Option<&str> {
        self.people
            .iter()
            .find(|(id, _)| *id == user)
            .map(|(_, email)| email.as_str())
    }

    /// Open risks only: proposed and dismissed ones are not in the register.
    pub fn open(&self) -> impl Iterator<Item = &RiskView> {
        self.risks
            .iter()
            .filter(|risk| risk.record.status == RiskStatus::Open)
    }
}

/// A risk as typed in the form or sent by a script. Empty means "none".
#[derive(Debug, Clone, Default)]
pub struct RiskInput {
    pub threat_group: String,
    pub example: String,
    pub description: String,
    pub asset: String,
    pub likelihood: String,
    pub severity: String,
    pub treatment: String,
    /// The owner's e-mail address.
    pub owner: String,
    pub due_date: String,
    /// Practice numbers; empty on a new risk means "the suggested ones".
    pub practices: Vec<u8>,
    pub requirements: Vec<String>,
    pub residual_likelihood: String,
    pub residual_severity: String,
}

fn step(value: &str) -> Result<Step, Invalid> {
    value
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Step::new)
        .ok_or(Invalid::RiskStep)
}

fn optional_step(value: &str) -> Result<Option<Step>, Invalid> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        step(value).map(Some)
    }
}

/// The fields of `input` applied over `base`, validated.
fn apply(
    catalog: &Catalog,
    input: &RiskInput,
    people: &[(UserId, String)],
    types: &[ProcurementType],
    base: RiskRecord,
    new: bool,
) -> Result<RiskRecord, Invalid> {
    let threat_group =
        ThreatGroup::from_id(input.threat_group.trim()).map_err(|_| Invalid::ThreatGroup)?;
    let example = match input.example.trim() {
        "" => None,
        id => {
            let known = catalog
                .threat(threat_group)
                .examples
                .iter()
                .any(|example| example.id == id);
            if !known {
                return Err(Invalid::ThreatExample);
            }
            Some(id.to_owned())
        }
    };
    if example.is_none() && input.description.trim().is_empty() {
        return Err(Invalid::RiskDescription);
    }
    let owner_id = match input.owner.trim() {
        "" => None,
        email => Some(
            people
                .iter()
                .find(|(_, known)| known.eq_ignore_ascii_case(email))
                .map(|(id, _)| *id)
                .ok_or(Invalid::UnknownMember)?,
        ),
    };
    let due_date = match input.due_date.trim() {
        "" => None,
        text => Some(Day::parse(text).ok_or(Invalid::Date)?),
    };
    let treatment = match input.treatment.trim() {
        "" => None,
        id => Some(Treatment::parse(id).ok_or(Invalid::Treatment)?),
    };
    let mut practices = Vec::new();
    for number in &input.practices {
        let number = PracticeNumber::new(*number)
            .filter(|n| catalog.practice(*n).is_some())
            .ok_or(Invalid::Practice)?;
        if !practices.contains(&number) {
            practices.push(number);
        }
    }
    practices.sort();
    let mut requirements: Vec<String> = Vec::new();
    for code in input.requirements.iter().map(|code| code.trim()) {
        if code.is_empty() {
            continue;
        }
        let code = procura_domain::RequirementCode::parse(code)
            .map_err(|_| Invalid::UnknownRequirement)?;
        if !requirements.contains(&code.to_string()) {
            requirements.push(code.to_string());
        }
    }
    if new && practices.is_empty() {
        practices = suggested_practices(catalog, threat_group, types);
        if requirements.is_empty() {
            requirements = suggested_requirements(catalog, &practices, types);
        }
    }
    let residual_likelihood = optional_step(&input.residual_likelihood)?;
    let residual_severity = optional_step(&input.residual_severity)?;
    if residual_likelihood.is_some() != residual_severity.is_some() {
        return Err(Invalid::RiskStep);
    }
    Ok(RiskRecord {
        threat_group,
        example,
        description: TextField::RiskDescription
            .check(input.description.trim())?
            .to_owned(),
        asset: TextField::RiskAsset.check(input.asset.trim())?.to_owned(),
        likelihood: step(&input.likelihood)?,
        severity: step(&input.severity)?,
        treatment,
        owner_id,
        due_date,
        practices,
        requirements,
        residual_likelihood,
        residual_severity,
        ..base
    })
}

impl Services {
    async fn register_view(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        project: ProjectRecord,
        can_edit: bool,
        can_accept: bool,
    ) -> Result<RegisterView, ServiceError> {
        let settings = risks::settings(tx, principal.organisation_id).await?;
        let mut records = risks::for_project(tx, project.id).await?;
        // Starter risks share their creation time: the catalogue's order then.
        records.sort_by_key(|risk| {
            (
                risk.created_at,
                ThreatGroup::ALL
                    .iter()
                    .position(|group| *group == risk.threat_group),
            )
        });
        let reviews = risks::reviews(tx, project.id).await?;
        let dpia = risks::dpia(tx, project.id).await?;
        let people = users::members(tx, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect();
        Ok(RegisterView {
            reviewed_this_stage: reviews.iter().any(|review| review.stage == project.stage),
            risks: records
                .into_iter()
                .map(|record| RiskView::new(record, &settings))
                .collect(),
            reviews,
            dpia,
            settings,
            people,
            project,
            can_edit,
            can_accept,
        })
    }

    pub async fn register(
        &self,
        principal: &Principal,
        project: ProjectId,
    ) -> Result<RegisterView, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        let view = self
            .register_view(
                &mut tx,
                principal,
                record,
                rights.edit_risks,
                rights.accept_risks,
            )
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Adds an open risk to the register.
    pub async fn add_risk(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        input: &RiskInput,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_risks {
            return Err(ServiceError::Forbidden);
        }
        let people = self.people(&mut tx, principal).await?;
        let base = RiskRecord {
            id: RiskId::from_uuid(new_uuid()?),
            project_id: project,
            status: RiskStatus::Open,
            threat_group: ThreatGroup::ALL[0],
            example: None,
            description: String::new(),
            asset: String::new(),
            likelihood: Step::ALL[0],
            severity: Step::ALL[0],
            treatment: None,
            owner_id: None,
            due_date: None,
            practices: Vec::new(),
            requirements: Vec::new(),
            residual_likelihood: None,
            residual_severity: None,
            accepted_by: None,
            accepted_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let risk = apply(
            catalog,
            input,
            &people,
            &record.procurement_types,
            base,
            true,
        )?;
        risks::insert(&mut tx, &risk).await?;
        crate::projects::log(
            &mut tx,
            principal,
            project,
            now,
            "risk.add",
            json!({ "risk": risk.id.to_string(), "threat_group": risk.threat_group.id() }),
        )
        .await?;
        tx.commit().await?;
        Ok(risk)
    }

    async fn people(
        &self,
        tx: &mut Tx,
        principal: &Principal,
    ) -> Result<Vec<(UserId, String)>, ServiceError> {
        Ok(users::members(tx, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect())
    }

    async fn editable_risk(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        id: RiskId,
    ) -> Result<(RiskRecord, ProjectRecord, crate::projects::Rights), ServiceError> {
        let risk = risks::find(tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (project, _, rights) = self.visible(tx, principal, risk.project_id).await?;
        Ok((risk, project, rights))
    }

    /// The one path every change of a risk takes: load it within the
    /// organisation, check the right and the version, let `change` build
    /// the new record, save it (a concurrent change makes this touch no
    /// row), and log `action` on the project's timeline and audit log.
    #[allow(clippy::too_many_arguments)]
    async fn change_risk(
        &self,
        principal: &Principal,
        id: RiskId,
        version: i64,
        may: fn(&crate::projects::Rights) -> bool,
        action: &'static str,
        now: Timestamp,
        change: impl FnOnce(
            RiskRecord,
            &ProjectRecord,
            &[(UserId, String)],
        ) -> Result<RiskRecord, ServiceError>,
    ) -> Result<RiskRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (current, project, rights) = self.editable_risk(&mut tx, principal, id).await?;
        if !may(&rights) {
            return Err(ServiceError::Forbidden);
        }
        if current.version != version {
            return Err(ServiceError::Conflict);
        }
        let people = self.people(&mut tx, principal).await?;
        let updated = RiskRecord {
            updated_at: now,
            ..change(current, &project, &people)?
        };
        if !risks::update(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        crate::projects::log(
            &mut tx,
            principal,
            project.id,
            now,
            action,
            json!({ "risk": id.to_string(), "status": updated.status.id() }),
        )
        .await?;
        tx.commit().await?;
        Ok(RiskRecord {
            version: version + 1,
            ..updated
        })
    }

    /// Saves a risk's fields if nobody changed it since `version`. An
    /// acceptance holds for the assessment accepted: any change of levels
    /// or treatment withdraws it.
    pub async fn update_risk(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        id: RiskId,
        input: &RiskInput,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let edit = |rights: &crate::projects::Rights| rights.edit_risks;
        self.change_risk(
            principal,
            id,
            version,
            edit,
            "risk.update",
            now,
            |current, project, people| {
                let mut updated = apply(
                    catalog,
                    input,
                    people,
                    &project.procurement_types,
                    current.clone(),
                    false,
                )?;
                let assessment = |r: &RiskRecord| {
                    (
                        r.likelihood,
                        r.severity,
                        r.treatment,
                        r.residual_likelihood,
                        r.residual_severity,
                    )
                };
                if assessment(&updated) != assessment(&current) {
                    updated.accepted_by = None;
                    updated.accepted_at = None;
                }
                Ok(updated)
            },
        )
        .await
    }

    /// Takes a proposed risk into the register (`open`) or sets it aside
    /// (`dismissed`); a change of status withdraws an acceptance.
    pub async fn set_risk_status(
        &self,
        principal: &Principal,
        id: RiskId,
        status: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let status = RiskStatus::parse(status)
            .filter(|status| *status != RiskStatus::Proposed)
            .ok_or(Invalid::RiskStatus)?;
        let edit = |rights: &crate::projects::Rights| rights.edit_risks;
        self.change_risk(
            principal,
            id,
            version,
            edit,
            "risk.status",
            now,
            |current, _, _| {
                let withdrawn = status != current.status;
                Ok(RiskRecord {
                    status,
                    accepted_by: if withdrawn { None } else { current.accepted_by },
                    accepted_at: if withdrawn { None } else { current.accepted_at },
                    ..current
                })
            },
        )
        .await
    }

    /// The project's CISO accepts the residual risk.
    pub async fn accept_residual(
        &self,
        principal: &Principal,
        id: RiskId,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let accept = |rights: &crate::projects::Rights| rights.accept_risks;
        self.change_risk(
            principal,
            id,
            version,
            accept,
            "risk.accept",
            now,
            |current, _, _| {
                if current.residual_likelihood.is_none() || current.status != RiskStatus::Open {
                    return Err(Invalid::ResidualMissing.into());
                }
                Ok(RiskRecord {
                    accepted_by: Some(principal.user_id),
                    accepted_at: Some(now),
                    ..current
                })
            },
        )
        .await
    }

    /// Records that the register was reviewed in the project's current
    /// stage, with what changed since the previous review.
    pub async fn review_risks(
        &self,
        principal: &Principal,
        project: ProjectId,
        note: &str,
        now: Timestamp,
    ) -> Result<ReviewRecord, ServiceError> {
        TextField::Comment.check(note.trim())?;
        let mut tx = self.store().begin().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_risks {
            return Err(ServiceError::Forbidden);
        }
        if record.stage == Stage::Closed {
            return Err(Invalid::ProjectClosed.into());
        }
        let since = risks::reviews(&mut tx, project)
            .await?
            .last()
            .map_or(Timestamp(i64::MIN), |review| review.reviewed_at);
        let all = risks::for_project(&mut tx, project).await?;
        let added = all.iter().filter(|r| r.created_at > since).count();
        let changed = all
            .iter()
            .filter(|r| r.created_at <= since && r.updated_at > since)
            .count();
        let open = all.iter().filter(|r| r.status == RiskStatus::Open).count();
        // The record is written in the reviewer's language, like a comment.
        let lang = principal.lang.unwrap_or(procura_domain::Lang::Fr);
        let counts = procura_i18n::text_with(
            lang,
            "risks-review-summary",
            &[
                ("open", open.into()),
                ("added", added.into()),
                ("changed", changed.into()),
            ],
        );
        let summary = if note.trim().is_empty() {
            counts
        } else {
            format!("{counts} {}", note.trim())
        };
        let review = ReviewRecord {
            id: new_uuid()?.to_string(),
            project_id: project,
            stage: record.stage,
            reviewed_by: principal.user_id,
            reviewed_at: now,
            summary,
        };
        risks::insert_review(&mut tx, &review).await?;
        crate::projects::log(
            &mut tx,
            principal,
            project,
            now,
            "risk.review",
            json!({ "stage": record.stage.id(), "open": open, "added": added, "changed": changed }),
        )
        .await?;
        tx.commit().await?;
        Ok(review)
    }

    /// Saves the DPIA screening: the criteria met, the result of the rule
    /// and the data protection officer's decision.
    pub async fn screen_dpia(
        &self,
        principal: &Principal,
        project: ProjectId,
        criteria: &[String],
        decision: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<DpiaRecord, ServiceError> {
        TextField::Decision.check(decision.trim())?;
        let mut met = Vec::new();
        for id in criteria {
            let criterion = DpiaCriterion::parse(id).ok_or(Invalid::DpiaCriterion)?;
            if !met.contains(&criterion) {
                met.push(criterion);
            }
        }
        met.sort();
        let mut tx = self.store().begin().await?;
        let (_, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_risks {
            return Err(ServiceError::Forbidden);
        }
        let record = DpiaRecord {
            project_id: project,
            required: dpia_required(&met),
            criteria: met,
            decision: decision.trim().to_owned(),
            decided_by: principal.user_id,
            decided_at: now,
            version: version + 1,
        };
        if !risks::put_dpia(&mut tx, &record, version).await? {
            return Err(ServiceError::Conflict);
        }
        crate::projects::log(
            &mut tx,
            principal,
            project,
            now,
            "dpia.screen",
            json!({
                "criteria": record.criteria.iter().map(|c| c.id()).collect::<Vec<_>>(),
                "required": record.required,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(record)
    }

    pub async fn risk_settings(&self, principal: &Principal) -> Result<RiskSettings, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(risks::settings(&mut conn, principal.organisation_id).await?)
    }

    /// An administrator sets the organisation's matrix and appetite.
    pub async fn save_risk_settings(
        &self,
        principal: &Principal,
        matrix: &[String],
        appetite: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskSettings, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let cells: Vec<&str> = matrix.iter().map(|cell| cell.trim()).collect();
        if cells.len() != 16 || cells.iter().any(|cell| RiskLevel::parse(cell).is_none()) {
            return Err(Invalid::RiskMatrix.into());
        }
        let matrix = RiskMatrix::from_ids(&cells.join(" ")).ok_or(Invalid::RiskMatrix)?;
        let appetite = RiskLevel::parse(appetite).ok_or(Invalid::RiskLevel)?;
        let settings = RiskSettings {
            matrix,
            appetite,
            version,
        };
        let mut tx = self.store().begin().await?;
        if !risks::put_settings(&mut tx, principal.organisation_id, &settings, now).await? {
            return Err(ServiceError::Conflict);
        }
        crate::audit::record(
            &mut tx,
            now,
            crate::audit::Change {
                organisation: Some(principal.organisation_id),
                action: "risk.settings",
                object: format!("organisation:{}", principal.organisation_id),
                detail: json!({ "matrix": settings.matrix.to_ids(), "appetite": appetite.id() }),
                actor: crate::audit::Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RiskSettings {
            version: version + 1,
            ..settings
        })
    }

    /// The open risks of every project the principal may see, with the
    /// organisation's settings.
    #[allow(clippy::type_complexity)]
    pub async fn risk_portfolio(
        &self,
        principal: &Principal,
    ) -> Result<
        (
            Vec<(RiskView, String, String)>,
            RiskSettings,
            Vec<(UserId, String)>,
        ),
        ServiceError,
    > {
        let mut conn = self.store().connection().await?;
        let people = users::members(&mut conn, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect();
        let settings = risks::settings(&mut conn, principal.organisation_id).await?;
        let viewer = (!principal.can(Permission::SeeAllProjects)).then_some(principal.user_id);
        let rows = risks::for_organisation(&mut conn, principal.organisation_id, viewer).await?;
        let mut views: Vec<(RiskView, String, String)> = rows
            .into_iter()
            .map(|(record, reference, title)| (RiskView::new(record, &settings), reference, title))
            .collect();
        views.sort_by(|a, b| {
            b.0.inherent
                .cmp(&a.0.inherent)
                .then(a.1.cmp(&b.1))
                .then(a.0.record.created_at.cmp(&b.0.record.created_at))
        });
        Ok((views, settings, people))
    }

    /// One risk with its project's register.
    pub async fn risk(
        &self,
        principal: &Principal,
        id: RiskId,
    ) -> Result<(RiskView, RegisterView), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let record = risks::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (project, _, rights) = self.visible(&mut tx, principal, record.project_id).await?;
        let view = self
            .register_view(
                &mut tx,
                principal,
                project,
                rights.edit_risks,
                rights.accept_risks,
            )
            .await?;
        tx.commit().await?;
        let risk = view
            .risks
            .iter()
            .find(|risk| risk.record.id == id)
            .cloned()
            .ok_or(ServiceError::NotFound)?;
        Ok((risk, view))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        procura_catalog::builtin().expect("catalogue")
    }

    fn numbers(list: &[u8]) -> Vec<PracticeNumber> {
        list.iter()
            .filter_map(|n| PracticeNumber::new(*n))
            .collect()
    }

    /// Threat group × types → exactly the practices the catalogue maps to
    /// both, written out by hand from the guidelines' tables.
    #[test]
    fn suggestions_are_the_catalogue_mapping() {
        use ProcurementType::*;
        use ThreatGroup::*;
        let cases: &[(ThreatGroup, &[ProcurementType], &[u8])] = &[
            (
                NaturalPhenomena,
                &[CloudServices],
                &[1, 2, 11, 13, 15, 24, 27],
            ),
            (
                MaliciousActions,
                &[ProfessionalServices],
                &[1, 11, 13, 19, 21, 27],
            ),
            (
                HumanErrors,
                &[BuildingManagementSystems],
                &[1, 5, 8, 11, 13, 21, 24, 27, 29],
            ),
            (
                SupplyChainFailure,
                &[MedicalDevices, NetworkEquipment],
                &[
                    1, 2, 3, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 23, 25, 26, 27, 30,
                ],
            ),
            (
                SystemFailures,
                &[IdentificationSystems],
                &[
                    1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 23, 24, 25, 26,
                    27, 28, 30,
                ],
            ),
        ];
        for (threat, types, expected) in cases {
            let found = suggested_practices(catalog(), *threat, types);
            let expected = numbers(expected);
            // Every suggested practice maps to the threat and a type…
            for number in &found {
                let practice = catalog().practice(*number).expect("practice");
                assert!(practice.addresses(*threat));
                assert!(types.iter().any(|t| practice.applies_to(*t)));
            }
            // …and every such practice is suggested.
            for practice in &catalog().practices {
                let maps =
                    practice.addresses(*threat) && types.iter().any(|t| practice.applies_to(*t));
                assert_eq!(maps, found.contains(&practice.number), "{}", practice.id());
            }
            assert_eq!(found, expected, "{threat:?} {types:?}");
        }
    }

    #[test]
    fn residual_above_appetite_is_flagged() {
        let settings = RiskSettings::default();
        let base = starter_risks(
            catalog(),
            ProjectId::from_uuid(new_uuid().expect("uuid")),
            &[ProcurementType::MedicalDevices],
            Timestamp(0),
        )
        .expect("risks")
        .remove(0);
        let inherent = RiskView::new(base.clone(), &settings);
        assert_eq!(inherent.inherent, RiskLevel::High);
        assert!(inherent.above_appetite);
        let treated = RiskView::new(
            RiskRecord {
                residual_likelihood: Step::new(1),
                residual_severity: Step::new(2),
                ..base
            },
            &settings,
        );
        assert_eq!(treated.residual, Some(RiskLevel::Low));
        assert!(!treated.above_appetite);
    }
}
