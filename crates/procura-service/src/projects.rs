//! Procurement projects: creating them with the checklist the catalogue
//! gives, editing them (a change of types adds and retires items), working
//! the checklist, evidence, sign-offs and the phase gate.

use procura_catalog::Catalog;
use procura_domain::{
    CpvCode, Currency, Day, EvidenceId, ItemId, ItemStatus, OrganisationId, Permission, Phase,
    PracticeNumber, ProcurementType, ProjectId, ProjectReference, ProjectRole, Role, Stage,
    TextField, Timestamp, UserId, check_gate, may_change_project_cisos,
};
use procura_store::items::{self, EvidenceKind, EvidenceRecord, ItemRecord};
use procura_store::projects::{
    self, EventRecord, PlannedDates, ProjectRecord, SignOffRecord, StakeholderRecord,
};
use procura_store::{Tx, users};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::audit::{Actor, Change, record};
use crate::secret::new_uuid;
use crate::{Denial, Invalid, Principal, ServiceError, Services};

/// Project fields as typed by a person or sent by a script.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    pub reference: String,
    pub title: String,
    pub description: String,
    pub procurement_types: Vec<ProcurementType>,
    pub estimated_value: Option<String>,
    pub currency: Option<String>,
    pub cpv_codes: Vec<String>,
    pub sites: Vec<String>,
    pub special_category_data: bool,
    /// Start and end of planning, supplier selection and management, `YYYY-MM-DD`.
    pub planned: [Option<String>; 6],
    /// E-mail addresses of organisation members and their project role.
    pub stakeholders: Vec<(String, String)>,
}

/// Validated project fields.
pub(crate) struct ParsedProject {
    pub(crate) reference: ProjectReference,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) procurement_types: Vec<ProcurementType>,
    pub(crate) estimated_value: Option<i64>,
    pub(crate) currency: Option<String>,
    pub(crate) cpv_codes: Vec<String>,
    pub(crate) sites: Vec<String>,
    pub(crate) special_category_data: bool,
    pub(crate) planned: PlannedDates,
}

fn optional_text(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

fn parse_day(value: &Option<String>) -> Result<Option<Day>, Invalid> {
    optional_text(value)
        .map(|text| Day::parse(text).ok_or(Invalid::Date))
        .transpose()
}

impl ProjectInput {
    pub(crate) fn parse(&self) -> Result<ParsedProject, Invalid> {
        let reference =
            ProjectReference::parse(&self.reference).ok_or(Invalid::ProjectReference)?;
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(Invalid::ProjectTitle);
        }
        let mut procurement_types = self.procurement_types.clone();
        procurement_types.sort();
        procurement_types.dedup();
        if procurement_types.is_empty() {
            return Err(Invalid::ProcurementTypes);
        }
        let estimated_value = optional_text(&self.estimated_value)
            .map(|text| {
                text.replace([' ', '\u{a0}', '\u{202f}'], "")
                    .parse::<i64>()
                    .ok()
                    .filter(|value| *value >= 0)
                    .ok_or(Invalid::EstimatedValue)
            })
            .transpose()?;
        let currency = optional_text(&self.currency)
            .map(|text| {
                Currency::parse(text)
                    .map(|c| c.as_str().to_owned())
                    .ok_or(Invalid::Currency)
            })
            .transpose()?;
        let currency = match (estimated_value, currency) {
            (Some(_), None) => Some("EUR".to_owned()),
            (_, currency) => currency,
        };
        let mut cpv_codes = Vec::new();
        for code in self
            .cpv_codes
            .iter()
            .flat_map(|text| text.split([',', ' ', '\n']))
        {
            if code.trim().is_empty() {
                continue;
            }
            let parsed = CpvCode::parse(code).map_err(|_| Invalid::Cpv)?;
            if !cpv_codes.contains(&parsed.as_str().to_owned()) {
                cpv_codes.push(parsed.as_str().to_owned());
            }
        }
        let sites: Vec<String> = self
            .sites
            .iter()
            .flat_map(|text| text.lines())
            .map(str::trim)
            .filter(|site| !site.is_empty())
            .map(|site| TextField::Site.check(site).map(str::to_owned))
            .collect::<Result<_, _>>()?;
        if sites.len() > procura_domain::MAX_SITES {
            return Err(Invalid::TooManySites);
        }
        let description = TextField::ProjectDescription.check(self.description.trim())?;
        let [a, b, c, d, e, f] = &self.planned;
        Ok(ParsedProject {
            reference,
            title: title.to_owned(),
            description: description.to_owned(),
            procurement_types,
            estimated_value,
            currency,
            cpv_codes,
            sites,
            special_category_data: self.special_category_data,
            planned: PlannedDates {
                planning: (parse_day(a)?, parse_day(b)?),
                supplier_selection: (parse_day(c)?, parse_day(d)?),
                management: (parse_day(e)?, parse_day(f)?),
            },
        })
    }
}

/// A change to one checklist item.
#[derive(Debug, Clone, Default)]
pub struct ItemChange {
    pub status: String,
    pub justification: String,
    /// E-mail of the owner, empty for none.
    pub owner: String,
    pub due_date: Option<String>,
    pub notes: String,
    /// The version the person edited.
    pub version: i64,
}

/// Everything the project page shows.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub project: ProjectRecord,
    pub stakeholders: Vec<StakeholderRecord>,
    pub items: Vec<ItemRecord>,
    pub evidence: Vec<EvidenceRecord>,
    pub sign_offs: Vec<SignOffRecord>,
    pub events: Vec<EventRecord>,
    /// What the file the project was imported from claimed, apart from the
    /// project's own history; `None` for a project made here.
    pub imported: Option<crate::transfer::ImportedHistory>,
    /// E-mail addresses of the organisation's members, by user id.
    pub people: Vec<(UserId, String)>,
    pub can_edit_project: bool,
    pub can_edit_items: bool,
    pub can_sign_off: bool,
    pub can_force: bool,
}

impl ProjectView {
    pub fn email_of(&self, user: UserId) -> Option<&str> {
        self.people
            .iter()
            .find(|(id, _)| *id == user)
            .map(|(_, email)| email.as_str())
    }
}

/// A portfolio line: the project and its progress per phase.
#[derive(Debug, Clone)]
pub struct PortfolioEntry {
    pub project: ProjectRecord,
    /// (phase, settled items, live items) in phase order.
    pub progress: Vec<(Phase, i64, i64)>,
    pub overdue: i64,
}

/// Which page of a long list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// From 1.
    pub number: u32,
    pub per_page: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            number: 1,
            per_page: 50,
        }
    }
}

/// One page of the portfolio and how many projects match in all.
#[derive(Debug, Clone)]
pub struct PortfolioPage {
    pub entries: Vec<PortfolioEntry>,
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
}

impl PortfolioPage {
    pub fn has_more(&self) -> bool {
        (self.page as usize) * (self.per_page as usize) < self.total
    }
}

/// Filters of the portfolio; empty ones do not filter.
#[derive(Debug, Clone, Default)]
pub struct PortfolioFilter {
    pub procurement_type: Option<ProcurementType>,
    pub stage: Option<Stage>,
    pub owner: Option<UserId>,
    pub text: Option<String>,
}

/// What a principal may do on one project.
pub(crate) struct Rights {
    pub(crate) view: bool,
    /// May choose the tender's security requirements: whoever may edit
    /// the project, and the project's CISO.
    pub(crate) edit_tender: bool,
    /// May keep the risk register and the DPIA screening: the project team.
    pub(crate) edit_risks: bool,
    /// May accept residual risks: the project's CISO.
    pub(crate) accept_risks: bool,
    /// May register bids, enter or import answers and override scores:
    /// the buyers and the CISO.
    pub(crate) evaluate: bool,
    /// May award the contract: the project's editors.
    pub(crate) award: bool,
    edit_project: bool,
    edit_items: bool,
    sign_off: bool,
    force: bool,
}

fn rights(
    principal: &Principal,
    project: &ProjectRecord,
    stakeholders: &[StakeholderRecord],
) -> Rights {
    let admin = principal.can(Permission::SeeAllProjects);
    let roles: Vec<ProjectRole> = stakeholders
        .iter()
        .filter(|s| s.user_id == principal.user_id)
        .map(|s| s.role)
        .collect();
    let creator = project.created_by == principal.user_id;
    let edit_project = admin
        || creator
        || roles
            .iter()
            .any(|r| matches!(r, ProjectRole::Buyer | ProjectRole::Cio));
    Rights {
        view: admin || creator || !roles.is_empty(),
        edit_tender: edit_project || roles.contains(&ProjectRole::Ciso),
        edit_risks: admin || creator || roles.iter().any(|r| r.edits_items()),
        accept_risks: roles.contains(&ProjectRole::Ciso),
        evaluate: edit_project || roles.contains(&ProjectRole::Ciso),
        award: edit_project,
        edit_project,
        edit_items: admin || creator || roles.iter().any(|r| r.edits_items()),
        sign_off: roles.contains(&ProjectRole::Ciso),
        force: principal.role == Role::Admin || principal.superadmin,
    }
}

fn event(
    actor: &Principal,
    now: Timestamp,
    kind: &str,
    detail: Value,
) -> Result<EventRecord, ServiceError> {
    Ok(EventRecord {
        id: new_uuid()?.to_string(),
        at: now.millis(),
        actor: actor.email.to_string(),
        kind: kind.to_owned(),
        detail: detail.to_string(),
    })
}

/// Records the change in the project's timeline and in the audit log.
pub(crate) async fn log(
    tx: &mut Tx,
    principal: &Principal,
    project: ProjectId,
    now: Timestamp,
    action: &'static str,
    detail: Value,
) -> Result<(), ServiceError> {
    projects::insert_event(tx, project, &event(principal, now, action, detail.clone())?).await?;
    record(
        tx,
        now,
        Change {
            organisation: Some(principal.organisation_id),
            action,
            object: format!("project:{project}"),
            detail,
            actor: Actor::User(principal),
        },
    )
    .await
}

/// Adds the items the types call for, retires those they no longer call
/// for, and brings back retired ones that apply again — keeping every
/// item's status, notes and evidence.
pub(crate) async fn sync_checklist(
    tx: &mut Tx,
    catalog: &Catalog,
    project: ProjectId,
    types: &[ProcurementType],
    now: Timestamp,
) -> Result<(usize, usize), ServiceError> {
    let wanted = catalog.checklist(types);
    let existing = items::for_project(tx, project).await?;
    let mut added = 0;
    let mut retired = 0;
    for (phase, practice) in &wanted {
        match existing
            .iter()
            .find(|item| item.phase == *phase && item.practice == *practice)
        {
            Some(item) if item.retired => {
                let revived = ItemRecord {
                    retired: false,
                    updated_at: now,
                    ..item.clone()
                };
                items::update(tx, &revived).await?;
                added += 1;
            }
            Some(_) => {}
            None => {
                items::insert(
                    tx,
                    &ItemRecord {
                        id: ItemId::from_uuid(new_uuid()?),
                        project_id: project,
                        phase: *phase,
                        practice: *practice,
                        status: ItemStatus::Todo,
                        justification: String::new(),
                        owner_id: None,
                        due_date: None,
                        notes: String::new(),
                        retired: false,
                        created_at: now,
                        updated_at: now,
                        version: 1,
                    },
                )
                .await?;
                added += 1;
            }
        }
    }
    for item in existing.iter().filter(|item| !item.retired) {
        if !wanted.contains(&(item.phase, item.practice)) {
            let gone = ItemRecord {
                retired: true,
                updated_at: now,
                ..item.clone()
            };
            items::update(tx, &gone).await?;
            retired += 1;
        }
    }
    Ok((added, retired))
}

async fn resolve_stakeholders(
    tx: &mut Tx,
    organisation: OrganisationId,
    wanted: &[(String, String)],
) -> Result<Vec<(UserId, ProjectRole)>, ServiceError> {
    let members = users::members(tx, organisation).await?;
    let mut resolved = Vec::new();
    for (email, role) in wanted {
        if email.trim().is_empty() {
            continue;
        }
        let role = ProjectRole::parse(role).ok_or(Invalid::ProjectRole)?;
        let member = members
            .iter()
            .find(|m| m.user.email.as_str() == email.trim().to_lowercase())
            .ok_or(Invalid::UnknownMember)?;
        if !resolved.contains(&(member.user.id, role)) {
            resolved.push((member.user.id, role));
        }
    }
    Ok(resolved)
}

/// The holders of the project `ciso` role among stakeholders.
fn ciso_holders(stakeholders: impl IntoIterator<Item = (UserId, ProjectRole)>) -> Vec<UserId> {
    stakeholders
        .into_iter()
        .filter(|(_, role)| *role == ProjectRole::Ciso)
        .map(|(user, _)| user)
        .collect()
}

/// Refuses a change of the project's CISOs by someone who may not make it.
pub(crate) fn check_ciso_change(
    principal: &Principal,
    before: &[UserId],
    after: &[UserId],
) -> Result<(), ServiceError> {
    if may_change_project_cisos(principal.grants(), before, after) {
        Ok(())
    } else {
        Err(ServiceError::Denied(Denial::ProjectCiso))
    }
}

impl Services {
    pub async fn create_project(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        input: &ProjectInput,
        now: Timestamp,
    ) -> Result<ProjectRecord, ServiceError> {
        principal.require(Permission::CreateProjects)?;
        let parsed = input.parse()?;
        let id = ProjectId::from_uuid(new_uuid()?);
        let project = ProjectRecord {
            id,
            organisation_id: principal.organisation_id,
            reference: parsed.reference.to_string(),
            title: parsed.title,
            description: parsed.description,
            procurement_types: parsed.procurement_types,
            estimated_value: parsed.estimated_value,
            currency: parsed.currency,
            cpv_codes: parsed.cpv_codes,
            sites: parsed.sites,
            special_category_data: parsed.special_category_data,
            stage: Stage::Planning,
            planned: parsed.planned,
            catalog_edition: catalog.edition.id.clone(),
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let mut tx = self.store().begin().await?;
        let stakeholders =
            resolve_stakeholders(&mut tx, principal.organisation_id, &input.stakeholders).await?;
        check_ciso_change(principal, &[], &ciso_holders(stakeholders.iter().copied()))?;
        projects::insert(&mut tx, &project).await?;
        projects::set_stakeholders(&mut tx, id, &stakeholders).await?;
        let (added, _) =
            sync_checklist(&mut tx, catalog, id, &project.procurement_types, now).await?;
        let starters = crate::risks::starter_risks(catalog, id, &project.procurement_types, now)?;
        for risk in &starters {
            procura_store::risks::insert(&mut tx, risk).await?;
        }
        log(
            &mut tx,
            principal,
            id,
            now,
            "project.create",
            json!({
                "reference": project.reference,
                "title": project.title,
                "items": added,
                "proposed_risks": starters.len(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(project)
    }

    /// Loads a project the principal may see; others are `NotFound`.
    pub(crate) async fn visible(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<(ProjectRecord, Vec<StakeholderRecord>, Rights), ServiceError> {
        let project = projects::find(tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let stakeholders = projects::stakeholders(tx, id).await?;
        let rights = rights(principal, &project, &stakeholders);
        if !rights.view {
            return Err(ServiceError::NotFound);
        }
        Ok((project, stakeholders, rights))
    }

    pub async fn project(
        &self,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<ProjectView, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let (project, stakeholders, rights) = self.visible(&mut tx, principal, id).await?;
        let items = items::for_project(&mut tx, id).await?;
        let evidence = items::evidence_for_project(&mut tx, id).await?;
        let sign_offs = projects::sign_offs(&mut tx, id).await?;
        let events = projects::events(&mut tx, id).await?;
        let imported = projects::imported_history(&mut tx, id)
            .await?
            .map(crate::transfer::ImportedHistory::from_record)
            .transpose()?;
        let people = users::members(&mut tx, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect();
        Ok(ProjectView {
            project,
            stakeholders,
            items,
            evidence,
            sign_offs,
            events,
            imported,
            people,
            can_edit_project: rights.edit_project,
            can_edit_items: rights.edit_items,
            can_sign_off: rights.sign_off,
            can_force: rights.force,
        })
    }

    pub async fn project_by_reference(
        &self,
        principal: &Principal,
        reference: &str,
    ) -> Result<ProjectView, ServiceError> {
        let mut conn = self.store().connection().await?;
        let project =
            projects::find_by_reference(&mut conn, principal.organisation_id, reference.trim())
                .await?
                .ok_or(ServiceError::NotFound)?;
        drop(conn);
        self.project(principal, project.id).await
    }

    /// Saves project fields if nobody changed the project since `version`.
    pub async fn update_project(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        id: ProjectId,
        input: &ProjectInput,
        version: i64,
        now: Timestamp,
    ) -> Result<ProjectRecord, ServiceError> {
        let parsed = input.parse()?;
        let mut tx = self.store().begin().await?;
        let (current, current_stakeholders, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.edit_project {
            return Err(ServiceError::Forbidden);
        }
        if current.version != version {
            return Err(ServiceError::Conflict);
        }
        let stakeholders =
            resolve_stakeholders(&mut tx, principal.organisation_id, &input.stakeholders).await?;
        check_ciso_change(
            principal,
            &ciso_holders(current_stakeholders.iter().map(|s| (s.user_id, s.role))),
            &ciso_holders(stakeholders.iter().copied()),
        )?;
        let types_changed = current.procurement_types != parsed.procurement_types;
        let updated = ProjectRecord {
            reference: parsed.reference.to_string(),
            title: parsed.title,
            description: parsed.description,
            procurement_types: parsed.procurement_types,
            estimated_value: parsed.estimated_value,
            currency: parsed.currency,
            cpv_codes: parsed.cpv_codes,
            sites: parsed.sites,
            special_category_data: parsed.special_category_data,
            planned: parsed.planned,
            updated_at: now,
            ..current.clone()
        };
        if !projects::update(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        projects::set_stakeholders(&mut tx, id, &stakeholders).await?;
        let mut detail = json!({ "reference": updated.reference, "title": updated.title });
        if types_changed {
            let (added, retired) =
                sync_checklist(&mut tx, catalog, id, &updated.procurement_types, now).await?;
            detail = json!({
                "reference": updated.reference,
                "procurement_types": updated.procurement_types.iter().map(|t| t.id()).collect::<Vec<_>>(),
                "items_added": added,
                "items_retired": retired,
            });
        }
        log(&mut tx, principal, id, now, "project.update", detail).await?;
        let saved = projects::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn update_item(
        &self,
        principal: &Principal,
        id: ItemId,
        change: &ItemChange,
        now: Timestamp,
    ) -> Result<ItemRecord, ServiceError> {
        let status = ItemStatus::parse(&change.status).ok_or(Invalid::ItemStatus)?;
        let justification = TextField::Justification
            .check(change.justification.trim())?
            .to_owned();
        let notes = TextField::ItemNotes.check(change.notes.trim())?.to_owned();
        if status == ItemStatus::NotApplicable && justification.is_empty() {
            return Err(ServiceError::Invalid(Invalid::Justification));
        }
        let due_date = parse_day(&change.due_date)?;
        let mut tx = self.store().begin().await?;
        let current = items::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (project, _, rights) = self.visible(&mut tx, principal, current.project_id).await?;
        if !rights.edit_items {
            return Err(ServiceError::Forbidden);
        }
        if current.version != change.version {
            return Err(ServiceError::Conflict);
        }
        let owner = if change.owner.trim().is_empty() {
            None
        } else {
            let members = users::members(&mut tx, principal.organisation_id).await?;
            let wanted = change.owner.trim().to_lowercase();
            Some(
                members
                    .iter()
                    .find(|m| m.user.email.as_str() == wanted || m.user.id.to_string() == wanted)
                    .ok_or(Invalid::UnknownMember)?
                    .user
                    .id,
            )
        };
        let updated = ItemRecord {
            status,
            justification,
            owner_id: owner,
            due_date,
            notes,
            updated_at: now,
            ..current.clone()
        };
        if !items::update(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        log(
            &mut tx,
            principal,
            project.id,
            now,
            "item.update",
            json!({
                "item": id.to_string(),
                "practice": current.practice.id(),
                "phase": current.phase.id(),
                "status": { "from": current.status.id(), "to": status.id() },
            }),
        )
        .await?;
        let saved = items::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    /// The item as it is now, for a form shown again after a conflict.
    pub async fn item(
        &self,
        principal: &Principal,
        id: ItemId,
    ) -> Result<ItemRecord, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let item = items::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, item.project_id).await?;
        Ok(item)
    }

    pub async fn add_evidence_link(
        &self,
        principal: &Principal,
        item: ItemId,
        label: &str,
        url: &str,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        let url = evidence_link(url)?;
        let label = if TextField::EvidenceName.check(label.trim())?.is_empty() {
            url
        } else {
            label.trim()
        };
        self.add_evidence(
            principal,
            item,
            EvidenceKind::Link,
            label,
            Some(url.to_owned()),
            None,
            now,
        )
        .await
    }

    /// Stores an uploaded file with the evidence row, in one transaction:
    /// a failure leaves neither behind.
    pub async fn add_evidence_file(
        &self,
        principal: &Principal,
        item: ItemId,
        filename: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        if bytes.is_empty() {
            return Err(ServiceError::Invalid(Invalid::EvidenceFile));
        }
        let name = sanitise_filename(filename);
        self.add_evidence(
            principal,
            item,
            EvidenceKind::File,
            &name,
            None,
            Some(bytes),
            now,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn add_evidence(
        &self,
        principal: &Principal,
        item: ItemId,
        kind: EvidenceKind,
        name: &str,
        url: Option<String>,
        bytes: Option<Vec<u8>>,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let target = items::find(&mut tx, principal.organisation_id, item)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (_, _, rights) = self.visible(&mut tx, principal, target.project_id).await?;
        if !rights.edit_items {
            return Err(ServiceError::Forbidden);
        }
        let evidence = EvidenceRecord {
            id: EvidenceId::from_uuid(new_uuid()?),
            item_id: item,
            project_id: target.project_id,
            kind,
            name: name.to_owned(),
            url,
            sha256: bytes
                .as_ref()
                .map(|bytes| hex::encode(Sha256::digest(bytes))),
            size: bytes
                .as_ref()
                .map(|bytes| i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
            content_type: bytes
                .as_ref()
                .map(|bytes| sniff_content_type(bytes).to_owned()),
            uploaded_by: principal.user_id,
            created_at: now,
        };
        items::insert_evidence(&mut tx, &evidence, bytes.as_deref()).await?;
        log(
            &mut tx,
            principal,
            target.project_id,
            now,
            "evidence.add",
            json!({
                "item": item.to_string(),
                "practice": target.practice.id(),
                "name": evidence.name,
                "sha256": evidence.sha256,
                "size": evidence.size,
                "url": evidence.url,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(evidence)
    }

    /// A file's record and bytes, for download by someone who sees its project.
    pub async fn evidence_file(
        &self,
        principal: &Principal,
        id: EvidenceId,
    ) -> Result<(EvidenceRecord, Vec<u8>), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let evidence = items::find_evidence(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, evidence.project_id)
            .await?;
        let bytes = items::evidence_content(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok((evidence, bytes))
    }

    /// A CISO stakeholder signs off the project's current phase.
    pub async fn sign_off(
        &self,
        principal: &Principal,
        id: ProjectId,
        comment: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        TextField::Comment.check(comment.trim())?;
        let mut tx = self.store().begin().await?;
        let (project, _, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.sign_off {
            return Err(ServiceError::Forbidden);
        }
        let phase = project.stage.phase().ok_or(Invalid::ProjectClosed)?;
        if projects::sign_offs(&mut tx, id)
            .await?
            .iter()
            .any(|s| s.phase == phase)
        {
            return Err(ServiceError::Invalid(Invalid::AlreadySignedOff));
        }
        projects::insert_sign_off(
            &mut tx,
            id,
            &SignOffRecord {
                phase,
                signed_by: principal.user_id,
                signed_at: now,
                comment: comment.trim().to_owned(),
            },
        )
        .await?;
        log(
            &mut tx,
            principal,
            id,
            now,
            "project.sign_off",
            json!({ "phase": phase.id(), "comment": comment.trim() }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves the project to its next stage when the gate allows it.
    pub async fn advance(
        &self,
        principal: &Principal,
        id: ProjectId,
        now: Timestamp,
    ) -> Result<Stage, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (project, _, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.edit_project && !rights.sign_off {
            return Err(ServiceError::Forbidden);
        }
        let phase = project.stage.phase();
        let items: Vec<(PracticeNumber, ItemStatus)> = items::for_project(&mut tx, id)
            .await?
            .into_iter()
            .filter(|item| !item.retired && Some(item.phase) == phase)
            .map(|item| (item.practice, item.status))
            .collect();
        let signed = projects::sign_offs(&mut tx, id)
            .await?
            .iter()
            .any(|s| Some(s.phase) == phase);
        let reviewed = procura_store::risks::reviews(&mut tx, id)
            .await?
            .iter()
            .any(|review| review.stage == project.stage);
        let next =
            check_gate(project.stage, &items, signed, reviewed).map_err(ServiceError::Gate)?;
        self.move_to(&mut tx, principal, project, next, None, now)
            .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// An administrator moves the project on whatever the gate says, with a reason.
    pub async fn force_advance(
        &self,
        principal: &Principal,
        id: ProjectId,
        reason: &str,
        now: Timestamp,
    ) -> Result<Stage, ServiceError> {
        let reason = TextField::Reason.check(reason.trim())?;
        if reason.is_empty() {
            return Err(ServiceError::Invalid(Invalid::ForceReason));
        }
        let mut tx = self.store().begin().await?;
        let (project, _, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.force {
            return Err(ServiceError::Forbidden);
        }
        let next = project.stage.next().ok_or(Invalid::ProjectClosed)?;
        self.move_to(&mut tx, principal, project, next, Some(reason), now)
            .await?;
        tx.commit().await?;
        Ok(next)
    }

    async fn move_to(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        project: ProjectRecord,
        next: Stage,
        forced: Option<&str>,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let from = project.stage;
        let moved = ProjectRecord {
            stage: next,
            updated_at: now,
            ..project
        };
        if !projects::update(tx, &moved).await? {
            return Err(ServiceError::Conflict);
        }
        let (action, detail) = match forced {
            Some(reason) => (
                "project.force_advance",
                json!({ "from": from.id(), "to": next.id(), "reason": reason }),
            ),
            None => (
                "project.advance",
                json!({ "from": from.id(), "to": next.id() }),
            ),
        };
        log(tx, principal, moved.id, now, action, detail).await
    }

    /// One page of the projects the caller may see, filtered, by reference,
    /// with their progress per phase. The database filters and pages;
    /// free text, which folds accents, is matched here.
    pub async fn portfolio(
        &self,
        principal: &Principal,
        filter: &PortfolioFilter,
        today: Day,
        page: PageRequest,
    ) -> Result<PortfolioPage, ServiceError> {
        let mut conn = self.store().connection().await?;
        let selection = projects::Selection {
            member: (!principal.can(Permission::SeeAllProjects)).then_some(principal.user_id),
            procurement_type: filter.procurement_type,
            stage: filter.stage,
            owner: filter.owner,
        };
        let per_page = i64::from(page.per_page.clamp(1, 500));
        let number = page.number.max(1);
        let offset = (i64::from(number) - 1).saturating_mul(per_page);
        let text = filter
            .text
            .as_deref()
            .map(procura_catalog::fold)
            .filter(|text| !text.trim().is_empty());
        let (listed, total, progress) = match text {
            None => {
                let total =
                    projects::count(&mut conn, principal.organisation_id, &selection).await?;
                let listed = projects::page(
                    &mut conn,
                    principal.organisation_id,
                    &selection,
                    per_page,
                    offset,
                )
                .await?;
                let progress = projects::page_progress(
                    &mut conn,
                    principal.organisation_id,
                    &selection,
                    per_page,
                    offset,
                    today,
                )
                .await?;
                (listed, usize::try_from(total).unwrap_or(0), progress)
            }
            Some(text) => {
                let all = projects::page(
                    &mut conn,
                    principal.organisation_id,
                    &selection,
                    i64::MAX,
                    0,
                )
                .await?;
                let matching: Vec<ProjectRecord> = all
                    .into_iter()
                    .filter(|project| {
                        procura_catalog::fold(&format!(
                            "{} {} {}",
                            project.reference, project.title, project.description
                        ))
                        .contains(text.trim())
                    })
                    .collect();
                let total = matching.len();
                let listed: Vec<ProjectRecord> = matching
                    .into_iter()
                    .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                    .take(usize::try_from(per_page).unwrap_or(usize::MAX))
                    .collect();
                let mut progress = Vec::new();
                for project in &listed {
                    progress.extend(projects::progress(&mut conn, project.id, today).await?);
                }
                (listed, total, progress)
            }
        };
        let entries = listed
            .into_iter()
            .map(|project| {
                let id = project.id.to_string();
                let rows: Vec<_> = progress.iter().filter(|row| row.project_id == id).collect();
                let per_phase = Phase::ALL
                    .iter()
                    .map(|phase| {
                        let (settled, total) = rows
                            .iter()
                            .filter(|row| row.phase == phase.id())
                            .fold((0, 0), |(settled, total), row| {
                                let done = ItemStatus::parse(&row.status)
                                    .is_some_and(ItemStatus::is_settled);
                                (
                                    settled + if done { row.items } else { 0 },
                                    total + row.items,
                                )
                            });
                        (*phase, settled, total)
                    })
                    .collect();
                let overdue = rows.iter().map(|row| row.overdue).sum();
                PortfolioEntry {
                    project,
                    progress: per_phase,
                    overdue,
                }
            })
            .collect();
        Ok(PortfolioPage {
            entries,
            total,
            page: number,
            per_page: u32::try_from(per_page).unwrap_or(u32::MAX),
        })
    }

    /// The caller's own live items across projects, by due date (undated last).
    pub async fn my_items(
        &self,
        principal: &Principal,
    ) -> Result<Vec<(ItemRecord, String, String)>, ServiceError> {
        let mut conn = self.store().connection().await?;
        let mut owned =
            items::owned_by(&mut conn, principal.organisation_id, principal.user_id).await?;
        owned.sort_by(|(a, ref_a, _), (b, ref_b, _)| {
            (a.due_date.is_none(), a.due_date, ref_a, a.phase, a.practice).cmp(&(
                b.due_date.is_none(),
                b.due_date,
                ref_b,
                b.phase,
                b.practice,
            ))
        });
        Ok(owned)
    }
}

/// An evidence link as the item form accepts it: an `http` or `https`
/// address of at most 2,000 characters without whitespace, trimmed. Imports
/// hold the links they bring to the same rule.
pub(crate) fn evidence_link(url: &str) -> Result<&str, Invalid> {
    let url = url.trim();
    let safe = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2000
        && !url.contains(char::is_whitespace);
    if safe {
        Ok(url)
    } else {
        Err(Invalid::EvidenceLink)
    }
}

/// Keeps the last path component and only characters safe everywhere.
pub fn sanitise_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._- ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    let cleaned: String = cleaned.chars().take(120).collect();
    if cleaned.is_empty() {
        "evidence".to_owned()
    } else {
        cleaned
    }
}

/// The content type from the bytes themselves, never from what the client said.
pub fn sniff_content_type(bytes: &[u8]) -> &'static str {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"PK\x03\x04", "application/zip"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "application/x-ole-storage",
        ),
    ];
    for (signature, content_type) in SIGNATURES {
        if bytes.starts_with(signature) {
            return content_type;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_sanitised() {
        let cases = [
            ("rapport.pdf", "rapport.pdf"),
            ("../../etc/passwd", "passwd"),
            ("C:\\Users\\x\\MDS2 form.xlsx", "MDS2 form.xlsx"),
            ("<script>.html", "_script_.html"),
            ("...", "evidence"),
            ("", "evidence"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitise_filename(input), expected, "{input:?}");
        }
    }

    #[test]
    fn content_type_comes_from_the_bytes() {
        assert_eq!(sniff_content_type(b"%PDF-1.7 ..."), "application/pdf");
        assert_eq!(sniff_content_type(b"PK\x03\x04rest"), "application/zip");
        assert_eq!(
            sniff_content_type(b"plain words"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            sniff_content_type(&[0xff, 0x00, 0xfe]),
            "application/octet-stream"
        );
    }
}
