//! The tender's security requirements for a project: Procura proposes them
//! from the project's types and the library, the team includes, excludes,
//! re-kinds and re-weighs them, adds the organisation's own requirements,
//! and the annex and questionnaire are made from the result.
//!
//! Reading never writes: until the team first saves, the selection shown is
//! the proposal itself (version 0). Requirements that become applicable
//! after the project's types change appear excluded, for the team to take
//! or leave, so a saved weighting is never silently altered.

mod publication;
mod terms;

pub use publication::{
    PublicationRecord, answered_publication, changed_codes, modifications_since,
};

use std::collections::BTreeSet;

use procura_catalog::{Catalog, RequirementLibrary};
use procura_domain::{
    AuditAction, CustomRequirementRecord, Localized, Penalty, PenaltyCap, Permission,
    PracticeNumber, ProcurementType, ProjectId, ProjectRecord, ReferenceId, RequirementCode,
    RequirementKind, SelectedRequirement, TenderInput, TenderTerms, Timestamp, WeightsDoNotTotal,
    check_weights, distribute,
};
use procura_store::tender::{self, LineRecord, SelectionRecord};
use procura_store::{Connection, organisations};
use serde_json::json;

use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services};

/// One requirement as the selection page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderLine {
    pub code: RequirementCode,
    pub included: bool,
    pub kind: RequirementKind,
    /// Whole percent, for award criteria.
    pub weight: u32,
    /// The kind the library (or the organisation) gave it.
    pub default_kind: RequirementKind,
    pub practices: Vec<PracticeNumber>,
    /// Short title: the library's, or the first words of an own requirement.
    pub title: Localized,
    pub text: Localized,
    pub evidence: Localized,
    pub standards: Vec<String>,
    pub refs: Vec<ReferenceId>,
    /// A caution for the buyer, never printed in the documents.
    pub note: Option<Localized>,
    /// Why it is asked of this purchase beyond the guidelines' mapping.
    pub beyond_enisa: Option<Localized>,
    pub penalty: Option<Penalty>,
    /// What it is about, the first its theme; none for own requirements.
    pub topics: Vec<procura_domain::Topic>,
    /// One of the organisation's own requirements.
    pub custom: bool,
    /// Became applicable after the selection was last saved.
    pub new: bool,
}

/// A project's selection, ready to show or to turn into documents.
#[derive(Debug, Clone)]
pub struct TenderView {
    pub project: ProjectRecord,
    pub organisation: String,
    /// 0 while the selection is the unsaved proposal.
    pub version: i64,
    pub lines: Vec<TenderLine>,
    /// The lot and the penalty cap the documents state.
    pub terms: TenderTerms,
    /// The cap the library proposes, shown beside the buyer's.
    pub default_penalty_cap: u32,
    /// The organisation's own requirements not yet in this selection.
    pub available_custom: Vec<CustomRequirementRecord>,
    pub can_edit: bool,
    /// The DCE's publications, the first first; empty while a draft.
    pub publications: Vec<PublicationRecord>,
    /// The bids registered so far, which a change would affect.
    pub bid_count: usize,
}

impl TenderView {
    pub fn included(&self) -> impl Iterator<Item = &TenderLine> {
        self.lines.iter().filter(|line| line.included)
    }

    /// The weights of the included award criteria.
    pub fn award_weights(&self) -> Vec<u32> {
        self.included()
            .filter(|line| line.kind == RequirementKind::Award)
            .map(|line| line.weight)
            .collect()
    }

    pub fn weight_check(&self) -> Result<(), WeightsDoNotTotal> {
        check_weights(&self.award_weights())
    }

    /// The publication in force, once the DCE went out.
    pub fn published(&self) -> Option<&PublicationRecord> {
        self.publications.last()
    }
}

/// What one save changes: own requirements to add, line changes, the
/// spread of award weights, the document terms, and — once the DCE is
/// published — the reason of the modification, without which nothing is
/// saved.
#[derive(Debug, Clone, Copy, Default)]
pub struct TenderEdit<'a> {
    pub adds: &'a [String],
    pub changes: &'a [LineChange],
    pub spread: bool,
    pub terms: Option<&'a TermsChange>,
    pub modification: Option<&'a str>,
}

/// A change to one line, as typed in the form or sent by a script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineChange {
    pub code: String,
    pub included: bool,
    pub kind: String,
    pub weight: String,
    /// The clause's penalty in euros excluding VAT, as typed; empty keeps
    /// the library's amount.
    pub penalty: String,
}

/// The document terms as typed: the lot (empty for a single lot) and the
/// penalty cap in percent (empty for the library's default); `None` keeps
/// what is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsChange {
    pub lot: Option<String>,
    pub penalty_cap: Option<String>,
    /// The grading scale's steps as typed; empty keeps the scale as it is.
    pub grading: Vec<GradeChange>,
}

/// One step of the grading scale as typed: a side left empty takes the
/// other language's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GradeChange {
    pub grade: u32,
    pub label_fr: String,
    pub label_en: String,
    pub descriptor_fr: String,
    pub descriptor_en: String,
}

/// A new requirement for the organisation's own library.
#[derive(Debug, Clone, Default)]
pub struct CustomRequirementInput {
    pub kind: String,
    pub importance: Option<u32>,
    pub practices: Vec<u8>,
    pub procurement_types: Vec<ProcurementType>,
    pub text_fr: String,
    pub text_en: String,
    pub evidence_fr: String,
    pub evidence_en: String,
}

fn library() -> Result<&'static RequirementLibrary, ServiceError> {
    procura_catalog::requirement_library()
        .map_err(|error| ServiceError::Internal(format!("requirement library: {error}")))
}

/// A text in both languages from what was typed: a side left empty takes
/// the other side, so a French-only requirement still prints in English.
fn both(fr: &str, en: &str) -> Localized {
    let (fr, en) = (fr.trim(), en.trim());
    Localized {
        fr: if fr.is_empty() { en } else { fr }.to_owned(),
        en: if en.is_empty() { fr } else { en }.to_owned(),
    }
}

/// The first words of a text, up to about sixty characters: the title an
/// organisation's own requirement shows in tables, since it has none.
fn short_title(text: &Localized) -> Localized {
    let cut = |text: &str| {
        let first = text.split(['.', ';', ':']).next().unwrap_or(text).trim();
        if first.chars().count() <= 60 {
            return first.to_owned();
        }
        let mut title = String::new();
        for word in first.split_whitespace() {
            if title.chars().count() + word.chars().count() > 58 {
                break;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(word);
        }
        title.push('…');
        title
    };
    Localized::new(cut(&text.fr), cut(&text.en))
}

fn custom_line(record: &CustomRequirementRecord) -> TenderLine {
    TenderLine {
        code: record.code.clone(),
        included: true,
        kind: record.kind,
        weight: 0,
        default_kind: record.kind,
        practices: record.practices.clone(),
        title: short_title(&both(&record.text_fr, &record.text_en)),
        text: both(&record.text_fr, &record.text_en),
        evidence: both(&record.evidence_fr, &record.evidence_en),
        standards: Vec::new(),
        refs: Vec::new(),
        note: None,
        beyond_enisa: None,
        penalty: None,
        topics: Vec::new(),
        custom: true,
        new: false,
    }
}

/// The lines of a selection: the stored ones in their order, then library
/// requirements that apply to the types but are not stored yet. Without a
/// stored selection, the proposal: every applicable requirement included,
/// award weights spread to 100 % by importance.
pub(crate) fn resolve_lines(
    catalog: &Catalog,
    library: &RequirementLibrary,
    types: &[ProcurementType],
    stored: Option<&[LineRecord]>,
    custom: &[CustomRequirementRecord],
) -> Vec<TenderLine> {
    let library_line = |code: &RequirementCode| {
        library
            .requirement(code.as_str())
            .map(|requirement| TenderLine {
                code: requirement.code.clone(),
                included: true,
                kind: requirement.kind,
                weight: 0,
                default_kind: requirement.kind,
                practices: requirement.practices.clone(),
                title: requirement.title.clone(),
                text: requirement.text.clone(),
                evidence: requirement.evidence.clone(),
                standards: requirement.standards.clone(),
                refs: requirement.refs.clone(),
                note: requirement.note.clone(),
                beyond_enisa: requirement.beyond_enisa_for(catalog, types).cloned(),
                penalty: requirement.penalty,
                topics: requirement.topics.clone(),
                custom: false,
                new: false,
            })
    };
    let proposal = library.proposal(catalog, types);
    let Some(stored) = stored else {
        return proposal
            .into_iter()
            .filter_map(|(requirement, weight)| {
                library_line(&requirement.code).map(|line| TenderLine { weight, ..line })
            })
            .collect();
    };
    let mut lines: Vec<TenderLine> = stored
        .iter()
        .filter_map(|record| {
            let base = library_line(&record.code).or_else(|| {
                custom
                    .iter()
                    .find(|own| own.code == record.code)
                    .map(custom_line)
            })?;
            let penalty = match (base.penalty, record.penalty_amount) {
                (Some(penalty), Some(amount)) => Penalty::new(penalty.basis, amount).ok(),
                (penalty, _) => penalty,
            };
            Some(TenderLine {
                included: record.included,
                kind: record.kind,
                weight: record.weight,
                penalty,
                ..base
            })
        })
        .collect();
    let known: BTreeSet<RequirementCode> = lines.iter().map(|line| line.code.clone()).collect();
    for (requirement, _) in proposal {
        if !known.contains(&requirement.code)
            && let Some(line) = library_line(&requirement.code)
        {
            lines.push(TenderLine {
                included: false,
                new: true,
                ..line
            });
        }
    }
    lines
}

/// The document input for the included lines.
fn selected(lines: &[TenderLine]) -> Vec<SelectedRequirement> {
    lines
        .iter()
        .filter(|line| line.included)
        .map(|line| SelectedRequirement {
            code: line.code.clone(),
            kind: line.kind,
            weight: line.weight,
            practices: line.practices.clone(),
            title: line.title.clone(),
            text: line.text.clone(),
            evidence: line.evidence.clone(),
            standards: line.standards.clone(),
            refs: line.refs.clone(),
            note: line.note.clone(),
            beyond_enisa: line.beyond_enisa.clone(),
            penalty: line.penalty,
        })
        .collect()
}

/// The included lines as the documents see them (and the questionnaire's
/// checksum is computed over).
pub(crate) fn selected_requirements(lines: &[TenderLine]) -> Vec<SelectedRequirement> {
    selected(lines)
}

/// A quick draft without a project: every requirement the types call for,
/// as proposed.
pub fn draft_input(
    catalog: &Catalog,
    types: &[ProcurementType],
    organisation: &str,
    generated: &str,
) -> Result<TenderInput, ServiceError> {
    Ok(library()?.draft(catalog, types, organisation, generated))
}

/// Parses the changes against the current lines, in the order given for
/// the lines they name and the current order for the others.
fn apply(lines: &[TenderLine], changes: &[LineChange]) -> Result<Vec<TenderLine>, ServiceError> {
    let mut result = lines.to_vec();
    for change in changes {
        let line = result
            .iter_mut()
            .find(|line| line.code.as_str() == change.code.trim())
            .ok_or(Invalid::UnknownRequirement)?;
        line.included = change.included;
        line.kind = RequirementKind::parse(&change.kind).ok_or(Invalid::RequirementKind)?;
        let weight = change.weight.trim();
        line.weight = if weight.is_empty() {
            0
        } else {
            weight
                .trim_end_matches('%')
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|value| *value <= 100)
                .ok_or(Invalid::Weight)?
        };
        line.new = false;
        if line.kind != RequirementKind::Award {
            line.weight = 0;
        }
        let typed: String = change
            .penalty
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '€')
            .collect();
        if !typed.is_empty()
            && let Some(penalty) = line.penalty
        {
            let amount = typed.parse::<u32>().map_err(|_| Invalid::PenaltyAmount)?;
            line.penalty =
                Some(Penalty::new(penalty.basis, amount).map_err(|_| Invalid::PenaltyAmount)?);
        }
    }
    Ok(result)
}

/// Spreads 100 % over the included award criteria in proportion to their
/// current weights (equally when all are zero).
fn rebalance(lines: &mut [TenderLine]) {
    let award: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.included && line.kind == RequirementKind::Award)
        .map(|(index, _)| index)
        .collect();
    let shares = distribute(&award.iter().map(|i| lines[*i].weight).collect::<Vec<_>>());
    for (index, share) in award.into_iter().zip(shares) {
        lines[index].weight = share;
    }
}

impl Services {
    /// The selection of a project the principal may see.
    pub async fn tender(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
    ) -> Result<TenderView, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        let view = self
            .tender_view(&mut tx, principal, catalog, record, rights.edit_tender)
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    pub(crate) async fn tender_view(
        &self,
        conn: &mut impl Connection,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectRecord,
        can_edit: bool,
    ) -> Result<TenderView, ServiceError> {
        let stored = tender::selection(conn, project.id).await?;
        let custom = tender::custom_requirements(conn, principal.organisation_id).await?;
        let organisation = organisations::find(conn, principal.organisation_id)
            .await?
            .map(|org| org.name)
            .unwrap_or_default();
        let lines = resolve_lines(
            catalog,
            library()?,
            &project.procurement_types,
            stored.as_ref().map(|(_, _, lines)| lines.as_slice()),
            &custom,
        );
        let default_cap = library()?.default_penalty_cap();
        let own_scale = tender::grading(conn, project.id).await?;
        let grading = if own_scale.is_empty() {
            library()?.grading.steps.clone()
        } else {
            own_scale.iter().map(terms::grade_step).collect()
        };
        let terms = match &stored {
            Some((_, terms, _)) => TenderTerms {
                lot: terms.lot.clone(),
                penalty_cap: terms
                    .penalty_cap
                    .and_then(|cap| PenaltyCap::new(cap).ok())
                    .unwrap_or(default_cap),
                grading,
            },
            None => TenderTerms::new(default_cap, grading),
        };
        let available_custom = custom
            .into_iter()
            .filter(|own| !lines.iter().any(|line| line.code == own.code))
            .collect();
        let publications = procura_store::publications::publications(conn, project.id).await?;
        let bid_count = procura_store::bids::bids_for_project(conn, project.id)
            .await?
            .len();
        Ok(TenderView {
            publications,
            bid_count,
            version: stored.map_or(0, |(selection, _, _)| selection.version),
            project,
            organisation,
            lines,
            terms,
            default_penalty_cap: default_cap.percent(),
            available_custom,
            can_edit,
        })
    }

    /// Saves the team's choices if nobody saved since `version`: first the
    /// organisation's own requirements named in `adds` join the selection,
    /// then `changes` apply. With `spread`, the included award criteria are
    /// re-weighted to total 100 % in proportion to the weights given. Award
    /// weights that do not total 100 % are refused and nothing is written.
    /// Once the DCE is published, only a modification with its reason is
    /// saved, as the next publication.
    pub async fn save_tender(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        version: i64,
        edit: &TenderEdit<'_>,
        now: Timestamp,
    ) -> Result<TenderView, ServiceError> {
        let mut tx = self.store().begin().await?;
        let saved = self
            .save_in(&mut tx, principal, catalog, project, version, edit, now)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    #[allow(clippy::too_many_arguments)]
    async fn save_in(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        version: i64,
        edit: &TenderEdit<'_>,
        now: Timestamp,
    ) -> Result<TenderView, ServiceError> {
        let TenderEdit {
            adds,
            changes,
            spread,
            terms,
            modification,
        } = *edit;
        let (record, _, rights) = self.visible(tx, principal, project).await?;
        if !rights.edit_tender {
            return Err(ServiceError::Forbidden);
        }
        let view = self
            .tender_view(tx, principal, catalog, record, true)
            .await?;
        if view.version != version {
            return Err(ServiceError::Conflict);
        }
        let reason = publication::modification_reason(&view, modification)?;
        let mut lines = view.lines.clone();
        for code in adds {
            let own = view
                .available_custom
                .iter()
                .find(|own| own.code.as_str() == code.trim())
                .ok_or(Invalid::UnknownRequirement)?;
            let mut line = custom_line(own);
            // The only award criterion takes the whole weight; otherwise it
            // joins at 0 % and the team re-weighs.
            let awarded = lines
                .iter()
                .any(|l| l.included && l.kind == RequirementKind::Award);
            if line.kind == RequirementKind::Award && !awarded {
                line.weight = procura_domain::WEIGHT_TOTAL;
            }
            lines.push(line);
        }
        let mut lines = apply(&lines, changes)?;
        if spread {
            rebalance(&mut lines);
        }
        let award: Vec<u32> = lines
            .iter()
            .filter(|line| line.included && line.kind == RequirementKind::Award)
            .map(|line| line.weight)
            .collect();
        check_weights(&award).map_err(ServiceError::Weights)?;
        let scale = terms
            .filter(|terms| !terms.grading.is_empty())
            .map(|terms| terms::parse_grading(&terms.grading))
            .transpose()?;
        let terms = terms
            .filter(|terms| terms.lot.is_some() || terms.penalty_cap.is_some())
            .map(|terms| terms::parse_terms(terms, &view.terms))
            .transpose()?;
        self.store_lines(tx, principal, project, version, &lines, now)
            .await?;
        if let Some(terms) = &terms {
            tender::set_terms(tx, project, terms).await?;
        }
        if let Some(steps) = &scale {
            tender::put_grading(tx, project, steps).await?;
        }
        if let Some(reason) = reason {
            let saved = self
                .tender_view(tx, principal, catalog, view.project.clone(), true)
                .await?;
            publication::record_modification(tx, principal, &view, &saved, reason, now).await?;
        }
        let changed: Vec<&str> = lines
            .iter()
            .filter(|after| {
                view.lines
                    .iter()
                    .find(|before| before.code == after.code)
                    .is_none_or(|before| {
                        (after.included, after.kind, after.weight)
                            != (before.included, before.kind, before.weight)
                    })
            })
            .map(|after| after.code.as_str())
            .collect();
        crate::timeline::log(
            tx,
            principal,
            project,
            now,
            AuditAction::TenderUpdate,
            json!({
                "version": version + 1,
                "included": lines.iter().filter(|l| l.included).count(),
                "award_total": award.iter().sum::<u32>(),
                "changed": changed,
            }),
        )
        .await?;
        self.tender_view(tx, principal, catalog, view.project, true)
            .await
    }

    /// Writes every line and moves the selection to `version + 1`,
    /// creating it from version 0.
    async fn store_lines(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        project: ProjectId,
        version: i64,
        lines: &[TenderLine],
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        if version == 0 {
            tender::create_selection(
                tx,
                &SelectionRecord {
                    project_id: project,
                    updated_by: principal.user_id,
                    updated_at: now,
                    version: 1,
                },
            )
            .await
            .map_err(|error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Conflict,
                other => other,
            })?;
        } else if !tender::bump_selection(tx, project, version, principal.user_id, now).await? {
            return Err(ServiceError::Conflict);
        }
        for (position, line) in lines.iter().enumerate() {
            tender::put_line(
                tx,
                project,
                &LineRecord {
                    code: line.code.clone(),
                    position: i64::try_from(position).unwrap_or(i64::MAX),
                    included: line.included,
                    kind: line.kind,
                    weight: line.weight,
                    penalty_amount: line.penalty.map(|penalty| penalty.amount_eur),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Creates a requirement in the organisation's own library (its code is
    /// the next `REQ-ORG-nnn`) and, with a project, adds it to that
    /// project's selection at `version` — both or neither.
    pub async fn create_custom_requirement(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        input: &CustomRequirementInput,
        into: Option<(ProjectId, i64)>,
        now: Timestamp,
    ) -> Result<CustomRequirementRecord, ServiceError> {
        principal.require(Permission::CreateProjects)?;
        let kind = RequirementKind::parse(&input.kind).ok_or(Invalid::RequirementKind)?;
        if input.text_fr.trim().is_empty() && input.text_en.trim().is_empty() {
            return Err(Invalid::RequirementText.into());
        }
        for text in [&input.text_fr, &input.text_en] {
            procura_domain::TextField::RequirementText.check(text.trim())?;
        }
        for evidence in [&input.evidence_fr, &input.evidence_en] {
            procura_domain::TextField::RequirementEvidence.check(evidence.trim())?;
        }
        let importance = match (kind, input.importance) {
            (RequirementKind::Award, Some(value @ 1..=5)) => value,
            (RequirementKind::Award, None) => 3,
            (RequirementKind::Award, Some(_)) => return Err(Invalid::Weight.into()),
            _ => 0,
        };
        let mut practices = Vec::new();
        for number in &input.practices {
            let practice = PracticeNumber::new(*number)
                .filter(|n| catalog.practice(*n).is_some())
                .ok_or(Invalid::Practice)?;
            if !practices.contains(&practice) {
                practices.push(practice);
            }
        }
        practices.sort();
        let mut procurement_types = input.procurement_types.clone();
        procurement_types.sort();
        procurement_types.dedup();
        let clean = |text: &str| text.trim().to_owned();
        let mut tx = self.store().begin().await?;
        let count = tender::custom_count(&mut tx, principal.organisation_id).await?;
        let sequence = u32::try_from(count + 1).map_err(|_| Invalid::RequirementText)?;
        let record = CustomRequirementRecord {
            id: new_uuid()?.to_string(),
            organisation_id: principal.organisation_id,
            code: RequirementCode::custom(sequence),
            kind,
            importance,
            practices,
            procurement_types,
            text_fr: clean(&input.text_fr),
            text_en: clean(&input.text_en),
            evidence_fr: clean(&input.evidence_fr),
            evidence_en: clean(&input.evidence_en),
            created_by: principal.user_id,
            created_at: now,
        };
        // Two people creating at once draw the same number: the second is
        // told to retry rather than shown a duplicate.
        tender::insert_custom(&mut tx, &record)
            .await
            .map_err(|error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Conflict,
                other => other,
            })?;
        crate::audit::record(
            &mut tx,
            now,
            crate::audit::Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::RequirementCreate,
                object: format!("requirement:{}", record.code),
                detail: json!({ "code": record.code.as_str(), "kind": kind.id() }),
                actor: crate::audit::Actor::User(principal),
            },
        )
        .await?;
        if let Some((project, version)) = into {
            let adds = [record.code.to_string()];
            let edit = TenderEdit {
                adds: &adds,
                ..TenderEdit::default()
            };
            self.save_in(&mut tx, principal, catalog, project, version, &edit, now)
                .await?;
        }
        tx.commit().await?;
        Ok(record)
    }

    /// The organisation's own requirement library.
    pub async fn custom_requirements(
        &self,
        principal: &Principal,
    ) -> Result<Vec<CustomRequirementRecord>, ServiceError> {
        principal.require(Permission::ReadCatalog)?;
        let mut conn = self.store().connection().await?;
        Ok(tender::custom_requirements(&mut conn, principal.organisation_id).await?)
    }

    /// What the annex and questionnaire of a project are made from. Refused
    /// while the award weights do not total 100 %.
    pub async fn tender_input(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        generated: &str,
    ) -> Result<TenderInput, ServiceError> {
        let view = self.tender(principal, catalog, project).await?;
        view.weight_check().map_err(ServiceError::Weights)?;
        Ok(TenderInput {
            organisation: view.organisation.clone(),
            project_id: Some(view.project.id.to_string()),
            reference: Some(view.project.reference.to_string()),
            title: view.project.title.clone(),
            description: view.project.description.clone(),
            types: view.project.procurement_types.clone(),
            generated: generated.to_owned(),
            version: view.version,
            requirements: selected(&view.lines),
            terms: view.terms.clone(),
        })
    }
}

#[cfg(test)]
mod tests;
